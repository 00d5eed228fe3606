import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mdEscape } from "../../exports/markdown.ts";
import type { ReportJson } from "../../exports/json.ts";
import { renderReportHtml } from "../../exports/report-html.ts";
import { sheetName } from "../../exports/xlsx.ts";
import { type ReportData, reportCommand, reportFromWarehouse } from "../../pipelines/commands/report.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { type DemoWarehouse, demoWarehouse, HOSTILE_NOTE, HOSTILE_REJECTED, HOSTILE_SOURCE } from "./helpers.ts";

let demo: DemoWarehouse;
const out = (name: string) => join(demo.dir, name);
const run = (format: "xlsx" | "md" | "csv" | "json" | "html", lang: "zh" | "en", file: string) =>
  reportCommand({ db: demo.dbPath, lang, format, out: out(file), quiet: true });

async function data(lang: "zh" | "en"): Promise<ReportData> {
  const w = await openWarehouse(demo.dbPath, { readOnly: true });
  try {
    return await reportFromWarehouse(w, { lang });
  } finally {
    await w.close();
  }
}

beforeAll(async () => {
  demo = await demoWarehouse({ hostile: true });
  for (const lang of ["zh", "en"] as const) {
    for (const format of ["xlsx", "md", "csv", "json", "html"] as const) {
      expect(await run(format, lang, `report-${lang}.${format}`)).toBe(0);
    }
  }
});
afterAll(() => demo?.cleanup());

async function workbook(lang: "zh" | "en"): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.readFile(out(`report-${lang}.xlsx`));
  return wb;
}

/** Row values keyed by the header row (row 1) of a one-table sheet. */
function rowsOf(ws: ExcelJS.Worksheet): { cells: Map<string, ExcelJS.Cell>; values: Map<string, unknown> }[] {
  const header = (ws.getRow(1).values as unknown[]).slice(1).map(String);
  const rows: { cells: Map<string, ExcelJS.Cell>; values: Map<string, unknown> }[] = [];
  ws.eachRow((row, n) => {
    if (n === 1) return;
    const cells = new Map<string, ExcelJS.Cell>();
    const values = new Map<string, unknown>();
    header.forEach((h, i) => {
      cells.set(h, row.getCell(i + 1));
      values.set(h, row.getCell(i + 1).value);
    });
    rows.push({ cells, values });
  });
  return rows;
}

