// The cascade of the plan: each child region's figures against its target and its part in the
// plan's gap, every number with its origin (pipelines/cascade.ts; the engine is assessment/cascade.ts).
import { cascadeReport } from "../../pipelines/cascade.ts";
import { emit } from "../../pipelines/site/source.ts";
import { readPlan } from "../../warehouse/read.ts";

await emit(async (w) => cascadeReport(w, await readPlan(w)));
