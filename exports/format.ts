/**
 * Number and text formatting for the report, in Chinese and English. Pure.
 *
 * Values stay in the indicator's own unit (亿元, 家, 项, 亿尾 …); Chinese text writes the unit as
 * the plan does ("2.3亿元"), English text scales Chinese units (亿 = 100 million, 万 = 10,000) into
 * plain English ("CNY 230 million").
 *
 * @example
 *   amount(2.3, "亿元", "100 million yuan", "zh"); // "2.3亿元"
 *   amount(2.3, "亿元", "100 million yuan", "en"); // "CNY 230 million"
 *   percent(1.15);                                   // "115%"
 */
import type { VintageStatus } from "../domain/observation.ts";

export type Lang = "zh" | "en";

/** Pick the text for the language. */
export const t = (lang: Lang, zh: string, en: string): string => (lang === "zh" ? zh : en);

/** How many decimals a value in an indicator's unit deserves: fewer for larger numbers. */
export function decimalsFor(x: number): number {
  const a = Math.abs(x);
  if (a >= 100) return 1;
  if (a >= 10) return 2;
  if (a >= 1) return 3;
  return 4;
}

/** The decimals actually needed to show `x` with at most `max` decimals (trailing zeros dropped). */
export function neededDecimals(x: number, max = decimalsFor(x)): number {
  for (let d = 0; d < max; d++) {
    if (Math.abs(Number(x.toFixed(d)) - x) <= 1e-9 * Math.max(1, Math.abs(x))) return d;
  }
  return max;
}

const grouped = new Map<number, Intl.NumberFormat>();
function formatter(decimals: number): Intl.NumberFormat {
  let f = grouped.get(decimals);
  if (!f) {
    f = new Intl.NumberFormat("en-US", { minimumFractionDigits: 0, maximumFractionDigits: decimals, useGrouping: true });
    grouped.set(decimals, f);
  }
  return f;
}

/** A plain number with thousands separators and no trailing zeros ("18,500", "1.85", "-0.3"). */
export function num(x: number | null | undefined, maxDecimals?: number): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  const text = formatter(maxDecimals ?? decimalsFor(x)).format(x);
  return text === "-0" ? "0" : text;
}

/** A share as a percentage with one decimal, as officials write it: 1.15 -> "115.0%", 0.8875 -> "88.8%". */
export function percent(share: number | null | undefined, decimals = 1): string {
  if (share === null || share === undefined || !Number.isFinite(share)) return "—";
  const text = new Intl.NumberFormat("en-US", { minimumFractionDigits: decimals, maximumFractionDigits: decimals }).format(share * 100);
  return `${/^-0\.?0*$/.test(text) ? text.slice(1) : text}%`;
}

/** Units that count things: shown as whole numbers in projections and requirements ("39家", not "39.29家"). */
export const COUNT_UNITS = new Set(["家", "个", "项", "件", "所", "座", "人", "次", "台", "套", "条"]);

/** A value rounded as its unit allows: counts to whole numbers, others unchanged. */
export function roundForUnit(x: number, unit: string): number {
  return COUNT_UNITS.has(unit) ? Math.round(x) : x;
}

/** The gap to a target as officials write it: "差3家" when short, "超额3家" when exceeded, "恰好达到" at it. */
export function gapText(gap: number | null | undefined, unit: string, unitEn: string, lang: Lang): string {
  if (gap === null || gap === undefined || !Number.isFinite(gap)) return "—";
  const g = roundForUnit(Math.abs(gap), unit);
  if (Math.abs(gap) <= 1e-9 * Math.max(1, Math.abs(gap)) || g === 0) return t(lang, "恰好达到目标", "exactly on target");
  const a = amount(g, unit, unitEn, lang);
  return gap > 0 ? t(lang, `差${a}`, `${a} short`) : t(lang, `超额${a}`, `${a} above target`);
}

/** A difference of two shares in percentage points. */
export function points(diff: number, lang: Lang): string {
  return t(lang, `${num(diff * 100, 1)}个百分点`, `${num(diff * 100, 1)} percentage points`);
}

