import { describe, expect, it } from "vitest";
import { assessPlan, whatIf } from "../../assessment/index.ts";
import { indicator, obs, plan } from "./helpers.ts";

const level = indicator();
const total = indicator({ id: "c", measure: "cumulative", target: 50 });
const p = plan([level, total]);
const a = assessPlan(p, [...obs("x", { 2017: 40, 2018: 46, 2019: 52 }), ...obs("c", { 2018: 15, 2019: 12 })]);
const seriesX = a.indicators[0].series;
const seriesC = a.indicators[1].series;

describe("what-if for a level indicator", () => {
  it("a growth rate compounds from the latest value", () => {
    const r = whatIf(p, level, seriesX, { growth: 0.2 });
    expect(r.projected_target_year).toBeCloseTo(62.4, 10);
    expect(r.path).toEqual([
      { year: 2019, value: 52 },
      { year: 2020, value: expect.closeTo(62.4, 10) },
    ]);
    expect(r.status).toBe("missed");
    expect(r.completion).toBeCloseTo(62.4 / 70, 10);
    expect(r.reasons.map((x) => x.code)).toEqual(["scenario_projected", "final_missed"]);
  });
  it("enough growth achieves the target", () => {
    const r = whatIf(p, level, seriesX, { growth: 70 / 52 - 1 + 1e-9 });
    expect(r.status).toBe("achieved");
  });
  it("over several years, from an earlier assessment year", () => {
    const r = whatIf(p, level, seriesX, { growth: 0.25 }, { year: 2018 });
    expect(r.path.map((x) => x.year)).toEqual([2018, 2019, 2020]);
    expect(r.projected_target_year).toBeCloseTo(46 * 1.25 ** 2, 10);
    expect(r.status).toBe("achieved");
  });
  it("next year's value, then the trend it implies", () => {
    const r = whatIf(p, level, seriesX, { nextValue: 60 }, { year: 2018 });
    // 2017 = 40, 2018 = 46, 2019 = 60: CAGR (60/40)^(1/2) - 1, one more year to 2020.
    expect(r.path[1]).toEqual({ year: 2019, value: 60 });
    expect(r.projected_target_year).toBeCloseTo(60 * Math.sqrt(1.5), 10);
    expect(r.status).toBe("achieved");
  });
  it("next year's value and a growth rate after it", () => {
    const r = whatIf(p, level, seriesX, { nextValue: 50, growth: 0.1 }, { year: 2018 });
    expect(r.projected_target_year).toBeCloseTo(55, 10);
    expect(r.status).toBe("missed");
  });
  it("no scenario projects the current trend (the engine's compound projection)", () => {
    const r = whatIf(p, level, seriesX, {});
    expect(r.projected_target_year).toBeCloseTo(a.indicators[0].projected.compound!, 10);
    expect(r.reasons[0].code).toBe("scenario_trend");
  });
  it("invalid scenarios give null with a reason, never NaN", () => {
    expect(whatIf(p, level, seriesX, { growth: Number.NaN })).toMatchObject({ projected_target_year: null, status: "insufficient_data" });
    expect(whatIf(p, level, seriesX, { growth: -1.5 }).reasons[0].code).toBe("scenario_growth_too_low");
    expect(whatIf(p, level, seriesX, { growth: 1e200 }, { year: 2017 }).reasons[0].code).toBe("not_finite");
    expect(whatIf(p, level, [], { growth: 0.1 }).reasons[0].code).toBe("no_data");
  });
  it("after the target year the verdict is final", () => {
    const done = assessPlan(p, obs("x", { 2017: 40, 2020: 72 })).indicators[0];
    const r = whatIf(p, level, done.series, { growth: -0.5 });
    expect(r.status).toBe("achieved");
    expect(r.projected_target_year).toBe(72);
    expect(r.reasons[0].code).toBe("scenario_past_target");
  });
});

describe("what-if for a cumulative indicator", () => {
  it("growth is the yearly amount; the path shows running totals", () => {
    const r = whatIf(p, total, seriesC, { growth: 23 });
    expect(r.path).toEqual([
      { year: 2019, value: 27 },
      { year: 2020, value: 50 },
    ]);
    expect(r.status).toBe("achieved");
    expect(whatIf(p, total, seriesC, { growth: 22 }).status).toBe("missed");
  });
  it("next year's own amount, then the pace so far", () => {
    const r = whatIf(p, total, seriesC, { nextValue: 10 }, { year: 2018 });
    // 15 + 10 = 25 by 2019, pace 12.5 a year -> 37.5 by 2020.
    expect(r.path).toEqual([
      { year: 2018, value: 15 },
      { year: 2019, value: 25 },
      { year: 2020, value: 37.5 },
    ]);
    expect(r.status).toBe("missed");
    expect(r.completion).toBeCloseTo(0.75, 10);
  });
  it("the trend is the pace so far", () => {
    expect(whatIf(p, total, seriesC, {}).projected_target_year).toBeCloseTo(40.5, 10);
  });
});
