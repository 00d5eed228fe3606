/**
 * Assess every county's series with the plan's indicators (assessment/engine.ts assessPlan, one
 * call per county). The series are the figures derived from the records per county and year
 * (derived_observations), completed with synthetic series for the indicators the records cannot
 * give; without a warehouse (or derived figures), every series is synthetic.
 */
import type { ObservationPoint } from "../../domain/observation.ts";
import type { Plan } from "../../domain/plan.ts";
import { assessPlan } from "../../assessment/engine.ts";
import { loadPlanFile } from "../../loaders/plan-file.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { readPlan } from "../../warehouse/read.ts";
import { cpuSeconds } from "../machine.ts";
import { countyCodes, syntheticSeries } from "../series.ts";

interface Args {
  /** Warehouse holding the derived figures; without it, `counties` synthetic counties. */
  db?: string;
  plan?: string;
  counties?: number;
  years?: number[];
  seed?: number;
}

async function derivedByRegion(
  db: string,
): Promise<{ plan: Plan; byRegion: Map<string, ObservationPoint[]>; rows: number; seconds: number }> {
  const started = performance.now();
  const w = await openWarehouse(db, { readOnly: true });
  try {
    const plan = await readPlan(w);
    const { readDerived } = await import("../../warehouse/records-derive.ts");
    const rows = await readDerived(w, plan, { region: null });
    const byRegion = new Map<string, ObservationPoint[]>();
    for (const r of rows) {
      let list = byRegion.get(r.region_code);
      if (!list) byRegion.set(r.region_code, (list = []));
      list.push({ indicator_id: r.indicator_id, year: r.year, value: r.value, status: "final", published: r.known_on, origin: "derived" });
    }
    return { plan, byRegion, rows: rows.length, seconds: (performance.now() - started) / 1000 };
  } finally {
    await w.close();
  }
}

export default async function assess(args: Args): Promise<Record<string, unknown>> {
  const seed = args.seed ?? 1;
  let plan: Plan;
  let byRegion = new Map<string, ObservationPoint[]>();
  let derivedRows = 0;
  let readS = 0;
  if (args.db) {
    const d = await derivedByRegion(args.db);
    plan = d.plan;
    byRegion = d.byRegion;
    derivedRows = d.rows;
    readS = d.seconds;
  } else {
    plan = (await loadPlanFile(args.plan ?? "data/plans/wafangdian-2018-2020.yaml")).plan;
  }
  const derivedRegions = byRegion.size;
  if (byRegion.size === 0) for (const code of countyCodes(args.counties ?? 100)) byRegion.set(code, []);

  // Complete each county's series: every indicator the records do not give gets a synthetic one.
  const started = performance.now();
  const years = args.years ?? [2015, 2016, 2017, 2018, 2019, 2020];
  let synthetic = 0;
  for (const [region, points] of byRegion) {
    const have = new Set(points.map((p) => p.indicator_id));
    for (const ind of plan.indicators) {
      if (have.has(ind.id)) continue;
      points.push(...syntheticSeries(plan, ind, region, years, seed));
      synthetic += 1;
    }
  }
  const fillS = (performance.now() - started) / 1000;

  const assessed = performance.now();
  const cpu = process.cpuUsage();
  const statuses: Record<string, number> = {};
  let series = 0;
  for (const [, points] of byRegion) {
    const a = assessPlan(plan, points);
    for (const ind of a.indicators) statuses[ind.status] = (statuses[ind.status] ?? 0) + 1;
    series += a.indicators.length;
  }
  const assessS = (performance.now() - assessed) / 1000;
  const cpuS = cpuSeconds(cpu);
  return {
    counties: byRegion.size,
    indicators: plan.indicators.length,
    series,
    derived_rows: derivedRows,
    derived_regions: derivedRegions,
    derived_series: series - synthetic,
    synthetic_series: synthetic,
    read_s: readS,
    fill_s: fillS,
    seconds: assessS,
    cpu_s: cpuS,
    series_per_s: series / assessS,
    statuses,
  };
}
