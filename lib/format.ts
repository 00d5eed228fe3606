/**
 * THE number formatter for the CLI, the site and the exports: numbers the way official Chinese
 * documents write them, in Chinese and English. Pure and DOM-free.
 *
 * Rules (one each):
 * - Percentages: one decimal, always ("103.0%", "88.8%").
 * - Ratios (the growth and pace ratios): two decimals, never rounded across a threshold ("1.05").
 * - Counts (units in lib/units.ts COUNT_UNITS: 家 个 项 座 人 …): whole numbers ("103家").
 * - Amounts stay in the indicator's own unit with sensible decimals: 2 below 100, 1 below 1000,
 *   none above, trailing zeros dropped ("7.62亿元", "350万元", "18500万元"). A non-zero value that
 *   would round to 0 keeps up to 4 decimals ("0.0035亿元").
 * - Chinese writes numbers without thousands separators (as 统计公报 do: "1260582亿元"); English
 *   groups them ("1,260,582") and spells money and fry out ("CNY 762 million", "185 million fry").
 * - Minus sign: ASCII "-" everywhere (copies into spreadsheets); "-0" prints "0".
 * - Gaps say which way: "超额0.3亿元" / "差0.3亿元" (never a bare "0" when the value is off target).
 * - Missing or non-finite values print "—".
 *
 * @example
 *   formatValue(7.62, "亿元", "zh");                          // "7.62亿元"
 *   formatValue(7.62, "亿元", "en");                          // "CNY 762 million"
 *   formatValue(103.4, "家", "en", { unit_en: "enterprises" }); // "103 enterprises"
 *   formatPercent(1.03);                                      // "103.0%"
 *   formatGap(8.3, 8, ">=", "亿元", "zh");                     // "超额0.3亿元"
 *   formatDate("2020-03-20", "en");                           // "20 Mar 2020"
 */
import type { Lang } from "./lang.js";
import { THRESHOLDS } from "./thresholds.js";
import { isCountUnit, SCALED_UNITS } from "./units.js";

export const MISSING = "—";

const finite = (x: number | null | undefined): x is number => typeof x === "number" && Number.isFinite(x);

/** Decimals for an amount: 2 below 100, 1 below 1000, none from 1000. */
export function decimalsFor(x: number): number {
  const a = Math.abs(x);
  return a >= 1000 ? 0 : a >= 100 ? 1 : 2;
}

const cache = new Map<string, Intl.NumberFormat>();
function nf(lang: Lang, min: number, max: number): Intl.NumberFormat {
  const key = `${lang}${min}${max}`;
  let f = cache.get(key);
  if (!f) {
    f = new Intl.NumberFormat("en-US", {
      minimumFractionDigits: min,
      maximumFractionDigits: max,
      useGrouping: lang === "en",
    });
    cache.set(key, f);
  }
  return f;
}

/**
 * A plain number: at most `decimals` decimals (default decimalsFor), trailing zeros dropped unless
 * `fixed`. A non-zero value that would show as 0 gets up to 4 decimals.
 */
