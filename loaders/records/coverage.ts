/**
 * Record coverage ("数据截至" / data through): the date up to which a record file is complete. A
 * list extract or a set of R&D reports taken on some date says nothing about a year that had not
 * ended (or whose reports were not yet filed) by then, so a yearly figure is derived only for the
 * years a file covers to their last day.
 *
 * Where the date comes from, first found wins:
 *   flag     `records ingest --through DATE`
 *   title    a title or note row above the header: 数据截至：2019-12-31, 截至2019年12月31日,
 *            统计截止日期 2019.12.31, 截至2019年底, data through 2019-12-31, as of 2019-12-31
 *   column   a 数据截至 / data through column (its latest date)
 *   records  the latest date in the file's own date column (发证日期, 登记日期, 认定日期; for R&D,
 *            the 31 December of the latest 年份); the file summary says the date was inferred
 *
 * @example
 *   coverageFromText("瓦房店市研发费用（数据截至：2019-12-31）"); // "2019-12-31"
 *   coverageFromText("截至2019年底");                            // "2019-12-31"
 *   isCoverageHeader("数据截至");                                 // true
 */
import { parseRecordDate } from "./validate.ts";

import type { CoverageBasis } from "../../domain/records.ts";

export type { CoverageBasis };

export interface Coverage {
  /** YYYY-MM-DD, or null when nothing tells (an empty file). */
  through: string | null;
  basis: CoverageBasis | null;
}

const DATE = "(\\d{4}\\s*[-/.年]\\s*\\d{1,2}\\s*[-/.月]\\s*\\d{1,2}\\s*日?|\\d{8})";
const YEAR_END = "(\\d{4})\\s*年?\\s*(?:年底|年末|底|末|年终)";
const LEAD_ZH = '(?:数据|统计|资料|填报)?\\s*(?:截至|截止|截止到|截至到)(?:日期|时间)?[\\s"“”：:为,，]*';
const LEAD_EN = '(?:data\\s+(?:through|as\\s+of|up\\s+to|to)|covered\\s+through|coverage\\s*[:：]?|as\\s+of|through)[\\s"“”：:,，]*';
const DATE_AFTER = new RegExp(`(?:${LEAD_ZH}|${LEAD_EN})${DATE}`, "i");
const YEAR_END_AFTER = new RegExp(`(?:${LEAD_ZH})${YEAR_END}`, "i");

/** The coverage date a title or note line states, as YYYY-MM-DD, or null. */
export function coverageFromText(text: string): string | null {
  const line = text.replace(/^\uFEFF/, "");
  const m = DATE_AFTER.exec(line);
  if (m) return parseRecordDate(m[1].replace(/\s+/g, ""));
  const y = YEAR_END_AFTER.exec(line);
  if (y) return parseRecordDate(`${y[1]}-12-31`);
  return null;
}

/** The first coverage date stated in the rows above a header (each row given as its text). */
export function coverageFromPreamble(lines: string[]): string | null {
  for (const line of lines) {
    const d = coverageFromText(line);
    if (d) return d;
  }
  return null;
}

const COVERAGE_HEADERS = new Set(
  [
    "数据截至",
    "数据截止",
    "数据截至日期",
    "数据截止日期",
    "截至日期",
    "截止日期",
    "统计截止日期",
    "data through",
    "data_through",
    "covered through",
    "covered_through",
    "data as of",
    "as of",
  ].map((h) => normaliseHeader(h)),
);

function normaliseHeader(h: string): string {
  return h.replace(/[\s_()（）:：]/g, "").toLowerCase();
}

/** Whether a header cell names a coverage column (数据截至 / data through). */
export function isCoverageHeader(header: string): boolean {
  return COVERAGE_HEADERS.has(normaliseHeader(header));
}

/** The index of a coverage column among the headers, or -1. */
export function coverageColumn(headers: string[]): number {
  return headers.findIndex((h) => isCoverageHeader(h));
}

/** A --through value as YYYY-MM-DD, or null when it is not a real day. */
export function parseThrough(text: string): string | null {
  return parseRecordDate(text.trim());
}

/** The last year a coverage date covers to its 31 December (2019-12-31 → 2019; 2020-06-30 → 2019). */
export function lastCoveredYear(through: string): number {
  const y = Number(through.slice(0, 4));
  return through.slice(5) === "12-31" ? y : y - 1;
}
