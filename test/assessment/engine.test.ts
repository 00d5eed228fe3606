import { describe, expect, it } from "vitest";
import { assessIndicator, assessPlan, selectVintages } from "../../assessment/engine.ts";
import { indicator, obs, plan, point, unexplained } from "./helpers.ts";

const worked = () => assessPlan(plan(), obs("x", { 2017: 40, 2018: 46, 2019: 52 })).indicators[0];
const one = (ind: ReturnType<typeof indicator>, values: Record<number, number>, year?: number) =>
  assessPlan(plan([ind]), obs(ind.id, values), year === undefined ? {} : { year }).indicators[0];
const codes = (a: { reasons: { field: string; code: string }[] }, field: string) =>
  a.reasons.filter((r) => r.field === field).map((r) => r.code);

describe("the docs/methods.md worked example through assessPlan", () => {
  const a = worked();
  it("picks baseline, latest and year", () => {
    expect(a.baseline).toEqual({ year: 2017, value: 40, flagged: false });
    expect(a.latest).toEqual({ year: 2019, value: 52, status: "final" });
    expect(assessPlan(plan(), obs("x", { 2017: 40, 2018: 46, 2019: 52 })).year).toBe(2019);
  });
  it("computes every metric", () => {
    expect(a.completion).toBeCloseTo(0.7429, 4);
    expect(a.progress).toBeCloseTo(0.4, 10);
    expect(a.time_elapsed).toBeCloseTo(2 / 3, 10);
    expect(a.cagr_actual).toBeCloseTo(0.14018, 5);
    expect(a.cagr_required).toBeCloseTo(0.20507, 5);
    expect(a.growth_ratio).toBeCloseTo(0.6835, 4);
    expect(a.projected.compound).toBeCloseTo(59.289, 3);
    expect(a.projected.linear).toBeCloseTo(58, 10);
    expect(a.anticipated_progress).toBeCloseTo(0.643, 4);
    expect(a.gap).toBe(18);
    expect(a.required_next).toBeCloseTo(70, 10);
    expect(a.required_growth_remaining).toBeCloseTo(70 / 52 - 1, 10);
  });
  it("reads the three methods", () => {
    expect(a.status).toBe("needs_acceleration");
    expect(a.methods.eurostat).toEqual({ ratio: a.growth_ratio, category: "needs_acceleration" });
    expect(a.methods.escap.category).toBe("needs_acceleration");
    expect(a.methods.cn).toEqual({ progress: a.progress, time_elapsed: a.time_elapsed, category: "behind" });
  });
  it("explains the status and every null (pace only applies to totals)", () => {
    expect(codes(a, "status")).toEqual(["ratio_needs_acceleration"]);
    expect(a.pace).toBeNull();
    expect(unexplained(a)).toEqual([]);
  });
  it("lists the series oldest first", () => {
    expect(a.series.map((p) => [p.year, p.value, p.cumulative])).toEqual([
      [2017, 40, 40],
      [2018, 46, 46],
      [2019, 52, 52],
    ]);
  });
  it("assessed as at 2018, the compound path needs sqrt(46*70) next year", () => {
    const b = assessPlan(plan(), obs("x", { 2017: 40, 2018: 46, 2019: 52 }), { year: 2018 }).indicators[0];
    expect(b.latest?.year).toBe(2018);
    expect(b.required_next).toBeCloseTo(Math.sqrt(46 * 70), 10);
    expect(b.time_elapsed).toBeCloseTo(1 / 3, 10);
    // CAGR_a 0.15 against 0.20507 required: ratio 0.7315, needs acceleration.
    expect(b.growth_ratio).toBeCloseTo(0.15 / 0.20507113208761507, 8);
    expect(b.status).toBe("needs_acceleration");
    expect(b.series).toHaveLength(2);
  });
});

