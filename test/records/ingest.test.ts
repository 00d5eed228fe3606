import { execFileSync } from "node:child_process";
import { readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import { validateRecordFileJs } from "../../loaders/records/reference.ts";
import { valueColumns } from "../../loaders/records/validate.ts";
import { ingestRecordFile } from "../../pipelines/records.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { KINDS, type RecordKind } from "../../domain/records.ts";
import { code, ingest, setup, writeCsv } from "./helpers.ts";

let w: Warehouse;
let dir: string;
let plan: Plan;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ w, dir, plan, cleanup } = await setup());
});
afterEach(async () => cleanup());

const C1 = code(1);
const C2 = code(2);
const BAD = C1.slice(0, 17) + (C1[17] === "0" ? "1" : "0");

const CONTRACTS = [
  "合同编号,登记日期,卖方,卖方统一社会信用代码,买方,合同金额（万元）,技术交易额（万元）,合同类型,技术领域,乡镇/街道,行业,备注",
  `HT1,2019-05-01,甲公司,${C1},某大学,100,80,技术开发,先进制造,共济街道,轴承,`,
  `HT2,2019/6/1,乙公司,,某公司,"1,000.5",900,转让,新材料,岗店街道,新材料,`,
  `HT3,2020-01-01,乙公司,,某公司,50,60,技术服务,新材料,岗店街道,新材料,`,
  `HT4,2020-02-30,乙公司,${BAD},某公司,-5,x,魔法,新材料,岗店街道,新材料,`,
  `HT1,2019-05-01,甲公司,${C1},某大学,100,80,技术开发,先进制造,共济街道,轴承,`,
  `HT5,2020-03-01,丙公司,,某公司,10,8,咨询,,,,`,
  `HT5,2020-03-01,丙公司,,某公司,10,9,咨询,,,,`,
  ",,,,,,,,,,,",
  `HT6,20200401,丁公司,,,10,8,服务,,,,`,
  "注：合成示例数据。,,,,,,,,,,,",
];
const CERTS = [
  "瓦房店市高新技术企业认定名单（合成示例）",
  "",
  "企业名称,统一社会信用代码,证书编号,发证日期,撤销日期,乡镇/街道,行业",
  `甲公司,${C1},GR201621000001,2016-06-01,,共济街道,轴承`,
  `乙公司,${C2.toLowerCase()},GR201721000002,2017年3月5日,2016-01-01,岗店街道,新材料`,
  `丙公司,${BAD},GR201721000003,2017-13-05,,岗店街道,新材料`,
];
const RD = [
  "enterprise,credit_code,year,amount,unit,size",
  `A,${C1},2019,12.5,万元,中型`,
  `B,${C2},2019年,3,亿元,大型`,
  `C,${C2},1800,3,斤,`,
  `D,${code(3)},2020,,,`,
];
const LISTS = [
  "名录类别,名称,编号,认定日期,终止日期,数量,数量单位",
  "众创空间,甲空间,,2017-05-01,,,",
  "星创天地,乙天地,X1,2018-05-01,2017-01-01,,",
  "增殖放流,第一批,,2019-05-01,,3000,万尾",
  "增殖放流,第二批,,2019-06-01,,,",
  "未知名录,丙,,2019-06-01,,,",
  "科技型中小企业,丁公司,,2019-03-01,,,",
];

async function sqlResult(kind: RecordKind, sha: string) {
  const t = KINDS[kind].table;
  const cols = valueColumns(kind);
  const records = await queryRows<Record<string, unknown>>(
    w,
    `SELECT CAST(row_number AS INTEGER) AS row, ${cols.map((c) => (KINDS[kind].fields.find((f) => f.key === c)?.type === "date" ? `CAST(${c} AS VARCHAR) AS ${c}` : c)).join(", ")} FROM ${t} ORDER BY row_number`,
  );
  const rejected = await queryRows<{ row: number; column: string; code: string; zh: string; en: string; value: string | null }>(
    w,
    `SELECT CAST(row_number AS INTEGER) AS row, column_name AS "column", code, reason_zh AS zh, reason_en AS en, raw_value AS value FROM rejected_rows WHERE file_sha256 = $1 ORDER BY row_number, column_name, code`,
    [sha],
  );
  return { records, rejected };
}

