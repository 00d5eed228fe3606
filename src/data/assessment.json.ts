// The assessment, computed once by the same engine as `plan-monitor assess` (assessment/engine.ts).
import { assessPlan } from "../../assessment/engine.ts";
import { emit } from "../../pipelines/site/source.ts";
import { readObservationPoints, readPlan } from "../../warehouse/read.ts";

await emit(async (w) => {
  const plan = await readPlan(w);
  return assessPlan(plan, await readObservationPoints(w, plan), { asOf: process.env.PLAN_MONITOR_AS_OF || undefined });
});
