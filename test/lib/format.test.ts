import { describe, expect, it } from "vitest";
import {
  comparatorSymbol,
  formatBytes,
  formatDate,
  formatGap,
  formatNumber,
  formatPercent,
  formatPoints,
  formatRatio,
  formatSignedPercent,
  formatTarget,
  formatValue,
  formatValueParts,
  formatYear,
  formatYearList,
} from "../../lib/format.ts";

describe("lib/format: numbers as official documents write them", () => {
  it("writes percentages with one decimal, always", () => {
    expect(formatPercent(1.03)).toBe("103.0%");
    expect(formatPercent(0.7429, "en")).toBe("74.3%");
    expect(formatPercent(1.15)).toBe("115.0%");
    expect(formatPercent(1.08, "en", 0)).toBe("108%");
    expect(formatPercent(null)).toBe("—");
    expect(formatSignedPercent(0.145)).toBe("+14.5%");
    expect(formatSignedPercent(-0.059)).toBe("-5.9%");
    expect(formatSignedPercent(0)).toBe("0.0%");
    expect(formatPoints(0.015, "zh")).toBe("1.5个百分点");
  });
  it("writes ratios with two decimals, never rounded across a threshold", () => {
    expect(formatRatio(1.0476)).toBe("1.05");
    expect(formatRatio(0.9957, "en")).toBe("1.00");
    expect(formatRatio(0.7)).toBe("0.70");
    expect(formatRatio(0.9496)).toBe("0.94"); // not "0.95" beside 需加快 (below 0.95)
    expect(formatRatio(0.5999)).toBe("0.59");
    expect(formatRatio(-0.001)).toBe("-0.01"); // regressing never reads "0.00"
    expect(formatRatio(-0.4819, "en")).toBe("-0.48");
    expect(formatRatio(null)).toBe("—");
  });
  it("writes counts as whole numbers in every language", () => {
    expect(formatValue(103.4, "家", "zh")).toBe("103家");
    expect(formatValue(12.6, "座", "zh")).toBe("13座");
    expect(formatValue(103, "家", "en", { unit_en: "enterprises" })).toBe("103 enterprises");
    expect(formatValue(1, "个", "en", { unit_en: "units" })).toBe("1 unit");
    expect(formatValue(123456, "家", "zh")).toBe("123456家");
    expect(formatValue(123456, "家", "en", { unit_en: "enterprises" })).toBe("123,456 enterprises");
    expect(formatValue(16.667, "项", "zh", { rate: true })).toBe("16.67项");
  });
  it("keeps money in the indicator's unit in Chinese and spells it out in English", () => {
    expect(formatValue(7.62, "亿元", "zh")).toBe("7.62亿元");
    expect(formatValue(8.1412, "亿元", "zh")).toBe("8.14亿元");
    expect(formatValue(18500, "万元", "zh")).toBe("18500万元");
    expect(formatValue(2.3, "亿元", "en")).toBe("CNY 230 million");
    expect(formatValue(12.5, "亿元", "en")).toBe("CNY 1.25 billion");
    expect(formatValue(350, "万元", "en")).toBe("CNY 3.5 million");
    expect(formatValue(1.85, "亿尾", "en")).toBe("185 million fry");
    // Three significant figures, as the Chinese amount shows it (8.14亿元).
    expect(formatValue(8.1412, "亿元", "en")).toBe("CNY 814 million");
    expect(formatValue(0.7933, "亿元", "en")).toBe("CNY 79.3 million");
    expect(formatValue(1.9333, "亿尾", "en")).toBe("193 million fry");
    expect(formatValue(0.0035, "亿元", "zh")).toBe("0.0035亿元");
    expect(formatValueParts(7.1, "亿元", "zh")).toEqual({ number: "7.1", unit: "亿元", sep: "" });
  });
  it("groups thousands in English only and has one minus sign", () => {
    expect(formatNumber(1260582, "zh")).toBe("1260582");
    expect(formatNumber(1260582, "en")).toBe("1,260,582");
    expect(formatNumber(-0.3, "en")).toBe("-0.3");
    expect(formatNumber(-0.0000001, "en", 2)).toBe("0");
    expect(formatNumber(Number.NaN, "en")).toBe("—");
  });
  it("says which way a gap goes instead of printing 0", () => {
    expect(formatGap(8.3, 8, ">=", "亿元", "zh")).toBe("超额0.3亿元");
    expect(formatGap(7.7, 8, ">=", "亿元", "zh")).toBe("差0.3亿元");
    expect(formatGap(7.7, 8, ">=", "亿元", "en")).toBe("CNY 30 million short");
    expect(formatGap(90, 100, "<=", "吨", "zh")).toBe("超额10吨");
    expect(formatGap(8.0000001, 8, ">=", "亿元", "zh")).toBe("达到目标");
    expect(formatGap(null, 8, ">=", "亿元", "zh")).toBe("—");
  });
  it("writes targets, years, dates, sizes and year lists", () => {
    expect(formatTarget(8, ">=", "亿元", "zh")).toBe("8亿元以上");
    expect(formatTarget(8, ">=", "亿元", "en")).toBe("at least CNY 800 million");
    expect(comparatorSymbol("<=")).toBe("≤");
    expect(formatYear(2019, "zh")).toBe("2019年");
    expect(formatDate("2020-03-20", "zh")).toBe("2020年3月20日");
    expect(formatDate("2020-03-20", "en")).toBe("20 Mar 2020");
    expect(formatBytes(2048)).toBe("2.0 KB");
    expect(formatYearList([2015, 2016, 2017, 2019], "zh")).toBe("2015-2017、2019");
  });
});
