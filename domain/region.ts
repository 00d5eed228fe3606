/**
 * The region tree by administrative code (GB/T 2260 and the statistical town codes): a province
 * 210000 holds the cities 2101xx..2114xx (210200 大连市), a city holds its counties (210281 瓦房店市),
 * a county holds its towns (nine digits, 210281100) and a town its villages (twelve digits).
 * Above the provinces is the root, 100000 (全国, the whole country: GB/T 2260 gives the country no
 * code; 100000 is the one map services such as DataV use, and no province code starts with 10), for
 * a plan over every province. A town given only by its name (as
 * record files write 乡镇) has no code; its parent is the plan's region by context. Pure.
 *
 * @example
 *   parentRegion("210281"); // "210200"
 *   parentRegion("210200"); // "210000"
 *   parentRegion("210000"); // "100000" (ROOT_REGION)
 *   isDescendant("210281", "210000"); // true
 *   regionPrefixLength("210200"); // 4: every code starting 2102 lies in it
 */

/** The root of the tree: the whole country, above every province. */
export const ROOT_REGION = "100000";
/** The same code, by the name a country-level plan file speaks of. */
export const COUNTRY_CODE = ROOT_REGION;

/** The code one level up (a province's is the root), or null for the root or a code that is not a region code. */
export function parentRegion(code: string): string | null {
  if (/^\d{12}$/.test(code)) return code.slice(0, 9);
  if (/^\d{9}$/.test(code)) return code.slice(0, 6);
  if (!/^\d{6}$/.test(code) || code === ROOT_REGION) return null;
  if (code.slice(4) !== "00") return `${code.slice(0, 4)}00`;
  if (code.slice(2, 4) !== "00") return `${code.slice(0, 2)}0000`;
  return ROOT_REGION;
}

/**
 * How many leading digits of a six-digit code every county code within it shares: 6 for a county,
 * 4 for a city (XXXX00), 2 for a province (XX0000), 0 for the root (every code lies in it). The
 * record queries filter a region as `substr(region_code, 1, n) = substr(code, 1, n)`.
 */
export function regionPrefixLength(code: string): 0 | 2 | 4 | 6 {
  if (code === ROOT_REGION) return 0;
  return code.endsWith("0000") ? 2 : code.endsWith("00") ? 4 : 6;
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

/** Whether `code` is directly below `parent` (a province is directly below the country). */
export function isDirectChild(code: string, parent: string): boolean {
  return parentRegion(code) === parent;
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
