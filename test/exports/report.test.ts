import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amount, num, percent, targetText, yearList } from "../../exports/format.ts";
import type { Report } from "../../exports/report.ts";
import { type ReportData, reportFromWarehouse } from "../../pipelines/commands/report.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { readObservations, readRejected } from "../../warehouse/read.ts";
import { type DemoWarehouse, demoWarehouse } from "./helpers.ts";

let demo: DemoWarehouse;
let zh: ReportData;
let en: ReportData;
let early: ReportData;

async function build(opts: { lang: "zh" | "en"; asOf?: string }): Promise<ReportData> {
  const w = await openWarehouse(demo.dbPath, { readOnly: true });
  try {
    return await reportFromWarehouse(w, { ...opts, generatedAt: new Date("2021-04-01T09:00:00Z") });
  } finally {
    await w.close();
  }
}

beforeAll(async () => {
  demo = await demoWarehouse();
  zh = await build({ lang: "zh" });
  en = await build({ lang: "en" });
  early = await build({ lang: "zh", asOf: "2020-06-30" });
});
afterAll(() => demo?.cleanup());

const section = (r: Report, id: string) => r.indicators.find((i) => i.id === id)!;

describe("formatting", () => {
  it("writes amounts in the indicator's unit, percentages as %, years plain", () => {
    expect(amount(2.3, "亿元", "100 million yuan", "zh")).toBe("2.3亿元");
    expect(amount(2.3, "亿元", "100 million yuan", "en")).toBe("CNY 230 million");
    expect(amount(1.85, "亿尾", "100 million fry", "en")).toBe("185 million fry");
    expect(amount(18500, "万元", "10,000 yuan", "zh")).toBe("18500万元");
    expect(amount(1, "个", "units", "en")).toBe("1 unit");
    expect(percent(1.15)).toBe("115.0%");
    expect(percent(0.8875)).toBe("88.8%");
    expect(percent(null)).toBe("—");
    expect(num(2020, 0)).toBe("2,020");
    expect(yearList([2015, 2016, 2017, 2019], "zh")).toBe("2015-2017、2019");
    expect(targetText(8, ">=", "亿元", "100 million yuan", "zh")).toBe("8亿元以上");
  });
});

