/**
 * One cell → a number (with any unit written in the cell), "missing", or a reason.
 * Accepts thousands separators (1,234.5 and 1，234.5), full-width digits, percentages,
 * numbers stored as text and a unit after the number ("2.3亿元", "15000万元", "12.5%").
 * Missing markers (empty, —, -, …, N/A, 无, 暂无, /) are "missing": never a zero. Never throws.
 *
 * @example
 *   parseNumberCell("1，234.5万元"); // { kind: "number", value: 1234.5, unit: "万元", percent: false }
 *   parseNumberCell("—");           // { kind: "missing" }
 *   parseNumberCell("约50");        // { kind: "invalid", reason: { code: "BAD_NUMBER", ... } }
 */
import { type Reason, reasons } from "./errors.ts";

export type NumberParse =
  | { kind: "missing" }
  | { kind: "number"; value: number; unit: string | null; percent: boolean }
  | { kind: "invalid"; reason: Reason };

const MISSING_WORDS = new Set(["n/a", "na", "#n/a", "无", "暂无", "/", "null", "none", "nil", "空"]);

/** Full-width → half-width (NFKC) and every kind of space removed. */
export function halfWidth(s: string): string {
  return s.normalize("NFKC").replace(/[\s\u00a0\u3000\ufeff\u200b]+/g, "");
}

/** Whether a text cell says "no data": empty, dashes, ellipses, N/A, 无, 暂无, /. */
export function isMissingText(s: string): boolean {
  const t = halfWidth(s).toLowerCase();
  if (t === "") return true;
  if (/^[-‐‑‒–—―−─━~～…⋯.·]+$/.test(t)) return true;
  return MISSING_WORDS.has(t);
}

const NUMBER = /^([+-]?)((?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d*)?|\.\d+)(e[+-]?\d+)?/i;

export function parseNumberCell(input: unknown): NumberParse {
  try {
    if (input === null || input === undefined) return { kind: "missing" };
    if (typeof input === "number") {
      if (!Number.isFinite(input)) return { kind: "invalid", reason: reasons.nonFinite(String(input)) };
      return { kind: "number", value: input, unit: null, percent: false };
    }
    if (typeof input === "bigint") return parseText(input.toString());
    if (typeof input !== "string") return { kind: "invalid", reason: reasons.notANumberType(describe(input)) };
    return parseText(input);
  } catch {
    return { kind: "invalid", reason: reasons.badNumber(describe(input)) };
  }
}

function parseText(raw: string): NumberParse {
  if (isMissingText(raw)) return { kind: "missing" };
  // NFKC turns ，into "," and full-width digits into ASCII; − (minus sign) is not covered.
  const t = halfWidth(raw).replace(/[−–]/g, "-");
  if (/^[+-]?(infinity|inf|∞|nan)$/i.test(t)) return { kind: "invalid", reason: reasons.nonFinite(raw) };
  const m = NUMBER.exec(t);
  if (!m) return { kind: "invalid", reason: reasons.badNumber(raw) };
  let rest = t.slice(m[0].length);
  // "1,5" or "1.2.3" or "12 34": the rest must not continue the number.
  if (/^[\d.,]/.test(rest)) return { kind: "invalid", reason: reasons.badNumber(raw) };
  const value = Number(m[1] + m[2].replace(/,/g, "") + (m[3] ?? ""));
  if (!Number.isFinite(value)) return { kind: "invalid", reason: reasons.nonFinite(raw) };
  let percent = false;
  if (rest.startsWith("%")) {
    percent = true;
    rest = rest.slice(1);
    if (rest !== "") return { kind: "invalid", reason: reasons.badNumber(raw) };
  }
  // "80以上", "50余", "3左右": an approximation, not a figure.
  if (/以上|以下|左右|多|余|上下|约|不到|不足|超过/.test(rest)) return { kind: "invalid", reason: reasons.badNumber(raw) };
  if (rest !== "" && !/^[\p{L}\p{Script=Han}()（）[\]/]+$/u.test(rest)) return { kind: "invalid", reason: reasons.badNumber(raw) };
  return { kind: "number", value: value === 0 ? 0 : value, unit: rest === "" ? null : rest, percent };
}

function describe(v: unknown): string {
  try {
    if (v instanceof Date) return Number.isNaN(v.getTime()) ? "Invalid Date" : v.toISOString().slice(0, 10);
    if (typeof v === "object") return JSON.stringify(v) ?? String(v);
    return String(v);
  } catch {
    return "?";
  }
}
