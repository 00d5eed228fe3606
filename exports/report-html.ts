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
import type { Block, Field, IndicatorSection, Report, Table } from "./report.ts";

export { esc } from "./chart.ts";

/** Local font names only: Noto Sans CJK (Debian fonts-noto-cjk), then what Windows and macOS have. */
export const FONT_STACK =
  '"Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN", "Microsoft YaHei", "PingFang SC", "WenQuanYi Micro Hei", sans-serif';

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
.contents ul { margin: 0; padding-left: 0; list-style: none; }
.files { font-size: 8.5pt; color: var(--muted); }
.section { break-before: page; }
.indicator { break-before: page; }
.indicator.first { break-before: auto; }
.verdict { font-weight: bold; font-size: 11pt; border-left: 3pt solid var(--accent); padding: 1.5mm 0 1.5mm 3mm; background: #f4f7fb; break-inside: avoid; }
.note { color: var(--muted); }
.status { display: inline-block; font-size: 9pt; font-weight: bold; padding: 0 2mm; border-radius: 2mm; color: #fff; vertical-align: middle; }
.s-achieved { background: #1a7f37; } .s-on_track { background: #2f7fbf; } .s-needs_acceleration { background: #b8860b; }
.s-off_track { background: #d9822b; } .s-regressing { background: #c0392b; } .s-missed { background: #c0392b; } .s-insufficient_data { background: #777; }
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
  const texts = table.rows.map((r) => r.map((v, i) => cellText(v, table.columns[i].kind)));
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

function htmlBlock(b: Block, report: Report, state: { indicator: number }): string {
  switch (b.kind) {
    case "heading":
      return `<h3>${esc(b.text)}</h3>`;
    case "paragraph":
      return `<p${b.style ? ` class="${b.style}"` : ""}>${esc(b.text)}</p>`;
    case "list":
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join("")}</ul>`;
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
export function reportBodyHtml(report: Report): string {
  const state = { indicator: 0 };
  const cover = `<section class="cover">
<div class="kind">${esc(report.lang === "zh" ? "终期评估报告" : "End-of-plan assessment report")}</div>
<h1>${esc(report.title)}</h1>
<div class="subtitle">${esc(report.subtitle)}</div>
${report.warning ? `<div class="warning">${esc(report.warning)}</div>` : ""}
${htmlFields(report.cover.fields)}
<div class="contents"><h4>${esc(report.words.contents)}</h4><ul>${report.sections.map((s) => `<li>${esc(s.title)}</li>`).join("")}</ul></div>
${report.cover.files.length ? `<div class="files"><h4>${esc(report.lang === "zh" ? "来源文件" : "Source files")}</h4><p>${report.cover.files.map((f) => esc(f)).join(report.lang === "zh" ? "、" : ", ")}</p></div>` : ""}
</section>`;
  const sections = report.sections
    .map(
      (s) =>
        `<section class="section section-${s.id}" id="${s.id}">\n<h2>${esc(s.title)}</h2>\n${s.blocks.map((b) => htmlBlock(b, report, state)).join("\n")}\n</section>`,
    )
    .join("\n");
  return `<main class="report">\n${cover}\n${sections}\n</main>`;
}

/** The whole page. */
export function renderReportHtml(report: Report): string {
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
${reportBodyHtml(report)}
</body>
</html>
`;
}
