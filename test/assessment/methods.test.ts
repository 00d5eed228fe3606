import { describe, expect, it } from "vitest";
import {
  anticipatedProgress,
  cagr,
  cnCategory,
  compoundProjection,
  completion,
  escapCategory,
  eurostatCategory,
  eurostatRatio,
  gap,
  leastSquares,
  meets,
  progress,
  requiredGrowthRemaining,
  requiredNext,
  timeElapsed,
} from "../../assessment/methods.ts";

describe("docs/methods.md worked example, formula by formula", () => {
  it("completion, progress, time elapsed", () => {
    expect(completion(52, 70, "increase").value).toBeCloseTo(0.7429, 4);
    expect(progress(40, 52, 70).value).toBeCloseTo(0.4, 10);
    expect(timeElapsed(2017, 2019, 2020).value).toBeCloseTo(2 / 3, 10);
  });
  it("growth rates and ratio", () => {
    const r = eurostatRatio({ y0: 40, yt: 52, tv: 70, t0: 2017, t: 2019, T: 2020, direction: "increase" });
    expect(r.cagr_actual.value).toBeCloseTo(0.14018, 5);
    expect(r.cagr_required.value).toBeCloseTo(0.20507, 5);
    expect(r.ratio.value).toBeCloseTo(0.6835, 4);
    expect(eurostatCategory(r.ratio.value)).toBe("needs_acceleration");
  });
  it("compound projection and anticipated progress", () => {
    const p = compoundProjection(52, 0.14017542509913805, 1).value!;
    expect(p).toBeCloseTo(59.289, 3);
    expect(anticipatedProgress(p, 40, 70).value).toBeCloseTo(0.643, 4);
    expect(escapCategory(0.643)).toBe("needs_acceleration");
  });
  it("China: 40 % progress against 66.7 % time is 滞后", () => {
    expect(cnCategory(0.4, 2 / 3, 0.05)).toBe("behind");
  });
});

describe("a decreasing indicator (own worked example)", () => {
  // Baseline 2017 = 20, 2019 = 16, target 2020 <= 10.
  it("gives the Eurostat ratio with d = -1", () => {
    const r = eurostatRatio({ y0: 20, yt: 16, tv: 10, t0: 2017, t: 2019, T: 2020, direction: "decrease" });
    expect(r.cagr_actual.value).toBeCloseTo(Math.sqrt(0.8) - 1, 10); // -0.105573
    expect(r.cagr_required.value).toBeCloseTo(0.5 ** (1 / 3) - 1, 10); // -0.206299
    expect(r.ratio.value).toBeCloseTo(0.51175, 5);
    expect(eurostatCategory(r.ratio.value)).toBe("off_track");
  });
  it("completion is target / latest", () => {
    expect(completion(16, 10, "decrease").value).toBeCloseTo(0.625, 10);
    expect(completion(0, 10, "decrease")).toEqual({ value: null, why: "latest_zero" });
  });
});

describe("cagr (Open SDG data rules)", () => {
  it("replaces a zero by 0.001", () => {
    const c = cagr(0, 5, 2);
    expect(c.zeroReplaced).toBe(true);
    expect(c.value).toBeCloseTo(Math.sqrt(5000) - 1, 8);
  });
  it("refuses opposite signs", () => {
    expect(cagr(-10, 5, 2)).toMatchObject({ value: null, why: "opposite_signs" });
  });
  it("needs two distinct years", () => {
    expect(cagr(10, 12, 0)).toMatchObject({ value: null, why: "single_point" });
  });
  it("works for two negative values (s = -1 in the ratio)", () => {
    // -10 -> -5 is an improvement for an increase indicator.
    const r = eurostatRatio({ y0: -10, yt: -5, tv: -2, t0: 2017, t: 2019, T: 2020, direction: "increase" });
    expect(r.ratio.value).toBeCloseTo(((Math.SQRT1_2 - 1) / -(0.2 ** (1 / 3) - 1)) * -1, 10);
    expect(r.ratio.value!).toBeGreaterThan(0);
  });
  it("reports overflow as null, never Infinity", () => {
    expect(cagr(1e-300, 1e300, 0.001).value).toBeNull();
  });
  it("a zero required growth cannot be divided by", () => {
    expect(eurostatRatio({ y0: 5, yt: 6, tv: 5, t0: 2017, t: 2019, T: 2020, direction: "increase" }).ratio.why).toBe(
      "required_growth_zero",
    );
  });
});

