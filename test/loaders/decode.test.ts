import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeText, firstInvalidGb18030, firstInvalidUtf8, lineAt } from "../../loaders/decode.ts";
import { FileError } from "../../loaders/errors.ts";

const text = "指标,2019年\n高新技术企业数量,82\n";

describe("decodeText", () => {
  it("reads UTF-8 with and without a BOM", () => {
    const bytes = new TextEncoder().encode(text);
    expect(decodeText(bytes, "a.csv")).toEqual({ text, encoding: "utf-8" });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...bytes]);
    expect(decodeText(bom, "a.csv")).toEqual({ text, encoding: "utf-8-bom" });
  });

  it("detects GB18030/GBK without being told", () => {
    expect(decodeText(iconv.encode(text, "gb18030"), "a.csv")).toEqual({ text, encoding: "gb18030" });
    expect(decodeText(iconv.encode(text, "gbk"), "a.csv")).toEqual({ text, encoding: "gb18030" });
    const rare = "㐀䶵€";
    expect(decodeText(iconv.encode(rare, "gb18030"), "a.csv").text).toBe(rare);
  });

  it("reads UTF-16 with a BOM (Excel 'Unicode text')", () => {
    const bytes = iconv.encode(text, "utf16le", { addBOM: true });
    expect(decodeText(bytes, "a.txt")).toEqual({ text, encoding: "utf-16le" });
  });

  it("names the offset and line of bytes that are neither", () => {
    const bytes = new Uint8Array([...new TextEncoder().encode("a,b\nc,d\n"), 0x80, 0x41]);
    try {
      decodeText(bytes, "bad.csv");
      throw new Error("should throw");
    } catch (e) {
      expect(e).toBeInstanceOf(FileError);
      const fe = e as FileError;
      expect(fe.code).toBe("BAD_ENCODING");
      expect(fe.exitCode).toBe(2);
      expect(fe.en).toContain("offset 8");
      expect(fe.en).toContain("line 3");
      expect(fe.zh).toContain("第3行");
    }
  });

  it("byte validators", () => {
    expect(firstInvalidUtf8(new TextEncoder().encode("中文"))).toBe(-1);
    expect(firstInvalidUtf8(new Uint8Array([0x41, 0xc3]))).toBe(1);
    expect(firstInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
    expect(firstInvalidGb18030(iconv.encode("中文", "gb18030"))).toBe(-1);
    expect(firstInvalidGb18030(new Uint8Array([0x41, 0xff]))).toBe(1);
    expect(lineAt(new TextEncoder().encode("a\nb\nc"), 4)).toBe(3);
  });
});
