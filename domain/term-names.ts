/**
 * Terms that record files write as free text and whose English names come from a names table:
 * sectors (行业, data/sectors/names.csv) and technology fields (技术领域, data/fields/names.csv). A
 * term the table lacks has no English name: pages show its Chinese name, never an invented one. Pure.
 *
 * @example
 *   const names = indexTermNames([{ zh: "新材料", en: "New materials", basis: "…" }]);
 *   termNameEn(names, "新材料"); // "New materials"
 *   termNameEn(names, "文化旅游"); // null
 */

/** One row of a term names table. */
export interface TermName {
  /** The term exactly as record files write it. */
  zh: string;
  /** The English name; null when the table gives none (pages then show the Chinese name). */
  en: string | null;
  /** Where the English name comes from ("本项目译名，非官方 / project's rendering, not official", or a citation). */
  basis: string;
}

/** A term names table, looked up by the Chinese name. */
export type TermNames = ReadonlyMap<string, TermName>;

/** Index rows of a term names table (the loader refuses a name listed twice). */
export function indexTermNames(rows: readonly TermName[]): TermNames {
  return new Map(rows.map((r) => [r.zh, r]));
}

/** The English name of a term as the records write it (surrounding spaces ignored), or null. */
export function termNameEn(names: TermNames, zh: string | null | undefined): string | null {
  return zh ? (names.get(zh.trim())?.en ?? null) : null;
}
