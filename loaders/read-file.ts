/**
 * Entry point: one input file → observations (in each indicator's unit) and rejected rows.
 * Format from the content (zip → xlsx or ods, OLE2 → xls/et, `{`/`[` → JSON, other text → CSV) before the extension;
 * encoding detected (UTF-8 ± BOM, GB18030/GBK, UTF-16 with BOM); header row found among the
 * first 20 rows; long or wide layout. Anything that makes the whole file unreadable is a
 * FileError (exitCode 2); nothing else is thrown.
 *
 * @example
 *   const result = await readObservationFile("data/in/2019.xlsx", plan);
 *   result.observations; // [{ indicator_id: "rd_expenditure", year: 2019, value: 6.1, unit: "亿元", ... }]
 *   result.rejected;     // [{ row: 7, column: "2019年", value: "约5", code: "BAD_NUMBER", zh: "...", en: "..." }]
 */
import { readFile, stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Observation } from "../domain/observation.ts";
import type { Plan } from "../domain/plan.ts";
import { decodeText } from "./decode.ts";
import { FileError, fileErrors, type RejectedRow } from "./errors.ts";
import { expectedHeaders } from "./headers.ts";
import { parseCsv } from "./csv.ts";
import { parseJson } from "./json.ts";
import { normaliseRecords } from "./normalise.ts";
import { extensionOf, sniffBytes } from "./sniff.ts";
import { closestHeader, fieldZh, findTable, type GridRow, HEADER_SCAN_ROWS, type TableShape, toRecords } from "./table.ts";
import { convertToXlsx } from "./office.ts";
import { checkZipSize, readWorkbook, type SheetGrid } from "./xlsx.ts";

export { FileError, type RejectedRow } from "./errors.ts";

export interface FileReadResult {
  /** The format read: xls also stands for WPS .et (Excel 97-2003 inside). */
  format: "csv" | "xlsx" | "xls" | "ods" | "json";
  /** Text encoding detected ("utf-8", "utf-8-bom", "gb18030", "utf-16le", "utf-16be"); null for xlsx. */
  encoding: string | null;
  layout: "long" | "wide";
  /** Row number of the header (as a spreadsheet shows it; 0 for JSON objects, whose keys are the header). */
  headerRow: number;
  /** Worksheet read, for xlsx; null otherwise. */
  sheet: string | null;
  observations: Observation[];
  rejected: RejectedRow[];
  /** Data rows seen below the header (source rows, not cells), excluding blank and note rows. */
  rowsRead: number;
}

export interface ReadLimits {
  /** Largest file accepted, in bytes. Default 200 MB. */
  maxBytes?: number;
  /** Most data rows accepted. Default 500,000 (reading that many takes ~1.1 GB of memory and ~15 s). */
  maxRows?: number;
  /** Longest line of a CSV/text file, in bytes. Default 1 MB. (JSON, often one line, is bounded by maxBytes.) */
  maxLineBytes?: number;
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 500_000;
export const DEFAULT_MAX_LINE_BYTES = 1024 * 1024;

export async function readObservationFile(path: string, plan: Plan, limits: ReadLimits = {}): Promise<FileReadResult> {
  const name = basename(path);
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  let bytes: Uint8Array;
  try {
    const info = await stat(path);
    if (!info.isFile()) {
      throw new FileError(
        "NOT_A_FILE",
        `"${path}"不是文件（可能是文件夹）。请指定一个数据文件。`,
        `"${path}" is not a file (a folder?). Name one data file.`,
      );
    }
    if (info.size > maxBytes) throw fileErrors.tooLarge(name, info.size, maxBytes);
    bytes = await readFile(path);
  } catch (err) {
    if (err instanceof FileError) throw err;
    const code = (err as { code?: string }).code;
    if (code === "ENOENT") {
      throw new FileError(
        "FILE_NOT_FOUND",
        `找不到文件"${path}"。请检查路径和文件名。`,
        `file "${path}" does not exist. Check the path and the file name.`,
        { cause: err },
      );
    }
    if (code === "EACCES" || code === "EPERM") {
      throw new FileError("FILE_NOT_READABLE", `没有权限读取文件"${path}"。`, `no permission to read file "${path}".`, { cause: err });
    }
    throw fileErrors.unexpected(name, err);
  }
  return readObservationBytes(bytes, name, plan, limits);
}

export async function readObservationBytes(
  bytes: Uint8Array,
  fileName: string,
  plan: Plan,
  limits: ReadLimits = {},
): Promise<FileReadResult> {
  try {
    return await readUnsafe(bytes, fileName, plan, limits);
  } catch (err) {
    if (err instanceof FileError) throw err;
    throw fileErrors.unexpected(fileName, err);
  }
}

/** The cells of a file before any table is looked for: one grid per worksheet (one for CSV and JSON). */
export interface FileGrids {
  format: FileReadResult["format"];
  encoding: string | null;
  sheets: { name: string | null; rows: GridRow[] }[];
}

async function readUnsafe(bytes: Uint8Array, fileName: string, plan: Plan, limits: ReadLimits): Promise<FileReadResult> {
  return observationsFromGrids(await readGrids(bytes, fileName, limits), fileName, plan, limits);
}

/**
 * Bytes → grids of cells: format sniffed from the bytes, encoding detected, size and row limits
 * checked. Throws FileError for a file that cannot be read at all.
 */
export async function readGrids(bytes: Uint8Array, fileName: string, limits: ReadLimits = {}): Promise<FileGrids> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  if (bytes.length > maxBytes) throw fileErrors.tooLarge(fileName, bytes.length, maxBytes);
  if (bytes.length === 0) throw fileErrors.empty(fileName);

