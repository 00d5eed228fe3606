import Papa from "papaparse";
import { describe, expect, it } from "vitest";
import { assessPlan } from "../../assessment/engine.ts";
import { assessmentToCsv, csvCell, displayWidth, renderAssessmentTable, stripAnsi } from "../../pipelines/render-assessment.ts";
import { indicator, obs, plan } from "../assessment/helpers.ts";

const p = plan([
  indicator({ id: "rd", zh: "规模以上工业企业R&D经费", en: "R&D expenditure, above-size industry", target: 8 }),
  indicator({
    id: "conv",
    zh: "转化科技成果",
    en: 'Converted "S&T" achievements, total',
    unit: "项",
    unit_en: "items",
    measure: "cumulative",
    target: 50,
  }),
  indicator({ id: "evil", zh: '=HYPERLINK("x")', en: "+cmd|' /C calc'!A0", unit: "@", unit_en: "-units", headline: false, target: 10 }),
]);
const a = assessPlan(p, [
  ...obs("rd", { 2017: 4, 2018: 4.8, 2019: 5.6 }),
  ...obs("conv", { 2018: 15 }),
  ...obs("conv", { 2019: 12 }, "preliminary"),
  ...obs("evil", { 2017: 8, 2019: 6 }),
]);

describe("displayWidth", () => {
  it("counts CJK as two columns and ANSI as none", () => {
    expect(displayWidth("中文ab")).toBe(6);
    expect(displayWidth("\u001b[33m需加快\u001b[0m")).toBe(6);
    expect(displayWidth("（初步）")).toBe(8);
    expect(displayWidth("e\u0301")).toBe(1);
  });
});

describe("renderAssessmentTable", () => {
  const zh = renderAssessmentTable(a, "zh", { color: false });
  const en = renderAssessmentTable(a, "en", { color: false });
  const tableLines = (s: string) => s.split("\n").slice(3, 3 + 2 + a.indicators.length);

  it("shows the indicators, figures and statuses", () => {
    expect(zh).toContain("规模以上工业企业R&D经费");
    expect(zh).toContain("2019年：5.6亿元");
    expect(zh).toContain("≥ 8亿元（2020年）");
    expect(en).toContain("≥ CNY 800 million (2020)");
    expect(zh).toContain("70.0%"); // 5.6 / 8
    expect(zh).toContain("40.0% / 66.7%");
    expect(zh).toContain("需加快");
    expect(zh).toContain("2019年累计：27项（初步）");
    expect(en).toContain("2019 total: 27 items (prelim.)");
    expect(en).toContain("Needs acceleration");
    expect(en).toContain("Regressing");
  });
  it("aligns columns whatever the script", () => {
    for (const text of [zh, en]) {
      const lines = tableLines(text);
      const status = (l: string) => displayWidth(l) - displayWidth(l.split("  ").pop()!);
      const starts = lines.filter((l) => !l.startsWith("─")).map(status);
      expect(new Set(starts).size).toBe(1);
    }
  });
  it("ends with the summary sentence", () => {
    expect(zh.trimEnd().split("\n").pop()).toBe(a.summary.sentence.zh);
    expect(en.trimEnd().split("\n").pop()).toBe(a.summary.sentence.en);
  });
  it("colours status words only when asked", () => {
    expect(zh).not.toContain("\u001b[");
    const coloured = renderAssessmentTable(a, "zh", { color: true });
    expect(coloured).toContain("\u001b[33m需加快\u001b[0m");
    expect(coloured).toContain("\u001b[1;31m倒退\u001b[0m");
    expect(stripAnsi(coloured)).toBe(zh);
  });
  it("says when an as-of date applies", () => {
    const b = assessPlan(p, obs("rd", { 2017: 4 }), { asOf: "2020-03-31" });
    expect(renderAssessmentTable(b, "en", { color: false })).toContain("data published by 2020-03-31");
    expect(renderAssessmentTable(b, "zh", { color: false })).toContain("—");
  });
});

