import { chromium } from "playwright-core";
import { mkdtempSync } from "node:fs";
import { CHROMIUM_ARGS, chromiumPath } from "./exports/pdf.ts";
import { serveSite } from "./pipelines/site/index.ts";
import { firstChartScript, FIRST_CONTENT } from "./bench/steps/browser.ts";
const site = await serveSite({ dir: process.argv[2], port: 0, announce: false });
for (const path of process.argv[3].split(",")) for (let i = 0; i < 2; i++) {
  const ctx = await chromium.launchPersistentContext(mkdtempSync("/tmp/pmx-"), { executablePath: chromiumPath(), args: CHROMIUM_ARGS, viewport: { width: 1280, height: 900 } });
  const p = ctx.pages()[0];
  await p.addInitScript(firstChartScript(FIRST_CONTENT));
  await p.addInitScript(`(() => { const t0 = performance.now(); window.__longtasks = []; new PerformanceObserver((l) => { for (const e of l.getEntries()) window.__longtasks.push([Math.round(e.startTime), Math.round(e.duration)]); }).observe({ type: "longtask", buffered: true }); })();`);
  await p.goto(site.url + path, { waitUntil: "networkidle" });
  await p.waitForFunction("window.__pmChart && window.__pmChart.drawn !== null");
  const m = await p.evaluate(`({ chart: window.__pmChart, fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime, long: window.__longtasks, res: performance.getEntriesByType("resource").map(r => [r.name.split("/").pop().slice(0,30), Math.round(r.startTime), Math.round(r.responseEnd)]).filter(r => r[2] > 300) })`);
  console.log(path, JSON.stringify(m));
  await ctx.close();
}
await site.close();
