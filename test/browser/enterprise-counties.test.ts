/**
 * The enterprise page of a plan over many counties (issue 17): Liaoning's plan with records in three
 * counties, built by buildSite, which writes each county's list once into Framework's cache and links
 * it into the site (pipelines/site/enterprise-parts.ts). In Chromium, in both languages: the county
 * selector lists the counties, choosing one fetches that county's file and writes `?county=` into the
 * URL, and a link with `?county=` opens on that county's enterprises; no error, no other host.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { creditCode } from "../../pipelines/demo/generate.ts";
import { buildSite, REPO_ROOT, type RunningSite, serveSite } from "../../pipelines/site/index.ts";
import { run } from "../helpers.ts";
import { expectClean, HAS_CHROMIUM, LANGS, launchBrowser, requireChromiumOrSkip, visitPage } from "./helpers.ts";

requireChromiumOrSkip();

/** One enterprise in each of three counties of Liaoning: Wafangdian, Pulandian (Dalian) and Heping (Shenyang). */
const ENTERPRISES = [
  { county: "210281", name: "甲企业", code: creditCode("210281", 1) },
  { county: "210282", name: "乙企业", code: creditCode("210282", 2) },
  { county: "210102", name: "丙企业", code: creditCode("210102", 3) },
];
const COUNTIES = ENTERPRISES.map((e) => e.county).sort();

describe.skipIf(!HAS_CHROMIUM)("the enterprise page of a plan over many counties", () => {
  let tmp: string;
  let dist: string;
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), "pm-counties-"));
    const db = join(tmp, "w.duckdb");
    const plan = join(REPO_ROOT, "data", "plans", "liaoning-2018-2020.yaml");
    const certs = join(tmp, "certs.csv");
    writeFileSync(
      certs,
      [
        "区划代码,企业名称,统一社会信用代码,证书编号,发证日期,乡镇/街道,行业",
        ...ENTERPRISES.map((e, i) => `${e.county},${e.name},${e.code},N${i + 1},2016-0${i + 1}-01,某街道,轴承`),
      ].join("\n"),
    );
    for (const args of [
      ["ingest", "--plan", plan, join(REPO_ROOT, "data", "real", "liaoning-2018-2020"), "--quiet"],
      ["records", "ingest", "--plan", plan, certs, "--quiet"],
    ]) {
      const r = await run("--db", db, ...args);
      if (r.code !== 0) throw new Error(`${args.join(" ")} failed (${r.code}):\n${r.out}\n${r.err}`);
    }
    dist = await buildSite({ db, outDir: join(tmp, "dist"), plan: "liaoning-2018-2020" });
    site = await serveSite({ dir: dist, port: 0, announce: false });
    browser = await launchBrowser();
  }, 600_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  });

  it("the site holds each county's own list", () => {
    for (const e of ENTERPRISES) {
      const file = join(dist, "data", "enterprises", `${e.county}.json`);
      expect(existsSync(file), file).toBe(true);
      const part = JSON.parse(readFileSync(file, "utf-8"));
      expect(part.county).toBe(e.county);
      expect(part.enterprises.map((x: { enterprise: string; credit_code: string }) => [x.enterprise, x.credit_code])).toEqual([
        [e.name, e.code],
      ]);
    }
  });

  for (const lang of LANGS) {
    it(`in ${lang}: choosing a county shows its enterprises and puts ?county= in the URL`, async () => {
      const url = `${site.url}enterprises.html?lang=${lang}`;
      const { page, seen } = await visitPage(browser, url, ".pm-table tbody tr");
      const select = page.locator(".pm-field select").first();
      const options = await select.locator("option").evaluateAll((o) => o.map((x) => (x as HTMLOptionElement).value));
      expect(options).toEqual(["", ...COUNTIES]);
      await expect.poll(() => page.locator(".pm-table tbody tr").count()).toBe(3);
      await select.selectOption("210282");
      await page.waitForFunction(() => new URL(location.href).searchParams.get("county") === "210282");
      await expect.poll(() => page.locator(".pm-table tbody tr").allTextContents()).toEqual([expect.stringContaining("乙企业")]);
      expect(await page.locator("[data-contracts-counted]").count()).toBe(1);
      expectClean(seen, url);
      await page.close();
    });

    it(`in ${lang}: a link with ?county= opens on that county`, async () => {
      const url = `${site.url}enterprises.html?lang=${lang}&county=210102`;
      const { page, seen } = await visitPage(browser, url, ".pm-table tbody tr");
      expect(await page.locator(".pm-field select").first().inputValue()).toBe("210102");
      await expect.poll(() => page.locator(".pm-table tbody tr").allTextContents()).toEqual([expect.stringContaining("丙企业")]);
      expectClean(seen, url);
      await page.close();
    });
  }
});
