/**
 * The region tree by administrative code (GB/T 2260 and the statistical town codes): a province
 * 210000 holds the cities 2101xx..2114xx (210200 大连市), a city holds its counties (210281 瓦房店市),
 * a county holds its towns (nine digits, 210281100) and a town its villages (twelve digits).
 * A town given only by its name (as record files write 乡镇) has no code; its parent is the plan's
 * region by context. Pure.
 *
 * @example
 *   parentRegion("210281"); // "210200"
 *   parentRegion("210200"); // "210000"
 *   isDescendant("210281", "210000"); // true
 */

/** The code one level up, or null for a province or a code that is not a region code. */
export function parentRegion(code: string): string | null {
  if (/^\d{12}$/.test(code)) return code.slice(0, 9);
  if (/^\d{9}$/.test(code)) return code.slice(0, 6);
  if (!/^\d{6}$/.test(code)) return null;
  if (code.slice(4) !== "00") return `${code.slice(0, 4)}00`;
  if (code.slice(2, 4) !== "00") return `${code.slice(0, 2)}0000`;
  return null;
}

/** Whether `code` lies below `ancestor` in the tree (not equal to it). */
export function isDescendant(code: string, ancestor: string): boolean {
  for (let p = parentRegion(code); p !== null; p = parentRegion(p)) if (p === ancestor) return true;
  return false;
}

/** The child of `ancestor` on the way down to `code` (code itself when it is a direct child), or null. */
export function childOnPath(code: string, ancestor: string): string | null {
  let cur = code;
  for (let p = parentRegion(cur); p !== null; cur = p, p = parentRegion(p)) if (p === ancestor) return cur;
  return null;
}

/** One row of a region names table (data/regions/names.csv): a region by code, or a town by its name within `parent`. */
export interface RegionName {
  /** Administrative code (6, 9 or 12 digits), or "" for a town known only by its name. */
  code: string;
  /** The code of the region it lies in ("" for a province). */
  parent: string;
  zh: string;
  /** The English name; null when the table gives none (pages then show the Chinese name). */
  en: string | null;
  /** Where the English name comes from (a citation, or "Hanyu Pinyin rendering, not an official translation"). */
  basis: string;
}

/** A region names table, looked up by code or by (parent, Chinese name). */
export interface RegionNames {
  byCode: ReadonlyMap<string, RegionName>;
  byName: ReadonlyMap<string, RegionName>;
}

export const EMPTY_REGION_NAMES: RegionNames = { byCode: new Map(), byName: new Map() };

/** Index rows of a names table (later rows do not override earlier ones: the loader refuses duplicates). */
export function indexRegionNames(rows: readonly RegionName[]): RegionNames {
  const byCode = new Map<string, RegionName>();
  const byName = new Map<string, RegionName>();
  for (const r of rows) {
    if (r.code) byCode.set(r.code, r);
    if (r.parent) byName.set(`${r.parent}|${r.zh}`, r);
  }
  return { byCode, byName };
}

/**
 * The English name of a region given by code or by its Chinese name as record files write 乡镇
 * (then looked up among the children of `within`, the plan's region, else of its ancestors in
 * turn). Null when the table has none: a page then shows the Chinese name, never an invented one.
 *
 * @example
 *   regionNameEn(names, "复州城镇", "210281"); // "Fuzhoucheng Town"
 *   regionNameEn(names, "210200", "210000"); // "Dalian"
 */
export function regionNameEn(names: RegionNames, codeOrName: string, within: string): string | null {
  const byCode = names.byCode.get(codeOrName);
  if (byCode) return byCode.en;
  for (let p: string | null = within; p !== null; p = parentRegion(p)) {
    const hit = names.byName.get(`${p}|${codeOrName}`);
    if (hit) return hit.en;
  }
  return null;
}
