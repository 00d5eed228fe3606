import { describe, expect, it } from "vitest";
import { changeOnYear } from "../../src/components/cards.ts";
import { chartPaths } from "../../assessment/paths.ts";
import { chartSeries, projectionPaths, requiredPath } from "../../src/components/charts.ts";
import { filterIndicators, growthText, indicatorLinks } from "../../src/components/gaps.ts";
import { methodRows, valueRows, vintageRows } from "../../src/components/indicator.ts";
import { coverageCells, supersededRows } from "../../src/components/quality.ts";
import { sortRows } from "../../src/components/table.ts";
import type { ObservationRow } from "../../pipelines/site/types.ts";
import { sampleAssessment } from "./fixtures.ts";

const { assessment } = sampleAssessment();
const byId = (id: string) => assessment.indicators.find((d) => d.id === id)!;

describe("chart data", () => {
  it("draws running totals for cumulative targets, plan years only", () => {
    const converted = byId("converted_achievements");
    expect(chartSeries(converted)).toEqual([
      { year: 2018, value: 14, status: "final", origin: "reported" },
      { year: 2019, value: 31, status: "final", origin: "reported" },
    ]);
  });
  it("requires a compound path from baseline to target for levels", () => {
    const path = requiredPath(byId("rd_expenditure"));
    expect(path.map((p) => p.year)).toEqual([2017, 2018, 2019, 2020]);
    expect(path[0].value).toBeCloseTo(320 / 70);
    expect(path[3].value).toBeCloseTo(8);
    expect(path[1].value).toBeCloseTo((320 / 70) * 1.75 ** (1 / 3));
  });
  it("requires a straight path from 0 for totals", () => {
    const path = requiredPath(byId("converted_achievements"));
    expect(path[0]).toEqual({ year: 2017, value: 0 });
    expect(path.at(-1)?.value).toBeCloseTo(50);
  });
  it("projects from the latest value to the target year", () => {
    const rd = byId("rd_expenditure");
    const { compound, linear } = projectionPaths(rd);
    expect(compound[0]).toEqual({ year: 2019, value: (52 * 8) / 70 });
    expect(rd.projected.compound).toBeCloseTo((59.289 * 8) / 70, 2);
    expect(compound.at(-1)?.value).toBeCloseTo(rd.projected.compound!);
    expect(linear.at(-1)?.value).toBeCloseTo(rd.projected.linear!);
  });
  it("gives no projection once the target year is reached", () => {
    const paths = chartPaths({ ...byId("rd_expenditure"), latest: { year: 2020, value: 8, status: "final" } });
    expect(projectionPaths({ paths })).toEqual({ compound: [], linear: [] });
  });
  it("computes the change on the year from consecutive years only", () => {
    expect(changeOnYear(byId("high_tech_enterprises"))?.change).toBeCloseTo(101 / 66 - 1);
    expect(changeOnYear(byId("tech_smes"))).toBeNull();
  });
});

describe("gaps table", () => {
  it("filters by status, task group and responsible unit", () => {
    expect(filterIndicators(assessment, {}).length).toBe(assessment.indicators.length);
    const achieved = filterIndicators(assessment, { status: "achieved" });
    expect(achieved.map((d) => d.id)).toContain("high_tech_enterprises");
    expect(achieved.every((d) => d.status === "achieved")).toBe(true);
    expect(
      filterIndicators(assessment, { group: "3" })
        .map((d) => d.id)
        .sort(),
    ).toEqual(["incubators", "maker_spaces", "star_innovation_bases"]);
    const edu = filterIndicators(assessment, { unit: "jyj" })
      .map((d) => d.id)
      .sort();
    expect(edu).toEqual(["converted_achievements", "tech_contract_turnover"]);
  });
  it("links indicators to tasks, groups and units", () => {
    const links = indicatorLinks(assessment, { id: "fry_release" });
    expect(links.tasks).toEqual([12]);
    expect(links.groups).toEqual([5]);
    expect(links.units).toContain("nfj");
  });
  it("states growth as rates for levels and pace for totals", () => {
    expect(growthText(byId("rd_expenditure"), "actual", "zh")).toMatch(/%$/);
    expect(growthText(byId("converted_achievements"), "required", "zh")).toBe("16.67项/年");
    expect(growthText(byId("converted_achievements"), "required", "en")).toBe("16.67 items a year");
  });
  it("sorts numbers numerically, nulls last either way", () => {
    const rows = [{ v: 3 }, { v: null }, { v: 10 }, { v: 1 }];
    const col = { value: (r: { v: number | null }) => r.v };
    expect(sortRows(rows, col, 1).map((r) => r.v)).toEqual([1, 3, 10, null]);
    expect(sortRows(rows, col, -1).map((r) => r.v)).toEqual([10, 3, 1, null]);
  });
});

describe("indicator page rows", () => {
  it("puts the three methods beside the overall status", () => {
    const rows = methodRows(byId("rd_expenditure"), "zh");
    expect(rows.map((r) => r.method)).toHaveLength(4);
    expect(rows[1].verdict).toBe("中等进展");
    expect(rows[3].verdict).toBe("滞后");
  });
  const obs = (o: Partial<ObservationRow>): ObservationRow => ({
    indicator: "rd_expenditure",
    indicator_zh: "R&D",
    region: "210281",
    year: 2019,
    value: 6.9,
    unit: "亿元",
    status: "preliminary",
    source: null,
    published: "2020-03-20",
    note: null,
    file: "a.csv",
    row: 3,
    current: false,
    ingested_at: "2026-01-01 00:00:00",
    seq: 1,
    ...o,
  });
  it("keeps every vintage, with a CSV row that carries the hostile text as data", () => {
    const rows = vintageRows(
      [obs({}), obs({ value: 7.1, status: "final", current: true, note: "=cmd|' /C calc'!A0" })],
      byId("rd_expenditure"),
    );
    expect(rows).toHaveLength(2);
    expect(rows[1].csv.note).toBe("=cmd|' /C calc'!A0");
    expect(rows[0].csv.current).toBe("no");
  });
  it("adds the figures derived from records, marked derived, beside the vintages", () => {
    const ind = byId("rd_expenditure");
    const withDerived = {
      ...ind,
      series: [
        ...ind.series,
        {
          year: 2020,
          value: 7.8,
          cumulative: 7.8,
          status: "final" as const,
          published: null,
          source: "研发费用合计",
          origin: "derived" as const,
        },
      ],
    };
    const rows = valueRows([obs({ value: 7.1, status: "final", current: true })], withDerived, "210281");
    expect(rows.map((r) => [r.year, r.origin])).toEqual([
      [2019, "reported"],
      [2020, "derived"],
    ]);
    expect(rows[1].csv).toMatchObject({ origin: "derived", region: "210281", file: null });
    expect(chartSeries(withDerived).at(-1)).toMatchObject({ year: 2020, origin: "derived" });
  });
  it("finds superseded figures and what replaced them", () => {
    const list = [obs({}), obs({ value: 7.1, status: "final", current: true })];
    const s = supersededRows(list);
    expect(s).toHaveLength(1);
    expect(s[0].old.value).toBe(6.9);
    expect(s[0].current?.value).toBe(7.1);
  });
  it("fills the coverage grid with missing where there is no current figure", () => {
    const cells = coverageCells([obs({ current: true, status: "final", year: 2018 })], [{ id: "rd_expenditure", name: "R&D" }], {
      from: 2017,
      to: 2019,
    });
    expect(cells.map((c) => c.state)).toEqual(["missing", "final", "missing"]);
  });
});
