import { describe, expect, it } from "vitest";
import { assessPlan } from "../../assessment/engine.ts";
import { countStatuses, emptyCounts, summarySentence, worstStatus } from "../../assessment/rollup.ts";
import type { StatusCounts } from "../../assessment/types.ts";
import { indicator, obs, plan, wafangdian } from "./helpers.ts";

const counts = (c: Partial<StatusCounts>): StatusCounts => ({ ...emptyCounts(), ...c });

describe("summary sentence", () => {
  it("the example from the brief, in both languages", () => {
    const s = summarySentence(counts({ achieved: 2, on_track: 1, off_track: 2 }), 5, "headline");
    expect(s.zh).toBe("5项主要指标中，2项已完成，1项进度正常，2项进展不足。");
    expect(s.en).toBe("Of 5 headline indicators, 2 achieved, 1 on track and 2 off track.");
  });
  it("agrees in number", () => {
    const s = summarySentence(counts({ needs_acceleration: 1, regressing: 2, insufficient_data: 1 }), 4, "all");
    expect(s.en).toBe("Of 4 indicators, 1 needs to speed up, 2 are moving backwards and 1 without enough data.");
    expect(s.zh).toBe("4项指标中，1项需加快，2项倒退，1项数据不足。");
    expect(summarySentence(counts({ needs_acceleration: 2, missed: 1 }), 3, "all").en).toBe(
      "Of 3 indicators, 2 need to speed up and 1 missed.",
    );
  });
  it("all in one category", () => {
    expect(summarySentence(counts({ on_track: 5 }), 5, "headline")).toEqual({
      zh: "5项主要指标全部进度正常。",
      en: "All 5 headline indicators are on track.",
    });
    expect(summarySentence(counts({ missed: 1 }), 1, "headline")).toEqual({
      zh: "1项主要指标未完成。",
      en: "The only headline indicator was missed.",
    });
  });
  it("nothing to assess", () => {
    expect(summarySentence(emptyCounts(), 0, "headline").en).toBe("There are no headline indicators to assess.");
  });
  it("falls back to all indicators when none is headline", () => {
    const p = plan([indicator({ headline: false }), indicator({ id: "y", headline: false })]);
    const a = assessPlan(p, [...obs("x", { 2017: 40, 2019: 75 }), ...obs("y", { 2017: 40, 2019: 41 })]);
    expect(a.summary.headline.total).toBe(0);
    expect(a.summary.all).toMatchObject({ total: 2, achieved: 1, off_track: 1 });
    expect(a.summary.sentence.zh).toBe("2项指标中，1项已完成，1项进展不足。");
  });
});

describe("worst status and counts", () => {
  it("uses STATUS_ORDER", () => {
    expect(worstStatus(["achieved", "on_track", "insufficient_data"])).toBe("insufficient_data");
    expect(worstStatus(["needs_acceleration", "insufficient_data"])).toBe("needs_acceleration");
    expect(worstStatus(["regressing", "missed"])).toBe("missed");
    expect(worstStatus([])).toBeNull();
    expect(countStatuses(["achieved", "achieved", "missed"])).toEqual(counts({ achieved: 2, missed: 1 }));
  });
});

describe("roll-ups on the Wafangdian plan", () => {
  const p = wafangdian();
  const o = [
    ...obs("rd_expenditure", { 2017: 4, 2018: 4.8, 2019: 5.6 }), // needs acceleration towards 8
    ...obs("high_tech_enterprises", { 2017: 40, 2018: 70, 2019: 101 }), // achieved
    ...obs("rd_institutions", { 2017: 20, 2019: 19 }), // regressing
    ...obs("converted_achievements", { 2018: 20, 2019: 20 }), // 40 of 50 in 2 of 3 years: on track
    ...obs("tech_contract_turnover", { 2017: 1, 2019: 1.1 }), // off track
    ...obs("incubators", { 2017: 1, 2019: 2 }), // achieved
  ];
  const a = assessPlan(p, o);
  const st = (id: string) => a.indicators.find((i) => i.id === id)!.status;

  it("assesses the indicators as expected", () => {
    expect(a.year).toBe(2019);
    expect(st("rd_expenditure")).toBe("needs_acceleration");
    expect(st("high_tech_enterprises")).toBe("achieved");
    expect(st("rd_institutions")).toBe("regressing");
    expect(st("converted_achievements")).toBe("on_track");
    expect(st("tech_contract_turnover")).toBe("off_track");
    expect(st("maker_spaces")).toBe("insufficient_data");
  });
  it("per task: counts and worst", () => {
    expect(a.tasks).toHaveLength(18);
    const t4 = a.tasks.find((t) => t.id === 4)!;
    expect(t4.indicators).toEqual(["rd_expenditure", "incubators", "converted_achievements", "high_tech_enterprises"]);
    expect(t4.counts).toEqual(counts({ needs_acceleration: 1, achieved: 2, on_track: 1 }));
    expect(t4.worst).toBe("needs_acceleration");
    expect(a.tasks.find((t) => t.id === 16)).toMatchObject({ indicators: [], worst: null, counts: emptyCounts() });
    expect(a.tasks.find((t) => t.id === 9)?.worst).toBe("regressing");
  });
  it("per group: union of indicators, counted once", () => {
    const g2 = a.groups.find((g) => g.id === 2)!;
    expect(g2.tasks).toEqual([3, 4, 5]);
    expect(g2.indicators).toEqual(["converted_achievements", "rd_expenditure", "incubators", "high_tech_enterprises", "tech_smes"]);
    expect(g2.counts).toEqual(counts({ on_track: 1, needs_acceleration: 1, achieved: 2, insufficient_data: 1 }));
    expect(g2.worst).toBe("needs_acceleration");
    expect(a.groups.map((g) => g.id)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(a.groups.find((g) => g.id === 7)?.worst).toBeNull();
  });
  it("per responsible unit: its tasks and the union of their indicators", () => {
    const edu = a.units.find((u) => u.id === "jyj")!;
    expect(edu.tasks).toEqual([13, 14]);
    expect(edu.indicators).toEqual(["tech_contract_turnover", "converted_achievements"]);
    expect(edu.worst).toBe("off_track");
    const rsj = a.units.find((u) => u.id === "rsj")!;
    expect(rsj.tasks).toEqual([1, 2, 16, 17]);
    const jxj = a.units.find((u) => u.id === "jxj")!;
    expect(new Set(jxj.indicators).size).toBe(jxj.indicators.length);
    expect(jxj.worst).toBe("regressing");
  });
  it("indicators list their tasks", () => {
    expect(a.indicators.find((i) => i.id === "tech_contract_turnover")?.tasks).toEqual([13, 14, 18]);
  });
  it("summarises the five headline indicators", () => {
    expect(a.summary.headline).toEqual({
      ...counts({ achieved: 1, on_track: 1, needs_acceleration: 1, off_track: 1, regressing: 1 }),
      total: 5,
    });
    expect(a.summary.all.total).toBe(13);
    expect(a.summary.all.insufficient_data).toBe(7);
    expect(a.summary.sentence.zh).toBe("5项主要指标中，1项已完成，1项进度正常，1项需加快，1项进展不足，1项倒退。");
    expect(a.summary.sentence.en).toBe(
      "Of 5 headline indicators, 1 achieved, 1 on track, 1 needs to speed up, 1 off track and 1 is moving backwards.",
    );
  });
});
