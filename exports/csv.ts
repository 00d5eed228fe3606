/**
 * CSV export: one table, the indicators with every metric and the verdict sentence, each row
 * headed by metadata columns (plan, 数据截至, report kind, synthetic flag) so a file read on its own
 * says what it is. UTF-8 with a byte order mark (Excel on Chinese Windows), RFC 4180 quoting, and
 * every text cell starting with = + - @ neutralised against formula injection (lib/csv.ts).
 *
 * Values are rounded as the report shows them: shares as percentages with one decimal (115.0 =
 * 115.0 %) in columns marked (%), ratios to two decimals, amounts to the decimals their size
 * deserves (exports/format.ts decimalsFor).
 */
import { toCsv } from "../lib/csv.ts";
import { decimalsFor } from "./format.ts";
import { type Cell, type CellKind, type Report, rowCells, type Table } from "./report.ts";

/** A number rounded as the report shows it (no 0.9000000000000004). */
export function roundCell(value: number, kind: CellKind): number {
  const fix = (x: number, d: number) => Number(x.toFixed(d));
  switch (kind) {
    case "percent":
      return fix(value * 100, 1);
    case "ratio":
      return fix(value, 2);
    case "integer":
    case "year":
      return Math.round(value);
    default:
      return fix(value, decimalsFor(value));
  }
}

function csvValue(value: Cell, kind: CellKind): unknown {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? roundCell(value, kind) : "";
  return value;
}

export function tableToCsv(table: Table, meta: { label: string; value: string }[] = []): string {
  const header = [...meta.map((m) => m.label), ...table.columns.map((c) => (c.kind === "percent" ? `${c.label} (%)` : c.label))];
  const rows = table.rows.map((r) => [
    ...meta.map((m) => m.value),
    ...rowCells(table, r).map((v, i) => csvValue(v, table.columns[i].kind)),
  ]);
  return toCsv(header, rows);
}

/** The metadata columns: plan, document, 数据截至, kind (final/interim), synthetic (true/false). */
export function csvMeta(report: Report): { label: string; value: string }[] {
  const zh = report.lang === "zh";
  const plan = report.cover.fields.find((f) => f.label === (zh ? "评估对象" : "Plan evaluated"))?.value ?? "";
  return [
    { label: zh ? "评估对象" : "plan", value: plan },
    { label: zh ? "数据截至" : "data_as_of", value: report.cover.as_of },
    { label: zh ? "评估类型" : "kind", value: report.mode },
    { label: zh ? "合成示例数据" : "synthetic", value: String(report.synthetic) },
  ];
}

export function reportToCsv(report: Report): string {
  return tableToCsv(report.tables.indicators, csvMeta(report));
}
