/** Helpers for the record tests: small files, a temporary warehouse with the plan, landing through SQL. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Plan } from "../../domain/plan.ts";
import { ingestRecordFile, type RecordIngestOptions } from "../../pipelines/records.ts";
import { creditCode } from "../../pipelines/demo/generate.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { storePlan } from "../../warehouse/plans.ts";
import { tempWarehouse, wafangdian } from "../helpers.ts";

export const code = (i: number, region = "210281") => creditCode(region, i);

export async function setup(): Promise<{ w: Warehouse; dir: string; plan: Plan; cleanup: () => Promise<void> }> {
  const t = await tempWarehouse();
  const plan = await wafangdian();
  await storePlan(t.w, plan, { sha256: "plan", path: null });
  return { w: t.w, dir: t.dir, plan, cleanup: t.cleanup };
}

export function writeCsv(dir: string, name: string, lines: string[], bom = false): string {
  const path = join(dir, name);
  writeFileSync(path, `${bom ? "\uFEFF" : ""}${lines.join("\n")}\n`);
  return path;
}

export async function ingest(w: Warehouse, plan: Plan, path: string, opts: RecordIngestOptions = {}) {
  const r = await ingestRecordFile(w, plan, path, opts);
  if (r.error) throw new Error(`${r.error.code}: ${r.error.en}`);
  return r;
}
