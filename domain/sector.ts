/**
 * Sectors (行业) as record files write them, one per enterprise or contract (轴承及装备制造, 新材料,
 * …), and their English names from the sector names table (data/sectors/names.csv). A sector the
 * table lacks has no English name: pages show its Chinese name, never an invented one. Pure.
 *
 * @example
 *   const names = indexSectorNames([{ zh: "新材料", en: "New materials", basis: "…" }]);
 *   sectorNameEn(names, "新材料"); // "New materials"
 *   sectorNameEn(names, "文化旅游"); // null
 */

/** One row of a sector names table. */
export interface SectorName {
  /** The sector exactly as record files write it. */
  zh: string;
  /** The English name; null when the table gives none (pages then show the Chinese name). */
  en: string | null;
  /** Where the English name comes from ("本项目译名，非官方 / project's rendering, not official", or a citation). */
  basis: string;
}

/** A sector names table, looked up by the Chinese name. */
export type SectorNames = ReadonlyMap<string, SectorName>;

/** Index rows of a sector names table (the loader refuses a name listed twice). */
export function indexSectorNames(rows: readonly SectorName[]): SectorNames {
  return new Map(rows.map((r) => [r.zh, r]));
}

/** The English name of a sector as the records write it (surrounding spaces ignored), or null. */
export function sectorNameEn(names: SectorNames, zh: string | null | undefined): string | null {
  return zh ? (names.get(zh.trim())?.en ?? null) : null;
}
