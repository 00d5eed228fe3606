import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "./exports/pdf.ts";
import { serveSite } from "./pipelines/site/index.ts";
const site = await serveSite({ dir: process.argv[2], port: 0, announce: false });
const b = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
const p = await b.newPage();
const errs: string[] = [];
p.on("pageerror", (e) => errs.push(String(e)));
p.on("console", (m) => m.type() === "error" && errs.push(m.text()));
for (const path of (process.argv[3] ?? "enterprises.html?lang=en").split(",")) {
  await p.goto(site.url + path, { waitUntil: "networkidle" });
  await p.waitForTimeout(1500);
  console.log(path, (await p.locator("#observablehq-main").innerText()).slice(0, 900).replace(/\n+/g, " | "));
  console.log("rows", await p.locator("#observablehq-main table tbody tr").count(), "errors", errs.splice(0));
}
await b.close(); await site.close();
