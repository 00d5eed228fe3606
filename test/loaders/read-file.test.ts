import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import fc from "fast-check";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { FileError, type FileReadResult, readObservationBytes, readObservationFile } from "../../loaders/read-file.ts";
import { fixture, loadPlan, planWithPercent, tempDir, utf8 } from "./helpers.ts";

const plan = loadPlan();

const obs = (r: FileReadResult) => r.observations.map((o) => [o.row, o.indicator_id, o.year, o.value, o.unit, o.status]);
const rej = (r: FileReadResult) => r.rejected.map((x) => [x.row, x.column, x.code]);

async function fileError(p: Promise<unknown>): Promise<FileError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(FileError);
    expect((e as FileError).exitCode).toBe(2);
    return e as FileError;
  }
  throw new Error("expected a FileError");
}

describe("CSV end to end", () => {
  it("GB18030 wide CSV with a title row", async () => {
    const text = [
      "瓦房店市科技成果转化主要指标（2018-2020年）,,,",
      "指标名称,2018年,2019年,2020年",
      "高新技术企业数量（家）,61,82,—",
      '技术合同成交额（万元）,"9,800",15000,2.3亿元',
      "转化科技成果,15,１８,暂无",
      "注：2020年为快报数,,,",
    ].join("\r\n");
    const dir = tempDir();
    const path = join(dir, "指标-gbk.csv");
    writeFileSync(path, iconv.encode(text, "gb18030"));
    const r = await readObservationFile(path, plan);
    expect(r).toMatchObject({ format: "csv", encoding: "gb18030", layout: "wide", headerRow: 2, sheet: null, rowsRead: 3 });
    expect(obs(r)).toEqual([
      [3, "high_tech_enterprises", 2018, 61, "家", "final"],
      [3, "high_tech_enterprises", 2019, 82, "家", "final"],
      [4, "tech_contract_turnover", 2018, 0.98, "亿元", "final"],
      [4, "tech_contract_turnover", 2019, 1.5, "亿元", "final"],
      [4, "tech_contract_turnover", 2020, 2.3, "亿元", "final"],
      [5, "converted_achievements", 2018, 15, "项", "final"],
      [5, "converted_achievements", 2019, 18, "项", "final"],
    ]);
    expect(r.rejected).toEqual([]);
  });

  it("UTF-8-BOM long CSV with a preliminary and a final figure", async () => {
    const r = await readObservationFile(fixture("long-utf8-bom.csv"), plan);
    expect(r).toMatchObject({ format: "csv", encoding: "utf-8-bom", layout: "long", headerRow: 1, rowsRead: 8 });
    expect(r.rejected).toEqual([]);
    expect(obs(r)).toEqual([
      [2, "rd_expenditure", 2019, 5.8, "亿元", "preliminary"],
      [3, "rd_expenditure", 2019, 6.1, "亿元", "final"],
      [4, "high_tech_enterprises", 2019, 82, "家", "final"],
      [5, "tech_contract_turnover", 2019, 0.12345, "亿元", "preliminary"],
      [6, "fry_release", 2019, 1.9, "亿尾", "final"],
      [7, "fry_release", 2020, 2, "亿尾", "final"],
      [8, "converted_achievements", 2019, 12, "项", "final"],
    ]);
    expect(r.observations[0]).toMatchObject({ published: "2020-03-15", source: "市统计局", note: null, region_code: "210281" });
    expect(r.observations[1]).toMatchObject({ published: "2020-09-30", note: "终核" });
    expect(r.observations[6].region_code).toBe("210282");
  });

  it("wide CSV with title and unit rows above, '—'/N/A as missing, notes below", async () => {
    const r = await readObservationFile(fixture("wide-title.csv"), plan);
    expect(r).toMatchObject({ layout: "wide", headerRow: 3, rowsRead: 5, encoding: "utf-8" });
    expect(r.rejected).toEqual([]);
    expect(obs(r).map(([row, id, year, value]) => [row, id, year, value])).toEqual([
      [4, "rd_expenditure", 2018, 5.2],
      [4, "rd_expenditure", 2019, 6.1],
      [4, "rd_expenditure", 2020, 7.4],
      [5, "high_tech_enterprises", 2018, 61],
      [5, "high_tech_enterprises", 2019, 82],
      [6, "rd_institutions", 2018, 18],
      [6, "rd_institutions", 2019, 22],
      [7, "tech_contract_turnover", 2018, 0.98],
      [7, "tech_contract_turnover", 2019, 1.5],
      [7, "tech_contract_turnover", 2020, 2.3],
      [8, "fry_release", 2018, 1.7],
    ]);
    expect(r.observations.some((o) => o.value === 0)).toBe(false);
  });

  it("bad rows are reported with reasons in both languages, never as zeros", async () => {
    const r = await readObservationFile(fixture("bad-rows.csv"), plan);
    expect(r.observations).toEqual([]);
    expect(r.rowsRead).toBe(12);
    expect(rej(r)).toEqual([
      [2, "数值", "BAD_NUMBER"],
      [3, "数值", "NEGATIVE_VALUE"],
      [4, "单位", "UNIT_MISMATCH"],
      [5, "数值", "PERCENT_NOT_ALLOWED"],
      [6, "指标", "UNKNOWN_INDICATOR"],
      [7, "年份", "BAD_YEAR"],
      [8, "年份", "BAD_YEAR"],
      [9, "数值", "NON_FINITE"],
      [10, "状态", "UNKNOWN_STATUS"],
      [11, "数值", "NON_FINITE"],
      [12, "指标", "MISSING_INDICATOR"],
      [13, "年份", "MISSING_YEAR"],
    ]);
    expect(r.rejected[0]).toMatchObject({ value: "约80" });
    expect(r.rejected[0].zh).toContain("约80");
    expect(r.rejected[2].zh).toContain("个");
    expect(r.rejected[4].zh).toContain("高新技术企业数量");
    for (const x of r.rejected) {
      expect(x.zh.length).toBeGreaterThan(10);
      expect(x.en.length).toBeGreaterThan(10);
    }
  });

  it("conflicting duplicates name the first row", async () => {
    const r = await readObservationFile(fixture("duplicates.csv"), plan);
    expect(obs(r)).toEqual([
      [2, "high_tech_enterprises", 2019, 82, "家", "final"],
      [5, "high_tech_enterprises", 2019, 80, "家", "preliminary"],
    ]);
    expect(rej(r)).toEqual([
      [4, "数值", "CONFLICTING_DUPLICATE"],
      [6, "数值", "CONFLICTING_DUPLICATE"],
    ]);
    expect(r.rejected[0].zh).toContain("与第2行冲突");
    expect(r.rejected[1].zh).toContain("与第5行冲突");
    expect(r.rejected[1].en).toContain("row 5");
  });

  it("tab-separated UTF-16 text (Excel 'Unicode text') is read", async () => {
    const bytes = iconv.encode("指标\t年份\t数值\n众创空间\t2020\t2\n", "utf16le", { addBOM: true });
    const r = await readObservationBytes(bytes, "export.txt", plan);
    expect(r.encoding).toBe("utf-16le");
    expect(obs(r)).toEqual([[2, "maker_spaces", 2020, 2, "个", "final"]]);
  });
});

