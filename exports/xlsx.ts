/**
 * XLSX export (exceljs): one sheet per report section plus the yearly figures used and the raw
 * series (every vintage). Numbers are real numbers with number formats, shares are percentages
 * (0.0%), years are plain, dates are dates; header rows are frozen; text cells are guarded against
 * formula injection. Opens in Excel, WPS and LibreOffice.
 */
import ExcelJS from "exceljs";
import { guardCell } from "../lib/csv.ts";
import { displayWidth } from "../lib/text.ts";
import { cellText } from "./cells.ts";
import { neededDecimals } from "./format.ts";
import type { Cell, CellKind, Report, Table } from "./report.ts";

/** A valid, unique sheet name: at most 31 characters, none of []:*?/\ . */
export function sheetName(name: string, taken: Set<string>): string {
  const base =
    name
      .replace(/[[\]:*?/\\]/g, "_")
      .replace(/^'+|'+$/g, "")
      .trim()
      .slice(0, 31) || "Sheet";
  let out = base;
  for (let i = 2; taken.has(out.toLowerCase()); i++) out = `${base.slice(0, 31 - String(i).length - 1)}_${i}`;
  taken.add(out.toLowerCase());
  return out;
}

export function numberFormat(value: number, kind: CellKind): string {
  switch (kind) {
    case "percent":
      return "0.0%";
    case "ratio":
      return "0.000";
    case "year":
      return "0";
    case "integer":
      return "#,##0";
    default: {
      const d = neededDecimals(value);
      return d === 0 ? "#,##0" : `#,##0.${"0".repeat(d)}`;
    }
  }
}

function isoDate(text: string): Date | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.slice(0, 10));
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(d.getTime()) ? null : d;
}

/** Put one value in a cell: a number with its format, a date, or guarded text. */
export function setCell(cell: ExcelJS.Cell, value: Cell, kind: CellKind): void {
  if (value === null || value === undefined || value === "") {
    cell.value = null;
    return;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      cell.value = null;
      return;
    }
    cell.value = value;
    cell.numFmt = numberFormat(value, kind);
    cell.alignment = { horizontal: "right", vertical: "top" };
    return;
  }
  if (kind === "date") {
    const d = isoDate(value);
    if (d) {
      cell.value = d;
      cell.numFmt = "yyyy-mm-dd";
      cell.alignment = { horizontal: "right", vertical: "top" };
      return;
    }
  }
  cell.value = guardCell(value);
}

const HEADER_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFE8EEF6" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FFBBBBBB" } },
  bottom: { style: "thin", color: { argb: "FFBBBBBB" } },
  left: { style: "thin", color: { argb: "FFBBBBBB" } },
  right: { style: "thin", color: { argb: "FFBBBBBB" } },
};

class SheetWriter {
  row = 1;
  readonly widths: number[] = [];
  constructor(readonly ws: ExcelJS.Worksheet) {}

  private fit(col: number, text: string, wide = false): void {
    const w = Math.max(...text.split("\n").map(displayWidth)) + 2;
    this.widths[col] = Math.max(this.widths[col] ?? 6, Math.min(wide ? 60 : 40, w));
  }

  title(text: string, size = 13): void {
    const c = this.ws.getCell(this.row, 1);
    c.value = guardCell(text);
    c.font = { bold: true, size };
    this.row += 1;
  }

  text(text: string, opts: { bold?: boolean; color?: string } = {}): void {
    const c = this.ws.getCell(this.row, 1);
    c.value = guardCell(text);
    c.font = { bold: opts.bold ?? false, color: opts.color ? { argb: opts.color } : undefined };
    this.row += 1;
  }

  blank(): void {
    this.row += 1;
  }

  pairs(items: { label: string; value: string }[]): void {
    for (const f of items) {
      const a = this.ws.getCell(this.row, 1);
      a.value = guardCell(f.label);
      a.font = { bold: true };
      const b = this.ws.getCell(this.row, 2);
      b.value = guardCell(f.value);
      b.alignment = { wrapText: true, vertical: "top" };
      this.fit(1, f.label);
      this.widths[2] = Math.max(this.widths[2] ?? 6, Math.min(90, displayWidth(f.value) + 2));
      this.row += 1;
    }
  }

  /** A table with a styled header row; returns the header's row number. */
  table(table: Table, opts: { title?: boolean } = {}): number {
    if (opts.title !== false && table.title) {
      const c = this.ws.getCell(this.row, 1);
      c.value = guardCell(table.title);
      c.font = { bold: true, size: 11 };
      this.row += 1;
    }
    const headerRow = this.row;
    table.columns.forEach((col, i) => {
      const c = this.ws.getCell(this.row, i + 1);
      c.value = guardCell(col.label);
      c.font = { bold: true };
      c.fill = HEADER_FILL;
      c.border = THIN;
      c.alignment = { vertical: "middle", wrapText: true };
      this.fit(i + 1, col.label);
    });
    this.row += 1;
    if (table.rows.length === 0) {
      this.ws.getCell(this.row, 1).value = guardCell(table.empty);
      this.ws.getCell(this.row, 1).font = { italic: true, color: { argb: "FF777777" } };
      this.row += 1;
      return headerRow;
    }
    for (const r of table.rows) {
      r.forEach((v, i) => {
        const col = table.columns[i];
        const c = this.ws.getCell(this.row, i + 1);
        setCell(c, v, col.kind);
        c.border = THIN;
        this.fit(i + 1, cellText(v, col.kind), col.wide);
        if (col.wide) c.alignment = { wrapText: true, vertical: "top" };
      });
      this.row += 1;
    }
    return headerRow;
  }