export function formatNumber(x: number | null | undefined, lang: Lang = "zh", decimals?: number, fixed = false): string {
  if (!finite(x)) return MISSING;
  let d = decimals ?? decimalsFor(x);
  if (decimals === undefined && x !== 0 && Math.abs(x) < 0.5 * 10 ** -d) d = 4;
  const text = nf(lang, fixed ? d : 0, d).format(x);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** A share as a percentage with one decimal: 1.03 -> "103.0%", 0.7429 -> "74.3%". */
export function formatPercent(share: number | null | undefined, lang: Lang = "zh", decimals = 1): string {
  if (!finite(share)) return MISSING;
  return `${formatNumber(share * 100, lang, decimals, true)}%`;
}

/**
 * A ratio such as the Eurostat growth ratio or the pace ratio: two decimals ("1.05", "0.70"). It is
 * never rounded across a threshold the verdict was read from (default: the Eurostat thresholds
 * 0.95 / 0.60 / 0), so a ratio of 0.9496 reads "0.94", not "0.95", beside 需加快.
 */
export function formatRatio(
  x: number | null | undefined,
  lang: Lang = "zh",
  thresholds: readonly number[] = Object.values(THRESHOLDS),
): string {
  if (!finite(x)) return MISSING;
  let shown = Math.round(x * 100) / 100;
  if (thresholds.some((th) => x < th && shown >= th)) shown = Math.floor(x * 100) / 100;
  else if (thresholds.some((th) => x >= th && shown < th)) shown = Math.ceil(x * 100) / 100;
  return formatNumber(shown, lang, 2, true);
}

/** A signed change as a percentage: "+14.5%", "-5.9%", "0.0%". */
export function formatSignedPercent(share: number | null | undefined, lang: Lang = "zh", decimals = 1): string {
  if (!finite(share)) return MISSING;
  const text = formatPercent(share, lang, decimals);
  return share > 0 && !/^0\.?0*%$/.test(text) ? `+${text}` : text;
}

/** A difference of two shares in percentage points: "1.5个百分点" / "1.5 percentage points". */
export function formatPoints(diff: number | null | undefined, lang: Lang = "zh"): string {
  if (!finite(diff)) return MISSING;
  const n = formatNumber(diff * 100, lang, 1, true);
  return lang === "zh" ? `${n}个百分点` : `${n} percentage points`;
}

/** English count words are plural in plan files ("enterprises"); one of them reads "1 enterprise". */
function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, "y");
  if (/(ch|sh|x|ss)es$/.test(word)) return word.replace(/es$/, "");
  return word.replace(/s$/, "");
}

/**
 * A large English number in words, to three significant figures as the Chinese amount shows it
 * (8.14亿元 = "814 million", not "814.12 million"): 762000000 -> "762 million", 1.25e9 -> "1.25 billion".
 */
function englishMagnitude(x: number): string {
  const a = Math.abs(x);
  const words = (n: number) => formatNumber(n, "en", Math.abs(n) >= 100 ? 0 : Math.abs(n) >= 10 ? 1 : 2);
  if (a >= 1e9) return `${words(x / 1e9)} billion`;
  if (a >= 1e6) return `${words(x / 1e6)} million`;
  return formatNumber(x, "en");
}

export interface ValueOptions {
  /** The plan's English unit ("enterprises"); used for units English does not scale. */
  unit_en?: string;
  /** A rate such as a pace per year: a count unit keeps its decimals ("16.67项/年"). */
  rate?: boolean;
}

export interface ValueParts {
  number: string;
  unit: string;
  /** What goes between number and unit: "" in Chinese, " " in English. */
  sep: string;
}

/**
 * A value split into number and unit (for large type on cards). Chinese keeps the indicator's unit;
 * English spells scaled money and fry out and uses the plan's `unit_en` for everything else.
 */
export function formatValueParts(x: number | null | undefined, unit: string, lang: Lang, opts: ValueOptions = {}): ValueParts {
  if (!finite(x)) return { number: MISSING, unit: "", sep: "" };
  const count = isCountUnit(unit) && !opts.rate;
  const v = count ? Math.round(x) : x;
  if (unit === "%") return { number: formatNumber(v, lang, 1), unit: "%", sep: "" };
  if (lang === "zh") return { number: formatNumber(v, "zh", count ? 0 : undefined), unit, sep: "" };
  const scaled = SCALED_UNITS[unit];
  if (scaled) {
    const words = englishMagnitude(v * scaled.factor).split(" ");
    const number = words.shift() as string;
    if (scaled.en === "yuan") return { number: `CNY ${number}`, unit: words.join(" "), sep: words.length ? " " : "" };
    return { number, unit: [...words, scaled.en].join(" "), sep: " " };
  }
  const word = opts.unit_en || unit;
  const number = count ? formatNumber(v, "en", 0) : englishMagnitude(v);
  const [n, ...rest] = number.split(" ");
  const noun = Math.abs(v) === 1 ? singular(word) : word;
  return { number: n, unit: [...rest, noun].filter(Boolean).join(" "), sep: " " };
}

/** A value with its unit for running text and tables: "7.62亿元", "CNY 762 million", "103 enterprises". */
export function formatValue(x: number | null | undefined, unit: string, lang: Lang, opts: ValueOptions = {}): string {
  const p = formatValueParts(x, unit, lang, opts);
  return `${p.number}${p.sep}${p.unit}`.trim();
}

