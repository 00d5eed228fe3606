// The cascade on a small three-level synthetic fixture (province 990000 → cities 9901/9902/9903 →
// county 990101 → towns): sums, ratios, a missing child, a child with a different target year,
// a parent figure rolled up from its children, a cumulative measure, and allocations to towns.
import { describe, expect, it } from "vitest";
import { allocate } from "../../assessment/allocation.ts";
import { type CascadeIndicator, type CascadeInput, cascade, latestFigure } from "../../assessment/cascade.ts";
import { childStatusWord } from "../../lib/cascade-words.ts";
import { childOnPath, isDescendant, parentRegion } from "../../domain/region.ts";

const ind = (id: string, over: Partial<CascadeIndicator> = {}): CascadeIndicator => ({
  id,
  zh: id,
  en: id,
  unit: "家",
  measure: "level",
  direction: "increase",
  comparator: ">=",
  target: 100,
  target_year: 2020,
  rollup: "sum",
  ...over,
});
const pts = (...p: [number, number][]) => p.map(([year, value]) => ({ year, value, origin: "reported" as const }));

const input: CascadeInput = {
  plan: { id: "p", start_year: 2018, region: { code: "990000", zh: "省", en: "Province" } },
  indicators: [
    ind("hte"),
    ind("rd_ratio", { unit: "%", target: 2.3, rollup: "ratio" }),
    ind("turnover", { unit: "亿元", target: 60 }),
    ind("converted", { unit: "项", measure: "cumulative", target: 30 }),
  ],
  parentSeries: { hte: pts([2019, 70], [2020, 80]), rd_ratio: pts([2020, 2.1]), converted: pts([2018, 5], [2019, 8], [2020, 9]) },
  children: [
    {
      code: "990100",
      zh: "甲市",
      en: "A",
      series: { hte: pts([2020, 35]), rd_ratio: pts([2020, 2.64]), turnover: pts([2020, 10]), converted: pts([2018, 2], [2020, 3]) },
      targets: { hte: { value: 40, year: 2020, origin: "plan" }, converted: { value: 10, year: 2020, origin: "plan" } },
    },
    {
      code: "990200",
      zh: "乙市",
      en: "B",
      series: { hte: pts([2019, 31], [2020, 30]), rd_ratio: pts([2020, 1.5]), turnover: pts([2020, 20]) },
      targets: { hte: { value: 30, year: 2019, origin: "plan" } },
    },
    { code: "990300", zh: "丙市", en: "C", series: {}, targets: { hte: { value: 20, year: 2020, origin: "allocated" } } },
  ],
};

describe("region tree", () => {
  it("walks codes up the tree", () => {
    expect(parentRegion("210281")).toBe("210200");
    expect(parentRegion("210200")).toBe("210000");
    expect(parentRegion("210000")).toBe("100000");
    expect(parentRegion("100000")).toBeNull();
    expect(parentRegion("210281100")).toBe("210281");
    expect(parentRegion("复州城镇")).toBeNull();
    expect(isDescendant("210281", "210000")).toBe(true);
    expect(isDescendant("210100", "210200")).toBe(false);
    expect(childOnPath("210281100", "210000")).toBe("210200");
  });
});