describe("record files through SQL and the JS reference", () => {
  for (const [kind, lines, name, opts] of [
    ["contracts", CONTRACTS, "contracts.csv", {}],
    ["certificates", CERTS, "certs.csv", {}],
    ["rd", RD, "rd.csv", {}],
    ["lists", LISTS, "lists.csv", {}],
  ] as const) {
    it(`gives identical records and rejected rows (${kind})`, async () => {
      const path = writeCsv(dir, name, [...lines]);
      const r = await ingest(w, plan, path, opts);
      expect(r.kind).toBe(kind);
      const sql = await sqlResult(kind, r.sha256!);
      const js = await validateRecordFileJs(path, { defaultRegion: plan.region.code });
      const cols = valueColumns(kind);
      expect(sql.records).toEqual(
        js.records.map((x) => ({ row: x.row, ...Object.fromEntries(cols.map((c) => [c, x.values[c] ?? null])) })),
      );
      expect(sql.rejected.map((x) => [x.row, x.column, x.code, x.zh, x.en, x.value])).toEqual(
        [...js.rejected]
          .sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? "") || a.code.localeCompare(b.code))
          .map((x) => [x.row, x.column, x.code, x.zh, x.en, x.value]),
      );
      expect(r.summary!.rejected).toBe(new Set(js.rejected.map((x) => x.row)).size);
      expect(r.summary!.duplicates).toBe(js.duplicates);
    });
  }

  it("gives each rejected row its reason in Chinese and English", async () => {
    const r = await ingest(w, plan, writeCsv(dir, "c.csv", CONTRACTS));
    const { rejected } = await sqlResult("contracts", r.sha256!);
    const codes = rejected.map((x) => `${x.row}:${x.code}`);
    expect(codes).toEqual(
      expect.arrayContaining([
        "4:TRANSACTION_ABOVE_CONTRACT",
        "5:BAD_DATE",
        "5:BAD_CREDIT_CODE",
        "5:NEGATIVE_AMOUNT",
        "5:BAD_NUMBER",
        "5:BAD_CONTRACT_TYPE",
        "7:DUPLICATE_CONFLICT",
        "8:DUPLICATE_CONFLICT",
        "10:MISSING_VALUE",
      ]),
    );
    const date = rejected.find((x) => x.code === "BAD_DATE")!;
    expect(date.value).toBe("2020-02-30");
    expect(date.zh).toContain("2020-02-30");
    expect(date.en).toContain("YYYY-MM-DD");
    // HT1 twice with the same values: kept once; blank and note rows skipped.
    const held = await queryRows<{ contract_id: string }>(w, "SELECT contract_id FROM rec_contracts ORDER BY row_number");
    expect(held.map((x) => x.contract_id)).toEqual(["HT1", "HT2"]);
    const [v] = await queryRows<{ tv: number }>(w, "SELECT transaction_value AS tv FROM rec_contracts WHERE contract_id = 'HT2'");
    expect(v.tv).toBe(9_000_000);
  });
});