async function buildXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const cover = wb.addWorksheet("封面");
  cover.getCell("A1").value = "瓦房店市科技局报送";
  const ws = wb.addWorksheet("指标完成情况");
  ws.getCell("A1").value = "瓦房店市科技成果转化指标完成情况（2018-2020年）";
  ws.mergeCells("A1:E1");
  ws.getRow(3).values = ["指标名称", "计量单位", "2018年", "2019年", "2020年"];
  ws.getRow(4).values = ["规上工业企业R&D经费", "万元", 52000, null, "61000"];
  ws.getCell("D4").value = { formula: "C4*1.1", result: 57200 };
  ws.getRow(5).values = ["高新技术企业数量", "家", 61, null, "—"];
  ws.getCell("D5").value = { formula: "C5+21" } as ExcelJS.CellFormulaValue;
  ws.getRow(6).values = ["技术合同成交额", "亿元", null, 1.5, "１，２"];
  ws.getCell("C6").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
  ws.getRow(7).values = ["增殖放流水产苗种", "亿尾", 1.7, 1.9, 2.2];
  ws.getCell("A9").value = "注：2020年为快报数，数据来源：市统计局。";
  ws.mergeCells("A9:E9");
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("xlsx end to end", () => {
  it("merged title, formula with cached result, number stored as text, errors reported", async () => {
    const r = await readObservationBytes(await buildXlsx(), "指标.xlsx", plan);
    expect(r).toMatchObject({ format: "xlsx", encoding: null, layout: "wide", headerRow: 3, sheet: "指标完成情况", rowsRead: 4 });
    expect(obs(r)).toEqual([
      [4, "rd_expenditure", 2018, 5.2, "亿元", "final"],
      [4, "rd_expenditure", 2019, 5.72, "亿元", "final"],
      [4, "rd_expenditure", 2020, 6.1, "亿元", "final"],
      [5, "high_tech_enterprises", 2018, 61, "家", "final"],
      [6, "tech_contract_turnover", 2019, 1.5, "亿元", "final"],
      [7, "fry_release", 2018, 1.7, "亿尾", "final"],
      [7, "fry_release", 2019, 1.9, "亿尾", "final"],
      [7, "fry_release", 2020, 2.2, "亿尾", "final"],
    ]);
    expect(r.rejected.map((x) => [x.row, x.column, x.code, x.value])).toEqual([
      [5, "2019年", "FORMULA_NO_RESULT", "=C5+21"],
      [6, "2018年", "EXCEL_ERROR", "#DIV/0!"],
      [6, "2020年", "BAD_NUMBER", "１，２"],
    ]);
  });

  it("long xlsx with Excel date cells and serial numbers for the publication date; % formatted cells", async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("Sheet1");
    ws.addRow(["indicator", "year", "value", "status", "published"]);
    ws.addRow(["rd_intensity", 2019, 0.025, "final", new Date(Date.UTC(2020, 8, 30))]);
    ws.getCell("C2").numFmt = "0.00%";
    ws.addRow(["maker_spaces", 2019, 1, "preliminary", 43921]);
    const r = await readObservationBytes(new Uint8Array(await wb.xlsx.writeBuffer()), "long.xlsx", planWithPercent());
    expect(r.rejected).toEqual([]);
    expect(r.observations.map((o) => [o.indicator_id, o.value, o.unit, o.status, o.published])).toEqual([
      ["rd_intensity", 2.5, "%", "final", "2020-09-30"],
      ["maker_spaces", 1, "个", "preliminary", "2020-03-31"],
    ]);
  });

  it("a workbook with no header in any sheet lists sheets and expected headers", async () => {
    const wb = new ExcelJS.Workbook();
    wb.addWorksheet("A").getCell("A1").value = "hello";
    const e = await fileError(readObservationBytes(new Uint8Array(await wb.xlsx.writeBuffer()), "x.xlsx", plan));
    expect(e.code).toBe("NO_HEADER");
    expect(e.zh).toContain("A");
    expect(e.zh).toContain("指标");
  });
});

