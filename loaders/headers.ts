/**
 * Header cell → field. Chinese or English, case-insensitive, ignoring spaces, full-/half-width
 * differences, `_ - : *` and a trailing unit in brackets ("数值（万元）" → value, unit 万元).
 * Year columns of a wide table: 2019, 2019年, 2019年度, 2019年实际/完成/完成值/末... Never throws.
 *
 * @example
 *   matchHeader("指标名称");     // { kind: "field", field: "indicator", unit: null }
 *   matchHeader("2019年度");     // { kind: "year", year: 2019, unit: null }
 *   matchHeader("数值（亿元）"); // { kind: "field", field: "value", unit: "亿元" }
 */
import { looksLikeUnit } from "./units.ts";

export type Field = "indicator" | "region" | "year" | "value" | "unit" | "status" | "source" | "published" | "note";

export const HEADER_ALIASES: Record<Field, string[]> = {
  indicator: [
    "指标",
    "指标名称",
    "指标名",
    "指标项",
    "指标代码",
    "指标id",
    "项目",
    "项目名称",
    "indicator",
    "indicatorname",
    "indicatorid",
    "indicator_id",
  ],
  region: ["地区", "区划代码", "行政区划", "行政区划代码", "地区代码", "地区名称", "区域", "region", "regioncode", "region_code", "area"],
  year: ["年份", "年度", "年", "统计年度", "统计年份", "报告期", "year"],
  value: ["数值", "值", "数据", "指标值", "实际值", "完成值", "value", "amount"],
  unit: ["单位", "计量单位", "unit", "units"],
  status: ["状态", "口径", "数据状态", "数据口径", "status", "vintage"],
  source: ["来源", "数据来源", "资料来源", "source"],
  published: ["发布日期", "发布时间", "公布日期", "公布时间", "published", "publishdate", "publishedat", "datepublished", "releasedate"],
  note: ["备注", "说明", "注", "note", "notes", "remark", "remarks", "comment"],
};

export const FIELDS = Object.keys(HEADER_ALIASES) as Field[];

export type HeaderMatch =
  | { kind: "field"; field: Field; unit: string | null }
  | { kind: "year"; year: number; unit: string | null }
  | { kind: "unknown" };

/** NFKC, lower-case, without spaces and `_ - : * ·`. */
export function normaliseHeader(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u00a0\u3000_\-:：*·.。]+/g, "");
}

const LOOKUP = new Map<string, Field>();
for (const field of FIELDS) for (const alias of HEADER_ALIASES[field]) LOOKUP.set(normaliseHeader(alias), field);

const YEAR_HEADER = /^(?:fy)?(\d{4})(?:年|年度|年末|年底|年实际|年实际值|年完成|年完成值|年实绩|年数据|年数值|年度数据)?$/;

export function matchHeader(input: unknown): HeaderMatch {
  try {
    if (input === null || input === undefined) return { kind: "unknown" };
    if (typeof input === "number") {
      return Number.isInteger(input) && input >= 1949 && input <= 2100 ? { kind: "year", year: input, unit: null } : { kind: "unknown" };
    }
    if (typeof input !== "string") return { kind: "unknown" };
    let s = normaliseHeader(input);
    if (s === "") return { kind: "unknown" };
    let unit: string | null = null;
    const paren = /^(.+?)[([{【〔]([^()[\]{}【】〔〕]*)[)\]}】〕]$/.exec(s);
    if (paren && (LOOKUP.has(paren[1]) || YEAR_HEADER.test(paren[1]))) {
      s = paren[1];
      const u = paren[2].replace(/^单位/, "");
      unit = looksLikeUnit(u) ? u : null;
    }
    const field = LOOKUP.get(s);
    if (field) return { kind: "field", field, unit };
    const y = YEAR_HEADER.exec(s);
    if (y) {
      const year = Number(y[1]);
      if (year >= 1949 && year <= 2100) return { kind: "year", year, unit };
    }
    return { kind: "unknown" };
  } catch {
    return { kind: "unknown" };
  }
}

/**
 * The year of a header that is shaped like a year column ("1601年", "2150") whatever the year, or
 * null. Lets a wide table reject an implausible year column by name instead of ignoring it.
 */
export function yearLikeHeader(input: unknown): number | null {
  try {
    if (typeof input === "number") return Number.isInteger(input) && input >= 1000 && input <= 9999 ? input : null;
    if (typeof input !== "string") return null;
    const s = normaliseHeader(input).replace(/[([{【〔][^()[\]{}【】〔〕]*[)\]}】〕]$/, "");
    const y = YEAR_HEADER.exec(s);
    return y && Number(y[1]) >= 1000 ? Number(y[1]) : null;
  } catch {
    return null;
  }
}

/** The headers a file needs, for "no header row found" messages. */
export function expectedHeaders(): { zh: string; en: string } {
  return {
    zh:
      "长表需要 指标（或 指标名称）、年份、数值 三列；宽表需要 指标 列和年份列（如 2018、2019年、2020年度）。" +
      "可选列：地区（或 区划代码）、单位、状态（初步/正式/修订）、来源、发布日期、备注",
    en:
      "a long table needs indicator, year and value columns; a wide table needs an indicator column and one column per year (2018, 2019年, 2020年度). " +
      "Optional: region, unit, status (preliminary/final/revised), source, published, note",
  };
}
