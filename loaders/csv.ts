/**
 * CSV (or TSV/semicolon) text → grid rows, with papaparse. The delimiter is guessed from the
 * content; each CSV record is one row, numbered as a spreadsheet would show it.
 *
 * @example
 *   parseCsv("指标,2019\n高新技术企业数量,80\n", "a.csv"); // [{ row: 1, cells: [...] }, { row: 2, ... }]
 */
import Papa from "papaparse";
import { fileErrors } from "./errors.ts";
import type { Cell, GridRow } from "./table.ts";

const textCell = (s: string): Cell | null => (s === "" ? null : { value: s, text: s });

export function parseCsv(text: string, fileName: string): GridRow[] {
  const result = Papa.parse<string[]>(text, {
    delimiter: guessDelimiter(text),
    skipEmptyLines: false,
    header: false,
    dynamicTyping: false,
  });
  const fatal = result.errors.find((e) => e.code === "MissingQuotes");
  if (fatal) throw fileErrors.badCsv(fileName, (fatal.row ?? 0) + 1, fatal.message);
  return result.data.map((cells, i) => ({ row: i + 1, cells: cells.map((c) => textCell(String(c ?? ""))) }));
}

/**
 * The delimiter that splits the most lines into the same number (>1) of fields, among
 * comma, tab, semicolon and |. Title rows above the header do not confuse it.
 */
export function guessDelimiter(text: string): string {
  const lines = text.split(/\r\n|\n|\r/, 60).filter((l) => l.trim() !== "");
  let best = ",";
  let bestScore = 0;
  for (const d of [",", "\t", ";", "|"]) {
    const counts = new Map<number, number>();
    for (const line of lines) {
      const n = countOutsideQuotes(line, d);
      if (n > 0) counts.set(n, (counts.get(n) ?? 0) + 1);
    }
    let score = 0;
    for (const [fieldsMinusOne, times] of counts) score = Math.max(score, times * 1000 + fieldsMinusOne);
    if (score > bestScore) {
      bestScore = score;
      best = d;
    }
  }
  return best;
}

function countOutsideQuotes(line: string, d: string): number {
  let n = 0;
  let quoted = false;
  for (const ch of line) {
    if (ch === '"') quoted = !quoted;
    else if (ch === d && !quoted) n++;
  }
  return n;
}
