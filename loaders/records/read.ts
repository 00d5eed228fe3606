/**
 * Probe a record file before DuckDB reads it: its format (CSV, .xlsx, Parquet, from the bytes),
 * its encoding (UTF-8 with or without BOM; GB18030/GBK and UTF-16 are transcoded, streaming, to a
 * temporary UTF-8 file), its header row (title rows above it are skipped), its delimiter and its
 * record kind. An .xlsx sheet (small office files) is written out as a temporary UTF-8 CSV so the
 * same SQL validates it. Never loads a large file into memory: only the first 64 KB are read here.
 *
 * @example
 *   const src = await probeRecordFile("contracts-2019.csv", { defaultRegion: "210281" });
 *   src.match.kind; // "contracts"
 *   src.readPath;   // the file DuckDB's read_csv reads (the original, or a UTF-8 temp copy)
 *   src.cleanup();
 */
import { createReadStream, createWriteStream, mkdtempSync, openSync, readSync, closeSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { pipeline } from "node:stream/promises";
import type ExcelJS from "exceljs";
import { excel } from "../../lib/exceljs.ts";
import iconv from "iconv-lite";
import Papa from "papaparse";
import { FileError } from "../errors.ts";
import { detectKind, type KindMatch, KINDS, looksLikeRecordHeader, type RecordKind, RECORD_KINDS } from "../../domain/records.ts";

export type RecordFormat = "csv" | "xlsx" | "parquet";

export interface RecordSource {
  path: string;
  name: string;
  format: RecordFormat;
  /** utf-8, utf-8-bom, gb18030, utf-16le, utf-16be; null for xlsx and Parquet. */
  encoding: string | null;
  /** The file DuckDB reads: the original, or a temporary UTF-8 CSV (transcoded text, or an xlsx sheet). */
  readPath: string;
  delimiter: string;
  /** Lines before the first data line in readPath (title rows and the header). */
  skipLines: number;
  /** Spreadsheet row number of the header: a data record's row is headerRow + its 1-based index. */
  headerRow: number;
  headers: string[];
  sheet: string | null;
  match: KindMatch;
  /** The rows above the header (title and note rows), as text: where a coverage date (数据截至) may be stated. */
  preamble: string[];
  /** Parquet only: each column's DuckDB type is read by the SQL layer. */
  cleanup(): void;
}

export interface ProbeOptions {
  kind?: RecordKind;
  /** List id for a list file without a list column (--list). */
  list?: string | null;
}

const HEAD_BYTES = 64 * 1024;

function readHead(path: string): Buffer {
  const fd = openSync(path, "r");
  try {
    const buf = Buffer.alloc(HEAD_BYTES);
    const n = readSync(fd, buf, 0, HEAD_BYTES, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/** Text encoding of a CSV from its first bytes. */
export function sniffEncoding(head: Buffer): string {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return "utf-8-bom";
  if (head[0] === 0xff && head[1] === 0xfe) return "utf-16le";
  if (head[0] === 0xfe && head[1] === 0xff) return "utf-16be";
  // Cut at the last newline so a multi-byte character split by the 64 KB window does not count.
  const cut = head.length === HEAD_BYTES ? head.lastIndexOf(0x0a) + 1 || head.length : head.length;
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(head.subarray(0, cut));
    return "utf-8";
  } catch {
    return "gb18030";
  }
}

function decodeHead(head: Buffer, encoding: string): string {
  if (encoding === "utf-8" || encoding === "utf-8-bom") return new TextDecoder("utf-8").decode(head).replace(/^\uFEFF/, "");
  return iconv.decode(head, encoding).replace(/^\uFEFF/, "");
}

/** Stream-transcode a text file to UTF-8 (no BOM) in a temporary folder. */
async function transcode(path: string, encoding: string, dir: string): Promise<string> {
  const out = join(dir, "utf8.csv");
  await pipeline(
    createReadStream(path),
    iconv.decodeStream(encoding, { stripBOM: true }),
    iconv.encodeStream("utf-8"),
    createWriteStream(out),
  );
  return out;
}

const DELIMITERS = [",", "\t", ";", "|"];

function findHeader(lines: string[], opts: ProbeOptions): { line: number; delimiter: string; headers: string[]; match: KindMatch } | null {
  let best: { line: number; delimiter: string; headers: string[]; match: KindMatch } | null = null;
  for (let i = 0; i < Math.min(lines.length, 20); i++) {
    for (const delimiter of DELIMITERS) {
      if (!lines[i].includes(delimiter) && delimiter !== ",") continue;
      const parsed = Papa.parse<string[]>(lines[i], { delimiter, quoteChar: '"' }).data[0] ?? [];
      const headers = parsed.map((h) => String(h ?? "").trim());
      if (!looksLikeRecordHeader(headers) && !(opts.kind && detectKind(headers, opts.kind).columns.length >= 2)) continue;
      const match = withDefaultList(detectKind(headers, opts.kind), opts);
      if (!best || match.columns.length > best.match.columns.length) best = { line: i, delimiter, headers, match };
    }
    if (best) return best;
  }
  return best;
}

/** A list file without a list column is fine when --list names the list. */
function withDefaultList(match: KindMatch, opts: ProbeOptions): KindMatch {
  if (match.kind === "lists" && opts.list) return { ...match, missing: match.missing.filter((f) => f.key !== "list") };
  return match;
}

function refuseKind(name: string, headers: string[], match: KindMatch | null): FileError {
  if (!match) {
    return new FileError(
      "UNKNOWN_RECORD_KIND",
      `无法识别文件 ${name} 的记录类型：前20行中没有找到表头。记录文件应有表头行，例如「企业名称,统一社会信用代码,证书编号,发证日期」（高新技术企业证书）、「合同编号,登记日期,卖方,买方,技术交易额(万元),合同类型」（技术合同）、「企业名称,统一社会信用代码,年份,研发费用(万元)」（研发费用）或「名录类别,名称,认定日期」（名录）。也可用 --kind 指定类型。`,
      `cannot tell what records ${name} holds: no header row found in its first 20 lines. A record file needs a header such as "enterprise, credit_code, certificate_no, certified_on" (certificates), "contract_id, registered_on, seller, buyer, transaction_value, contract_type" (contracts), "enterprise, credit_code, year, amount" (R&D) or "list, name, start_on" (lists). Or name the kind with --kind.`,
    );
  }
  const spec = KINDS[match.kind];
  return new FileError(
    "MISSING_COLUMNS",
    `文件 ${name} 看起来是${spec.zh}，但缺少必需的列：${match.missing.map((f) => `「${f.zh}」`).join("、")}。表头为：${headers.filter(Boolean).join("、")}。`,
    `${name} looks like ${spec.en} but lacks required column(s): ${match.missing.map((f) => `"${f.en}" (${f.zh})`).join(", ")}. Its header is: ${headers.filter(Boolean).join(", ")}.`,
  );
}

function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) return value.toISOString().slice(0, 10);
  if (typeof value === "object") {
    if ("result" in value) return cellText((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    if ("richText" in value) return (value as ExcelJS.CellRichTextValue).richText.map((r) => r.text).join("");
    if ("text" in value) return String((value as ExcelJS.CellHyperlinkValue).text);
    if ("error" in value) return "";
  }
  return String(value);
}

function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

async function probeXlsx(path: string, name: string, dir: string, opts: ProbeOptions): Promise<RecordSource> {
  const wb = new (await excel()).Workbook();
  try {
    await wb.xlsx.readFile(path);
  } catch (error) {
    throw new FileError(
      "BAD_XLSX",
      `无法打开 Excel 文件 ${name}：${(error as Error).message}。请用 Excel 另存为 .xlsx 后重试。`,
      `cannot open the Excel file ${name}: ${(error as Error).message}. Save it again as .xlsx and retry.`,
    );
  }
  for (const ws of wb.worksheets) {
    const rows: string[][] = [];
    const last = Math.min(ws.rowCount, 20);
    for (let r = 1; r <= last; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= Math.max(row.cellCount, ws.columnCount); c++) cells.push(cellText(row.getCell(c).value).trim());
      rows.push(cells);
    }
    const headerIndex = rows.findIndex(
      (cells) => looksLikeRecordHeader(cells) || (opts.kind && detectKind(cells, opts.kind).columns.length >= 2),
    );
    if (headerIndex < 0) continue;
    const headers = rows[headerIndex];
    const match = withDefaultList(detectKind(headers, opts.kind), opts);
    if (match.missing.length > 0) throw refuseKind(name, headers, match);
    const out = join(dir, "sheet.csv");
    const stream = createWriteStream(out);
    const width = headers.length;
    stream.write(`${headers.map(csvCell).join(",")}\n`);
    for (let r = headerIndex + 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: string[] = [];
      for (let c = 1; c <= width; c++) cells.push(csvCell(cellText(row.getCell(c).value).trim()));
      stream.write(`${cells.join(",")}\n`);
    }
    await new Promise<void>((resolve, reject) => stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
    return {
      path,
      name,
      format: "xlsx",
      encoding: null,
      readPath: out,
      delimiter: ",",
      skipLines: 1,
      headerRow: headerIndex + 1,
      headers,
      sheet: ws.name,
      match,
      preamble: rows.slice(0, headerIndex).map((cells) => cells.filter(Boolean).join(" ")),
      cleanup: () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  throw refuseKind(name, [], null);
}

/** Probe a record file; the caller must call `cleanup()` when done. Throws FileError when it cannot be read. */
export async function probeRecordFile(
  path: string,
  opts: ProbeOptions = {},
  parquetColumns?: () => Promise<string[]>,
): Promise<RecordSource> {
  const name = basename(path);
  let head: Buffer;
  try {
    head = readHead(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    throw new FileError(
      code,
      `无法读取文件 ${path}（${code}）。请检查路径和权限。`,
      `cannot read file ${path} (${code}). Check the path and permissions.`,
    );
  }
  if (head.length === 0) throw new FileError("EMPTY_FILE", `文件 ${name} 是空的。`, `file ${name} is empty.`);
  const dir = mkdtempSync(join(tmpdir(), "pm-records-"));
  const cleanup = () => rmSync(dir, { recursive: true, force: true });
  try {
    if (head[0] === 0x50 && head[1] === 0x4b) return await probeXlsx(path, name, dir, opts);
    if (head.subarray(0, 4).toString("latin1") === "PAR1") {
      const headers = parquetColumns ? await parquetColumns() : [];
      const match = withDefaultList(detectKind(headers, opts.kind), opts);
      if (match.missing.length > 0 || match.columns.length === 0) throw refuseKind(name, headers, match.columns.length ? match : null);
      return {
        path,
        name,
        format: "parquet",
        encoding: null,
        readPath: path,
        delimiter: ",",
        skipLines: 0,
        headerRow: 1,
        headers,
        sheet: null,
        match,
        preamble: [],
        cleanup,
      };
    }
    const encoding = sniffEncoding(head);
    const text = decodeHead(head, encoding);
    const lines = text.split(/\r?\n/);
    const found = findHeader(lines, opts);
    if (!found) throw refuseKind(name, lines[0]?.split(",") ?? [], null);
    if (found.match.missing.length > 0) throw refuseKind(name, found.headers, found.match);
    const readPath = encoding === "utf-8" || encoding === "utf-8-bom" ? path : await transcode(path, encoding, dir);
    return {
      path,
      name,
      format: "csv",
      encoding,
      readPath,
      delimiter: found.delimiter,
      skipLines: found.line + 1,
      headerRow: found.line + 1,
      headers: found.headers,
      sheet: null,
      match: found.match,
      preamble: lines.slice(0, found.line),
      cleanup,
    };
  } catch (error) {
    cleanup();
    throw error;
  }
}

export { RECORD_KINDS };
