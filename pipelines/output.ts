/**
 * Rendering rows for a terminal or a file: CJK-aware text tables, CSV (RFC 4180, guarded against
 * formula injection, lib/csv.ts) and JSON.
 */

export { displayWidth, pad, stripAnsi, truncate } from "../lib/text.ts";

import { displayWidth, pad, truncate } from "../lib/text.ts";

export interface Column<T> {
  header: string;
  value: (row: T) => string;
  align?: "left" | "right";
  max?: number;
}

/** A plain text table with a header rule; control characters in data are made visible. */
export function textTable<T>(rows: T[], columns: Column<T>[]): string {
  const cells = rows.map((row) => columns.map((c) => truncate(visible(c.value(row)), c.max ?? 60)));
  const widths = columns.map((c, i) => Math.max(displayWidth(c.header), ...cells.map((r) => displayWidth(r[i]))));
  const line = (values: string[]) =>
    values
      .map((v, i) => pad(v, widths[i], columns[i].align ?? "left"))
      .join("  ")
      .trimEnd();
  return [line(columns.map((c) => c.header)), widths.map((w) => "─".repeat(w)).join("  "), ...cells.map(line)].join("\n");
}

/** Make control characters (which could move the cursor or recolour a terminal) visible. */
export function visible(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export { csvField, csvLine, guardCell, toCsv } from "../lib/csv.ts";