describe("categories at their thresholds", () => {
  it("Eurostat", () => {
    expect(eurostatCategory(0.95)).toBe("on_track");
    expect(eurostatCategory(0.9499)).toBe("needs_acceleration");
    expect(eurostatCategory(0.6)).toBe("needs_acceleration");
    expect(eurostatCategory(0.5999)).toBe("off_track");
    expect(eurostatCategory(0)).toBe("off_track");
    expect(eurostatCategory(-0.0001)).toBe("regressing");
    expect(eurostatCategory(null)).toBeNull();
  });
  it("ESCAP", () => {
    expect(escapCategory(1)).toBe("on_track");
    expect(escapCategory(0.999)).toBe("needs_acceleration");
    expect(escapCategory(0)).toBe("needs_acceleration");
    expect(escapCategory(-0.01)).toBe("regressing");
  });
  it("China, with the tolerance as a parameter", () => {
    expect(cnCategory(0.7, 2 / 3, 0.05)).toBe("on_schedule");
    expect(cnCategory(0.7, 2 / 3, 0.02)).toBe("ahead_of_schedule");
    expect(cnCategory(0.6, 2 / 3, 0.05)).toBe("behind");
    expect(cnCategory(0.63, 2 / 3, 0.05)).toBe("on_schedule");
    expect(cnCategory(0.8, 0.5, 0)).toBe("ahead_of_schedule");
    expect(cnCategory(null, 0.5, 0.05)).toBeNull();
  });
});

describe("paths to the target", () => {
  it("required next value on the compound path, and the growth still needed", () => {
    // 2018 = 46, target 70 in 2020: sqrt(46 * 70) next year.
    expect(requiredNext(46, 70, 2018, 2020).value).toBeCloseTo(Math.sqrt(46 * 70), 10);
    expect(requiredGrowthRemaining(46, 70, 2018, 2020).value).toBeCloseTo(Math.sqrt(70 / 46) - 1, 10);
  });
  it("falls back to a straight line across zero", () => {
    const r = requiredNext(-4, 8, 2018, 2020);
    expect(r.linear).toBe(true);
    expect(r.value).toBe(2);
  });
  it("is null at the target year", () => {
    expect(requiredNext(46, 70, 2020, 2020).value).toBeNull();
    expect(requiredGrowthRemaining(46, 70, 2020, 2020).value).toBeNull();
  });
  it("least squares through 40, 46, 52 reaches 58 in 2020", () => {
    const pts = [
      { year: 2017, value: 40 },
      { year: 2018, value: 46 },
      { year: 2019, value: 52 },
    ];
    expect(leastSquares(pts, 2020).value).toBeCloseTo(58, 10);
    expect(
      leastSquares(
        [
          { year: 2017, value: 40 },
          { year: 2019, value: 50 },
          { year: 2019, value: 54 },
        ],
        2021,
      ).value,
    ).toBeCloseTo(64, 10);
    expect(leastSquares(pts.slice(0, 1), 2020).value).toBeNull();
  });
  it("gap is 0 once met and the remaining distance otherwise", () => {
    expect(gap(52, 70, ">=").value).toBe(18);
    expect(gap(75, 70, ">=").value).toBe(0);
    expect(gap(16, 10, "<=").value).toBe(6);
    expect(gap(9, 10, "=").value).toBe(1);
  });
  it("comparators", () => {
    expect(meets(70, 70, ">=")).toBe(true);
    expect(meets(70, 70, ">")).toBe(false);
    expect(meets(0.1 + 0.2, 0.3, "=")).toBe(true);
    expect(meets(9, 10, "<")).toBe(true);
  });
});
