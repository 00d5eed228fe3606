/**
 * The tasks page in Chromium, in both languages: every task has its milestone timeline (a Plot
 * SVG) and table, every milestone state appears with its word, the approved extension shows its
 * original date, a missing evidence file is flagged and stored ones show their sha256; the unit
 * report card (本单位任务清单) is there with its print button; the overview has its milestone line.
 * The site is the one test/browser/global-setup.ts builds for every browser test.
 */
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSite, serveSite } from "../../pipelines/site/index.ts";
import { builtSite, HAS_CHROMIUM, launchBrowser, requireChromiumOrSkip } from "./helpers.ts";

requireChromiumOrSkip();

const WORDS = {
  zh: ["按期完成", "逾期完成", "按计划推进", "有风险", "已逾期", "未报送"],
  en: ["Done", "Done late", "On schedule", "At risk", "Overdue", "Not reported"],
};

describe.skipIf(!HAS_CHROMIUM)("tasks page in Chromium", () => {
  let site: RunningSite;
  let browser: Browser;

  beforeAll(async () => {
    // The site global-setup.ts built once for every browser test (data/demo plus one hostile file).
    site = await serveSite({ dir: builtSite().dist, port: 0, announce: false });
    browser = await launchBrowser();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  for (const lang of ["zh", "en"] as const) {
    it(`shows milestones, reports, evidence and the unit card (${lang})`, async () => {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const errors: string[] = [];
      page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
      page.on("pageerror", (e) => errors.push(e.message));
      await page.goto(`${site.url}tasks?lang=${lang}`, { waitUntil: "networkidle" });
      await page.waitForSelector(".pm-task-ms svg");
      expect(await page.locator(".pm-task-ms").count()).toBe(18);
      expect(await page.locator(".pm-task-ms svg").count()).toBe(18);
      const states = await page
        .locator(".pm-milestones tbody tr")
        .evaluateAll((rows) => [...new Set(rows.map((r) => (r as HTMLElement).dataset.state))]);
      expect(states.sort()).toEqual(["at_risk", "done", "done_late", "not_reported", "on_schedule", "overdue"]);
      const text = await page.locator("#observablehq-main").textContent();
      for (const word of WORDS[lang]) expect(text).toContain(word);
      // tasks 16 and 17 have no indicators, yet a status
      for (const id of ["16", "17"]) expect(await page.locator(`.pm-task-ms[data-task="${id}"] .pm-task-status`).count()).toBe(1);
      const ext = page.locator('.pm-task-ms[data-task="8"] tr[data-milestone="8.1"]');
      expect(await ext.textContent()).toContain("2019-06-30");
      const t18 = page.locator('.pm-task-ms[data-task="18"]');
      expect(await t18.locator('[data-missing="true"]').textContent()).toContain("demo-座谈会纪要.pdf");
      expect(await t18.locator(".pm-sha").first().textContent()).toMatch(/sha256 [0-9a-f]{64}/);
      expect(await t18.textContent()).toContain(lang === "zh" ? "签订科技创新合作框架协议" : "Progress");
      // Evidence is offered as one zip download, served as an opaque file (never rendered)
      const zipHref = await page.locator("[data-evidence-zip]").getAttribute("href");
      const zip = await page.request.get(new URL(zipHref ?? "", page.url()).href);
      expect(zip.status()).toBe(200);
      expect(zip.headers()["content-type"]).toBe("application/octet-stream");
      expect((await zip.body()).subarray(0, 2).toString()).toBe("PK");
      expect(await page.locator("[data-unit-milestones]").textContent()).toMatch(
        lang === "zh" ? /本单位负责的里程碑：.*已逾期/ : /responsible for: .*Overdue/,
      );
      const card = page.locator("[data-unit-card]");
      expect(await card.textContent()).toContain(lang === "zh" ? "本单位任务清单" : "task list");
      expect(await card.locator(".pm-print").count()).toBe(1);
      // Printing the card (its button marks the body): only the card is on the A4 page.
      await page.emulateMedia({ media: "print" });
      await page.evaluate(() => document.body.classList.add("pm-print-card"));
      expect(await card.isVisible()).toBe(true);
      expect(await page.locator("#milestones").isVisible()).toBe(false);
      expect(await page.locator(".pm-print").first().isVisible()).toBe(false);
      const pdf = await page.pdf({ format: "A4" });
      expect(pdf.subarray(0, 4).toString()).toBe("%PDF");
      await page.emulateMedia({ media: "screen" });
      expect(errors).toEqual([]);
      await page.goto(`${site.url}?lang=${lang}`, { waitUntil: "networkidle" });
      await page.waitForSelector("[data-milestones]");
      expect(await page.locator("[data-milestones]").textContent()).toMatch(lang === "zh" ? /按期完成 8.*已逾期 14/ : /done 8.*overdue 14/);
      await page.close();
    }, 60_000);
  }
});
