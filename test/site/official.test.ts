// Official published figures versus synthetic demo data (pipelines/site/source.ts), and the static
// list of plans that `build --all-plans` writes.
import { describe, expect, it } from "vitest";
import { plansIndexHtml } from "../../pipelines/commands/build-all.ts";
import { officialSources, syntheticReasons } from "../../pipelines/site/source.ts";
import type { ObservationRow } from "../../pipelines/site/types.ts";

const row = (over: Partial<ObservationRow>): ObservationRow => ({
  indicator: "tech_contract_turnover",
  indicator_zh: "技术合同成交额",
  region: "210000",
  year: 2020,
  value: 645.1,
  unit: "亿元",
  status: "final",
  source: "辽宁省人民政府《辽宁省“十四五”科技创新规划》",
  published: null,
  note: "原文：“2020年，全省技术合同成交额达到645.1亿元”",
  file: "official-figures.csv",
  row: 2,
  current: true,
  ingested_at: "2026-11-30 05:00:00",
  seq: 1,
  ...over,
});

describe("official published figures", () => {
  it("are official when nothing is synthetic and every figure names a source; sources listed once", () => {
    const rows = [row({}), row({ year: 2019, value: 500 }), row({ region: "210100", source: "沈阳市科学技术局" })];
    expect(officialSources(syntheticReasons(false, rows, []), rows)).toEqual({
      sources: ["沈阳市科学技术局", "辽宁省人民政府《辽宁省“十四五”科技创新规划》"].sort(),
    });
  });
  it("are not official when a figure lacks a source, a file or note is synthetic, or the plan is", () => {
    expect(officialSources([], [row({}), row({ source: " " })])).toBeNull();
    const demo = [row({ file: "demo-synthetic-1.csv" })];
    expect(officialSources(syntheticReasons(false, demo, []), demo)).toBeNull();
    const noted = [row({ note: "合成示例数据" })];
    expect(officialSources(syntheticReasons(false, noted, []), noted)).toBeNull();
    expect(officialSources(syntheticReasons(true, [row({})], []), [row({})])).toBeNull();
    expect(officialSources([], [])).toBeNull();
  });
});

describe("the list of plans", () => {
  it("links each plan's folder and escapes every text", () => {
    const html = plansIndexHtml([
      { id: "liaoning-2018-2020", title_zh: "辽宁省<计划>", title_en: "Liaoning & co", document: "辽政办发〔2018〕22号", region: "210000" },
    ]);
    expect(html).toContain('href="liaoning-2018-2020/index.html"');
    expect(html).toContain("辽宁省&#60;计划&#62;");
    expect(html).toContain("Liaoning &#38; co");
    expect(html).not.toContain("<script");
  });
});
