/** Overview pieces: the time-elapsed bar, a card per headline indicator, the task-level grid. */
import type { IndicatorAssessment, PlanAssessment } from "../../assessment/types.ts";
import { sparkline } from "./charts.js";
import { h } from "./dom.js";
import { formatPercent, formatSignedPercent, formatValue, formatValueParts, formatYear, type Lang, langHref, paren, pick } from "./i18n.js";
import { verdictBadge, verdictLabel, verdictOf } from "./verdict.js";

type Verdicts = Partial<Pick<PlanAssessment, "mode" | "final">>;
import { t } from "./ui.js";

/** 序时进度 as a bar with its percentage. */
export function timeBar(share: number | null, { lang = "zh" as Lang, label }: { lang?: Lang; label?: string } = {}): HTMLElement {
  const text = `${label ?? t("timeElapsed", lang)}${lang === "zh" ? "：" : ": "}${formatPercent(share, lang)}`;
  const pct = share == null ? 0 : Math.max(0, Math.min(1, share));
  return h(
    "div",
    { class: "pm-time" },
    h("div", { class: "pm-card__meta" }, h("b", null, text)),
    h(
      "div",
      { class: "pm-timebar", role: "img", "aria-label": text },
      h("div", { class: "pm-timebar__fill", style: { width: `${pct * 100}%` } }),
    ),
  );
}

/** The change on the year before: yearly values (for totals: each year's own amount). */
export function changeOnYear(
  ind: Pick<IndicatorAssessment, "series">,
): { from: number; to: number; change: number | null; year: number } | null {
  const s = ind.series;
  if (s.length < 2) return null;
  const last = s[s.length - 1];
  const prev = s[s.length - 2];
  if (last.year - prev.year !== 1) return null;
  return { from: prev.value, to: last.value, change: prev.value !== 0 ? last.value / prev.value - 1 : null, year: last.year };
}

export function indicatorHref(id: string, base: string, lang: Lang): string {
  return langHref(`${base}indicators/${encodeURIComponent(id)}.html`, lang);
}

/** A headline indicator's card: value and year, target, completion, status, sparkline with target, change on the year. */
export function indicatorCard(
  ind: IndicatorAssessment,
  { lang = "zh" as Lang, base = "./", assessment = {} as Verdicts }: { lang?: Lang; base?: string; assessment?: Verdicts } = {},
): HTMLElement {
  const fmt = (v: number | null | undefined) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  const change = changeOnYear(ind);
  const cumulative = ind.measure === "cumulative";
  const when = ind.latest
    ? `${formatYear(ind.latest.year, lang)}${cumulative ? (lang === "zh" ? "，计划期累计" : ", plan total so far") : ""}${
        ind.latest.status === "preliminary" ? ` · ${t("preliminary", lang)}` : ""
      }`
    : t("notYet", lang);
  const changeText = change
    ? lang === "zh"
      ? `${t("changeOnYear", lang)}（${formatYear(change.year, lang)}${cumulative ? "当年量" : ""}）：${formatSignedPercent(change.change, lang)}`
      : `${t("changeOnYear", lang)} (${formatYear(change.year, lang)}${cumulative ? ", own-year amount" : ""}): ${formatSignedPercent(change.change, lang)}`
    : `${t("changeOnYear", lang)}${lang === "zh" ? "：" : ": "}—`;
  return h(
    "div",
    { class: `card pm-card pm-card--${verdictOf(assessment, ind).style}`, "data-indicator": ind.id },
    h("div", { class: "pm-card__title" }, h("a", { href: indicatorHref(ind.id, base, lang) }, pick(ind, lang))),
    h("div", null, verdictBadge(assessment, ind, lang)),
    valueLine(ind, lang),
    h("div", { class: "pm-card__meta" }, when),
    h(
      "div",
      { class: "pm-card__meta" },
      `${t("target", lang)} `,
      h("b", null, fmt(ind.target.value)),
      `${paren(formatYear(ind.target.year, lang), lang)} · ${t("completion", lang)} `,
      h("b", null, formatPercent(ind.completion, lang)),
    ),
    sparkline(ind, { lang }),
    h("div", { class: "pm-card__meta" }, changeText),
  );
}

/** The latest value, number large and unit small (long English units would otherwise wrap). */
function valueLine(ind: IndicatorAssessment, lang: Lang): HTMLElement {
  const p = formatValueParts(ind.latest?.value, ind.unit, lang, { unit_en: ind.unit_en });
  return h("div", { class: "pm-card__value" }, p.number, p.sep, h("span", { class: "pm-card__unit" }, p.unit));
}

/** A compact item for a task-level target. */
export function miniIndicator(
  ind: IndicatorAssessment,
  { lang = "zh" as Lang, base = "./", assessment = {} as Verdicts }: { lang?: Lang; base?: string; assessment?: Verdicts } = {},
): HTMLElement {
  const fmt = (v: number | null | undefined) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  return h(
    "div",
    { class: "pm-mini__item", "data-indicator": ind.id },
    h("a", { href: indicatorHref(ind.id, base, lang) }, pick(ind, lang)),
    h("span", null, verdictBadge(assessment, ind, lang, { compact: true })),
    h(
      "span",
      { class: "pm-muted" },
      `${ind.latest ? `${fmt(ind.latest.value)}${paren(formatYear(ind.latest.year, lang), lang)}` : t("notYet", lang)} / ${t("target", lang)} ${fmt(ind.target.value)} · ${t("completion", lang)} ${formatPercent(ind.completion, lang)}`,
    ),
  );
}

/**
 * The overview as a table, for "download what you see": one row per indicator in the order shown
 * (headline first), every figure formatted as on the cards, headers and values in the page's language.
 */
export function overviewRows(
  indicators: IndicatorAssessment[],
  lang: Lang,
  assessment: Verdicts = {},
): { header: string[]; rows: string[][] } {
  const fmt = (ind: IndicatorAssessment, v: number | null | undefined) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  const zh = lang === "zh";
  const header = [
    t("indicator", lang),
    zh ? "类别" : "Kind",
    t("status", lang),
    t("latest", lang),
    t("year", lang),
    t("vintageStatus", lang),
    t("target", lang),
    zh ? "目标年份" : "Target year",
    t("completion", lang),
  ];
  const ordered = [...indicators.filter((d) => d.headline), ...indicators.filter((d) => !d.headline)];
  const rows = ordered.map((ind) => [
    pick(ind, lang),
    ind.headline ? t("headline", lang) : t("taskTargets", lang),
    verdictLabel(assessment, ind, lang),
    ind.latest ? fmt(ind, ind.latest.value) : t("notYet", lang),
    ind.latest ? formatYear(ind.latest.year, lang) : "",
    ind.latest ? t(ind.latest.status === "preliminary" ? "preliminary" : ind.latest.status === "revised" ? "revised" : "final", lang) : "",
    fmt(ind, ind.target.value),
    formatYear(ind.target.year, lang),
    formatPercent(ind.completion, lang),
  ]);
  return { header, rows };
}
