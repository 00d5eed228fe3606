/**
 * The assessment engine: a plan, its observations (all vintages) and options in; a PlanAssessment
 * out. Pure (no I/O, no Node or DOM APIs): the CLI, the site's data loaders and the browser all
 * call it. The formulas are in methods.ts (specified in docs/methods.md), words in labels.ts,
 * one indicator's series in series.ts, roll-ups in rollup.ts. The what-if panel (what-if.ts) builds on
 * series.ts; index.ts is the entry for the browser bundle.
 *
 * @example
 *   const a = assessPlan(plan, observations, { asOf: "2020-06-30" });
 *   a.summary.sentence.en; // "Of 5 headline indicators, 2 achieved, 1 on track and 2 off track."
 */
import type { Indicator, Plan } from "../domain/plan.ts";
import type { ObservationPoint } from "../domain/observation.ts";
import { reason } from "./labels.ts";
import { DEFAULT_TOLERANCE } from "./methods.ts";
import { defaultMode, finalVerdicts } from "./final.ts";
import { rollUp, summarise } from "./rollup.ts";
import { assessSeries, knownAsOf, noNegZero, selectVintages, toYearPoint } from "./series.ts";
import type { AssessOptions, IndicatorAssessment, PlanAssessment } from "./types.ts";

export { CN_LABELS, ESCAP_LABELS, EUROSTAT_LABELS, STATUS_LABELS } from "./labels.ts";
export { DEFAULT_TOLERANCE } from "./methods.ts";
export { assessSeries, buildSeries, knownAsOf, type SeriesAssessOptions, selectVintages, type YearPoint } from "./series.ts";

export interface IndicatorOptions {
  year: number;
  asOf?: string;
  tolerance: number;
}

/**
 * Assess one indicator from all vintages of its observations (other indicators' rows are ignored).
 *
 * @example
 *   assessIndicator(plan, plan.indicators[0], observations, { year: 2019, tolerance: 0.05 }).status;
 */
export function assessIndicator(
  plan: Plan,
  indicator: Indicator,
  observations: ObservationPoint[],
  opts: IndicatorOptions,
): IndicatorAssessment {
  const { points, dropped } = selectVintages(observations, indicator.id, opts.asOf);
  const a = assessSeries(plan, indicator, points.map(toYearPoint), { year: opts.year, tolerance: validTolerance(opts.tolerance) });
  if (dropped > 0) a.reasons.push(reason("series", "non_finite_dropped", { count: dropped }));
  return a;
}

function validTolerance(x: number | undefined): number {
  return x !== undefined && Number.isFinite(x) && x >= 0 ? noNegZero(x) : DEFAULT_TOLERANCE;
}

/**
 * Assess the whole plan. `observations` holds every vintage for the plan's region; the engine picks
 * the current vintage per indicator and year (as of `options.asOf`). The default assessment year is
 * the latest year with data for any of the plan's indicators.
 *
 * @example
 *   const a = assessPlan(plan, observations);
 *   a.indicators.find((i) => i.id === "rd_expenditure")?.status; // "needs_acceleration"
 */
export function assessPlan(plan: Plan, observations: ObservationPoint[], options: AssessOptions = {}): PlanAssessment {
  const tolerance = validTolerance(options.tolerance);
  const asOf = options.asOf ?? null;
  const ids = new Set(plan.indicators.map((i) => i.id));
  const known = observations.filter((o) => ids.has(o.indicator_id) && knownAsOf(o.published, asOf) && Number.isFinite(o.value));
  const latestYear = known.reduce<number | null>((m, o) => (Number.isFinite(o.year) && (m === null || o.year > m) ? o.year : m), null);
  const year = options.year !== undefined && Number.isFinite(options.year) ? options.year : (latestYear ?? plan.baseline_year);

  const indicators = plan.indicators.map((ind) => assessIndicator(plan, ind, observations, { year, asOf: asOf ?? undefined, tolerance }));
  const { tasks, groups, units } = rollUp(plan, indicators);
  const span = plan.target_year - plan.baseline_year;
  const time = span > 0 ? (year - plan.baseline_year) / span : year >= plan.target_year ? 1 : 0;

  const mode = options.mode ?? defaultMode(plan.target_year, asOf ?? options.today, `${year + 1}-01-01`);
  const assessment: Omit<PlanAssessment, "final"> = {
    plan: {
      id: plan.id,
      title: { ...plan.title },
      document: plan.document,
      region: { ...plan.region },
      baseline_year: plan.baseline_year,
      start_year: plan.start_year,
      target_year: plan.target_year,
      synthetic: plan.synthetic,
    },
    year,
    as_of: asOf,
    tolerance,
    time_elapsed: time,
    indicators,
    tasks,
    groups,
    units,
    mode,
    summary: summarise(indicators),
  };
  return { ...assessment, final: finalVerdicts(plan, assessment) };
}
