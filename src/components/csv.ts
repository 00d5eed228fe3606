/**
 * CSV downloads: UTF-8 with a BOM (so Excel on Chinese Windows opens it right), and the
 * formula-injection guard of the CSV exports: a cell starting with = + - @ (or tab / CR) gets a
 * leading apostrophe so a spreadsheet shows it as text instead of running it.
 */
import { h } from "./dom.js";

const FORMULA_START = /^[=+\-@\t\r]/;

/** Guard one cell: numbers stay numbers; text that a spreadsheet would run as a formula is defused. */
export function guardCell(value: unknown): string {
  if (value == null) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const s = String(value);
  return FORMULA_START.test(s) ? `'${s}` : s;
}

function quote(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** Rows to CSV text (CRLF line ends, BOM first). */
export function toCsv(rows: Record<string, unknown>[], columns: string[] = rows.length ? Object.keys(rows[0]) : []): string {
  const lines = [columns.map((c) => quote(guardCell(c))).join(",")];
  for (const row of rows) lines.push(columns.map((c) => quote(guardCell(row[c]))).join(","));
  return `\uFEFF${lines.join("\r\n")}\r\n`;
}

/** A link that downloads the rows as a CSV file. */
export function csvDownload(
  rows: Record<string, unknown>[],
  { filename = "data.csv", label = "CSV", columns }: { filename?: string; label?: string; columns?: string[] } = {},
): HTMLElement {
  const blob = new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" });
  return h("a", { class: "pm-download", download: filename, href: URL.createObjectURL(blob) }, label);
}
