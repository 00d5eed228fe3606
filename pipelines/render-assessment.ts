/**
 * A PlanAssessment as text: a terminal table (CJK-aware column widths, optional ANSI colour) and
 * CSV (RFC 4180, safe to open in a spreadsheet). Rounding happens here, never in the engine.
 *
 * @example
 *   process.stdout.write(renderAssessmentTable(assessment, "zh", { color: process.stdout.isTTY }));
 *   writeFileSync("assessment.csv", assessmentToCsv(assessment, "en"));
 */
import { finalSummary, GRADE_SHORT, GRADE_STYLE } from "../assessment/final.ts";
import type { IndicatorAssessment, PlanAssessment, Status } from "../assessment/types.ts";
import { CN_LABELS, STATUS_LABELS } from "../assessment/labels.ts";
import { comparatorSymbol, formatDate, formatPercent, formatValue } from "../lib/format.ts";
import type { Lang } from "../lib/lang.ts";
import { VINTAGE_LABELS } from "../domain/observation.ts";
import { csvField, displayWidth, pad, truncate } from "./output.ts";

export type { Lang } from "../lib/lang.ts";

export { displayWidth, stripAnsi, truncate } from "./output.ts";

const COLOURS: Record<Status, string> = {
  achieved: "32",
  on_track: "32",
  needs_acceleration: "33",
  off_track: "31",
  regressing: "1;31",
  missed: "35",
  insufficient_data: "90",
};

const paint = (s: string, code: string, on: boolean): string => (on ? `\u001b[${code}m${s}\u001b[0m` : s);

const HEAD: Record<Lang, string[]> = {
  zh: ["指标", "最新值", "目标", "完成率", "进度/序时", "状态"],
  en: ["Indicator", "Latest", "Target", "Completion", "Progress / time", "Status"],
};

function unitOf(a: IndicatorAssessment, lang: Lang): string {
  return lang === "zh" ? a.unit : a.unit_en || a.unit;
}

function latestCell(a: IndicatorAssessment, lang: Lang): string {
  if (!a.latest) return "—";
  const total = a.measure === "cumulative" ? (lang === "zh" ? "累计" : " total") : "";
  const prelim = a.latest.status === "preliminary" ? (lang === "zh" ? "（初步）" : " (prelim.)") : "";
  const value = formatValue(a.latest.value, a.unit, lang, { unit_en: a.unit_en });
  return lang === "zh" ? `${a.latest.year}年${total}：${value}${prelim}` : `${a.latest.year}${total}: ${value}${prelim}`;
}

function targetCell(a: IndicatorAssessment, lang: Lang): string {
  const value = formatValue(a.target.value, a.unit, lang, { unit_en: a.unit_en });
  return lang === "zh"
    ? `${comparatorSymbol(a.target.comparator)} ${value}（${a.target.year}年）`
    : `${comparatorSymbol(a.target.comparator)} ${value} (${a.target.year})`;
}

/**
 * A readable table of the indicators, then the summary sentence. `color` adds ANSI colours to the
 * status words; widths allow for Chinese characters taking two columns.
 */
