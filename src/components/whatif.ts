/** The what-if panel's output: projected value and verdict, with a chart of the scenario path against the target. */
import * as Plot from "@observablehq/plot";
import { plot } from "./figure.js";
import type { IndicatorAssessment, Reason, Status } from "../../assessment/types.ts";
import { chartSeries } from "./charts.js";
import { h } from "./dom.js";
import { formatNumber, formatPercent, formatValue, formatYear, type Lang, pick, unitLabel } from "./i18n.js";
import { statusBadge } from "./status.js";
import { t } from "./ui.js";

/** The engine's WhatIfResult (assessment/what-if.ts), as the panel uses it. */
export interface WhatIfView {
  projected_target_year: number | null;
  path: { year: number; value: number }[];
  status: Status;
  completion: number | null;
  reasons: Reason[];
}

export function whatIfSummary(ind: IndicatorAssessment, result: WhatIfView, { lang = "zh" as Lang } = {}): HTMLElement {
  const fmt = (v: number | null) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  return h(
    "div",
    { class: "card", "data-whatif": result.status },
    h("div", { class: "pm-card__meta" }, h("b", null, `${t("scenarioResult", lang)} · ${pick(ind, lang)}`)),
    h("div", { class: "pm-card__value" }, `${formatYear(ind.target.year, lang)}: ${fmt(result.projected_target_year)}`),
    h(
      "div",
      null,
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
  return plot({
    width,
    height,
    marginLeft: 56,
    x: {
      domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3],
      ticks: [...new Set(years)],
      tickFormat: (y: number) => (lang === "zh" ? `${y}年` : String(y)),
      label: null,
    },
    y: { grid: true, zero: true, label: unitLabel(ind.unit, ind.unit_en, lang), tickFormat: (v: number) => formatNumber(v, lang) },
    ariaLabel: `${t("whatIf", lang)}${lang === "zh" ? `：${ind.zh}实际值与推算路径，含目标线` : `: ${ind.en}, actual values and the assumed path, with the target line`}`,
    marks: [
      Plot.ruleY([ind.target.value], { stroke: "#D55E00", strokeDasharray: "6,3" }),
      Plot.text([ind.target.value], {
        y: (d: number) => d,
        frameAnchor: "left",
        dy: -8,
        dx: 4,
        text: () => `${t("target", lang)} ${formatValue(ind.target.value, ind.unit, lang, { unit_en: ind.unit_en })}`,
        fill: "#D55E00",
        textAnchor: "start",
      }),
      Plot.line(actual, { x: "year", y: "value", stroke: "currentColor", strokeWidth: 2 }),
      Plot.dot(actual, { x: "year", y: "value", fill: "currentColor", r: 3 }),
      Plot.line(result.path, { x: "year", y: "value", stroke: "#0072B2", strokeDasharray: "6,4", strokeWidth: 2 }),
      Plot.dot(result.path.slice(1), { x: "year", y: "value", stroke: "#0072B2", r: 4 }),
    ],
  });
}
