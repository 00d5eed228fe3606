/**
 * The cover: title, document number, 编制单位, 数据截至, report date, draft/final mark and the
 * synthetic-data warning. Pure.
 */
import type { ReportContext } from "../context.ts";
import type { Cover } from "../types.ts";

/** YYYY-MM-DD in the machine's local time. */
export const isoDay = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;

/** 数据截至: the as-of date; else the latest publication date among the figures used; else the assessment year's end. */
export function dataAsOf(ctx: ReportContext): string {
  if (ctx.A.as_of) return ctx.A.as_of;
  const dates = ctx.vintages.filter((v) => v.used && v.year <= ctx.Y && v.published).map((v) => (v.published as string).slice(0, 10));
  return dates.length ? dates.sort()[dates.length - 1] : `${ctx.Y}-12-31`;
}

export function reportTitle(ctx: ReportContext): string {
  const { L, plan } = ctx;
  return ctx.final
    ? L(`${plan.title.zh}终期评估报告`, `End-of-plan evaluation: ${plan.title.en}`)
    : L(`${plan.title.zh}中期评估报告`, `Mid-term evaluation: ${plan.title.en}`);
}

export function synthWarning(ctx: ReportContext): string | null {
  return ctx.synthetic
    ? ctx.L(
        "注意：本报告使用的数据含合成示例数据（演示用，虚构，非官方统计），结论不代表实际情况。",
        "Note: this report uses synthetic demonstration data (invented, not official statistics); its verdicts do not describe reality.",
      )
    : null;
}

export function buildCover(ctx: ReportContext): Cover {
  const { L, plan, input } = ctx;
  const date = isoDay(input.generatedAt ?? new Date());
  const author = input.author?.trim() || (plan.issuer ? L(plan.issuer.zh, plan.issuer.en) : L(`${plan.region.zh}人民政府`, plan.region.en));
  const draft = !input.release;
  const mark = draft ? L("征求意见稿", "Draft for comment") : L("定稿", "Final");
  const asOf = dataAsOf(ctx);
  const document = input.number?.trim() || "";
  const fields = [
    ...(document ? [{ label: L("文号", "Number"), value: document }] : []),
    {
      label: L("评估对象", "Plan evaluated"),
      value: `${L(`《${plan.title.zh}》`, plan.title.en)}（${plan.document}）`.replace(/（(.*)）$/, ctx.lang === "zh" ? "（$1）" : " ($1)"),
    },
    { label: L("编制单位", "Prepared by"), value: author },
    { label: L("数据截至", "Data as of"), value: asOf },
    { label: L("报告日期", "Date"), value: date },
    {
      label: L("评估类型", "Kind"),
      value: ctx.final
        ? L(`终期评估（评估年份${ctx.Y}年）`, `end-of-plan (assessed at ${ctx.Y})`)
        : L(`中期评估（评估年份${ctx.Y}年）`, `mid-term (assessed at ${ctx.Y})`),
    },
    { label: L("稿本", "Status"), value: mark },
  ];
  const usedSources = [...new Set(ctx.vintages.filter((v) => v.used && v.source).map((v) => v.source as string))].sort();
  return {
    title: reportTitle(ctx),
    document,
    author,
    as_of: asOf,
    date,
    mark,
    draft,
    fields,
    sources: usedSources,
    files: input.files.map((f) => f.name),
  };
}
