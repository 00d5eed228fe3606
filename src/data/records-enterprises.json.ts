// Every enterprise of the plan's region known from the records, with its certificates, contracts
// (as seller) and R&D reports (the enterprise page). Capped for very large regions.
import { emit } from "../../pipelines/site/source.ts";
import { enterpriseList } from "../../warehouse/records-analysis.ts";
import { readPlan } from "../../warehouse/read.ts";

const LIMIT = 5000;

await emit(async (w) => {
  const plan = await readPlan(w);
  const rows = await enterpriseList(w, plan, { limit: LIMIT + 1 });
  return { limit: LIMIT, truncated: rows.length > LIMIT, enterprises: rows.slice(0, LIMIT) };
});