/** ">=" -> "≥", "<=" -> "≤" and so on. */
export function comparatorSymbol(c: string): string {
  return ({ ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=" } as Record<string, string>)[c] ?? c;
}

/** The target in words: "8亿元以上" / "at least CNY 800 million". */
export function formatTarget(value: number, comparator: string, unit: string, lang: Lang, opts: ValueOptions = {}): string {
  const v = formatValue(value, unit, lang, opts);
  const zh: Record<string, string> = { ">=": `${v}以上`, ">": `超过${v}`, "<=": `不超过${v}`, "<": `低于${v}` };
  const en: Record<string, string> = { ">=": `at least ${v}`, ">": `more than ${v}`, "<=": `at most ${v}`, "<": `less than ${v}` };
  return (lang === "zh" ? zh : en)[comparator] ?? v;
}

/**
 * How the latest value stands against the target, with the direction in words: "超额0.3亿元" /
 * "0.3 above target", "差0.3亿元" / "0.3 short"; "达到目标" / "on target" when equal as shown.
 * For "<=" / "<" targets, being below the target is the surplus.
 */
export function formatGap(
  latest: number | null | undefined,
  target: number,
  comparator: string,
  unit: string,
  lang: Lang,
  opts: ValueOptions = {},
): string {
  if (!finite(latest)) return MISSING;
  const lowerIsBetter = comparator === "<=" || comparator === "<";
  const surplus = lowerIsBetter ? target - latest : latest - target;
  const amount = formatValue(Math.abs(surplus), unit, lang, opts);
  if (/^(CNY )?0(\s|$|[^.\d])/.test(amount) || Math.abs(surplus) === 0) return lang === "zh" ? "达到目标" : "on target";
  if (comparator === "=") return lang === "zh" ? `相差${amount}` : `${amount} off target`;
  if (surplus > 0) return lang === "zh" ? `超额${amount}` : `${amount} above target`;
  return lang === "zh" ? `差${amount}` : `${amount} short`;
}

/** A year: "2019年" / "2019". */
export function formatYear(year: number | null | undefined, lang: Lang): string {
  if (year === null || year === undefined) return MISSING;
  return lang === "zh" ? `${year}年` : String(year);
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number) => String(n).padStart(2, "0");

/** A local timestamp "2024-05-01 14:03" (the report cover, the site's build time). */
export function formatTimestamp(d: Date): string {
  return `${d.getFullYear()}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())} ${pad2(d.getHours())}:${pad2(d.getMinutes())}`;
}

/**
 * A date (YYYY-MM-DD or ISO timestamp): "2020年3月20日" / "20 Mar 2020"; with the time when asked.
 * A timestamp with a zone ("…Z") is shown in the reader's local time.
 */
export function formatDate(value: string | null | undefined, lang: Lang, opts: { time?: boolean } = {}): string {
  if (!value) return MISSING;
  if (/T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) value = formatTimestamp(new Date(value));
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  const [, y, mo, d, hh, mm] = m;
  const time = opts.time && hh ? ` ${hh}:${mm}` : "";
  if (lang === "zh") return `${y}年${Number(mo)}月${Number(d)}日${time}`;
  return `${Number(d)} ${MONTHS[Number(mo) - 1]} ${y}${time}`;
}

/** A file size: "12.3 KB". */
export function formatBytes(n: number | null | undefined, lang: Lang = "en"): string {
  if (!finite(n)) return MISSING;
  if (n < 1024) return `${formatNumber(n, lang, 0)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, lang, 1, true)} KB`;
  return `${formatNumber(n / 1024 / 1024, lang, 1, true)} MB`;
}

/** Years compressed to ranges: [2015, 2016, 2017, 2019] -> "2015-2017、2019" / "2015-2017, 2019". */
export function formatYearList(years: number[], lang: Lang): string {
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

/** A list for the language: "a、b、c" / "a, b and c". */
export function formatList(items: string[], lang: Lang): string {
  if (lang === "zh") return items.join("、");
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
