/**
 * The report as one self-contained HTML page: inline CSS, charts as inline SVG (exports/chart.ts),
 * no script, no web fonts, no network. Headless Chromium prints it to PDF (exports/pdf.ts) and the
 * site can show and print the same page. All data text is escaped: it can never become markup.
 *
 * Print layout: A4, each section on a new page, each indicator on a new page, charts and table
 * rows never split, table headers repeated on every page, Chinese text in Noto Sans CJK (a local
 * font: `fonts-noto-cjk` on Debian).
 */
import { esc } from "./chart.ts";
import { chartSvg } from "./chart.ts";
import { displayWidth } from "../lib/text.ts";
import { cellText, isNumeric } from "./cells.ts";
import { type Block, type Field, type IndicatorSection, type Report, rowCells, type Table } from "./report.ts";

export { esc } from "./chart.ts";

/**
 * Local font names only. WenQuanYi Zen Hei first (Debian fonts-wqy-zenhei): its TrueType outlines
 * are embedded by Chromium's PDF writer as CID TrueType fonts, where the CFF outlines of Noto Sans
 * CJK (fonts-noto-cjk) become hundreds of Type 3 fonts; then what Windows and macOS have.
 */
export const FONT_STACK =
  '"WenQuanYi Zen Hei", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif';

export const REPORT_CSS = `
@page { size: A4; margin: 16mm 14mm 18mm 14mm; }
:root { --ink: #222; --muted: #666; --rule: #bbb; --accent: #1f5fa8; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: ${FONT_STACK}; color: var(--ink); font-size: 10pt; line-height: 1.55; margin: 0; }
.report { max-width: 182mm; margin: 0 auto; }
@media screen { body { background: #f3f3f3; } .report { background: #fff; padding: 12mm 14mm; margin: 8mm auto; box-shadow: 0 0 4px #aaa; } }
h1 { font-size: 20pt; line-height: 1.35; margin: 0 0 6mm; color: var(--accent); }
h2 { font-size: 15pt; margin: 0 0 4mm; padding-bottom: 1.5mm; border-bottom: 1.5pt solid var(--accent); break-after: avoid; }
h3 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
h4 { font-size: 10pt; margin: 4mm 0 1.5mm; break-after: avoid; color: #444; }
p { margin: 0 0 2.5mm; }
.cover { break-after: page; }
.cover .subtitle { font-size: 12pt; color: var(--muted); margin-bottom: 8mm; }
.cover .kind { font-size: 13pt; letter-spacing: 0.1em; color: var(--muted); margin: 16mm 0 4mm; }
.warning { border: 1pt solid #c0392b; background: #fdf0ee; color: #8e2a1f; padding: 2.5mm 3.5mm; margin: 0 0 5mm; font-weight: bold; break-inside: avoid; }
dl.fields { display: grid; grid-template-columns: max-content 1fr; gap: 1.2mm 5mm; margin: 0 0 5mm; }
dl.fields dt { color: var(--muted); white-space: nowrap; }
dl.fields dd { margin: 0; }
.contents { break-after: page; }
.contents ul { margin: 0; padding-left: 0; list-style: none; font-size: 11pt; }
.contents li a { display: flex; gap: 2mm; color: inherit; text-decoration: none; padding: 1mm 0; }
.contents .toc-title { flex: none; }
.contents li a::after { content: ""; order: 1; flex: 1; border-bottom: 0.6pt dotted #999; margin-bottom: 1.2mm; }
.contents .toc-page { order: 2; min-width: 8mm; text-align: right; }
.nobr { white-space: nowrap; }
.cover { text-align: center; }
.cover .mark { text-align: right; font-size: 12pt; font-weight: bold; margin-bottom: 20mm; }
.cover .number { font-size: 11pt; margin-bottom: 6mm; }
.cover h1 { margin: 30mm 0 16mm; }
.cover .cover-foot { margin: 30mm 0 12mm; font-size: 14pt; line-height: 2; }
.cover dl.fields { text-align: left; font-size: 9pt; }
.draft, ol.draft { color: #7a4d00; }
.draft-tag { font-size: 9pt; font-weight: normal; border: 0.8pt solid #b8860b; color: #7a4d00; padding: 0 1.5mm; vertical-align: middle; }
ol { margin: 0 0 3mm; padding-left: 7mm; }
.files { font-size: 8.5pt; color: var(--muted); }
.section { break-before: page; }
.indicator { break-before: page; }
.indicator.first { break-before: auto; }
.verdict { font-weight: bold; font-size: 11pt; border-left: 3pt solid var(--accent); padding: 1.5mm 0 1.5mm 3mm; background: #f4f7fb; break-inside: avoid; }
.note { color: var(--muted); }
.status { display: inline-block; font-size: 9pt; font-weight: bold; padding: 0 2mm; border-radius: 2mm; color: #fff; vertical-align: middle; }
/* White badge text keeps >= 4.5:1 (WCAG AA) on every shade, on screen and on paper. */
.s-achieved { background: #1a7f37; } .s-on_track { background: #2a6fa8; } .s-needs_acceleration { background: #8a6508; }
.s-off_track { background: #a85a12; } .s-regressing { background: #c0392b; } .s-missed { background: #c0392b; } .s-insufficient_data { background: #696969; }
.star { color: #b8860b; }
figure.chart-figure { margin: 3mm 0; break-inside: avoid; page-break-inside: avoid; }
figure.chart-figure svg { width: 100%; height: auto; display: block; font-family: ${FONT_STACK}; }
figure.chart-figure figcaption { font-size: 8.5pt; color: var(--muted); text-align: center; }
.table-block { margin: 2mm 0 4mm; }
.table-title { font-weight: bold; font-size: 9.5pt; margin: 3mm 0 1mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; font-size: 8.5pt; line-height: 1.4; }
table.dense { font-size: 7.5pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
th, td { border: 0.5pt solid var(--rule); padding: 1mm 1.5mm; vertical-align: top; text-align: left; white-space: pre-line; }
th { background: #eef2f7; font-weight: bold; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.nowrap, th.nowrap { white-space: nowrap; }
.empty { color: var(--muted); font-style: italic; }
ul.notes { margin: 1mm 0 3mm; padding-left: 5mm; color: #444; font-size: 9pt; }
`;

