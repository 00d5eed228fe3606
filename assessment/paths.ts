/**
 * The lines a chart draws beside the series, computed by the engine so the site and the report
 * draw what the engine assessed: the path the plan requires (compound growth from the baseline to
 * the target, with the engine's CAGR rules; a straight line for totals or when compound growth is
 * impossible or starts from zero) and the two projections from the latest value to the target year. Pure.
 *
 * @example
 *   chartPaths(a).required; // [{year: 2017, value: 40}, {year: 2018, value: 48.2}, …, {year: 2020, value: 70}]
 */
import type { ChartPaths, IndicatorAssessment } from "./types.ts";

type Point = { year: number; value: number };

function line(from: Point, to: Point): Point[] {
  const out: Point[] = [];
  for (let year = from.year; year <= to.year; year++) {
    const f = (year - from.year) / (to.year - from.year);
    out.push({ year, value: year === to.year ? to.value : from.value + (to.value - from.value) * f });
  }
  return out;
}

/** Compound growth from `from` to `to`; a straight line when a point would not be a finite number. */
function compound(from: Point, g: number, to: Point): Point[] {
  const out: Point[] = [];
  for (let year = from.year; year <= to.year; year++) {
    const value = year === to.year ? to.value : from.value * (1 + g) ** (year - from.year);
    if (!Number.isFinite(value)) return line(from, to);
    out.push({ year, value });
  }
  return out;
}

/** No -0 and nothing JSON cannot carry (a straight line between finite ends is finite). */
const clean = (points: Point[]): Point[] =>
  points.every((p) => Number.isFinite(p.value)) ? points.map((p) => ({ year: p.year, value: p.value === 0 ? 0 : p.value })) : [];

/** Required path and projections for an assessed indicator (empty where the engine has no figure). */
export function chartPaths(a: IndicatorAssessment): ChartPaths {
  const out: ChartPaths = { required: [], compound: [], linear: [] };
  const T = a.target.year;
  const target = { year: T, value: a.target.value };
  if (a.baseline && T > a.baseline.year) {
    const start = { year: a.baseline.year, value: a.baseline.value };
    const growth = a.measure !== "cumulative" && start.value !== 0 ? a.cagr_required : null;
    out.required = growth !== null ? compound(start, growth, target) : line(start, target);
  }
  if (!a.latest || a.latest.year >= T) return { ...out, required: clean(out.required) };
  const latest = { year: a.latest.year, value: a.latest.value };
  if (a.projected.compound !== null) {
    const end = { year: T, value: a.projected.compound };
    const growth = a.measure !== "cumulative" && latest.value !== 0 ? a.cagr_actual : null;
    out.compound = growth !== null ? compound(latest, growth, end) : line(latest, end);
  }
  if (a.projected.linear !== null) out.linear = [latest, { year: T, value: a.projected.linear }];
  return { required: clean(out.required), compound: clean(out.compound), linear: clean(out.linear) };
}
