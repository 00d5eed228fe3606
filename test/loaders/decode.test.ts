import fc from "fast-check";
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

describe("damaged UTF-8", () => {
  it("a UTF-8 file with a stray GBK fragment is refused, not garbled", () => {
    const good = new TextEncoder().encode("指标,年份,数值\n高新技术企业数量,2019,82\n");
    const bytes = new Uint8Array([...good, ...iconv.encode("研发经费", "gbk"), 0x0a]);
    try {
      decodeText(bytes, "mixed.csv");
      throw new Error("should throw");
    } catch (e) {
      expect((e as FileError).code).toBe("BAD_ENCODING");
      expect((e as FileError).en).toContain(`offset ${good.length}`);
      expect((e as FileError).en).toContain("line 3");
    }
  });

  it("GBK files are still read as GB18030", () => {
    const long = "瓦房店市科技成果转化主要指标完成情况\n指标名称,2018年,2019年\n高新技术企业数量,61,82\n".repeat(5);
    expect(decodeText(iconv.encode(long, "gbk"), "a.csv").encoding).toBe("gb18030");
  });
});

describe("property: GBK and UTF-8 text round-trips", () => {
  const chars = [
    ..."瓦房店市科技成果转移转化三年行动计划高新技术企业数量研发机构众创空间孵化器增殖放流水产苗种指标年份数值单位亿万元家个项注：，。（）0123456789,\n",
  ];
  const text = fc.string({ unit: fc.constantFrom(...chars), maxLength: 300 });
  it("GBK bytes decode to the same text, UTF-8 likewise", () => {
    fc.assert(
      fc.property(text, (s) => {
        const gbk = decodeText(iconv.encode(s, "gbk"), "a.csv");
        expect(gbk.text).toBe(s);
        expect(decodeText(new TextEncoder().encode(s), "a.csv").text).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});
