/**
 * Language for the pages. Chinese is the default; `?lang=en` or the toggle (stored in localStorage)
 * switches every label, number, date and axis. Every number and date format is lib/format.ts
 * (re-exported here so pages import one module); this module only adds what needs the browser.
 *
 * @example
 *   formatValue(7.62, "亿元", "zh"); // "7.62亿元"
 *   formatValue(7.62, "亿元", "en"); // "CNY 762 million"
 */
import { formatNumber } from "../lib/format.js";
import { type Lang, parseLang } from "../lib/lang.js";

export {
  comparatorSymbol,
  formatBytes,
  formatDate,
  formatGap,
  formatNumber,
  formatPercent,
  formatRatio,
  formatSignedPercent,
  formatTarget,
  formatValue,
  formatValueParts,
  formatYear,
} from "../lib/format.js";
export { LANGS, type Lang, parseLang, pick } from "../lib/lang.js";

export const LANG_KEY = "plan-monitor.lang";

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

/** A link to `href` that keeps the language and the as-of date (?asof=, see asof.ts) (relative links only). */
export function langHref(href: string, lang: Lang): string {
  const [path, hash] = href.split("#");
  const sep = path.includes("?") ? "&" : "?";
  const asOf = typeof window === "undefined" ? null : new URLSearchParams(window.location.search).get("asof");
  const keep = asOf && /^\d{4}-\d{2}-\d{2}$/.test(asOf) && !/[?&]asof=/.test(path) ? `&asof=${asOf}` : "";
  return `${path}${sep}lang=${lang}${keep}${hash !== undefined ? `#${hash}` : ""}`;
}

/** Words in brackets after other words: "（2020年）" in Chinese (full-width, no space), " (2020)" in English. */
export function paren(text: string, lang: Lang): string {
  return lang === "zh" ? `（${text}）` : ` (${text})`;
}

/** The unit to print on an axis label: 亿元 / 100 million yuan. */
export function unitLabel(unit: string, unitEn: string | undefined, lang: Lang): string {
  return lang === "zh" ? unit : (unitEn ?? unit);
}

/** A tick formatter for Plot axes in the reader's language. */
export function tickFormat(lang: Lang): (x: number) => string {
  return (x) => formatNumber(x, lang);
}