describe("JSON end to end", () => {
  it("{observations: [...]}", async () => {
    const r = await readObservationFile(fixture("observations.json"), plan);
    expect(r).toMatchObject({ format: "json", layout: "long", headerRow: 0, rowsRead: 4 });
    expect(obs(r)).toEqual([
      [1, "rd_expenditure", 2019, 6.1, "亿元", "final"],
      [2, "high_tech_enterprises", 2019, 82, "家", "preliminary"],
    ]);
    expect(r.observations[0].published).toBe("2020-09-30");
    expect(rej(r)).toEqual([[4, "indicator", "UNKNOWN_INDICATOR"]]);
  });

  it("wide row objects, {data: [...]} and objects keyed by indicator", async () => {
    const wide = await readObservationFile(fixture("wide.json"), plan);
    expect(wide.layout).toBe("wide");
    expect(obs(wide).map(([row, id, year, value]) => [row, id, year, value])).toEqual([
      [1, "rd_institutions", 2018, 18],
      [1, "rd_institutions", 2019, 22],
      [2, "tech_contract_turnover", 2018, 0.98],
      [2, "tech_contract_turnover", 2019, 1.5],
    ]);
    const data = await readObservationFile(fixture("data.json"), plan);
    expect(obs(data)).toEqual([[1, "maker_spaces", 2020, 2, "个", "final"]]);
    const byInd = await readObservationFile(fixture("by-indicator.json"), plan);
    expect(obs(byInd).map(([row, id, year, value]) => [row, id, year, value])).toEqual([
      [1, "maker_spaces", 2018, 1],
      [1, "maker_spaces", 2019, 1],
      [1, "maker_spaces", 2020, 2],
      [2, "incubators", 2019, 1],
    ]);
  });

  it("an empty array has no data; broken JSON names the line", async () => {
    expect((await fileError(readObservationBytes(utf8("[]"), "a.json", plan))).code).toBe("NO_DATA_ROWS");
    const e = await fileError(readObservationBytes(utf8('[\n{"indicator": "x",\n "value": }\n]'), "a.json", plan));
    expect(e.code).toBe("BAD_JSON");
    expect(e.zh).toContain("第3行");
  });
});

