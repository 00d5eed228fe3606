/**
 * Entry point: one input file → observations (in each indicator's unit) and rejected rows.
 * Format from the content (zip → xlsx, `{`/`[` → JSON, other text → CSV) before the extension;
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
import { closestHeader, fieldZh, findTable, type GridRow, type TableShape, toRecords } from "./table.ts";
import { readWorkbook } from "./xlsx.ts";

export { FileError, type RejectedRow } from "./errors.ts";

export interface FileReadResult {
  format: "csv" | "xlsx" | "json";
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
  /** Most data rows accepted. Default 2,000,000. */
  maxRows?: number;
}

export const DEFAULT_MAX_BYTES = 200 * 1024 * 1024;
export const DEFAULT_MAX_ROWS = 2_000_000;

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

async function readUnsafe(bytes: Uint8Array, fileName: string, plan: Plan, limits: ReadLimits): Promise<FileReadResult> {
  const maxBytes = limits.maxBytes ?? DEFAULT_MAX_BYTES;
  const maxRows = limits.maxRows ?? DEFAULT_MAX_ROWS;
  if (bytes.length > maxBytes) throw fileErrors.tooLarge(fileName, bytes.length, maxBytes);
  if (bytes.length === 0) throw fileErrors.empty(fileName);

  const sniffed = sniffBytes(bytes, fileName);
  if (sniffed.kind === "xlsx") {
    const sheets = await readWorkbook(bytes, fileName);
    for (const s of sheets) {
      const shape = findTable(s.rows);
      if (shape) return finish("xlsx", null, s.name, s.rows, shape, fileName, plan, maxRows);
    }
    if (sheets.every((s) => s.rows.length === 0)) throw fileErrors.empty(fileName);
    const names = sheets.map((s) => s.name).join("、");
    throw fileErrors.noHeader(fileName, expectedHeaders(), `（工作表：${names}）`, hint(sheets[0]?.rows ?? []));
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
  const shape = findTable(rows);
  if (!shape) throw fileErrors.noHeader(fileName, expectedHeaders(), "", hint(rows));
  return finish(format, encoding, null, rows, shape, fileName, plan, maxRows);
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
  let below = 0;
  for (let i = shape.headerIndex + 1; i < rows.length; i++) if (rows[i].cells.some((c) => c !== null && c.text.trim() !== "")) below++;
  if (below > maxRows) throw fileErrors.tooManyRows(fileName, below, maxRows);
  const { records, rowsRead } = toRecords(rows, shape);
  if (rowsRead === 0) throw fileErrors.noData(fileName, shape.headerRow);
  const { observations, rejected } = normaliseRecords(records, plan, { tableUnit: shape.tableUnit });
  return { format, encoding, layout: shape.layout, headerRow: shape.headerRow, sheet, observations, rejected, rowsRead };
}
