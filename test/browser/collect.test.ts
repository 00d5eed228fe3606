/**
 * The submission form in a real browser (Debian's Chromium through playwright-core) against the
 * real server: a unit enters its key, chooses its file and submits; the receipt page shows what
 * landed and the hostile cells literally (no script runs, no dialog, no CSP error, no request to
 * another host); the English switch works; the receipt downloads as .xlsx.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../../exports/pdf.ts";
import { issueKey, type Server, type Setup, setup, startServer } from "../collect/server-helpers.ts";

const CHROMIUM = chromiumPath();
const HAS_CHROMIUM = existsSync(CHROMIUM);
const HOSTILE = "<img src=x onerror=alert(1)>";

if (!HAS_CHROMIUM && process.env.CI === "true") {
  describe("submission form in Chromium", () => {
    it("needs Chromium", () => {
      throw new Error(`${CHROMIUM} is missing; CI must install it: apt-get install -y chromium fonts-noto-cjk`);
    });
  });
}

describe.skipIf(!HAS_CHROMIUM)("submission form in Chromium", () => {
  let s: Setup;
  let server: Server;
  let browser: Browser;
  let key: string;

  beforeAll(async () => {
    s = await setup();
    key = (await issueKey(s.db, "jxj")).key;
    server = await startServer(s);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    s?.cleanup();
  });

  it("a unit submits with the form and reads its receipt, hostile cells shown as text", async () => {
    const file = join(s.dir, "经信局-2019.csv");
    writeFileSync(file, `指标,年份,数值,单位\n高新技术企业数量,2019,84,家\n高新技术企业数量,2018,"${HOSTILE}",家\n`);
    const page = await browser.newPage({ acceptDownloads: true });
    const seen = { errors: [] as string[], dialogs: [] as string[], external: [] as string[] };
    page.on("console", (m) => m.type() === "error" && seen.errors.push(m.text()));
    page.on("pageerror", (e) => seen.errors.push(e.message));
    page.on("dialog", (d) => {
      seen.dialogs.push(d.message());
      void d.dismiss();
    });
    page.on("request", (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith("data:")) seen.external.push(r.url());
    });
    await page.goto(`${server.url}/collect`);
    expect(await page.locator("h1").textContent()).toBe("报送数据");
    await page.fill('input[name="key"]', key);
    await page.setInputFiles('input[name="file"]', file);
    await Promise.all([page.waitForURL(/\/collect\/upload/, { timeout: 60_000 }), page.click('button[type="submit"]')]);
    expect(await page.locator("h1").textContent()).toBe("回执");
    expect(await page.locator("[data-state]").getAttribute("data-state")).toBe("landed");
    const text = (await page.locator("main").textContent()) ?? "";
    expect(text).toContain("高新技术企业数量");
    expect(text).toContain(HOSTILE);
    expect(await page.locator("main img").count()).toBe(0);

    const download = await Promise.all([page.waitForEvent("download", { timeout: 30_000 }), page.click('a[href$=".xlsx"]')]);
    expect(download[0].suggestedFilename()).toMatch(/^receipt-[0-9a-f]{16}\.xlsx$/);

    // The session cookie opens the unit's receipt list; the English switch works there.
    await page.goto(`${server.url}/collect/receipts`);
    expect(await page.locator("h1").textContent()).toBe("本单位的回执");
    await page.click('a[hreflang="en"]');
    expect(await page.locator("h1").textContent()).toBe("Your unit's receipts");
    await page.click("tbody a");
    expect(await page.locator("h1").textContent()).toBe("Receipt");
    expect((await page.locator("main").textContent()) ?? "").toContain("High-tech enterprises");

    expect(seen.dialogs).toEqual([]);
    expect(seen.errors).toEqual([]);
    expect(seen.external).toEqual([]);
    await page.close();
  });

  it("a wrong key at the form gets a plain message, no receipt", async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}/collect?lang=en`);
    await page.fill('input[name="key"]', "not-a-key");
    await page.setInputFiles('input[name="file"]', { name: "x.csv", mimeType: "text/csv", buffer: Buffer.from("指标,年份,数值\n") });
    const [response] = await Promise.all([page.waitForResponse(/\/collect\/upload/), page.click('button[type="submit"]')]);
    expect(response.status()).toBe(401);
    expect((await page.locator("[role=alert]").textContent()) ?? "").toMatch(/not a submission key/);
    await page.close();
  });
});
