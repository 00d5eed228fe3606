/**
 * Synthetic yearly series for a county, for the indicators the records cannot give (or all of
 * them, when no derived figures exist): deterministic for a seed and region, a level around the
 * plan's target at the baseline and a steady growth with noise. Only the benchmark uses them, to
 * give the assessment engine full series to work on.
 */
import type { Indicator, Plan } from "../domain/plan.ts";
import type { ObservationPoint } from "../domain/observation.ts";

/** mulberry32: a small deterministic generator of numbers in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A 32-bit hash of a string (FNV-1a), to seed a region's series. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** One indicator's yearly figures for a region, `years` oldest first. */
export function syntheticSeries(plan: Plan, indicator: Indicator, region: string, years: number[], seed: number): ObservationPoint[] {
  const r = rng(hash32(`${seed}|${region}|${indicator.id}`));
  const span = Math.max(1, plan.target_year - plan.baseline_year);
  const yearly = indicator.measure === "cumulative" ? indicator.target / span : indicator.target;
  let value = yearly * (0.4 + 0.5 * r());
  const growth = indicator.direction === "decrease" ? -0.02 - 0.1 * r() : -0.03 + 0.2 * r();
  return years.map((year) => {
    value = Math.max(0, value * (1 + growth + 0.04 * (r() - 0.5)));
    return {
      indicator_id: indicator.id,
      year,
      value: Math.round(value * 100) / 100,
      status: "final",
      published: `${year + 1}-03-31`,
      source: "synthetic",
      origin: "reported",
    };
  });
}

/** Six-digit county codes: provinces of up to 14 cities of up to 9 counties each. */
export function countyCodes(count: number): string[] {
  const provinces = [
    "21",
    "11",
    "12",
    "13",
    "14",
    "15",
    "22",
    "23",
    "31",
    "32",
    "33",
    "34",
    "35",
    "36",
    "37",
    "41",
    "42",
    "43",
    "44",
    "45",
    "46",
    "50",
    "51",
    "52",
    "53",
    "54",
    "61",
    "62",
    "63",
    "64",
    "65",
  ];
  const out: string[] = [];
  for (const p of provinces)
    for (let city = 1; city <= 14; city++)
      for (let county = 1; county <= 9; county++) {
        if (out.length === count) return out;
        out.push(`${p}${String(city).padStart(2, "0")}${String(county).padStart(2, "0")}`);
      }
  return out;
}
