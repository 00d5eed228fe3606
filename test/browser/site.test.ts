/**
 * The built dashboard in a real browser (Debian's Chromium through playwright-core): every page in
 * both languages loads with no console error, no failed request and no request to another host;
 * the overview shows each headline indicator with its status word; the language switch works;
 * indicator pages draw the target; hostile text from data files shows literally and runs nothing.
 * Screenshots of every page in each language go to test-results/site/.
 *
 * The warehouse is built by the pipeline from data/demo plus one hostile file, in a temp dir.
 */
import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanAssessment } from "../../assessment/types.ts";
import { type RunningSite, serveSite } from "../../pipelines/site/index.ts";
import { verdictOf } from "../../src/components/verdict.ts";
import {
  builtSite,
  expectClean,
  HAS_CHROMIUM,
  HOSTILE_NOTE,
  HOSTILE_SOURCE,
  LANGS,
  launchBrowser,
  requireChromiumOrSkip,
  SHOTS,
  shotName,
  type Visit,
  visitPage,
} from "./helpers.ts";

requireChromiumOrSkip();

describe.skipIf(!HAS_CHROMIUM)("dashboard in Chromium", () => {
  let site: RunningSite;
  let browser: Browser;
  let assessment: PlanAssessment;
  let indicatorPages: string[];

  beforeAll(async () => {
    const { dist } = builtSite();
    site = await serveSite({ dir: dist, port: 0, announce: false });
    const file = readdirSync(join(dist, "_file", "data")).find((f) => /^assessment\.[0-9a-f]+\.json$/.test(f));
    assessment = JSON.parse(readFileSync(join(dist, "_file", "data", file!), "utf-8"));
    indicatorPages = assessment.indicators.map((d) => `indicators/${d.id}.html`);
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  /** Open a page and record everything that should not happen. */
  const visit = (path: string, opts: { width?: number } = {}): Promise<{ page: Page; seen: Visit }> =>
    visitPage(browser, site.url + path, ".pm-nav", opts);

  /** What a reader sees (Playwright's innerText: rendered text only, not hidden nodes). */
  const visibleText = (page: Page, selector: string): Promise<string> =>
    // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator method; the rendered text is what is checked.
    page.locator(selector).innerText();
  /**
   * Numbers as officials write them (lib/format.ts): no visible line with a long decimal (8.1412,
   * ratio 0.9957) and no growth rate from a zero baseline (Open SDG's 0 -> 0.001 gave "900%").
   */
  const expectOfficialNumbers = async (page: Page, path: string): Promise<void> => {
    const lines = (await visibleText(page, "body")).split("\n");
    expect(
      lines.filter((l) => /\d\.\d{3,}/.test(l)),
      `long decimals on ${path}`,
    ).toEqual([]);
    expect(
      lines.filter((l) => /(^|[^\d.])900(\.0)? ?%/.test(l)),
      `a growth rate from a zero on ${path}`,
    ).toEqual([]);
  };
  /** Indicators whose growth rates the engine withholds because a 0 stood in as 0.001. */
  const zeroGrowth = () => assessment.indicators.filter((d) => d.reasons.some((r) => r.code === "zero_baseline_no_growth"));

  const PAGES = ["index.html", "gaps.html", "tasks.html", "data-quality.html", "methodology.html"];
  for (const path of PAGES) {
    it(`${path} loads cleanly in both languages`, async () => {
      for (const lang of LANGS) {
        const { page, seen } = await visit(`${path}?lang=${lang}`);
        if (path === "gaps.html") {
          await expectOfficialNumbers(page, `${path}?lang=${lang}`);
          // The demo's patent alliances go 0 -> 1: the growth cells read "—" with the reason.
          expect(zeroGrowth().map((d) => d.id)).toContain("patent_alliances");
          expect(await visibleText(page, "body")).toContain(
            lang === "zh" ? "—（基期值为0，不计算增长率）" : "— (The baseline is 0: no growth rate)",
          );
        }
        expect(await page.getAttribute("html", "data-lang")).toBe(lang);
        expect(await page.locator("[data-synthetic]").count()).toBe(1);
        await page.screenshot({ path: join(SHOTS, shotName(path, lang)), fullPage: true });
        expectClean(seen, `${path}?lang=${lang}`);
        await page.close();
      }
    });
  }

  it("every indicator page loads cleanly and draws its target, in both languages", async () => {
    expect(indicatorPages.length).toBe(assessment.indicators.length);
    const jobs = indicatorPages.flatMap((path) => LANGS.map((lang) => ({ path, lang })));
    // A few pages at a time: the machines have 2 cores.
    for (let i = 0; i < jobs.length; i += 3) {
      await Promise.all(
        jobs.slice(i, i + 3).map(async ({ path, lang }) => {
          const { page, seen } = await visit(`${path}?lang=${lang}`);
          await page.waitForSelector("svg g.pm-target line", { state: "attached" });
          expect(await page.locator("svg g.pm-target line").count(), `target rule on ${path}`).toBe(1);
          expect(await page.locator("svg .pm-target-label").textContent()).toContain(lang === "zh" ? "目标" : "Target");
          expect(await page.locator("[data-text-equivalent]").textContent()).toBeTruthy();
          await expectOfficialNumbers(page, `${path}?lang=${lang}`);
          if (zeroGrowth().some((d) => path === `indicators/${d.id}.html`))
            expect(await visibleText(page, "[data-reasons]")).toContain(
              lang === "zh" ? "基期值为0，不计算增长率" : "The baseline is 0: no growth rate",
            );
          await page.screenshot({ path: join(SHOTS, shotName(path, lang)), fullPage: true });
          expectClean(seen, `${path}?lang=${lang}`);
          await page.close();
        }),
      );
    }
  }, 180_000);

  it("the overview shows every headline indicator with its status word", async () => {
    const headline = assessment.indicators.filter((d) => d.headline);
    expect(headline.length).toBeGreaterThan(0);
    for (const lang of LANGS) {
      const { page } = await visit(`index.html?lang=${lang}`);
      for (const ind of headline) {
        const card = page.locator(`.pm-cards [data-indicator='${ind.id}']`);
        await expect(card.count()).resolves.toBe(1);
        // The card's word is the one verdict (the final grade at the end of the plan, else the status).
        expect(await card.textContent()).toContain(verdictOf(assessment, ind).label[lang]);
        expect(await card.locator("svg g.pm-target line").count(), `sparkline with target for ${ind.id}`).toBe(1);
      }
      // At the end of the plan the sentence counts the final grades the cards show (src/components/verdict.ts).
      const summary = await page.locator("[data-summary]").textContent();
      if (assessment.mode === "final") expect(summary).toMatch(lang === "zh" ? /^终期评估：/ : /^End-of-plan assessment: /);
      else expect(summary).toBe(assessment.summary.sentence[lang]);
      await page.close();
    }
  });

  it("switching language changes the labels and is remembered", async () => {
    const { page } = await visit("index.html");
    expect(await page.getAttribute("html", "data-lang")).toBe("zh");
    expect(await page.locator(".pm-nav__link--active").textContent()).toBe("总览");
    await page.click("[data-lang-switch='en']");
    await page.waitForSelector("html[data-lang='en']");
    await page.waitForSelector(".pm-nav");
    expect(await page.locator(".pm-nav__link--active").textContent()).toBe("Overview");
    expect(await page.locator("h2").first().textContent()).toBe("Headline indicators");
    // Without ?lang= the stored choice applies.
    await page.goto(`${site.url}gaps.html`, { waitUntil: "networkidle" });
    await page.waitForSelector(".pm-nav");
    expect(await page.locator(".pm-nav__link--active").textContent()).toBe("Gaps");
    expect(await page.locator("th").first().textContent()).toContain("Indicator");
    await page.close();
  });

  it("shows hostile text from data files literally and runs none of it", async () => {
    const { page, seen } = await visit("indicators/rd_institutions.html?lang=zh");
    const body = await page.locator("main").textContent();
    expect(body).toContain(HOSTILE_NOTE);
    expect(body).toContain(HOSTILE_SOURCE);
    expect(await page.locator("main img").count()).toBe(0);
    expect(await page.locator("main script").count()).toBe(0);
    expectClean(seen, "rd_institutions");
    // The CSV download carries the text guarded against formula injection, with a BOM.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("a.pm-download[download$='.csv']")]);
    const csv = readFileSync((await download.path())!, "utf-8");
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toContain(`'${HOSTILE_SOURCE}`);
    expect(csv).toContain(HOSTILE_NOTE);
    await page.close();

    const dq = await visit("data-quality.html?lang=en");
    expect(await dq.page.locator("main").textContent()).toContain("=1+1");
    expectClean(dq.seen, "data-quality");
    await dq.page.close();
  });

  it("the gaps page filters by status and answers a what-if question", async () => {
    const { page, seen } = await visit("gaps.html?lang=en");
    const all = await page.locator(".pm-gaps tbody tr").count();
    expect(all).toBe(assessment.indicators.length);
    const first = verdictOf(assessment, assessment.indicators[0]).key;
    await page.selectOption(".pm-filters select >> nth=0", first);
    await page.waitForFunction((n) => document.querySelectorAll(".pm-gaps tbody tr").length < n, all);
    const shown = await page.locator(".pm-gaps tbody tr").count();
    expect(shown).toBe(assessment.indicators.filter((d) => verdictOf(assessment, d).key === first).length);
    const before = await page.locator("[data-whatif]").textContent();
    await page.locator("input[type=number]").first().fill("50");
    await page.waitForFunction((b) => document.querySelector("[data-whatif]")?.textContent !== b, before);
    expect(await page.locator("[data-whatif]").textContent()).toContain("2020");
    expectClean(seen, "gaps");
    await page.close();
  });

  it("the built files load nothing from another host", () => {
    const hosts = new Map<string, string>();
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        const path = join(dir, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (/\.(html|js|css)$/.test(entry.name)) {
          for (const m of readFileSync(path, "utf-8").matchAll(
            /(?:src|href|url|import|from)\s*[=(]?\s*["'`]?(https?:)?\/\/([a-z0-9.-]+\.[a-z]{2,})/gi,
          ))
            hosts.set(m[2], path);
        }
      }
    };
    walk(builtSite().dist);
    expect([...hosts.keys()].filter((h) => h !== "www.w3.org")).toEqual([]);
  });

  it("reads at phone width", async () => {
    const { page, seen } = await visit("index.html?lang=zh", { width: 390 });
    await page.screenshot({ path: join(SHOTS, "index-zh-phone.png"), fullPage: true });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expectClean(seen, "index (phone)");
    await page.close();
  });
});
