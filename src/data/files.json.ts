// The files ingested for the plan: checksum, when, rows accepted and rejected.
import { emit } from "../../pipelines/site/source.ts";
import { readFiles, readPlan } from "../../warehouse/read.ts";

await emit(async (w) => readFiles(w, (await readPlan(w)).id));
