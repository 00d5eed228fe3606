/**
 * Evidence files (佐证材料) named by progress reports: a safe file name (no folders, no `..`) and the
 * file's type sniffed from its bytes, never from its extension. The type decides how the site may
 * offer it (only ever as a download; executables and HTML are never served inline). Pure: no I/O.
 *
 * @example
 *   sniffEvidenceType(pdfBytes);      // "pdf"
 *   safeEvidenceName("../etc/passwd"); // null
 */

export type EvidenceType =
  | "pdf"
  | "png"
  | "jpeg"
  | "gif"
  | "office"
  | "ole"
  | "zip"
  | "rar"
  | "7z"
  | "html"
  | "executable"
  | "text"
  | "binary";

const MAGIC: [number[], EvidenceType][] = [
  [[0x25, 0x50, 0x44, 0x46], "pdf"],
  [[0x89, 0x50, 0x4e, 0x47], "png"],
  [[0xff, 0xd8, 0xff], "jpeg"],
  [[0x47, 0x49, 0x46, 0x38], "gif"],
  [[0xd0, 0xcf, 0x11, 0xe0], "ole"],
  [[0x52, 0x61, 0x72, 0x21], "rar"],
  [[0x37, 0x7a, 0xbc, 0xaf], "7z"],
  [[0x7f, 0x45, 0x4c, 0x46], "executable"],
  [[0x4d, 0x5a], "executable"],
  [[0xca, 0xfe, 0xba, 0xbe], "executable"],
  [[0xcf, 0xfa, 0xed, 0xfe], "executable"],
  [[0x23, 0x21], "executable"],
];

const starts = (bytes: Uint8Array, sig: number[]) => sig.every((b, i) => bytes[i] === b);

/** The type of an evidence file from its first bytes. */
export function sniffEvidenceType(bytes: Uint8Array): EvidenceType {
  if (starts(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const head = new TextDecoder("latin1").decode(bytes.subarray(0, 4096));
    return /\[Content_Types\]\.xml|word\/|xl\/|ppt\//.test(head) ? "office" : "zip";
  }
  for (const [sig, type] of MAGIC) if (starts(bytes, sig)) return type;
  const head = new TextDecoder("latin1").decode(bytes.subarray(0, 1024)).trimStart().toLowerCase();
  if (/^(<!doctype html|<html|<svg|<\?xml|<script)/.test(head)) return "html";
  const n = Math.min(bytes.length, 8192);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return "binary";
  return "text";
}

/** Types a browser would run or render as a page: offered only as a download, never inline. */
export const ACTIVE_TYPES = new Set<EvidenceType>(["html", "executable"]);

/** The name as a plain file name (no folder part, no `..`, no control characters), or null. */
export function safeEvidenceName(name: string): string | null {
  const n = name.normalize("NFC").trim();
  if (!n || n === "." || n === ".." || /[/\\\u0000-\u001f]/.test(n) || n.startsWith(".")) return null;
  return n;
}
