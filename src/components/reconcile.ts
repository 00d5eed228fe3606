/**
 * The reconciliation of derived (record) figures with reported ones, per indicator and year: the
 * table on the data-quality and drill-down pages, with its sentence and CSV download. The rows
 * come from records-drilldown.json and records-reconciliation.json (warehouse/records-analysis.ts `reconcile`: covered years only).
 */
import type { ReconciliationRow } from "../../warehouse/records-analysis.ts";
import { csvDownload, peopleCsvRow } from "./csv.js";
import { h } from "./dom.js";
import { formatNumber, formatPercent, formatSignedPercent, type Lang, pick } from "./i18n.js";
import { sortableTable } from "./table.js";

/** One sentence: how many indicator-years were compared and how many differ beyond the tolerance. */
export function reconciliationSentence(rows: ReconciliationRow[], tolerance: number, lang: Lang): HTMLElement {
  const flagged = rows.filter((r) => r.flagged).length;
  return h(
    "p",
    { class: "pm-sentence", "data-reconciliation-summary": "" },
    lang === "zh"
      ? `有上报数也有明细汇总数的共 ${rows.length} 项（指标×年份，只比较明细记录已覆盖到12月31日的年份），差异超过 ${formatPercent(tolerance, lang)} 的 ${flagged} 项。没有上报数的年份，评估使用明细汇总数，并注明“由明细记录汇总”。`
      : `${rows.length} indicator-years have both a reported and a derived figure (only years the records cover to 31 December are compared); ${flagged} ${flagged === 1 ? "differs" : "differ"} by more than ${formatPercent(tolerance, lang)}. Where no figure is reported, the assessment uses the derived one and says so.`,
  );
}

/** The table: reported, derived, difference, relative difference, unit, records, flagged beyond the tolerance. */
export function reconciliationTable(rows: ReconciliationRow[], lang: Lang): HTMLElement {
  const zh = lang === "zh";
  return sortableTable(rows, {
    sort: { key: "flagged", direction: -1 },
    empty: zh ? "没有可核对的数据" : "Nothing to reconcile",
    columns: [
      { key: "indicator", label: zh ? "指标" : "Indicator", value: (r) => pick(r, lang) },
      { key: "year", label: zh ? "年份" : "Year", value: (r) => r.year, align: "right", nowrap: true },
      {
        key: "reported",
        label: zh ? "上报" : "Reported",
        value: (r) => r.reported,
        format: (r) => formatNumber(r.reported, lang),
        align: "right",
      },
      {
        key: "derived",
        label: zh ? "明细汇总" : "Derived",
        value: (r) => r.derived,
        format: (r) => formatNumber(r.derived, lang),
        align: "right",
      },
      {
        key: "difference",
        label: zh ? "差额" : "Difference",
        value: (r) => r.difference,
        format: (r) => formatNumber(r.difference, lang),
        align: "right",
      },
      {
        key: "relative",
        label: zh ? "差异率" : "Relative",
        value: (r) => r.relative,
        format: (r) => formatSignedPercent(r.relative, lang),
        align: "right",
      },
      { key: "unit", label: zh ? "单位" : "Unit", value: (r) => (zh ? r.unit : r.unit_en) },
      { key: "records", label: zh ? "记录数" : "Records", value: (r) => r.records, align: "right" },
      {
        key: "flagged",
        label: zh ? "核对" : "Check",
        value: (r) => (r.flagged ? 1 : 0),
        format: (r) => (r.flagged ? h("strong", { class: "pm-flag", "data-flagged": "" }, zh ? "✗ 超出容差" : "✗ above tolerance") : "✓"),
        nowrap: true,
      },
    ],
  });
}

/** The CSV download of the reconciliation: Chinese headers and values on a Chinese page (peopleCsvRow). */
export function reconciliationCsv(rows: ReconciliationRow[], lang: Lang): HTMLElement {
  const zh = lang === "zh";
  return csvDownload(
    rows.map((r) =>
      peopleCsvRow(
        {
          indicator: r.indicator_id,
          indicator_name: pick(r, lang),
          year: r.year,
          unit: zh ? r.unit : r.unit_en,
          reported: r.reported,
          derived: r.derived,
          difference: r.difference,
          relative_rate: r.relative,
          records: r.records,
          flagged: r.flagged ? "yes" : "no",
        },
        lang,
      ),
    ),
    { filename: "records-reconciliation.csv", label: zh ? "下载核对表CSV" : "Download the reconciliation CSV" },
  );
}
