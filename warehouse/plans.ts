/**
 * Store a plan in the warehouse (replacing an earlier version of the same plan id) and read it back.
 */
import type { Plan } from "../domain/plan.ts";
import { type DuckDBAppender, LIST, VARCHAR } from "@duckdb/node-api";
import { inTransaction, queryRows, type Warehouse } from "./connection.ts";

/** Append rows to a table in the caller's transaction: one appender per table, not one statement per row. */
async function appendRows(w: Warehouse, table: string, rows: ((a: DuckDBAppender) => void)[]): Promise<void> {
  if (rows.length === 0) return;
  const a = await w.connection.createAppender(table);
  for (const row of rows) {
    row(a);
    a.endRow();
  }
  a.closeSync();
}

const text = (a: DuckDBAppender, v: string | null | undefined) => (v == null ? a.appendNull() : a.appendVarchar(v));

/**
 * Store or replace a plan and its indicators, units and tasks. Returns false when unchanged. The rows
 * go in through appenders (a plan of 3,000 units is one append per table, not 3,000 statements).
 */
export async function storePlan(w: Warehouse, plan: Plan, meta: { sha256: string; path: string | null }): Promise<boolean> {
  return (await storePlans(w, [{ plan, ...meta }]))[0];
}

/**
 * Store or replace several plans in one transaction (a plan tree of 3,000 plans commits once, not
 * 3,000 times). Returns, per plan, whether it changed.
 */
export async function storePlans(w: Warehouse, plans: { plan: Plan; sha256: string; path: string | null }[]): Promise<boolean[]> {
  const rows =
    plans.length === 1
      ? await queryRows<{ id: string; sha256: string }>(w, "SELECT id, sha256 FROM plans WHERE id = $1", [plans[0].plan.id])
      : await queryRows<{ id: string; sha256: string }>(w, "SELECT id, sha256 FROM plans");
  const held = new Map(rows.map((r) => [r.id, r.sha256] as const));
  const changed = plans.map((p) => held.get(p.plan.id) !== p.sha256);
  if (!changed.some(Boolean)) return changed;
  await inTransaction(w, async () => {
    for (const [i, p] of plans.entries()) if (changed[i]) await writePlan(w, p.plan, p, held.has(p.plan.id));
  });
  return changed;
}

/** Replace a plan's rows (inside the caller's transaction). */
async function writePlan(w: Warehouse, plan: Plan, meta: { sha256: string; path: string | null }, existing: boolean): Promise<void> {
  const c = w.connection;
  if (existing)
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
  await appendRows(
    w,
    "indicators",
    plan.indicators.map((ind) => (a) => {
      for (const v of [plan.id, ind.id, ind.zh, ind.en]) a.appendVarchar(v);
      a.appendList(ind.aliases, LIST(VARCHAR));
      for (const v of [ind.unit, ind.measure, ind.direction]) a.appendVarchar(v);
      a.appendDouble(ind.target);
      a.appendInteger(ind.target_year);
      a.appendVarchar(ind.comparator);
      a.appendBoolean(ind.headline);
      text(a, ind.wording);
      text(a, ind.note);
    }),
  );
  await appendRows(
    w,
    "responsible_units",
    plan.units.map((u) => (a) => {
      for (const v of [plan.id, u.id, u.zh, u.en]) a.appendVarchar(v);
    }),
  );
  await appendRows(
    w,
    "tasks",
    plan.tasks.map((t) => (a) => {
      a.appendVarchar(plan.id);
      a.appendInteger(t.id);
      a.appendInteger(t.group.id);
      for (const v of [t.group.zh, t.group.en, t.zh, t.en]) a.appendVarchar(v);
    }),
  );
  const pairs = (pick: (t: Plan["tasks"][number]) => string[]) =>
    plan.tasks.flatMap((t) =>
      pick(t).map((v) => (a: DuckDBAppender) => {
        a.appendVarchar(plan.id);
        a.appendInteger(t.id);
        a.appendVarchar(v);
      }),
    );
  await appendRows(
    w,
    "task_units",
    pairs((t) => t.responsible),
  );
  await appendRows(
    w,
    "task_indicators",
    pairs((t) => t.indicators),
  );
}

/** The stored plan whose file had exactly this sha256 (see loaders/plan-file.ts planTextSha256), or null. */
export async function findPlanBySha256(w: Warehouse, sha256: string): Promise<Plan | null> {
  const rows = await queryRows<{ plan_json: string }>(w, "SELECT plan_json FROM plans WHERE sha256 = $1 LIMIT 1", [sha256]);
  return rows[0] ? (JSON.parse(rows[0].plan_json) as Plan) : null;
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
