// Storing plans (warehouse/plans.ts): a plan's rows go in through appenders; storing it again
// unchanged does nothing; a changed plan replaces its indicators, units and tasks; several plans
// go in together, each with its own rows.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../warehouse/connection.ts";
import { findPlan, storePlan, storePlans } from "../../warehouse/plans.ts";
import { tempWarehouse, wafangdian } from "../helpers.ts";

describe("storing plans", () => {
  let t: Awaited<ReturnType<typeof tempWarehouse>>;
  beforeEach(async () => {
    t = await tempWarehouse();
  });
  afterEach(async () => t.cleanup());
  const count = async (table: string, id: string) =>
    Number((await queryRows<{ n: number }>(t.w, `SELECT count(*)::INT AS n FROM ${table} WHERE plan_id = $1`, [id]))[0].n);

  it("stores every row, leaves an unchanged plan alone and replaces a changed one", async () => {
    const plan = await wafangdian();
    expect(await storePlan(t.w, plan, { sha256: "a", path: null })).toBe(true);
    expect(await count("indicators", plan.id)).toBe(plan.indicators.length);
    expect(await count("responsible_units", plan.id)).toBe(plan.units.length);
    expect(await count("task_units", plan.id)).toBe(plan.tasks.reduce((n, x) => n + x.responsible.length, 0));
    const [alias] = await queryRows<{ aliases: string[] }>(t.w, "SELECT aliases FROM indicators WHERE plan_id = $1 AND id = $2", [
      plan.id,
      plan.indicators[0].id,
    ]);
    expect(alias.aliases).toEqual(plan.indicators[0].aliases);
    expect(await storePlan(t.w, plan, { sha256: "a", path: null })).toBe(false);
    const fewer = { ...plan, units: plan.units.slice(1), indicators: plan.indicators.slice(0, 3), tasks: plan.tasks.slice(0, 1) };
    expect(await storePlan(t.w, fewer, { sha256: "b", path: null })).toBe(true);
    expect(await count("indicators", plan.id)).toBe(3);
    expect(await count("responsible_units", plan.id)).toBe(plan.units.length - 1);
    expect(await count("tasks", plan.id)).toBe(1);
    expect((await findPlan(t.w, plan.id))?.indicators).toHaveLength(3);
  });

  it("stores several plans in one call, each with its own rows", async () => {
    const plan = await wafangdian();
    const other = { ...plan, id: "other-plan", units: plan.units.slice(0, 2) };
    expect(
      await storePlans(t.w, [
        { plan, sha256: "a", path: null },
        { plan: other, sha256: "c", path: null },
      ]),
    ).toEqual([true, true]);
    expect(await count("responsible_units", plan.id)).toBe(plan.units.length);
    expect(await count("responsible_units", "other-plan")).toBe(2);
    expect(
      await storePlans(t.w, [
        { plan, sha256: "a", path: null },
        { plan: other, sha256: "d", path: null },
      ]),
    ).toEqual([false, true]);
  });
});
