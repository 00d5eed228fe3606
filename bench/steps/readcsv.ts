/**
 * The practical ceiling: DuckDB's own read_csv of a file into a bare table of a fresh file
 * database (type detection on, no validation; the few rows that do not fit the detected types, such
 * as the generator's deliberate 2016-02-30, are skipped: ignore_errors). Timed from opening the database to closing it (the
 * close writes the checkpoint), as the ingest is.
 */
import { rmSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { cpuSeconds } from "../machine.ts";

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

export default async function readcsv(args: { file: string; db: string }): Promise<Record<string, unknown>> {
  for (const suffix of ["", ".wal"]) rmSync(args.db + suffix, { force: true });
  const started = performance.now();
  const cpu = process.cpuUsage();
  const instance = await DuckDBInstance.create(args.db);
  const c = await instance.connect();
  await c.run(`CREATE TABLE records AS SELECT * FROM read_csv(${lit(args.file)}, ignore_errors = true)`);
  const rows = Number((await c.runAndReadAll("SELECT count(*) AS n FROM records")).getRowObjectsJson()[0].n);
  const threads = String((await c.runAndReadAll("SELECT current_setting('threads') AS t")).getRowObjectsJson()[0].t);
  c.closeSync();
  instance.closeSync();
  const seconds = (performance.now() - started) / 1000;
  const cpuS = cpuSeconds(cpu);
  for (const suffix of ["", ".wal"]) rmSync(args.db + suffix, { force: true });
  return { rows, seconds, cpu_s: cpuS, rows_per_s: rows / seconds, threads: Number(threads) };
}
