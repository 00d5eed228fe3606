/**
 * Bytes → text, detecting the encoding without being told: UTF-16 with a BOM (Excel's
 * "Unicode text"), UTF-8 with or without a BOM (strict decode), else GB18030 (a superset of GBK
 * and GB2312). Bytes that are neither → FileError naming the byte offset and line.
 *
 * @example
 *   decodeText(bytes, "a.csv"); // { text: "指标,2019\n...", encoding: "gb18030" }
 */
import { fileErrors } from "./errors.ts";

export type EncodingName = "utf-8" | "utf-8-bom" | "gb18030" | "utf-16le" | "utf-16be";

export interface Decoded {
  text: string;
  encoding: EncodingName;
}

export function decodeText(bytes: Uint8Array, fileName: string): Decoded {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) {
    return { text: new TextDecoder("utf-16le").decode(bytes.subarray(2)), encoding: "utf-16le" };
  }
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    return { text: new TextDecoder("utf-16be").decode(bytes.subarray(2)), encoding: "utf-16be" };
  }
  const bom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bom ? bytes.subarray(3) : bytes);
    if (!bom && looksLikeGbkMisreadAsUtf8(bytes, text)) return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
    return { text, encoding: bom ? "utf-8-bom" : "utf-8" };
  } catch {
    // not UTF-8: try GB18030 below
  }
  // Plenty of valid 3-byte UTF-8 (CJK) before the first bad byte: a damaged UTF-8 file, not GBK.
  // (GBK text almost never forms even a few valid UTF-8 sequences in a row.) Decoding it as
  // GB18030 would silently garble every Chinese character, so refuse it instead.
  const badUtf8 = firstInvalidUtf8(bytes);
  if (badUtf8 > 0 && utf8CjkCount(bytes, badUtf8) >= 8) throw fileErrors.badEncoding(fileName, badUtf8, lineAt(bytes, badUtf8));
  const bad = firstInvalidGb18030(bytes);
  if (bad >= 0 || bom) {
    const offset = bad >= 0 ? bad : Math.max(0, firstInvalidUtf8(bytes));
    throw fileErrors.badEncoding(fileName, offset, lineAt(bytes, offset));
  }
  return { text: new TextDecoder("gb18030").decode(bytes), encoding: "gb18030" };
}

/**
 * Short GBK text can be valid UTF-8 by accident ("指" is D6 B8, which UTF-8 reads as Hebrew "ָ").
 * When the UTF-8 reading has no CJK at all but odd letters below U+0800, and the GB18030 reading
 * is valid and has CJK, the file is GBK.
 */
function looksLikeGbkMisreadAsUtf8(bytes: Uint8Array, utf8: string): boolean {
  if (/[\u0800-\uffff]/.test(utf8)) return false;
  if (!/[^\u0000-\u007f·°±×÷§¥£²³µ¼½¾éèêëàáâäöüóòôíìîïñç]/.test(utf8)) return false;
  if (firstInvalidGb18030(bytes) !== -1) return false;
  return /[\u4e00-\u9fff]/.test(new TextDecoder("gb18030").decode(bytes));
}

/** 1-based line number of a byte offset (counts LF bytes before it). */
export function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  const end = Math.min(offset, bytes.length);
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8, or -1 when the bytes are valid UTF-8. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
    } else return i;
    let cp = b & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

/** Number of 3-byte UTF-8 sequences (lead E0-EF) in bytes[0..end). Assumes that prefix is valid UTF-8. */
function utf8CjkCount(bytes: Uint8Array, end: number): number {
  let n = 0;
  for (let i = 0; i < end; i++) if (bytes[i] >= 0xe0 && bytes[i] <= 0xef) n++;
  return n;
}

/** Offset of the first byte that breaks GB18030 (1-, 2- and 4-byte sequences), or -1 when valid. */
export function firstInvalidGb18030(bytes: Uint8Array): number {
  let i = 0;
  const n = bytes.length;
  while (i < n) {
    const b = bytes[i];
    if (b <= 0x7f) {
      i++;
      continue;
    }
    if (b === 0x80 || b === 0xff) return i;
    const b2 = bytes[i + 1];
    if (b2 === undefined) return i;
    if ((b2 >= 0x40 && b2 <= 0x7e) || (b2 >= 0x80 && b2 <= 0xfe)) {
      i += 2;
      continue;
    }
    if (b2 >= 0x30 && b2 <= 0x39) {
      const b3 = bytes[i + 2];
      const b4 = bytes[i + 3];
      if (b3 === undefined || b4 === undefined || b3 < 0x81 || b3 > 0xfe || b4 < 0x30 || b4 > 0x39) return i;
      i += 4;
      continue;
    }
    return i;
  }
  return -1;
}
