// Reason sentences write their numbers as officials do (lib/format.ts): money in the indicator's
// unit, counts whole with their measure word, shares with one decimal, ratios with two, years plain;
// and a growth rate from a zero (Open SDG's 0.001) is never shown, with the reason why.
import { describe, expect, it } from "vitest";
import { assessPlan } from "../../assessment/engine.ts";
import { formatParam, reason } from "../../assessment/labels.ts";
import { whatIf } from "../../assessment/what-if.ts";
import { indicator, obs, plan } from "./helpers.ts";

const one = (ind: ReturnType<typeof indicator>, values: Record<number, number>, year?: number) =>
  assessPlan(plan([ind]), obs(ind.id, values), year === undefined ? {} : { year }).indicators[0];
const said = (a: { reasons: { field: string; zh: string; en: string }[] }, field: string) => a.reasons.filter((r) => r.field === field);
const LONG_DECIMAL = /\d\.\d{3,}/;

describe("reason sentences: numbers through the shared formatter", () => {
  it("money in the indicator's unit, in both languages, the ratio with two decimals", () => {
    // 5.4 -> 7.1 亿元 over two years against 8 by 2020: R = 1.0476...
    const a = one(indicator({ unit: "亿元", unit_en: "100 million yuan", target: 8 }), { 2017: 5.4, 2018: 6.3, 2019: 7.1 });
    const [s] = said(a, "status");
    expect(s.zh).toBe("实际增速与要求增速之比为1.05（≥0.95），照此速度可按期完成。");
    expect(s.en).toContain("Actual growth is 1.05 times the required growth");
    const b = one(indicator({ unit: "亿元", unit_en: "100 million yuan", target: 8 }), { 2017: 5.4, 2020: 8.1412 });
    const [f] = said(b, "status");
    expect(f.zh).toBe("目标年2020年数值8.14亿元达到目标8亿元，目标已完成（实现程度101.8%）。");
    expect(f.en).toBe("The 2020 value CNY 814 million meets the target CNY 800 million: achieved (completion 101.8%).");
  });

  it("counts whole with their measure word; years stay plain years", () => {
    const ind = indicator({ id: "inst", unit: "家", unit_en: "institutions", target: 30 });
    const a = one(ind, { 2017: 39.2874, 2019: 41 });
    const [b] = said(a, "baseline").filter((r) => r.zh.includes("已达到目标"));
    expect(b.zh).toBe("基期值39家已达到目标30家：目标在计划开始前已实现，进度类指标意义有限。");
    expect(b.en).toContain("The baseline 39 institutions already meets the target 30 institutions");
    const [s] = said(a, "status");
    expect(s.zh).toBe("2019年数值41家已达到目标30家，提前完成。");
    expect(s.en).toBe("The 2019 value 41 institutions already meets the target 30 institutions: achieved early.");
    const big = reason("baseline", "baseline_missing", { year: 2019, used: 2020 }, { unit: "家", unit_en: "institutions" });
    expect(big.zh).toBe("基期2019年没有数据，基期改用其后最近有数据的2020年。");
    expect(big.en).not.toContain("2,019");
  });

  it("a yearly pace for a total keeps its unit; the pace ratio has two decimals", () => {
    const fry = indicator({ id: "fry", unit: "亿尾", unit_en: "100 million fry", measure: "cumulative", target: 5.8 });
    const a = one(fry, { 2018: 1.9, 2019: 1.95 }, 2019);
    const [s] = said(a, "status");
    expect(s.zh).toBe("年均完成1.92亿尾，要求年均1.93亿尾，比率1.00（≥0.95），照此进度可按期完成。");
    expect(s.en).toBe("The yearly pace so far is 192 million fry against 193 million fry required (ratio 1.00, at least 0.95): on course.");
  });

  it("percentages with one decimal; a ratio never rounds across a threshold", () => {
    expect(formatParam("completion", 0.9, "zh")).toBe("90.0%");
    expect(formatParam("ratio", 0.9496, "zh")).toBe("0.94");
    expect(formatParam("ratio", -0.4819, "en")).toBe("-0.48");
    expect(formatParam("ratio", -0.001, "en")).toBe("-0.01");
    expect(formatParam("count", 1234.4, "en")).toBe("1,234");
    expect(formatParam("value", 18500, "zh", { unit: "万元" })).toBe("18500万元");
    expect(formatParam("value", 18500, "en", { unit: "万元" })).toBe("CNY 185 million");
  });

  it("no sentence of a realistic assessment holds a long decimal, in either language", () => {
    const inds = [
      indicator({ id: "m", unit: "亿元", unit_en: "100 million yuan", target: 8 }),
      indicator({ id: "c", unit: "家", unit_en: "enterprises", target: 100 }),
      indicator({ id: "p", unit: "%", unit_en: "%", target: 2.5 }),
      indicator({ id: "t", unit: "项", unit_en: "items", measure: "cumulative", target: 50 }),
    ];
    const a = assessPlan(plan(inds), [
      ...obs("m", { 2017: 5.41234, 2018: 6.29871, 2019: 7.14123 }),
      ...obs("c", { 2017: 52.4, 2018: 70.7, 2019: 93.3 }),
      ...obs("p", { 2017: 1.8123, 2019: 2.0456 }),
      ...obs("t", { 2018: 13.3333, 2019: 17.7777 }),
    ]);
    for (const ind of a.indicators) {
      for (const r of ind.reasons) {
        expect(r.zh, `${ind.id} ${r.code}`).not.toMatch(LONG_DECIMAL);
        expect(r.en, `${ind.id} ${r.code}`).not.toMatch(LONG_DECIMAL);
      }
    }
  });

  it("the what-if sentence writes the projection in the indicator's unit", () => {
    const ind = indicator({ unit: "亿元", unit_en: "100 million yuan", target: 8 });
    const p = plan([ind]);
    const a = assessPlan(p, obs("x", { 2017: 5.4, 2018: 6.3, 2019: 7.1 })).indicators[0];
    const r = whatIf(p, ind, a.series, { growth: 0.1 });
    const s = r.reasons.find((x) => x.code === "scenario_projected")!;
    expect(s.zh).toBe("按此情景，2020年预计为7.81亿元。");
    expect(s.en).toBe("Under this scenario the 2020 value would be CNY 781 million.");
  });
});

