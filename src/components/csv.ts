/**
 * CSV downloads: the same CSV as the CLI and the exports (lib/csv.ts: UTF-8 with a BOM, RFC 4180,
 * the formula guard), offered as a download link.
 */
import { toCsv as csvText } from "../lib/csv.js";
import { h } from "./dom.js";

export { guardCell } from "../lib/csv.js";

/** Rows (objects) to CSV text with lib/csv.ts's rule (CRLF line ends, BOM first, formula guard). */
export function toCsv(rows: Record<string, unknown>[], columns: string[] = rows.length ? Object.keys(rows[0]) : []): string {
  return csvText(
    columns,
    rows.map((row) => columns.map((c) => row[c])),
  );
}

/** A link that downloads the rows as a CSV file. */
export function csvDownload(
  rows: Record<string, unknown>[],
  { filename = "data.csv", label = "CSV", columns }: { filename?: string; label?: string; columns?: string[] } = {},
): HTMLElement {
  const blob = new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" });
  return h("a", { class: "pm-download", download: filename, href: URL.createObjectURL(blob) }, label);
}
