// Every vintage of every figure for the plan, with file, row, source and whether it is current.
import { emit } from "../../pipelines/site/source.ts";
import { readObservations, readPlan } from "../../warehouse/read.ts";

await emit(async (w) => readObservations(w, { planId: (await readPlan(w)).id, history: true }));
