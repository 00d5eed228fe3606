// One county's enterprises for a plan over many counties (the enterprise page fetches it when the
// reader picks the county): their certificates, R&D and tech-SME years, contracts counted, not listed.
// buildSite writes every county's file into Framework's cache in one pass first (pipelines/site/enterprise-parts.ts);
// this loader makes one county's alone (a build without that pass, or `npm run dev`).
import { parseArgs } from "node:util";
import { enterprisePart } from "../../../pipelines/site/enterprise-parts.ts";
import { emit } from "../../../pipelines/site/source.ts";
import { readPlan } from "../../../warehouse/read.ts";

const { values } = parseArgs({ options: { county: { type: "string" } }, strict: false });
await emit(async (w) => enterprisePart(w, await readPlan(w), String(values.county ?? "")));
