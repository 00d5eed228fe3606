/**
 * XLSX export (exceljs): one sheet per report section plus the yearly figures used and the raw
 * series (every vintage). Numbers are real numbers with number formats, shares are percentages
 * (0.0%), years are plain, dates are dates; header rows are frozen; text cells are guarded against
 * formula injection. Opens in Excel, WPS and LibreOffice.
 */
import type ExcelJS from "exceljs";
import { excel } from "../lib/exceljs.ts";
import { guardCell } from "../lib/csv.ts";
import { displayWidth } from "../lib/text.ts";
import { cellText } from "./cells.ts";
import { neededDecimals } from "./format.ts";
import JSZip from "jszip";
import { GRADE_LABELS } from "../assessment/final.ts";
import { STATUS_LABELS } from "../assessment/labels.ts";
import { type Cell, type CellKind, type Report, rowCells, type Table } from "./report.ts";

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
      return "0.00";
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
      rowCells(table, r).forEach((v, i) => {
        const col = table.columns[i];
        const c = this.ws.getCell(this.row, i + 1);
        setCell(c, v, col.kind);
        c.border = THIN;
        this.fit(i + 1, cellText(v, col.kind), col.wide);
        if (col.wide || (typeof v === "string" && displayWidth(v) > 40)) c.alignment = { wrapText: true, vertical: "top" };
        const fill = typeof v === "string" ? VERDICT_FILL.get(v) : undefined;
        if (fill) c.fill = { type: "pattern", pattern: "solid", fgColor: { argb: fill } };
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

/** Status and grade cells coloured as on the site (Okabe-Ito, light tints so the word stays readable). */
const TINT: Record<string, string> = {
  achieved: "FFD5EFE3",
  exceeded: "FFBFE6D4",
  completed: "FFD5EFE3",
  on_track: "FFD6E9F5",
  basically_completed: "FFFCEBCF",
  needs_acceleration: "FFFCEBCF",
  off_track: "FFFBE0CC",
  regressing: "FFF6D6CF",
  missed: "FFF6D6CF",
  not_completed: "FFF6D6CF",
  insufficient_data: "FFE6E6E6",
  no_data: "FFE6E6E6",
};
const VERDICT_FILL = new Map<string, string>([
  ...Object.entries(STATUS_LABELS).flatMap(
    ([k, l]) =>
      [
        [l.zh, TINT[k]],
        [l.en, TINT[k]],
      ] as [string, string][],
  ),
  ...Object.entries(GRADE_LABELS).flatMap(
    ([k, l]) =>
      [
        [l.zh, TINT[k]],
        [l.en, TINT[k]],
      ] as [string, string][],
  ),
]);

/** A4 portrait or landscape, fit to one page wide, page numbers in the footer, the warning in the header. */
function pageSetup(
  ws: ExcelJS.Worksheet,
  report: Report,
  opts: { landscape?: boolean; titleRow?: number; lastCol?: number; lastRow?: number } = {},
): void {
  ws.pageSetup = {
    paperSize: 9,
    orientation: opts.landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.7, bottom: 0.7, header: 0.3, footer: 0.3 },
    ...(opts.titleRow ? { printTitlesRow: `${opts.titleRow}:${opts.titleRow}` } : {}),
    ...(opts.lastCol && opts.lastRow ? { printArea: `A1:${ws.getColumn(opts.lastCol).letter}${opts.lastRow}` } : {}),
  };
  const page = report.lang === "zh" ? "第 &P 页，共 &N 页" : "Page &P of &N";
  ws.headerFooter = {
    oddFooter: `&C${page}`,
    ...(report.warning ? { oddHeader: `&L&8${report.warning.replace(/&/g, "&&")}` } : {}),
  };
}

/** Row 1 of every sheet: the synthetic-data warning, when it applies. Returns the next free row. */
function warningRow(ws: ExcelJS.Worksheet, report: Report): number {
  if (!report.warning) return 1;
  const c = ws.getCell(1, 1);
  c.value = guardCell(report.warning);
  c.font = { bold: true, color: { argb: "FFC0392B" } };
  return 2;
}

/** A one-table sheet: warning row, header frozen, autofilter, print titles. */
function flatSheet(wb: ExcelJS.Workbook, report: Report, name: string, table: Table, freezeCol = 0): void {
  const ws = wb.addWorksheet(name);
  const w = new SheetWriter(ws);
  w.row = warningRow(ws, report);
  const header = w.table(table, { title: false });
  const lastRow = header + Math.max(1, table.rows.length);
  ws.autoFilter = { from: { row: header, column: 1 }, to: { row: lastRow, column: table.columns.length } };
  w.finish({ freezeRow: header, freezeCol });
  pageSetup(ws, report, { landscape: table.columns.length > 6, titleRow: header, lastCol: table.columns.length, lastRow });
}

/** A sheet of text and tables in reading order. */
function sectionSheet(wb: ExcelJS.Workbook, report: Report, name: string, ids: string[], minWidthA = 20): void {
  const ws = wb.addWorksheet(name);
  const w = new SheetWriter(ws);
  w.row = warningRow(ws, report);
  let widest = 1;
  for (const s of report.sections.filter((x) => ids.includes(x.id))) {
    w.title(s.title + (s.draft ? `（${report.words.draft}）` : ""));
    for (const b of s.blocks) {
      if (b.kind === "paragraph" || b.kind === "heading")
        w.text(b.text, { bold: b.kind === "heading", color: b.kind === "paragraph" && b.style === "draft" ? "FF7A4D00" : undefined });
      else if (b.kind === "list")
        for (const [i, item] of b.items.entries()) w.text(`${i + 1}. ${item}`, { color: b.style === "draft" ? "FF7A4D00" : undefined });
      else if (b.kind === "table") {
        w.blank();
        w.table(b.table);
        widest = Math.max(widest, b.table.columns.length);
        w.blank();
      }
    }
    w.blank();
  }
  w.finish({ freezeRow: 1, minWidthA });
  if (widest === 1) ws.getColumn(1).width = 110;
  ws.eachRow((row) =>
    row.eachCell((c) => {
      if (typeof c.value === "string" && displayWidth(c.value) > 60 && Number(c.col) === 1 && widest === 1)
        c.alignment = { wrapText: true, vertical: "top" };
    }),
  );
  pageSetup(ws, report, { landscape: widest > 6, lastCol: Math.max(1, widest), lastRow: w.row });
}

const SHEETS = {
  cover: { zh: "封面", en: "Cover" },
  overall: { zh: "一、总体完成情况", en: "1 Overall" },
  indicators: { zh: "二、主要指标", en: "2 Indicators" },
  tasks: { zh: "三、重点任务", en: "3 Tasks" },
  units: { zh: "责任单位", en: "Responsible units" },
  problems: { zh: "四五、问题与建议", en: "4-5 Problems, next steps" },
  methods: { zh: "附件1 评估方法", en: "Annex 1 Methods" },
  quality: { zh: "附件2 数据来源与质量", en: "Annex 2 Data quality" },
  evidence: { zh: "附件3 佐证材料", en: "Annex 3 Evidence" },
  technical: { zh: "附件4 分指标技术表", en: "Annex 4 Technical" },
  series: { zh: "年度数据", en: "Yearly figures" },
  raw: { zh: "原始数据（全部版本）", en: "Raw series (all vintages)" },
} as const;

/**
 * LibreOffice keeps an autofilter only with the hidden `_xlnm._FilterDatabase` name Excel writes;
 * exceljs does not write it, so it is added to the saved workbook.
 */
async function addFilterNames(buffer: ArrayBuffer, wb: ExcelJS.Workbook): Promise<Uint8Array> {
  const names: string[] = [];
  wb.worksheets.forEach((ws, i) => {
    const f = ws.autoFilter as { from: { row: number; column: number }; to: { row: number; column: number } } | undefined;
    if (!f || typeof f === "string") return;
    const ref = `'${ws.name.replace(/'/g, "''")}'!$${ws.getColumn(f.from.column).letter}$${f.from.row}:$${ws.getColumn(f.to.column).letter}$${f.to.row}`;
    names.push(
      `<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${ref.replace(/&/g, "&amp;").replace(/</g, "&lt;")}</definedName>`,
    );
  });
  if (!names.length) return new Uint8Array(buffer);
  const zip = await JSZip.loadAsync(buffer);
  let xml = await zip.file("xl/workbook.xml")!.async("string");
  xml = xml.includes("<definedNames>")
    ? xml.replace("<definedNames>", `<definedNames>${names.join("")}`)
    : xml.replace("</sheets>", `</sheets><definedNames>${names.join("")}</definedNames>`);
  zip.file("xl/workbook.xml", xml);
  return new Uint8Array(await zip.generateAsync({ type: "uint8array", compression: "DEFLATE" }));
}

export async function reportToXlsx(report: Report): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = "plan-monitor";
  wb.title = report.title;
  wb.created = new Date(report.generated_at);
  const lang = report.lang;
  const taken = new Set<string>();
  const name = (k: keyof typeof SHEETS) => sheetName(SHEETS[k][lang], taken);

  {
    const ws = wb.addWorksheet(name("cover"));
    const w = new SheetWriter(ws);
    w.row = warningRow(ws, report);
    w.title(report.title, 15);
    w.text(report.cover.mark, { bold: true });
    w.blank();
    w.pairs(report.cover.fields);
    w.blank();
    w.text(report.words.contents, { bold: true });
    for (const s of report.sections) w.text(s.title);
    w.finish({ freezeRow: 1, minWidthA: 16 });
    pageSetup(ws, report, { lastCol: 2, lastRow: w.row });
  }
  sectionSheet(wb, report, name("overall"), ["overall"], 24);
  flatSheet(wb, report, name("indicators"), report.tables.overview, 2);
  flatSheet(wb, report, name("tasks"), report.tables.tasks, 2);
  flatSheet(wb, report, name("units"), report.tables.units, 1);
  sectionSheet(wb, report, name("problems"), ["problems", "suggestions"]);
  sectionSheet(wb, report, name("methods"), ["annex-methods"]);
  sectionSheet(wb, report, name("quality"), ["annex-quality"]);
  flatSheet(wb, report, name("evidence"), report.tables.evidence, 2);
  flatSheet(wb, report, name("technical"), report.tables.indicators, 2);
  flatSheet(wb, report, name("series"), report.tables.series, 1);
  flatSheet(wb, report, name("raw"), report.tables.raw, 2);

  return addFilterNames((await wb.xlsx.writeBuffer()) as ArrayBuffer, wb);
}
