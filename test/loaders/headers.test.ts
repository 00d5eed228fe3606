import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { expectedHeaders, HEADER_ALIASES, matchHeader } from "../../loaders/headers.ts";

const field = (s: unknown) => {
  const m = matchHeader(s);
  return m.kind === "field" ? m.field : m.kind;
};

describe("matchHeader", () => {
  it("matches Chinese and English aliases of every field", () => {
    expect(field("指标")).toBe("indicator");
    expect(field("指标名称")).toBe("indicator");
    expect(field("Indicator")).toBe("indicator");
    expect(field("区划代码")).toBe("region");
    expect(field("行政区划")).toBe("region");
    expect(field("REGION")).toBe("region");
    expect(field("年度")).toBe("year");
    expect(field("值")).toBe("value");
    expect(field("计量单位")).toBe("unit");
    expect(field("口径")).toBe("status");
    expect(field("数据状态")).toBe("status");
    expect(field("数据来源")).toBe("source");
    expect(field("发布时间")).toBe("published");
    expect(field("说明")).toBe("note");
    for (const [f, aliases] of Object.entries(HEADER_ALIASES)) for (const a of aliases) expect(field(a), a).toBe(f);
  });

  it("ignores case, spaces, width, _ - : * and a trailing unit", () => {
    expect(field(" 指 标 名 称 ")).toBe("indicator");
    expect(field("指标名称*")).toBe("indicator");
    expect(field("Region_Code")).toBe("region");
    expect(field("ｖａｌｕｅ")).toBe("value");
    expect(field("年份：")).toBe("year");
    expect(matchHeader("数值（万元）")).toEqual({ kind: "field", field: "value", unit: "万元" });
    expect(matchHeader("数值(单位:亿元)")).toEqual({ kind: "field", field: "value", unit: "亿元" });
  });

  it("recognises year columns of a wide table", () => {
    for (const s of ["2019", "2019年", "2019年度", "2019 年", "２０１９年", "2019年实际", "2019年完成值", "2019年末"]) {
      expect(matchHeader(s), s).toEqual({ kind: "year", year: 2019, unit: null });
    }
    expect(matchHeader(2019)).toEqual({ kind: "year", year: 2019, unit: null });
    expect(matchHeader("2020年(亿元)")).toEqual({ kind: "year", year: 2020, unit: "亿元" });
  });

  it("does not take targets, titles or odd years for year columns", () => {
    for (const s of ["2020年目标", "2018-2020年", "1800", "3000年", "2019.5", "瓦房店市2019年指标", "", "  "]) {
      expect(matchHeader(s).kind, s).toBe("unknown");
    }
    expect(matchHeader(2019.5).kind).toBe("unknown");
  });

  it("lists expected headers in both languages", () => {
    const e = expectedHeaders();
    expect(e.zh).toContain("指标");
    expect(e.zh).toContain("年份");
    expect(e.en).toContain("indicator");
  });

  it("property: any input gives a match or unknown, never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string({ unit: "binary" }),
          fc.anything(),
          fc.constantFrom("__proto__", "constructor", "（）", "2019年(", "(万元)"),
        ),
        (s) => {
          expect(["field", "year", "unknown"]).toContain(matchHeader(s).kind);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("property: aliases survive random spacing and case", () => {
    const all = Object.values(HEADER_ALIASES).flat();
    fc.assert(
      fc.property(fc.constantFrom(...all), fc.array(fc.constantFrom(" ", "\u3000", "_"), { maxLength: 3 }), (a, pad) => {
        const padded = pad.join("") + a.toUpperCase() + pad.join("");
        expect(matchHeader(padded).kind).toBe("field");
      }),
    );
  });
});
