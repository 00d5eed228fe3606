/**
 * The end-of-plan report (终期评估报告) for src/assessment.md, made once per build by the same code
 * as `plan-monitor report` (pipelines/commands/report.ts), as one tar archive: Framework runs this
 * loader once and extracts each file the page asks for (FileAttachment("data/report-files/zh.xlsx")).
 *
 *   zh.html, en.html   the report page (exports/report-html.ts) that the site shows and prints
 *   zh.docx.bin zh.xlsx.bin zh.pdf zh.md zh.csv zh.json (and en.*)   the downloads (see entryName);
 *                      the Word file's charts need Chromium too (without it: no chart images)
 *   formats.json       which formats were made, their sizes and download names
 *
 * The PDF needs Chromium. Without it (or when printing fails) the build still succeeds: a warning
 * goes to stderr, the .pdf entries are empty, formats.json says pdf is missing and the page hides
 * its link. Both languages print concurrently, so the cost is about one Chromium launch.
 */
import { existsSync } from "node:fs";
import { chromiumPath } from "../../exports/pdf.ts";
import { FONT_STACK } from "../../exports/report-html.ts";
import { type ReportData, type ReportFormat, renderReport } from "../../exports/render.ts";
import { reportFromWarehouse } from "../../pipelines/services.ts";
import { type Lang, LANGS } from "../../lib/lang.ts";
import { openSiteWarehouse } from "../../pipelines/site/source.ts";

const DOWNLOADS = ["docx", "xlsx", "pdf", "md", "csv", "json"] as const satisfies readonly ReportFormat[];
/** What a reader's computer calls each download (the built files themselves have ASCII names). */
const BASENAME: Record<Lang, string> = { zh: "终期评估报告", en: "end-of-plan-assessment-report" };

export interface ReportFormats {
  /** Formats made for both languages; "pdf" is missing when Chromium was not available. */
  formats: string[];
  /** Why the PDF is missing, in both languages (null when it was made). */
  pdf_missing: { zh: string; en: string } | null;
  /** Per language and format: the name to save as, and the size in bytes. */
  files: Record<Lang, Record<string, { name: string; size: number }>>;
  year: number;
  generated_at: string;
  /** The report's fonts, for the page header and numbers when the page is printed. */
  font_stack: string;
}

