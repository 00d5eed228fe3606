/**
 * CSV downloads: the same CSV as the CLI and the exports (lib/csv.ts: UTF-8 with a BOM, RFC 4180,
 * the formula guard), offered as a download link.
 */
import { toCsv as csvText } from "../lib/csv.js";
import { formatNumber } from "../lib/format.js";
import { h } from "./dom.js";

export { guardCell } from "../lib/csv.js";

/** Rows (objects) to CSV text with lib/csv.ts's rule (CRLF line ends, BOM first, formula guard). */
export function toCsv(rows: Record<string, unknown>[], columns: string[] = rows.length ? Object.keys(rows[0]) : []): string {
  return csvText(
    columns,
    rows.map((row) => columns.map((c) => row[c])),
  );
}

/** A link that downloads the rows as a CSV file. */
export function csvDownload(
  rows: Record<string, unknown>[],
  { filename = "data.csv", label = "CSV", columns }: { filename?: string; label?: string; columns?: string[] } = {},
): HTMLElement {
  const blob = new Blob([toCsv(rows, columns)], { type: "text/csv;charset=utf-8" });
  return h("a", { class: "pm-download", download: filename, href: URL.createObjectURL(blob) }, label);
}

/** Chinese headers for the dashboard's CSV fields. */
const ZH_FIELDS: Record<string, string> = {
  indicator: "指标代码",
  indicator_name: "指标",
  region: "区划代码",
  town: "乡镇（街道）",
  sector: "行业",
  year: "年份",
  value: "数值",
  unit: "单位",
  status: "数据状态",
  current: "现行",
  published: "发布日期",
  source: "来源",
  note: "备注",
  file: "文件",
  row: "行",
  ingested_at: "导入时间",
  origin: "数据来源类型",
  share: "占比",
  growth: "增量",
  growth_rate: "增速",
  achieved: "已完成",
  remaining: "尚缺",
  gap_share: "占缺口",
  records: "记录数",
  reported: "上报数",
  derived: "明细汇总数",
  difference: "差额",
  relative_rate: "差异率",
  flagged: "超出容差",
  enterprise: "企业",
  credit_code: "统一社会信用代码",
  certificate_no: "证书编号",
  certified_on: "发证日期",
  lapses_on: "失效日期",
  state: "状态",
  certificates: "高企证书",
  high_tech_at_year_end: "年末高企",
  contracts: "技术合同数",
  turnover_wan_yuan: "技术交易额（万元）",
  rd_wan_yuan_by_year: "研发费用（万元，按年）",
  tech_sme_years: "科技型中小企业入库年份",
  record: "记录类型",
  id: "编号",
  date: "日期",
  until: "截止日期",
  amount_wan_yuan: "金额（万元）",
  detail: "说明",
};

const ZH_VALUES: Record<string, Record<string, string>> = {
  status: { final: "正式", preliminary: "初步", revised: "修订" },
  current: { yes: "是", no: "否" },
  flagged: { yes: "是", no: "否" },
  high_tech_at_year_end: { yes: "是", no: "否" },
  state: { lapsed: "已失效未续期", lapsing: "将到期" },
  record: { certificate: "高企证书", contract: "技术合同", rd: "研发费用" },
  origin: { reported: "上报数", derived: "由明细记录汇总" },
};

/** Shares and rates as people read them: at most 4 decimals (0.1234), no 17-digit tails. */
const roundShare = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Math.round(v * 1e4) / 1e4 : v);

/** Figures rounded as the page shows them (lib/format.ts formatNumber: 0.284399 -> 0.28). */
const AS_SHOWN = /^(value|growth|achieved|remaining|reported|derived|difference)$|_wan_yuan$/;
const roundShown = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? Number(formatNumber(v, "zh")) : v);

/**
 * A dashboard CSV row for people: on a Chinese page Chinese headers and values (正式/初步, 是/否),
 * in both languages timestamps to the second, shares to 4 decimals and figures rounded as shown.
 * English keeps the field names.
 */
export function peopleCsvRow(row: Record<string, unknown>, lang: "zh" | "en"): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, raw] of Object.entries(row)) {
    let v = raw;
    if (key === "ingested_at" && typeof v === "string") v = v.replace("T", " ").slice(0, 19);
    if (/share|rate$/.test(key)) v = roundShare(v);
    else if (AS_SHOWN.test(key)) v = roundShown(v);
    if (lang === "zh" && typeof v === "string" && ZH_VALUES[key]?.[v]) v = ZH_VALUES[key][v];
    out[lang === "zh" ? (ZH_FIELDS[key] ?? key) : key] = v;
  }
  return out;
}
