/**
 * The sector names table (data/sectors/names.csv, or the file `$PLAN_MONITOR_SECTOR_NAMES` names):
 * the English name of each sector (行业) record files write, so English pages, CSVs and `--lang en`
 * output name sectors in English. Columns: name_zh (as the records write it), name_en (empty = none:
 * pages show the Chinese name), basis (where the English name comes from). A bad file is refused
 * whole with its line (exit 2); the file, header and errors are those of every names table
 * (names-table.ts).
 *
 * @example
 *   const names = readSectorNames(); // SectorNames
 *   sectorNameEn(names, "现代渔业"); // "Modern fisheries"
 */
import { resolve } from "node:path";
import { indexSectorNames, type SectorName, type SectorNames } from "../domain/sector.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { type NamesTable, namesTableError, namesTableLines, namesTablePath, readNamesTable, requireBasis } from "./names-table.ts";

export const SECTOR_NAMES_FILE = resolve(REPO_ROOT, "data", "sectors", "names.csv");

export const SECTOR_NAMES: NamesTable = {
  code: "SECTOR_NAMES",
  zh: "行业名称表",
  en: "sector names table",
  columns: ["name_zh", "name_en", "basis"],
  file: SECTOR_NAMES_FILE,
  env: "PLAN_MONITOR_SECTOR_NAMES",
  basisExample: { zh: "本项目译名，非官方", en: "project's rendering, not official" },
};

/** The table's path: `$PLAN_MONITOR_SECTOR_NAMES`, else data/sectors/names.csv. */
export function sectorNamesPath(): string {
  return namesTablePath(SECTOR_NAMES);
}

/** Rows of a sector names table's text; throws FileError naming the line and what to write. */
export function parseSectorNames(text: string, file: string): SectorName[] {
  const seen = new Set<string>();
  return namesTableLines(SECTOR_NAMES, text, file).map(({ row, cells }) => {
    const [zh, en, basis] = cells;
    if (!zh) throw namesTableError(SECTOR_NAMES, file, row, "name_zh（中文名称）不能为空", "name_zh (the Chinese name) is empty");
    requireBasis(SECTOR_NAMES, file, row, en, basis);
    if (seen.has(zh)) throw namesTableError(SECTOR_NAMES, file, row, `"${zh}"重复出现`, `"${zh}" is listed twice`);
    seen.add(zh);
    return { zh, en: en || null, basis };
  });
}

/** The sector names table at `path` (default: sectorNamesPath()); an empty table when the default file is absent. */
export function readSectorNames(path = sectorNamesPath()): SectorNames {
  return indexSectorNames(readNamesTable(SECTOR_NAMES, parseSectorNames, path));
}
