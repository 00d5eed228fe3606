/**
 * The JavaScript reference path for a record file: probe it like the SQL path, parse the text
 * with papaparse and validate with validate.ts. For small files and for tests that hold the SQL
 * path to the same results; large files go through DuckDB (warehouse/records.ts).
 */
import { readFileSync } from "node:fs";
import Papa from "papaparse";
import { FileError } from "../errors.ts";
import { probeRecordFile, type ProbeOptions } from "./read.ts";
import { type ValidationResult, validateRecordRows } from "./validate.ts";

export async function validateRecordFileJs(
  path: string,
  opts: ProbeOptions & { unit?: string | null; defaultRegion: string },
): Promise<ValidationResult> {
  const src = await probeRecordFile(path, opts);
  try {
    if (src.format === "parquet")
      throw new FileError("UNSUPPORTED", "参考实现不读 Parquet。", "the JavaScript reference path does not read Parquet.");
    const text = readFileSync(src.readPath, "utf8").replace(/^\uFEFF/, "");
    const lines = text.split(/\r?\n/);
    const body = lines.slice(src.skipLines).join("\n");
    const parsed = Papa.parse<string[]>(body, { delimiter: src.delimiter, quoteChar: '"', skipEmptyLines: false }).data;
    const rows: { row: number; cells: (string | null)[] }[] = [];
    let n = 0;
    for (const cells of parsed) {
      // DuckDB's CSV reader skips empty lines without counting them; so does this.
      if (cells.length === 1 && cells[0] === "") continue;
      n++;
      rows.push({ row: src.headerRow + n, cells: Array.from({ length: src.headers.length }, (_, i) => cells[i] ?? null) });
    }
    return validateRecordRows({ match: src.match, rows }, { unit: opts.unit, defaultRegion: opts.defaultRegion, defaultList: opts.list });
  } finally {
    src.cleanup();
  }
}
