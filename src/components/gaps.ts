/** The planners' table: every indicator's numbers, and the filters by status, task group and unit. */
import type { IndicatorAssessment, PlanAssessment, Status } from "../../assessment/types.ts";
import { indicatorHref } from "./cards.js";
import { h } from "./dom.js";
import { comparatorSymbol, formatPercent, formatValue, formatYear, type Lang, pick } from "./i18n.js";
import { verdictBadge, verdictOf } from "./verdict.js";
import type { Column } from "./table.js";
import { t } from "./ui.js";

export interface GapFilter {
  /** A status, or in an end-of-plan assessment a final grade (verdict.ts). */
  status?: Status | string;
  group?: string;
  unit?: string;
}

/** Task groups and responsible units an indicator belongs to: the engine's roll-up (assessment/rollup.ts). */
export function indicatorLinks(
  a: Pick<PlanAssessment, "tasks" | "groups" | "units">,
  ind: Pick<IndicatorAssessment, "id">,
): { groups: number[]; units: string[]; tasks: number[] } {
  return {
    tasks: a.tasks.filter((task) => task.indicators.includes(ind.id)).map((task) => task.id),
    groups: a.groups.filter((g) => g.indicators.includes(ind.id)).map((g) => g.id),
    units: a.units.filter((u) => u.indicators.includes(ind.id)).map((u) => u.id),
  };
}

export function filterIndicators(
  a: Pick<PlanAssessment, "tasks" | "groups" | "units" | "indicators"> & Partial<Pick<PlanAssessment, "mode" | "final">>,
  filter: GapFilter,
): IndicatorAssessment[] {
  return a.indicators.filter((ind) => {
    if (filter.status && verdictOf(a, ind).key !== filter.status) return false;
    const links = indicatorLinks(a, ind);
    if (filter.group && !links.groups.includes(Number(filter.group))) return false;
    if (filter.unit && !links.units.includes(filter.unit)) return false;
    return true;
  });
}

/** Actual and required growth as text: growth rates for levels, pace (a year) for totals. */
export function growthText(ind: IndicatorAssessment, which: "actual" | "required" | "remaining", lang: Lang): string {
  if (ind.measure === "cumulative") {
    const v = which === "actual" ? ind.pace?.actual : which === "required" ? ind.pace?.required : ind.pace?.remaining_required;
    return v == null ? "—" : `${formatValue(v, ind.unit, lang, { unit_en: ind.unit_en, rate: true })}${lang === "zh" ? "/年" : " a year"}`;
  }
  if (which === "remaining") return formatPercent(ind.required_growth_remaining, lang);
  // The engine withholds a rate from a zero (Open SDG's 0.001): "—" and its reason.
  const v = ind.growth_shown[which];
  if (v !== null) return formatPercent(v, lang);
  const field = which === "actual" ? "cagr_actual" : "cagr_required";
  const why = ind.reasons.find((r) => r.field === field && /^zero_.*_no_growth$/.test(r.code));
  if (!why) return "—";
  const text = pick(why, lang).replace(/[。.]$/, "");
  return lang === "zh" ? `—（${text}）` : `— (${text})`;
}

/** A value with a muted second line (its year, the required figure, ...). */
function twoLines(main: string, sub: string): HTMLElement {
  return h("span", null, main, sub ? h("br") : null, sub ? h("small", { class: "pm-muted" }, sub) : null);
}

