/**
 * The practical ceiling: DuckDB's own read_csv of a file into a bare table of a fresh file
 * database (type detection on, no validation; the few rows that do not fit the detected types, such
 * as the generator's deliberate 2016-02-30, are skipped: ignore_errors). Timed from opening the database to closing it (the
 * close writes the checkpoint), as the ingest is.
 */
import { closeSync, openSync, readSync, rmSync } from "node:fs";
import { DuckDBInstance } from "@duckdb/node-api";
import { cpuSeconds } from "../machine.ts";

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** Whether the file's first 1 MiB is UTF-8 (read_csv reads UTF-8; GB18030 needs an extension not available offline). */
export function looksUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes, { stream: true });
    return true;
  } catch {
    return false;
  }
}

export default async function readcsv(args: { file: string; db: string }): Promise<Record<string, unknown>> {
  const head = Buffer.alloc(1 << 20);
  const fd = openSync(args.file, "r");
  const n = readSync(fd, head, 0, head.length, 0);
  closeSync(fd);
  if (!looksUtf8(head.subarray(0, n))) return { skipped: "not UTF-8: read_csv cannot read it here, no ceiling" };
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