export function htmlTable(table: Table, opts: { title?: boolean } = {}): string {
  const title = opts.title !== false && table.title ? `<div class="table-title">${esc(table.title)}</div>` : "";
  if (table.rows.length === 0) return `<div class="table-block">${title}<p class="empty">${esc(table.empty)}</p></div>`;
  const dense = table.columns.length > 8 ? ' class="dense"' : "";
  // Short columns (years, dates, stages, counts) never wrap; long text wraps.
  const texts = table.rows.map((r) => rowCells(table, r).map((v, i) => cellText(v, table.columns[i].kind, table.lang)));
  const cls = table.columns.map((c, i) => {
    const longest = Math.max(0, ...texts.map((r) => Math.max(...r[i].split("\n").map(displayWidth))));
    const names = [isNumeric(c.kind) ? "num" : "", !c.wide && longest <= 16 ? "nowrap" : ""].filter(Boolean).join(" ");
    return names ? ` class="${names}"` : "";
  });
  const head = table.columns.map((c, i) => `<th${cls[i]}>${esc(c.label)}</th>`).join("");
  const body = texts.map((r) => `<tr>${r.map((v, i) => `<td${cls[i]}>${esc(v)}</td>`).join("")}</tr>`).join("\n");
  return `<div class="table-block">${title}<table${dense}><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table></div>`;
}

function htmlFields(items: Field[]): string {
  return `<dl class="fields">${items.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.value)}</dd>`).join("")}</dl>`;
}

const badge = (status: string, label: string) => `<span class="status s-${esc(status)}">${esc(label)}</span>`;

function htmlIndicator(ind: IndicatorSection, report: Report, first: boolean, index: number): string {
  const w = report.words;
  return `<article class="indicator${first ? " first" : ""}" id="indicator-${esc(ind.id)}">
