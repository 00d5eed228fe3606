/**
 * Showing a table cell as text, by its column's kind (shared by HTML, Markdown and CSV).
 */
import { type Lang, num, percent, ratio } from "./format.ts";
import type { Cell, CellKind } from "./report.ts";

/**
 * A cell as display text in the table's language (lib/format.ts): numbers grouped in English and
 * not in Chinese ("18500"), shares as %, years plain, empty as "—".
 */
export function cellText(value: Cell, kind: CellKind, lang: Lang = "en"): string {
  if (value === null || value === undefined || value === "") return kind === "text" ? "" : "—";
  if (typeof value === "string") return value;
  switch (kind) {
    case "percent":
      return percent(value);
    case "ratio":
      return ratio(value, lang);
    case "year":
      return String(value);
    case "integer":
      return num(value, 0, lang);
    case "number":
      return num(value, undefined, lang);
    default:
      return String(value);
  }
}

/** Whether the column's cells are numbers (right-aligned). */
export function isNumeric(kind: CellKind): boolean {
  return kind === "number" || kind === "integer" || kind === "percent" || kind === "ratio" || kind === "year";
}
