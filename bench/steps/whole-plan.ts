/**
 * Write the synthetic whole-region plan (bench/national-plan.ts) for the bench warehouse's records,
 * store it in the warehouse as `plan-monitor build --plan FILE` would, and derive its indicators
 * (as `records ingest` does after its files), so the site can be built for it.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { loadAndStorePlan } from "../../pipelines/context.ts";
import { inTransaction, openWarehouse, queryRows } from "../../warehouse/connection.ts";
import { refreshDerived } from "../../warehouse/records-derive.ts";
import { DEMO_PLAN, WHOLE_PLAN_FILE, wholeRegion, wholeRegionPlanYaml } from "../national-plan.ts";

export default async function wholePlan(args: { db: string; dir: string }): Promise<Record<string, unknown>> {
  const started = performance.now();
  const w = await openWarehouse(args.db);
  try {
    const rows = await queryRows<{ code: string }>(
      w,
      `SELECT DISTINCT region_code AS code FROM rec_contracts WHERE region_code IS NOT NULL
       UNION SELECT DISTINCT region_code FROM rec_certificates WHERE region_code IS NOT NULL
       UNION SELECT DISTINCT region_code FROM rec_rd WHERE region_code IS NOT NULL`,
    );
    const region = wholeRegion(rows.map((r) => r.code));
    const file = join(args.dir, WHOLE_PLAN_FILE);
    writeFileSync(file, wholeRegionPlanYaml(readFileSync(DEMO_PLAN, "utf-8"), region));
    const plan = await loadAndStorePlan(w, file, "en");
    const derived = await inTransaction(w, () => refreshDerived(w));
    return { seconds: (performance.now() - started) / 1000, plan_id: plan.id, region, counties: rows.length, file, derived_rows: derived };
  } finally {
    await w.close();
  }
}
