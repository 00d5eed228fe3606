// The cascade of the plan: each child region's figures against its target and its part in the
// plan's gap, every number with its origin (pipelines/cascade.ts; the engine is assessment/cascade.ts).
// Three versions: the plan's own allocations only, and with the targets the plan does not allocate
// split by baseline share or equally (the page's 分解方式 selector).
import { cascadeReport } from "../../pipelines/services.ts";
import { emit } from "../../pipelines/site/source.ts";
import { readPlan } from "../../warehouse/read.ts";

await emit(async (w) => {
  const plan = await readPlan(w);
  return {
    plan: await cascadeReport(w, plan),
    "baseline-share": await cascadeReport(w, plan, { allocate: { by: "baseline-share" } }),
    equal: await cascadeReport(w, plan, { allocate: { by: "equal" } }),
  };
});
