/**
 * Technology fields (技术领域) as contract record files write them (free text: 先进制造, 新材料, …),
 * and their English names from the field names table (data/fields/names.csv). A field the table
 * lacks has no English name: pages show its Chinese name, never an invented one. Pure.
 *
 * @example
 *   const names = indexFieldNames([{ zh: "先进制造", en: "Advanced manufacturing", basis: "…" }]);
 *   fieldNameEn(names, "先进制造"); // "Advanced manufacturing"
 *   fieldNameEn(names, "核应用"); // null
 */

/** One row of a field names table. */
export interface FieldName {
  /** The field exactly as record files write it. */
  zh: string;
  /** The English name; null when the table gives none (pages then show the Chinese name). */
  en: string | null;
  /** Where the English name comes from ("本项目译名，非官方 / project's rendering, not official", or a citation). */
  basis: string;
}

/** A field names table, looked up by the Chinese name. */
export type FieldNames = ReadonlyMap<string, FieldName>;

/** Index rows of a field names table (the loader refuses a name listed twice). */
export function indexFieldNames(rows: readonly FieldName[]): FieldNames {
  return new Map(rows.map((r) => [r.zh, r]));
}

/** The English name of a field as the records write it (surrounding spaces ignored), or null. */
export function fieldNameEn(names: FieldNames, zh: string | null | undefined): string | null {
  return zh ? (names.get(zh.trim())?.en ?? null) : null;
}
