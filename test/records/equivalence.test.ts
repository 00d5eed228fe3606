/**
 * Property: the SQL path (DuckDB) and the JS reference give the same records and the same rejected
 * rows on the same file, for cells drawn from the characters that trip parsers up.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import { validateRecordFileJs } from "../../loaders/records/reference.ts";
import { valueColumns } from "../../loaders/records/validate.ts";
import { ingestRecordFile } from "../../pipelines/records.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { code, setup, writeCsv } from "./helpers.ts";

let w: Warehouse;
let dir: string;
let plan: Plan;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ w, dir, plan, cleanup } = await setup());
});
afterAll(async () => cleanup());

const piece = fc.constantFrom(
  "2019",
  "-",
  "05",
  "5",
  "/",
  ".",
  "年",
  "月",
  "日",
  "0",
  "1",
  "31",
  "29",
  "02",
  " ",
  "\u3000",
  "e3",
  ",",
  "+",
  "x",
  "_",
  "9",
  "13",
);
const cell = fc.array(piece, { maxLength: 5 }).map((a) => a.join(""));
const quote = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s);

let n = 0;
describe("SQL path = JS reference", () => {
  it("on random date, amount and code cells", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell, fc.constantFrom(code(1), code(2).toLowerCase(), ` ${code(3)}`, "X", "")), {
          minLength: 1,
          maxLength: 8,
        }),
        async (rows) => {
          const lines = [
            "合同编号,登记日期,卖方,卖方统一社会信用代码,买方,合同金额（万元）,技术交易额（万元）,合同类型",
            ...rows.map(([date, a, b, c], i) => [`HT${i}`, date, "s", c, "b", a, b, "技术开发"].map(quote).join(",")),
          ];
          const path = writeCsv(dir, `p${n++}.csv`, lines);
          const r = await ingestRecordFile(w, plan, path, { archive: false, derive: false });
          if (r.outcome === "unchanged") return;
          expect(r.error).toBeNull();
          const cols = valueColumns("contracts");
          const sql = await queryRows<Record<string, unknown>>(
            w,
            `SELECT CAST(row_number AS INTEGER) AS row, ${cols.map((c) => (c === "registered_on" ? "CAST(registered_on AS VARCHAR) AS registered_on" : c)).join(", ")}
             FROM rec_contracts WHERE file_no = $1 ORDER BY row_number`,
            [r.summary!.file_no],
          );
          const rejected = await queryRows<{ row: number; column: string; code: string; value: string | null }>(
            w,
            `SELECT CAST(row_number AS INTEGER) AS row, column_name AS "column", code, raw_value AS value FROM rejected_rows WHERE file_sha256 = $1`,
            [r.sha256],
          );
          const js = await validateRecordFileJs(path, { defaultRegion: plan.region.code });
          const key = (x: { row: number; column: string | null; code: string; value: string | null }) =>
            `${x.row}|${x.column}|${x.code}|${x.value}`;
          expect(rejected.map(key).sort()).toEqual(js.rejected.map(key).sort());
          // Only records new to the warehouse land (a row equal to one already held is "unchanged").
          const landed = new Set(sql.map((x) => x.row));
          expect(sql).toEqual(
            js.records
              .filter((x) => landed.has(x.row))
              .map((x) => ({ row: x.row, ...Object.fromEntries(cols.map((c) => [c, x.values[c] ?? null])) })),
          );
          expect(js.records.length).toBe(sql.length + r.summary!.unchanged);
        },
      ),
      { numRuns: 25, seed: 20181 },
    );
  });
});
