/**
 * A record's row number is its line in the file, however many threads read the file. DuckDB
 * reads a large CSV in parallel, and an insert keeps the file's order only when its plan is
 * order-preserving (a batch insert): one join in the landing's plan (DuckDB makes one of an IN list
 * of six or more constants) lets the threads append in any order, and the rows' numbers, taken
 * from their row ids, then point at other lines. That happened at national scale and no small
 * file showed it. So: every kind's landing plan has no join and a batch insert, and a file large
 * enough to be read by several threads lands with every row number, accepted or rejected, right.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import type { RecordKind } from "../../domain/records.ts";
import { headerUnit } from "../../domain/record-rules.ts";
import { probeRecordFile } from "../../loaders/records/read.ts";
import { sourceSpec } from "../../pipelines/records.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { landingSql, macrosSql, usedParams } from "../../warehouse/records-sql.ts";
import { code, ingest, setup, writeCsv } from "../records/helpers.ts";

let w: Warehouse;
let dir: string;
let plan: Plan;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ w, dir, plan, cleanup } = await setup());
  await w.connection.run(macrosSql());
  await w.connection.run("SET threads = 4");
});
afterAll(async () => cleanup());

const SMALL: Record<RecordKind, string[]> = {
  contracts: ["合同编号,登记日期,卖方,买方,合同金额,技术交易额,合同类型,金额单位", "HT1,2019-05-01,甲公司,某大学,100,80,技术开发,万元"],
  certificates: ["企业名称,统一社会信用代码,证书编号,发证日期", `甲公司,${code(1)},GR1,2016-06-01`],
  rd: ["enterprise,credit_code,year,amount,unit", `A,${code(1)},2019,12.5,万元`],
  lists: ["名录类别,名称,编号,认定日期", "众创空间,甲空间,,2017-05-01"],
};

describe("the landing's plan keeps the file's order", () => {
  for (const kind of Object.keys(SMALL) as RecordKind[]) {
    it(`${kind}: a batch insert, no join`, async () => {
      const probe = await probeRecordFile(writeCsv(dir, `${kind}.csv`, SMALL[kind]), {});
      try {
        const match = probe.match;
        expect(match.kind).toBe(kind);
        const sql = landingSql(kind, match, sourceSpec(probe));
        const params = usedParams(sql, [1, plan.region.code, headerUnit(match) ?? null, null]);
        const rows = await queryRows<{ explain_value: string }>(w, `EXPLAIN ${sql}`, params);
        const physical = rows.map((r) => r.explain_value).join("\n");
        expect(physical).toContain("BATCH_INSERT");
        expect(physical).not.toMatch(/JOIN/);
      } finally {
        probe.cleanup();
      }
    });
  }
});

describe("a file read by several threads", () => {
  it("numbers every row by its line, accepted and rejected", async () => {
    // About 24 MB, so DuckDB's CSV reader splits it between threads. Every 10,007th row has a bad date.
    const note = "备注".repeat(120);
    const n = 40_000;
    const lines = ["合同编号,登记日期,卖方,买方,合同金额,技术交易额,合同类型,金额单位,备注"];
    for (let i = 1; i <= n; i++)
      lines.push(`HT${i},${i % 10007 === 0 ? "2019-13-45" : "2019-05-01"},甲公司,某大学,100,80,技术开发,万元,${note}`);
    const path = writeCsv(dir, "large.csv", lines);
    const r = await ingest(w, plan, path, { derive: false });
    expect(r.summary?.rejected).toBe(3);
    const wrong = await queryRows<{ n: number }>(
      w,
      "SELECT count(*)::INTEGER AS n FROM rec_contracts WHERE row_number <> CAST(substr(contract_id, 3) AS BIGINT) + 1",
    );
    expect(wrong[0].n).toBe(0);
    const accepted = await queryRows<{ n: number }>(w, "SELECT count(*)::INTEGER AS n FROM rec_contracts");
    expect(accepted[0].n).toBe(n - 3);
    const rejected = await queryRows<{ row: number }>(w, "SELECT DISTINCT row_number::INTEGER AS row FROM rejected_rows ORDER BY 1");
    expect(rejected.map((x) => x.row)).toEqual([10008, 20015, 30022]);
  }, 60_000);
});
