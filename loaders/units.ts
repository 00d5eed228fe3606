/**
 * Units: a unit is an optional magnitude prefix (十 百 千 万 十万 百万 千万 亿 十亿 百亿 千亿 万亿)
 * followed by a base (元, 尾, 家, %...). Units with the same base convert by magnitude
 * (亿元 ↔ 万元 ↔ 元, 亿尾 ↔ 万尾 ↔ 尾); the count bases (lib/units.ts: 个 家 项 件 所 座 人 …) are interchangeable;
 * % converts only to %. A magnitude with no base ("万") takes the indicator's base. Pure.
 *
 * @example
 *   convertValue(15000, "万元", "亿元"); // { ok: true, value: 1.5 }
 *   convertValue(3, "个", "亿元");       // { ok: false, reason: { code: "UNIT_MISMATCH", ... } }
 */
import { COUNT_UNITS } from "../lib/units.ts";
import { type Reason, reasons } from "./errors.ts";

export type UnitKind = "money" | "count" | "percent" | "other";

export interface ParsedUnit {
  /** Multiplier of the base: 亿元 → 1e8. */
  magnitude: number;
  /** Base unit after the magnitude ("元", "家", "%"); "" when the unit is a bare magnitude like "万". */
  base: string;
  kind: UnitKind;
}

const MAGNITUDES: [string, number][] = [
  ["万亿", 1e12],
  ["千亿", 1e11],
  ["百亿", 1e10],
  ["十亿", 1e9],
  ["千万", 1e7],
  ["百万", 1e6],
  ["十万", 1e5],
  ["亿", 1e8],
  ["万", 1e4],
  ["千", 1e3],
  ["百", 1e2],
  ["十", 10],
];

/** The count bases are lib/units.ts COUNT_UNITS: one set for loading, deriving and formatting. */
export const COUNT_BASES = COUNT_UNITS;
const MONEY_BASES = new Set(["元", "人民币元", "人民币"]);
const PERCENT = new Set(["%", "百分比", "百分数", "percent", "pct"]);

/** English spellings, as plan files' unit_en and office files use them. */
const ENGLISH = new Map<string, string>(
  Object.entries({
    yuan: "元",
    rmb: "元",
    cny: "元",
    rmbyuan: "元",
    thousandyuan: "千元",
    "1000yuan": "千元",
    "1,000yuan": "千元",
    "10000yuan": "万元",
    "10,000yuan": "万元",
    "10kyuan": "万元",
    tenthousandyuan: "万元",
    millionyuan: "百万元",
    mnyuan: "百万元",
    "10millionyuan": "千万元",
    "100millionyuan": "亿元",
    "100myuan": "亿元",
    hundredmillionyuan: "亿元",
    billionyuan: "十亿元",
    enterprises: "家",
    enterprise: "家",
    firms: "家",
    units: "个",
    unit: "个",
    items: "项",
    item: "项",
    projects: "项",
    institutions: "所",
    pcs: "个",
    fry: "尾",
    "10,000fry": "万尾",
    "10000fry": "万尾",
    "100millionfry": "亿尾",
  }),
);

/** NFKC (full-width → half-width), lower-case, no spaces, no "单位：" prefix, no wrapping brackets. */
export function normaliseUnitText(text: string): string {
  let s = text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  s = s.replace(/^单位[:：]?/, "").replace(/^unit[:：]/, "");
  for (let i = 0; i < 3; i++) {
    const m = /^[([{【〔](.*)[)\]}】〕]$/.exec(s);
    if (!m) break;
    s = m[1];
  }
  return s;
}

/** Parse a unit; null for an empty unit (which means "the indicator's unit"). Never throws. */
export function parseUnit(text: string | null | undefined): ParsedUnit | null {
  if (text == null) return null;
  const s0 = normaliseUnitText(String(text));
  if (s0 === "") return null;
  const s = ENGLISH.get(s0) ?? s0;
  if (PERCENT.has(s)) return { magnitude: 1, base: "%", kind: "percent" };
  for (const [prefix, magnitude] of MAGNITUDES) {
    if (s.startsWith(prefix)) {
      const base = s.slice(prefix.length);
      return { magnitude, base, kind: kindOf(base) };
    }
  }
  return { magnitude: 1, base: s, kind: kindOf(s) };
}

function kindOf(base: string): UnitKind {
  if (MONEY_BASES.has(base)) return "money";
  if (COUNT_BASES.has(base)) return "count";
  if (PERCENT.has(base)) return "percent";
  return "other";
}

const OTHER_KNOWN = new Set([
  "尾",
  "人",
  "人次",
  "次",
  "吨",
  "米",
  "平方米",
  "亩",
  "公顷",
  "台",
  "套",
  "户",
  "株",
  "只",
  "头",
  "瓦",
  "千瓦时",
  "克",
]);

/** Whether a text reads as a unit (money, count, %, or a common physical unit), e.g. inside "数值（万元）". */
export function looksLikeUnit(text: string): boolean {
  const u = parseUnit(text);
  return u !== null && (u.kind !== "other" || OTHER_KNOWN.has(u.base) || (u.base === "" && u.magnitude > 1));
}

/** Whether a unit is a count (家, 个...) or money (元) — such indicators cannot be negative. */
export function isNonNegativeUnit(unit: string): boolean {
  const u = parseUnit(unit);
  return u !== null && u.kind !== "percent" && (u.kind !== "other" || u.base === "尾");
}

/** Factor that turns a value in `from` into a value in `to`, or null when they do not convert. */
export function conversionFactor(from: string | null, to: string): number | null {
  const t = parseUnit(to);
  const f = parseUnit(from);
  if (f === null || t === null) return 1;
  if (f.base === "" && t.kind !== "percent") return f.magnitude / t.magnitude;
  if (f.kind === "percent" || t.kind === "percent") return f.kind === t.kind && f.magnitude === t.magnitude ? 1 : null;
  const same = f.kind === "other" || t.kind === "other" ? f.base === t.base : f.kind === t.kind;
  return same ? f.magnitude / t.magnitude : null;
}

export type Converted = { ok: true; value: number } | { ok: false; reason: Reason };

/** Convert a value from one unit to another (an empty `from` means it is already in `to`). */
export function convertValue(value: number, from: string | null, to: string): Converted {
  const factor = conversionFactor(from, to);
  if (factor === null) return { ok: false, reason: reasons.unitMismatch(from ?? "", to) };
  if (factor === 1) return { ok: true, value };
  // Powers of ten in binary floating point leave dust (1.2345000000000002): round it away.
  return { ok: true, value: Number((value * factor).toPrecision(15)) };
}
