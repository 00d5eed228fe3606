// Record-level drill-down for the plan's region: the indicators derived from the records by town and
// by sector, the reconciliation with the reported figures, and the risk ahead (records pages).
// The lapsing certificates: at most LAPSING_SHOWN, the first to lapse, with the counts of all of them
// (a county holds a few dozen; a national plan tens of thousands, megabytes the page cannot load).
import { emit } from "../../pipelines/site/source.ts";
import {
  certificateRisk,
  contributions,
  DEFAULT_RECONCILE_TOLERANCE,
  drilldown,
  reconcile,
  turnoverPace,
} from "../../warehouse/records-analysis.ts";
import { derivations, recordTablesExist } from "../../warehouse/records-derive.ts";
import { readPlan } from "../../warehouse/read.ts";

const LAPSING_SHOWN = 500;

await emit(async (w) => {
  const plan = await readPlan(w);
  const has = await recordTablesExist(w);
  const list = derivations(plan);
  const years = { baseline: plan.baseline_year, start: plan.start_year };
  const shares = (rows: Awaited<ReturnType<typeof drilldown>>) =>
    list.flatMap((d) =>
      contributions(
        d.indicator,
        rows.filter((r) => r.indicator_id === d.indicator.id),
        years,
      ),
    );
  return {
    region: plan.region,
    target_year: plan.target_year,
    baseline_year: plan.baseline_year,
    indicators: list.map((d) => ({
      id: d.indicator.id,
      zh: d.indicator.zh,
      en: d.indicator.en,
      unit: d.indicator.unit,
      unit_en: d.indicator.unit_en,
      measure: d.indicator.measure,
      target: d.indicator.target,
      target_year: d.indicator.target_year,
      basis: d.basis,
    })),
    by_town: has ? shares(await drilldown(w, plan, "town")) : [],
    by_sector: has ? shares(await drilldown(w, plan, "sector")) : [],
    tolerance: DEFAULT_RECONCILE_TOLERANCE,
    reconciliation: has ? await reconcile(w, plan) : [],
    certificates: has ? capped(await certificateRisk(w, plan)) : null,
    turnover: has ? await turnoverPace(w, plan) : null,
  };
});

/** The risk with its certificate list cut to the LAPSING_SHOWN first to lapse, and the counts of all. */
function capped(risk: Awaited<ReturnType<typeof certificateRisk>>) {
  if (!risk) return null;
  const lapsed = risk.certificates.filter((c) => c.state === "lapsed").length;
  return {
    ...risk,
    total: risk.certificates.length,
    total_lapsed: lapsed,
    shown: Math.min(LAPSING_SHOWN, risk.certificates.length),
    certificates: risk.certificates.slice(0, LAPSING_SHOWN),
  };
}
