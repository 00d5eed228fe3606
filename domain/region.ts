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

/**
 * The whole country, for a country-level plan: 100000, the code map services (e.g. DataV) use for
 * China; GB/T 2260 itself gives the country none. The provinces (xx0000) sit directly below it.
 */
export const COUNTRY_CODE = "100000";

/** Whether `code` is directly below `parent`: one level up the tree, or a province below the country. */
export function isDirectChild(code: string, parent: string): boolean {
  const up = parentRegion(code);
  if (up !== null) return up === parent;
  return parent === COUNTRY_CODE && code !== COUNTRY_CODE && /^\d{2}0000$/.test(code);
}
