/**
 * Record coverage (数据截至): from --through, a title row, a column, else the latest record date;
 * derivation stops at the last year covered to 31 December, and reconciliation compares only
 * covered years.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import { coverageFromText, isCoverageHeader, lastCoveredYear, parseThrough } from "../../loaders/records/coverage.ts";
import { formatRecordReports } from "../../pipelines/commands/records.ts";
import { ingestRecordFile } from "../../pipelines/records.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { reconcile } from "../../warehouse/records-analysis.ts";
import { readDerived } from "../../warehouse/records-derive.ts";
import { code, ingest, setup, writeCsv } from "./helpers.ts";

describe("coverage dates in text", () => {
  it("reads a title or note row in Chinese or English", () => {
    expect(coverageFromText("数据截至：2019-12-31")).toBe("2019-12-31");
    expect(coverageFromText("瓦房店市研发费用（数据截至:2019/12/31，合成示例数据）")).toBe("2019-12-31");
    expect(coverageFromText("截至2019年12月31日")).toBe("2019-12-31");
    expect(coverageFromText('"统计截止日期",2020.6.30,,,')).toBe("2020-06-30");
    expect(coverageFromText("截至2019年底")).toBe("2019-12-31");
    expect(coverageFromText("data through 2019-12-31")).toBe("2019-12-31");
    expect(coverageFromText("Contracts, data as of 20200331")).toBe("2020-03-31");
    expect(coverageFromText("瓦房店市高新技术企业认定名单（合成示例数据，非官方统计）")).toBeNull();
    expect(coverageFromText("截至2019年2月30日")).toBeNull(); // not a real day
  });

  it("knows a coverage column, a --through value and the last year covered", () => {
    expect(["数据截至", "数据截止日期", "截至日期", "data through", "Data_Through"].every(isCoverageHeader)).toBe(true);
    expect(isCoverageHeader("认定日期")).toBe(false);
    expect(parseThrough("2019年12月31日")).toBe("2019-12-31");
    expect(parseThrough("2019-13-01")).toBeNull();
    expect(lastCoveredYear("2019-12-31")).toBe(2019);
    expect(lastCoveredYear("2020-12-30")).toBe(2019);
  });
});

describe("coverage of record files", () => {
  let w: Warehouse;
  let dir: string;
  let plan: Plan;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ w, dir, plan, cleanup } = await setup());
  });
  afterEach(async () => cleanup());

  const series = async (indicator: string) =>
    Object.fromEntries((await readDerived(w, plan)).filter((d) => d.indicator_id === indicator).map((d) => [d.year, d.value]));
  const contracts = (name: string, above: string[] = [], extraHeader = "", extra: string[] = ["", "", ""]) =>
    writeCsv(dir, name, [
      ...above,
      `合同编号,登记日期,卖方,买方,技术交易额(万元),合同类型${extraHeader}`,
      `A,2018-05-01,s,b,5000,技术开发${extra[0]}`,
      `B,2019-05-01,s,b,6000,技术开发${extra[1]}`,
      `C,2020-05-01,s,b,7000,技术开发${extra[2]}`,
    ]);

  it("takes --through first, and stores it per file", async () => {
    const r = await ingest(w, plan, contracts("flag.csv", ["数据截至：2020-12-31"]), { through: "2019-12-31" });
    expect([r.summary?.covered_through, r.summary?.coverage_basis]).toEqual(["2019-12-31", "flag"]);
    expect(await series("tech_contract_turnover")).toEqual({ 2018: 0.5, 2019: 0.6 });
    const [row] = await queryRows<{ d: string; basis: string }>(
      w,
      "SELECT CAST(covered_through AS VARCHAR) AS d, coverage_basis AS basis FROM record_files",
    );
    expect(row).toEqual({ d: "2019-12-31", basis: "flag" });
  });

  it("refuses a --through that is not a date", async () => {
    const r = await ingestRecordFile(w, plan, contracts("bad.csv"), { through: "2019-02-30" });
    expect(r.outcome).toBe("refused");
    expect(r.error?.code).toBe("BAD_THROUGH");
  });

  it("reads a title row above the header", async () => {
    const r = await ingest(w, plan, contracts("title.csv", ["瓦房店市技术合同登记表（示例）", "截至2020年12月31日", ""]));
    expect([r.summary?.covered_through, r.summary?.coverage_basis]).toEqual(["2020-12-31", "title"]);
    expect(await series("tech_contract_turnover")).toEqual({ 2018: 0.5, 2019: 0.6, 2020: 0.7 });
  });

  it("reads a 数据截至 column (its latest date)", async () => {
    const r = await ingest(w, plan, contracts("column.csv", [], ",数据截至", [",2019-12-31", ",2019年12月31日", ",2019-12-31"]));
    expect([r.summary?.covered_through, r.summary?.coverage_basis]).toEqual(["2019-12-31", "column"]);
    expect(await series("tech_contract_turnover")).toEqual({ 2018: 0.5, 2019: 0.6 });
  });

  it("defaults to the latest record date, and the file summary says so", async () => {
    const r = await ingest(w, plan, contracts("plain.csv"));
    expect([r.summary?.covered_through, r.summary?.coverage_basis]).toEqual(["2020-05-01", "records"]);
    // 2020 is not covered to 31 December: no 2020 figure.
    expect(await series("tech_contract_turnover")).toEqual({ 2018: 0.5, 2019: 0.6 });
    const en = formatRecordReports([r], "en");
    expect(en).toContain("latest record date is taken: plain.csv → 2020-05-01");
    expect(formatRecordReports([r], "zh")).toContain("按记录中最晚的日期计");
    // R&D: the 31 December of the latest year.
    const rd = await ingest(
      w,
      plan,
      writeCsv(dir, "rd.csv", ["企业名称,统一社会信用代码,年份,研发费用(万元)", `a,${code(1)},2018,100`, `a,${code(1)},2019,200`]),
    );
    expect([rd.summary?.covered_through, rd.summary?.coverage_basis]).toEqual(["2019-12-31", "records"]);
  });

  it("derives a year only when the files feeding the indicator cover it: per list, stocks carried to the coverage year", async () => {
    const head = "名录类别,名称,认定日期,终止日期";
    await ingest(
      w,
      plan,
      writeCsv(dir, "l2020.csv", ["数据截至：2020-12-31", head, "众创空间,甲,2017-05-01,", "众创空间,乙,2018-05-01,2019-06-30"]),
    );
    await ingest(
      w,
      plan,
      writeCsv(dir, "l2019.csv", ["data through 2019-12-31", head, "科技型中小企业,丙,2018-03-01,", "科技型中小企业,丁,2019-03-01,"]),
    );
    // Maker spaces: nothing new in 2020, but the register covers it, so the stock of 2020 is known.
    expect(await series("maker_spaces")).toEqual({ 2017: 1, 2018: 2, 2019: 1, 2020: 1 });
    // Tech SMEs: the register covers only 2019, though the maker-space register covers 2020.
    expect(await series("tech_smes")).toEqual({ 2018: 1, 2019: 1 });
    // A later file that covers 2020 extends the list it holds.
    await ingest(w, plan, writeCsv(dir, "l2020b.csv", ["数据截至：2020-12-31", head, "科技型中小企业,戊,2020-03-01,"]));
    expect(await series("tech_smes")).toEqual({ 2018: 1, 2019: 1, 2020: 1 });
  });

  it("derives R&D per enterprise-year only for the years covered", async () => {
    await ingest(
      w,
      plan,
      writeCsv(dir, "rd.csv", [
        "企业名称,统一社会信用代码,年份,研发费用(万元)",
        `a,${code(1)},2018,10000`,
        `a,${code(1)},2019,20000`,
        `a,${code(1)},2020,5000`, // a partial 2020 report
      ]),
      { through: "2019-12-31" },
    );
    expect(await series("rd_expenditure")).toEqual({ 2018: 1, 2019: 2 });
  });

  it("reconciles only the covered years", async () => {
    const { landFile } = await import("../../warehouse/ingest.ts");
    const { obs } = await import("../helpers.ts");
    await landFile(w, {
      planId: plan.id,
      sha256: "r1",
      path: "/r.csv",
      name: "r.csv",
      size: 1,
      format: "csv",
      encoding: "utf-8",
      layout: "long",
      sheet: null,
      headerRow: 1,
      rowsRead: 2,
      observations: [
        obs({ indicator_id: "tech_contract_turnover", year: 2019, value: 0.6 }),
        obs({ indicator_id: "tech_contract_turnover", year: 2020, value: 2.3 }),
      ],
      rejected: [],
    });
    await ingest(w, plan, contracts("c.csv", ["数据截至：2020-06-30"]));
    const rows = await reconcile(w, plan);
    // 2020 has a reported figure but the records cover only half of it: not compared, not flagged.
    expect(rows.map((r) => [r.indicator_id, r.year, r.flagged])).toEqual([["tech_contract_turnover", 2019, false]]);
  });
});