describe("XLSX", () => {
  it("has one sheet per section plus the yearly figures and the raw series, named in the language", async () => {
    const zh = await workbook("zh");
    expect(zh.worksheets.map((w) => w.name)).toEqual([
      "封面",
      "总体评估",
      "分指标评估",
      "年度数据",
      "重点任务",
      "责任单位",
      "数据质量",
      "评估方法",
      "原始数据（全部版本）",
    ]);
    const en = await workbook("en");
    expect(en.worksheets.map((w) => w.name)).toContain("Raw series (all vintages)");
    for (const ws of [...zh.worksheets, ...en.worksheets]) {
      expect(ws.name.length).toBeLessThanOrEqual(31);
      expect(ws.name).not.toMatch(/[[\]:*?/\\]/);
    }
    expect(sheetName("a/b:c*d?[e]\\f".repeat(5), new Set())).toMatch(/^[^[\]:*?/\\]{1,31}$/);
  });

  it("stores real numbers with number formats, shares as percentages, years plain, dates as dates", async () => {
    const wb = await workbook("zh");
    const ws = wb.getWorksheet("分指标评估")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const rows = rowsOf(ws);
    expect(rows).toHaveLength(13);
    const tc = rows.find((r) => r.values.get("指标代码") === "tech_contract_turnover")!;
    expect(tc.values.get("指标")).toBe("技术交易合同成交额");
    expect(tc.values.get("最新值")).toBe(2.3);
    expect(tc.cells.get("最新值")!.type).toBe(ExcelJS.ValueType.Number);
    expect(tc.values.get("实现程度")).toBeCloseTo(1.15, 10);
    expect(tc.cells.get("实现程度")!.numFmt).toBe("0.0%");
    expect(tc.values.get("最新年份")).toBe(2020);
    expect(tc.cells.get("最新年份")!.numFmt).toBe("0");
    expect(tc.values.get("评估结论")).toBe("已完成");
    expect(tc.values.get("评估说明")).toBe("技术交易合同成交额2020年达到2.3亿元，完成目标的115.0%，实现目标。");
    const rd = rows.find((r) => r.values.get("指标代码") === "rd_expenditure")!;
    expect(rd.cells.get("实际年均增速")!.numFmt).toBe("0.0%");
    expect(rd.cells.get("增速（进度）比率")!.type).toBe(ExcelJS.ValueType.Number);

    const raw = rowsOf(wb.getWorksheet("原始数据（全部版本）")!);
    const rd2019 = raw.filter((r) => r.values.get("指标代码") === "rd_expenditure" && r.values.get("年份") === 2019);
    expect(rd2019.map((r) => [r.values.get("数值"), r.values.get("状态"), r.values.get("评估采用")]).sort()).toEqual([
      [6.9, "初步", "否"],
      [7.1, "正式", "是"],
    ]);
    const published = rd2019.find((r) => r.values.get("数值") === 7.1)!.cells.get("发布日期")!;
    expect(published.value).toBeInstanceOf(Date);
    expect((published.value as Date).toISOString().slice(0, 10)).toBe("2020-10-15");
    expect(published.numFmt).toBe("yyyy-mm-dd");
    expect(rd2019[0].values.get("文件")).toMatch(/^demo-synthetic-/);
    expect(typeof rd2019[0].values.get("行号")).toBe("number");
  });

  it("neutralises formulas in text cells and never writes a formula", async () => {
    const wb = await workbook("zh");
    const raw = rowsOf(wb.getWorksheet("原始数据（全部版本）")!);
    const hostile = raw.find((r) => r.values.get("文件") === "'=hostile.csv")!;
    expect(hostile.values.get("数据来源")).toBe(`'${HOSTILE_SOURCE}`);
    expect(hostile.values.get("备注")).toBe(`'${HOSTILE_NOTE}`);
    let formulas = 0;
    let quality = "";
    for (const ws of wb.worksheets) {
      ws.eachRow((row) =>
        row.eachCell((cell) => {
          if (cell.type === ExcelJS.ValueType.Formula) formulas += 1;
          if (typeof cell.value === "string" && ws.name === "数据质量") quality += `${cell.value}\n`;
          // Text that is just a number (a rejected raw value like "-3") is harmless; anything else starting with = + - @ is guarded.
          if (typeof cell.value === "string") expect(cell.value).not.toMatch(/^[=+\-@](?!\d+(\.\d+)?$)/);
        }),
      );
    }
    expect(formulas).toBe(0);
    expect(quality).toContain(`'${HOSTILE_REJECTED}`);
  });

  it("freezes header rows and sets column widths", async () => {
    const wb = await workbook("en");
    for (const ws of wb.worksheets) {
      expect(ws.views[0]?.state).toBe("frozen");
      expect(ws.getColumn(1).width ?? 0).toBeGreaterThan(5);
    }
    const ind = wb.getWorksheet("Indicators")!;
    expect((ind.getRow(1).values as unknown[]).includes("Completion")).toBe(true);
  });
});

