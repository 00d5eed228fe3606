/**
 * 一、总体完成情况: a short drafted paragraph on the grades (final) or the trends (interim), and the
 * counts table. Pure.
 *
 * @example
 *   overallSection(ctx).blocks[0]; // {kind: "paragraph", text: "《…》确定了13项量化指标…", style: "draft"}
 */
import { GRADE_ORDER, type Grade } from "../../../assessment/final.ts";
import type { IndicatorAssessment, Status } from "../../../assessment/types.ts";
import { joinList } from "../../format.ts";
import { col, gradeLabel, type ReportContext, statusLabel, table } from "../context.ts";
import type { Block, Row, Section, Table } from "../types.ts";

export const STATUS_COUNT_ORDER: Status[] = [
  "achieved",
  "on_track",
  "needs_acceleration",
  "off_track",
  "regressing",
  "missed",
  "insufficient_data",
];

/** "超额完成2项（A、B），完成3项（…）" for the grades that occur. */
function gradeSentence(ctx: ReportContext, xs: IndicatorAssessment[]): string {
  const { L } = ctx;
  const by = new Map<Grade, IndicatorAssessment[]>();
  for (const a of xs) {
    const g = ctx.verdictById.get(a.id)?.grade ?? "no_data";
    by.set(g, [...(by.get(g) ?? []), a]);
  }
  return GRADE_ORDER.filter((g) => by.has(g))
    .map((g) => {
      const list = joinList(by.get(g)!.map(ctx.indName), ctx.lang);
      const n = by.get(g)!.length;
      if (g === "no_data")
        return L(
          `${n}项缺少目标年数据、暂无法作出终期结论（${list}）`,
          `${n} without a target-year figure, so no final verdict yet (${list})`,
        );
      return L(`${gradeLabel(ctx, g)}${n}项（${list}）`, `${n} ${gradeLabel(ctx, g).toLowerCase()} (${list})`);
    })
    .join(L("，", "; "));
}

function statusSentence(ctx: ReportContext, xs: IndicatorAssessment[]): string {
  const { L } = ctx;
  return STATUS_COUNT_ORDER.map((s) => [s, xs.filter((a) => a.status === s)] as const)
    .filter(([, list]) => list.length)
    .map(([s, list]) =>
      L(
        `${statusLabel(ctx, s)}${list.length}项（${joinList(list.map(ctx.indName), ctx.lang)}）`,
        `${list.length} ${statusLabel(ctx, s).toLowerCase()} (${joinList(list.map(ctx.indName), ctx.lang)})`,
      ),
    )
    .join(L("，", "; "));
}

export function countsTable(ctx: ReportContext): Table {
  const { L, A } = ctx;
  const columns = [
    col("verdict", L("评价", "Verdict"), "text"),
    col("headline", L("主要指标", "Headline"), "integer"),
    col("all", L("全部指标", "All indicators"), "integer"),
  ];
  const rows: Row[] = ctx.final
    ? GRADE_ORDER.map((g) => ({ verdict: gradeLabel(ctx, g), headline: A.final.counts.headline[g], all: A.final.counts.all[g] }))
    : STATUS_COUNT_ORDER.map((s) => ({ verdict: statusLabel(ctx, s), headline: A.summary.headline[s], all: A.summary.all[s] }));
  rows.push({ verdict: L("合计", "Total"), headline: A.summary.headline.total, all: A.summary.all.total });
  return table(
    "counts",
    ctx.final ? L("指标终期评价统计", "Indicators by final grade") : L("指标评估结论统计", "Indicators by verdict"),
    columns,
    rows,
    "",
  );
}

export function overallParagraphs(ctx: ReportContext): string[] {
  const { L, plan, A } = ctx;
  const heads = A.indicators.filter((a) => a.headline);
  const qualitative = A.tasks.filter((t) => t.indicators.length === 0).length;
  const out = [
    L(
      `《${plan.title.zh}》（${plan.document}）确定了${A.indicators.length}项量化指标（其中主要指标${heads.length}项）和${A.tasks.length}项重点任务，计划期为${plan.start_year}-${plan.target_year}年，基期为${plan.baseline_year}年。`,
      `${plan.title.en} (${plan.document}) sets ${A.indicators.length} quantitative indicators (${heads.length} of them headline indicators) and ${A.tasks.length} tasks for ${plan.start_year}-${plan.target_year}, against a ${plan.baseline_year} baseline.`,
    ),
  ];
  if (ctx.final) {
    out.push(
      L(
        `从指标看，${A.indicators.length}项指标中，${gradeSentence(ctx, A.indicators)}。`,
        `Of the ${A.indicators.length} indicators: ${gradeSentence(ctx, A.indicators)}.`,
      ),
    );
    if (heads.length)
      out.push(
        L(
          `其中主要指标${heads.length}项：${gradeSentence(ctx, heads)}。`,
          `Headline indicators (${heads.length}): ${gradeSentence(ctx, heads)}.`,
        ),
      );
    const graded = A.final.tasks.filter((t) => t.indicators.length > 0);
    const by = GRADE_ORDER.map((g) => [g, graded.filter((t) => t.grade === g).length] as const).filter(([, n]) => n > 0);
    out.push(
      L(
        `从重点任务看，有量化指标的${graded.length}项任务中，${by.map(([g, n]) => (g === "no_data" ? `${n}项缺少目标年数据` : `${gradeLabel(ctx, g)}${n}项`)).join("，")}；另有${qualitative}项任务没有量化指标，其完成情况依据工作进展和佐证材料评价。`,
        `Of the ${graded.length} tasks with quantitative indicators: ${by.map(([g, n]) => (g === "no_data" ? `${n} without target-year figures` : `${n} ${gradeLabel(ctx, g).toLowerCase()}`)).join(", ")}; ${qualitative} more have no indicator and are judged from progress reports and evidence.`,
      ),
    );
  } else {
    out.push(
      L(
        `截至评估年份${A.year}年，${A.indicators.length}项指标中，${statusSentence(ctx, A.indicators)}。`,
        `At ${A.year}, of the ${A.indicators.length} indicators: ${statusSentence(ctx, A.indicators)}.`,
      ),
    );
  }
  return out;
}

export function overallSection(ctx: ReportContext): Section {
  const { L } = ctx;
  const blocks: Block[] = [
    ...overallParagraphs(ctx).map((text): Block => ({ kind: "paragraph", text, style: "draft" })),
    {
      kind: "paragraph",
      style: "draft",
      text: L(
        "总体评价：【请评估人员根据以上情况和佐证材料写出总体结论】",
        "Overall judgement: [the evaluator writes the overall conclusion from the above and the evidence]",
      ),
    },
    { kind: "table", table: countsTable(ctx) },
  ];
  return { id: "overall", part: "body", draft: true, title: L("一、总体完成情况", "1. Overall"), blocks };
}
