import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import { ROOT_REGION } from "../../domain/region.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { certificateRisk, reconcileFigures, turnoverPace } from "../../warehouse/records-analysis.ts";
import { computeDerived, readDerived } from "../../warehouse/records-derive.ts";
import { readObservationPoints } from "../../warehouse/read.ts";
import { code, ingest, setup, writeCsv } from "./helpers.ts";

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

const certs = (rows: [number, string, string, string?][]) =>
  writeCsv(dir, `certs-${rows.length}-${rows[0]?.[2]}.csv`, [
    "企业名称,统一社会信用代码,证书编号,发证日期,撤销日期",
    ...rows.map(([e, no, date, revoked]) => `企业${e},${code(e)},${no},${date},${revoked ?? ""}`),
  ]);

describe("high-tech enterprises at year end", () => {
  it("counts a certificate for three year ends; one certified 2016-06-01 and not renewed stops counting at the end of 2019", async () => {
    await ingest(
      w,
      plan,
      certs([
        [1, "A1", "2014-03-01"], // the earliest certificate: years counted from 2016
        [2, "B1", "2016-06-01"], // not renewed
        [3, "C1", "2016-06-01"],
        [3, "C2", "2019-05-20"], // renewed before it lapsed
        [4, "D1", "2016-12-31"], // last day of the year
        [4, "D2", "2019-12-31"], // renewed on the last day of the third year after
        [5, "E1", "2017-01-01"],
        [5, "E2", "2018-01-01"], // an early renewal overlaps: the enterprise still counts once
        [6, "F1", "2018-04-01", "2019-03-01"], // revoked
        [7, "G1", "2020-06-30"],
      ]),
      { through: "2020-12-31" },
    );
    const s = await series("high_tech_enterprises");
    // By hand (counted while certified_on <= 31 Dec < lapse date):
    // 2016 A B C D; 2017 B C D E (A lapsed 2017-03-01); 2018 B C D E F;
    // 2019 C D E (B lapsed 2019-06-01 unrenewed, F revoked); 2020 C D E G.
    expect(s).toEqual({ 2016: 4, 2017: 4, 2018: 5, 2019: 3, 2020: 4 });
    const risk = (await certificateRisk(w, plan))!;
    expect(risk.certificates.map((c) => [c.certificate_no, c.state])).toEqual([
      ["F1", "lapsed"],
      ["B1", "lapsed"],
    ]);
    // As of mid-2019: B and F have lapsed unrenewed, D1 lapses at the end of 2019 (its renewal D2 is not known yet).
    const ahead = (await certificateRisk(w, plan, { asOf: "2019-06-30" }))!;
    expect(ahead.certificates.map((c) => [c.certificate_no, c.lapses_on, c.state])).toEqual([
      ["F1", "2019-03-01", "lapsed"],
      ["B1", "2019-06-01", "lapsed"],
      ["D1", "2019-12-31", "lapsing"],
    ]);
    expect(ahead.by_year).toEqual([
      { year: 2019, count: 2, lapsing: 1 },
      { year: 2020, count: 2, lapsing: 0 },
    ]);
  });

  it("counts by town and sector, and each region separately", async () => {
    await ingest(
      w,
      plan,
      writeCsv(dir, "towns.csv", [
        "区划代码,企业名称,统一社会信用代码,证书编号,发证日期,乡镇/街道,行业",
        `210281,a,${code(1)},N1,2016-01-01,共济街道,轴承`,
        `210281,b,${code(2)},N2,2016-02-01,共济街道,新材料`,
        `,c,${code(3)},N3,2016-03-01,李官镇,轴承`,
        `210282,d,${code(4, "210282")},N4,2016-03-01,某镇,轴承`,
        `210282,e,${code(5, "210282")},N5,2018-05-01,某镇,轴承`,
      ]),
      { through: "2018-12-31" }, // the register covers 2018
    );
    const byTown = await computeDerived(w, plan, "town");
    expect(byTown.filter((r) => r.year === 2018).map((r) => [r.region_code, r.value])).toEqual([
      ["共济街道", 2],
      ["李官镇", 1],
    ]);
    const bySector = await computeDerived(w, plan, "sector");
    expect(bySector.filter((r) => r.year === 2018).map((r) => [r.region_code, r.value])).toEqual([
      ["新材料", 1],
      ["轴承", 2],
    ]);
    const all = await readDerived(w, plan, { region: null });
    expect(all.filter((r) => r.year === 2018).map((r) => [r.region_code, r.value])).toEqual([
      ["210281", 3],
      ["210282", 2],
    ]);
  });

  it("a plan over the whole country (root region 000000) counts every county; a province plan only its own", async () => {
    await ingest(
      w,
      plan,
      writeCsv(dir, "provinces.csv", [
        "区划代码,企业名称,统一社会信用代码,证书编号,发证日期,乡镇/街道,行业",
        `210281,a,${code(1)},N1,2016-01-01,共济街道,轴承`,
        `210282,b,${code(2, "210282")},N2,2016-02-01,某镇,轴承`,
        `110105,c,${code(3, "110105")},N3,2016-03-01,某街道,软件`,
      ]),
      { through: "2018-12-31" },
    );
    const at2018 = (rows: { region_code: string; year: number; value: number }[]) =>
      rows.filter((r) => r.year === 2018 && r.region_code.length === 6).map((r) => [r.region_code, r.value]);
    const country = { ...plan, region: { code: ROOT_REGION, zh: "全国", en: "China" } };
    expect(at2018(await computeDerived(w, country))).toEqual([
      [ROOT_REGION, 3],
      ["110105", 1],
      ["210281", 1],
      ["210282", 1],
    ]);
    expect((await computeDerived(w, country, "sector")).filter((r) => r.year === 2018).map((r) => [r.region_code, r.value])).toEqual([
      ["软件", 1],
      ["轴承", 2],
    ]);
    expect((await certificateRisk(w, country))!.current).toBe(3);
    const province = { ...plan, region: { code: "210000", zh: "辽宁省", en: "Liaoning" } };
    expect(at2018(await computeDerived(w, province)).find(([c]) => c === "210000")).toEqual(["210000", 2]);
    expect((await certificateRisk(w, province))!.current).toBe(2);
  });
});

