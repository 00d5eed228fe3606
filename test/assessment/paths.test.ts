/** Issue 16 item 7: the chart lines come from the engine, with its rules where a value is 0. */
import { describe, expect, it } from "vitest";
import { assessPlan } from "../../assessment/index.ts";
import { indicator, obs, plan } from "./helpers.ts";

const one = (values: Record<number, number>, over = {}) => assessPlan(plan([indicator(over)]), obs("x", values)).indicators[0];

describe("chart paths from the engine", () => {
  it("requires the compound path the growth ratio uses", () => {
    const a = one({ 2017: 40, 2018: 46, 2019: 52 });
    expect(a.paths.required.map((p) => p.year)).toEqual([2017, 2018, 2019, 2020]);
    expect(a.paths.required[1].value).toBeCloseTo(40 * (1 + a.cagr_required!), 10);
    expect(a.paths.required[3].value).toBe(70);
    expect(a.paths.compound.at(-1)?.value).toBe(a.projected.compound);
    expect(a.paths.linear).toEqual([
      { year: 2019, value: 52 },
      { year: 2020, value: a.projected.linear },
    ]);
  });
  it("draws a straight required path from a zero baseline (no compound growth from 0)", () => {
    const a = one({ 2017: 0, 2019: 30 });
    expect(a.paths.required[0]).toEqual({ year: 2017, value: 0 });
    expect(a.paths.required[1].value).toBeCloseTo(70 / 3, 10);
    expect(a.paths.required.every((p) => Number.isFinite(p.value))).toBe(true);
  });
  it("has no projection at or after the target year, and no required path without a baseline span", () => {
    const a = one({ 2017: 40, 2020: 75 });
    expect(a.paths.compound).toEqual([]);
    expect(a.paths.linear).toEqual([]);
    expect(one({ 2020: 75 }).paths.required.length).toBeLessThanOrEqual(1);
  });
});
