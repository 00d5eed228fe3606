/**
 * Markdown export: the report as headings, text and tables, for pasting into documents.
 * Data text is escaped so that it can never become markup (links, HTML, emphasis, table breaks).
 */
import { cellText, isNumeric } from "./cells.ts";
import { type Block, type Field, type IndicatorSection, type Report, rowCells, type Table } from "./report.ts";

/** Escape text for Markdown: punctuation that could start markup gets a backslash; no raw newlines. */
export function mdEscape(text: string, inCell = false): string {
  const inline = text
    .replace(/\r\n?|\n/g, " ")
    .replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`)
    .replace(/&(?=#?[a-zA-Z0-9]+;)/g, "\\&");
  if (inCell) return inline;
  return inline.replace(/^(\s*)([#+=-])/, "$1\\$2").replace(/^(\s*\d+)([.)])/, "$1\\$2");
}

export function mdTable(table: Table): string {
  if (table.rows.length === 0) return `*${mdEscape(table.empty)}*`;
  const head = `| ${table.columns.map((c) => mdEscape(c.label, true)).join(" | ")} |`;
  const rule = `| ${table.columns.map((c) => (isNumeric(c.kind) ? "---:" : "---")).join(" | ")} |`;
  const rows = table.rows.map(
    (r) =>
      `| ${rowCells(table, r)
        .map((v, i) => mdEscape(cellText(v, table.columns[i].kind, table.lang), true) || " ")
        .join(" | ")} |`,
  );
  return [head, rule, ...rows].join("\n");
}

function mdFields(items: Field[]): string {
  return items
    .map((f) => `- **${mdEscape(f.label, true)}**${/[\u4e00-\u9fff]/.test(f.label) ? "：" : ": "}${mdEscape(f.value, true)}`)
    .join("\n");
}

function mdIndicator(ind: IndicatorSection, report: Report): string {
  const w = report.words;
  const parts = [
    `### ${mdEscape(ind.name, true)}${ind.headline ? " ★" : ""}（${mdEscape(ind.statusLabel)}）`,
    `**${mdEscape(ind.sentence)}**`,
    mdFields(ind.fields),
    `**${mdEscape(ind.methods.title)}**\n\n${mdTable(ind.methods)}`,
    `**${mdEscape(ind.metrics.title)}**\n\n${mdTable(ind.metrics)}`,
    `**${mdEscape(ind.series.title)}**\n\n${mdTable(ind.series)}`,
  ];
  if (ind.notes.length) parts.push(`**${mdEscape(w.notes)}**\n\n${ind.notes.map((n) => `- ${mdEscape(n)}`).join("\n")}`);
  return parts.join("\n\n");
}

function mdBlock(b: Block, report: Report): string {
  switch (b.kind) {
    case "heading":
      return `${b.level === 3 ? "####" : "###"} ${mdEscape(b.text, true)}`;
    case "paragraph":
      if (b.style === "draft") return `*${mdEscape(b.text)}*`;
      return b.style === "verdict" ? `**${mdEscape(b.text)}**` : b.style === "warning" ? `> **${mdEscape(b.text)}**` : mdEscape(b.text);
    case "list":
      return b.items.map((i, n) => `${n + 1}. ${mdEscape(i)}`).join("\n");
    case "chart":
      return "";
    case "fields":
      return mdFields(b.items);
    case "table":
      return b.table.title ? `**${mdEscape(b.table.title)}**\n\n${mdTable(b.table)}` : mdTable(b.table);
    case "indicator": {
      const ind = report.indicators.find((i) => i.id === b.id);
      return ind ? mdIndicator(ind, report) : "";
    }
  }
}

export function reportToMarkdown(report: Report): string {
  const out: string[] = [`# ${mdEscape(report.title, true)}`, `**${mdEscape(report.cover.mark)}**`];
  if (report.warning) out.push(`> **${mdEscape(report.warning)}**`);
  out.push(mdFields(report.cover.fields));
  out.push(`## ${mdEscape(report.words.contents, true)}`, report.sections.map((s) => `- ${mdEscape(s.title)}`).join("\n"));
  for (const s of report.sections) {
    out.push(
      `## ${mdEscape(s.title, true)}${s.draft ? `（${mdEscape(report.words.draft)}）`.replace(/^（(.*)）$/, report.lang === "zh" ? "（$1）" : " ($1)") : ""}`,
    );
    for (const b of s.blocks) out.push(mdBlock(b, report));
  }
  return `${out.join("\n\n")}\n`;
}