describe("flows and lists", () => {
  it("sums technology-transaction value by registration year in 亿元, and R&D by year", async () => {
    await ingest(
      w,
      plan,
      writeCsv(dir, "c.csv", [
        "合同编号,登记日期,卖方,买方,合同金额(万元),技术交易额(万元),合同类型",
        "A,2019-01-01,s,b,6000,5000,技术开发",
        "B,2019-12-31,s,b,5000,5000,技术服务",
        "C,2020-01-01,s,b,3000,2500,技术咨询",
      ]),
      { through: "2020-12-31" },
    );
    await ingest(
      w,
      plan,
      writeCsv(dir, "rd.csv", [
        "企业名称,统一社会信用代码,年份,研发费用,金额单位",
        `a,${code(1)},2019,1.5,亿元`,
        `b,${code(2)},2019,5000,万元`,
      ]),
    );
    expect(await series("tech_contract_turnover")).toEqual({ 2019: 1, 2020: 0.25 });
    expect(await series("rd_expenditure")).toEqual({ 2019: 2 });
    const pace = (await turnoverPace(w, plan, { asOf: "2020-03-31" }))!;
    expect(pace).toMatchObject({ year: 2020, registered: 0.25, target: 2, still_to_register: 1.75 });
    expect(pace.projected).toBeCloseTo(0.25 / (91 / 366), 6);
  });

  it("counts stock lists at year end, yearly registrations and events per year", async () => {
    await ingest(
      w,
      plan,
      writeCsv(dir, "l.csv", [
        "名录类别,名称,认定日期,终止日期,数量,数量单位",
        "众创空间,甲,2017-05-01,,,",
        "众创空间,乙,2018-05-01,2019-06-30,,",
        "科技型中小企业,丙,2018-03-01,,,",
        "科技型中小企业,丙,2019-03-01,,,",
        "科技型中小企业,丁,2019-04-01,,,",
        "科技成果转化,成果1,2018-03-01,,,",
        "科技成果转化,成果2,2018-04-01,,,",
        "增殖放流,批1,2019-05-01,,5000,万尾",
        "增殖放流,批2,2019-06-01,,0.5,亿尾",
        "研发机构,中心,2016-01-01,,,",
      ]),
      { through: "2019-12-31" },
    );
    expect(await series("maker_spaces")).toEqual({ 2017: 1, 2018: 2, 2019: 1 });
    expect(await series("tech_smes")).toEqual({ 2018: 1, 2019: 2 });
    expect(await series("converted_achievements")).toEqual({ 2018: 2, 2019: 0 });
    expect(await series("fry_release")).toEqual({ 2019: 1 });
    expect(await series("rd_institutions")).toEqual({ 2016: 1, 2017: 1, 2018: 1, 2019: 1 });
  });
});