describe("own worked examples", () => {
  it("on track by every method: 100, 110, 121 towards 130", () => {
    const a = one(indicator({ target: 130 }), { 2017: 100, 2018: 110, 2019: 121 });
    expect(a.cagr_actual).toBeCloseTo(0.1, 10);
    expect(a.growth_ratio).toBeCloseTo(0.1 / (1.3 ** (1 / 3) - 1), 10); // 1.0942
    expect(a.status).toBe("on_track");
    expect(a.projected.compound).toBeCloseTo(133.1, 8);
    expect(a.anticipated_progress).toBeCloseTo(33.1 / 30, 8);
    expect(a.methods.escap.category).toBe("on_track");
    expect(a.progress).toBeCloseTo(0.7, 10);
    expect(a.methods.cn.category).toBe("on_schedule");
  });
  it("the tolerance is a parameter", () => {
    const p = plan([indicator({ target: 130 })]);
    const o = obs("x", { 2017: 100, 2018: 110, 2019: 121 });
    const a = assessPlan(p, o, { tolerance: 0.02 });
    expect(a.tolerance).toBe(0.02);
    expect(a.indicators[0].methods.cn.category).toBe("ahead_of_schedule");
    expect(assessPlan(p, o, { tolerance: Number.NaN }).tolerance).toBe(0.05);
  });
  it("regressing: 40 -> 38", () => {
    const a = one(indicator(), { 2017: 40, 2019: 38 });
    expect(a.growth_ratio!).toBeLessThan(0);
    expect(a.status).toBe("regressing");
    expect(a.methods.escap.category).toBe("regressing");
    expect(a.progress).toBeCloseTo(-2 / 30, 10);
  });
  it("off track: 40 -> 42", () => {
    const a = one(indicator(), { 2017: 40, 2019: 42 });
    expect(a.growth_ratio).toBeCloseTo((Math.sqrt(42 / 40) - 1) / (1.75 ** (1 / 3) - 1), 10); // 0.1203
    expect(a.status).toBe("off_track");
  });
});

