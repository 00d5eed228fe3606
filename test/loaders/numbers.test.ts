import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { isMissingText, parseNumberCell } from "../../loaders/numbers.ts";

const num = (input: unknown) => {
  const r = parseNumberCell(input);
  if (r.kind !== "number") throw new Error(`expected a number for ${String(input)}, got ${JSON.stringify(r)}`);
  return r;
};

describe("parseNumberCell", () => {
  it("reads plain, signed, decimal and scientific numbers", () => {
    expect(num("42").value).toBe(42);
    expect(num(" -3.5 ").value).toBe(-3.5);
    expect(num("+7").value).toBe(7);
    expect(num(".5").value).toBe(0.5);
    expect(num("1.5e3").value).toBe(1500);
    expect(num(12.25).value).toBe(12.25);
    expect(num("0").value).toBe(0);
  });

  it("reads thousands separators, half- and full-width", () => {
    expect(num("1,234.5").value).toBe(1234.5);
    expect(num("1,234,567").value).toBe(1234567);
    expect(num("1，234.5").value).toBe(1234.5);
  });

  it("reads full-width digits and signs", () => {
    expect(num("１２３．５").value).toBe(123.5);
    expect(num("－１２").value).toBe(-12);
  });

  it("returns the unit written after the number", () => {
    expect(num("2.3亿元")).toEqual({ kind: "number", value: 2.3, unit: "亿元", percent: false });
    expect(num("15000万元").unit).toBe("万元");
    expect(num("15 家").unit).toBe("家");
  });

  it("reads percentages", () => {
    expect(num("12.5%")).toEqual({ kind: "number", value: 12.5, unit: null, percent: true });
    expect(num("12.5％").percent).toBe(true);
  });

  it("treats missing markers as missing, never zero", () => {
    for (const s of ["", "  ", "—", "——", "-", "－", "…", "...", "N/A", "n/a", "NA", "无", "暂无", "/", "\u3000"]) {
      expect(parseNumberCell(s)).toEqual({ kind: "missing" });
      expect(isMissingText(s)).toBe(true);
    }
    expect(parseNumberCell(null)).toEqual({ kind: "missing" });
    expect(parseNumberCell(undefined)).toEqual({ kind: "missing" });
  });

  it("rejects text that is not a number, saying what was found", () => {
    for (const s of ["约80", "abc", "1,5", "1.2.3", "80以上", ">100", "12%%", "3-5"]) {
      const r = parseNumberCell(s);
      expect(r.kind, s).toBe("invalid");
      if (r.kind === "invalid") {
        expect(r.reason.code).toBe("BAD_NUMBER");
        expect(r.reason.zh).toContain(s.trim());
      }
    }
  });

  it("rejects non-finite numbers", () => {
    for (const v of [Infinity, -Infinity, Number.NaN, "Infinity", "-Infinity", "NaN", "1e309", `${1e308 * 10}`]) {
      const r = parseNumberCell(v);
      expect(r.kind).toBe("invalid");
      if (r.kind === "invalid") expect(r.reason.code).toBe("NON_FINITE");
    }
  });

  it("rejects booleans, dates and objects", () => {
    for (const v of [true, new Date(0), { a: 1 }, [1]]) expect(parseNumberCell(v).kind).toBe("invalid");
  });

  it("property: any string gives a number, missing or a reason, and never throws", () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: "binary" }), fc.constantFrom("1,2", "１，２３４", "2.3亿", "1e999", "%", "-")),
        (s) => {
          const r = parseNumberCell(s);
          if (r.kind === "number") expect(Number.isFinite(r.value)).toBe(true);
          else if (r.kind === "invalid") expect(r.reason.zh.length).toBeGreaterThan(0);
          else expect(r.kind).toBe("missing");
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("property: any JS value never throws", () => {
    fc.assert(
      fc.property(fc.anything(), (v) => {
        expect(["number", "missing", "invalid"]).toContain(parseNumberCell(v).kind);
      }),
    );
  });

  it("property: formatted numbers round-trip", () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }), (x) => {
        expect(num(String(x)).value).toBe(x === 0 ? 0 : x);
        const grouped = x.toLocaleString("en-US", { maximumFractionDigits: 20 });
        if (!grouped.includes("E")) expect(num(grouped).value).toBeCloseTo(x, 6);
      }),
    );
  });
});
