/**
 * The formulas of docs/methods.md, one small pure function each. Every function returns a finite number
 * or null with the code of the reason (see labels.ts); none returns NaN or Infinity.
 *
 * @example
 *   cagr(40, 52, 2).value;                         // 0.14017...
 *   eurostatRatio({ y0: 40, yt: 52, tv: 70, t0: 2017, t: 2019, T: 2020, direction: "increase" }).ratio; // 0.6835...
 */
import type { Comparator, Direction } from "../domain/plan.ts";
import { ESCAP_THRESHOLDS, THRESHOLDS } from "../lib/thresholds.ts";
import type { CnCategory, EscapCategory, EurostatCategory } from "./types.ts";

/** A computed value, or null and the reason code saying why not. */
export interface Metric {
  value: number | null;
  why?: string;
}

/** The tolerance for the Chinese 基本符合 category (5 percentage points). */
export const DEFAULT_TOLERANCE = 0.05;
/** Open SDG replaces a zero base, current or target value by this before taking growth rates. */
export const ZERO_REPLACEMENT = 0.001;
/** Eurostat and ESCAP thresholds (lib/thresholds.ts, so the pages quote the same numbers). */
export { ESCAP_THRESHOLDS, THRESHOLDS };

export const ok = (value: number): Metric => (Number.isFinite(value) ? { value } : { value: null, why: "not_finite" });
export const none = (why: string): Metric => ({ value: null, why });

/**
 * The one tolerance for comparing a figure with the target or the baseline: two figures are the same
 * when they differ by at most one part in a billion of the larger (REL_TOLERANCE). Statistics are
 * published with a few significant digits, so this only absorbs floating-point noise (for example
 * 1/x of a figure read as 99999.99999999978 against 99999.9999999998). Used by the status, the
 * methods and the what-if panel alike (docs/methods.md "Comparisons").
 */
export const REL_TOLERANCE = 1e-9;

/** Whether a and b are the same figure under REL_TOLERANCE. */
export function sameValue(a: number, b: number): boolean {
  return a === b || Math.abs(a - b) <= REL_TOLERANCE * Math.max(Math.abs(a), Math.abs(b));
}

/** Whether `value` meets `target` under the comparator, with REL_TOLERANCE for equality. */
export function meets(value: number, target: number, comparator: Comparator): boolean {
  const same = sameValue(value, target);
  switch (comparator) {
    case ">=":
      return same || value > target;
    case ">":
      return !same && value > target;
    case "<=":
      return same || value < target;
    case "<":
      return !same && value < target;
    case "=":
      return same;
  }
}

/** +1 when higher is better, -1 when lower is better (docs/methods.md: d). */
export const sign = (direction: Direction): 1 | -1 => (direction === "decrease" ? -1 : 1);

/**
 * 实现程度: yt/TV for increase, TV/yt for decrease (uncapped). A ratio of negative numbers would read
 * as over-achievement (-5 / -2 = 250 %), so negative values give null.
 */
export function completion(yt: number, tv: number, direction: Direction): Metric {
  if (yt < 0 || tv < 0) return none("negative_values");
  if (direction === "decrease") return yt === 0 ? none("latest_zero") : ok(tv / yt);
  return tv === 0 ? none("target_zero") : ok(yt / tv);
}

/** 任务进度: (yt - y0) / (TV - y0). */
export function progress(y0: number, yt: number, tv: number): Metric {
  if (sameValue(tv, y0)) return none("target_equals_baseline");
  return ok((yt - y0) / (tv - y0));
}

/** 序时进度: (t - t0) / (T - t0). */
export function timeElapsed(t0: number, t: number, T: number): Metric {
  if (T === t0) return none("no_time_span");
  return ok((t - t0) / (T - t0));
}

/** What is still to go, in the indicator's unit; 0 once the comparator is met. */
export function gap(yt: number, tv: number, comparator: Comparator): Metric {
  if (meets(yt, tv, comparator)) return { value: 0 };
  if (comparator === "=") return ok(Math.abs(tv - yt));
  return ok(comparator === ">=" || comparator === ">" ? tv - yt : yt - tv);
}

/** Open SDG's zero rule: 0 becomes 0.001. */
const nz = (x: number): number => (x === 0 ? ZERO_REPLACEMENT : x);

/** CAGR(a -> b over n years) = (b/a)^(1/n) - 1, with Open SDG's rules (zero replaced, opposite signs refused). */
export function cagr(a: number, b: number, years: number): Metric & { zeroReplaced: boolean } {
  if (!(years > 0)) return { value: null, why: "single_point", zeroReplaced: false };
  const zeroReplaced = a === 0 || b === 0;
  const from = nz(a);
  const to = nz(b);
  if (Math.sign(from) !== Math.sign(to)) return { value: null, why: "opposite_signs", zeroReplaced };
  return { ...ok((to / from) ** (1 / years) - 1), zeroReplaced };
}

export interface RatioInput {
  y0: number;
  yt: number;
  tv: number;
  t0: number;
  t: number;
  T: number;
  direction: Direction;
}

