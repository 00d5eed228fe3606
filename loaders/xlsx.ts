/**
 * .xlsx bytes → one grid per worksheet, with exceljs. Formula cells give their cached result
 * (or are flagged when none was saved); error cells keep the error text; percent-formatted
 * numbers become "12.5%"; merged cells keep their value only in the top-left cell.
 *
 * @example
 *   const sheets = await readWorkbook(bytes, "a.xlsx"); // [{ name: "Sheet1", rows: [...] }]
 */
import ExcelJS from "exceljs";
import { errText, fileErrors } from "./errors.ts";
import type { Cell, GridRow } from "./table.ts";

export interface SheetGrid {
  name: string;
  rows: GridRow[];
}

const isoDate = (d: Date): string => (Number.isNaN(d.getTime()) ? "Invalid Date" : d.toISOString().slice(0, 10));

function plain(v: unknown): { value: Cell["value"]; text: string } | { error: string } | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v === "" ? null : { value: v, text: v };
  if (typeof v === "number" || typeof v === "boolean") return { value: v, text: String(v) };
  if (v instanceof Date) return { value: v, text: isoDate(v) };
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (typeof o.error === "string") return { error: o.error };
    if (Array.isArray(o.richText)) {
      const t = (o.richText as { text?: string }[]).map((r) => r.text ?? "").join("");
      return t === "" ? null : { value: t, text: t };
    }
    if (typeof o.text === "string") return o.text === "" ? null : { value: o.text, text: o.text };
    if (o.text && typeof o.text === "object") return plain(o.text);
  }
  const t = String(v);
  return { value: t, text: t };
}

function toCell(cell: ExcelJS.Cell): Cell | null {
  if (cell.type === ExcelJS.ValueType.Merge) return null;
  const v = cell.value as unknown;
  let formula: string | undefined;
  let inner: unknown = v;
  if (v && typeof v === "object" && !(v instanceof Date) && ("formula" in v || "sharedFormula" in v)) {
    const f = v as { formula?: string; sharedFormula?: string; result?: unknown };
    formula = f.formula ?? f.sharedFormula ?? "";
    if (f.result === undefined || f.result === null) return { value: null, text: `=${formula}`, formula, noResult: true };
    inner = f.result;
  }
  const p = plain(inner);
  if (p === null) return null;
  if ("error" in p) return { value: null, text: p.error, error: p.error, formula };
  if (typeof p.value === "number" && typeof cell.numFmt === "string" && cell.numFmt.includes("%")) {
    const pct = `${Number((p.value * 100).toPrecision(15))}%`;
    return { value: pct, text: pct, formula };
  }
  return formula === undefined ? p : { ...p, formula };
}

export async function readWorkbook(bytes: Uint8Array, fileName: string): Promise<SheetGrid[]> {
  const wb = new ExcelJS.Workbook();
  try {
    const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    await wb.xlsx.load(buf as unknown as Parameters<typeof wb.xlsx.load>[0]);
  } catch (err) {
    throw fileErrors.badXlsx(fileName, errText(err));
  }
  const sheets: SheetGrid[] = [];
  wb.eachSheet((ws) => {
    const rows: GridRow[] = [];
    ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
      const cells: (Cell | null)[] = [];
      row.eachCell({ includeEmpty: true }, (cell, col) => {
        cells[col - 1] = toCell(cell);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}
