// Every enterprise of the plan's region known from the records, with its certificates, contracts
// (as seller) and R&D reports (the enterprise page). A county plan: the whole list (capped at 5,000).
// A plan over many counties: the region's 100 largest, contracts counted, and the counties whose
// own lists the page fetches on demand (data/enterprises/[county].json.ts; pipelines/site/enterprise-parts.ts).
// town_en, sector_en: the English names from the region and sector names tables; each contract's
// contract_type_en (domain/records.ts) and field_en (the field names table). Null: none; the page
// shows town, sector, contract_type, field.
import { enterpriseCounties, enterpriseNamer } from "../../pipelines/site/enterprise-parts.ts";
import { emit } from "../../pipelines/site/source.ts";
import { enterpriseList } from "../../warehouse/records-analysis.ts";
import { readPlan } from "../../warehouse/read.ts";

const LIMIT = 5000;
const TOP = 100;

await emit(async (w) => {
  const plan = await readPlan(w);
  const named = enterpriseNamer(plan);
  const counties = await enterpriseCounties(w, plan);
  if (counties.length === 0) {
    const rows = await enterpriseList(w, plan, { limit: LIMIT + 1 });
    return { limit: LIMIT, truncated: rows.length > LIMIT, total: null, counties: null, enterprises: named(rows.slice(0, LIMIT)) };
  }
  const total = counties.reduce((n, c) => n + c.enterprises, 0);
  const rows = await enterpriseList(w, plan, { limit: TOP, contracts: false });
  return { limit: TOP, truncated: total > TOP, total, counties, enterprises: named(rows) };
});
