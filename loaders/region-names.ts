/**
 * The region names table (data/regions/names.csv, or the file `$PLAN_MONITOR_REGION_NAMES` names):
 * the English name of each region or town, so English pages and exports name towns in English.
 * Columns: code (6/9/12 digits, or empty for a town known only by its name), parent (the code of
 * the region it lies in), name_zh, name_en (empty = none: pages show the Chinese name), basis
 * (where the English name comes from). A bad file is refused whole with its line (exit 2).
 *
 * @example
 *   const names = await readRegionNames(); // RegionNames
 *   regionNameEn(names, "复州城镇", "210281"); // "Fuzhoucheng Town"
 */
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { indexRegionNames, type RegionName, type RegionNames } from "../domain/region.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { parseCsv } from "./csv.ts";
import { decodeText } from "./decode.ts";
import { FileError } from "./errors.ts";

export const REGION_NAMES_FILE = resolve(REPO_ROOT, "data", "regions", "names.csv");
const COLUMNS = ["code", "parent", "name_zh", "name_en", "basis"] as const;

/** The table's path: `$PLAN_MONITOR_REGION_NAMES`, else data/regions/names.csv. */
export function regionNamesPath(): string {
  return process.env.PLAN_MONITOR_REGION_NAMES || REGION_NAMES_FILE;
}

const bad = (file: string, line: number, zh: string, en: string): FileError =>
  new FileError("BAD_REGION_NAMES", `地区名称表"${file}"第${line}行：${zh}`, `region names table "${file}", line ${line}: ${en}`);

/** Rows of a names table's text; throws FileError naming the line and what to write. */
export function parseRegionNames(text: string, file: string): RegionName[] {
  const grid = parseCsv(text, file).map((r) => ({ row: r.row, cells: r.cells.map((c) => (c ? String(c.text).trim() : "")) }));
  const rows = grid.filter((r) => r.cells.some((c) => c !== ""));
  const header = rows.shift();
  if (!header || COLUMNS.some((c, i) => header.cells[i] !== c))
    throw bad(file, header?.row ?? 1, `表头应为 ${COLUMNS.join(",")}`, `the header must be ${COLUMNS.join(",")}`);
  const seen = new Set<string>();
  return rows.map(({ row, cells }) => {
    const [code, parent, zh, en, basis] = COLUMNS.map((_, i) => cells[i] ?? "");
    if (code && !/^(\d{6}|\d{9}|\d{12})$/.test(code))
      throw bad(file, row, `代码"${code}"应为6、9或12位数字，或留空`, `code "${code}" must be 6, 9 or 12 digits, or empty`);
    if (parent && !/^(\d{6}|\d{9})$/.test(parent))
      throw bad(file, row, `上级代码"${parent}"应为6或9位数字`, `parent "${parent}" must be 6 or 9 digits`);
    if (!code && !parent)
      throw bad(file, row, "没有代码的乡镇须填写上级代码（所在县市的代码）", "a town without a code needs its parent (its county's code)");
    if (!zh) throw bad(file, row, "name_zh（中文名称）不能为空", "name_zh (the Chinese name) is empty");
    if (en && !basis)
      throw bad(
        file,
        row,
        "给出英文名称时须在 basis 列说明来源（如“汉语拼音拼写，非官方译名”）",
        'an English name needs its basis (e.g. "Hanyu Pinyin rendering, not an official translation")',
      );
    for (const key of [code, parent ? `${parent}|${zh}` : ""].filter(Boolean)) {
      if (seen.has(key)) throw bad(file, row, `"${code || zh}"重复出现`, `"${code || zh}" is listed twice`);
      seen.add(key);
    }
    return { code, parent, zh, en: en || null, basis };
  });
}

/** The names table at `path` (default: regionNamesPath()); an empty table when the default file is absent. */
export function readRegionNames(path = regionNamesPath()): RegionNames {
  if (!existsSync(path)) {
    if (path === REGION_NAMES_FILE) return indexRegionNames([]);
    throw new FileError("REGION_NAMES_MISSING", `找不到地区名称表"${path}"`, `region names table "${path}" not found`);
  }
  return indexRegionNames(parseRegionNames(decodeText(readFileSync(path), path).text, path));
}
