/**
 * The region names table (data/regions/names.csv, or the file `$PLAN_MONITOR_REGION_NAMES` names):
 * the English name of each region or town, so English pages and exports name towns in English.
 * Columns: code (6/9/12 digits, or empty for a town known only by its name), parent (the code of
 * the region it lies in), name_zh, name_en (empty = none: pages show the Chinese name), basis
 * (where the English name comes from). A bad file is refused whole with its line (exit 2); the
 * file, header and errors are those of every names table (names-table.ts).
 *
 * @example
 *   const names = await readRegionNames(); // RegionNames
 *   regionNameEn(names, "复州城镇", "210281"); // "Fuzhoucheng Town"
 */
import { resolve } from "node:path";
import { indexRegionNames, type RegionName, type RegionNames } from "../domain/region.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { type NamesTable, namesTableError, namesTableLines, namesTablePath, readNamesTable, requireBasis } from "./names-table.ts";

export const REGION_NAMES_FILE = resolve(REPO_ROOT, "data", "regions", "names.csv");

export const REGION_NAMES: NamesTable = {
  code: "REGION_NAMES",
  zh: "地区名称表",
  en: "region names table",
  columns: ["code", "parent", "name_zh", "name_en", "basis"],
  file: REGION_NAMES_FILE,
  env: "PLAN_MONITOR_REGION_NAMES",
  basisExample: { zh: "汉语拼音拼写，非官方译名", en: "Hanyu Pinyin rendering, not an official translation" },
};

/** The table's path: `$PLAN_MONITOR_REGION_NAMES`, else data/regions/names.csv. */
export function regionNamesPath(): string {
  return namesTablePath(REGION_NAMES);
}

/** Rows of a names table's text; throws FileError naming the line and what to write. */
export function parseRegionNames(text: string, file: string): RegionName[] {
  const bad = (line: number, zh: string, en: string) => namesTableError(REGION_NAMES, file, line, zh, en);
  const seen = new Set<string>();
  return namesTableLines(REGION_NAMES, text, file).map(({ row, cells }) => {
    const [code, parent, zh, en, basis] = cells;
    if (code && !/^(\d{6}|\d{9}|\d{12})$/.test(code))
      throw bad(row, `代码"${code}"应为6、9或12位数字，或留空`, `code "${code}" must be 6, 9 or 12 digits, or empty`);
    if (parent && !/^(\d{6}|\d{9})$/.test(parent))
      throw bad(row, `上级代码"${parent}"应为6或9位数字`, `parent "${parent}" must be 6 or 9 digits`);
    if (!code && !parent)
      throw bad(row, "没有代码的乡镇须填写上级代码（所在县市的代码）", "a town without a code needs its parent (its county's code)");
    if (!zh) throw bad(row, "name_zh（中文名称）不能为空", "name_zh (the Chinese name) is empty");
    requireBasis(REGION_NAMES, file, row, en, basis);
    for (const key of [code, parent ? `${parent}|${zh}` : ""].filter(Boolean)) {
      if (seen.has(key)) throw bad(row, `"${code || zh}"重复出现`, `"${code || zh}" is listed twice`);
      seen.add(key);
    }
    return { code, parent, zh, en: en || null, basis };
  });
}

/** The names table at `path` (default: regionNamesPath()); an empty table when the default file is absent. */
export function readRegionNames(path = regionNamesPath()): RegionNames {
  return indexRegionNames(readNamesTable(REGION_NAMES, parseRegionNames, path));
}
