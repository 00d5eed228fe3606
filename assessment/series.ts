/**
 * The assessment of one indicator's series: choosing the current vintages, building the yearly
 * series (with running totals for cumulative targets) and computing every metric, status and
 * reason for it. Pure. The whole-plan engine (engine.ts) and the what-if panel (what-if.ts) both
 * build on it, so neither imports the other.
 *
 * @example
 *   assessSeries(plan, indicator, points, { year: 2019, tolerance: 0.05 }).status;
 */
import type { Indicator, Plan } from "../domain/plan.ts";
import type { ObservationPoint, VintageStatus } from "../domain/observation.ts";
import { supersedes } from "../domain/observation.ts";
import type { IndicatorAssessment, Reason, SeriesPoint, Status } from "./types.ts";
import { type ReasonUnit, reason } from "./labels.ts";
import { chartPaths } from "./paths.ts";
import {
  anticipatedProgress,
  cnCategory,
  compoundProjection,
  completion,
  escapCategory,
  eurostatCategory,
  eurostatRatio,
  gap,
  leastSquares,
  type Metric,
  meets,
  sameValue,
  none,
  ok,
  progress,
  requiredGrowthRemaining,
  requiredNext,
  sign,
  timeElapsed,
} from "./methods.ts";

/** A yearly figure as the core assessment needs it (a SeriesPoint without the derived total). */
export type YearPoint = Omit<SeriesPoint, "cumulative"> & { cumulative?: number | null };

/** Whether a vintage was known on the as-of date (a vintage without a date counts as known). */
export function knownAsOf(published: string | null, asOf: string | null | undefined): boolean {
  if (!asOf || !published) return true;
  return published.slice(0, 10) <= asOf.slice(0, 10);
}

/**
 * The current vintage per year for one indicator: drop vintages published after `asOf`, then keep
 * the one that supersedes the others (domain/observation.ts). On a full tie the later row wins.
 * Rows are folded in order: when dated and undated vintages of one year are mixed, `supersedes`
 * can be cyclic (dates decide between dated rows, stages between a dated and an undated one), and
 * the winner then depends on the row order.
 * Non-finite values are dropped and counted.
 */
export function selectVintages(
  observations: ObservationPoint[],
  indicatorId: string,
  asOf?: string | null,
): { points: ObservationPoint[]; dropped: number } {
  const byYear = new Map<number, ObservationPoint>();
  let dropped = 0;
  for (const o of observations) {
    if (o.indicator_id !== indicatorId || !knownAsOf(o.published, asOf)) continue;
    if (!Number.isFinite(o.value) || !Number.isFinite(o.year)) {
      dropped += 1;
      continue;
    }
    const cur = byYear.get(o.year);
    const key = (p: ObservationPoint) => ({ published: p.published, status: p.status, seq: p.seq ?? 0 });
    if (!cur || !supersedes(key(cur), key(o))) byYear.set(o.year, o);
  }
  return { points: [...byYear.values()].sort((a, b) => a.year - b.year), dropped };
}

export function toYearPoint(o: ObservationPoint): YearPoint {
  return {
    year: o.year,
    value: o.value,
    status: o.status,
    published: o.published,
    source: o.source ?? null,
    origin: o.origin ?? "reported",
  };
}

/** The series as published in the assessment: oldest first, with the running total for cumulative measures. */
export function buildSeries(plan: Plan, indicator: Indicator, points: YearPoint[]): SeriesPoint[] {
  const sorted = [...points].sort((a, b) => a.year - b.year);
  let total = 0;
  return sorted.map((p) => {
    const value = noNegZero(p.value);
    let cumulative: number | null = value;
    if (indicator.measure === "cumulative") {
      if (p.year < plan.start_year) cumulative = null;
      else {
        total += value;
        cumulative = Number.isFinite(total) ? noNegZero(total) : null;
      }
    }
    return {
      year: p.year,
      value,
      cumulative,
      status: p.status,
      published: p.published,
      source: p.source ?? null,
      origin: p.origin ?? "reported",
    };
  });
}

/** -0 reads as "-0" in some renderers and differs from 0 in deep equality: output plain 0. */
export const noNegZero = (x: number): number => (x === 0 ? 0 : x);

/** Task ids that name the indicator. */
function tasksFor(plan: Plan, id: string): number[] {
  return plan.tasks.filter((t) => t.indicators.includes(id)).map((t) => t.id);
}

