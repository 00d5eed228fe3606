/**
 * Ingest record files the way `plan-monitor records ingest FILE...` does (open the warehouse, store
 * the plan, pipelines/records.ts ingestRecordFiles: hash, probe, archive copy, read_csv into
 * staging, validation and quarantine in SQL, landing), without refreshing the derived indicators:
 * the command does that once after all its files, and the benchmark times it as its own step.
 * Timed from opening the warehouse to closing it (the close writes the checkpoint).
 */
import { DEFAULT_PLAN_FILE, loadAndStorePlan } from "../../pipelines/context.ts";
import { ingestRecordFiles, type RecordFileReport } from "../../pipelines/records.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { cpuSeconds } from "../machine.ts";

export default async function ingest(args: { db: string; files: string[]; plan?: string }): Promise<Record<string, unknown>> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  // PLAN_MONITOR_TIMING=1: the step's phases outside the file's own landing (ms since the start, and CPU so far).
  const mark = process.env.PLAN_MONITOR_TIMING
    ? (label: string) =>
        process.stderr.write(`${label}: ${Math.round(performance.now() - started)} ms (cpu ${Math.round(cpuSeconds(cpu) * 1000)} ms)\n`)
    : () => {};
  const w = await openWarehouse(args.db);
  mark("open");
  let reports: RecordFileReport[];
  try {
    const plan = await loadAndStorePlan(w, args.plan ?? DEFAULT_PLAN_FILE, "en");
    mark("plan");
    reports = await ingestRecordFiles(w, plan, args.files, { derive: false });
    mark("files");
  } finally {
    await w.close();
    mark("close");
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuS = cpuSeconds(cpu);
  const failed = reports.filter((r) => !r.summary);
  if (failed.length > 0) throw new Error(failed.map((r) => `${r.path} was not ingested: ${r.error?.en ?? r.outcome}`).join("\n"));
  const sum = (f: (r: RecordFileReport) => number) => reports.reduce((s, r) => s + f(r), 0);
  const rows = sum((r) => r.summary!.rows_read);
  return {
    files: reports.map((r) => ({ name: r.name, kind: r.kind, outcome: r.outcome, bytes: r.bytes, seconds: r.ms / 1000, ...r.summary })),
    rows,
    accepted: sum((r) => r.summary!.accepted),
    rejected: sum((r) => r.summary!.rejected),
    bytes: sum((r) => r.bytes),
    seconds,
    cpu_s: cpuS,
    rows_per_s: rows / seconds,
  };
}
