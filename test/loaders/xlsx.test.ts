import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { FileError } from "../../loaders/errors.ts";
import { readWorkbook } from "../../loaders/xlsx.ts";

async function book(build: (wb: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("readWorkbook", () => {
  it("reads values, cached formula results, errors, rich text, dates and merged cells", async () => {
    const bytes = await book((wb) => {
      const ws = wb.addWorksheet("数据");
      ws.getCell("A1").value = "标题";
      ws.mergeCells("A1:C1");
      ws.getRow(2).values = ["指标", 2019, "2020年"];
      ws.getCell("A3").value = { richText: [{ text: "研发" }, { text: "经费" }] };
      ws.getCell("B3").value = { formula: "1+1", result: 2 };
      ws.getCell("C3").value = { formula: "B3*2" } as ExcelJS.CellFormulaValue;
      ws.getCell("A4").value = { error: "#DIV/0!" } as ExcelJS.CellErrorValue;
      ws.getCell("B4").value = new Date(Date.UTC(2021, 2, 15));
      ws.getCell("C4").value = 0.125;
      ws.getCell("C4").numFmt = "0.0%";
    });
    const [sheet] = await readWorkbook(bytes, "a.xlsx");
    expect(sheet.name).toBe("数据");
    const [r1, r2, r3, r4] = sheet.rows;
    expect(r1.row).toBe(1);
    expect(r1.cells[0]?.text).toBe("标题");
    expect(r1.cells[1]).toBeNull();
    expect(r2.cells.map((c) => c?.value)).toEqual(["指标", 2019, "2020年"]);
    expect(r3.cells[0]?.text).toBe("研发经费");
    expect(r3.cells[1]).toMatchObject({ value: 2, formula: "1+1" });
    expect(r3.cells[2]).toMatchObject({ noResult: true, formula: "B3*2" });
    expect(r4.cells[0]).toMatchObject({ error: "#DIV/0!" });
    expect(r4.cells[1]?.value).toBeInstanceOf(Date);
    expect(r4.cells[2]?.value).toBe("12.5%");
  });

  it("a zip that is not a workbook is a FileError", async () => {
    const notXlsx = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]);
    await expect(readWorkbook(notXlsx, "a.xlsx")).rejects.toBeInstanceOf(FileError);
  });
});
