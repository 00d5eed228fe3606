/**
 * Language and number formats. Chinese is the default; `?lang=en` or the toggle (stored in
 * localStorage) switches every label, number, date and axis. Pure except `currentLang`/`langHref`.
 *
 * @example
 *   formatValue(76200, "万元", "zh"); // "7.62亿元"
 *   formatValue(7.62, "亿元", "en");  // "762 million yuan"
 */
export type Lang = "zh" | "en";
export const LANGS: Lang[] = ["zh", "en"];
export const LANG_KEY = "plan-monitor.lang";

export function parseLang(value: string | null | undefined): Lang | null {
  return value === "zh" || value === "en" ? value : null;
}

/** The page's language: the URL's ?lang=, else the stored choice, else Chinese. */
export function currentLang(): Lang {
  if (typeof window === "undefined") return "zh";
  const fromUrl = parseLang(new URLSearchParams(window.location.search).get("lang"));
  let stored: Lang | null = null;
  try {
    stored = parseLang(window.localStorage.getItem(LANG_KEY));
    if (fromUrl && fromUrl !== stored) window.localStorage.setItem(LANG_KEY, fromUrl);
  } catch {
    // localStorage may be disabled by policy on some intranets; the URL still works.
  }
  return fromUrl ?? stored ?? "zh";
}

/** A link to `href` that keeps the language (relative links only). */
export function langHref(href: string, lang: Lang): string {
  const [path, hash] = href.split("#");
  const sep = path.includes("?") ? "&" : "?";
  return `${path}${sep}lang=${lang}${hash !== undefined ? `#${hash}` : ""}`;
}

/** Pick the text for a language from {zh, en}, falling back to Chinese. */
export function pick(text: { zh: string; en?: string } | null | undefined, lang: Lang): string {
  if (!text) return "";
  return lang === "en" ? (text.en ?? text.zh) : text.zh;
}

const nf = (digits: number, lang: Lang) =>
  new Intl.NumberFormat(lang === "zh" ? "zh-CN" : "en-GB", { maximumFractionDigits: digits, minimumFractionDigits: 0 });

/** Digits to show for a number: fewer for large numbers, up to 2 for small ones. */
export function digitsFor(x: number): number {
  const a = Math.abs(x);
  return a >= 1000 ? 0 : a >= 100 ? 1 : 2;
}

export function formatNumber(x: number | null | undefined, lang: Lang, digits?: number): string {
  if (x == null || !Number.isFinite(x)) return "—";
  return nf(digits ?? digitsFor(x), lang).format(x);
}

/** Units whose value is a multiple of a base unit: how Chinese readers scale (万, 亿) and English readers scale. */
const SCALED: Record<string, { base: string; base_en: string; factor: number }> = {
  亿元: { base: "元", base_en: "yuan", factor: 1e8 },
  万元: { base: "元", base_en: "yuan", factor: 1e4 },
  千元: { base: "元", base_en: "yuan", factor: 1e3 },
  元: { base: "元", base_en: "yuan", factor: 1 },
  亿尾: { base: "尾", base_en: "fry", factor: 1e8 },
  万尾: { base: "尾", base_en: "fry", factor: 1e4 },
  尾: { base: "尾", base_en: "fry", factor: 1 },
};

/** A number in Chinese style: 1.2万, 3.4亿 (for plain counts and amounts). */
export function formatZhMagnitude(x: number): { number: string; prefix: string } {
  const a = Math.abs(x);
  if (a >= 1e8) return { number: formatNumber(x / 1e8, "zh"), prefix: "亿" };
  if (a >= 1e4) return { number: formatNumber(x / 1e4, "zh"), prefix: "万" };
  return { number: formatNumber(x, "zh"), prefix: "" };
}

/** An English magnitude: 762 million, 1.2 billion, 35,000. */
export function formatEnMagnitude(x: number): string {
  const a = Math.abs(x);
  if (a >= 1e9) return `${formatNumber(x / 1e9, "en")} billion`;
  if (a >= 1e6) return `${formatNumber(x / 1e6, "en")} million`;
  return formatNumber(x, "en", a >= 1000 ? 0 : undefined);
}

/** English count words are plural in plan files ("enterprises"); one of them reads "1 enterprise". */
function singular(word: string): string {
  if (/ies$/.test(word)) return word.replace(/ies$/, "y");
  if (/(ch|sh|x|ss)es$/.test(word)) return word.replace(/es$/, "");
  return word.replace(/s$/, "");
}

/**
 * A value split into its number and its unit, the way the reader expects it: in Chinese amounts are
 * written with 万/亿 (7.62亿元, 1.85亿尾, 3.5万元), in English they are spelled out (762 million yuan).
 */