  finish(opts: { freezeRow?: number; freezeCol?: number; minWidthA?: number } = {}): void {
    for (let i = 1; i < this.widths.length; i++) {
      if (this.widths[i] === undefined) continue;
      this.ws.getColumn(i).width = Math.max(i === 1 ? (opts.minWidthA ?? 8) : 6, this.widths[i]);
    }
    if (opts.freezeRow !== undefined || opts.freezeCol !== undefined) {
      this.ws.views = [{ state: "frozen", ySplit: opts.freezeRow ?? 0, xSplit: opts.freezeCol ?? 0 }];
    }
  }
}

const SHEETS = {
  cover: { zh: "封面", en: "Cover" },
  summary: { zh: "总体评估", en: "Summary" },
  indicators: { zh: "分指标评估", en: "Indicators" },
  series: { zh: "年度数据", en: "Yearly figures" },
  tasks: { zh: "重点任务", en: "Tasks" },
  units: { zh: "责任单位", en: "Responsible units" },
  quality: { zh: "数据质量", en: "Data quality" },
  methodology: { zh: "评估方法", en: "Methodology" },
  raw: { zh: "原始数据（全部版本）", en: "Raw series (all vintages)" },
} as const;

/** A one-table sheet with its header frozen (row 1) and the first `freezeCol` columns frozen. */
function flatSheet(wb: ExcelJS.Workbook, name: string, table: Table, freezeCol = 0): void {
  const ws = wb.addWorksheet(name);
  const w = new SheetWriter(ws);
  const header = w.table(table, { title: false });
  ws.autoFilter = { from: { row: header, column: 1 }, to: { row: header + Math.max(1, table.rows.length), column: table.columns.length } };
  w.finish({ freezeRow: header, freezeCol });
}

export async function reportToXlsx(report: Report): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "plan-monitor";
  wb.title = report.title;
  wb.created = new Date(report.generated_at);
  const lang = report.lang;
  const taken = new Set<string>();
  const name = (k: keyof typeof SHEETS) => sheetName(SHEETS[k][lang], taken);

  // Cover
  {
    const ws = wb.addWorksheet(name("cover"));
    const w = new SheetWriter(ws);
    w.title(report.title, 15);
    w.text(report.subtitle);
    if (report.warning) w.text(report.warning, { bold: true, color: "FFC0392B" });
    w.blank();
    w.pairs(report.cover.fields);
    w.blank();
    if (report.cover.files.length) {
      w.text(lang === "zh" ? "来源文件" : "Source files", { bold: true });
      for (const f of report.cover.files) w.text(f);
      w.blank();
    }
    if (report.cover.sources.length) {
      w.text(lang === "zh" ? "数据来源" : "Data sources", { bold: true });
      for (const s of report.cover.sources) w.text(s);
    }
    w.finish({ freezeRow: 1, minWidthA: 16 });
  }
  // Summary
  {
    const ws = wb.addWorksheet(name("summary"));
    const w = new SheetWriter(ws);
    const section = report.sections.find((s) => s.id === "summary");
    w.title(section?.title ?? SHEETS.summary[lang]);
    w.text(report.summary.sentence, { bold: true });
    for (const b of section?.blocks ?? []) if (b.kind === "paragraph" && b.style !== "verdict") w.text(b.text);
    w.blank();
    w.table(report.tables.counts);
    w.blank();
    w.table(report.tables.headline);
    w.blank();
    w.table(report.tables.others);
    w.finish({ freezeRow: 1, minWidthA: 24 });
  }
  flatSheet(wb, name("indicators"), report.tables.indicators, 2);
  flatSheet(wb, name("series"), report.tables.series, 1);
  flatSheet(wb, name("tasks"), report.tables.tasks, 0);
  flatSheet(wb, name("units"), report.tables.units, 1);
  // Data quality: the overview sentence, then each table.
  {
    const ws = wb.addWorksheet(name("quality"));
    const w = new SheetWriter(ws);
    const section = report.sections.find((s) => s.id === "quality");
    w.title(section?.title ?? SHEETS.quality[lang]);
    for (const b of section?.blocks ?? []) if (b.kind === "paragraph") w.text(b.text);
    for (const tb of [
      report.tables.missing,
      report.tables.preliminary,
      report.tables.conflicts,
      report.tables.rejected,
      report.tables.files,
    ]) {
      w.blank();
      w.table(tb);
    }
    w.finish({ freezeRow: 1, minWidthA: 20 });
  }
  // Methodology: one wide wrapped column.
  {
    const ws = wb.addWorksheet(name("methodology"));
    const w = new SheetWriter(ws);
    const section = report.sections.find((s) => s.id === "methodology");
    w.title(section?.title ?? SHEETS.methodology[lang]);
    for (const m of report.methodology) {
      w.blank();
      w.text(m.heading, { bold: true });
      for (const p of m.paragraphs) {
        ws.getCell(w.row, 1).value = guardCell(p);
        ws.getCell(w.row, 1).alignment = { wrapText: true, vertical: "top" };
        w.row += 1;
      }
    }
    ws.getColumn(1).width = 110;
    ws.views = [{ state: "frozen", ySplit: 1 }];
  }
  flatSheet(wb, name("raw"), report.tables.raw, 2);

  const buffer = await wb.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}