  const sniffed = sniffBytes(bytes, fileName);
  if (sniffed.kind !== "text") {
    // .xls/.et/.ods are converted to .xlsx by LibreOffice first; the byte limit also bounds what
    // the workbook unzips to (a zip bomb is small on disk).
    const sheets = await readSheets(bytes, fileName, sniffed.kind, maxBytes);
    return { format: sniffed.kind, encoding: null, sheets: sheets.map((s) => ({ name: s.name, rows: s.rows })) };
  }

  if (!looksLikeJson(bytes, fileName)) {
    checkLineLength(bytes, fileName, limits.maxLineBytes ?? DEFAULT_MAX_LINE_BYTES);
    // Count rows before parsing, so a file over the row limit is refused before it costs memory
    // (a parsed row costs ~2 KB). Title rows above the header are allowed for.
    const records = countRecords(bytes);
    if (records - HEADER_SCAN_ROWS > maxRows) throw fileErrors.tooManyRows(fileName, records - HEADER_SCAN_ROWS, maxRows);
  }
  const { text, encoding } = decodeText(bytes, fileName);
  if (text.trim() === "") throw fileErrors.empty(fileName);
  const first = text.trimStart()[0];
  const ext = extensionOf(fileName);
  let rows: GridRow[] | null = null;
  let format: "csv" | "json" = "csv";
  if (first === "{" || first === "[" || ext === "json") {
    try {
      rows = parseJson(text, fileName);
      format = "json";
    } catch (err) {
      // Text that merely starts with a bracket in a .csv/.txt file is still CSV.
      if (ext === "json" || !(err instanceof FileError) || err.code !== "BAD_JSON") throw err;
    }
  }
  if (rows === null) rows = parseCsv(text, fileName);
  if (rows.length === 0 || rows.every((r) => r.cells.every((c) => c === null || c.text.trim() === ""))) {
    if (format === "json") throw fileErrors.noData(fileName, 0);
    throw fileErrors.empty(fileName);
  }
  return { format, encoding, sheets: [{ name: null, rows }] };
}

/** Grids → observations: the indicator table found in the first sheet that holds one. */
export function observationsFromGrids(grids: FileGrids, fileName: string, plan: Plan, limits: ReadLimits = {}): FileReadResult {
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  if (grids.format === "xlsx" || grids.format === "xls" || grids.format === "ods") {
    return observationsFromSheets(
      grids.sheets.map((s) => ({ name: s.name ?? "", rows: s.rows })),
      grids.format,
      fileName,
      plan,
      limits,
    );
  }
  const rows = grids.sheets[0].rows;
  const shape = findTable(rows);
  if (!shape) throw fileErrors.noHeader(fileName, expectedHeaders(), "", hint(rows));
  return finish(grids.format, grids.encoding, null, rows, shape, fileName, plan, maxRows);
}

/** Observations from the worksheets of a workbook: the first sheet holding a table. Throws FileError. */
export function observationsFromSheets(
  sheets: SheetGrid[],
  format: "xlsx" | "xls" | "ods",
  fileName: string,
  plan: Plan,
  limits: ReadLimits = {},
): FileReadResult {
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  for (const s of sheets) {
    const shape = findTable(s.rows);
    if (shape) return finish(format, null, s.name, s.rows, shape, fileName, plan, maxRows);
  }
  if (sheets.every((s) => s.rows.length === 0)) throw fileErrors.emptyWorkbook(fileName, sheets.length);
  const names = sheets.map((s) => s.name).join("、");
  throw fileErrors.noHeader(fileName, expectedHeaders(), `（工作表：${names}）`, hint(sheets[0]?.rows ?? []));
}

