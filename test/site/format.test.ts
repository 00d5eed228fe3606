import { describe, expect, it } from "vitest";
import {
  comparatorSymbol,
  formatDate,
  formatPercent,
  formatSignedPercent,
  formatValue,
  formatValueParts,
  formatYear,
  langHref,
  parseLang,
  pick,
} from "../../src/components/i18n.ts";

describe("formatValue: amounts the way each reader expects", () => {
  it("keeps 亿元 in Chinese and spells it out in English", () => {
    expect(formatValue(7.1, "亿元", "zh")).toBe("7.1亿元");
    expect(formatValue(7.1, "亿元", "en")).toBe("CNY 710 million");
    expect(formatValue(12.5, "亿元", "en")).toBe("CNY 1.25 billion");
  });
  it("keeps the indicator's unit in Chinese, as official documents do", () => {
    expect(formatValue(18000, "万元", "zh")).toBe("18000万元");
    expect(formatValue(350, "万元", "zh")).toBe("350万元");
    expect(formatValue(350, "万元", "en")).toBe("CNY 3.5 million");
    expect(formatValue(123456, "家", "zh")).toBe("123456家");
    expect(formatValue(103, "家", "zh")).toBe("103家");
  });
  it("uses the indicator's English unit for counts", () => {
    expect(formatValue(103, "家", "en", { unit_en: "enterprises" })).toBe("103 enterprises");
    expect(formatValue(1.85, "亿尾", "en")).toBe("185 million fry");
  });
  it("says one item, not one items", () => {
    expect(formatValue(1, "个", "en", { unit_en: "units" })).toBe("1 unit");
    expect(formatValue(1, "家", "en", { unit_en: "enterprises" })).toBe("1 enterprise");
    expect(formatValue(2, "个", "en", { unit_en: "units" })).toBe("2 units");
  });
  it("splits number and unit for large type", () => {
    expect(formatValueParts(7.1, "亿元", "en")).toEqual({ number: "CNY 710", unit: "million", sep: " " });
    expect(formatValueParts(7.1, "亿元", "zh")).toEqual({ number: "7.1", unit: "亿元", sep: "" });
    expect(formatValueParts(null, "亿元", "zh").number).toBe("—");
  });
  it("shows a dash for missing or non-finite values", () => {
    expect(formatValue(null, "家", "zh")).toBe("—");
    expect(formatValue(Number.NaN, "家", "en")).toBe("—");
    expect(formatValue(Number.POSITIVE_INFINITY, "亿元", "zh")).toBe("—");
  });
});

describe("percent, year, date", () => {
  it("formats shares as percentages", () => {
    expect(formatPercent(0.7429, "zh")).toBe("74.3%");
    expect(formatPercent(1.03, "zh")).toBe("103.0%");
    expect(formatPercent(1.08, "en", 0)).toBe("108%");
    expect(formatPercent(null, "en")).toBe("—");
    expect(formatSignedPercent(0.145, "zh")).toBe("+14.5%");
    expect(formatSignedPercent(-0.059, "en")).toBe("-5.9%");
  });
  it("formats years and dates per language", () => {
    expect(formatYear(2019, "zh")).toBe("2019年");
    expect(formatYear(2019, "en")).toBe("2019");
    expect(formatDate("2020-03-20", "zh")).toBe("2020年3月20日");
    expect(formatDate("2020-03-20", "en")).toBe("20 Mar 2020");
    expect(formatDate("2026-11-26 11:10:28.34", "zh", { time: true })).toBe("2026年11月26日 11:10");
    expect(formatDate(null, "zh")).toBe("—");
    const utc = "2026-11-26T03:04:00Z";
    const local = new Date(utc);
    expect(formatDate(utc, "zh", { time: true })).toBe(
      `${local.getFullYear()}年${local.getMonth() + 1}月${local.getDate()}日 ${String(local.getHours()).padStart(2, "0")}:${String(local.getMinutes()).padStart(2, "0")}`,
    );
  });
  it("prints comparators as symbols", () => {
    expect(comparatorSymbol(">=")).toBe("≥");
    expect(comparatorSymbol("<=")).toBe("≤");
  });
});

describe("language", () => {
  it("accepts only zh and en", () => {
    expect(parseLang("en")).toBe("en");
    expect(parseLang("fr")).toBeNull();
    expect(parseLang(null)).toBeNull();
  });
  it("keeps the language on links", () => {
    expect(langHref("gaps.html", "en")).toBe("gaps.html?lang=en");
    expect(langHref("../index.html#what-if", "zh")).toBe("../index.html?lang=zh#what-if");
    expect(langHref("x.html?a=1", "en")).toBe("x.html?a=1&lang=en");
  });
  it("falls back to Chinese when English is missing", () => {
    expect(pick({ zh: "中文" }, "en")).toBe("中文");
    expect(pick({ zh: "中文", en: "English" }, "en")).toBe("English");
    expect(pick(null, "zh")).toBe("");
  });
});