describe("files that cannot be read", () => {
  it("a PNG renamed .csv", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 0, 1]);
    const e = await fileError(readObservationBytes(png, "data.csv", plan));
    expect(e.code).toBe("NOT_A_DATA_FILE");
    expect(e.zh).toContain("PNG图片");
    expect(e.en).toContain("PNG image");
  });

  it("an empty file, a BOM-only file and a blank file", async () => {
    for (const bytes of [new Uint8Array(), new Uint8Array([0xef, 0xbb, 0xbf]), utf8("\n\n  \n"), utf8(",,,\n,,\n")]) {
      expect((await fileError(readObservationBytes(bytes, "e.csv", plan))).code).toBe("EMPTY_FILE");
    }
  });

  it("a header-only file", async () => {
    const e = await fileError(readObservationFile(fixture("header-only.csv"), plan));
    expect(e.code).toBe("NO_DATA_ROWS");
    expect(e.zh).toContain("第1行");
  });

  it("no recognisable header: the message lists the expected headers", async () => {
    const e = await fileError(readObservationBytes(utf8("name,amount\nfoo,1\n"), "x.csv", plan));
    expect(e.code).toBe("NO_HEADER");
    for (const h of ["指标", "年份", "数值", "地区", "单位", "状态"]) expect(e.zh).toContain(h);
    for (const h of ["indicator", "year", "value"]) expect(e.en).toContain(h);
  });

  it("limits: too many bytes or rows, with how to raise them", async () => {
    const big = utf8(`指标,年份,数值\n${"高新技术企业数量,2019,1\n".repeat(50)}`);
    const e1 = await fileError(readObservationBytes(big, "big.csv", plan, { maxBytes: 100 }));
    expect(e1.code).toBe("FILE_TOO_LARGE");
    expect(e1.en).toContain("--max-bytes");
    const e2 = await fileError(readObservationBytes(big, "big.csv", plan, { maxRows: 10 }));
    expect(e2.code).toBe("TOO_MANY_ROWS");
    expect(e2.zh).toContain("--max-rows");
    const path = join(tempDir(), "big.csv");
    writeFileSync(path, big);
    expect((await fileError(readObservationFile(path, plan, { maxBytes: 100 }))).code).toBe("FILE_TOO_LARGE");
  });

  it("a missing path, a folder, an old .xls and undecodable bytes", async () => {
    expect((await fileError(readObservationFile("/nonexistent/x.csv", plan))).code).toBe("FILE_NOT_FOUND");
    expect((await fileError(readObservationFile(tempDir(), plan))).code).toBe("NOT_A_FILE");
    // A compound file with no workbook inside (not an .xls at all) says so.
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]);
    expect((await fileError(readObservationBytes(ole, "old.xls", plan))).code).toBe("OLE_NOT_WORKBOOK");
    expect((await fileError(readObservationBytes(new Uint8Array([0x41, 0x2c, 0x42, 0x0a, 0xff, 0xff]), "x.csv", plan))).code).toBe(
      "BAD_ENCODING",
    );
  });

  it("property: any bytes give a result or a FileError, nothing else", async () => {
    const text = fc.oneof(
      fc.string(),
      fc.constantFrom("指标,年份,数值\n", "[", "{}", '{"data": 5}', "指标,2019\nx,1\n"),
      fc.tuple(fc.constantFrom("指标,年份,数值\n", "指标,2019,2020\n"), fc.string()).map(([a, b]) => a + b),
    );
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 200 }),
      text.map((s) => utf8(s)),
      text.map((s) => new Uint8Array(iconv.encode(s, "gb18030"))),
    );
    await fc.assert(
      fc.asyncProperty(bytes, fc.constantFrom("a.csv", "a.json", "a.xlsx", "a"), async (b, name) => {
        try {
          const r = await readObservationBytes(b, name, plan);
          for (const o of r.observations) expect(Number.isFinite(o.value)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FileError);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe("no-header hints", () => {
  it("names the row that came closest and the column it lacks", async () => {
    const e = await fileError(readObservationBytes(utf8("2019年科技指标\n指标,数值\n高新技术企业数量,82\n"), "x.csv", plan));
    expect(e.code).toBe("NO_HEADER");
    expect(e.zh).toContain("第2行最像表头");
    expect(e.zh).toContain("缺少：年份");
    expect(e.en).toContain("lacks: year");
  });
});
