/**
 * The dashboard's what-if panel: assume a yearly growth rate (for totals: a yearly amount) or next
 * year's value, project to the target year and say what verdict that gives. Pure.
 *
 * @example
 *   whatIf(plan, rd, assessment.series, { growth: 0.15 }).status;    // "missed" or "achieved"
 *   whatIf(plan, converted, assessment.series, { nextValue: 20 }).projected_target_year;
 */
import type { Indicator, Plan } from "../domain/plan.ts";
import type { SeriesPoint, Reason, Status } from "./types.ts";
import { assessSeries, type YearPoint } from "./series.ts";
import { reason } from "./labels.ts";
import { DEFAULT_TOLERANCE } from "./methods.ts";

export interface WhatIfScenario {
  /**
   * Yearly growth rate from the latest value on (0.1 = +10 % a year). For cumulative measures: the
   * amount added each year (the pace), in the indicator's unit.
   */
  growth?: number;
  /** Next year's value (for cumulative measures: next year's own amount). Later years follow `growth`, else the trend it implies. */
  nextValue?: number;
}

export interface WhatIfOptions {
  /** Treat figures after this year as unknown (default: the series' last year). */
  year?: number;
  tolerance?: number;
}

export interface WhatIfResult {
  /** The value (for cumulative measures: the plan total) the scenario gives for the target year. */
  projected_target_year: number | null;
  /** The latest actual point, then one point per projected year up to the target year (totals for cumulative measures). */
  path: { year: number; value: number }[];
  /** The verdict at the target year under the scenario: achieved or missed (insufficient_data when nothing can be projected). */
  status: Status;
  completion: number | null;
  reasons: Reason[];
}

type Step = { kind: "growth"; g: number } | { kind: "amount"; d: number } | { kind: "step"; d: number };

function fail(code: string, extra: Reason[] = []): WhatIfResult {
  return {
    projected_target_year: null,
    path: [],
    status: "insufficient_data",
    completion: null,
    reasons: [reason("projected_target_year", code), ...extra, reason("status", "status_no_ratio")],
  };
}

/** How later years move when the scenario gives no growth: the trend of the (possibly extended) series. */
function trendStep(plan: Plan, ind: Indicator, pts: YearPoint[], year: number, tol: number): Step | null {
  const a = assessSeries(plan, ind, pts, { year, tolerance: tol });
  if (!a.latest) return null;
  if (ind.measure === "cumulative") return a.pace?.actual == null ? null : { kind: "amount", d: a.pace.actual };
  if (a.cagr_actual !== null) return { kind: "growth", g: a.cagr_actual };
  if (a.projected.linear !== null && ind.target_year > a.latest.year) {
    return { kind: "step", d: (a.projected.linear - a.latest.value) / (ind.target_year - a.latest.year) };
  }
  return null;
}

/**
 * Project the indicator to its target year under a scenario and give the verdict that would follow.
 * `series` is the indicator's series from an assessment (the running totals are recomputed).
 */
export function whatIf(
  plan: Plan,
  indicator: Indicator,
  series: SeriesPoint[],
  scenario: WhatIfScenario,
  opts: WhatIfOptions = {},
): WhatIfResult {
  const tol = opts.tolerance !== undefined && Number.isFinite(opts.tolerance) && opts.tolerance >= 0 ? opts.tolerance : DEFAULT_TOLERANCE;
  const finitePts: YearPoint[] = series.filter((p) => Number.isFinite(p.year) && Number.isFinite(p.value));
  const lastYear = finitePts.reduce((m, p) => Math.max(m, p.year), Number.NEGATIVE_INFINITY);
  const Y = opts.year !== undefined && Number.isFinite(opts.year) ? opts.year : lastYear;
  if (!Number.isFinite(Y)) return fail("no_data");
  const pts = finitePts.filter((p) => p.year <= Y);
  const current = assessSeries(plan, indicator, pts, { year: Y, tolerance: tol });
  if (!current.latest) return fail("no_data");
  const T = indicator.target_year;
  const t = current.latest.year;
  const cum = indicator.measure === "cumulative";
  if (t >= T) {
    return {
      projected_target_year: current.latest.value,
      path: [{ year: t, value: current.latest.value }],
      status: current.status,
      completion: current.completion,
      reasons: [reason("projected_target_year", "scenario_past_target"), ...current.reasons.filter((r) => r.field === "status")],
    };
  }

  const { growth, nextValue } = scenario;
  if ((growth !== undefined && !Number.isFinite(growth)) || (nextValue !== undefined && !Number.isFinite(nextValue))) {
    return fail("scenario_invalid");
  }
  if (growth !== undefined && !cum && growth <= -1) return fail("scenario_growth_too_low");

  const hypothetical = (year: number, value: number): YearPoint => ({
    year,
    value,
    status: "final",
    published: null,
    source: "what-if",
    origin: "derived",
  });
  // Keep only figures up to the latest year used, then add the scenario's years.
  const extended: YearPoint[] = pts.filter((p) => p.year <= t);
  const extra: Reason[] = [];
  let from = t + 1;
  if (nextValue !== undefined) {
    extended.push(hypothetical(t + 1, nextValue));
    from = t + 2;
  }
  let step: Step | null;
  if (growth !== undefined) step = cum ? { kind: "amount", d: growth } : { kind: "growth", g: growth };
  else {
    if (nextValue === undefined) extra.push(reason("projected_target_year", "scenario_trend"));
    step = from <= T ? trendStep(plan, indicator, extended, from - 1, tol) : null;
  }
  if (from <= T && step === null) return fail("no_projection", extra);

  let prev = extended[extended.length - 1].value;
  for (let y = from; y <= T && step; y++) {
    const v = step.kind === "growth" ? prev * (1 + step.g) : step.kind === "amount" ? step.d : prev + step.d;
    if (!Number.isFinite(v)) return fail("not_finite", extra);
    extended.push(hypothetical(y, v));
    prev = v;
  }

  const final = assessSeries(plan, indicator, extended, { year: T, tolerance: tol });
  const projected = final.latest?.value ?? null;
  const path = [{ year: t, value: current.latest.value }];
  for (const p of final.series) {
    if (p.year <= t || p.year > T) continue;
    const v = cum ? p.cumulative : p.value;
    if (v !== null) path.push({ year: p.year, value: v });
  }
  const reasons = [...extra];
  if (projected !== null) reasons.push(reason("projected_target_year", "scenario_projected", { year: T, value: projected }, indicator));
  reasons.push(...final.reasons.filter((r) => r.field === "status" || r.field === "completion"));
  return { projected_target_year: projected, path, status: final.status, completion: final.completion, reasons };
}
