/**
 * Plain-text tables and the number formats the benchmark prints (and the README quotes).
 *
 * @example
 *   formatTable(["step", "s"], [["ingest", "1.2"]], ["left", "right"]);
 *   // step   |   s
 *   // -------+----
 *   // ingest | 1.2
 */

export type Align = "left" | "right";

/** Display width: CJK and full-width characters take two columns in a terminal. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    const wide =
      (c >= 0x1100 && c <= 0x115f) ||
      (c >= 0x2e80 && c <= 0xa4cf) ||
      (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) ||
      (c >= 0xfe30 && c <= 0xfe4f) ||
      (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) ||
      (c >= 0x20000 && c <= 0x3fffd);
    w += wide ? 2 : 1;
  }
  return w;
}

function pad(text: string, width: number, align: Align): string {
  const fill = " ".repeat(Math.max(0, width - displayWidth(text)));
  return align === "right" ? fill + text : text + fill;
}

/** A table with a header rule; columns are left-aligned unless `align` says otherwise. */
export function formatTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const widths = headers.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i] ?? ""))));
  const line = (cells: string[]) =>
    widths
      .map((w, i) => pad(cells[i] ?? "", w, align[i] ?? "left"))
      .join(" | ")
      .trimEnd();
  return [line(headers), widths.map((w) => "-".repeat(w)).join("-+-"), ...rows.map(line)].join("\n");
}

/** The same table as GitHub Markdown (for the README). */
export function formatMarkdownTable(headers: string[], rows: string[][], align: Align[] = []): string {
  const esc = (s: string) => s.replace(/\|/g, "\\|");
  const rule = headers.map((_, i) => (align[i] === "right" ? "---:" : "---"));
  return [headers, rule, ...rows].map((r, i) => `| ${(i === 1 ? r : r.map(esc)).join(" | ")} |`).join("\n");
}

const DASH = "—";
const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Seconds: 0.0123 → "0.012 s", 1.234 → "1.23 s", 61.2 → "61.2 s". */
export function formatSeconds(s: number | null | undefined): string {
  if (!finite(s)) return DASH;
  if (s < 0.1) return `${s.toFixed(3)} s`;
  if (s < 10) return `${s.toFixed(2)} s`;
  return `${s.toFixed(1)} s`;
}

/** Bytes in binary units: 1536 → "1.5 KiB", 3 * 2**30 → "3.00 GiB". */
export function formatBytes(bytes: number | null | undefined): string {
  if (!finite(bytes)) return DASH;
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let v = bytes;
  let u = 0;
  while (Math.abs(v) >= 1024 && u < units.length - 1) {
    v /= 1024;
    u += 1;
  }
  if (u === 0) return `${v} B`;
  return `${v.toFixed(v < 10 ? 2 : v < 100 ? 1 : 0)} ${units[u]}`;
}

/** A count with thousands separators: 6000000 → "6,000,000". */
export function formatCount(n: number | null | undefined): string {
  if (!finite(n)) return DASH;
  return Math.round(n).toLocaleString("en-US");
}

/** A rate: 2345678 → "2.35 M/s", 12345 → "12.3 k/s", 12 → "12 /s". */
export function formatRate(perSecond: number | null | undefined): string {
  if (!finite(perSecond)) return DASH;
  if (perSecond >= 1e6) return `${(perSecond / 1e6).toFixed(2)} M/s`;
  if (perSecond >= 1e3) return `${(perSecond / 1e3).toFixed(1)} k/s`;
  return `${perSecond.toFixed(0)} /s`;
}

/** A ratio: 0.456 → "0.46". */
export function formatRatio(r: number | null | undefined): string {
  return finite(r) ? r.toFixed(2) : DASH;
}