describe("the report for the demo data", () => {
  it("says each verdict in a generated sentence (achieved, missed by how much, trends)", () => {
    expect(section(zh.report, "tech_contract_turnover").sentence).toBe("技术交易合同成交额2020年达到2.3亿元，完成目标的115.0%，实现目标。");
    expect(section(zh.report, "converted_achievements").sentence).toBe(
      "转化科技成果2018-2020年累计47项，完成目标（50项以上）的94.0%，未实现目标，差3项（相差6.0%）。",
    );
    expect(section(zh.report, "incubators").sentence).toContain("未实现目标，差1个（相差50.0%）");
    expect(section(zh.report, "rd_expenditure").sentence).toMatch(/2019年为7\.1亿元.*88\.8%.*进度正常/);
    expect(section(zh.report, "star_innovation_bases").sentence).toContain("提前实现目标");
    expect(section(zh.report, "tech_smes").sentence).toContain("倒退");
    expect(section(en.report, "tech_contract_turnover").sentence).toBe(
      "Technology contract turnover reached CNY 230 million in 2020, 115.0% of the target (at least CNY 200 million): target achieved.",
    );
    expect(section(en.report, "converted_achievements").sentence).toContain("target missed by 3 items (6.0% short)");
  });

  it("has the statuses the demo data was built to give", () => {
    const status = Object.fromEntries(zh.report.indicators.map((i) => [i.id, i.status]));
    expect(status).toEqual({
      rd_expenditure: "on_track",
      high_tech_enterprises: "achieved",
      rd_institutions: "needs_acceleration",
      converted_achievements: "missed",
      tech_contract_turnover: "achieved",
      maker_spaces: "achieved",
      incubators: "missed",
      star_innovation_bases: "achieved",
      tech_smes: "regressing",
      industry_alliances: "off_track",
      enterprise_tech_centers: "achieved",
      patent_alliances: "achieved",
      fry_release: "on_track",
    });
  });

  it("has a cover, every section, and warns that the data are synthetic", () => {
    const r = zh.report;
    expect(r.title).toContain("瓦房店市实施科技成果转移转化三年行动计划");
    expect(r.cover.fields.map((f) => f.value)).toEqual(expect.arrayContaining(["瓦政办发〔2019〕5号", "2020", "全部已入库数据"]));
    expect(r.cover.files.length).toBeGreaterThanOrEqual(5);
    expect(r.cover.files.every((f) => f.startsWith("demo-synthetic-"))).toBe(true);
    expect(r.sections.map((s) => s.id)).toEqual(["summary", "indicators", "tasks", "units", "quality", "methodology"]);
    expect(r.warning).toContain("合成示例数据");
    expect(r.summary.sentence).toBe(zh.assessment.summary.sentence.zh);
    expect(r.tables.headline.rows).toHaveLength(5);
  });

  it("shows each indicator's series with source, vintage, file and row, and the methods side by side", () => {
    const rd = section(zh.report, "rd_expenditure");
    const cols = rd.series.columns.map((c) => c.key);
    const row2019 = rd.series.rows.find((r) => r[cols.indexOf("year")] === 2019)!;
    expect(row2019[cols.indexOf("value")]).toBe(7.1);
    expect(row2019[cols.indexOf("status")]).toBe("正式");
    expect(row2019[cols.indexOf("published")]).toBe("2020-10-15");
    expect(row2019[cols.indexOf("file")]).toMatch(/^demo-synthetic-.*revisions\.json$/);
    expect(String(row2019[cols.indexOf("others")])).toContain("6.9（初步，2020-03-20");
    expect(rd.methods.rows.map((r) => r[2])).toEqual(["基本符合", "显著进展", "保持现有进度", "进度正常"]);
    expect(rd.chart.points.map((p) => p.year)).toEqual([2015, 2016, 2017, 2018, 2019]);
  });

  it("lists tasks with responsible units and units with their indicators", () => {
    const tasks = zh.report.tables.tasks;
    expect(tasks.rows).toHaveLength(18);
    const t1 = tasks.rows.find((r) => r[1] === 1)!;
    expect(t1[3]).toBe("市经信局、市财政局、市人社局、市税务局");
    expect(t1[4]).toContain("高新技术企业数量：已完成");
    expect(tasks.rows.find((r) => r[1] === 16)![5]).toBe("无量化指标");
    const units = zh.report.tables.units;
    const nfj = units.rows.find((r) => r[0] === "市农发局")!;
    expect(nfj[2]).toContain("增殖放流水产苗种：进度正常");
  });

  it("reports data quality: years missing, the conflict resolved, rejected rows, no preliminary figures", async () => {
    const q = zh.report.tables;
    const missing = q.missing.rows.find((r) => r[0] === "各类研发机构")!;
    expect(missing[3]).toContain("2018年缺失（不按0计）");
    expect(q.conflicts.rows).toHaveLength(1);
    const c = q.conflicts.rows[0];
    expect([c[1], c[2], c[6]]).toEqual([2019, 7.1, 6.9]);
    expect(c[10]).toContain("发布日期较晚");
    expect(q.preliminary.rows).toHaveLength(0);
    // The demo's rejected rows (a town's report with errors) are listed with file, row and reason.
    const w = await openWarehouse(demo.dbPath, { readOnly: true });
    try {
      expect(q.rejected.rows).toHaveLength((await readRejected(w, { planId: demo.plan.id })).length);
      expect(q.raw.rows).toHaveLength((await readObservations(w, { planId: demo.plan.id, history: true })).length);
    } finally {
      await w.close();
    }
    for (const r of q.rejected.rows) {
      expect(r[0]).toMatch(/^demo-synthetic-/);
      expect(typeof r[1]).toBe("number");
      expect(String(r[5]).length).toBeGreaterThan(0);
    }
  });

  it("as of an earlier date uses the preliminary figure and says so", () => {
    const rd = section(early.report, "rd_expenditure");
    expect(rd.status).toBe("needs_acceleration");
    expect(rd.sentence).toContain("初步数");
    expect(early.report.tables.preliminary.rows.map((r) => [r[0], r[1], r[2]])).toContainEqual([
      "规模以上工业企业研究开发与试验发展(R&D)经费",
      2019,
      6.9,
    ]);
    expect(early.report.tables.conflicts.rows[0][10]).toContain("评估截止日期之后");
    expect(early.report.cover.fields.find((f) => f.label === "数据截至")?.value).toBe("2020-06-30");
  });

  it("is in one language throughout", () => {
    const enText = JSON.stringify({ s: en.report.sections.map((s) => s.title), i: en.report.indicators.map((i) => i.sentence) });
    expect(enText).not.toMatch(/已完成|未完成|年为/);
    expect(en.report.sections[0].title).toBe("1. Summary");
  });
});

describe("a plan with no data yet", () => {
  it("still builds a complete report in every text format, saying what is missing", async () => {
    const { assessPlan } = await import("../../assessment/engine.ts");
    const { buildReport } = await import("../../exports/report.ts");
    const { reportToMarkdown } = await import("../../exports/markdown.ts");
    const { reportToCsv } = await import("../../exports/csv.ts");
    const { renderReportHtml } = await import("../../exports/report-html.ts");
    const { reportToXlsx } = await import("../../exports/xlsx.ts");
    for (const lang of ["zh", "en"] as const) {
      const assessment = assessPlan(demo.plan, []);
      const report = buildReport({ plan: demo.plan, assessment, history: [], files: [], rejected: [], lang });
      expect(report.indicators.every((i) => i.status === "insufficient_data")).toBe(true);
      expect(report.indicators[0].sentence).toContain(lang === "zh" ? "没有可用数据" : "no figures");
      expect(report.warning).toBeNull();
      expect(reportToMarkdown(report)).toContain(report.tables.rejected.empty);
      expect(reportToCsv(report).split("\r\n").filter(Boolean)).toHaveLength(14);
      expect(renderReportHtml(report)).toContain("<svg ");
      expect((await reportToXlsx(report)).byteLength).toBeGreaterThan(1000);
    }
  });
});