describe("no growth rate from a zero or substituted value", () => {
  it("a zero baseline: the method keeps its figures, the shown rates are null with the reason", () => {
    const a = one(indicator({ unit: "个", unit_en: "alliances", target: 1 }), { 2017: 0, 2019: 1 }, 2019);
    // Open SDG's 0.001 stands in for the classification (docs/methods.md): unchanged.
    expect(a.cagr_actual).toBeCloseTo(Math.sqrt(1000) - 1, 8);
    expect(a.growth_ratio).not.toBeNull();
    // ... but no surface shows a rate from it.
    expect(a.growth_shown).toEqual({ actual: null, required: null });
    for (const f of ["cagr_actual", "cagr_required"]) {
      const [r] = said(a, f);
      expect(r.zh).toBe("基期值为0，不计算增长率。");
      expect(r.en).toBe("The baseline is 0: no growth rate.");
    }
  });

  it("a zero latest value withholds the actual rate only; a zero target the required rate only", () => {
    const down = one(indicator({ target: 2 }), { 2017: 5, 2019: 0 });
    expect(down.growth_shown.actual).toBeNull();
    expect(down.growth_shown.required).toBeCloseTo(down.cagr_required!, 12);
    expect(said(down, "cagr_actual")[0].zh).toBe("最新值为0，不计算增长率。");
    const toZero = one(indicator({ direction: "decrease", target: 0 }), { 2017: 5, 2019: 3 });
    expect(toZero.growth_shown.actual).toBeCloseTo(toZero.cagr_actual!, 12);
    expect(toZero.growth_shown.required).toBeNull();
    expect(said(toZero, "cagr_required")[0].en).toBe("The target is 0: no growth rate.");
  });

  it("ordinary series show the method's rates", () => {
    const a = one(indicator(), { 2017: 40, 2018: 46, 2019: 52 });
    expect(a.growth_shown).toEqual({ actual: a.cagr_actual, required: a.cagr_required });
    expect(a.growth_shown.actual).not.toBeNull();
  });
});