export function formatValueParts(
  x: number | null | undefined,
  unit: string,
  lang: Lang,
  opts: { unit_en?: string } = {},
): { number: string; unit: string; sep: string } {
  if (x == null || !Number.isFinite(x)) return { number: "—", unit: "", sep: "" };
  const scaled = SCALED[unit];
  if (scaled) {
    const base = x * scaled.factor;
    if (lang === "en") {
      const a = Math.abs(base);
      if (a >= 1e9) return { number: formatNumber(base / 1e9, "en"), unit: `billion ${scaled.base_en}`, sep: " " };
      if (a >= 1e6) return { number: formatNumber(base / 1e6, "en"), unit: `million ${scaled.base_en}`, sep: " " };
      return { number: formatNumber(base, "en", a >= 1000 ? 0 : undefined), unit: scaled.base_en, sep: " " };
    }
    // Keep the unit the plan states unless the number would read badly in it.
    if (unit === "万元" && Math.abs(x) >= 1e4) return { number: formatNumber(x / 1e4, "zh"), unit: "亿元", sep: "" };
    if (unit === "元" || unit === "尾") {
      const m = formatZhMagnitude(base);
      return { number: m.number, unit: `${m.prefix}${scaled.base}`, sep: "" };
    }
    return { number: formatNumber(x, "zh"), unit, sep: "" };
  }
  if (unit === "%") return { number: formatNumber(x, lang), unit: "%", sep: "" };
  if (lang === "en") {
    const word = opts.unit_en ?? unit;
    return { number: formatEnMagnitude(x), unit: Math.abs(x) === 1 ? singular(word) : word, sep: word ? " " : "" };
  }
  const m = formatZhMagnitude(x);
  return { number: m.number, unit: `${m.prefix}${unit}`, sep: "" };
}

/** A value with its unit as one string: "7.1亿元", "710 million yuan", "103 enterprises". */
export function formatValue(x: number | null | undefined, unit: string, lang: Lang, opts: { unit_en?: string } = {}): string {
  const p = formatValueParts(x, unit, lang, opts);
  return `${p.number}${p.sep}${p.unit}`;
}

/** A share as a percentage: 0.743 -> "74.3%". */
export function formatPercent(x: number | null | undefined, lang: Lang, digits = 1): string {
  if (x == null || !Number.isFinite(x)) return "—";
  return `${formatNumber(x * 100, lang, digits)}%`;
}

/** A signed change in percentage points or percent: +12.5%. */
export function formatSignedPercent(x: number | null | undefined, lang: Lang, digits = 1): string {
  if (x == null || !Number.isFinite(x)) return "—";
  const s = formatPercent(Math.abs(x), lang, digits);
  return x > 0 ? `+${s}` : x < 0 ? `−${s}` : s;
}

/** ">=" -> "≥" and so on, for display. */
export function comparatorSymbol(c: string): string {
  return ({ ">=": "≥", "<=": "≤", ">": ">", "<": "<", "=": "=" } as Record<string, string>)[c] ?? c;
}

/** A year: 2019年 / 2019. */
export function formatYear(year: number | null | undefined, lang: Lang): string {
  if (year == null) return "—";
  return lang === "zh" ? `${year}年` : String(year);
}

/** A date (YYYY-MM-DD or ISO timestamp): 2020年3月20日 / 20 Mar 2020; with time when asked. */
export function formatDate(value: string | null | undefined, lang: Lang, opts: { time?: boolean } = {}): string {
  if (!value) return "—";
  // A timestamp with a zone (e.g. the build time, "…Z") is shown in the reader's local time.
  if (/T\d{2}:\d{2}.*(Z|[+-]\d{2}:?\d{2})$/.test(value) && !Number.isNaN(Date.parse(value))) {
    const d = new Date(value);
    const p = (n: number) => String(n).padStart(2, "0");
    value = `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
  }
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(value);
  if (!m) return value;
  const [, y, mo, d, hh, mm] = m;
  const time = opts.time && hh ? ` ${hh}:${mm}` : "";
  if (lang === "zh") return `${y}年${Number(mo)}月${Number(d)}日${time}`;
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(mo) - 1];
  return `${Number(d)} ${month} ${y}${time}`;
}

/** A file size: 12.3 KB. */
export function formatBytes(n: number | null | undefined, lang: Lang): string {
  if (n == null || !Number.isFinite(n)) return "—";
  if (n < 1024) return `${formatNumber(n, lang, 0)} B`;
  if (n < 1024 * 1024) return `${formatNumber(n / 1024, lang, 1)} KB`;
  return `${formatNumber(n / 1024 / 1024, lang, 1)} MB`;
}

/** The unit to print on an axis label: 亿元 / 100 million yuan. */
export function unitLabel(unit: string, unitEn: string | undefined, lang: Lang): string {
  return lang === "zh" ? unit : (unitEn ?? unit);
}

/** A tick formatter for Plot axes in the reader's language. */
export function tickFormat(lang: Lang): (x: number) => string {
  return (x) => formatNumber(x, lang);
}