/** Collects reasons, one per field and code; numbers in them are written in the indicator's unit. */
class Reasons {
  readonly list: Reason[] = [];
  constructor(private readonly unit?: ReasonUnit) {}
  add(field: string, code: string, params: Record<string, number | string> = {}): void {
    if (this.list.some((r) => r.field === field && r.code === code)) return;
    this.list.push(reason(field, code, params, this.unit));
  }
  has(field: string): boolean {
    return this.list.some((r) => r.field === field);
  }
  /** The metric's value; a null gets its reason. */
  take(field: string, m: Metric): number | null {
    if (m.value === null || !Number.isFinite(m.value)) {
      this.add(field, m.why ?? "not_finite");
      return null;
    }
    return noNegZero(m.value);
  }
}

const ratioStatus = (r: number): Status => eurostatCategory(r) ?? "insufficient_data";

export interface SeriesAssessOptions {
  /** Assessment year: figures after it are ignored. */
  year: number;
  tolerance: number;
}

/**
 * Assess one indicator from its chosen yearly figures (one per year). This is the core the other
 * entry points share: assessIndicator feeds it the current vintages, whatIf a hypothetical series.
 */
export function assessSeries(plan: Plan, indicator: Indicator, points: YearPoint[], opts: SeriesAssessOptions): IndicatorAssessment {
  const Y = opts.year;
  const tol = opts.tolerance;
  const T = indicator.target_year;
  const TV = indicator.target;
  const cmp = indicator.comparator;
  const dir = indicator.direction;
  const R = new Reasons({ unit: indicator.unit, unit_en: indicator.unit_en });
  const usable = points.filter((p) => Number.isFinite(p.value) && Number.isFinite(p.year) && p.year <= Y);
  const series = buildSeries(plan, indicator, usable);

  const base: IndicatorAssessment = {
    id: indicator.id,
    zh: indicator.zh,
    en: indicator.en,
    unit: indicator.unit,
    unit_en: indicator.unit_en,
    measure: indicator.measure,
    direction: dir,
    headline: indicator.headline,
    baseline: null,
    latest: null,
    target: { year: T, value: noNegZero(TV), comparator: cmp },
    completion: null,
    progress: null,
    time_elapsed: null,
    gap: null,
    required_next: null,
    cagr_actual: null,
    cagr_required: null,
    growth_ratio: null,
    growth_shown: { actual: null, required: null },
    required_growth_remaining: null,
    pace: null,
    projected: { compound: null, linear: null },
    paths: { required: [], compound: [], linear: [] },
    anticipated_progress: null,
    status: "insufficient_data",
    methods: {
      eurostat: { ratio: null, category: null },
      escap: { anticipated_progress: null, category: null },
      cn: { progress: null, time_elapsed: null, category: null },
    },
    reasons: R.list,
    series,
    tasks: tasksFor(plan, indicator.id),
  };

  const a =
    indicator.measure === "cumulative"
      ? assessCumulative(plan, indicator, series, tol, R, base)
      : assessLevel(plan, indicator, series, tol, R, base);
  finishReasons(a, R);
  a.paths = chartPaths(a);
  return a;
}