/**
 * The worksheets of a workbook in any office format: .xlsx read directly; .xls/.et and .ods
 * converted to .xlsx by LibreOffice first (loaders/office.ts). The byte limit also bounds what the
 * workbook unzips to (a zip bomb is small on disk). Throws FileError.
 */
export async function readSheets(
  bytes: Uint8Array,
  fileName: string,
  kind: "xlsx" | "xls" | "ods",
  maxBytes = DEFAULT_MAX_BYTES,
): Promise<SheetGrid[]> {
  const xlsx = kind === "xlsx" ? bytes : await convertToXlsx(bytes, fileName, kind);
  await checkZipSize(xlsx, fileName, maxBytes);
  return readWorkbook(xlsx, fileName);
}

/** A .json name, or text whose first visible byte (after a BOM, spaces, UTF-16 NULs) is { or [. */
function looksLikeJson(bytes: Uint8Array, fileName: string): boolean {
  if (extensionOf(fileName) === "json") return true;
  for (let i = 0; i < Math.min(bytes.length, 4096); i++) {
    const b = bytes[i];
    if (b === 0x7b || b === 0x5b) return true;
    if (
      !(
        b === 0 ||
        b === 0x20 ||
        b === 0x09 ||
        b === 0x0a ||
        b === 0x0d ||
        b === 0xef ||
        b === 0xbb ||
        b === 0xbf ||
        b === 0xff ||
        b === 0xfe
      )
    )
      return false;
  }
  return false;
}

/**
 * Refuse a text file with a line longer than `max` bytes before decoding or parsing it: a 100 MB
 * line would otherwise become one giant string and a row of millions of cells. memchr-fast.
 */
export function checkLineLength(bytes: Uint8Array, fileName: string, max: number): void {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let start = 0;
  let line = 1;
  while (start < buf.length) {
    let end = buf.indexOf(0x0a, start);
    if (end < 0) end = buf.length;
    if (end - start > max) {
      // A file with old-Mac CR line ends has no LF at all: split at CRs before giving up.
      if (!crLinesWithin(buf.subarray(start, end), max)) throw fileErrors.lineTooLong(fileName, line, end - start, max);
    }
    start = end + 1;
    line++;
  }
}

function crLinesWithin(buf: Buffer, max: number): boolean {
  let start = 0;
  while (start < buf.length) {
    let end = buf.indexOf(0x0d, start);
    if (end < 0) end = buf.length;
    if (end - start > max) return false;
    start = end + 1;
  }
  return true;
}

/**
 * Non-blank CSV records in UTF-8 or GB18030 bytes (line breaks inside quotes do not count; in both
 * encodings the bytes " CR LF never occur inside a multi-byte character). UTF-16 text gives -1.
 */
export function countRecords(bytes: Uint8Array): number {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) return -1;
  let records = 0;
  let quoted = false;
  let content = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === 0x22) {
      quoted = !quoted;
      content = true;
    } else if (quoted) continue;
    else if (b === 0x0a || b === 0x0d) {
      if (content) records++;
      content = false;
    } else if (b !== 0x2c && b !== 0x20 && b !== 0x09 && b !== 0x3b && b !== 0x7c) content = true;
  }
  return content ? records + 1 : records;
}

function hint(rows: GridRow[]) {
  const c = closestHeader(rows);
  if (!c || c.missing.length === 0) return null;
  return { row: c.row, found: c.found, missing: c.missing.map((f) => ({ zh: fieldZh(f), en: f })) };
}

function finish(
  format: FileReadResult["format"],
  encoding: string | null,
  sheet: string | null,
  rows: GridRow[],
  shape: TableShape,
  fileName: string,
  plan: Plan,
  maxRows: number,
): FileReadResult {
  if (shape.duplicates?.length) throw fileErrors.duplicateHeader(fileName, shape.headerRow, shape.duplicates);
  let below = 0;
  for (let i = shape.headerIndex + 1; i < rows.length; i++) if (rows[i].cells.some((c) => c !== null && c.text.trim() !== "")) below++;
  if (below > maxRows) throw fileErrors.tooManyRows(fileName, below, maxRows);
  const { records, rowsRead } = toRecords(rows, shape);
  if (rowsRead === 0) throw fileErrors.noData(fileName, shape.headerRow);
  const { observations, rejected } = normaliseRecords(records, plan, { tableUnit: shape.tableUnit });
  return { format, encoding, layout: shape.layout, headerRow: shape.headerRow, sheet, observations, rejected, rowsRead };
}
