/**
 * CSV for spreadsheets, one rule for the CLI, the exports and the site's downloads: RFC 4180
 * quoting, CRLF line ends, a UTF-8 byte order mark (Excel on Chinese Windows), and the formula
 * guard: a text cell starting with = + - @ (or tab / CR) gets a leading apostrophe so a spreadsheet
 * shows it instead of running it. Numbers, and text that is just a number ("-3"), are left alone.
 *
 * @example
 *   guardCell("=SUM(A1)"); // "'=SUM(A1)"
 *   guardCell("-3");       // "-3"
 *   toCsv(["a", "b"], [[1, "x,y"]]); // "\uFEFFa,b\r\n1,\"x,y\"\r\n"
 */

const NUMERIC = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
const FORMULA_START = /^[=+\-@\t\r]/;

/** One cell as text: numbers as numbers, null as empty, formula-like text defused. */
export function guardCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "";
  const text = String(value);
  return FORMULA_START.test(text) && !NUMERIC.test(text) ? `'${text}` : text;
}

/** One CSV field: guarded, then quoted per RFC 4180 when needed. */
export function csvField(value: unknown): string {
  const text = guardCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** One CSV record (no line end). */
export function csvLine(values: readonly unknown[]): string {
  return values.map(csvField).join(",");
}

/** A CSV document: BOM, header, rows, CRLF after every line. */
export function toCsv(header: readonly string[], rows: readonly (readonly unknown[])[]): string {
  return `\uFEFF${[csvLine(header), ...rows.map(csvLine)].join("\r\n")}\r\n`;
}
