/**
 * Issue 16, correctness 1 and 2: one relative tolerance for comparisons against the target and the
 * baseline; no progress figure from a baseline that is the latest year itself.
 */
import { describe, expect, it } from "vitest";
import { assessPlan, whatIf } from "../../assessment/index.ts";
import { meets, REL_TOLERANCE, sameValue } from "../../assessment/methods.ts";
import { indicator, obs, plan } from "./helpers.ts";

describe("one relative tolerance for the target and the baseline", () => {
  it("treats figures within one part in a billion as equal", () => {
    expect(REL_TOLERANCE).toBe(1e-9);
    expect(sameValue(99999.99999999978, 99999.9999999998)).toBe(true);
    expect(sameValue(100, 100.001)).toBe(false);
    expect(sameValue(0, 0)).toBe(true);
    expect(meets(99999.99999999978, 99999.9999999998, ">=")).toBe(true);
    expect(meets(99999.9999999998, 99999.99999999978, "<=")).toBe(true);
    expect(meets(70 * (1 - 1e-12), 70, ">")).toBe(false);
    expect(meets(69.9, 70, ">=")).toBe(false);
  });

  it("regression: [99999.99999999978, 99999.9999999998] gives one status for an indicator and its reciprocal", () => {
    const [yt, target] = [99999.99999999978, 99999.9999999998];
    const inc = assessPlan(plan([indicator({ target })]), obs("x", { 2019: yt })).indicators[0];
    const dec = assessPlan(plan([indicator({ direction: "decrease", target: 1 / target })]), obs("x", { 2019: 1 / yt })).indicators[0];
    expect(inc.status).toBe("achieved");
    expect(dec.status).toBe(inc.status);
  });

  it("the what-if scenario compares with the same rule", () => {
    const ind = indicator({ target: 70 });
    const series = assessPlan(plan([ind]), obs("x", { 2017: 40, 2019: 60 })).indicators[0].series;
    const r = whatIf(plan([ind]), ind, series, { nextValue: 70 * (1 - 1e-12) });
    expect(r.status).toBe("achieved");
  });
});

describe("no baseline is not zero progress", () => {
  // Liaoning: high-tech enterprises 7000 in 2020 against a target of 4000, no 2017 (baseline) figure.
  const p = plan([indicator({ id: "hte", unit: "家", unit_en: "enterprises", target: 4000, target_year: 2020 })]);
  const a = assessPlan(p, obs("hte", { 2020: 7000 })).indicators[0];

  it("still says achieved by the target comparison", () => {
    expect(a.status).toBe("achieved");
    expect(a.completion).toBeCloseTo(1.75, 9);
  });
  it("has no progress, growth rate or anticipated progress, each with a reason", () => {
    for (const f of ["progress", "cagr_actual", "growth_ratio", "anticipated_progress"] as const) {
      expect(a[f], f).toBeNull();
      expect(
        a.reasons.some((r) => r.field === f && r.code === "baseline_is_latest"),
        f,
      ).toBe(true);
    }
    expect(a.methods.cn.progress).toBeNull();
  });
  it("keeps progress when the plan's own baseline year is there", () => {
    const b = assessPlan(p, obs("hte", { 2017: 3000, 2020: 7000 })).indicators[0];
    expect(b.progress).toBeCloseTo(4, 9);
  });
});