describe("cascade", () => {
  const c = cascade(input);
  const get = (id: string) => c.indicators.find((i) => i.id === id)!;

  it("assesses as at the latest year with data", () => expect(c.year).toBe(2020));

  it("summable: shares, each child's gap and its contribution to the parent's gap", () => {
    const hte = get("hte");
    expect(hte.parent.latest).toMatchObject({ year: 2020, value: 80, origin: "reported" });
    expect(hte.parent.gap).toBe(20);
    const [a, b, cc] = hte.children;
    expect(a).toMatchObject({ status: "missed", gap: 5, contribution_to_parent_gap: 5, share_of_parent_gap: 0.25 });
    expect(a.share_of_parent_value).toBeCloseTo(35 / 80);
    expect(a.share_of_parent_target).toBeCloseTo(0.4);
    expect(hte.holds_back).toEqual(["990100"]);
    // B met its own (2019) target in 2019 but 30 >= 30 still holds in 2020; its target year differs from the parent's.
    expect(b).toMatchObject({ status: "achieved", gap: 0, target_year_differs: true });
    // C reports nothing: no value, no share, counted as missing in the coverage.
    expect(cc).toMatchObject({ status: "no_data", latest: null, share_of_parent_value: null, target: { origin: "allocated" } });
    expect(hte.coverage).toEqual({ with_value: 2, children: 3 });
  });

  it("summable: the children's targets add up or fall short", () => {
    expect(get("hte").targets_add_up).toEqual({
      parent_target: 100,
      sum: 90,
      children_with_target: 3,
      children: 3,
      shortfall: 10,
      adds_up: false,
    });
  });

  it("summable: the children's figures rolled up beside the parent's own", () => {
    expect(get("hte").parent.rolled_up).toEqual({
      year: 2020,
      value: 65,
      origin: "rolled_up",
      coverage: { present: 2, children: 3 },
    });
  });

  it("a parent without its own figure gets the children's sum, marked rolled up", () => {
    const t = get("turnover");
    expect(t.parent.latest).toBeNull();
    expect(t.parent.rolled_up).toMatchObject({ value: 30, origin: "rolled_up" });
    expect(t.parent.gap).toBe(30);
    expect(t.children[0].status).toBe("no_target");
  });

  it("ratio: no sum, no shares; each child against the parent's target line", () => {
    const r = get("rd_ratio");
    expect(r.targets_add_up).toBeNull();
    expect(r.parent.rolled_up).toBeNull();
    expect(r.children.map((x) => x.meets_parent_target)).toEqual([true, false, null]);
    expect(r.children.map((x) => x.share_of_parent_value)).toEqual([null, null, null]);
    expect(r.parent.status).toBe("missed");
  });

  it("cumulative: running totals from the start year", () => {
    const cv = get("converted");
    expect(cv.parent.latest?.value).toBe(22);
    expect(cv.children[0].latest?.value).toBe(5);
    expect(cv.children[0].contribution_to_parent_gap).toBe(5);
    expect(latestFigure(pts([2017, 9], [2018, 1]), "cumulative", 2018, 2020)?.value).toBe(1);
  });

  it("an earlier year uses the figures known up to it", () => {
    const c19 = cascade({ ...input, year: 2019 });
    const hte = c19.indicators[0];
    expect(hte.parent.latest?.value).toBe(70);
    expect(hte.children[0].latest).toBeNull();
    expect(hte.children[1]).toMatchObject({ status: "achieved", latest: { year: 2019, value: 31 } });
  });

  it("from the target year on, a level without its target-year figure awaits it (no trend word)", () => {
    const late: CascadeInput = {
      ...input,
      indicators: [ind("hte")],
      parentSeries: { hte: pts([2019, 70]) },
      children: [
        {
          code: "990100",
          zh: "甲市",
          en: "A",
          series: { hte: pts([2020, 35]) },
          targets: { hte: { value: 40, year: 2020, origin: "plan" } },
        },
        {
          code: "990200",
          zh: "乙市",
          en: "B",
          series: { hte: pts([2019, 20]) },
          targets: { hte: { value: 30, year: 2020, origin: "plan" } },
        },
      ],
    };
    const [hte] = cascade(late).indicators;
    expect(hte.parent).toMatchObject({ status: "in_progress", awaiting_year: 2020 });
    expect(hte.children.map((c) => [c.status, c.awaiting_year])).toEqual([
      ["missed", null],
      ["in_progress", 2020],
    ]);
    const [before] = cascade({ ...late, year: 2019 }).indicators;
    expect(before.children[1]).toMatchObject({ status: "in_progress", awaiting_year: null });
    expect(childStatusWord("in_progress", 2020, "zh")).toBe("数据暂缺（待2020年数值）");
    expect(childStatusWord("in_progress", null, "en")).toBe("in progress");
  });
});

describe("allocate", () => {
  const towns = [
    { code: "复州城镇", baseline: 30 },
    { code: "李店镇", baseline: 10 },
    { code: "新镇", baseline: null },
  ];

  it("by baseline share, reporting a town with no baseline", () => {
    const a = allocate(100, towns, { by: "baseline-share" });
    expect(a.rows.map((r) => r.amount)).toEqual([75, 25, 0]);
    expect(a.adds_up).toBe(true);
    expect(a.problems[0].en).toMatch(/新镇/);
  });

  it("equally", () => {
    const a = allocate(90, towns, { by: "equal" });
    expect(a.rows.map((r) => r.amount)).toEqual([30, 30, 30]);
  });

  it("explicit shares or amounts that do not add up are reported, not scaled", () => {
    const s = allocate(100, towns, { shares: { 复州城镇: 0.5, 李店镇: 0.3 } });
    expect(s).toMatchObject({ sum: 80, difference: 20, adds_up: false });
    expect(s.problems.some((p) => /80/.test(p.en))).toBe(true);
    const m = allocate(100, towns, { amounts: { 复州城镇: 60, 李店镇: 40, 外镇: 1 } });
    expect(m.adds_up).toBe(false);
    expect(m.problems.some((p) => /外镇/.test(p.en))).toBe(true);
  });
});