function assessLevel(
  plan: Plan,
  ind: Indicator,
  series: SeriesPoint[],
  tol: number,
  R: Reasons,
  a: IndicatorAssessment,
): IndicatorAssessment {
  const T = ind.target_year;
  const TV = ind.target;
  const cmp = ind.comparator;
  R.add("pace", "pace_not_applicable");
  if (series.length === 0) {
    R.add("latest", "no_data");
    R.add("baseline", "no_data");
    R.add("status", "status_no_data");
    return a;
  }
  // Latest: the target year's figure decides once it exists.
  const last = series[series.length - 1];
  let latestPt = last;
  if (last.year > T) {
    const atT = series.find((p) => p.year === T);
    if (atT) {
      latestPt = atT;
      R.add("latest", "target_year_value_used", { target_year: T });
    } else R.add("latest", "after_target_latest_used", { target_year: T, year: last.year });
  }
  const t = latestPt.year;
  const yt = latestPt.value;
  a.latest = { year: t, value: yt, status: latestPt.status };

  // Baseline: the plan's baseline year, else the nearest later year with data.
  const b0 = series.find((p) => p.year === plan.baseline_year);
  const bLater = series.find((p) => p.year > plan.baseline_year && p.year <= t);
  const bPt = b0 ?? bLater;
  if (bPt) {
    a.baseline = { year: bPt.year, value: bPt.value, flagged: !b0 };
    if (!b0) R.add("baseline", "baseline_missing", { year: plan.baseline_year, used: bPt.year });
    if (meets(bPt.value, TV, cmp)) {
      a.baseline.flagged = true;
      R.add("baseline", "baseline_beyond_target", { baseline: bPt.value, target: TV });
    }
  } else R.add("baseline", "baseline_none", { year: plan.baseline_year });

  const met = meets(yt, TV, cmp);
  const final = t >= T;
  a.completion = R.take("completion", completion(yt, TV, ind.direction));
  a.time_elapsed = R.take("time_elapsed", timeElapsed(plan.baseline_year, t, T));
  a.gap = R.take("gap", gap(yt, TV, cmp));
  if (met && !final) a.required_next = R.take("required_next", none("already_met"));
  else {
    const rn = requiredNext(yt, TV, t, T);
    a.required_next = R.take("required_next", rn);
    if (rn.linear && a.required_next !== null) R.add("required_next", "compound_impossible_linear_used");
  }
  a.required_growth_remaining = R.take("required_growth_remaining", requiredGrowthRemaining(yt, TV, t, T));

  let ratio: number | null = null;
  // A later year standing in for the baseline that is the latest year itself is no start point.
  const startless = a.baseline !== null && !b0 && a.baseline.year === t;
  if (a.baseline && !startless) {
    const y0 = a.baseline.value;
    const t0 = a.baseline.year;
    a.progress = R.take("progress", progress(y0, yt, TV));
    if (t0 === t) {
      for (const f of ["cagr_actual", "cagr_required", "growth_ratio"]) R.add(f, "single_point");
    } else {
      const er = eurostatRatio({ y0, yt, tv: TV, t0, t, T, direction: ind.direction });
      a.cagr_actual = R.take("cagr_actual", er.cagr_actual);
      a.cagr_required = R.take("cagr_required", er.cagr_required);
      ratio = a.growth_ratio = R.take("growth_ratio", er.ratio);
      if (er.zeroReplaced) R.add("growth_ratio", "zero_replaced");
      a.growth_shown = shownGrowth(a, y0, yt, TV, R);
    }
    a.projected.compound = R.take("projected.compound", compoundProjection(yt, a.cagr_actual, Math.max(0, T - t)));
    const fit = series.filter((p) => p.year >= t0 && p.year <= t).map((p) => ({ year: p.year, value: p.value }));
    a.projected.linear = R.take("projected.linear", leastSquares(fit, T));
    const proj = a.projected.compound ?? a.projected.linear;
    if (a.projected.compound === null && a.projected.linear !== null) R.add("anticipated_progress", "linear_projection_used");
    a.anticipated_progress = R.take("anticipated_progress", proj === null ? none("no_projection") : anticipatedProgress(proj, y0, TV));
  } else {
    const why = startless ? "baseline_is_latest" : "no_baseline";
    for (const f of ["progress", "cagr_actual", "cagr_required", "growth_ratio", "anticipated_progress"]) R.add(f, why);
    a.projected.compound = R.take("projected.compound", compoundProjection(yt, null, Math.max(0, T - t)));
    R.add("projected.linear", why);
  }

  // Status.
  if (final) {
    a.status = met ? "achieved" : "missed";
    R.add("status", met ? "final_achieved" : "final_missed", { year: t, value: yt, target: TV, completion: a.completion ?? "—" });
  } else if (met) {
    a.status = "achieved";
    R.add("status", "target_met", { year: t, value: yt, target: TV });
  } else if (!a.baseline || a.baseline.year === t) {
    a.status = "insufficient_data";
    R.add("status", a.baseline ? "status_single_point" : "status_no_data");
  } else if (sameValue(a.baseline.value, TV)) {
    const away = sign(ind.direction) * (yt - a.baseline.value) < 0;
    a.status = away ? "regressing" : "off_track";
    R.add("status", away ? "flat_target_not_met_away" : "flat_target_not_met", { baseline: a.baseline.value, value: yt });
  } else if (ratio === null) {
    a.status = "insufficient_data";
    R.add("status", "status_no_ratio");
  } else {
    a.status = ratioStatus(ratio);
    R.add("status", `ratio_${a.status}`, { ratio });
  }
  if (a.latest.status === "preliminary") R.add("status", "preliminary", { year: t });

  a.methods = {
    eurostat: { ratio, category: met ? "achieved" : eurostatCategory(ratio) },
    escap: { anticipated_progress: a.anticipated_progress, category: met ? "achieved" : escapCategory(a.anticipated_progress) },
    cn: {
      progress: a.progress,
      time_elapsed: a.time_elapsed,
      category: met ? "ahead_achieved" : cnCategory(a.progress, a.time_elapsed, tol),
    },
  };
  return a;
}

