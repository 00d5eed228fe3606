import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { amount, gapText, num, percent, targetText, yearList } from "../../exports/format.ts";
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
    expect(percent(1.03)).toBe("103.0%");
    expect(percent(0.8875)).toBe("88.8%");
    expect(gapText(-3, "家", "enterprises", "zh")).toBe("超额3家");
    expect(gapText(3, "项", "items", "zh")).toBe("差3项");
    expect(gapText(0.4, "项", "items", "zh")).toBe("达到目标");
    expect(gapText(-0.3, "亿元", "100 million yuan", "en")).toBe("CNY 30 million above target");
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

  it("has the 终期评估 outline: cover, 一 to 五 and four annexes, in both languages", () => {
    const r = zh.report;
    expect(r.title).toBe("瓦房店市实施科技成果转移转化三年行动计划（2018-2020年）终期评估报告");
    expect(r.mode).toBe("final");
    expect(r.cover).toMatchObject({
      author: "瓦房店市人民政府办公室",
      as_of: "2021-03-15",
      date: "2021-04-01",
      mark: "征求意见稿",
      draft: true,
    });
    expect(r.cover.fields.map((f) => f.label)).toEqual(["评估对象", "编制单位", "数据截至", "报告日期", "评估类型", "稿本"]);
    expect(r.cover.files.every((f) => f.startsWith("demo-synthetic-"))).toBe(true);
    expect(r.sections.map((s) => s.title)).toEqual([
      "一、总体完成情况",
      "二、主要指标完成情况",
      "三、重点任务完成情况",
      "四、存在问题",
      "五、下一步工作建议",
      "附件1　评估方法",
      "附件2　数据来源与质量",
      "附件3　佐证材料清单",
      "附件4　分指标技术表",
    ]);
    expect(r.sections.filter((s) => s.draft).map((s) => s.id)).toEqual(["overall", "problems", "suggestions"]);
    expect(r.warning).toContain("合成示例数据");
    expect(r.synthetic).toBe(true);
    expect(en.report.sections.map((s) => s.title)[0]).toBe("1. Overall");
    expect(en.report.cover.mark).toBe("Draft for comment");
  });

  it("二: one table with the baseline year's own figure, each plan year, completion and the final grade", () => {
    const t = zh.report.tables.overview;
    expect(t.columns.map((c) => c.label)).toEqual([
      "序号",
      "指标",
      "单位",
      "目标",
      "2017年（基期）",
      "2018年",
      "2019年",
      "2020年",
      "完成程度",
      "评价",
    ]);
    const row = (name: string) => t.rows.find((r) => String(r.name).startsWith(name))!;
    expect(row("转化科技成果")).toMatchObject({ y2017: 12, y2018: 14, y2019: 17, y2020: 16, completion: 0.94, verdict: "基本完成" });
    expect(row("高新技术企业数量")).toMatchObject({ y2020: 103, verdict: "完成" });
    expect(row("技术交易合同成交额")).toMatchObject({ verdict: "超额完成" });
    // No 2020 figure: no trend word, no completion.
    expect(row("规模以上工业企业研究开发")).toMatchObject({ y2020: null, completion: null, verdict: "数据暂缺，无法作出终期结论" });
    const text = JSON.stringify(zh.report.sections.find((s) => s.id === "indicators"));
    expect(text).not.toMatch(/进度正常|需加快|进展不足|倒退/);
    expect(text).toContain("高新技术企业数量2020年为103家，完成目标（100家以上）的103.0%，超额3家，评价为完成。");
  });

  it("三: lead and supporting units per task; a unit that only supports is not 未完成", () => {
    const text = JSON.stringify(zh.report.sections.find((s) => s.id === "tasks"));
    expect(text).toContain("牵头单位：市经信局；配合单位：市财政局、市人社局、市税务局。");
    const units = zh.report.tables.units.rows;
    expect(units.find((u) => u.unit === "市人社局")!.grade).not.toBe("未完成");
    // Task 16 has no indicator: its grade comes from its milestones (no progress report in the demo: overdue).
    expect(zh.report.tables.tasks.rows.find((r) => r.id === 16)!.grade).toBe("未完成（依据里程碑）");
    expect(text).toMatch(/里程碑“[^”]+”.*（20\d\d-\d\d-\d\d到期）：已逾期/);
  });

  it("四 and 五 are drafted from the data and marked as drafts", () => {
    const problems = zh.report.sections.find((s) => s.id === "problems")!;
    const items = problems.blocks.flatMap((b) => (b.kind === "list" ? b.items : []));
    expect(items).toContain("科技企业孵化器完成目标的50.0%，差1个，未达到计划目标。");
    expect(items.some((i) => i.includes("缺少2020年数据"))).toBe(true);
    const suggestions = zh.report.sections.find((s) => s.id === "suggestions")!;
    expect(suggestions.draft).toBe(true);
    expect(JSON.stringify(suggestions)).toContain("【请评估人员补充其他建议】");
  });

  it("附件2 says which file would settle each missing final verdict; sources are never empty", () => {
    const settle = zh.report.tables.settle.rows;
    expect(settle.map((r) => r.indicator)).toContain("各类研发机构");
    expect(String(settle.find((r) => r.indicator === "各类研发机构")!.file)).toMatch(/demo-synthetic-.*2020年/);
    for (const r of zh.report.tables.sources.rows) expect(String(r.source)).not.toBe("");
    for (const r of zh.report.tables.indicators.rows) expect(String(r.sources)).not.toBe("");
  });

  it("has no error codes or import timestamps in the body", () => {
    const body = JSON.stringify({ s: zh.report.sections, c: zh.report.cover });
    expect(body).not.toMatch(/not_a_number|negative_count|\d{2}:\d{2}:\d{2}/);
  });

  it("shows each indicator's series with source, vintage, file and row, and the methods side by side", () => {
    const rd = section(zh.report, "rd_expenditure");
    const cols = rd.series.columns.map((c) => c.key);
    expect(cols).toContain("others");
    const row2019 = rd.series.rows.find((r) => r.year === 2019)!;
    expect(row2019.value).toBe(7.1);
    expect(row2019.status).toBe("正式");
    expect(row2019.published).toBe("2020-10-15");
    expect(row2019.file).toMatch(/^demo-synthetic-.*revisions\.json$/);
    expect(String(row2019.others)).toContain("6.9（初步，2020-03-20");
    expect(rd.methods.rows.map((r) => r.verdict)).toEqual([
      "基本符合",
      "显著进展",
      "保持现有进度",
      "进度正常",
      "数据暂缺，无法作出终期结论",
    ]);
    expect(rd.chart.points.map((p) => p.year)).toEqual([2015, 2016, 2017, 2018, 2019]);
  });

  it("lists tasks with responsible units and units with their indicators", () => {
    const tasks = zh.report.tables.tasks;
    expect(tasks.rows).toHaveLength(18);
    const t1 = tasks.rows.find((r) => r.id === 1)!;
    expect(t1).toMatchObject({ lead: "市经信局", support: "市财政局、市人社局、市税务局" });
    expect(t1.indicators).toContain("高新技术企业数量：完成");
    const nfj = zh.report.tables.units.rows.find((r) => r.unit === "市农发局")!;
    expect(nfj.lead).toBe("11、12");
  });

  it("reports data quality: years missing, the conflict resolved, rejected rows, no preliminary figures", async () => {
    const q = zh.report.tables;
    const missing = q.missing.rows.find((r) => r.indicator === "各类研发机构")!;
    expect(missing.note).toContain("2018年缺失（不按0计）");
    expect(q.conflicts.rows).toHaveLength(1);
    const c = q.conflicts.rows[0];
    expect([c.year, c.used_value, c.other_value]).toEqual([2019, 7.1, 6.9]);
    expect(c.why).toContain("发布日期较晚");
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
      expect(r.file).toMatch(/^demo-synthetic-/);
      expect(typeof r.row).toBe("number");
      expect(String(r.reason).length).toBeGreaterThan(0);
    }
  });

  it("as of an earlier date uses the preliminary figure and says so", () => {
    const rd = section(early.report, "rd_expenditure");
    expect(rd.status).toBe("needs_acceleration");
    expect(rd.sentence).toContain("初步数");
    expect(early.report.mode).toBe("interim");
    expect(early.report.title).toContain("中期评估报告");
    expect(early.report.tables.preliminary.rows.map((r) => [r.indicator, r.year, r.value])).toContainEqual([
      "规模以上工业企业研究开发与试验发展(R&D)经费",
      2019,
      6.9,
    ]);
    expect(early.report.tables.conflicts.rows[0].why).toContain("评估截止日期之后");
    expect(early.report.cover.as_of).toBe("2020-06-30");
  });

  it("--interim keeps the trend verdicts; --release marks it 定稿", async () => {
    const w = await openWarehouse(demo.dbPath, { readOnly: true });
    try {
      const r = (await reportFromWarehouse(w, { lang: "zh", interim: true, release: true, number: "瓦科评〔2021〕1号" })).report;
      expect(r.mode).toBe("interim");
      expect(r.title).toContain("中期评估报告");
      expect(r.cover).toMatchObject({ mark: "定稿", draft: false, document: "瓦科评〔2021〕1号" });
      const row = r.tables.overview.rows.find((x) => String(x.name).startsWith("规模以上工业企业研究开发"))!;
      expect(row.verdict).toBe("进度正常");
    } finally {
      await w.close();
    }
  });

  it("is in one language throughout", () => {
    const enText = JSON.stringify({ s: en.report.sections.map((s) => s.title), i: en.report.indicators.map((i) => i.sentence) });
    expect(enText).not.toMatch(/已完成|未完成|年为/);
    expect(en.report.sections[0].title).toBe("1. Overall");
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
      expect(report.tables.overview.rows.every((r) => r.completion === null)).toBe(true);
      expect(renderReportHtml(report)).toContain("<svg ");
      expect((await reportToXlsx(report)).byteLength).toBeGreaterThan(1000);
    }
  });
});
