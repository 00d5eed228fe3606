import { describe, expect, it } from "vitest";
import { guessDelimiter, parseCsv } from "../../loaders/csv.ts";
import { FileError } from "../../loaders/errors.ts";

describe("parseCsv", () => {
  it("numbers rows as records, keeps quoted commas and newlines", () => {
    const rows = parseCsv('指标,数值\n"技术合同成交额","1,234.5"\n"多行\n说明",3\n', "a.csv");
    expect(rows[1].cells.map((x) => x?.text)).toEqual(["技术合同成交额", "1,234.5"]);
    expect(rows[2].row).toBe(3);
    expect(rows[2].cells[0]?.text).toBe("多行\n说明");
  });

  it("guesses tab and semicolon delimiters even below a title row", () => {
    expect(guessDelimiter("标题\n指标\t2018\t2019\n研发经费\t5\t6\n")).toBe("\t");
    expect(guessDelimiter("标题,说明\n指标;2018;2019\n研发经费;5,1;6\nx;1;2\n")).toBe(";");
    expect(guessDelimiter("只有一列\n")).toBe(",");
  });

  it("an unclosed quote is a FileError with the row", () => {
    expect(() => parseCsv('指标,数值\n"研发经费,5\n高企,6\n', "a.csv")).toThrow(FileError);
  });
});
