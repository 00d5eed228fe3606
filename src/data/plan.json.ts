// The plan as the warehouse holds it (indicators, tasks, responsible units).
import { emit } from "../../pipelines/site/source.ts";
import { readPlan } from "../../warehouse/read.ts";

await emit((w) => readPlan(w));