describe("derived beside reported", () => {
  it("fills only the years without a reported figure, marked derived", async () => {
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
      rowsRead: 1,
      observations: [obs({ indicator_id: "tech_contract_turnover", year: 2019, value: 1.1 })],
      rejected: [],
    });
    await ingest(
      w,
      plan,
      writeCsv(dir, "c.csv", [
        "合同编号,登记日期,卖方,买方,技术交易额(亿元),合同类型",
        "A,2019-03-01,s,b,1,技术开发",
        "B,2020-03-01,s,b,2.5,技术开发",
      ]),
      { through: "2020-12-31" },
    );
    const points = (await readObservationPoints(w, plan)).filter((p) => p.indicator_id === "tech_contract_turnover");
    expect(points.map((p) => [p.year, p.value, p.origin])).toEqual([
      [2019, 1.1, "reported"],
      [2020, 2.5, "derived"],
    ]);
  });

  it("reconciles and flags differences above the tolerance", () => {
    const d = (indicator_id: string, year: number, value: number, unit: string) => ({
      indicator_id,
      region_code: "210281",
      year,
      value,
      unit,
      records: 1,
      basis: "",
      known_on: null,
    });
    const derived = [
      d("high_tech_enterprises", 2019, 83, "家"),
      d("tech_contract_turnover", 2019, 1.71, "亿元"),
      d("tech_contract_turnover", 2020, 2.3, "亿元"),
      d("maker_spaces", 2019, 1, "个"),
    ];
    const reported = [
      { indicator_id: "high_tech_enterprises", year: 2019, value: 84 },
      { indicator_id: "tech_contract_turnover", year: 2019, value: 1.8 },
      { indicator_id: "maker_spaces", year: 2019, value: 0 },
    ];
    const rows = reconcileFigures(plan, reported, derived);
    expect(rows.map((r) => [r.indicator_id, r.year, r.flagged])).toEqual([
      ["high_tech_enterprises", 2019, false], // -1.2%: within 2%
      ["tech_contract_turnover", 2019, true], // -5%
      ["maker_spaces", 2019, true], // reported 0, derived 1
    ]);
    expect(rows[1].difference).toBeCloseTo(-0.09, 10);
    expect(rows[1].relative).toBeCloseTo(-0.05, 10);
    expect(reconcileFigures(plan, reported, derived, 0.01).find((r) => r.indicator_id === "high_tech_enterprises")?.flagged).toBe(true);
    expect(reconcileFigures(plan, reported, derived, 0.06).find((r) => r.indicator_id === "tech_contract_turnover")?.flagged).toBe(false);
  });
});
