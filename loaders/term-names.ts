/**
 * The term names tables: the English name of each sector (行业; data/sectors/names.csv, or the file
 * `$PLAN_MONITOR_SECTOR_NAMES` names) and of each technology field (技术领域; data/fields/names.csv,
 * or `$PLAN_MONITOR_FIELD_NAMES`) that record files write, so English pages, CSVs and `--lang en`
 * output name them in English. Columns: name_zh (as the records write it), name_en (empty = none:
 * pages show the Chinese name), basis (where the English name comes from). A bad file is refused
 * whole with its line (exit 2); the file, header and errors are those of every names table
 * (names-table.ts).
 *
 * @example
 *   termNameEn(readTermNames(SECTOR_NAMES), "现代渔业"); // "Modern fisheries"
 *   termNameEn(readTermNames(FIELD_NAMES), "先进制造"); // "Advanced manufacturing"
 */
import { resolve } from "node:path";
import { indexTermNames, type TermName, type TermNames } from "../domain/term-names.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { type NamesTable, namesTableError, namesTableLines, readNamesTable, requireBasis } from "./names-table.ts";

export const SECTOR_NAMES_FILE = resolve(REPO_ROOT, "data", "sectors", "names.csv");
export const FIELD_NAMES_FILE = resolve(REPO_ROOT, "data", "fields", "names.csv");

const COLUMNS = ["name_zh", "name_en", "basis"] as const;
const BASIS = { zh: "本项目译名，非官方", en: "project's rendering, not official" };

export const SECTOR_NAMES: NamesTable = {
  code: "SECTOR_NAMES",
  zh: "行业名称表",
  en: "sector names table",
  columns: COLUMNS,
  file: SECTOR_NAMES_FILE,
  env: "PLAN_MONITOR_SECTOR_NAMES",
  basisExample: BASIS,
};

export const FIELD_NAMES: NamesTable = {
  code: "FIELD_NAMES",
  zh: "技术领域名称表",
  en: "technology field names table",
  columns: COLUMNS,
  file: FIELD_NAMES_FILE,
  env: "PLAN_MONITOR_FIELD_NAMES",
  basisExample: BASIS,
};

/** Rows of a term names table's text; throws FileError naming the line and what to write. */
export function parseTermNames(t: NamesTable, text: string, file: string): TermName[] {
  const seen = new Set<string>();
  return namesTableLines(t, text, file).map(({ row, cells }) => {
    const [zh, en, basis] = cells;
    if (!zh) throw namesTableError(t, file, row, "name_zh（中文名称）不能为空", "name_zh (the Chinese name) is empty");
    requireBasis(t, file, row, en, basis);
    if (seen.has(zh)) throw namesTableError(t, file, row, `"${zh}"重复出现`, `"${zh}" is listed twice`);
    seen.add(zh);
    return { zh, en: en || null, basis };
  });
}

/** A term names table (default path: its environment variable, else its file); an empty table when the default file is absent. */
export function readTermNames(t: NamesTable, path?: string): TermNames {
  return indexTermNames(readNamesTable(t, (text, file) => parseTermNames(t, text, file), path));
}