function assessCumulative(
  plan: Plan,
  ind: Indicator,
  series: SeriesPoint[],
  tol: number,
  R: Reasons,
  a: IndicatorAssessment,
): IndicatorAssessment {
  const T = ind.target_year;
  const TV = ind.target;
  const cmp = ind.comparator;
  const start = plan.start_year;
  const n = T - start + 1;
  // A cap ("no more than X over the plan years") is only met or missed at the end.
  const isCap = cmp === "<=" || cmp === "<";
  a.baseline = { year: start - 1, value: 0, flagged: false };
  for (const f of ["cagr_actual", "cagr_required", "required_growth_remaining", "projected.compound"]) R.add(f, "growth_not_applicable");

  if (series.some((p) => p.year < start)) R.add("series", "pre_start_ignored", { start });
  const last = series[series.length - 1];
  if (last && last.year > T) R.add("latest", "post_target_ignored", { target_year: T });
  const tc = last ? Math.min(last.year, T) : start - 1;
  const inPlan = series.filter((p) => p.year >= start && p.year <= tc);
  if (inPlan.length === 0) {
    R.add("latest", last ? "no_plan_year_data" : "no_data", { start });
    R.add("status", "status_no_data");
    a.pace = { actual: null, required: null, remaining_required: null };
    for (const f of ["pace.actual", "pace.required", "pace.remaining_required"]) R.add(f, "no_latest");
    return a;
  }
  const total = noNegZero(inPlan.reduce((s, p) => s + p.value, 0));
  if (!Number.isFinite(total)) {
    R.add("latest", "not_finite");
    R.add("status", "status_no_data");
    a.pace = { actual: null, required: null, remaining_required: null };
    for (const f of ["pace.actual", "pace.required", "pace.remaining_required"]) R.add(f, "not_finite");
    return a;
  }
  const missing: number[] = [];
  for (let y = start; y <= tc; y++) if (!inPlan.some((p) => p.year === y)) missing.push(y);
  if (missing.length > 0) R.add("latest", "missing_years_lower_bound", { years: missing.join("、"), years_en: missing.join(", ") });
  const anyPrelim = inPlan.some((p) => p.status === "preliminary");
  const status: VintageStatus = anyPrelim ? "preliminary" : inPlan[inPlan.length - 1].status;
  a.latest = { year: tc, value: total, status };

  const met = meets(total, TV, cmp);
  const final = tc >= T;
  const achievedNow = final ? met : met && !isCap;
  const k = tc - start + 1;

  a.completion = R.take("completion", completion(total, TV, ind.direction));
  a.progress = R.take("progress", progress(0, total, TV));
  a.time_elapsed = R.take("time_elapsed", n > 0 ? ok(k / n) : none("no_plan_years"));
  a.gap = R.take("gap", gap(total, TV, cmp));
  if (final) a.required_next = R.take("required_next", none("at_or_after_target_year"));
  else if (achievedNow) a.required_next = R.take("required_next", none("already_met"));
  else a.required_next = R.take("required_next", ok(total + (TV - total) / (T - tc)));

  const required = R.take("pace.required", n > 0 ? ok(TV / n) : none("no_plan_years"));
  const actual = R.take("pace.actual", ok(total / k));
  let remaining: Metric = none("at_or_after_target_year");
  if (tc < T) remaining = ok(isCap ? (TV - total) / (T - tc) : Math.max(0, (TV - total) / (T - tc)));
  a.pace = { actual, required, remaining_required: R.take("pace.remaining_required", remaining) };

  let ratioM: Metric;
  if (required === null) ratioM = none("no_plan_years");
  else if (required === 0) ratioM = none("required_pace_zero");
  else if (actual === null) ratioM = none("not_finite");
  else if (isCap) {
    ratioM = ok(required / (actual === 0 ? 0.001 : actual));
    R.add("growth_ratio", "cap_pace", { required, actual });
  } else ratioM = ok((sign(ind.direction) * actual) / Math.abs(required));
  const ratio = (a.growth_ratio = R.take("growth_ratio", ratioM));

  const fit = [{ year: start - 1, value: 0 }, ...inPlan.map((p) => ({ year: p.year, value: p.cumulative ?? 0 }))];
  a.projected.linear = R.take("projected.linear", leastSquares(fit, T));
  if (a.projected.linear !== null) R.add("anticipated_progress", "linear_projection_used");
  a.anticipated_progress = R.take(
    "anticipated_progress",
    a.projected.linear === null ? none("no_projection") : anticipatedProgress(a.projected.linear, 0, TV),
  );

  if (final) {
    a.status = met ? "achieved" : "missed";
    R.add("status", met ? "final_achieved" : "final_missed", { year: tc, value: total, target: TV, completion: a.completion ?? "—" });
  } else if (achievedNow) {
    a.status = "achieved";
    R.add("status", "target_met", { year: tc, value: total, target: TV });
  } else if (ratio === null) {
    a.status = "insufficient_data";
    R.add("status", "status_no_ratio");
  } else {
    a.status = ratioStatus(ratio);
    R.add("status", `pace_${a.status}`, { ratio, actual: actual ?? "—", required: required ?? "—" });
  }
  if (status === "preliminary") {
    const py = [...inPlan].reverse().find((p) => p.status === "preliminary")!.year;
    R.add("status", "preliminary", { year: py });
  }

  a.methods = {
    eurostat: { ratio, category: achievedNow ? "achieved" : eurostatCategory(ratio) },
    escap: { anticipated_progress: a.anticipated_progress, category: achievedNow ? "achieved" : escapCategory(a.anticipated_progress) },
    cn: {
      progress: a.progress,
      time_elapsed: a.time_elapsed,
      category: achievedNow ? "ahead_achieved" : cnCategory(a.progress, a.time_elapsed, tol),
    },
  };
  return a;
}