export function gapColumns(
  lang: Lang,
  { base = "./", assessment = {} }: { base?: string; assessment?: Partial<Pick<PlanAssessment, "mode" | "final">> } = {},
): Column<IndicatorAssessment>[] {
  const fmt = (ind: IndicatorAssessment, v: number | null | undefined) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  return [
    {
      key: "name",
      label: t("indicator", lang),
      value: (d) => pick(d, lang),
      format: (d) => h("a", { href: indicatorHref(d.id, base, lang), class: "pm-name" }, pick(d, lang)),
    },
    {
      key: "baseline",
      label: t("baseline", lang),
      value: (d) => d.baseline?.value ?? null,
      format: (d) => (d.baseline ? twoLines(fmt(d, d.baseline.value), formatYear(d.baseline.year, lang)) : "—"),
      align: "right",
    },
    {
      key: "latest",
      label: t("latest", lang),
      value: (d) => d.latest?.value ?? null,
      format: (d) =>
        d.latest
          ? twoLines(
              fmt(d, d.latest.value),
              `${formatYear(d.latest.year, lang)}${d.latest.status === "preliminary" ? ` · ${t("preliminary", lang)}` : ""}`,
            )
          : "—",
      align: "right",
    },
    {
      key: "target",
      label: t("target", lang),
      value: (d) => d.target.value,
      format: (d) => `${comparatorSymbol(d.target.comparator)} ${fmt(d, d.target.value)}`,
      align: "right",
    },
    {
      key: "completion",
      label: t("completion", lang),
      value: (d) => d.completion,
      format: (d) => formatPercent(d.completion, lang),
      align: "right",
    },
    {
      key: "progress",
      label: `${t("progress", lang)} / ${t("timeElapsed", lang)}`,
      value: (d) => (d.progress == null || d.time_elapsed == null ? null : d.progress - d.time_elapsed),
      format: (d) => `${formatPercent(d.progress, lang)} / ${formatPercent(d.time_elapsed, lang)}`,
      align: "right",
    },
    {
      key: "growth",
      label: t("growthBoth", lang),
      value: (d) => (d.measure === "cumulative" ? (d.pace?.actual ?? null) : d.growth_shown.actual),
      format: (d) => {
        const actual = growthText(d, "actual", lang);
        const required = growthText(d, "required", lang);
        // A reason said on the first line ("— (the baseline is 0 …)") is not said twice.
        const sub = required === actual && actual.startsWith("—") ? "—" : required;
        return twoLines(actual, `${lang === "zh" ? "要求" : "required"} ${sub}`);
      },
      align: "right",
    },
    {
      key: "remaining",
      label: t("growthRemaining", lang),
      value: (d) => (d.measure === "cumulative" ? (d.pace?.remaining_required ?? null) : d.required_growth_remaining),
      format: (d) => growthText(d, "remaining", lang),
      align: "right",
    },
    {
      key: "projection",
      label: t("projection", lang),
      value: (d) => d.projected.compound ?? d.projected.linear,
      format: (d) =>
        d.projected.compound == null && d.projected.linear == null
          ? "—"
          : twoLines(
              fmt(d, d.projected.compound),
              d.projected.linear != null ? `${lang === "zh" ? "线性" : "linear"} ${fmt(d, d.projected.linear)}` : "",
            ),
      align: "right",
    },
    {
      key: "status",
      label: t("status", lang),
      value: (d) => verdictOf(assessment, d).rank,
      format: (d) => verdictBadge(assessment, d, lang),
    },
  ];
}

/** Why the filtered table is empty, and where to look instead. */
export function gapsEmpty(a: Pick<PlanAssessment, "tasks" | "indicators" | "groups" | "units">, filter: GapFilter, lang: Lang): string {
  const zh = lang === "zh";
  if (filter.group) {
    const inGroup = a.tasks.filter((task) => String(task.group.id) === String(filter.group));
    if (!inGroup.some((task) => task.indicators.length > 0))
      return zh
        ? "该任务组没有量化指标，见任务页的里程碑。"
        : "This task group has no quantitative indicator; see its milestones on the tasks page.";
  }
  if (filter.unit && !a.indicators.some((ind) => indicatorLinks(a, ind).units.includes(filter.unit as string)))
    return zh
      ? "该责任单位牵头的任务没有量化指标，见任务页。"
      : "The tasks this unit leads have no quantitative indicator; see the tasks page.";
  return zh
    ? "没有同时符合这些筛选条件的指标。放宽一个条件（选“全部”）即可看到更多。"
    : "No indicator meets all of these filters. Set one of them back to All to see more.";
}