describe("edge cases", () => {
  it("decrease indicator: 20 -> 16 towards at most 10", () => {
    const a = one(indicator({ direction: "decrease", target: 10 }), { 2017: 20, 2019: 16 });
    expect(a.completion).toBeCloseTo(0.625, 10);
    expect(a.progress).toBeCloseTo(0.4, 10);
    expect(a.growth_ratio).toBeCloseTo(0.51175, 5);
    expect(a.status).toBe("off_track");
    expect(a.gap).toBe(6);
    expect(a.projected.compound).toBeCloseTo(16 * Math.sqrt(0.8), 10);
    expect(a.anticipated_progress).toBeCloseTo((16 * Math.sqrt(0.8) - 20) / -10, 10);
    expect(a.methods.escap.category).toBe("needs_acceleration");
    expect(unexplained(a)).toEqual([]);
  });
  it("decrease indicator that has met its target early", () => {
    const a = one(indicator({ direction: "decrease", target: 10 }), { 2017: 20, 2019: 9 });
    expect(a.status).toBe("achieved");
    expect(a.gap).toBe(0);
    expect(a.required_next).toBeNull();
    expect(codes(a, "required_next")).toEqual(["already_met"]);
    expect(a.methods.cn.category).toBe("ahead_achieved");
  });
  it("percent indicator: nothing special numerically", () => {
    const a = one(indicator({ unit: "%", unit_en: "%", target: 40 }), { 2017: 30, 2019: 36 });
    expect(a.unit).toBe("%");
    expect(a.completion).toBeCloseTo(0.9, 10);
    expect(a.progress).toBeCloseTo(0.6, 10);
    expect(a.gap).toBeCloseTo(4, 10);
    // (36/30)^(1/2)-1 = 0.0954 against (40/30)^(1/3)-1 = 0.1006: R = 0.948, just short of on track.
    expect(a.growth_ratio).toBeCloseTo(0.94836, 5);
    expect(a.status).toBe("needs_acceleration");
  });
  it("zero baseline: replaced by 0.001, flagged in reasons", () => {
    const a = one(indicator({ target: 10 }), { 2017: 0, 2019: 5 });
    expect(a.cagr_actual).toBeCloseTo(Math.sqrt(5000) - 1, 8);
    expect(a.cagr_required).toBeCloseTo(10000 ** (1 / 3) - 1, 8);
    expect(codes(a, "growth_ratio")).toContain("zero_replaced");
    expect(a.progress).toBeCloseTo(0.5, 10);
    expect(a.status).toBe("on_track");
    expect(unexplained(a)).toEqual([]);
  });
  it("negative baseline: s = -1, completion withheld", () => {
    const a = one(indicator({ target: -2 }), { 2017: -10, 2019: -5 });
    expect(a.growth_ratio).toBeCloseTo(0.70543, 5);
    expect(a.status).toBe("needs_acceleration");
    expect(a.completion).toBeNull();
    expect(codes(a, "completion")).toEqual(["negative_values"]);
    expect(a.progress).toBeCloseTo(5 / 8, 10);
  });
  it("values crossing zero cannot be assessed by growth rates", () => {
    const a = one(indicator({ target: 8 }), { 2017: -4, 2019: 2 });
    expect(a.growth_ratio).toBeNull();
    expect(codes(a, "growth_ratio")).toEqual(["opposite_signs"]);
    expect(a.status).toBe("insufficient_data");
    expect(codes(a, "status")).toEqual(["status_no_ratio"]);
    expect(a.projected.compound).toBeNull();
    expect(a.projected.linear).toBeCloseTo(5, 10);
    expect(codes(a, "anticipated_progress")).toEqual(["linear_projection_used"]);
    expect(a.anticipated_progress).toBeCloseTo(9 / 12, 10);
    expect(unexplained(a)).toEqual([]);
  });
  it("baseline already beyond the target: achieved, flagged", () => {
    const a = one(indicator(), { 2017: 80, 2019: 85 });
    expect(a.status).toBe("achieved");
    expect(a.baseline?.flagged).toBe(true);
    expect(codes(a, "baseline")).toEqual(["baseline_beyond_target"]);
    expect(codes(a, "status")).toEqual(["target_met"]);
  });
  it("target equal to baseline: progress null, status by comparator", () => {
    const met = one(indicator({ target: 50 }), { 2017: 50, 2019: 52 });
    expect(met.progress).toBeNull();
    expect(codes(met, "progress")).toEqual(["target_equals_baseline"]);
    expect(met.status).toBe("achieved");
    const away = one(indicator({ target: 50 }), { 2017: 50, 2019: 48 });
    expect(away.status).toBe("regressing");
    expect(codes(away, "status")).toEqual(["flat_target_not_met_away"]);
    expect(away.growth_ratio).toBeNull();
    expect(unexplained(away)).toEqual([]);
    const strict = one(indicator({ target: 50, comparator: ">" }), { 2017: 50, 2019: 50 });
    expect(strict.status).toBe("off_track");
  });
  it("a single data point: insufficient data", () => {
    const a = one(indicator(), { 2019: 52 });
    expect(a.status).toBe("insufficient_data");
    expect(codes(a, "status")).toEqual(["status_single_point"]);
    expect(a.baseline).toEqual({ year: 2019, value: 52, flagged: true });
    expect(a.cagr_actual).toBeNull();
    expect(codes(a, "cagr_actual")).toEqual(["baseline_is_latest"]);
    expect(a.progress).toBeNull(); // not "0 %": the substituted baseline is the latest year itself
    expect(a.projected.linear).toBeNull();
    expect(a.completion).toBeCloseTo(52 / 70, 10);
    expect(unexplained(a)).toEqual([]);
  });
  it("a single data point that meets the target is achieved", () => {
    expect(one(indicator(), { 2019: 75 }).status).toBe("achieved");
  });
  it("missing baseline year: the nearest later year, flagged", () => {
    const a = one(indicator(), { 2018: 46, 2019: 52 });
    expect(a.baseline).toEqual({ year: 2018, value: 46, flagged: true });
    expect(codes(a, "baseline")).toEqual(["baseline_missing"]);
    expect(a.cagr_actual).toBeCloseTo(52 / 46 - 1, 10);
    expect(a.cagr_required).toBeCloseTo(Math.sqrt(70 / 46) - 1, 10);
    expect(a.growth_ratio).toBeCloseTo((52 / 46 - 1) / (Math.sqrt(70 / 46) - 1), 10); // 0.558
    expect(a.status).toBe("off_track");
    expect(a.time_elapsed).toBeCloseTo(2 / 3, 10); // the plan's calendar, not the substitute year
  });
  it("a preliminary latest figure keeps its status and says so", () => {
    const o = [...obs("x", { 2017: 40, 2018: 46 }), ...obs("x", { 2019: 52 }, "preliminary")];
    const a = assessPlan(plan(), o).indicators[0];
    expect(a.status).toBe("needs_acceleration");
    expect(a.latest?.status).toBe("preliminary");
    expect(codes(a, "status")).toEqual(["ratio_needs_acceleration", "preliminary"]);
    expect(a.reasons.find((r) => r.code === "preliminary")?.zh).toContain("初步");
  });
  it("no data at all", () => {
    const a = one(indicator(), {});
    expect(a.status).toBe("insufficient_data");
    expect(a.latest).toBeNull();
    expect(a.series).toEqual([]);
    expect(unexplained(a)).toEqual([]);
  });
  it("data only before the baseline year: no baseline", () => {
    const a = assessPlan(plan(), obs("x", { 2015: 30, 2016: 35 }), { year: 2016 }).indicators[0];
    expect(a.baseline).toBeNull();
    expect(codes(a, "baseline")).toEqual(["baseline_none"]);
    expect(a.status).toBe("insufficient_data");
    expect(unexplained(a)).toEqual([]);
  });
});

