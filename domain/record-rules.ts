/**
 * The rules for record cells that both the JS validation (loaders/records/validate.ts) and the SQL
 * path (warehouse/records-sql.ts) apply: the reason texts, the GB 32100-2015 credit-code check, the
 * characters trimmed from cells, how a cell is compared as a label. Pure.
 *
 * @example
 *   isValidCreditCode("91210281MA0QC1234X"); // false (bad check digit)
 *   cellLabel("（技术开发）");                // "技术开发"
 */
import { CONTRACT_TYPE_EN, type KindMatch, LISTS } from "./records.ts";

// Reasons. `{value}` and `{column}` are filled in; the SQL path uses the same templates.

export const REASON_TEMPLATES: Record<string, { zh: string; en: string }> = {
  MISSING_VALUE: {
    zh: "「{column}」为空：这一列必须填写。",
    en: '"{column}" is empty: this column must be filled in.',
  },
  BAD_CREDIT_CODE: {
    zh: "统一社会信用代码「{value}」无效：应为18位（数字和大写字母，不含I、O、Z、S、V），且末位校验码须符合GB 32100-2015。请核对营业执照。",
    en: 'credit code "{value}" is invalid: it must be 18 characters (digits and capitals except I, O, Z, S, V) whose last character is the GB 32100-2015 check digit. Check the business licence.',
  },
  BAD_DATE: {
    zh: "「{column}」的日期「{value}」无法识别：请写作 YYYY-MM-DD（如 2019-06-01），须为1949-2100年间的真实日期。",
    en: '"{column}": date "{value}" is not understood: write YYYY-MM-DD (e.g. 2019-06-01), a real day between 1949 and 2100.',
  },
  BAD_NUMBER: {
    zh: "「{column}」的数值「{value}」不是数字：请只填阿拉伯数字（可带千分位逗号），单位写在表头或单位列。",
    en: '"{column}": "{value}" is not a number: write digits only (thousands commas are fine); put the unit in the header or the unit column.',
  },
  NEGATIVE_AMOUNT: {
    zh: "「{column}」为负数「{value}」：金额和数量不能为负。",
    en: '"{column}" is negative ("{value}"): amounts and quantities cannot be negative.',
  },
  BAD_YEAR: {
    zh: "年份「{value}」无效：请写四位年份（1949-2100），如 2019。",
    en: 'year "{value}" is invalid: write a four-digit year between 1949 and 2100, e.g. 2019.',
  },
  BAD_REGION: {
    zh: "区划代码「{value}」无效：应为6位数字的行政区划代码，如 210281。",
    en: 'region code "{value}" is invalid: write the six-digit administrative division code, e.g. 210281.',
  },
  BAD_CONTRACT_TYPE: {
    zh: "合同类型「{value}」无法识别：应为技术开发、技术转让、技术许可、技术咨询或技术服务。",
    en: `contract type "{value}" is not known: use ${Object.entries(CONTRACT_TYPE_EN)
      .map(([zh, en]) => `${zh} (${en.toLowerCase()})`)
      .join(", ")
      .replace(/, ([^,]+)$/, " or $1")}.`,
  },
  UNKNOWN_LIST: {
    zh: `名录类别「{value}」无法识别：可用的类别有 ${LISTS.map((l) => l.zh).join("、")}。`,
    en: `list "{value}" is not known: the lists are ${LISTS.map((l) => `${l.zh} (${l.en})`).join(", ")}.`,
  },
  BAD_UNIT: {
    zh: "单位「{value}」无法识别：金额用 元、千元、万元、百万元、亿元，放流数量用 尾、万尾、亿尾。",
    en: 'unit "{value}" is not known: amounts take 元 (yuan), 千元 (1,000 yuan), 万元 (10,000 yuan), 百万元 (1 million yuan) or 亿元 (100 million yuan); fry quantities take 尾 (fry), 万尾 (10,000 fry) or 亿尾 (100 million fry). Write the Chinese unit.',
  },
  TRANSACTION_ABOVE_CONTRACT: {
    zh: "技术交易额「{value}」大于合同金额：技术交易额是合同金额中的技术部分，不能超过合同金额。",
    en: 'technology-transaction value "{value}" exceeds the contract value: it is the technology part of the contract and cannot be larger.',
  },
  BAD_DATE_ORDER: {
    zh: "终止日期「{value}」早于开始日期：请核对两个日期。",
    en: 'end date "{value}" is before the start date: check both dates.',
  },
  DUPLICATE_CONFLICT: {
    zh: "「{value}」在本文件中出现多次且内容不同（{column}重复）：无法判断哪一行正确，这些行都未导入。请删去错误的行后重新导入。",
    en: '"{value}" appears more than once in this file with different contents (duplicate {column}): none of these rows was taken. Remove the wrong rows and ingest the file again.',
  },
};

/** GB 32100-2015 character set (no I, O, Z, S, V) and weights 3^i mod 31. */
export const CREDIT_CODE_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY";
export const CREDIT_CODE_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];

/** The check character for the first 17 characters of a credit code, or null if one is not allowed. */
export function creditCodeCheckChar(first17: string): string | null {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARS.indexOf(first17[i]);
    if (v < 0) return null;
    sum += v * CREDIT_CODE_WEIGHTS[i];
  }
  const check = (31 - (sum % 31)) % 31;
  return CREDIT_CODE_CHARS[check];
}

/** Whether a (trimmed, upper-cased) unified social credit code is valid (GB 32100-2015). */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{18}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

export const TRIM_CHARS = " \t\r\n\u3000\u00a0\ufeff";
/** Characters ignored when a cell names a contract type or a list. */
export const LABEL_STRIP = /[ \t\r\n\u3000()（）[\]【】*＊:：]/g;

/** A cell compared as a label (contract type, list): lower case, no spaces or brackets. Same as SQL pm_label. */
export function cellLabel(text: string): string {
  return text.replace(LABEL_STRIP, "").toLowerCase();
}

/** The unit factor a file states in a column header, if any (amount or quantity column). */
export function headerUnit(match: KindMatch): string | null {
  return match.columns.find((c) => (c.field.type === "amount" || c.field.type === "quantity") && c.unit)?.unit ?? null;
}
