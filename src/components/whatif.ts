/** The what-if panel's output: projected value and verdict, with a chart of the scenario path against the target. */
import * as Plot from "@observablehq/plot";
import { plot } from "./figure.js";
import type { IndicatorAssessment, Reason, Status } from "../../assessment/types.ts";
import { chartSeries, countTicks, yearTicks } from "./charts.js";
import { h } from "./dom.js";
import { formatNumber, formatPercent, formatValue, formatYear, type Lang, pick, unitLabel } from "./i18n.js";
import { statusBadge } from "./status.js";
import { settleText, type Verdict } from "./verdict.js";
import { t } from "./ui.js";

/** The engine's WhatIfResult (assessment/what-if.ts), as the panel uses it. */
export interface WhatIfView {
  projected_target_year: number | null;
  path: { year: number; value: number }[];
  status: Status;
  completion: number | null;
  reasons: Reason[];
}

/**
 * The hint under a what-if amount box: the unit the box takes and what a number means in the
 * unit the page prints ("8 means CNY 800 million"), so 850 is never read as 850 million.
 */
export function inputUnitHint(ind: Pick<IndicatorAssessment, "unit" | "unit_en" | "target">, lang: Lang): string {
  const unit = unitLabel(ind.unit, ind.unit_en, lang);
  const example = ind.target.value;
  const shown = formatValue(example, ind.unit, lang, { unit_en: ind.unit_en });
  return lang === "zh"
    ? `按${unit}输入：输入${formatNumber(example, lang)}即${shown}。`
    : `Enter the value in ${unit}: ${formatNumber(example, lang)} means ${shown}.`;
}

export function whatIfSummary(
  ind: IndicatorAssessment,
  result: WhatIfView,
  { lang = "zh" as Lang, verdict }: { lang?: Lang; verdict?: Verdict } = {},
): HTMLElement {
  const fmt = (v: number | null) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  const zh = lang === "zh";
  // At the end of the plan the headline verdict is the final grade; a scenario is a projection beside it, never a second verdict.
  const final =
    verdict?.kind === "grade"
      ? h(
          "p",
          { class: "pm-card__meta", "data-final-verdict": verdict.key },
          zh ? "终期结论：" : "Final verdict: ",
          h("b", null, verdict.label[lang]),
          verdict.missing ? (zh ? `（${settleText(verdict, lang)}）` : ` (${settleText(verdict, lang)})`) : "",
          zh ? "。以下为情景推算，不改变结论。" : ". Below is a projection under the scenario; it does not change the verdict.",
        )
      : null;
  return h(
    "div",
    { class: "card", "data-whatif": result.status },
    h("div", { class: "pm-card__meta" }, h("b", null, `${t("scenarioResult", lang)} · ${pick(ind, lang)}`)),
    final,
    h("div", { class: "pm-card__value" }, `${formatYear(ind.target.year, lang)}${zh ? "：" : ": "}${fmt(result.projected_target_year)}`),
    h(
      "div",
      null,
      final ? (zh ? "推算 " : "Projected ") : null,
      statusBadge(result.status, lang),
      ` ${t("completion", lang)} ${formatPercent(result.completion, lang)} · ${t("target", lang)} ${fmt(ind.target.value)}`,
    ),
    h(
      "ul",
      { class: "pm-reasons" },
      result.reasons.map((r) => h("li", null, pick(r, lang))),
    ),
  );
}

export function whatIfChart(
  ind: IndicatorAssessment,
  result: WhatIfView,
  { width = 560, height = 240, lang = "zh" as Lang } = {},
): SVGSVGElement | HTMLElement {
  const actual = chartSeries(ind);
  const years = [...actual, ...result.path].map((d) => d.year).concat(ind.target.year);
  const end = result.path.at(-1)?.value;
  const endsAbove = end != null && end > ind.target.value;
  return plot({
    width,
    height,
    marginLeft: 56,
    x: {
      domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3],
      ticks: yearTicks(years, width, lang),
      tickFormat: (y: number) => (lang === "zh" ? `${y}年` : String(y)),
      label: null,
    },
    y: {
      grid: true,
      zero: true,
      ticks: countTicks(ind.unit, [...actual, ...result.path].map((d) => d.value).concat(ind.target.value)),
      label: unitLabel(ind.unit, ind.unit_en, lang),
      tickFormat: (v: number) => formatNumber(v, lang),
    },
    ariaLabel: `${t("whatIf", lang)}${lang === "zh" ? `：${ind.zh}实际值与推算路径，含目标线` : `: ${ind.en}, actual values and the assumed path, with the target line`}`,
    marks: [
      Plot.ruleY([ind.target.value], { stroke: "#D55E00", strokeDasharray: "6,3" }),
      Plot.text([ind.target.value], {
        y: (d: number) => d,
        // Right-aligned, so it never runs into the axis title at the top left; below the line when the
        // projection ends above it (so the end point does not sit on the words), with a halo.
        frameAnchor: "right",
        dy: endsAbove ? 14 : -8,
        stroke: "var(--theme-background-alt, white)",
        strokeWidth: 4,
        paintOrder: "stroke",
        dx: -4,
        text: () => `${t("target", lang)} ${formatValue(ind.target.value, ind.unit, lang, { unit_en: ind.unit_en })}`,
        fill: "#D55E00",
        textAnchor: "end",
      }),
      Plot.line(actual, { x: "year", y: "value", stroke: "currentColor", strokeWidth: 2 }),
      Plot.dot(actual, { x: "year", y: "value", fill: "currentColor", r: 3 }),
      Plot.line(result.path, { x: "year", y: "value", stroke: "#0072B2", strokeDasharray: "6,4", strokeWidth: 2 }),
      Plot.dot(result.path.slice(1), { x: "year", y: "value", stroke: "#0072B2", r: 4 }),
    ],
  });
}
