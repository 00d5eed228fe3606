/**
 * The tasks view from the warehouse: the indicator assessment (for each task's indicator part) and
 * the stored progress reports, through the pure engine (assessment/milestones.ts). Shared by
 * `plan-monitor tasks`, the site's data loader and the report.
 *
 * @example
 *   const t = await tasksFromWarehouse(w, plan, { today: "2026-11-30" });
 *   t.as_of; // "2020-12-31" (the plan ended; nothing is owed after its target year)
 */
import { assessPlan } from "../assessment/engine.ts";
import { assessMilestones, milestoneAsOf, type TasksAssessment } from "../assessment/milestones.ts";
import type { Plan } from "../domain/plan.ts";
import type { Warehouse } from "../warehouse/connection.ts";
import { readReports } from "../warehouse/progress.ts";
import { readObservationPoints } from "../warehouse/read.ts";

export interface TasksOptions {
  asOf?: string;
  year?: number;
  /** Today (YYYY-MM-DD); default the system date. */
  today?: string;
  /** Only the indicator figures published by this date (as `assess --as-of`). */
  indicatorAsOf?: string;
}

export async function tasksFromWarehouse(w: Warehouse, plan: Plan, opts: TasksOptions = {}): Promise<TasksAssessment> {
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  const asOf = milestoneAsOf(plan, { asOf: opts.asOf, year: opts.year, today });
  const indicators = assessPlan(plan, await readObservationPoints(w, plan), { year: opts.year, asOf: opts.indicatorAsOf ?? opts.asOf });
  const indicatorStatus = new Map(indicators.tasks.map((t) => [t.id, t.worst]));
  return assessMilestones(plan, await readReports(w, plan.id), { asOf, indicatorStatus });
}
