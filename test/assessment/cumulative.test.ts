import { describe, expect, it } from "vitest";
import { assessPlan } from "../../assessment/engine.ts";
import { indicator, obs, plan, unexplained } from "./helpers.ts";

// "转化科技成果50项以上" over 2018-2020: a total over the three plan years.
const converted = indicator({ id: "c", unit: "项", unit_en: "items", measure: "cumulative", target: 50 });
const run = (values: Record<number, number>, opts: { year?: number } = {}) =>
  assessPlan(plan([converted]), obs("c", values), opts).indicators[0];
const codes = (a: { reasons: { field: string; code: string }[] }, field: string) =>
  a.reasons.filter((r) => r.field === field).map((r) => r.code);

describe("cumulative targets: pace replaces growth", () => {
  it("two plan years: 15 + 12 against 50", () => {
    const a = run({ 2018: 15, 2019: 12 });
    expect(a.baseline).toEqual({ year: 2017, value: 0, flagged: false });
    expect(a.latest).toEqual({ year: 2019, value: 27, status: "final" });
    expect(a.pace?.required).toBeCloseTo(50 / 3, 10);
    expect(a.pace?.actual).toBeCloseTo(13.5, 10);
    expect(a.pace?.remaining_required).toBeCloseTo(23, 10);
    expect(a.growth_ratio).toBeCloseTo(0.81, 10);
    expect(a.methods.eurostat).toEqual({ ratio: a.growth_ratio, category: "needs_acceleration" });
    expect(a.status).toBe("needs_acceleration");
    expect(a.time_elapsed).toBeCloseTo(2 / 3, 10);
    expect(a.completion).toBeCloseTo(0.54, 10);
    expect(a.progress).toBeCloseTo(0.54, 10);
    expect(a.gap).toBe(23);
    expect(a.required_next).toBeCloseTo(50, 10);
    expect(a.methods.cn.category).toBe("behind");
  });
  it("growth rates are null with a reason", () => {
    const a = run({ 2018: 15, 2019: 12 });
    for (const f of ["cagr_actual", "cagr_required", "required_growth_remaining"] as const) {
      expect(a[f]).toBeNull();
      expect(codes(a, f)).toEqual(["growth_not_applicable"]);
    }
    expect(a.projected.compound).toBeNull();
    expect(unexplained(a)).toEqual([]);
  });
  it("projects by the straight line through the running totals from 0 in the baseline year", () => {
    const a = run({ 2018: 15, 2019: 12 });
    // (2017, 0), (2018, 15), (2019, 27): slope 13.5, intercept at 2019 ~ 27.5 -> 41 in 2020.
    expect(a.projected.linear).toBeCloseTo(41, 10);
    expect(a.anticipated_progress).toBeCloseTo(0.82, 10);
    expect(codes(a, "anticipated_progress")).toEqual(["linear_projection_used"]);
  });
  it("one plan year ahead of pace is on track", () => {
    const a = run({ 2018: 20 });
    expect(a.growth_ratio).toBeCloseTo(1.2, 10);
    expect(a.status).toBe("on_track");
    expect(a.time_elapsed).toBeCloseTo(1 / 3, 10);
    expect(a.required_next).toBeCloseTo(35, 10);
    expect(a.pace?.remaining_required).toBeCloseTo(15, 10);
    expect(a.projected.linear).toBeCloseTo(60, 10);
    expect(a.methods.cn.category).toBe("ahead_of_schedule");
  });
  it("well behind the pace is off track", () => {
    expect(run({ 2018: 5, 2019: 5 }).status).toBe("off_track");
  });
  it("the total reaching the target early is achieved", () => {
    const a = run({ 2018: 30, 2019: 25 });
    expect(a.status).toBe("achieved");
    expect(a.methods.cn.category).toBe("ahead_achieved");
    expect(a.required_next).toBeNull();
    expect(a.pace?.remaining_required).toBe(0);
  });
  it("a missing plan year is flagged: the total is a lower bound", () => {
    const a = assessPlan(plan([converted]), obs("c", { 2018: 15, 2020: 20 }), { year: 2020 }).indicators[0];
    expect(a.latest).toMatchObject({ year: 2020, value: 35 });
    expect(codes(a, "latest")).toEqual(["missing_years_lower_bound"]);
    expect(a.reasons.find((r) => r.code === "missing_years_lower_bound")?.en).toContain("2019");
    expect(a.status).toBe("missed");
  });
  it("the final verdict at the target year", () => {
    const a = run({ 2018: 15, 2019: 12, 2020: 25 });
    expect(a.latest?.value).toBe(52);
    expect(a.status).toBe("achieved");
    expect(codes(a, "status")).toEqual(["final_achieved"]);
    expect(a.pace?.remaining_required).toBeNull();
    expect(codes(a, "pace.remaining_required")).toEqual(["at_or_after_target_year"]);
    expect(run({ 2018: 15, 2019: 12, 2020: 20 }).status).toBe("missed");
  });
  it("years before the start year are ignored for the total", () => {
    const a = run({ 2016: 100, 2017: 100, 2018: 15 });
    expect(a.latest?.value).toBe(15);
    expect(codes(a, "series")).toEqual(["pre_start_ignored"]);
    expect(a.series.map((p) => p.cumulative)).toEqual([null, null, 15]);
  });
  it("years after the target year are not counted in the plan total", () => {
    const a = run({ 2018: 15, 2019: 12, 2020: 20, 2021: 30 });
    expect(a.latest).toMatchObject({ year: 2020, value: 47 });
    expect(a.status).toBe("missed");
    expect(codes(a, "latest")).toEqual(["post_target_ignored"]);
    // The series still shows the running total.
    expect(a.series.map((p) => p.cumulative)).toEqual([15, 27, 47, 77]);
  });
  it("no plan-year data: insufficient", () => {
    const a = assessPlan(plan([converted]), obs("c", { 2017: 3 }), { year: 2019 }).indicators[0];
    expect(a.latest).toBeNull();
    expect(a.status).toBe("insufficient_data");
    expect(codes(a, "latest")).toEqual(["no_plan_year_data"]);
    expect(unexplained(a)).toEqual([]);
  });
  it("a preliminary year makes the total preliminary", () => {
    const o = [...obs("c", { 2018: 15 }), ...obs("c", { 2019: 12 }, "preliminary")];
    const a = assessPlan(plan([converted]), o).indicators[0];
    expect(a.latest?.status).toBe("preliminary");
    expect(codes(a, "status")).toContain("preliminary");
    expect(a.status).toBe("needs_acceleration");
  });
  it("a cap (total at most X) is judged on the allowed pace and only met at the end", () => {
    const cap = indicator({ id: "c", measure: "cumulative", direction: "decrease", target: 30 });
    const under = assessPlan(plan([cap]), obs("c", { 2018: 8 })).indicators[0];
    expect(under.status).toBe("on_track"); // allowed 10 a year, used 8: ratio 1.25
    expect(under.growth_ratio).toBeCloseTo(1.25, 10);
    const over = assessPlan(plan([cap]), obs("c", { 2018: 16 })).indicators[0];
    expect(over.status).toBe("needs_acceleration"); // ratio 0.625
    expect(assessPlan(plan([cap]), obs("c", { 2018: 8, 2019: 9, 2020: 10 })).indicators[0].status).toBe("achieved");
    expect(assessPlan(plan([cap]), obs("c", { 2018: 8, 2019: 9, 2020: 14 })).indicators[0].status).toBe("missed");
  });
  it("the real fry-release indicator (5.8 亿尾 over 2018-2020)", () => {
    const fry = indicator({ id: "fry", unit: "亿尾", measure: "cumulative", target: 5.8 });
    const a = assessPlan(plan([fry]), obs("fry", { 2018: 2.1, 2019: 1.9 })).indicators[0];
    expect(a.latest?.value).toBeCloseTo(4, 10);
    expect(a.growth_ratio).toBeCloseTo(2 / (5.8 / 3), 10);
    expect(a.status).toBe("on_track");
  });
});
