// Every enterprise of the plan's region known from the records, with its certificates, contracts
// (as seller) and R&D reports (the enterprise page). Capped for very large regions.
import { regionNamer } from "../../pipelines/site/names.ts";
import { emit } from "../../pipelines/site/source.ts";
import { enterpriseList } from "../../warehouse/records-analysis.ts";
import { readPlan } from "../../warehouse/read.ts";

const LIMIT = 5000;

await emit(async (w) => {
  const plan = await readPlan(w);
  const rows = await enterpriseList(w, plan, { limit: LIMIT + 1 });
  const en = regionNamer(plan);
  // town_en: the town's English name from the region names table (null: none; the page shows town)
  const enterprises = rows.slice(0, LIMIT).map((e) => ({ ...e, town_en: en(e.town) }));
  return { limit: LIMIT, truncated: rows.length > LIMIT, enterprises };
});
