// Every vintage of every figure as the engine reads it (with its publication date), so the browser
// can re-run the engine for a past as-of date (the as-of selector, src/components/asof.ts).
import { emit } from "../../pipelines/site/source.ts";
import { readObservationPoints, readPlan } from "../../warehouse/read.ts";

await emit(async (w) => readObservationPoints(w, await readPlan(w)));