<h3>${index}. ${esc(ind.name)}${ind.headline ? ' <span class="star" title="headline">★</span>' : ""} ${badge(ind.status, ind.statusLabel)}</h3>
<p class="verdict">${esc(ind.sentence)}</p>
${htmlFields(ind.fields)}
<figure class="chart-figure">${chartSvg(ind.chart)}<figcaption>${esc(w.chart)}：${esc(ind.chart.title)}</figcaption></figure>
${htmlTable(ind.methods)}
${htmlTable(ind.metrics)}
${htmlTable(ind.series)}
${ind.notes.length ? `<div class="table-title">${esc(w.notes)}</div><ul class="notes">${ind.notes.map((n) => `<li>${esc(n)}</li>`).join("")}</ul>` : ""}
</article>`;
}

/** Escaped text in which a parenthesised year range ("（2018-2020年）") never breaks across lines. */
export function escText(text: string): string {
  return esc(text).replace(/[（(]\d{4}\s*[-–—至]\s*\d{4}年?[）)]/g, (m) => `<span class="nobr">${m}</span>`);
}

function htmlBlock(b: Block, report: Report, state: { indicator: number }): string {
  switch (b.kind) {
    case "heading":
      return b.level === 3 ? `<h4>${escText(b.text)}</h4>` : `<h3>${escText(b.text)}</h3>`;
    case "paragraph":
      return `<p${b.style ? ` class="${b.style}"` : ""}>${escText(b.text)}</p>`;
    case "list":
      return `<ol${b.style ? ` class="${b.style}"` : ""}>${b.items.map((i) => `<li>${escText(i)}</li>`).join("")}</ol>`;
    case "chart": {
      const ind = report.indicators.find((i) => i.id === b.id);
      return ind ? `<figure class="chart-figure">${chartSvg(ind.chart)}</figure>` : "";
    }
    case "fields":
      return htmlFields(b.items);
    case "table":
      return htmlTable(b.table);
    case "indicator": {
      const ind = report.indicators.find((i) => i.id === b.id);
      if (!ind) return "";
      state.indicator += 1;
      return htmlIndicator(ind, report, state.indicator === 1, state.indicator);
    }
  }
}

/** The report's body (no <html>/<head>): for embedding in a page that includes REPORT_CSS. */
/** The 目录: each section with its page number when known (the PDF's second pass fills them in). */
function contentsHtml(report: Report, pages?: Record<string, number>): string {
  const items = report.sections
    .map(
      (s) =>
        `<li><a href="#${s.id}"><span class="toc-title">${escText(s.title)}</span><span class="toc-page">${pages?.[s.id] ?? ""}</span></a></li>`,
    )
    .join("");
  return `<section class="contents"><h2>${esc(report.words.contents)}</h2><ul>${items}</ul></section>`;
}

export function reportBodyHtml(report: Report, opts: { pages?: Record<string, number> } = {}): string {
  const state = { indicator: 0 };
  const cover = `<section class="cover">
<div class="mark">${esc(report.cover.mark)}</div>
${report.cover.document ? `<div class="number">${esc(report.cover.document)}</div>` : ""}
<h1>${escText(report.title)}</h1>
${report.warning ? `<div class="warning">${esc(report.warning)}</div>` : ""}
<div class="cover-foot"><div class="author">${esc(report.cover.author)}</div><div class="date">${esc(report.cover.date)}</div></div>
${htmlFields(report.cover.fields)}
</section>`;
  const sections = report.sections
    .map(
      (s) =>
        `<section class="section section-${s.id} part-${s.part}" id="${s.id}">\n<h2>${escText(s.title)}${s.draft ? ` <span class="draft-tag">${esc(report.words.draft)}</span>` : ""}</h2>\n${s.blocks.map((b) => htmlBlock(b, report, state)).join("\n")}\n</section>`,
    )
    .join("\n");
  return `<main class="report">\n${cover}\n${contentsHtml(report, opts.pages)}\n${sections}\n</main>`;
}

/** The whole page. */
export function renderReportHtml(report: Report, opts: { pages?: Record<string, number> } = {}): string {
  return `<!DOCTYPE html>
<html lang="${report.lang === "zh" ? "zh-CN" : "en"}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="plan-monitor">
<title>${esc(report.title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
${reportBodyHtml(report, opts)}
</body>
</html>
`;
}