/**
 * The growth rates every surface shows: the method's CAGR, except where a 0 stood in as 0.001
 * (Open SDG): a rate from a substituted value is an artefact of the substitution (0 -> 1 would read
 * 900 %), so it is null with the reason on the rate's field. The method keeps its figures for the
 * ratio and the categories.
 */
function shownGrowth(a: IndicatorAssessment, y0: number, yt: number, tv: number, R: Reasons): IndicatorAssessment["growth_shown"] {
  const why = (to: number, code: string): string | null => (y0 === 0 ? "zero_baseline_no_growth" : to === 0 ? code : null);
  const actualWhy = a.cagr_actual === null ? null : why(yt, "zero_latest_no_growth");
  const requiredWhy = a.cagr_required === null ? null : why(tv, "zero_target_no_growth");
  if (actualWhy) R.add("cagr_actual", actualWhy);
  if (requiredWhy) R.add("cagr_required", requiredWhy);
  return { actual: actualWhy ? null : a.cagr_actual, required: requiredWhy ? null : a.cagr_required };
}

/** Safety net: every null metric and category carries a reason. */
function finishReasons(a: IndicatorAssessment, R: Reasons): void {
  const fields: [string, unknown][] = [
    ["baseline", a.baseline],
    ["latest", a.latest],
    ["completion", a.completion],
    ["progress", a.progress],
    ["time_elapsed", a.time_elapsed],
    ["gap", a.gap],
    ["required_next", a.required_next],
    ["cagr_actual", a.cagr_actual],
    ["cagr_required", a.cagr_required],
    ["growth_ratio", a.growth_ratio],
    ["required_growth_remaining", a.required_growth_remaining],
    ["pace", a.pace],
    ["projected.compound", a.projected.compound],
    ["projected.linear", a.projected.linear],
    ["anticipated_progress", a.anticipated_progress],
  ];
  for (const [f, v] of fields) if (v === null && !R.has(f)) R.add(f, a.latest ? "category_unavailable" : "no_latest");
  for (const m of ["eurostat", "escap", "cn"] as const) {
    if (a.methods[m].category === null) R.add(`methods.${m}`, "category_unavailable");
  }
  if (!R.has("status")) R.add("status", "status_no_data");
}
