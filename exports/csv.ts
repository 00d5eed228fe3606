/**
 * CSV export: one table, the indicators with every metric and the verdict sentence. UTF-8 with a
 * byte order mark (Excel on Chinese Windows), RFC 4180 quoting, and every text cell starting with
 * = + - @ neutralised against formula injection (lib/csv.ts).
 *
 * Shares (completion, progress, growth rates) are written as percentages (115 = 115 %) in columns
 * marked (%), with up to 4 decimals, so a spreadsheet shows what the report says.
 */
import { toCsv } from "../lib/csv.ts";
import type { Cell, Report, Table } from "./report.ts";

function csvValue(value: Cell, kind: string): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return "";
    if (kind === "percent") return Number((value * 100).toFixed(4));
    return Number(value.toPrecision(12));
  }
  return value;
}

export function tableToCsv(table: Table): string {
  const header = table.columns.map((c) => (c.kind === "percent" ? `${c.label} (%)` : c.label));
  const rows = table.rows.map((r) => r.map((v, i) => csvValue(v, table.columns[i].kind)));
  return toCsv(header, rows);
}

export function reportToCsv(report: Report): string {
  return tableToCsv(report.tables.indicators);
}
