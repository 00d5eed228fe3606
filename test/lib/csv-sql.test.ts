import { describe, expect, it } from "vitest";
import { csvField, guardCell, toCsv } from "../../lib/csv.ts";
import { t, pick, parseLang } from "../../lib/lang.ts";
import { sqlIdent, sqlString } from "../../lib/sql.ts";

describe("lib/csv: one formula guard", () => {
  it("defuses formulas and leaves numbers alone", () => {
    expect(guardCell("=SUM(A1)")).toBe("'=SUM(A1)");
    expect(guardCell("@cmd")).toBe("'@cmd");
    expect(guardCell("-3")).toBe("-3");
    expect(guardCell("-cmd")).toBe("'-cmd");
    expect(guardCell(-3)).toBe("-3");
    expect(csvField('a "b", c')).toBe('"a ""b"", c"');
    expect(toCsv(["a"], [[1]])).toBe("\uFEFFa\r\n1\r\n");
  });
});

describe("lib/sql and lib/lang", () => {
  it("quotes literals and identifiers", () => {
    expect(sqlString("O'Brien.csv")).toBe("'O''Brien.csv'");
    expect(sqlIdent('a"b')).toBe('"a""b"');
    expect(() => sqlString("a\u0000")).toThrow();
  });
  it("picks the language", () => {
    expect(t("en", "中", "en")).toBe("en");
    expect(pick({ zh: "中" }, "en")).toBe("中");
    expect(parseLang("fr")).toBeNull();
  });
});
