/**
 * The dashboard built for Liaoning's plan on its official published figures (npm start -- --plan
 * liaoning-2018-2020, without serving): every page labels the figures as official with their sources
 * and shows no synthetic banner; the cascade page shows each indicator with its children, origin
 * badges and status words, in both languages, with no console error and no request to another host.
 * Screenshots go to test-results/cascade/.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type Browser, chromium } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../../exports/pdf.ts";
import { REPO_ROOT, type RunningSite, serveSite } from "../../pipelines/site/index.ts";
import { run } from "../helpers.ts";

const CHROMIUM = chromiumPath();
const HAS_CHROMIUM = existsSync(CHROMIUM);
const SHOTS = join(REPO_ROOT, "test-results", "cascade");

if (!HAS_CHROMIUM && process.env.CI === "true") {
  describe("cascade browser tests", () => {
    it("need Chromium", () => {
      throw new Error(`${CHROMIUM} is missing; CI must install it: apt-get install -y chromium fonts-noto-cjk`);
    });
  });
}

describe.skipIf(!HAS_CHROMIUM)("Liaoning's dashboard on official figures", () => {
  let tmp: string;
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "pm-cascade-"));
    const db = join(tmp, "w.duckdb");
    const r = await run("--db", db, "start", "--plan", "liaoning-2018-2020", "--no-serve");
    if (r.code !== 0) throw new Error(`start failed (${r.code}):\n${r.out}\n${r.err}`);
    site = await serveSite({ dir: join(REPO_ROOT, "dist"), port: 0, announce: false });
    mkdirSync(SHOTS, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  for (const lang of ["zh", "en"] as const) {
    it(`the cascade page in ${lang}: official label, every indicator, origins, no error`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      const external: string[] = [];
      const origin = new URL(site.url).origin;
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("request", (q) => !q.url().startsWith(origin) && !/^(blob|data):/.test(q.url()) && external.push(q.url()));
      await page.goto(`${site.url}cascade.html?lang=${lang}`, { waitUntil: "networkidle" });
      await page.waitForSelector(".pm-cascade");
      expect(await page.locator("[data-synthetic]").count()).toBe(0);
      const official = page.locator("[data-official]");
      expect(await official.count()).toBe(1);
      expect(await official.textContent()).toContain("kjj.shenyang.gov.cn");
      expect(await page.locator(".pm-cascade").count()).toBe(7);
      const hte = page.locator(".pm-cascade[data-indicator='high_tech_enterprises']");
      expect(await hte.textContent()).toContain(lang === "zh" ? "沈阳市" : "Shenyang");
      expect(await hte.locator("[data-origin='rolled_up']").count()).toBeGreaterThan(0);
      expect(await hte.locator("[data-status='achieved']").count()).toBeGreaterThan(0);
      const rd = page.locator(".pm-cascade[data-indicator='rd_ratio']");
      expect(await rd.locator("[data-status='missed']").count()).toBe(1);
      await page.screenshot({ path: join(SHOTS, `cascade-${lang}.png`), fullPage: true });
      // Splitting the targets by baseline share: Shenyang, the only city with a 2017 figure (contract
      // turnover 217.54亿元), gets an allocated target; the allocation's problems are shown.
      expect(await page.locator("[data-origin='allocated']").count()).toBe(0);
      await page.selectOption("select", "baseline-share");
      await page.waitForSelector("[data-origin='allocated']");
      expect(await page.locator(".pm-cascade[data-indicator='tech_contract_turnover'] [data-origin='allocated']").count()).toBe(2);
      expect(await page.locator("[data-allocation]").count()).toBeGreaterThan(0);
      expect(errors).toEqual([]);
      expect(external).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it("every page loads cleanly on the real data (no tasks, no records) with the official label", async () => {
    const pages = ["gaps", "tasks", "drilldown", "enterprises", "data-quality", "methodology", "assessment", "indicators/rd_ratio"];
    for (const path of pages) {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${site.url}${path}.html?lang=en`, { waitUntil: "networkidle" });
      await page.waitForSelector(".pm-nav");
      expect(await page.locator("[data-official]").count(), path).toBe(1);
      expect(await page.locator("[data-synthetic]").count(), path).toBe(0);
      // biome-ignore lint/performance/useDomNodeTextContent: the rendered text, not the pages' inline scripts (which hold both labels)
      expect(await page.locator("body").innerText(), path).not.toMatch(/synthetic demo data/i);
      expect(errors, path).toEqual([]);
      await page.close();
    }
  }, 120_000);

  it("the overview labels the figures as official, not synthetic", async () => {
    const page = await browser.newPage();
    await page.goto(`${site.url}index.html?lang=zh`, { waitUntil: "networkidle" });
    await page.waitForSelector(".pm-nav");
    expect(await page.locator("[data-synthetic]").count()).toBe(0);
    expect(await page.locator("[data-official]").textContent()).toContain("官方公布数据");
    await page.screenshot({ path: join(SHOTS, "index-zh.png"), fullPage: true });
    await page.close();
  });
});
