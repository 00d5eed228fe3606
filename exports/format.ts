/**
 * The report's names for the shared formatter. Every rule lives in lib/format.ts (one formatter for
 * the CLI, the site and the exports); this module keeps the short names the report builders use and
 * adds the report's own vocabulary (vintage labels, the decimals of a spreadsheet number format).
 *
 * @example
 *   amount(2.3, "亿元", "100 million yuan", "zh"); // "2.3亿元"
 *   amount(2.3, "亿元", "100 million yuan", "en"); // "CNY 230 million"
 *   percent(1.15);                                   // "115.0%"
 */
import { VINTAGE_LABELS, type VintageStatus } from "../domain/observation.ts";
import {
  comparatorSymbol,
  decimalsFor,
  formatGap,
  formatList,
  formatNumber,
  formatPercent,
  formatPoints,
  formatRatio,
  formatTarget,
  formatTimestamp,
  formatValue,
  formatYearList,
} from "../lib/format.ts";
import type { Lang } from "../lib/lang.ts";
import { isCountUnit } from "../lib/units.ts";

export type { Lang } from "../lib/lang.ts";
export { t } from "../lib/lang.ts";
export { comparatorSymbol, decimalsFor };

/** The decimals actually needed to show `x` with at most `max` decimals (a spreadsheet's number format). */
export function neededDecimals(x: number, max = decimalsFor(x)): number {
  for (let d = 0; d < max; d++) {
    if (Math.abs(Number(x.toFixed(d)) - x) <= 1e-9 * Math.max(1, Math.abs(x))) return d;
  }
  return max;
}

/** A plain number in a table or chart label: "18,500" in English, "18500" in Chinese; "1.85", "-0.3". */
export const num = (x: number | null | undefined, maxDecimals?: number, lang: Lang = "en"): string => formatNumber(x, lang, maxDecimals);

/** A share as a percentage, one decimal: 1.15 -> "115.0%". */
export const percent = (share: number | null | undefined): string => formatPercent(share);

/** A difference of two shares in percentage points. */
export const points = (diff: number, lang: Lang): string => formatPoints(diff, lang);

/** A ratio such as the Eurostat growth ratio: two decimals, never rounded across a threshold ("1.05"). */
export const ratio = (x: number | null | undefined, lang: Lang = "en"): string => formatRatio(x, lang);

/** A value with its unit for running text: "2.3亿元" / "CNY 230 million" / "103 enterprises". */
export const amount = (x: number | null | undefined, unit: string, unitEn: string, lang: Lang): string =>
  formatValue(x, unit, lang, { unit_en: unitEn });

/** The unit for a table header: "亿元" / "100 million yuan". */
export const unitLabel = (unit: string, unitEn: string, lang: Lang): string => (lang === "zh" ? unit : unitEn);

/** The target in words: "8亿元以上" / "at least CNY 800 million". */
export const targetText = (value: number, comparator: string, unit: string, unitEn: string, lang: Lang): string =>
  formatTarget(value, comparator, unit, lang, { unit_en: unitEn });

export { VINTAGE_LABELS };

export function vintageLabel(status: VintageStatus | string, lang: Lang): string {
  const l = VINTAGE_LABELS[status as VintageStatus];
  return l ? l[lang] : status;
}

export const yearList = formatYearList;
export const joinList = formatList;
export const timestamp = formatTimestamp;

/** A value rounded as its unit allows: counts (lib/units.ts) to whole numbers, others unchanged. */
export function roundForUnit(x: number, unit: string): number {
  return isCountUnit(unit) ? Math.round(x) : x;
}

/**
 * A gap (positive: short of the target, negative: beyond it) as officials write it: "差3家",
 * "超额0.3亿元", "达到目标" (lib/format.ts formatGap).
 */
export const gapText = (gap: number | null | undefined, unit: string, unitEn: string, lang: Lang): string =>
  gap === null || gap === undefined ? "—" : formatGap(-gap, 0, ">=", unit, lang, { unit_en: unitEn });