describe("at and after the target year", () => {
  it("the target-year figure gives the final verdict: achieved", () => {
    const a = one(indicator(), { 2017: 40, 2019: 52, 2020: 71 });
    expect(a.status).toBe("achieved");
    expect(codes(a, "status")).toEqual(["final_achieved"]);
    expect(a.required_next).toBeNull();
    expect(codes(a, "required_next")).toEqual(["at_or_after_target_year"]);
    expect(a.time_elapsed).toBe(1);
    expect(a.projected.compound).toBe(71);
  });
  it("missed, with completion", () => {
    const a = one(indicator(), { 2017: 40, 2019: 52, 2020: 63 });
    expect(a.status).toBe("missed");
    expect(a.completion).toBeCloseTo(0.9, 10);
    expect(a.reasons.find((r) => r.field === "status")?.en).toContain("90.0%");
  });
  it("later years do not overturn the target-year verdict", () => {
    const a = one(indicator(), { 2017: 40, 2020: 71, 2021: 60 });
    expect(a.latest).toMatchObject({ year: 2020, value: 71 });
    expect(a.status).toBe("achieved");
    expect(codes(a, "latest")).toEqual(["target_year_value_used"]);
  });
  it("with only later years, the latest is used and said so", () => {
    const a = one(indicator(), { 2017: 40, 2019: 52, 2021: 65 });
    expect(a.latest).toMatchObject({ year: 2021, value: 65 });
    expect(a.status).toBe("missed");
    expect(codes(a, "latest")).toEqual(["after_target_latest_used"]);
    expect(a.time_elapsed).toBeCloseTo(4 / 3, 10);
  });
  it("an assessment year before the target year ignores later figures", () => {
    const a = one(indicator(), { 2017: 40, 2019: 52, 2020: 71 }, 2019);
    expect(a.latest?.year).toBe(2019);
    expect(a.status).toBe("needs_acceleration");
    expect(a.series.map((p) => p.year)).toEqual([2017, 2019]);
  });
});

