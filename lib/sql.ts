/**
 * SQL text for DuckDB: a string literal and a quoted identifier. Prefer prepared parameters; use
 * these only where DuckDB takes no parameter (file paths in COPY/ATTACH/read_csv, table names).
 *
 * @example
 *   sqlString("O'Brien.csv");   // "'O''Brien.csv'"
 *   sqlIdent('my "table"');     // '"my ""table"""'
 */

/** A single-quoted SQL string literal ('' doubles a quote; NUL is refused). */
export function sqlString(text: string): string {
  if (text.includes("\u0000")) throw new Error("SQL text must not contain NUL");
  return `'${text.replace(/'/g, "''")}'`;
}

/** A double-quoted SQL identifier ("" doubles a quote). */
export function sqlIdent(name: string): string {
  if (name.includes("\u0000")) throw new Error("SQL identifier must not contain NUL");
  return `"${name.replace(/"/g, '""')}"`;
}
