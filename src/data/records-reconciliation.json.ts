// The records against the reported figures, for the data-quality page: the reconciliation alone
// (warehouse/records-analysis.ts `reconcile`), not the whole drill-down the records page loads.
import { emit } from "../../pipelines/site/source.ts";
import { DEFAULT_RECONCILE_TOLERANCE, reconcile } from "../../warehouse/records-analysis.ts";
import { readDerived, recordTablesExist } from "../../warehouse/records-derive.ts";
import { readPlan } from "../../warehouse/read.ts";

await emit(async (w) => {
  const plan = await readPlan(w);
  const has = await recordTablesExist(w);
  return {
    has_records: has && (await readDerived(w, plan)).length > 0,
    tolerance: DEFAULT_RECONCILE_TOLERANCE,
    reconciliation: has ? await reconcile(w, plan) : [],
  };
});