describe("vintages and as-of", () => {
  const vintages = [
    point({ year: 2017, value: 40, published: "2018-03-01" }),
    point({ year: 2018, value: 46, published: "2019-03-01" }),
    point({ year: 2019, value: 50, status: "preliminary", published: "2020-02-01" }),
    point({ year: 2019, value: 52, status: "final", published: "2020-06-01" }),
  ];
  it("the latest publication wins", () => {
    const a = assessPlan(plan(), vintages).indicators[0];
    expect(a.latest).toEqual({ year: 2019, value: 52, status: "final" });
  });
  it("as of a date, later publications are unknown", () => {
    const a = assessPlan(plan(), vintages, { asOf: "2020-03-01" });
    expect(a.as_of).toBe("2020-03-01");
    expect(a.indicators[0].latest).toEqual({ year: 2019, value: 50, status: "preliminary" });
    expect(a.indicators[0].series.find((p) => p.year === 2019)?.published).toBe("2020-02-01");
  });
  it("as of a date before any 2019 figure, the default year falls back to 2018", () => {
    const a = assessPlan(plan(), vintages, { asOf: "2019-12-31" });
    expect(a.year).toBe(2018);
    expect(a.indicators[0].latest?.year).toBe(2018);
  });
  it("a publication on the as-of date counts as known; no date counts as known", () => {
    expect(assessPlan(plan(), vintages, { asOf: "2020-06-01" }).indicators[0].latest?.value).toBe(52);
    const undated = [...vintages, point({ year: 2019, value: 55, status: "revised", published: null })];
    // Undated: known at any date; on dates the dated 2020-06-01 final vs undated revised falls to the stage: revised wins.
    expect(assessPlan(plan(), undated, { asOf: "2017-01-01" }).indicators[0].latest?.value).toBe(55);
  });
  it("on equal dates the later stage wins, then the higher seq", () => {
    const same = [
      point({ year: 2019, value: 1, status: "revised", published: "2020-06-01", seq: 1 }),
      point({ year: 2019, value: 2, status: "final", published: "2020-06-01", seq: 9 }),
      point({ year: 2018, value: 3, status: "final", published: "2019-06-01", seq: 2 }),
      point({ year: 2018, value: 4, status: "final", published: "2019-06-01", seq: 5 }),
      point({ year: 2018, value: 5, status: "final", published: "2019-06-01" }),
    ];
    const { points } = selectVintages(same, "x");
    expect(points.map((p) => [p.year, p.value])).toEqual([
      [2018, 4],
      [2019, 1],
    ]);
  });
  it("a full tie goes to the later row", () => {
    const { points } = selectVintages([point({ year: 2019, value: 1 }), point({ year: 2019, value: 2 })], "x");
    expect(points[0].value).toBe(2);
  });
  it("other indicators' rows and non-numeric values are ignored (and counted)", () => {
    const o = [...vintages, point({ indicator_id: "y", year: 2021, value: 1 }), point({ year: 2016, value: Number.NaN })];
    const a = assessIndicator(plan(), indicator(), o, { year: 2019, tolerance: 0.05 });
    expect(a.series.map((p) => p.year)).toEqual([2017, 2018, 2019]);
    expect(codes(a, "series")).toEqual(["non_finite_dropped"]);
    // The other indicator's 2021 row does not move the plan's default year.
    expect(assessPlan(plan(), o).year).toBe(2019);
  });
  it("source and origin are carried into the series", () => {
    const a = assessPlan(plan(), [point({ year: 2017, value: 40, source: "统计年鉴", origin: "derived" })]).indicators[0];
    expect(a.series[0]).toMatchObject({ source: "统计年鉴", origin: "derived", cumulative: 40 });
  });
});

describe("plan level", () => {
  it("with no observations the year is the baseline year and everything is insufficient", () => {
    const a = assessPlan(plan(), []);
    expect(a.year).toBe(2017);
    expect(a.time_elapsed).toBe(0);
    expect(a.indicators[0].status).toBe("insufficient_data");
  });
  it("an explicit year sets the plan's time elapsed", () => {
    expect(assessPlan(plan(), obs("x", { 2017: 40 }), { year: 2019 }).time_elapsed).toBeCloseTo(2 / 3, 10);
  });
});
