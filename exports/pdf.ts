/**
 * PDF export: the report page (exports/report-html.ts) printed by headless Chromium through
 * playwright-core. Debian's /usr/bin/chromium (or PLAN_MONITOR_CHROMIUM), a fresh profile in a
 * temporary folder, every network request refused, A4 with page numbers in the footer.
 *
 * Without Chromium the export refuses with a bilingual message naming the package to install
 * (exit code 2); nothing is written.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT, UserError } from "../lib/errors.ts";
import { esc, FONT_STACK, renderReportHtml } from "./report-html.ts";
import type { Report } from "./report.ts";

export const DEFAULT_CHROMIUM = "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** The browser to print with: PLAN_MONITOR_CHROMIUM, else /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.PLAN_MONITOR_CHROMIUM || DEFAULT_CHROMIUM;
}

/** The Chromium executable, or a UserError (exit 2) saying how to install it. */
export function requireChromium(): string {
  const path = chromiumPath();
  if (!existsSync(path)) {
    throw new UserError(
      `无法生成PDF：找不到Chromium浏览器（${path}）。请安装：apt-get install -y chromium fonts-noto-cjk（或设置环境变量PLAN_MONITOR_CHROMIUM指向Chromium）。其他格式（xlsx、md、csv、json）不需要Chromium。`,
      `cannot make the PDF: Chromium was not found at ${path}. Install it with \`apt-get install -y chromium fonts-noto-cjk\` (or point PLAN_MONITOR_CHROMIUM at a Chromium executable). The other formats (xlsx, md, csv, json) do not need it.`,
      EXIT.inputRefused,
    );
  }
  return path;
}

export interface PdfOptions {
  /** Small text at the top of every page (escaped). */
  header?: string;
  lang: "zh" | "en";
  /** Milliseconds allowed for launching and printing (default 120 s). */
  timeoutMs?: number;
}

type Page = import("playwright-core").Page;

/**
 * Run `fn` on a page of a fresh headless Chromium showing `html` (fonts loaded), every network
 * request refused; the browser and its profile are removed afterwards.
 */
export async function withChromiumPage<T>(
  html: string,
  fn: (page: Page) => Promise<T>,
  opts: { timeoutMs?: number; scale?: number } = {},
): Promise<T> {
  const executablePath = requireChromium();
  const { chromium } = await import("playwright-core");
  const profile = mkdtempSync(join(tmpdir(), "plan-monitor-chromium-"));
  const timeout = opts.timeoutMs ?? 120_000;
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: CHROMIUM_ARGS,
    timeout,
    offline: true,
    ...(opts.scale ? { deviceScaleFactor: opts.scale } : {}),
  });
  try {
    // The page is self-contained: refuse anything that tries to leave it.
    await context.route(/^(?!data:|about:)/, (route) => route.abort());
    const page = await context.newPage();
    page.setDefaultTimeout(timeout);
    await page.setContent(html, { waitUntil: "load" });
    await page.evaluate(() => document.fonts.ready.then(() => true));
    return await fn(page);
  } finally {
    await context.close().catch(() => {});
    rmSync(profile, { recursive: true, force: true });
  }
}

/** Print an HTML document to PDF bytes with headless Chromium; `again` may re-render it once from the first print. */
export async function htmlToPdf(html: string, opts: PdfOptions & { again?: (pdf: Uint8Array) => string | null }): Promise<Uint8Array> {
  return withChromiumPage(
    html,
    async (page) => {
      const first = await printPdf(page, opts);
      const next = opts.again?.(first);
      if (!next) return first;
      await page.setContent(next, { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready.then(() => true));
      return printPdf(page, opts);
    },
    opts,
  );
}

async function printPdf(page: Page, opts: PdfOptions): Promise<Uint8Array> {
  const pageWord = opts.lang === "zh" ? ["第", "页，共", "页"] : ["Page", "of", ""];
  const font = `font-family:${FONT_STACK.replace(/"/g, "'")};font-size:7.5pt;color:#777;`;
  const pdf = await page.pdf({
    format: "A4",
    printBackground: true,
    preferCSSPageSize: true,
    displayHeaderFooter: true,
    headerTemplate: `<div style="${font}width:100%;padding:0 14mm;text-align:right;">${esc(opts.header ?? "")}</div>`,
    footerTemplate: `<div style="${font}width:100%;text-align:center;">${pageWord[0]} <span class="pageNumber"></span> ${pageWord[1]} <span class="totalPages"></span> ${pageWord[2]}</div>`,
    margin: { top: "16mm", bottom: "18mm", left: "14mm", right: "14mm" },
    outline: true,
    tagged: true,
  });
  return new Uint8Array(pdf);
}

/** The text of each page of a PDF (poppler's pdftotext), or null when pdftotext is not installed. */
export function pdfPages(pdf: Uint8Array): string[] | null {
  const dir = mkdtempSync(join(tmpdir(), "plan-monitor-pdf-"));
  try {
    const file = join(dir, "a.pdf");
    writeFileSync(file, pdf);
    return execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 }).split("\f");
  } catch {
    return null;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The page each section starts on (searching forward from the page after the 目录), by its title. */
export function sectionPages(pages: string[], report: Report): Record<string, number> | null {
  const flat = pages.map((p) => p.replace(/\s+/g, ""));
  const contents = flat.findIndex((p, i) => i > 0 && p.includes(report.words.contents.replace(/\s+/g, "")));
  if (contents < 0) return null;
  const out: Record<string, number> = {};
  let from = contents + 1;
  for (const s of report.sections) {
    const title = s.title.replace(/\s+/g, "");
    const at = flat.findIndex((p, i) => i >= from && p.includes(title));
    if (at < 0) return null;
    out[s.id] = at + 1;
    from = at;
  }
  return out;
}

/**
 * The report as PDF bytes. Printed twice in one browser: the second print has the 目录's page
 * numbers, read from the first with pdftotext (without poppler the 目录 has no numbers).
 */
export async function reportToPdf(report: Report, opts: { timeoutMs?: number } = {}): Promise<Uint8Array> {
  const kind =
    report.mode === "final"
      ? report.lang === "zh"
        ? "终期评估报告"
        : "End-of-plan assessment"
      : report.lang === "zh"
        ? "中期评估报告"
        : "Mid-term assessment";
  const header = report.lang === "zh" ? `${kind}　${report.subtitle}` : `${kind} · ${report.subtitle}`;
  const again = (pdf: Uint8Array) => {
    const pages = pdfPages(pdf);
    const at = pages && sectionPages(pages, report);
    return at ? renderReportHtml(report, { pages: at }) : null;
  };
  return htmlToPdf(renderReportHtml(report), { header, lang: report.lang, timeoutMs: opts.timeoutMs, again });
}
