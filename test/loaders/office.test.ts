import ExcelJS from "exceljs";
import { afterEach, describe, expect, it } from "vitest";
import { FileError } from "../../loaders/errors.ts";
import { convertOffice } from "../../loaders/office.ts";
import { readObservationBytes } from "../../loaders/read-file.ts";
import { sniffBytes } from "../../loaders/sniff.ts";
import { HAS_SOFFICE, requireSoffice } from "../soffice.ts";
import { loadPlan } from "./helpers.ts";

const plan = loadPlan();
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
const ole = (stream: string) => new Uint8Array([...OLE, ...new Uint8Array(32), ...Buffer.from(stream, "utf16le"), 0, 0]);

function caught(f: () => unknown): FileError {
  try {
    f();
  } catch (e) {
    if (e instanceof FileError) return e;
    throw e;
  }
  throw new Error("expected a FileError");
}
async function rejected(p: Promise<unknown>): Promise<FileError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof FileError) return e;
    throw e;
  }
  throw new Error("expected a FileError");
}

/** A small indicator table as .xlsx (wide layout). */
async function indicatorXlsx(): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("数据");
  ws.addRow(["指标", "单位", "2018年", "2019年"]);
  ws.addRow(["高新技术企业数量", "家", 61, 78]);
  ws.addRow(["各类研发机构", "家", 30, 33.5]);
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

describe("sniffing office formats by their bytes", () => {
  it("an .ods zip, an OLE2 workbook (.xls or .et) and an .xlsx", () => {
    const ods = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from("mimetypeapplication/vnd.oasis.opendocument.spreadsheet"),
    ]);
    expect(sniffBytes(ods, "returned.xlsx")).toEqual({ kind: "ods" });
    expect(sniffBytes(ole("Workbook"), "a.xls")).toEqual({ kind: "xls" });
    expect(sniffBytes(ole("Book"), "wps.et")).toEqual({ kind: "xls" });
    const xlsx = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(26), Buffer.from("xl/workbook.xml")]);
    expect(sniffBytes(xlsx, "a.xlsx")).toEqual({ kind: "xlsx" });
  });

  it("other compound and zip files are refused naming what they are", () => {
    const et = caught(() => sniffBytes(ole("SomethingElse"), "wps.et"));
    expect(et.code).toBe("OLE_NOT_WORKBOOK");
    expect(et.zh).toContain("WPS");
    expect(et.en).toContain(".xlsx");
    expect(caught(() => sniffBytes(ole("WordDocument"), "a.xls")).zh).toContain("Word");
    expect(caught(() => sniffBytes(ole("EncryptedPackage"), "a.xlsx")).code).toBe("ENCRYPTED_WORKBOOK");
    const odt = Buffer.concat([
      Buffer.from([0x50, 0x4b, 0x03, 0x04]),
      Buffer.alloc(26),
      Buffer.from("mimetypeapplication/vnd.oasis.opendocument.text"),
    ]);
    expect(caught(() => sniffBytes(odt, "a.ods")).en).toContain("text document");
  });
});

describe("without LibreOffice", () => {
  const saved = process.env.PLAN_MONITOR_SOFFICE;
  afterEach(() => {
    if (saved === undefined) delete process.env.PLAN_MONITOR_SOFFICE;
    else process.env.PLAN_MONITOR_SOFFICE = saved;
  });
  it("an .xls is refused with exit code 2 and a message naming the fix, in zh and en", async () => {
    process.env.PLAN_MONITOR_SOFFICE = "";
    const e = await rejected(readObservationBytes(ole("Workbook"), "old.xls", plan));
    expect(e.code).toBe("SOFFICE_MISSING");
    expect(e.exitCode).toBe(2);
    expect(e.zh).toContain("apt-get install");
    expect(e.zh).toContain("libreoffice-calc-nogui");
    expect(e.en).toContain("LibreOffice");
  });
});

requireSoffice("office formats through LibreOffice");
describe.skipIf(!HAS_SOFFICE)("office formats through LibreOffice", () => {
  it("the same table as .xlsx, .xls, .et (an .xls under WPS's name) and .ods gives the same observations", async () => {
    const xlsx = await indicatorXlsx();
    const base = await readObservationBytes(xlsx, "a.xlsx", plan);
    expect(base.observations).toHaveLength(4);
    const what = { zh: "测试", en: "test" };
    const xls = await convertOffice(xlsx, "a.xlsx", "xlsx", "xls", what);
    const ods = await convertOffice(xlsx, "a.xlsx", "xlsx", "ods", what);
    for (const [bytes, name, format] of [
      [xls, "a.xls", "xls"],
      [xls, "a.et", "xls"],
      [ods, "a.ods", "ods"],
      [ods, "renamed.xlsx", "ods"],
    ] as const) {
      const r = await readObservationBytes(bytes, name, plan);
      expect(r.format, name).toBe(format);
      const pick = (o: { indicator_id: string; year: number; value: number }) => [o.indicator_id, o.year, o.value];
      expect(r.observations.map(pick), name).toEqual(base.observations.map(pick));
    }
  }, 120_000);

  it("a damaged .xls is refused with LibreOffice's reason, not as an empty file", async () => {
    const e = await rejected(readObservationBytes(ole("Workbook"), "broken.xls", plan));
    expect(["OFFICE_CONVERT_FAILED", "EMPTY_WORKBOOK", "NO_HEADER"]).toContain(e.code);
    expect(e.code).not.toBe("EMPTY_FILE");
  }, 120_000);
});
