/**
 * The report page (src/assessment.md) in a real browser: it loads cleanly in both languages and
 * shows the report in the chosen one, every download link (both languages, every format) returns
 * a complete file of the right kind, the printed page starts each section on a new page with page
 * numbers, hostile text from data files shows literally, and without Chromium at build time the
 * loader still succeeds and the page hides the PDF link.
 *
 * The warehouse is built by the pipeline from data/demo plus one hostile file, in a temp dir.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportJson } from "../../exports/json.ts";
import { REPO_ROOT } from "../../lib/paths.ts";
import { type RunningSite, serveSite } from "../../pipelines/site/index.ts";
import type { ReportFormats } from "../../src/data/report-files.tar.ts";
import { builtSite, expectClean, HAS_CHROMIUM, HOSTILE_SOURCE, LANGS, launchBrowser, SHOTS, type Visit, visitPage } from "./helpers.ts";

const HAS_PDFTOTEXT = spawnSync("pdftotext", ["-v"]).error === undefined;
const FORMATS = ["docx", "xlsx", "pdf", "md", "csv", "json"];
const NAV_LABEL = { zh: "评估报告", en: "Assessment report" };
const SAVE_AS = { zh: "终期评估报告", en: "end-of-plan-assessment-report" };

let tmp: string;
let db: string;

beforeAll(() => {
  ({ tmp, db } = builtSite());
});

describe("the report loader without Chromium", () => {
  it("still succeeds, warns on stderr, and says the PDF is missing", () => {
    const out = join(tmp, "no-chromium");
    mkdirSync(out);
    const run = spawnSync(process.execPath, ["--import", "tsx", join(REPO_ROOT, "src", "data", "report-files.tar.ts")], {
      cwd: REPO_ROOT,
      env: { ...process.env, PLAN_MONITOR_DB: db, PLAN_MONITOR_CHROMIUM: join(tmp, "no-such-chromium") },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status, run.stderr.toString()).toBe(0);
    expect(run.stderr.toString()).toContain("apt-get install -y chromium");
    writeFileSync(join(out, "report.tar"), run.stdout);
    expect(spawnSync("tar", ["-xf", "report.tar"], { cwd: out }).status).toBe(0);
    const formats: ReportFormats = JSON.parse(readFileSync(join(out, "formats.json"), "utf-8"));
    expect(formats.formats).toEqual(["docx", "xlsx", "md", "csv", "json"]);
    expect(formats.pdf_missing?.zh).toContain("Chromium");
    for (const lang of LANGS) {
      // Framework needs every file the page names: the PDF is there, empty, and its link hidden.
      expect(readFileSync(join(out, `${lang}.pdf`)).length).toBe(0);
      for (const name of [`${lang}.html`, `${lang}.docx.bin`, `${lang}.xlsx.bin`, `${lang}.md`, `${lang}.csv`, `${lang}.json`])
        expect(readFileSync(join(out, name)).length, name).toBeGreaterThan(100);
    }
  }, 60_000);
});

describe.skipIf(!HAS_CHROMIUM)("the report page in Chromium", () => {
  let dist: string;
  let site: RunningSite;
  let browser: Browser;
  let formats: ReportFormats;

  beforeAll(async () => {
    dist = builtSite().dist;
    site = await serveSite({ dir: dist, port: 0, announce: false });
    const dir = join(dist, "_file", "data", "report-files");
    formats = JSON.parse(readFileSync(join(dir, readdirSync(dir).find((f) => /^formats\.[0-9a-f]+\.json$/.test(f))!), "utf-8"));
    mkdirSync(SHOTS, { recursive: true });
    browser = await launchBrowser();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await site?.close();
  });

  const visit = (path: string, opts: { width?: number } = {}): Promise<{ page: Page; seen: Visit }> =>
    visitPage(browser, site.url + path, ".pm-report-host main.report", opts);

  it("made every format, the PDF included", () => {
    expect(formats.formats).toEqual(FORMATS);
    expect(formats.pdf_missing).toBeNull();
  });

  it("loads cleanly in both languages and shows the report in the chosen one", async () => {
    for (const lang of LANGS) {
      const { page, seen } = await visit(`assessment.html?lang=${lang}`);
      expect(await page.getAttribute("html", "data-lang")).toBe(lang);
      expect(await page.locator(".pm-nav__link--active").textContent()).toBe(NAV_LABEL[lang]);
      expect(await page.locator("[data-synthetic]").count()).toBe(1);
      expect(await page.getAttribute(".pm-report-host", "data-report")).toBe(lang);
      const title = await page.locator(".pm-report-host main.report h1").textContent();
      expect(title).toContain(lang === "zh" ? "终期评估报告" : "End-of-plan evaluation");
      // Every section (一 to 五, four annexes) and every indicator of the report, with its chart.
      expect(await page.locator(".pm-report-host main.report > section.section").count()).toBe(9);
      expect(await page.locator(".pm-report-host article.indicator figure svg").count()).toBe(13);
      // The downloads in the page's language come first, then the other language's.
      const groups = await page.locator("[data-downloads]").evaluateAll((els) => els.map((e) => e.getAttribute("data-downloads")));
      expect(groups).toEqual(lang === "zh" ? ["zh", "en"] : ["en", "zh"]);
      expect(
        await page.locator(`[data-downloads='${lang}'] a[data-format]`).evaluateAll((els) => els.map((e) => e.getAttribute("data-format"))),
      ).toEqual(FORMATS);
      await page.screenshot({ path: join(SHOTS, `assessment-${lang}.png`) });
      expectClean(seen, `assessment.html?lang=${lang}`);
      await page.close();
    }
  });

  it("every download link returns a complete file of the right kind", async () => {
    const { page, seen } = await visit("assessment.html?lang=zh");
    for (const lang of LANGS) {
      for (const format of FORMATS) {
        const link = page.locator(`[data-downloads='${lang}'] a[data-format='${format}']`);
        expect(await link.getAttribute("download")).toBe(`${SAVE_AS[lang]}.${format}`);
        const response = await page.request.get(new URL((await link.getAttribute("href"))!, page.url()).href);
        expect(response.status()).toBe(200);
        const body = await response.body();
        expect(body.length, `${lang}.${format}`).toBe(formats.files[lang][format].size);
        expect(body.length, `${lang}.${format}`).toBeGreaterThan(1000);
        const text = body.toString("utf-8");
        switch (format) {
          case "docx":
            expect(body.subarray(0, 4).toString("binary")).toBe("PK\u0003\u0004");
            break;
          case "xlsx": {
            expect(body.subarray(0, 4).toString("binary")).toBe("PK\u0003\u0004");
            const book = new ExcelJS.Workbook();
            await book.xlsx.load(body as unknown as ArrayBuffer);
            expect(book.worksheets.length).toBeGreaterThan(3);
            break;
          }
          case "pdf":
            expect(text.slice(0, 5)).toBe("%PDF-");
            break;
          case "md":
            expect(text.startsWith("# ")).toBe(true);
            expect(text).toContain(lang === "zh" ? "终期评估报告" : "End-of-plan evaluation");
            break;
          case "csv":
            expect(text.charCodeAt(0)).toBe(0xfeff);
            break;
          case "json": {
            const doc: ReportJson = JSON.parse(text);
            expect(doc.report.lang).toBe(lang);
            expect(doc.assessment.indicators.length).toBe(13);
            break;
          }
        }
      }
    }
    // A click saves the file under its readable name.
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("[data-downloads='zh'] a[data-format='xlsx']")]);
    expect(download.suggestedFilename()).toBe("终期评估报告.xlsx");
    expectClean(seen, "assessment downloads");
    await page.close();
  });

  it.skipIf(!HAS_PDFTOTEXT && process.env.CI !== "true")(
    "prints like the PDF: dashboard chrome hidden, each section on a new page, page numbers",
    async () => {
      for (const lang of LANGS) {
        const { page } = await visit(`assessment.html?lang=${lang}`);
        const titles = await page
          .locator(".pm-report-host main.report > section.section > h2")
          .evaluateAll((els) => els.map((e) => e.textContent ?? ""));
        await page.emulateMedia({ media: "print" });
        const file = join(tmp, `printed-${lang}.pdf`);
        writeFileSync(file, await page.pdf({ preferCSSPageSize: true, printBackground: true }));
        await page.close();
        const text = spawnSync("pdftotext", [file, "-"], { encoding: "utf-8" }).stdout;
        const pages = text.split("\f").filter((p) => p.trim());
        expect(pages.length).toBeGreaterThan(titles.length + 13);
        // The body of each page without its margins (A4 is 595 x 842 pt; margins 16 mm top, 18 mm bottom).
        const body = spawnSync("pdftotext", ["-x", "0", "-y", "46", "-W", "595", "-H", "745", file, "-"], { encoding: "utf-8" }).stdout;
        const firstLines = body.split("\f").map((p) => p.split("\n").find((l) => l.trim()));
        // The cover alone on page 1 (its first line the draft mark); every section starts at the top of a page.
        expect(firstLines[0]?.trim()).toBe(lang === "zh" ? "征求意见稿" : "Draft for comment");
        // Compared without white space: pdftotext writes the ideographic space of "附件1　评估方法" as a plain one.
        const squeeze = (x: string | undefined) => (x ?? "").replace(/[\s\u3000]+/g, "");
        // With a TrueType font pdftotext may also split "附件1　评估方法" at its wide space into two lines:
        // a section starts a page when the page's first two lines begin with its title.
        const tops = body.split("\f").map((p) =>
          squeeze(
            p
              .split("\n")
              .filter((l) => l.trim())
              .slice(0, 2)
              .join(""),
          ),
        );
        for (const title of titles) {
          expect(
            tops.some((top) => top.startsWith(squeeze(title))),
            `section ${title} starts a page`,
          ).toBe(true);
        }
        // The dashboard's navigation, banner, downloads and print button stay off paper.
        for (const screenOnly of lang === "zh"
          ? ["中文版下载", "打印本页", "本看板显示的数字"]
          : ["Download in English", "Print this page", "The figures on this dashboard"])
          expect(text).not.toContain(screenOnly);
        expect(pages[0]).toContain(lang === "zh" ? `第 1 页，共 ${pages.length} 页` : `Page 1 of ${pages.length}`);
        // The running header: "终期评估报告　<subtitle>" / "End-of-plan assessment · <subtitle>".
        expect(pages[1]).toMatch(lang === "zh" ? /^终期评估报告\s+\S/m : /^End-of-plan assessment\s+·/m);
      }
    },
    120_000,
  );

  it("shows hostile text from data files literally and runs none of it", async () => {
    for (const lang of LANGS) {
      const { page, seen } = await visit(`assessment.html?lang=${lang}`);
      expect(await page.locator(".pm-report-host main.report").textContent()).toContain(HOSTILE_SOURCE);
      expect(await page.locator(".pm-report-host script").count()).toBe(0);
      expect(await page.locator(".pm-report-host img").count()).toBe(0);
      const handlers = await page
        .locator(".pm-report-host *")
        .evaluateAll((els) => els.flatMap((e) => [...e.attributes].filter((a) => /^on/i.test(a.name)).map((a) => a.name)));
      expect(handlers).toEqual([]);
      expectClean(seen, `assessment.html?lang=${lang} (hostile)`);
      await page.close();
    }
  });

  it("hides the PDF link and says why when the build had no Chromium", async () => {
    const page = await browser.newPage();
    await page.route(/\/formats\.[0-9a-f]+\.json$/, async (route) => {
      const missing: ReportFormats = {
        ...formats,
        formats: FORMATS.filter((f) => f !== "pdf"),
        pdf_missing: { zh: "未生成PDF（测试）", en: "no PDF (test)" },
      };
      await route.fulfill({ json: missing });
    });
    await page.goto(`${site.url}assessment.html?lang=en`, { waitUntil: "networkidle" });
    await page.waitForSelector("[data-pdf-missing]");
    expect(await page.locator("a[data-format='pdf']").count()).toBe(0);
    expect(await page.locator("a[data-format='xlsx']").count()).toBe(2);
    expect(await page.locator("[data-pdf-missing]").textContent()).toBe("no PDF (test)");
    await page.close();
  });

  it("reads at phone width", async () => {
    const { page, seen } = await visit("assessment.html?lang=zh", { width: 390 });
    await page.screenshot({ path: join(SHOTS, "assessment-zh-phone.png") });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(1);
    expectClean(seen, "assessment (phone)");
    await page.close();
  });
});
