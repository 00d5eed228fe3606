import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { conversionFactor, convertValue, isNonNegativeUnit, looksLikeUnit, parseUnit } from "../../loaders/units.ts";

describe("parseUnit", () => {
  it("splits magnitude and base", () => {
    expect(parseUnit("亿元")).toEqual({ magnitude: 1e8, base: "元", kind: "money" });
    expect(parseUnit("万元")).toEqual({ magnitude: 1e4, base: "元", kind: "money" });
    expect(parseUnit("千元")?.magnitude).toBe(1e3);
    expect(parseUnit("百万元")?.magnitude).toBe(1e6);
    expect(parseUnit("千万元")?.magnitude).toBe(1e7);
    expect(parseUnit("元")).toEqual({ magnitude: 1, base: "元", kind: "money" });
    expect(parseUnit("亿尾")).toEqual({ magnitude: 1e8, base: "尾", kind: "other" });
    expect(parseUnit("家")?.kind).toBe("count");
    expect(parseUnit("％")?.kind).toBe("percent");
  });

  it("ignores width, spaces, brackets and a 单位： prefix; empty means none", () => {
    expect(parseUnit("（万元）")?.magnitude).toBe(1e4);
    expect(parseUnit("单位：亿元")?.magnitude).toBe(1e8);
    expect(parseUnit(" 万 元 ")?.base).toBe("元");
    expect(parseUnit("")).toBeNull();
    expect(parseUnit(null)).toBeNull();
  });

  it("knows common English spellings", () => {
    expect(parseUnit("100 million yuan")?.magnitude).toBe(1e8);
    expect(parseUnit("10,000 yuan")?.magnitude).toBe(1e4);
    expect(parseUnit("enterprises")?.kind).toBe("count");
  });

  it("looksLikeUnit accepts units and refuses words", () => {
    expect(looksLikeUnit("万元")).toBe(true);
    expect(looksLikeUnit("家")).toBe(true);
    expect(looksLikeUnit("亿尾")).toBe(true);
    expect(looksLikeUnit("当年")).toBe(false);
    expect(looksLikeUnit("R&D")).toBe(false);
  });
});

describe("convertValue", () => {
  it("converts money by magnitude without floating-point dust", () => {
    expect(convertValue(15000, "万元", "亿元")).toEqual({ ok: true, value: 1.5 });
    expect(convertValue(12345, "万元", "亿元")).toEqual({ ok: true, value: 1.2345 });
    expect(convertValue(2.3, "亿元", "万元")).toEqual({ ok: true, value: 23000 });
    expect(convertValue(580_000_000, "元", "亿元")).toEqual({ ok: true, value: 5.8 });
    expect(convertValue(5800, "百万元", "亿元")).toEqual({ ok: true, value: 58 });
    expect(convertValue(1, "千元", "元")).toEqual({ ok: true, value: 1000 });
  });

  it("converts fry: 亿尾 ↔ 万尾 ↔ 尾", () => {
    expect(convertValue(20000, "万尾", "亿尾")).toEqual({ ok: true, value: 2 });
    expect(convertValue(150_000_000, "尾", "亿尾")).toEqual({ ok: true, value: 1.5 });
  });

  it("treats count units as interchangeable", () => {
    expect(convertValue(5, "个", "家")).toEqual({ ok: true, value: 5 });
    expect(convertValue(5, "所", "项")).toEqual({ ok: true, value: 5 });
    expect(convertValue(5, "座", "件")).toEqual({ ok: true, value: 5 });
  });

  it("an empty unit is the indicator's unit; a bare magnitude takes its base", () => {
    expect(convertValue(7, null, "亿元")).toEqual({ ok: true, value: 7 });
    expect(convertValue(7, "", "亿元")).toEqual({ ok: true, value: 7 });
    expect(convertValue(20000, "万", "亿元")).toEqual({ ok: true, value: 2 });
  });

  it("refuses units that do not convert, with a bilingual reason", () => {
    const r = convertValue(3, "个", "亿元");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.reason.code).toBe("UNIT_MISMATCH");
      expect(r.reason.zh).toContain("个");
      expect(r.reason.en).toContain("亿元");
    }
    expect(convertValue(3, "%", "家").ok).toBe(false);
    expect(convertValue(3, "家", "%").ok).toBe(false);
    expect(convertValue(3, "万尾", "万元").ok).toBe(false);
    expect(conversionFactor("吨", "亿元")).toBeNull();
  });

  it("knows which units cannot be negative", () => {
    expect(isNonNegativeUnit("亿元")).toBe(true);
    expect(isNonNegativeUnit("家")).toBe(true);
    expect(isNonNegativeUnit("亿尾")).toBe(true);
    expect(isNonNegativeUnit("%")).toBe(false);
  });

  it("property: any unit text converts or gives a reason, never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.constantFrom("万元", "亿", "千万个", "%", "万尾", "__proto__", "constructor")),
        fc.constantFrom("亿元", "家", "亿尾", "%"),
        fc.double(),
        (u, to, x) => {
          const r = convertValue(x, u, to);
          if (r.ok) expect(typeof r.value).toBe("number");
          else expect(r.reason.code).toBe("UNIT_MISMATCH");
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("prototype-looking unit text", () => {
  it("is an ordinary unknown unit", () => {
    for (const u of ["__proto__", "constructor", "toString", "hasOwnProperty"]) {
      expect(parseUnit(u)?.kind).toBe("other");
      expect(convertValue(1, u, "亿元").ok).toBe(false);
    }
  });
});
