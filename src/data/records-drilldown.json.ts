// Record-level drill-down for the plan's region: the indicators derived from the records by town and
// by sector, the reconciliation with the reported figures, and the risk ahead (records pages).
// The lapsing certificates: at most LAPSING_SHOWN, the first to lapse, with the counts of all of them
// (a county holds a few dozen; a national plan tens of thousands, megabytes the page cannot load).
import { regionNamer, sectorNamer } from "../../pipelines/site/names.ts";
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
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";

/** The date the record files behind a derivation cover through (数据截至): the latest of its kind (and list). */
async function coveredThrough(w: Warehouse, source: { kind: string; list?: string }): Promise<string | null> {
  const rows = await queryRows<{ d: string | null }>(
    w,
    `SELECT CAST(max(covered_through) AS VARCHAR) AS d FROM record_files WHERE kind = $1${source.list ? " AND list_contains(lists, $2)" : ""}`,
    source.list ? [source.kind, source.list] : [source.kind],
  );
  return rows[0]?.d ?? null;
}

const LAPSING_SHOWN = 500;

await emit(async (w) => {
  const plan = await readPlan(w);
  const has = await recordTablesExist(w);
  const list = derivations(plan);
  const en = regionNamer(plan);
  const sectorEn = sectorNamer();
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
    indicators: await Promise.all(
      list.map(async (d) => ({
        id: d.indicator.id,
        zh: d.indicator.zh,
        en: d.indicator.en,
        unit: d.indicator.unit,
        unit_en: d.indicator.unit_en,
        measure: d.indicator.measure,
        target: d.indicator.target,
        target_year: d.indicator.target_year,
        basis: d.basis,
        covered_through: has
          ? await coveredThrough(w, { kind: d.source.kind, list: d.source.kind === "lists" ? d.source.list.id : undefined })
          : null,
      })),
    ),
    // group_en: the town's or sector's English name from the region or sector names table (null: none; the page shows group)
    by_town: has ? shares(await drilldown(w, plan, "town")).map((r) => ({ ...r, group_en: en(r.group) })) : [],
    by_sector: has ? shares(await drilldown(w, plan, "sector")).map((r) => ({ ...r, group_en: sectorEn(r.group) })) : [],
    tolerance: DEFAULT_RECONCILE_TOLERANCE,
    reconciliation: has ? await reconcile(w, plan) : [],
    certificates: has ? withEnglishNames(capped(await certificateRisk(w, plan)), en, sectorEn) : null,
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

/** The certificates with their town's and sector's English names (town_en, sector_en; null: none). */
function withEnglishNames<T extends { certificates: { town: string | null; sector: string | null }[] }>(
  risk: T | null,
  town: (s: string | null) => string | null,
  sector: (s: string | null) => string | null,
): T | null {
  if (!risk) return null;
  return { ...risk, certificates: risk.certificates.map((c) => ({ ...c, town_en: town(c.town), sector_en: sector(c.sector) })) };
}
