/**
 * Store a plan in the warehouse (replacing an earlier version of the same plan id) and read it back.
 */
import type { Plan } from "../domain/plan.ts";
import { inTransaction, queryRows, type Warehouse } from "./connection.ts";

/** Store or replace a plan and its indicators, units and tasks. Returns false when unchanged. */
export async function storePlan(w: Warehouse, plan: Plan, meta: { sha256: string; path: string | null }): Promise<boolean> {
  const existing = await queryRows<{ sha256: string }>(w, "SELECT sha256 FROM plans WHERE id = $1", [plan.id]);
  if (existing[0]?.sha256 === meta.sha256) return false;
  const c = w.connection;
  await inTransaction(w, async () => {
    for (const table of ["plans", "indicators", "responsible_units", "tasks", "task_units", "task_indicators"]) {
      await c.run(`DELETE FROM ${table} WHERE ${table === "plans" ? "id" : "plan_id"} = $1`, [plan.id]);
    }
    await c.run(`INSERT INTO plans VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15, current_timestamp)`, [
      plan.id,
      plan.title.zh,
      plan.title.en,
      plan.document,
      plan.issued ?? null,
      plan.region.code,
      plan.region.zh,
      plan.region.en,
      plan.baseline_year,
      plan.start_year,
      plan.target_year,
      plan.synthetic,
      JSON.stringify(plan),
      meta.path,
      meta.sha256,
    ] as never);
    for (const ind of plan.indicators) {
      await c.run(`INSERT INTO indicators VALUES ($1,$2,$3,$4,string_split($5, chr(31)),$6,$7,$8,$9,$10,$11,$12,$13,$14)`, [
        plan.id,
        ind.id,
        ind.zh,
        ind.en,
        ind.aliases.join("\u001f"),
        ind.unit,
        ind.measure,
        ind.direction,
        ind.target,
        ind.target_year,
        ind.comparator,
        ind.headline,
        ind.wording ?? null,
        ind.note ?? null,
      ] as never);
    }
    for (const u of plan.units) await c.run("INSERT INTO responsible_units VALUES ($1,$2,$3,$4)", [plan.id, u.id, u.zh, u.en]);
    for (const t of plan.tasks) {
      await c.run("INSERT INTO tasks VALUES ($1,$2,$3,$4,$5,$6,$7)", [plan.id, t.id, t.group.id, t.group.zh, t.group.en, t.zh, t.en]);
      for (const u of t.responsible) await c.run("INSERT INTO task_units VALUES ($1,$2,$3)", [plan.id, t.id, u]);
      for (const i of t.indicators) await c.run("INSERT INTO task_indicators VALUES ($1,$2,$3)", [plan.id, t.id, i]);
    }
  });
  return true;
}

/**
 * The stored plan `planId`, or (default) process.env.PLAN_MONITOR_PLAN, or the most recently loaded plan.
 * Returns null when the warehouse holds no plan.
 */
export async function findPlan(w: Warehouse, planId: string | undefined = process.env.PLAN_MONITOR_PLAN): Promise<Plan | null> {
  const rows = planId
    ? await queryRows<{ plan_json: string }>(w, "SELECT plan_json FROM plans WHERE id = $1", [planId])
    : await queryRows<{ plan_json: string }>(w, "SELECT plan_json FROM plans ORDER BY loaded_at DESC LIMIT 1");
  return rows[0] ? (JSON.parse(rows[0].plan_json) as Plan) : null;
}