/** A POSIX ustar archive of small files with short ASCII names. */
export function tar(entries: { name: string; data: Uint8Array }[], mtime = Math.floor(Date.now() / 1000)): Buffer {
  const blocks: Buffer[] = [];
  for (const { name, data } of entries) {
    if (!/^[\w.-]{1,99}$/.test(name)) throw new Error(`tar: bad entry name ${name}`);
    const header = Buffer.alloc(512);
    const put = (text: string, offset: number, length: number) => header.write(text, offset, length, "ascii");
    const octal = (n: number, length: number) => n.toString(8).padStart(length - 1, "0");
    put(name, 0, 100);
    put(octal(0o644, 8), 100, 8);
    put(octal(0, 8), 108, 8);
    put(octal(0, 8), 116, 8);
    put(octal(data.length, 12), 124, 12);
    put(octal(mtime, 12), 136, 12);
    put("        ", 148, 8);
    put("0", 156, 1);
    put("ustar\u000000", 257, 8);
    let sum = 0;
    for (const byte of header) sum += byte;
    put(`${octal(sum, 7)}\u0000 `, 148, 8);
    blocks.push(header, Buffer.from(data), Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

/**
 * The file's name in the archive (and so in dist/_file). The XLSX is stored as `.xlsx.bin`: a
 * FileAttachment ending in .xlsx makes Framework bundle exceljs into the page (fetched from a CDN,
 * which fails offline), and the page only links to the file. The link's download name ends in .xlsx.
 */
export function entryName(lang: string, format: string): string {
  return format === "xlsx" || format === "docx" ? `${lang}.${format}.bin` : `${lang}.${format}`;
}

const bytes = (value: string | Uint8Array) => (typeof value === "string" ? new TextEncoder().encode(value) : value);
const seconds = (since: number) => `${((Date.now() - since) / 1000).toFixed(1)} s`;
const log = (text: string) => process.stderr.write(`report-files.tar: ${text}\n`);

async function main(): Promise<void> {
  const started = Date.now();
  const generatedAt = new Date();
  const w = await openSiteWarehouse();
  const data = {} as Record<Lang, ReportData>;
  try {
    for (const lang of LANGS) {
      data[lang] = await reportFromWarehouse(w, { lang, asOf: process.env.PLAN_MONITOR_AS_OF || undefined, generatedAt });
    }
  } finally {
    await w.close();
  }
  const entries: { name: string; data: Uint8Array }[] = [];
  const sizes = { zh: {}, en: {} } as Record<Lang, Record<string, { name: string; size: number }>>;
  const add = (lang: Lang, format: string, value: string | Uint8Array) => {
    const body = bytes(value);
    entries.push({ name: entryName(lang, format), data: body });
    if (format !== "html") sizes[lang][format] = { name: `${BASENAME[lang]}.${format}`, size: body.length };
  };
  for (const lang of LANGS) {
    add(lang, "html", (await renderReport(data[lang], "html")) as string);
    for (const format of DOWNLOADS) if (format !== "pdf") add(lang, format, await renderReport(data[lang], format));
  }

  // The PDF: both languages at once (one Chromium each, in parallel), or a warning and no PDF.
  let pdfMissing: ReportFormats["pdf_missing"] = null;
  const chromium = chromiumPath();
  const pdfStarted = Date.now();
  if (!existsSync(chromium)) {
    pdfMissing = {
      zh: `生成看板时找不到Chromium（${chromium}），未生成PDF。安装：apt-get install -y chromium fonts-noto-cjk。也可在浏览器中打印本页另存为PDF。`,
      en: `Chromium was not found at ${chromium} when the dashboard was built, so no PDF was made. Install it with apt-get install -y chromium fonts-noto-cjk, or print this page to PDF from the browser.`,
    };
  } else {
    try {
      const pdfs = await Promise.all(LANGS.map((lang) => renderReport(data[lang], "pdf")));
      for (const [i, lang] of LANGS.entries()) add(lang, "pdf", pdfs[i]);
      log(`PDF (zh, en) printed in ${seconds(pdfStarted)}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      pdfMissing = {
        zh: `生成看板时未能用Chromium打印PDF：${reason}`,
        en: `printing the PDF with Chromium failed when the dashboard was built: ${reason}`,
      };
    }
  }
  if (pdfMissing) {
    // Framework fails the build when a file the page names is missing from the archive: keep an empty one.
    for (const lang of LANGS) entries.push({ name: `${lang}.pdf`, data: new Uint8Array() });
    process.stderr.write(
      `\n⚠ report-files.tar: ${pdfMissing.zh}\n⚠ report-files.tar: ${pdfMissing.en}\n  The other downloads (xlsx, md, csv, json) were made; the page hides the PDF link.\n\n`,
    );
  }
  const formats: ReportFormats = {
    formats: DOWNLOADS.filter((f) => f !== "pdf" || !pdfMissing),
    pdf_missing: pdfMissing,
    files: sizes,
    year: data.zh.assessment.year,
    generated_at: generatedAt.toISOString(),
    font_stack: FONT_STACK,
  };
  entries.push({ name: "formats.json", data: bytes(JSON.stringify(formats)) });
  const archive = tar(entries, Math.floor(generatedAt.getTime() / 1000));
  await new Promise<void>((resolve, reject) => process.stdout.write(archive, (e) => (e ? reject(e) : resolve())));
  log(`${entries.length} files, ${archive.length} bytes in ${seconds(started)}`);
}

try {
  await main();
} catch (error) {
  const e = error as { zh?: string; en?: string; message?: string };
  process.stderr.write(`\nreport-files.tar: ${e.zh && e.en ? `${e.zh}\n${e.en}` : (e.message ?? String(error))}\n`);
  process.exitCode = 1;
}