describe("landing", () => {
  it("re-ingesting an unchanged file changes nothing", async () => {
    const path = writeCsv(dir, "c.csv", CONTRACTS);
    await ingest(w, plan, path);
    const before = await queryRows(
      w,
      "SELECT (SELECT count(*) FROM rec_contracts) a, (SELECT count(*) FROM rejected_rows) b, (SELECT count(*) FROM record_files) c",
    );
    const again = await ingest(w, plan, path);
    expect(again.outcome).toBe("unchanged");
    const after = await queryRows(
      w,
      "SELECT (SELECT count(*) FROM rec_contracts) a, (SELECT count(*) FROM rejected_rows) b, (SELECT count(*) FROM record_files) c",
    );
    expect(after).toEqual(before);
  });

  it("lands a file whole or not at all", async () => {
    // Valid rows for more than the 64 KB the probe reads, then a byte sequence that is not UTF-8:
    // DuckDB fails half-way through the file, after rows were inserted; the transaction rolls back.
    const path = join(dir, "broken.csv");
    const good = Array.from({ length: 3000 }, (_, i) => `HT${i},2019-05-01,甲公司,${C1},某大学,100,80,技术开发,先进制造,共济街道,轴承,`);
    writeFileSync(
      path,
      Buffer.concat([Buffer.from(`${[CONTRACTS[0], ...good].join("\n")}\n`), Buffer.from([0x48, 0x54, 0xff, 0xfe, 0x2c, 0x0a])]),
    );
    const r = await ingestRecordFile(w, plan, path);
    expect(r.outcome).toBe("refused");
    expect(r.error?.code).toBe("UNREADABLE");
    const [n] = await queryRows<{ a: number; b: number; c: number; d: number }>(
      w,
      "SELECT (SELECT count(*) FROM rec_contracts) a, (SELECT count(*) FROM rejected_rows) b, (SELECT count(*) FROM record_files) c, (SELECT count(*) FROM source_files) d",
    );
    expect(n).toEqual({ a: "0", b: "0", c: "0", d: "0" });
    expect(readdirSync(join(dir, "w.archive", "files"), { withFileTypes: true }).length).toBe(0);
  });

  it("refuses a file without a unit for its amounts, and one of unknown kind", async () => {
    const noUnit = await ingestRecordFile(
      w,
      plan,
      writeCsv(dir, "n.csv", ["合同编号,登记日期,卖方,买方,技术交易额,合同类型", "A,2019-01-01,x,y,1,技术开发"]),
    );
    expect(noUnit.error?.code).toBe("MISSING_UNIT");
    const withUnit = await ingestRecordFile(
      w,
      plan,
      writeCsv(dir, "n2.csv", ["合同编号,登记日期,卖方,买方,技术交易额,合同类型", "A,2019-01-01,x,y,1,技术开发"]),
      { unit: "万元" },
    );
    expect(withUnit.summary?.accepted).toBe(1);
    const unknown = await ingestRecordFile(w, plan, writeCsv(dir, "u.csv", ["a,b,c", "1,2,3"]));
    expect(unknown.error?.code).toBe("UNKNOWN_RECORD_KIND");
    expect(unknown.error?.zh).toContain("--kind");
  });

  it("lets a re-sent record with a changed value supersede the old one and keeps the history", async () => {
    await ingest(w, plan, writeCsv(dir, "a.csv", [CONTRACTS[0], CONTRACTS[1], CONTRACTS[2]]));
    const b = await ingest(w, plan, writeCsv(dir, "b.csv", [CONTRACTS[0], CONTRACTS[1], CONTRACTS[2].replace(",900,", ",950,")]));
    expect(b.summary).toMatchObject({ accepted: 1, unchanged: 1, superseded: 1 });
    const rows = await queryRows<{ contract_id: string; tv: number; current: boolean; file_no: number }>(
      w,
      "SELECT contract_id, transaction_value AS tv, current, file_no FROM rec_contracts ORDER BY contract_id, file_no",
    );
    expect(rows).toEqual([
      { contract_id: "HT1", tv: 800000, current: true, file_no: 1 },
      { contract_id: "HT2", tv: 9000000, current: false, file_no: 1 },
      { contract_id: "HT2", tv: 9500000, current: true, file_no: 2 },
    ]);
  });

  it("reads GB18030 CSV, .xlsx and Parquet", async () => {
    const gb = join(dir, "gb.csv");
    writeFileSync(gb, iconv.encode(`${CERTS.join("\r\n")}\r\n`, "gb18030"));
    const a = await ingest(w, plan, gb);
    expect(a).toMatchObject({ kind: "certificates", encoding: "gb18030" });
    expect(a.summary!.accepted).toBe(1);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("名录");
    ws.addRow(["科技型中小企业名单（合成示例）"]);
    ws.addRow(["名录类别", "名称", "统一社会信用代码", "入库日期"]);
    ws.addRow(["科技型中小企业", "甲公司", C1, new Date(Date.UTC(2019, 2, 1))]);
    ws.addRow(["科技型中小企业", "乙公司", C2, "2019-04-01"]);
    ws.addRow([]);
    ws.addRow(["科技型中小企业", "丙公司", BAD, "2019-04-01"]);
    const xlsx = join(dir, "smes.xlsx");
    await wb.xlsx.writeFile(xlsx);
    const b = await ingest(w, plan, xlsx);
    expect(b).toMatchObject({ kind: "lists", format: "xlsx" });
    expect(b.summary).toMatchObject({ accepted: 2, rejected: 1 });
    const [rej] = await queryRows<{ row_number: number; code: string }>(
      w,
      "SELECT CAST(row_number AS INTEGER) AS row_number, code FROM rejected_rows WHERE file_sha256 = $1",
      [b.sha256],
    );
    expect(rej).toEqual({ row_number: 6, code: "BAD_CREDIT_CODE" });

    const csv = writeCsv(dir, "p.csv", RD);
    const parquet = join(dir, "rd.parquet");
    await w.connection.run(`COPY (SELECT * FROM read_csv('${csv}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    const c = await ingest(w, plan, parquet);
    expect(c).toMatchObject({ kind: "rd", format: "parquet" });
    const js = await validateRecordFileJs(csv, { defaultRegion: "210281" });
    expect(c.summary!.accepted).toBe(js.records.length);
    expect(c.summary!.rejected).toBe(new Set(js.rejected.map((x) => x.row)).size);
  });

  it("keeps file paths out of SQL text injection", async () => {
    const path = writeCsv(dir, "it's; DROP TABLE plans; --.csv", [CONTRACTS[0], CONTRACTS[1]]);
    const r = await ingest(w, plan, path);
    expect(r.summary!.accepted).toBe(1);
    expect(await queryRows(w, "SELECT id FROM plans")).toHaveLength(1);
  });

  it("is usable from the command line", () => {
    const db = join(dir, "cli.duckdb");
    const path = writeCsv(dir, "cli.csv", CONTRACTS);
    let code = 0;
    try {
      execFileSync("npx", ["tsx", "pipelines/cli.ts", "--db", db, "records", "ingest", path], { encoding: "utf8" });
    } catch (e) {
      code = (e as { status: number }).status;
    }
    expect(code).toBe(1); // some rows rejected
    const out = execFileSync("npx", ["tsx", "pipelines/cli.ts", "--db", db, "--lang", "en", "records", "reconcile"], { encoding: "utf8" });
    expect(out).toContain("Derived vs reported");
  });
});
