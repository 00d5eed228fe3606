/**
 * The technology field names table (data/fields/names.csv, or the file `$PLAN_MONITOR_FIELD_NAMES`
 * names): the English name of each technology field (技术领域) contract record files write, so
 * English pages and CSVs name fields in English. Columns: name_zh (as the records write it), name_en
 * (empty = none: pages show the Chinese name), basis (where the English name comes from). A bad file
 * is refused whole with its line (exit 2); the file, header and errors are those of every names
 * table (names-table.ts).
 *
 * @example
 *   const names = readFieldNames(); // FieldNames
 *   fieldNameEn(names, "先进制造"); // "Advanced manufacturing"
 */
import { resolve } from "node:path";
import { type FieldName, type FieldNames, indexFieldNames } from "../domain/tech-field.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { type NamesTable, namesTableError, namesTableLines, namesTablePath, readNamesTable, requireBasis } from "./names-table.ts";

export const FIELD_NAMES_FILE = resolve(REPO_ROOT, "data", "fields", "names.csv");

export const FIELD_NAMES: NamesTable = {
  code: "FIELD_NAMES",
  zh: "技术领域名称表",
  en: "technology field names table",
  columns: ["name_zh", "name_en", "basis"],
  file: FIELD_NAMES_FILE,
  env: "PLAN_MONITOR_FIELD_NAMES",
  basisExample: { zh: "本项目译名，非官方", en: "project's rendering, not official" },
};

/** The table's path: `$PLAN_MONITOR_FIELD_NAMES`, else data/fields/names.csv. */
export function fieldNamesPath(): string {
  return namesTablePath(FIELD_NAMES);
}

/** Rows of a field names table's text; throws FileError naming the line and what to write. */
export function parseFieldNames(text: string, file: string): FieldName[] {
  const seen = new Set<string>();
  return namesTableLines(FIELD_NAMES, text, file).map(({ row, cells }) => {
    const [zh, en, basis] = cells;
    if (!zh) throw namesTableError(FIELD_NAMES, file, row, "name_zh（中文名称）不能为空", "name_zh (the Chinese name) is empty");
    requireBasis(FIELD_NAMES, file, row, en, basis);
    if (seen.has(zh)) throw namesTableError(FIELD_NAMES, file, row, `"${zh}"重复出现`, `"${zh}" is listed twice`);
    seen.add(zh);
    return { zh, en: en || null, basis };
  });
}

/** The field names table at `path` (default: fieldNamesPath()); an empty table when the default file is absent. */
export function readFieldNames(path = fieldNamesPath()): FieldNames {
  return indexFieldNames(readNamesTable(FIELD_NAMES, parseFieldNames, path));
}
