/**
 * Which kind of file is this, from its content first and its extension second: a zip (PK…) is an
 * .xlsx workbook, or an .ods spreadsheet when its first entry says so (mimetype
 * application/vnd.oasis.opendocument.spreadsheet); an OLE2 compound file (D0 CF 11 E0) holding a
 * "Workbook"/"Book" stream is an Excel 97-2003 workbook (.xls, and WPS's .et); text starting with `{`
 * or `[` is JSON, other text is CSV. Images, PDFs, archives, Word files, encrypted workbooks and
 * HTML "spreadsheets" are FileErrors naming what the file really is.
 *
 * @example
 *   sniffBytes(pngBytes, "data.csv"); // throws FileError NOT_A_DATA_FILE ("...实际上是PNG图片...")
 */
import { fileErrors } from "./errors.ts";

export type Sniffed = { kind: "xlsx" } | { kind: "ods" } | { kind: "xls" } | { kind: "text" };

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
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return sniffZip(bytes, fileName, ext);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return sniffOle(bytes, fileName, ext);
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

const ODS_MIME = "application/vnd.oasis.opendocument.spreadsheet";

/** A zip: .ods (its uncompressed first entry "mimetype"), another OpenDocument or a Word/PowerPoint file (refused), else .xlsx. */
function sniffZip(bytes: Uint8Array, fileName: string, ext: string): Sniffed {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const head = buf.subarray(0, 200).toString("latin1");
  const m = /^PK\x03\x04[\s\S]{26}mimetype(application\/vnd\.oasis\.opendocument\.[a-z.-]+)/.exec(head);
  if (m) {
    if (m[1] === ODS_MIME || m[1] === `${ODS_MIME}-template`) return { kind: "ods" };
    const what = m[1].includes(".text")
      ? { zh: "OpenDocument 文字文档（.odt）", en: "an OpenDocument text document (.odt)" }
      : { zh: `OpenDocument 文件（${m[1]}）`, en: `an OpenDocument file (${m[1]}) other than a spreadsheet` };
    throw fileErrors.binary(fileName, what, ext);
  }
  if (buf.indexOf("xl/workbook") >= 0) return { kind: "xlsx" };
  if (buf.indexOf("word/document.xml") >= 0)
    throw fileErrors.binary(fileName, { zh: "Word 文档（.docx）", en: "a Word document (.docx)" }, ext);
  if (buf.indexOf("ppt/presentation.xml") >= 0)
    throw fileErrors.binary(fileName, { zh: "PowerPoint 演示文稿（.pptx）", en: "a PowerPoint presentation (.pptx)" }, ext);
  // Any other zip: exceljs says what is wrong with it (a damaged workbook, or no workbook at all).
  return { kind: "xlsx" };
}

const utf16 = (s: string) => Buffer.from(s, "utf16le");

/** An OLE2 compound file: an Excel 97-2003 workbook (.xls/.et) when it has a Workbook or Book stream. */
function sniffOle(bytes: Uint8Array, fileName: string, ext: string): Sniffed {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const has = (name: string) => buf.indexOf(utf16(name)) >= 0;
  if (has("EncryptedPackage")) throw fileErrors.encrypted(fileName);
  if (has("Workbook") || has("Book")) return { kind: "xls" };
  if (has("WordDocument"))
    throw fileErrors.binary(fileName, { zh: "Word 97-2003 文档（.doc）", en: "a Word 97-2003 document (.doc)" }, ext);
  if (has("PowerPoint Document"))
    throw fileErrors.binary(fileName, { zh: "PowerPoint 97-2003 演示文稿（.ppt）", en: "a PowerPoint 97-2003 presentation (.ppt)" }, ext);
  throw fileErrors.oleNotWorkbook(fileName, ext);
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
