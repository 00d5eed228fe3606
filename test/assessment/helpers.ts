/** Small builders for assessment tests: a plan, an indicator, observations. */
import { readFileSync } from "node:fs";
import { parse } from "yaml";
import type { ObservationPoint, VintageStatus } from "../../domain/observation.ts";
import { type Indicator, normalisePlan, type Plan, PlanFileSchema } from "../../domain/plan.ts";
import type { IndicatorAssessment } from "../../assessment/types.ts";

export function indicator(over: Partial<Indicator> = {}): Indicator {
  const direction = over.direction ?? "increase";
  return {
    id: "x",
    zh: "测试指标",
    en: "Test indicator",
    aliases: [],
    unit: "亿元",
    unit_en: "100 million yuan",
    measure: "level",
    direction,
    target: 70,
    target_year: 2020,
    comparator: direction === "decrease" ? "<=" : ">=",
    headline: true,
    ...over,
  };
}

export function plan(indicators: Indicator[] = [indicator()], over: Partial<Plan> = {}): Plan {
  return {
    id: "test-plan",
    title: { zh: "测试计划", en: "Test plan" },
    document: "测试〔2019〕1号",
    region: { code: "210281", zh: "瓦房店市", en: "Wafangdian" },
    baseline_year: 2017,
    start_year: 2018,
    target_year: 2020,
    parents: [],
    synthetic: true,
    notes: [],
    indicators,
    tasks: [],
    units: [],
    ...over,
  };
}

/** Observations from {year: value}; one final vintage each, no publication date. */
export function obs(id: string, values: Record<number, number>, status: VintageStatus = "final"): ObservationPoint[] {
  return Object.entries(values).map(([year, value]) => ({ indicator_id: id, year: Number(year), value, status, published: null }));
}

export function point(over: Partial<ObservationPoint> & { year: number; value: number }): ObservationPoint {
  return { indicator_id: "x", status: "final", published: null, ...over };
}

export function wafangdian(): Plan {
  const text = readFileSync(new URL("../../data/plans/wafangdian-2018-2020.yaml", import.meta.url), "utf8");
  return normalisePlan(PlanFileSchema.parse(parse(text))).plan;
}

/** Fields that, when null, must carry a reason. */
export const NULLABLE_FIELDS: [string, (a: IndicatorAssessment) => unknown][] = [
  ["baseline", (a) => a.baseline],
  ["latest", (a) => a.latest],
  ["completion", (a) => a.completion],
  ["progress", (a) => a.progress],
  ["time_elapsed", (a) => a.time_elapsed],
  ["gap", (a) => a.gap],
  ["required_next", (a) => a.required_next],
  ["cagr_actual", (a) => a.cagr_actual],
  ["cagr_required", (a) => a.cagr_required],
  ["growth_ratio", (a) => a.growth_ratio],
  ["cagr_actual", (a) => a.growth_shown.actual],
  ["cagr_required", (a) => a.growth_shown.required],
  ["required_growth_remaining", (a) => a.required_growth_remaining],
  ["pace", (a) => a.pace],
  ["projected.compound", (a) => a.projected.compound],
  ["projected.linear", (a) => a.projected.linear],
  ["anticipated_progress", (a) => a.anticipated_progress],
  ["methods.eurostat", (a) => a.methods.eurostat.category],
  ["methods.escap", (a) => a.methods.escap.category],
  ["methods.cn", (a) => a.methods.cn.category],
];

/** The null fields that have no reason (should be empty), plus "status" when the status has none. */
export function unexplained(a: IndicatorAssessment): string[] {
  const missing = NULLABLE_FIELDS.filter(([f, get]) => get(a) === null && !a.reasons.some((r) => r.field === f)).map(([f]) => f);
  if (!a.reasons.some((r) => r.field === "status")) missing.push("status");
  for (const r of a.reasons) if (!r.zh || !r.en || !r.code) missing.push(`empty reason ${r.field}`);
  return missing;
}

/** Every number anywhere in a value (for the no-NaN/Infinity checks). */
export function numbersIn(v: unknown, out: number[] = []): number[] {
  if (typeof v === "number") out.push(v);
  else if (Array.isArray(v)) for (const x of v) numbersIn(x, out);
  else if (v && typeof v === "object") for (const x of Object.values(v)) numbersIn(x, out);
  return out;
}