export function renderAssessmentTable(a: PlanAssessment, lang: Lang, opts: { color: boolean }): string {
  // An end-of-plan assessment shows each indicator's final grade, as the dashboard and the report do.
  const final = a.mode === "final" && a.final ? a.final : null;
  const grade = (id: string) => final?.indicators.find((v) => v.id === id)?.grade ?? null;
  const rows = a.indicators.map((ind) => [
    truncate(`${ind.headline ? "★ " : ""}${lang === "zh" ? ind.zh : ind.en}`, 44),
    latestCell(ind, lang),
    targetCell(ind, lang),
    formatPercent(ind.completion),
    `${formatPercent(ind.progress)} / ${formatPercent(ind.time_elapsed)}`,
    grade(ind.id) ? GRADE_SHORT[grade(ind.id)!][lang] : STATUS_LABELS[ind.status][lang],
  ]);
  const head = final ? [...HEAD[lang].slice(0, 5), lang === "zh" ? "终期评价" : "Final grade"] : HEAD[lang];
  const widths = head.map((h, i) => Math.max(displayWidth(h), ...rows.map((r) => displayWidth(r[i]))));
  const align = (i: number): "left" | "right" => (i === 3 || i === 4 ? "right" : "left");
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i], align(i)))
      .join("  ")
      .trimEnd();

  const title = lang === "zh" ? a.plan.title.zh : a.plan.title.en;
  const asOf = a.as_of ? (lang === "zh" ? `，截至${formatDate(a.as_of, "zh")}公布的数据` : `, data published by ${a.as_of}`) : "";
  const sub =
    lang === "zh"
      ? `评估年份：${a.year}年（序时进度${formatPercent(a.time_elapsed)}${asOf}）`
      : `Assessed for ${a.year} (time elapsed ${formatPercent(a.time_elapsed)}${asOf})`;
  const out = [title, sub, "", line(head), widths.map((w) => "─".repeat(w)).join("  ")];
  a.indicators.forEach((ind, r) => {
    const cells = rows[r].map((c, i) => pad(c, widths[i], align(i)));
    const g = grade(ind.id);
    cells[5] = paint(cells[5].trimEnd(), COLOURS[g ? GRADE_STYLE[g] : ind.status], opts.color);
    out.push(cells.join("  ").trimEnd());
  });
  out.push("", final ? finalSummary({ indicators: a.indicators, final })[lang] : a.summary.sentence[lang]);
  return `${out.join("\n")}\n`;
}

const CSV_HEAD: Record<Lang, string[]> = {
  zh: [
    "id",
    "指标",
    "单位",
    "主要指标",
    "统计口径",
    "基期年",
    "基期值",
    "最新年份",
    "最新值",
    "数据版本",
    "目标年",
    "比较",
    "目标值",
    "实现程度",
    "任务进度",
    "序时进度",
    "差距",
    "增长比率",
    "预期进度",
    "状态",
    "序时评价",
  ],
  en: [
    "id",
    "indicator",
    "unit",
    "headline",
    "measure",
    "baseline_year",
    "baseline_value",
    "latest_year",
    "latest_value",
    "vintage",
    "target_year",
    "comparator",
    "target",
    "completion",
    "progress",
    "time_elapsed",
    "gap",
    "growth_ratio",
    "anticipated_progress",
    "status",
    "schedule",
  ],
};

const MEASURE: Record<Lang, Record<string, string>> = {
  zh: { level: "年度值", cumulative: "累计值" },
  en: { level: "level", cumulative: "cumulative" },
};

type Cell = string | number | boolean | null | undefined;

/** One CSV cell: numbers as numbers (12 significant digits), text quoted per RFC 4180 and defused against formula injection. */
export function csvCell(v: Cell): string {
  return csvField(typeof v === "number" && Number.isFinite(v) ? Number(v.toPrecision(12)) : v);
}

/** One row per indicator: a stable id column, then the main fields with headers in `lang`. CRLF line ends. */
export function assessmentToCsv(a: PlanAssessment, lang: Lang, opts: { bom?: boolean } = {}): string {
  const rows: Cell[][] = [CSV_HEAD[lang]];
  for (const ind of a.indicators) {
    rows.push([
      ind.id,
      lang === "zh" ? ind.zh : ind.en,
      unitOf(ind, lang),
      lang === "zh" ? (ind.headline ? "是" : "否") : ind.headline,
      MEASURE[lang][ind.measure],
      ind.baseline?.year,
      ind.baseline?.value,
      ind.latest?.year,
      ind.latest?.value,
      ind.latest ? VINTAGE_LABELS[ind.latest.status][lang] : null,
      ind.target.year,
      ind.target.comparator,
      ind.target.value,
      ind.completion,
      ind.progress,
      ind.time_elapsed,
      ind.gap,
      ind.growth_ratio,
      ind.anticipated_progress,
      STATUS_LABELS[ind.status][lang],
      ind.methods.cn.category ? CN_LABELS[ind.methods.cn.category][lang] : null,
    ]);
  }
  const text = rows.map((r) => r.map(csvCell).join(",")).join("\r\n") + "\r\n";
  return opts.bom ? `\ufeff${text}` : text;
}
