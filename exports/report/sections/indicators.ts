/**
 * 二、主要指标完成情况: one table with the target, the baseline year's own figure and each plan
 * year's figure, completion and the grade; then one sentence per indicator. Pure.
 */
import type { IndicatorAssessment } from "../../../assessment/types.ts";
import { targetText, unitLabel } from "../../format.ts";
import { col, type ReportContext, table, verdictLabel } from "../context.ts";
import { finalSentence, indicatorSentence } from "../sentences.ts";
import type { Block, Column, Row, Section, Table } from "../types.ts";

/** Headline indicators first, then the others, each in plan order. */
export const ordered = (xs: IndicatorAssessment[]) => [...xs.filter((a) => a.headline), ...xs.filter((a) => !a.headline)];

/** The year columns: the baseline year (its own figure, also for totals), then each plan year. */
export function yearColumns(ctx: ReportContext): { year: number; column: Column }[] {
  const { L, plan } = ctx;
  const out: { year: number; column: Column }[] = [];
  for (let y = plan.baseline_year; y <= plan.target_year; y++) {
    const label = y === plan.baseline_year ? L(`${y}年（基期）`, `${y} (baseline)`) : L(`${y}年`, String(y));
    out.push({ year: y, column: col(`y${y}`, label, "number") });
  }
  return out;
}

export function overviewTable(ctx: ReportContext): Table {
  const { L, lang } = ctx;
  const years = yearColumns(ctx);
  const columns: Column[] = [
    col("no", L("序号", "No."), "integer"),
    col("name", L("指标", "Indicator"), "text", true),
    col("unit", L("单位", "Unit"), "text"),
    col("target", L("目标", "Target"), "text"),
    ...years.map((y) => y.column),
    col("completion", L("完成程度", "Completion"), "percent"),
    col("verdict", ctx.final ? L("评价", "Grade") : L("评估结论", "Verdict"), "text"),
  ];
  const rows: Row[] = ordered(ctx.A.indicators).map((a, i) => {
    const byYear = new Map(a.series.map((p) => [p.year, p.value]));
    const v = ctx.verdictById.get(a.id);
    const row: Row = {
      no: i + 1,
      name: `${ctx.indName(a)}${a.headline ? "★" : ""}${a.measure === "cumulative" ? L("（累计）", " (total)") : ""}`,
      unit: unitLabel(a.unit, a.unit_en, lang),
      target: targetText(a.target.value, a.target.comparator, "", "", lang)
        .replace(/^CNY |^\s+/, "")
        .trim(),
      completion: ctx.final ? (v?.completion ?? null) : a.completion,
      verdict: verdictLabel(ctx, a),
    };
    for (const y of years) row[y.column.key] = byYear.get(y.year) ?? null;
    return row;
  });
  return table(
    "overview",
    L("主要指标完成情况表", "Indicators: figures by year and completion"),
    columns,
    rows,
    L("计划没有量化指标。", "The plan has no indicators."),
  );
}

export function indicatorsSection(ctx: ReportContext): Section {
  const { L, plan, lang } = ctx;
  const sentences = ordered(ctx.A.indicators).map((a) => {
    const v = ctx.verdictById.get(a.id);
    return ctx.final && v ? finalSentence(a, v, plan, lang) : indicatorSentence(a, plan, ctx.Y, lang);
  });
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: L(
        `下表列出各项指标${plan.baseline_year}年（基期）至${plan.target_year}年的数值、完成程度和评价（★为主要指标；累计指标各年为当年值，完成程度按计划期累计计算）。`,
        `Each indicator's figures from ${plan.baseline_year} (baseline) to ${plan.target_year}, its completion and grade (★ headline indicator; for totals, each year shows that year's own amount and completion uses the total over the plan years).`,
      ),
    },
    { kind: "table", table: overviewTable(ctx) },
    { kind: "list", items: sentences },
    ...ordered(ctx.A.indicators)
      .filter((a) => a.headline)
      .map((a): Block => ({ kind: "chart", id: a.id })),
  ];
  return { id: "indicators", part: "body", title: L("二、主要指标完成情况", "2. Indicators"), blocks };
}