describe("assessmentToCsv", () => {
  const en = assessmentToCsv(a, "en");
  const rows = Papa.parse<string[]>(en.trimEnd(), { newline: "\r\n" }).data;

  it("has a header in the chosen language with a stable id column", () => {
    expect(rows[0][0]).toBe("id");
    expect(rows[0]).toContain("completion");
    const zhHead = assessmentToCsv(a, "zh").split("\r\n")[0].split(",");
    expect(zhHead[0]).toBe("id");
    expect(zhHead).toContain("实现程度");
    expect(rows.map((r) => r[0])).toEqual(["id", "rd", "conv", "evil"]);
  });
  it("quotes per RFC 4180 and ends lines with CRLF", () => {
    expect(en).toContain('"Converted ""S&T"" achievements, total"');
    expect(rows[2][1]).toBe('Converted "S&T" achievements, total');
    expect(en.endsWith("\r\n")).toBe(true);
    expect(en.split("\r\n")).toHaveLength(a.indicators.length + 2);
  });
  it("neutralises formula injection but keeps negative numbers as numbers", () => {
    expect(rows[3][1]).toBe("'+cmd|' /C calc'!A0");
    expect(rows[3][2]).toBe("'-units");
    const zhRows = Papa.parse<string[]>(assessmentToCsv(a, "zh").trimEnd(), { newline: "\r\n" }).data;
    expect(zhRows[3][1]).toBe('\'=HYPERLINK("x")');
    expect(zhRows[3][2]).toBe("'@");
    const progress = rows[0].indexOf("progress");
    expect(rows[3][progress]).toBe("-1"); // 8 -> 6 against 10: progress -100 %
    expect(csvCell(-0.5)).toBe("-0.5");
    expect(csvCell("-12.5")).toBe("-12.5");
    expect(csvCell("-1+2")).toBe("'-1+2");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell("\tx")).toBe("'\tx");
  });
  it("writes numbers plainly, without float noise, and nulls as empty", () => {
    expect(csvCell(0.1 + 0.2)).toBe("0.3");
    expect(csvCell(null)).toBe("");
    const completion = rows[0].indexOf("completion");
    expect(rows[1][completion]).toBe("0.7");
  });
  it("can start with a byte-order mark for spreadsheet programs", () => {
    expect(assessmentToCsv(a, "zh", { bom: true }).charCodeAt(0)).toBe(0xfeff);
  });
});

describe("renderAssessmentTable at the end of the plan", () => {
  const final = assessPlan(
    p,
    [
      ...obs("rd", { 2017: 4, 2018: 4.8, 2019: 5.6 }),
      ...obs("conv", { 2018: 20, 2019: 20, 2020: 15 }),
      ...obs("evil", { 2017: 8, 2020: 6 }),
    ],
    { mode: "final" },
  );

  it("shows each indicator's final grade, as the dashboard does, and the grades' sentence", () => {
    const zh = renderAssessmentTable(final, "zh", { color: false });
    expect(zh).toContain("终期评价");
    const rdLine = zh.split("\n").find((l) => l.includes("R&D经费")) ?? "";
    expect(rdLine).toMatch(/数据暂缺$/); // latest 2019: no trend word at the end of the plan
    expect(zh.split("\n").find((l) => l.includes("转化科技成果"))).toMatch(/超额完成$/);
    expect(zh).toContain("终期评估：2项主要指标中，1项超额完成，1项数据暂缺（待2020年数值）。");
    const en = renderAssessmentTable(final, "en", { color: false });
    expect(en).toContain("Final grade");
    expect(en).toContain("End-of-plan assessment: of 2 headline indicators, 1 exceeded, 1 data missing (awaiting the 2020 figure).");
  });

  it("keeps the trend status in a mid-term assessment", () => {
    expect(renderAssessmentTable(a, "zh", { color: false })).not.toContain("终期评价");
  });
});
