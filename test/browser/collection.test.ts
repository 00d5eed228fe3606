/**
 * The 报送情况 page in Chromium, in both languages, from a warehouse holding the demo and its 2020
 * collection round: the rates, one row per unit with its state, the chase list naming the unit that
 * has not reported, the cells to correct; no console error, no request to another host; it prints
 * on A4. Screenshots and PDFs go to test-results/site/.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../../exports/pdf.ts";
import { DEFAULT_PLAN_FILE, DEMO_DIR, loadAndStorePlan } from "../../pipelines/context.ts";
import { demoCollection } from "../../pipelines/demo/collection.ts";
import { expandPaths, ingestFiles } from "../../pipelines/ingest.ts";
import { buildSite, REPO_ROOT, type RunningSite, serveSite } from "../../pipelines/site/index.ts";
import { openWarehouse } from "../../warehouse/connection.ts";

const CHROMIUM = chromiumPath();
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = join(REPO_ROOT, "test-results", "site");

if (!HAS_CHROMIUM && process.env.CI === "true") {
  describe("报送情况 in Chromium", () => {
    it("needs Chromium", () => {
      throw new Error(`${CHROMIUM} is missing; CI must install it: apt-get update && apt-get install -y chromium fonts-noto-cjk`);
    });
  });
}

describe.skipIf(!HAS_CHROMIUM)("报送情况 in Chromium", () => {
  let tmp: string;
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "pm-collection-site-"));
    const db = join(tmp, "w.duckdb");
    const w = await openWarehouse(db);
    try {
      const plan = await loadAndStorePlan(w, DEFAULT_PLAN_FILE, "zh");
      await ingestFiles(w, plan, expandPaths([DEMO_DIR]).files, { archive: false });
      await demoCollection(w, plan, "zh", join(tmp, "collection"));
    } finally {
      await w.close();
    }
    const dist = await buildSite({ db, outDir: join(tmp, "dist"), asOf: "2021-02-15" });
    site = await serveSite({ dir: dist, port: 0, announce: false });
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 900_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it.each(["zh", "en"] as const)(
    "shows who has reported, the chase list and the corrections (%s), and prints on A4",
    async (lang) => {
      const page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
      const errors: string[] = [];
      const external: string[] = [];
      const origin = new URL(site.url).origin;
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("request", (r) => !r.url().startsWith(origin) && !/^(blob|data):/.test(r.url()) && external.push(r.url()));
      await page.goto(`${site.url}collection.html?lang=${lang}`, { waitUntil: "networkidle" });
      await page.waitForSelector("[data-state]");
      const sentence = await page.locator("[data-rate]").textContent();
      expect(sentence).toContain(lang === "zh" ? "报送率90.9%" : "reporting rate 90.9%");
      expect(sentence).toContain(lang === "zh" ? "及时率81.8%" : "on-time rate 81.8%");
      expect(await page.locator("[data-state]").count()).toBe(11);
      expect(await page.locator("[data-state='missing']").count()).toBe(1);
      expect(await page.locator("[data-state='late']").count()).toBe(1);
      const chase = page.locator(".pm-chase [data-unit='xzjd']");
      expect(await chase.textContent()).toContain(lang === "zh" ? "各乡镇及涉农街道 — 未报送" : "nothing returned");
      // The demo's unit with errors: the word typed for a figure is listed with its cell.
      expect(await page.textContent("body")).toContain("约1.9");
      expect(await page.locator("a[aria-current='page']").textContent()).toBe(lang === "zh" ? "报送情况" : "Reporting");
      await page.screenshot({ path: join(SHOTS, `collection-${lang}.png`), fullPage: true });
      await page.emulateMedia({ media: "print" });
      const pdfPath = join(SHOTS, `collection-${lang}.pdf`);
      await page.pdf({ path: pdfPath, preferCSSPageSize: true });
      // A4 is 595 x 842 points.
      expect(readFileSync(pdfPath, "latin1")).toMatch(/MediaBox \[0 0 59[45]\.\d+ 84[12]\.\d+\]/);
      expect(await page.locator(".pm-nav").isVisible()).toBe(false);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      await page.close();
    },
    120_000,
  );
});
