/**
 * 四、存在问题 and 五、下一步工作建议: drafted from the data (indicators short of their target and by
 * how much, indicators with no target-year figure, data-quality issues), marked as drafts for the
 * evaluator to edit. Pure.
 */
import type { IndicatorAssessment } from "../../../assessment/types.ts";
import { gapText, percent } from "../../format.ts";
import type { ReportContext } from "../context.ts";
import type { Block, Section } from "../types.ts";

const short = (ctx: ReportContext): IndicatorAssessment[] =>
  ctx.A.indicators.filter((a) => {
    const g = ctx.verdictById.get(a.id)?.grade;
    return ctx.final
      ? g === "not_completed" || g === "basically_completed"
      : ["missed", "off_track", "regressing", "needs_acceleration"].includes(a.status);
  });
const noData = (ctx: ReportContext) => ctx.A.indicators.filter((a) => ctx.verdictById.get(a.id)?.grade === "no_data");

function leadOf(ctx: ReportContext, a: IndicatorAssessment): string {
  const t = ctx.A.final.tasks.find((x) => a.tasks.includes(x.id));
  return t?.lead.map(ctx.unitName).join(ctx.L("、", ", ")) || ctx.L("牵头单位", "the lead unit");
}

/** "市经信局20个、市农发局3个": counts per unit, most first. */
function byUnit<T>(xs: T[], unit: (x: T) => string, say: (u: string, n: number) => string, sep: string): string {
  const counts = new Map<string, number>();
  for (const x of xs) counts.set(unit(x), (counts.get(unit(x)) ?? 0) + 1);
  return [...counts]
    .sort((a, b) => b[1] - a[1])
    .map(([u, n]) => say(u, n))
    .join(sep);
}

export function problemItems(ctx: ReportContext): string[] {
  const { L, lang } = ctx;
  const items = short(ctx).map((a) => {
    const v = ctx.verdictById.get(a.id);
    const gap = v?.gap ?? a.gap;
    const g = gap !== null && gap > 0 ? L(`，${gapText(gap, a.unit, a.unit_en, lang)}`, `, ${gapText(gap, a.unit, a.unit_en, lang)}`) : "";
    const c = (ctx.final ? v?.completion : a.completion) ?? null;
    return L(
      `${ctx.indName(a)}完成目标的${percent(c)}${g}，未达到计划目标。`,
      `${ctx.indName(a)} reached ${percent(c)} of its target${g}.`,
    );
  });
  const nd = noData(ctx);
  if (ctx.final && nd.length)
    items.push(
      L(
        `${nd.map(ctx.indName).join("、")}等${nd.length}项指标缺少${ctx.plan.target_year}年数据，无法作出终期结论（所需数据见附件2）。`,
        `${nd.length} indicator(s) lack a ${ctx.plan.target_year} figure, so no final verdict is possible: ${nd.map(ctx.indName).join(", ")} (the figures needed are listed in Annex 2).`,
      ),
    );
  const overdue = ctx.input.tasks?.overdue ?? [];
  if (overdue.length)
    items.push(
      L(
        `${overdue.length}个里程碑逾期未完成（${byUnit(
          overdue,
          (o) => o.unit_zh,
          (u, n) => `${u}${n}个`,
          "、",
        )}），明细见第三部分各任务。`,
        `${overdue.length} milestone(s) overdue (${byUnit(
          overdue,
          (o) => o.unit,
          (u, n) => `${u} ${n}`,
          ", ",
        )}); see each task in part 3.`,
      ),
    );
  if (ctx.input.rejected.length)
    items.push(
      L(
        `报送数据中有${ctx.input.rejected.length}行未能采用（格式或数值有误，见附件2），数据报送质量有待提高。`,
        `${ctx.input.rejected.length} submitted row(s) could not be used (format or value errors, see Annex 2).`,
      ),
    );
  return items.length
    ? items
    : [L("【数据未显示明显问题，请评估人员结合工作情况补充】", "[the data show no clear problem; the evaluator adds what the work shows]")];
}

export function suggestionItems(ctx: ReportContext): string[] {
  const { L, lang } = ctx;
  const items = short(ctx).map((a) => {
    const gap = ctx.verdictById.get(a.id)?.gap ?? a.gap;
    const g =
      gap !== null && gap > 0 ? L(`（${gapText(gap, a.unit, a.unit_en, lang)}）`, ` (${gapText(gap, a.unit, a.unit_en, lang)})`) : "";
    return L(
      `由${leadOf(ctx, a)}牵头，分析${ctx.indName(a)}未达目标${g}的原因，提出补救措施，并纳入下一阶段规划统筹推进。`,
      `${leadOf(ctx, a)} to analyse why ${ctx.indName(a)} fell short${g}, propose remedies and carry them into the next plan.`,
    );
  });
  const nd = noData(ctx);
  if (ctx.final && nd.length)
    items.push(
      L(
        `请${[...new Set(nd.map((a) => leadOf(ctx, a)))].join("、")}尽快报送${nd.map(ctx.indName).join("、")}的${ctx.plan.target_year}年数据，据此补充终期结论。`,
        `${[...new Set(nd.map((a) => leadOf(ctx, a)))].join(", ")} to submit the ${ctx.plan.target_year} figures for ${nd.map(ctx.indName).join(", ")}, so the final verdicts can be completed.`,
      ),
    );
  const overdue = ctx.input.tasks?.overdue ?? [];
  if (overdue.length)
    items.push(
      L(
        `请${[...new Set(overdue.map((o) => o.unit_zh))].join("、")}说明逾期里程碑的原因和完成时限，并报送佐证材料。`,
        `${[...new Set(overdue.map((o) => o.unit))].join(", ")} to explain the overdue milestones, give a completion date and submit evidence.`,
      ),
    );
  if (ctx.input.rejected.length)
    items.push(
      L("规范数据报送格式和口径，建立数据审核机制。", "Standardise data submission formats and definitions, and check submissions."),
    );
  items.push(L("【请评估人员补充其他建议】", "[the evaluator adds further recommendations]"));
  return items;
}

const draftNote = (ctx: ReportContext): Block => ({
  kind: "paragraph",
  style: "draft",
  text: ctx.L(
    "（本部分由系统根据数据起草，请评估人员核实、修改后定稿。）",
    "(Drafted from the data: the evaluator checks and edits this section before it is final.)",
  ),
});

export function problemsSection(ctx: ReportContext): Section {
  return {
    id: "problems",
    part: "body",
    draft: true,
    title: ctx.L("四、存在问题", "4. Problems"),
    blocks: [draftNote(ctx), { kind: "list", style: "draft", items: problemItems(ctx) }],
  };
}

export function suggestionsSection(ctx: ReportContext): Section {
  return {
    id: "suggestions",
    part: "body",
    draft: true,
    title: ctx.L("五、下一步工作建议", "5. Recommendations"),
    blocks: [draftNote(ctx), { kind: "list", style: "draft", items: suggestionItems(ctx) }],
  };
}
