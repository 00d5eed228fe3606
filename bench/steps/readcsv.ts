/**
 * The practical ceiling: DuckDB's own read_csv of a file into a bare table of a fresh file
 * database: type detection on, no validation, the few rows that do not fit the detected types
 * skipped (ignore_errors). Title rows above the header are skipped as the ingest skips them (found
 * by the same probe, before the clock starts). Timed from opening the database to closing it (the
 * close writes the checkpoint), as the ingest is.
 */
import { sqlString } from "../../lib/sql.ts";
import { rmSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { probeRecordFile } from "../../loaders/records/read.ts";
import { cpuSeconds } from "../machine.ts";

const lit = sqlString;

/**
 * The ceiling's statement for a probed file, or why there is none: read_csv reads UTF-8 only here
 * (GB18030 needs an extension that cannot be installed offline; the ingest transcodes such a file).
 */
export function ceilingSql(
  file: string,
  src: { format: string; encoding: string | null; delimiter: string; skipLines: number },
): { sql: string } | { skipped: string } {
  if (src.format !== "csv") return { skipped: `a ${src.format} file: no read_csv ceiling` };
  if (src.encoding !== "utf-8" && src.encoding !== "utf-8-bom")
    return { skipped: `not UTF-8 (${src.encoding}): read_csv cannot read it here, no ceiling` };
  // skipLines counts the title rows and the header; read_csv is to start at the header.
  const skip = Math.max(0, src.skipLines - 1);
  return {
    sql: `CREATE TABLE records AS SELECT * FROM read_csv(${lit(file)}, skip = ${skip}, header = true, delim = ${lit(src.delimiter)}, ignore_errors = true)`,
  };
}

export default async function readcsv(args: { file: string; db: string }): Promise<Record<string, unknown>> {
  const src = await probeRecordFile(args.file);
  src.cleanup();
  const plan = ceilingSql(args.file, src);
  if ("skipped" in plan) return { skipped: plan.skipped };
  for (const suffix of ["", ".wal"]) rmSync(args.db + suffix, { force: true });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const instance = await DuckDBInstance.create(args.db);
  const c = await instance.connect();
  await c.run(plan.sql);
  const rows = Number((await c.runAndReadAll("SELECT count(*) AS n FROM records")).getRowObjectsJson()[0].n);
  const threads = String((await c.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJson()[0].t);
  c.closeSync();
  instance.closeSync();
  const seconds = (performance.now() - started) / 1000;
  const cpuS = cpuSeconds(cpu);
  for (const suffix of ["", ".wal"]) rmSync(args.db + suffix, { force: true });
  return { rows, seconds, cpu_s: cpuS, rows_per_s: rows / seconds, threads: Number(threads) };
}
