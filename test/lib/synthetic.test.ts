import { describe, expect, it } from "vitest";
import { isSyntheticName, isSyntheticText } from "../../lib/synthetic.ts";
import { isSyntheticRow } from "../../pipelines/site/source.ts";

describe("lib/synthetic: one test for demo data", () => {
  it("recognises synthetic file names, sources and notes", () => {
    expect(isSyntheticName("demo-synthetic-2019.csv")).toBe(true);
    expect(isSyntheticName("合成数据.xlsx")).toBe(true);
    expect(isSyntheticName("统计局2019.xlsx")).toBe(false);
    expect(isSyntheticText("合成示例数据")).toBe(true);
    expect(isSyntheticText("市统计局")).toBe(false);
  });
  it("is the rule the site's banner uses", () => {
    expect(isSyntheticRow({ file: "x.csv", source: "Synthetic data", note: null })).toBe(true);
    expect(isSyntheticRow({ file: "x.csv", source: "市统计局", note: "正式" })).toBe(false);
  });
});
