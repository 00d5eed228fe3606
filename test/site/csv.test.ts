import { describe, expect, it } from "vitest";
import { guardCell, toCsv } from "../../src/components/csv.ts";

describe("CSV download", () => {
  it("defuses cells a spreadsheet would run as formulas", () => {
    for (const s of ["=1+1", "+SUM(A1)", "-2+3", "@cmd", "\t=x", "\r=x"]) expect(guardCell(s)).toBe(`'${s}`);
    expect(guardCell('=HYPERLINK("http://x")')).toBe(`'=HYPERLINK("http://x")`);
  });
  it("leaves numbers and ordinary text alone", () => {
    expect(guardCell(-3)).toBe("-3");
    expect(guardCell(7.1)).toBe("7.1");
    expect(guardCell("合成示例数据")).toBe("合成示例数据");
    expect(guardCell(null)).toBe("");
    expect(guardCell(Number.NaN)).toBe("");
  });
  it("writes UTF-8 with a BOM, CRLF and quoted fields", () => {
    const csv = toCsv([{ a: "x,y", b: 'say "hi"', c: "=2" }]);
    expect(csv.startsWith("\uFEFF")).toBe(true);
    expect(csv).toBe('\uFEFFa,b,c\r\n"x,y","say ""hi""",\'=2\r\n');
  });
  it("keeps a given column order and blank cells", () => {
    expect(toCsv([{ b: 1 }], ["a", "b"])).toBe("\uFEFFa,b\r\n,1\r\n");
  });
});
