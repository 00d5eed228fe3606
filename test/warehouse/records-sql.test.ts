/**
 * The fast path of the row checks (records-sql.ts fineSql) changes no outcome: on files whose bad
 * cells are spread over rows that meet the fast condition and rows that do not (cells that parse
 * but break a rule: infinity, underscores, negative zero, out-of-range dates and years, a transaction
 * value above the contract value, unknown units and lists), the landing with the fast path gives
 * the same rows, values and errors, in the same order, as the landing with every check on every row.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import { KINDS } from "../../domain/records.ts";
import { headerUnit } from "../../domain/record-rules.ts";
import { probeRecordFile } from "../../loaders/records/read.ts";
import { sourceSpec } from "../../pipelines/records.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { fineSql, landingSql, macrosSql, usedParams } from "../../warehouse/records-sql.ts";
import { code, setup, writeCsv } from "../records/helpers.ts";

let w: Warehouse;
let dir: string;
let plan: Plan;
let cleanup: () => Promise<void>;
beforeAll(async () => {
  ({ w, dir, plan, cleanup } = await setup());
  await w.connection.run(macrosSql());
});
afterAll(async () => cleanup());

const C1 = code(1);
const FILES: Record<string, string[]> = {
  contracts: [
    "合同编号,登记日期,卖方,卖方统一社会信用代码,买方,合同金额,技术交易额,合同类型,金额单位,区划代码,备注",
    `HT1,2019-05-01,甲公司,${C1},某大学,100,80,技术开发,万元,,`,
    "HT2,2019-05-01,乙公司,,某公司,100,80,技术开发,万元,,",
    "HT3,2019-05-01,乙公司,,某公司,inf,80,技术开发,万元,,",
    "HT4,2019-05-01,乙公司,,某公司,1_000,80,技术开发,万元,,",
    "HT5,2019-05-01,乙公司,,某公司,-0,0,技术开发,万元,,",
    "HT6,1948-12-31,乙公司,,某公司,10,8,技术开发,万元,,",
    "HT7,2101-01-01,乙公司,,某公司,10,8,技术开发,万元,,",
    "HT8,2019-05-01,乙公司,,某公司,10,11,技术开发,万元,,",
    "HT9,2019-05-01,乙公司,,某公司,10,8,技术开发,斤,,",
    "HT10,2019-05-01,乙公司,,某公司,,8,技术开发,,,",
    'HT11, 2019-05-01 ,乙公司,,某公司," 1e3 ",nan,技术开发,万元,,',
    "HT12,2019-05-01,乙公司,,某公司,10,-8,技术开发,万元,,",
    "HT13,2019-5-1,\u3000乙公司,,某公司,+10,8.,技术开发,亿元,210281,",
    "HT14,2019-05-01,乙公司,,某公司,10,8,技术开发,万元,21028,",
    ",2019-05-01,,,,10,8,,万元,,",
    "HT15,20190501,乙公司,,某公司,10,.5,技术开发,万元,,",
    "HT16,2019-02-29,乙公司,,某公司,10,8,技术开发,万元,,",
    "HT17,2019-05-01,乙公司,,某公司,10,8,技术开发,万元,,",
    ",,,,,,,,,,",
  ],
  certificates: [
    "企业名称,统一社会信用代码,证书编号,发证日期,撤销日期",
    `甲公司,${C1},GR1,2016-06-01,`,
    `乙公司,${C1},GR2,2016-06-01,2016-05-31`,
    `丙公司,${C1},GR3,2016-06-01,2016-06-01`,
    `丁公司,${C1},GR4,2016年6月1日,2101-01-01`,
    `戊公司,${C1},GR5,,2019-01-01`,
    `己公司,${C1},,2016-06-01,`,
    `庚公司,${C1},GR7,2016-06-01, `,
  ],
  rd: [
    "enterprise,credit_code,year,amount,unit",
    `A,${C1},2019,12.5,万元`,
    `B,${C1},2019年,3,亿元`,
    `C,${C1},1948,3,万元`,
    `D,${C1},2101,3,万元`,
    `E,${C1},2020,-1,万元`,
    `F,${C1},2020,1,`,
    `G,${C1},2020,,`,
    `H,${C1},20 20,1,万元`,
  ],
  lists: [
    "名录类别,名称,编号,认定日期,终止日期,数量,数量单位",
    "众创空间,甲空间,,2017-05-01,,,",
    "星创天地,乙天地,X1,2018-05-01,2017-01-01,,",
    "增殖放流,第一批,,2019-05-01,,3000,万尾",
    "增殖放流,第二批,,2019-06-01,,,",
    "增殖放流,第三批,,2019-06-01,,inf,万尾",
    "增殖放流,第四批,,2019-06-01,,-1,斤",
    "未知名录,丙,,2019-06-01,,,",
    ",丁,,2019-06-01,,,",
    "科技型中小企业,戊公司,,2019-03-01,2019-03-01,,",
  ],
};

/** The file's rows as landed (values and errors, in file order), with or without the fast path. */
async function land(kind: keyof typeof KINDS, path: string, fastPath: boolean) {
  const src = await probeRecordFile(path, {});
  const spec = sourceSpec(src);
  const table = KINDS[kind].table;
  const sql = landingSql(kind, src.match, spec, { fastPath });
  await w.connection.run("BEGIN TRANSACTION");
  try {
    await w.connection.run(sql, usedParams(sql, [1, plan.region.code, headerUnit(src.match), null]) as never);
    return await queryRows(w, `SELECT * EXCLUDE (file_no, row_number) FROM ${table} ORDER BY rowid`);
  } finally {
    await w.connection.run("ROLLBACK");
    src.cleanup();
  }
}

describe("the fast path of the row checks", () => {
  for (const kind of Object.keys(FILES) as (keyof typeof KINDS)[]) {
    it(`gives the same rows and errors as every check on every row (${kind})`, async () => {
      const path = writeCsv(dir, `${kind}.csv`, FILES[kind]);
      const fast = await land(kind, path, true);
      const full = await land(kind, path, false);
      expect(fast).toEqual(full);
      // The fixture has rows on both paths: clean rows and rows with errors.
      expect(full.some((r) => r.errors === null)).toBe(true);
      expect(full.filter((r) => r.errors !== null).length).toBeGreaterThan(2);
    });
  }

  it("is a condition on the parsed values only (no regular expression, no cleaning of a cell)", () => {
    for (const kind of Object.keys(KINDS) as (keyof typeof KINDS)[]) {
      const sql = fineSql(kind, KINDS[kind].fields);
      expect(sql).not.toMatch(/regexp|pm_clean|pm_date\(|pm_num/);
    }
  });
});
