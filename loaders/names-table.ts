/**
 * A names table: a small CSV kept beside the data that gives Chinese names their English ones
 * (data/regions/names.csv, data/sectors/names.csv, data/fields/names.csv). What every such table
 * shares: its file (the default, or the one an environment variable names), its header checked, its
 * cells trimmed, its blank lines skipped, and its errors naming the table and the line in both languages (exit 2).
 * Each table's own loader checks its rows (region-names.ts, term-names.ts).
 *
 * @example
 *   const SECTORS: NamesTable = { code: "SECTOR_NAMES", zh: "行业名称表", en: "sector names table",
 *     columns: ["name_zh", "name_en", "basis"], file: "data/sectors/names.csv", env: "PLAN_MONITOR_SECTOR_NAMES", ... };
 *   const rows = readNamesTable(SECTORS, (text, file) => parseTermNames(SECTORS, text, file)); // [] when the default file is absent
 */
import { existsSync, readFileSync } from "node:fs";
import { parseCsv } from "./csv.ts";
import { decodeText } from "./decode.ts";
import { FileError } from "./errors.ts";

/** One kind of names table. */
export interface NamesTable {
  /** The stem of its error codes: BAD_<code>, <code>_MISSING. */
  code: string;
  /** Its name in messages: "地区名称表", "region names table". */
  zh: string;
  en: string;
  columns: readonly string[];
  /** The default file (absent: an empty table). */
  file: string;
  /** The environment variable that names another file (absent then: refused). */
  env: string;
  /** What a `basis` cell says, as the example in the message when it is missing. */
  basisExample: { zh: string; en: string };
}

/** One data line of a names table: its line number and its cells in the table's column order, trimmed. */
export interface NamesTableLine {
  row: number;
  cells: string[];
}

/** The table's path: its environment variable, else its default file. */
export function namesTablePath(t: NamesTable): string {
  return process.env[t.env] || t.file;
}

/** The error refusing the whole table at `line` (exit 2). */
export function namesTableError(t: NamesTable, file: string, line: number, zh: string, en: string): FileError {
  return new FileError(`BAD_${t.code}`, `${t.zh}"${file}"第${line}行：${zh}`, `${t.en} "${file}", line ${line}: ${en}`);
}

/** The data lines of a table's text, the header checked; throws FileError naming the line. */
export function namesTableLines(t: NamesTable, text: string, file: string): NamesTableLine[] {
  const grid = parseCsv(text, file).map((r) => ({ row: r.row, cells: r.cells.map((c) => (c ? String(c.text).trim() : "")) }));
  const rows = grid.filter((r) => r.cells.some((c) => c !== ""));
  const header = rows.shift();
  if (!header || t.columns.some((c, i) => header.cells[i] !== c))
    throw namesTableError(t, file, header?.row ?? 1, `表头应为 ${t.columns.join(",")}`, `the header must be ${t.columns.join(",")}`);
  return rows.map(({ row, cells }) => ({ row, cells: t.columns.map((_, i) => cells[i] ?? "") }));
}

/** The rule every table keeps: an English name says where it comes from (its basis). */
export function requireBasis(t: NamesTable, file: string, row: number, en: string, basis: string): void {
  if (en && !basis)
    throw namesTableError(
      t,
      file,
      row,
      `给出英文名称时须在 basis 列说明来源（如“${t.basisExample.zh}”）`,
      `an English name needs its basis (e.g. "${t.basisExample.en}")`,
    );
}

/** The table at `path` (default: namesTablePath), parsed by `parse`; no rows when the default file is absent. */
export function readNamesTable<T>(t: NamesTable, parse: (text: string, file: string) => T[], path = namesTablePath(t)): T[] {
  if (!existsSync(path)) {
    if (path === t.file) return [];
    throw new FileError(`${t.code}_MISSING`, `找不到${t.zh}"${path}"`, `${t.en} "${path}" not found`);
  }
  return parse(decodeText(readFileSync(path), path).text, path);
}