/** A ratio such as the Eurostat growth ratio: three decimals at most. */
export function ratio(x: number | null | undefined): string {
  return num(x, 3);
}

/** English: Chinese scaled units as a multiplier and a noun. */
const EN_SCALED: Record<string, { scale: number; prefix: string; suffix: string }> = {
  亿元: { scale: 1e8, prefix: "CNY ", suffix: "" },
  万元: { scale: 1e4, prefix: "CNY ", suffix: "" },
  千元: { scale: 1e3, prefix: "CNY ", suffix: "" },
  元: { scale: 1, prefix: "CNY ", suffix: "" },
  亿尾: { scale: 1e8, prefix: "", suffix: " fry" },
  万尾: { scale: 1e4, prefix: "", suffix: " fry" },
};

const EN_SINGULAR: Record<string, string> = {
  enterprises: "enterprise",
  items: "item",
  units: "unit",
  institutions: "institution",
};

/** A large number in English words: 230000000 -> "230 million". */
function englishMagnitude(n: number): string {
  const a = Math.abs(n);
  if (a >= 1e9) return `${num(n / 1e9, 3)} billion`;
  if (a >= 1e6) return `${num(n / 1e6, 2)} million`;
  return num(n, 2);
}

/**
 * A value with its unit for running text. Chinese: "2.3亿元", "103家", "12.5%".
 * English: "CNY 230 million", "103 enterprises", "185 million fry".
 */
export function amount(x: number | null | undefined, unit: string, unitEn: string, lang: Lang): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "—";
  if (unit === "%") return `${num(x)}%`;
  if (lang === "zh") return `${num(x)}${unit}`;
  const scaled = EN_SCALED[unit];
  if (scaled) return `${scaled.prefix}${englishMagnitude(x * scaled.scale)}${scaled.suffix}`;
  const noun = Math.abs(x) === 1 ? (EN_SINGULAR[unitEn] ?? unitEn) : unitEn;
  return `${num(x)} ${noun}`;
}

/** The unit for a table header: "亿元" / "100 million yuan". */
export function unitLabel(unit: string, unitEn: string, lang: Lang): string {
  return lang === "zh" ? unit : unitEn;
}

/** A comparator as words before the target: ">=" -> "≥". */
export function comparatorSymbol(c: string): string {
  return ({ ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=" } as Record<string, string>)[c] ?? c;
}

/** The target in words: "8亿元以上" / "at least CNY 800 million". */
export function targetText(value: number, comparator: string, unit: string, unitEn: string, lang: Lang): string {
  const v = amount(value, unit, unitEn, lang);
  switch (comparator) {
    case ">=":
      return t(lang, `${v}以上`, `at least ${v}`);
    case ">":
      return t(lang, `超过${v}`, `more than ${v}`);
    case "<=":
      return t(lang, `不超过${v}`, `at most ${v}`);
    case "<":
      return t(lang, `低于${v}`, `less than ${v}`);
    default:
      return v;
  }
}

export const VINTAGE_LABELS: Record<VintageStatus, { zh: string; en: string }> = {
  preliminary: { zh: "初步", en: "preliminary" },
  final: { zh: "正式", en: "final" },
  revised: { zh: "修订", en: "revised" },
};

export function vintageLabel(status: VintageStatus | string, lang: Lang): string {
  const l = VINTAGE_LABELS[status as VintageStatus];
  return l ? l[lang] : status;
}

/** A list of years compressed to ranges: [2015, 2016, 2017, 2019] -> "2015-2017、2019". */
export function yearList(years: number[], lang: Lang): string {
  const sorted = [...new Set(years)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j] + 1) j++;
    parts.push(j > i ? `${sorted[i]}-${sorted[j]}` : String(sorted[i]));
    i = j + 1;
  }
  return parts.join(lang === "zh" ? "、" : ", ");
}

/** A list joined for the language: "a、b、c" / "a, b and c". */
export function joinList(items: string[], lang: Lang): string {
  if (lang === "zh") return items.join("、");
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** A timestamp for the cover: "2024-05-01 14:03" (local time of the machine). */
export function timestamp(d: Date): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
