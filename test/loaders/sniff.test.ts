import { describe, expect, it } from "vitest";
import { FileError } from "../../loaders/errors.ts";
import { extensionOf, looksBinary, sniffBytes } from "../../loaders/sniff.ts";
import { utf8 } from "./helpers.ts";

const PNG = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);

const fileError = (f: () => unknown): FileError => {
  try {
    f();
  } catch (e) {
    if (e instanceof FileError) return e;
    throw e;
  }
  throw new Error("expected a FileError");
};

describe("sniffBytes", () => {
  it("content wins over the extension", () => {
    expect(sniffBytes(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2]), "data.csv")).toEqual({ kind: "xlsx" });
    expect(sniffBytes(utf8("指标,2019\n"), "data.xlsx")).toEqual({ kind: "text" });
  });

  it("a PNG renamed .csv is a FileError saying what it is", () => {
    const e = fileError(() => sniffBytes(PNG, "data.csv"));
    expect(e.code).toBe("NOT_A_DATA_FILE");
    expect(e.zh).toContain("PNG");
    expect(e.en).toContain("PNG image");
    expect(e.en).toContain(".csv");
  });

  it("a compound file without a workbook, PDF, HTML and other binaries are refused", () => {
    expect(fileError(() => sniffBytes(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]), "a.xls")).code).toBe("OLE_NOT_WORKBOOK");
    expect(fileError(() => sniffBytes(utf8("%PDF-1.4\n"), "a.csv")).zh).toContain("PDF");
    expect(fileError(() => sniffBytes(utf8("<html><table><tr><td>1</td></tr></table></html>"), "a.xls")).code).toBe("HTML_FILE");
    expect(fileError(() => sniffBytes(new Uint8Array([1, 2, 3, 0, 5, 6]), "a.csv")).code).toBe("NOT_A_DATA_FILE");
  });

  it("helpers", () => {
    expect(extensionOf("a/b/数据.CSV")).toBe("csv");
    expect(extensionOf("noext")).toBe("");
    expect(looksBinary(utf8("a,b\n1,2\n"))).toBe(false);
  });
});