describe("CSV", () => {
  it("is one UTF-8 table with a byte order mark, one row per indicator", () => {
    const bytes = readFileSync(out("report-zh.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0].split(",").slice(0, 3)).toEqual(["指标代码", "指标", "主要指标"]);
    expect(lines[0]).toContain("实现程度 (%)");
    expect(lines.filter((l) => /^[a-z_]+,/.test(l))).toHaveLength(13);
    const tc = lines.find((l) => l.startsWith("tech_contract_turnover,"))!;
    expect(tc).toContain(",2.3,");
    expect(tc).toContain(",115,");
  });

  it("neutralises a hostile source so no cell starts with = + - @", () => {
    const text = readFileSync(out("report-zh.csv"), "utf8");
    expect(text).toContain(`"'=HYPERLINK(""http://evil.example/x"",""click"")<script>alert(1)</script>"`);
    // Every field: none starts with a formula character (numbers are unquoted and may be negative).
    for (const line of text.slice(1).trimEnd().split("\r\n")) {
      for (const field of line.match(/("([^"]|"")*"|[^,]*)(,|$)/g) ?? []) {
        const value = field.replace(/,$/, "").replace(/^"|"$/g, "");
        if (!/^-?\d+(\.\d+)?(e-?\d+)?$/.test(value)) expect(value).not.toMatch(/^[=+\-@]/);
      }
    }
  });
});

describe("Markdown and JSON", () => {
  it("agree: the same indicators, sentences, verdicts and summary", async () => {
    for (const lang of ["zh", "en"] as const) {
      const md = readFileSync(out(`report-${lang}.md`), "utf8");
      const json = JSON.parse(readFileSync(out(`report-${lang}.json`), "utf8")) as ReportJson;
      expect(json.report.lang).toBe(lang);
      expect(json.assessment.indicators).toHaveLength(13);
      expect(json.report.indicators.map((i) => i.id)).toEqual(json.assessment.indicators.map((a) => a.id));
      expect(md).toContain(mdEscape(json.report.summary.sentence));
      for (const ind of json.report.indicators) {
        const a = json.assessment.indicators.find((x) => x.id === ind.id)!;
        expect(ind.status).toBe(a.status);
        expect(md).toContain(mdEscape(ind.sentence, true));
        expect(md).toContain(mdEscape(ind.name, true));
      }
      for (const s of json.report.sections) expect(md).toContain(`## ${mdEscape(s.title, true)}`);
      const fresh = await data(lang);
      expect(json.assessment.summary).toEqual(fresh.assessment.summary);
    }
  });

  it("Markdown escapes data text so that it cannot become markup", () => {
    const md = readFileSync(out("report-zh.md"), "utf8");
    expect(md).not.toContain("<script>");
    expect(md).not.toContain("](http://evil");
    expect(mdEscape("a|b <i>x</i> [l](u) *e*")).toBe("a\\|b \\<i\\>x\\</i\\> \\[l\\](u) \\*e\\*");
  });
});

describe("HTML", () => {
  it("escapes all data text and loads nothing from the network", () => {
    const html = readFileSync(out("report-zh.html"), "utf8");
    expect(html).not.toContain("<script");
    expect(html).toContain("&lt;script&gt;alert(1)&lt;/script&gt;");
    expect(html).not.toMatch(/(src|href)=["']?https?:/);
    expect(html).not.toMatch(/@import|@font-face/);
    expect(html).toContain("Noto Sans CJK SC");
    expect(html).toContain("break-inside: avoid");
    expect((html.match(/<svg /g) ?? []).length).toBe(13);
  });

  it("renders the same report object for the site", async () => {
    const d = await data("en");
    const html = renderReportHtml(d.report);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Technology contract turnover reached CNY 230 million in 2020");
  });
});

describe("writing", () => {
  it("leaves no temporary file behind and replaces an existing file whole", async () => {
    writeFileSync(out("again.md"), "old");
    expect(await run("md", "zh", "again.md")).toBe(0);
    expect(readFileSync(out("again.md"), "utf8")).toMatch(/^# /);
    expect(readdirSync(demo.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
  });

  it("refuses an unknown warehouse without writing anything", async () => {
    await expect(
      reportCommand({ db: out("missing.duckdb"), lang: "zh", format: "md", out: out("none.md"), quiet: true }),
    ).rejects.toMatchObject({
      exitCode: 3,
    });
    expect(existsSync(out("none.md"))).toBe(false);
  });
});
