import { describe, expect, it } from "vitest";
import { FileError } from "../../loaders/errors.ts";
import { jsonErrorOffset, parseJson } from "../../loaders/json.ts";

const texts = (rows: ReturnType<typeof parseJson>) => rows.map((r) => [r.row, ...r.cells.map((c) => c?.text ?? null)]);

describe("parseJson", () => {
  it("array of row objects: union of keys is the header (row 0)", () => {
    const rows = parseJson('[{"indicator":"a","value":1},{"indicator":"b","year":2019}]', "a.json");
    expect(texts(rows)).toEqual([
      [0, "indicator", "value", "year"],
      [1, "a", "1", null],
      [2, "b", null, "2019"],
    ]);
  });

  it("{observations}, {data} and object keyed by indicator", () => {
    expect(parseJson('{"observations":[{"a":1}]}', "a.json")).toHaveLength(2);
    expect(parseJson('{"data":[{"a":1},{"a":2}]}', "a.json")).toHaveLength(3);
    const wide = parseJson('{"众创空间":{"2019":1,"2020":2}}', "a.json");
    // JS puts integer-like keys first; column order does not matter to the table finder.
    expect(texts(wide)).toEqual([
      [0, "2019", "2020", "indicator"],
      [1, "1", "2", "众创空间"],
    ]);
  });

  it("array of arrays is a grid", () => {
    expect(texts(parseJson('[["指标","2019"],["研发经费",6]]', "a.json"))).toEqual([
      [1, "指标", "2019"],
      [2, "研发经费", "6"],
    ]);
  });

  it("syntax errors and odd shapes are FileErrors", () => {
    try {
      parseJson('[\n{"a":1},\n{"a":}\n]', "a.json");
      throw new Error("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(FileError);
      expect((e as FileError).code).toBe("BAD_JSON");
    }
    expect(() => parseJson('"hello"', "a.json")).toThrow(FileError);
    expect(() => parseJson("[1,2,3]", "a.json")).toThrow(FileError);
    expect(() => parseJson('{"x": 1}', "a.json")).toThrow(FileError);
  });
});

describe("jsonErrorOffset", () => {
  it("finds the offset of the first syntax error, or null for valid JSON", () => {
    expect(jsonErrorOffset('[{"a": 1}, {"b": [1, 2, {"c": "x\\"y"}]}]')).toBeNull();
    expect(jsonErrorOffset('{"a": }')).toBe(6);
    expect(jsonErrorOffset("[1, 2,]")).toBe(6);
    expect(jsonErrorOffset('{"a": 1} x')).toBe(9);
    expect(jsonErrorOffset('"abc')).toBe(4);
  });
});
