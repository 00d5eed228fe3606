/**
 * Which kind of file is this, from its content first and its extension second: a zip
 * (PK…) is an .xlsx workbook, text starting with `{` or `[` is JSON, other text is CSV.
 * Images, PDFs, archives, old .xls and HTML "spreadsheets" are FileErrors with a clear message.
 *
 * @example
 *   sniffBytes(pngBytes, "data.csv"); // throws FileError NOT_A_DATA_FILE ("...实际上是PNG图片...")
 */
import { fileErrors } from "./errors.ts";

export type Sniffed = { kind: "xlsx" } | { kind: "text" };

const MAGIC: { bytes: number[]; zh: string; en: string }[] = [
  { bytes: [0x89, 0x50, 0x4e, 0x47], zh: "PNG图片", en: "a PNG image" },
  { bytes: [0xff, 0xd8, 0xff], zh: "JPEG图片", en: "a JPEG image" },
  { bytes: [0x47, 0x49, 0x46, 0x38], zh: "GIF图片", en: "a GIF image" },
  { bytes: [0x42, 0x4d], zh: "BMP图片", en: "a BMP image" },
  { bytes: [0x25, 0x50, 0x44, 0x46], zh: "PDF文档", en: "a PDF document" },
  { bytes: [0x1f, 0x8b], zh: "gzip压缩包", en: "a gzip archive" },
  { bytes: [0x52, 0x61, 0x72, 0x21], zh: "RAR压缩包", en: "a RAR archive" },
  { bytes: [0x37, 0x7a, 0xbc, 0xaf], zh: "7z压缩包", en: "a 7z archive" },
  { bytes: [0x52, 0x49, 0x46, 0x46], zh: "音视频或图片文件", en: "a media file" },
  { bytes: [0x7f, 0x45, 0x4c, 0x46], zh: "程序文件", en: "an executable" },
  { bytes: [0x4d, 0x5a], zh: "程序文件", en: "an executable" },
];

export function extensionOf(fileName: string): string {
  const m = /\.([^./\\]+)$/.exec(fileName);
  return m ? m[1].toLowerCase() : "";
}

const startsWith = (bytes: Uint8Array, sig: number[]): boolean => sig.every((b, i) => bytes[i] === b);

export function sniffBytes(bytes: Uint8Array, fileName: string): Sniffed {
  const ext = extensionOf(fileName) || "?";
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return { kind: "xlsx" };
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) throw fileErrors.oldXls(fileName);
  // UTF-16 text (Excel "Unicode text") starts with a BOM and is full of NULs: it is text.
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return { kind: "text" };
  for (const m of MAGIC) {
    // BM and MZ are too short to be sure on their own: also require binary-looking content.
    if (startsWith(bytes, m.bytes) && (m.bytes.length > 2 || looksBinary(bytes))) throw fileErrors.binary(fileName, m, ext);
  }
  if (looksBinary(bytes)) throw fileErrors.binary(fileName, { zh: "二进制文件", en: "a binary file" }, ext);
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  if (head.startsWith("<!doctype html") || head.startsWith("<html") || head.startsWith("<table") || head.startsWith("<?xml")) {
    throw fileErrors.html(fileName);
  }
  return { kind: "text" };
}

/** NUL bytes or many control characters in the first 8 KB. */
export function looksBinary(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 8192);
  let control = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    if (b === 0) return true;
    if (b < 0x09 || (b > 0x0d && b < 0x20 && b !== 0x1b)) control++;
  }
  return n > 0 && control / n > 0.05;
}
