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

/** The header row of a one-table sheet: row 1, or row 2 below the synthetic-data warning. */
const headerRow = (ws: ExcelJS.Worksheet) => (ws.getRow(1).cellCount > 1 ? 1 : 2);

/** Row values keyed by the header row of a one-table sheet. */
function rowsOf(ws: ExcelJS.Worksheet): { cells: Map<string, ExcelJS.Cell>; values: Map<string, unknown> }[] {
  const h = headerRow(ws);
  const header = (ws.getRow(h).values as unknown[]).slice(1).map(String);
  const rows: { cells: Map<string, ExcelJS.Cell>; values: Map<string, unknown> }[] = [];
  ws.eachRow((row, n) => {
    if (n <= h) return;
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
      "一、总体完成情况",
      "二、主要指标",
      "三、重点任务",
      "责任单位",
      "四五、问题与建议",
      "附件1 评估方法",
      "附件2 数据来源与质量",
      "附件3 佐证材料",
      "附件4 分指标技术表",
      "年度数据",
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
    const ws = wb.getWorksheet("附件4 分指标技术表")!;
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
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
    expect(tc.values.get("终期评价")).toBe("超额完成");
    expect(tc.values.get("趋势判断")).toBe("已完成");
    expect(tc.values.get("距目标")).toBe("超额0.3亿元");
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
          if (typeof cell.value === "string" && ws.name === "附件2 数据来源与质量") quality += `${cell.value}\n`;
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
    const ind = wb.getWorksheet("Annex 4 Technical")!;
    expect((ind.getRow(2).values as unknown[]).includes("Completion")).toBe(true);
  });

  it("prints on A4, one page wide, with print titles, a page-number footer and the warning on every sheet", async () => {
    const wb = await workbook("zh");
    for (const ws of wb.worksheets) {
      expect(ws.pageSetup).toMatchObject({ paperSize: 9, fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(ws.pageSetup.printArea).toMatch(/^A1:[A-Z]+\d+$/);
      expect(ws.headerFooter.oddFooter).toContain("&P");
      expect(String(ws.getCell(1, 1).value)).toContain("合成示例数据");
    }
    expect(wb.getWorksheet("附件4 分指标技术表")!.pageSetup.printTitlesRow).toBe("2:2");
    // The verdict cells are coloured as on the site.
    const tasks = wb.getWorksheet("二、主要指标")!;
    const fills: string[] = [];
    tasks.eachRow((row) =>
      row.eachCell((c) => {
        if (c.value === "未完成") fills.push((c.fill as ExcelJS.FillPattern).fgColor?.argb ?? "");
      }),
    );
    expect(fills).toEqual(["FFF6D6CF"]);
  });

  it("defines _xlnm._FilterDatabase for every autofilter, so LibreOffice keeps them", async () => {
    const JSZip = (await import("jszip")).default;
    const zip = await JSZip.loadAsync(readFileSync(out("report-zh.xlsx")));
    const xml = await zip.file("xl/workbook.xml")!.async("string");
    const names = xml.match(/<definedName name="_xlnm._FilterDatabase"[^>]*>[^<]+</g) ?? [];
    const wb = await workbook("zh");
    expect(names).toHaveLength(wb.worksheets.filter((w) => w.autoFilter).length);
    expect(names.length).toBeGreaterThanOrEqual(7);
    expect(names[0]).toContain('hidden="1"');
  });
});

describe("CSV", () => {
  it("is one UTF-8 table with a byte order mark, one row per indicator", () => {
    const bytes = readFileSync(out("report-zh.csv"));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = bytes.toString("utf8").slice(1);
    const lines = text.trimEnd().split("\r\n");
    expect(lines[0].split(",").slice(0, 7)).toEqual(["评估对象", "数据截至", "评估类型", "合成示例数据", "指标代码", "指标", "主要指标"]);
    expect(lines[0]).toContain("实现程度 (%)");
    expect(lines).toHaveLength(14);
    const tc = lines.find((l) => l.includes(",tech_contract_turnover,"))!;
    expect(tc).toContain(",final,true,tech_contract_turnover,");
    expect(tc).toContain(",2.3,");
    expect(tc).toContain(",115,");
    // Rounded as the report shows it: no float noise, growth one decimal as a percentage.
    expect(text).not.toMatch(/\d\.\d{6,}/);
    // Every indicator names its source (or the file it came from).
    const sources = lines[0].split(",").indexOf("数据来源");
    expect(sources).toBeGreaterThan(0);
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
      expect(md).toContain(mdEscape(json.report.cover.title, true));
      expect(json.report.synthetic).toBe(true);
      expect(json.assessment.plan.synthetic).toBe(true);
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

  it("docs/report.schema.json documents every field of the report and the assessment, and every number is rounded", () => {
    const schema = JSON.parse(readFileSync(new URL("../../docs/report.schema.json", import.meta.url), "utf8"));
    const text = readFileSync(out("report-zh.json"), "utf8");
    const json = JSON.parse(text) as ReportJson;
    for (const [name, obj] of [
      ["assessment", json.assessment],
      ["report", json.report],
      ["indicator", json.assessment.indicators[0]],
      ["final", json.assessment.final],
    ] as const)
      for (const key of Object.keys(obj)) expect(schema.$defs[name].properties, `${name}.${key}`).toHaveProperty(key);
    expect(text).not.toMatch(/\d\.\d*0{6,}\d|\d\.\d*9{6,}\d/);
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
    // One chart per indicator in 附件4, and the five headline indicators again in 二.
    expect((html.match(/<svg /g) ?? []).length).toBe(13 + 5);
    // A parenthesised year range never breaks.
    expect(html).toContain('<span class="nobr">（2018-2020年）</span>');
  });

  it("renders the same report object for the site", async () => {
    const d = await data("en");
    const html = renderReportHtml(d.report);
    expect(html).toContain('<html lang="en">');
    expect(html).toContain("Technology contract turnover stood at CNY 230 million in 2020");
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