/**
 * Eurostat / Open SDG growth ratio R = s * d * CAGR_a / |CAGR_r| (s = -1 when y0 < 0).
 * Returns both growth rates, the ratio, and the reason codes for any that are null.
 */
export function eurostatRatio(x: RatioInput): { cagr_actual: Metric; cagr_required: Metric; ratio: Metric; zeroReplaced: boolean } {
  const a = cagr(x.y0, x.yt, x.t - x.t0);
  const r = cagr(x.y0, x.tv, x.T - x.t0);
  const zeroReplaced = a.zeroReplaced || r.zeroReplaced;
  const cagr_actual: Metric = { value: a.value, why: a.why };
  const cagr_required: Metric = { value: r.value, why: r.why };
  if (a.value === null) return { cagr_actual, cagr_required, ratio: none(a.why ?? "single_point"), zeroReplaced };
  if (r.value === null) return { cagr_actual, cagr_required, ratio: none(r.why ?? "single_point"), zeroReplaced };
  if (r.value === 0) return { cagr_actual, cagr_required, ratio: none("required_growth_zero"), zeroReplaced };
  const s = x.y0 < 0 ? -1 : 1;
  return { cagr_actual, cagr_required, ratio: ok((s * sign(x.direction) * a.value) / Math.abs(r.value)), zeroReplaced };
}

/** Eurostat category from a ratio (target-met is checked by the caller first). */
export function eurostatCategory(ratio: number | null): Exclude<EurostatCategory, "achieved"> {
  if (ratio === null) return null;
  if (ratio >= THRESHOLDS.on_track) return "on_track";
  if (ratio >= THRESHOLDS.needs_acceleration) return "needs_acceleration";
  if (ratio >= THRESHOLDS.off_track) return "off_track";
  return "regressing";
}

/** ESCAP category from anticipated progress (target-met is checked by the caller first). */
export function escapCategory(ap: number | null): Exclude<EscapCategory, "achieved"> {
  if (ap === null) return null;
  if (ap >= ESCAP_THRESHOLDS.on_track) return "on_track";
  if (ap >= ESCAP_THRESHOLDS.needs_acceleration) return "needs_acceleration";
  return "regressing";
}

/** 快于序时 / 基本符合 / 滞后 from progress, time elapsed and the tolerance (target-met is checked by the caller). */
export function cnCategory(prog: number | null, time: number | null, tolerance: number): Exclude<CnCategory, "ahead_achieved"> {
  if (prog === null || time === null) return null;
  if (prog >= time + tolerance) return "ahead_of_schedule";
  if (Math.abs(prog - time) < tolerance) return "on_schedule";
  return "behind";
}

/** (TV/yt)^(1/(T-t)) - 1: the yearly growth still needed from the latest value. */
export function requiredGrowthRemaining(yt: number, tv: number, t: number, T: number): Metric {
  if (t >= T) return none("at_or_after_target_year");
  if (yt === 0) return none("compound_impossible_linear_used");
  const q = tv / yt;
  if (q < 0) return none("opposite_signs");
  return ok(q ** (1 / (T - t)) - 1);
}

/**
 * The value needed next year on the compound path from the latest value to the target; a straight
 * line when a compound path is impossible (zero or a sign change). `linear` says which was used.
 */
export function requiredNext(yt: number, tv: number, t: number, T: number): Metric & { linear: boolean } {
  if (t >= T) return { value: null, why: "at_or_after_target_year", linear: false };
  const q = yt === 0 ? -1 : tv / yt;
  if (q >= 0) return { ...ok(yt * q ** (1 / (T - t))), linear: false };
  return { ...ok(yt + (tv - yt) / (T - t)), linear: true };
}

/** yt * (1 + g)^(years): the compound projection. */
export function compoundProjection(yt: number, g: number | null, years: number): Metric {
  if (years <= 0) return ok(yt);
  if (g === null) return none("no_compound_projection");
  return ok(yt * (1 + g) ** years);
}

/** Ordinary least squares line through the points, evaluated at `at`; null with fewer than two distinct years. */
export function leastSquares(points: { year: number; value: number }[], at: number): Metric {
  const pts = points.filter((p) => Number.isFinite(p.year) && Number.isFinite(p.value));
  const years = new Set(pts.map((p) => p.year));
  if (years.size < 2) return none("linear_needs_two");
  // Centre the years for numerical stability.
  const mx = pts.reduce((s, p) => s + p.year, 0) / pts.length;
  const my = pts.reduce((s, p) => s + p.value, 0) / pts.length;
  let sxy = 0;
  let sxx = 0;
  for (const p of pts) {
    sxy += (p.year - mx) * (p.value - my);
    sxx += (p.year - mx) ** 2;
  }
  if (sxx === 0) return none("linear_needs_two");
  return ok(my + (sxy / sxx) * (at - mx));
}

/** ESCAP anticipated progress: (projected - y0) / (TV - y0). */
export function anticipatedProgress(projected: number, y0: number, tv: number): Metric {
  if (sameValue(tv, y0)) return none("target_equals_baseline");
  return ok((projected - y0) / (tv - y0));
}
