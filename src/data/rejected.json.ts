// Rows refused at ingestion, with file, row, column and the reason in Chinese and English.
import { emit } from "../../pipelines/site/source.ts";
import { readPlan, readRejected } from "../../warehouse/read.ts";

await emit(async (w) => readRejected(w, { planId: (await readPlan(w)).id }));
