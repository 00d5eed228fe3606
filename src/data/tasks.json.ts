// Tasks and milestones as of a date, computed once by the engine (assessment/milestones.ts) through
// pipelines/tasks.ts, as `plan-monitor tasks --format json` prints them; plus the engine's words.
import { MILESTONE_STATE_LABELS, TASK_STATUS_LABELS } from "../../assessment/milestones.ts";
import { EXECUTION_LABELS } from "../../domain/progress.ts";
import { emit } from "../../pipelines/site/source.ts";
import { tasksFromWarehouse } from "../../pipelines/tasks.ts";
import { readPlan } from "../../warehouse/read.ts";

await emit(async (w) => {
  const plan = await readPlan(w);
  const asOf = process.env.PLAN_MONITOR_AS_OF || undefined;
  const tasks = await tasksFromWarehouse(w, plan, { asOf });
  return {
    ...tasks,
    start_year: plan.start_year,
    target_year: plan.target_year,
    notes: plan.notes,
    unit_names: plan.units.map((u) => ({ id: u.id, zh: u.zh, en: u.en })),
    labels: { states: MILESTONE_STATE_LABELS, statuses: TASK_STATUS_LABELS, executions: EXECUTION_LABELS },
  };
});
