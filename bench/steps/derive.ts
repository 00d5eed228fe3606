/**
 * Derive the plan's indicators per county and year from the current records (warehouse/
 * records-derive.ts refreshDerived, in one transaction, as `records ingest` does after its files).
 */
import { inTransaction, openWarehouse, queryRows } from "../../warehouse/connection.ts";
import { refreshDerived } from "../../warehouse/records-derive.ts";
import { cpuSeconds } from "../machine.ts";

export default async function derive(args: { db: string }): Promise<Record<string, unknown>> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  const w = await openWarehouse(args.db);
  let rows: number;
  let shape: { regions: number; indicators: number; years: number };
  try {
    rows = await inTransaction(w, () => refreshDerived(w));
    [shape] = await queryRows<{ regions: number; indicators: number; years: number }>(
      w,
      "SELECT count(DISTINCT region_code) AS regions, count(DISTINCT indicator_id) AS indicators, count(DISTINCT year) AS years FROM derived_observations",
    );
  } finally {
    await w.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpuS = cpuSeconds(cpu);
  return { rows, regions: Number(shape.regions), indicators: Number(shape.indicators), years: Number(shape.years), seconds, cpu_s: cpuS };
}
