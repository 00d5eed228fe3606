/**
 * The warehouse layer under stress: values only reach DuckDB typed (appender), a landing that
 * fails half-way leaves nothing behind, and a large file lands in seconds, not minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Observation } from "../../domain/observation.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { type FileToLand, landFile } from "../../warehouse/ingest.ts";
import { obs, tempWarehouse } from "../helpers.ts";
import { dumpTables } from "./helpers.ts";

let w: Warehouse;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ w, cleanup } = await tempWarehouse());
});
afterAll(() => cleanup());

const file = (sha256: string, observations: Observation[]): FileToLand => ({
  planId: "p",
  sha256,
  path: "/x/f.csv",
  name: "f.csv",
  size: 1,
  format: "csv",
  encoding: "utf-8",
  layout: "long",
  sheet: null,
  headerRow: 1,
  rowsRead: observations.length,
  observations,
  rejected: [{ row: 9, column: "数值", value: "'); DROP TABLE observations;--", code: "BAD_NUMBER", zh: "不是数字", en: "not a number" }],
});

describe("landing a file in the warehouse", () => {
  it("whole numbers beyond 64-bit integers land as DOUBLE (they used to fail as BIGINT parameters)", async () => {
    const s = await landFile(
      w,
      file("big-values", [obs({ indicator_id: "a", year: 2019, value: 1e20 }), obs({ indicator_id: "a", year: 2018, value: 1e300 })]),
    );
    expect(s.accepted).toBe(2);
    const rows = await queryRows(
      w,
      "SELECT year, value, typeof(value) AS t FROM observations WHERE file_sha256 = 'big-values' ORDER BY year",
    );
    expect(rows).toEqual([
      { year: 2018, value: 1e300, t: "DOUBLE" },
      { year: 2019, value: 1e20, t: "DOUBLE" },
    ]);
    expect(await queryRows(w, "SELECT raw_value FROM rejected_rows WHERE file_sha256 = 'big-values'")).toEqual([
      { raw_value: "'); DROP TABLE observations;--" },
    ]);
  });

  it("a landing that fails half-way leaves every table exactly as before, and nothing leaks into the next one", async () => {
    const before = await dumpTables(w);
    const broken = [obs({ indicator_id: "b", year: 2017, value: 5 }), obs({ indicator_id: "b", year: 2016.5, value: 6 })];
    await expect(landFile(w, file("broken", broken))).rejects.toThrow();
    expect(await dumpTables(w)).toEqual(before);
    await landFile(w, file("after", [obs({ indicator_id: "b", year: 2015, value: 7 })]));
    expect(await queryRows(w, "SELECT year FROM observations WHERE indicator_id = 'b'")).toEqual([{ year: 2015 }]);
  });

  it("100,000 observations land in one transaction in a second or two (row by row, it took over two minutes)", async () => {
    const many = Array.from({ length: 100_000 }, (_, i) =>
      obs({ indicator_id: `i${i % 13}`, region_code: String(100000 + Math.floor(i / 13)), year: 2019, value: i }),
    );
    const t = Date.now();
    const s = await landFile(w, file("many", many));
    expect(s.accepted).toBe(100_000);
    console.info(`landed 100,000 observations in ${Date.now() - t} ms (row-by-row prepared INSERTs: ~1.4 ms a row)`);
  });
});
