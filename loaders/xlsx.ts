/**
 * .xlsx bytes → one grid per worksheet, with exceljs. Formula cells give their cached result
 * (or are flagged when none was saved); error cells keep the error text; percent-formatted
 * numbers become "12.5%"; merged cells keep their value only in the top-left cell.
 *
 * @example
 *   const sheets = await readWorkbook(bytes, "a.xlsx"); // [{ name: "Sheet1", rows: [...] }]
 */
import { createInflateRaw } from "node:zlib";
import type ExcelJS from "exceljs";
import { excel } from "../lib/exceljs.ts";
import { errText, FileError, fileErrors } from "./errors.ts";
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

function toCell(cell: ExcelJS.Cell, merge: ExcelJS.ValueType): Cell | null {
  if (cell.type === merge) return null;
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
  const ExcelJS = await excel();
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
        cells[col - 1] = toCell(cell, ExcelJS.ValueType.Merge);
      });
      for (let i = 0; i < cells.length; i++) if (cells[i] === undefined) cells[i] = null;
      rows.push({ row: rowNumber, cells });
    });
    sheets.push({ name: ws.name, rows });
  });
  return sheets;
}

/** Most entries a workbook may have (a real one has tens). */
export const MAX_ZIP_ENTRIES = 10_000;

const tooBig = (fileName: string, size: number, max: number): FileError => {
  const mb = (n: number) => `${(n / 1048576).toFixed(1)} MB`;
  return new FileError(
    "XLSX_TOO_LARGE_UNZIPPED",
    `Excel 文件"${fileName}"解压后超过 ${mb(size)}，超过上限 ${mb(max)}（可能是"压缩炸弹"，或工作簿确实过大）。请删除多余的工作表和空行后另存，或将数据拆分到多个文件；确需导入时用 --max-bytes 提高上限。`,
    `the Excel file "${fileName}" unzips to more than ${mb(size)}, over the limit of ${mb(max)} (a "zip bomb", or a really huge workbook). Delete unused sheets and rows and save it again, or split the data into several files; to load it anyway raise the limit with --max-bytes.`,
  );
};

/**
 * Check an .xlsx (zip) before exceljs unpacks it, because exceljs inflates every part into memory
 * at once. The central directory's declared sizes must add up to at most `maxUnzipped` bytes, and
 * each part is then inflated as a stream (output counted and thrown away) to prove it: a zip that
 * lies about its sizes stops at the limit. Memory stays bounded by zlib's window. Throws FileError.
 */
export async function checkZipSize(bytes: Uint8Array, fileName: string, maxUnzipped: number): Promise<void> {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const entries = centralDirectory(buf, fileName);
  const declared = entries.reduce((a, e) => a + e.size, 0);
  if (declared > maxUnzipped) throw tooBig(fileName, declared, maxUnzipped);
  let total = 0;
  for (const e of entries) {
    if (e.method !== 0 && e.method !== 8) continue; // exceljs will refuse it
    if (e.local + 30 > buf.length || buf.readUInt32LE(e.local) !== 0x04034b50) continue;
    const start = e.local + 30 + buf.readUInt16LE(e.local + 26) + buf.readUInt16LE(e.local + 28);
    const data = buf.subarray(start, Math.min(buf.length, start + e.compressed));
    total += e.method === 0 ? data.length : await inflatedSize(data, maxUnzipped - total);
    if (total > maxUnzipped) throw tooBig(fileName, total, maxUnzipped);
  }
}

interface ZipEntry {
  method: number;
  compressed: number;
  size: number;
  local: number;
}

/** The entries of a zip's central directory (ZIP64 aware). A zip without one is damaged or cut short. */
function centralDirectory(buf: Buffer, fileName: string): ZipEntry[] {
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 65535); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw fileErrors.badXlsx(fileName, "the zip has no central directory: the file is cut short or damaged");
  let count = buf.readUInt16LE(eocd + 10);
  let offset = buf.readUInt32LE(eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && buf.readUInt32LE(eocd - 20) === 0x07064b50) {
    const z = Number(buf.readBigUInt64LE(eocd - 12));
    if (z + 56 <= buf.length && buf.readUInt32LE(z) === 0x06064b50) {
      count = Number(buf.readBigUInt64LE(z + 32));
      offset = Number(buf.readBigUInt64LE(z + 48));
    }
  }
  if (count > MAX_ZIP_ENTRIES) {
    throw fileErrors.badXlsx(fileName, `the zip has ${count} parts; a workbook has tens (at most ${MAX_ZIP_ENTRIES} are read)`);
  }
  const entries: ZipEntry[] = [];
  let p = offset;
  for (let n = 0; n < count; n++) {
    if (p + 46 > buf.length || buf.readUInt32LE(p) !== 0x02014b50) {
      throw fileErrors.badXlsx(fileName, "the zip's central directory is damaged: the file is cut short or damaged");
    }
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    let compressed = buf.readUInt32LE(p + 20);
    let size = buf.readUInt32LE(p + 24);
    let local = buf.readUInt32LE(p + 42);
    // ZIP64 extra field: the 64-bit values, in this order, for each 32-bit field that is 0xFFFFFFFF.
    for (let x = p + 46 + nameLen; x + 4 <= p + 46 + nameLen + extraLen && x + 4 <= buf.length; ) {
      const id = buf.readUInt16LE(x);
      const len = buf.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let q = x + 4;
        const next = () => {
          const v = q + 8 <= Math.min(buf.length, x + 4 + len) ? Number(buf.readBigUInt64LE(q)) : Number.MAX_SAFE_INTEGER;
          q += 8;
          return v;
        };
        if (size === 0xffffffff) size = next();
        if (compressed === 0xffffffff) compressed = next();
        if (local === 0xffffffff) local = next();
      }
      x += 4 + len;
    }
    entries.push({ method: buf.readUInt16LE(p + 10), compressed, size, local });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** Bytes a raw deflate stream inflates to, counting no further than just past `limit`. */
function inflatedSize(data: Uint8Array, limit: number): Promise<number> {
  return new Promise((resolve) => {
    const z = createInflateRaw();
    let n = 0;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      z.destroy();
      resolve(n);
    };
    z.on("data", (chunk: Buffer) => {
      n += chunk.length;
      if (n > limit) finish();
    });
    z.on("end", finish);
    z.on("error", finish); // damaged data: exceljs gives the message
    z.end(data);
  });
}
