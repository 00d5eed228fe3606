/**
 * Charts (Observable Plot). Each draws the target where there is one; each has a text equivalent
 * (`seriesSentence`, or the table beside it on the page).
 */
import * as Plot from "@observablehq/plot";
import { plot } from "./figure.js";
import type { IndicatorAssessment, Status } from "../../assessment/types.ts";
import { formatNumber, formatPercent, formatValue, formatYear, type Lang, paren, unitLabel } from "./i18n.js";
import { STATUS_CHART_COLORS as STATUS_COLORS, statusLabel } from "./status.js";
import { t } from "./ui.js";
import { isCountUnit } from "../lib/units.js";

/**
 * Whole-number ticks for an axis of counts (家, 个, 项 …) from 0 to `max`: 1, 2 or 5 × 10^k apart, about
 * five of them, so no axis reads "0.1个". Undefined for other units (Plot's own ticks).
 */
export function countTicks(unit: string, values: number[]): number[] | undefined {
  if (!isCountUnit(unit)) return undefined;
  const max = Math.max(1, ...values.filter(Number.isFinite));
  const raw = max / 5;
  const k = 10 ** Math.floor(Math.log10(Math.max(raw, 1)));
  const step = Math.max(1, [1, 2, 5, 10].map((m) => m * k).find((s) => s >= raw) ?? 10 * k);
  const out: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) out.push(v);
  return out;
}

export interface Point {
  year: number;
  value: number;
  status?: string;
  /** "derived": summed from record-level data where no figure was reported. */
  origin?: "reported" | "derived";
}

/** The values a chart shows: running totals for cumulative targets, else the yearly values. */
export function chartSeries(ind: Pick<IndicatorAssessment, "series" | "measure">): Point[] {
  if (ind.measure === "cumulative") {
    // Only the plan years have a running total; earlier years are not part of the target.
    return ind.series
      .filter((p) => p.cumulative != null)
      .map((p) => ({ year: p.year, value: p.cumulative as number, status: p.status, origin: p.origin }));
  }
  return ind.series.map((p) => ({ year: p.year, value: p.value, status: p.status, origin: p.origin }));
}

/** The path the plan requires, as the engine computed it (assessment/paths.ts). */
export function requiredPath(ind: Pick<IndicatorAssessment, "paths">): Point[] {
  return ind.paths?.required ?? [];
}

/** Lines from the latest value to each projection for the target year, as the engine computed them. */
export function projectionPaths(ind: Pick<IndicatorAssessment, "paths">): { compound: Point[]; linear: Point[] } {
  return { compound: ind.paths?.compound ?? [], linear: ind.paths?.linear ?? [] };
}

/** Shorten a label to about `px` pixels at the axis font size (CJK characters are about twice as wide). */
export function clipLabel(text: string, px: number, fontPx = 10): string {
  let width = 0;
  let out = "";
  for (const ch of text) {
    const w = /[\u2E80-\uFFFF]/.test(ch) ? fontPx : fontPx * 0.58;
    if (width + w > px - fontPx) return `${out}…`;
    width += w;
    out += ch;
  }
  return out;
}

/** Year ticks that fit: every year when each gets about 44 px (Chinese "2015年") or 34 px, else every other. */
export function yearTicks(years: number[], width: number, lang: Lang): number[] {
  const all = [...new Set(years)].sort((a, b) => a - b);
  const room = width / Math.max(1, all.length);
  return room >= (lang === "zh" ? 52 : 40) ? all : all.filter((y) => (y - all[0]) % 2 === 0);
}

const yearTick = (lang: Lang) => (y: number) => (Number.isInteger(y) ? (lang === "zh" ? `${y}年` : String(y)) : "");

/** A small line of the series with the target as a rule; for cards. */
export function sparkline(
  ind: Pick<IndicatorAssessment, "series" | "measure" | "target" | "status" | "baseline"> & Partial<Pick<IndicatorAssessment, "zh" | "en">>,
  { width = 220, height = 56, lang = "zh" as Lang } = {},
): SVGSVGElement | HTMLElement {
  const data = chartSeries(ind);
  const points = ind.measure === "cumulative" && ind.baseline ? [{ year: ind.baseline.year, value: 0 }, ...data] : data;
  const years = points.map((d) => d.year).concat(ind.target.year);
  return plot({
    width,
    height,
    marginTop: 6,
    marginBottom: 4,
    marginLeft: 4,
    marginRight: 4,
    axis: null,
    x: { domain: [Math.min(...years), Math.max(...years)] },
    y: { domain: [0, Math.max(ind.target.value, ...points.map((d) => d.value)) * 1.08] },
    // Each card's sparkline is named for its indicator, so a screen reader can tell them apart.
    ariaLabel:
      lang === "zh"
        ? `${ind.zh ?? ""}走势小图：${statusLabel(ind.status, lang)}，目标线${formatNumber(ind.target.value, lang)}`
        : `${ind.en ?? ""} sparkline: ${statusLabel(ind.status, lang)}, target line at ${formatNumber(ind.target.value, lang)}`,
    marks: [
      Plot.ruleY([ind.target.value], { stroke: "currentColor", strokeDasharray: "3,2", strokeOpacity: 0.7, className: "pm-target" }),
      Plot.dot([{ year: ind.target.year, value: ind.target.value }], {
        x: "year",
        y: "value",
        symbol: "diamond",
        r: 3,
        stroke: "currentColor",
      }),
      Plot.line(points, { x: "year", y: "value", stroke: STATUS_COLORS[ind.status], strokeWidth: 2 }),
      Plot.dot(points.slice(-1), { x: "year", y: "value", fill: STATUS_COLORS[ind.status], r: 3 }),
    ],
  });
}

/** The colour of points derived from records (Okabe-Ito bluish green; the other series use the rest of the palette). */
export const DERIVED_COLOR = "#009E73";

/** The indicator's series with target, baseline, required path and both projections. */
export function seriesChart(
  ind: IndicatorAssessment,
  { width = 640, height = 320, lang = "zh" as Lang } = {},
): SVGSVGElement | HTMLElement {
  const data = chartSeries(ind);
  const path = requiredPath(ind);
  const proj = projectionPaths(ind);
  const unit = unitLabel(ind.unit, ind.unit_en, lang);
  const fmt = (v: number) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  const base = ind.baseline ? [{ year: ind.baseline.year, value: ind.baseline.value }] : [];
  const all = [...data, ...path, ...proj.compound, ...proj.linear, ...base, { year: ind.target.year, value: ind.target.value }];
  const years = all.map((d) => d.year);
  const label = (key: Parameters<typeof t>[0]) => t(key, lang);
  const reported = data.filter((d) => d.origin !== "derived");
  const derived = data.filter((d) => d.origin === "derived");
  const legend = [
    { key: label("actual"), stroke: "currentColor", dash: null },
    ...(derived.length > 0
      ? [{ key: `${label("actual")}${paren(label("derivedFromRecords"), lang)}`, stroke: DERIVED_COLOR, dash: null }]
      : []),
    { key: label("target"), stroke: "#D55E00", dash: "6,3" },
    { key: label("requiredPath"), stroke: "#999999", dash: "2,3" },
    { key: label("projectionCompound"), stroke: "#0072B2", dash: "8,4" },
    { key: label("projectionLinear"), stroke: "#CC79A7", dash: "1,4" },
  ];
  return plot({
    width,
    height,
    marginLeft: 56,
    marginRight: 90,
    x: {
      domain: [Math.min(...years) - 0.3, Math.max(...years) + 0.3],
      tickFormat: yearTick(lang),
      // On a phone "2015年2016年…" would run together: every other year when there is no room.
      ticks: yearTicks(years, width, lang),
      label: null,
    },
    y: {
      grid: true,
      zero: true,
      ticks: countTicks(
        ind.unit,
        all.map((d) => d.value),
      ),
      label: `${unit}${ind.measure === "cumulative" ? (lang === "zh" ? "（计划期累计）" : " (total over the plan years)") : ""}`,
      tickFormat: (v: number) => formatNumber(v, lang),
    },
    color: { legend: true, domain: legend.map((l) => l.key), range: legend.map((l) => l.stroke) },
    ariaLabel:
      lang === "zh"
        ? `${ind.zh}走势图，含目标、基期、要求路径和推算`
        : `${ind.en}: series with target, baseline, required path and projections`,
    marks: [
      Plot.ruleY([ind.target.value], { stroke: "#D55E00", strokeDasharray: "6,3", className: "pm-target" }),
      Plot.text([{ year: Math.max(...years), value: ind.target.value }], {
        x: "year",
        y: "value",
        text: () => `${label("target")} ${fmt(ind.target.value)}`,
        // Past the last year where there is room; on a phone, right-aligned above the line so it is not cut.
        dx: width < 560 ? 0 : 6,
        dy: -8,
        textAnchor: width < 560 ? "end" : "start",
        fill: "#D55E00",
        className: "pm-target-label",
      }),
      Plot.dot([{ year: ind.target.year, value: ind.target.value }], {
        x: "year",
        y: "value",
        symbol: "diamond",
        r: 6,
        stroke: "#D55E00",
        fill: "none",
        strokeWidth: 2,
      }),
      Plot.line(path, { x: "year", y: "value", stroke: "#999999", strokeDasharray: "2,3", strokeWidth: 1.5 }),
      Plot.line(proj.compound, { x: "year", y: "value", stroke: "#0072B2", strokeDasharray: "8,4", strokeWidth: 1.5 }),
      Plot.line(proj.linear, { x: "year", y: "value", stroke: "#CC79A7", strokeDasharray: "1,4", strokeWidth: 2 }),
      Plot.line(data, { x: "year", y: "value", stroke: "currentColor", strokeWidth: 2 }),
      Plot.dot(reported, {
        x: "year",
        y: "value",
        r: 4,
        stroke: "currentColor",
        fill: (d: Point) => (d.status === "preliminary" ? "var(--theme-background)" : "currentColor"),
        tip: true,
        title: (d: Point) =>
          `${formatYear(d.year, lang)}: ${fmt(d.value)}${d.status === "preliminary" ? paren(label("preliminary"), lang) : ""}`,
      }),
      // Figures derived from records (no reported figure that year): an open triangle in another colour.
      Plot.dot(derived, {
        x: "year",
        y: "value",
        r: 6,
        symbol: "triangle",
        stroke: DERIVED_COLOR,
        strokeWidth: 2,
        fill: "var(--theme-background)",
        className: "pm-derived-point",
        tip: true,
        title: (d: Point) => `${formatYear(d.year, lang)}: ${fmt(d.value)}${paren(label("derivedFromRecords"), lang)}`,
      }),
      Plot.dot(base, { x: "year", y: "value", r: 6, symbol: "square", stroke: "currentColor", fill: "none" }),
      Plot.text(base, { x: "year", y: "value", text: () => label("baseline"), dx: 10, dy: -10, textAnchor: "start" }),
    ],
  });
}

/**
 * A text halo in the page's background colour, so lines behind a label do not run through it. The fill
 * is explicit: with a stroke set, Plot's text would default to no fill (invisible words).
 */
const HALO = { fill: "currentColor", stroke: "var(--theme-background, white)", strokeWidth: 4, paintOrder: "stroke" } as const;

/** Bars of progress (share of the planned change achieved), each with a tick at its own time elapsed (序时进度). */
export function progressChart(
  rows: Pick<IndicatorAssessment, "id" | "zh" | "en" | "progress" | "time_elapsed" | "status">[],
  {
    width = 640,
    lang = "zh" as Lang,
    verdict,
  }: {
    width?: number;
    lang?: Lang;
    /** The headline verdict to label and colour each bar with (verdict.ts); default: the trend status. */
    verdict?: (r: Pick<IndicatorAssessment, "id" | "status">) => { style: Status; label: { zh: string; en: string } };
  } = {},
): SVGSVGElement | HTMLElement {
  const shown = (r: Pick<IndicatorAssessment, "id" | "status">) =>
    verdict ? verdict(r) : { style: r.status, label: { zh: statusLabel(r.status, "zh"), en: statusLabel(r.status, "en") } };
  const clamp = (v: number) => Math.max(-0.5, Math.min(1.6, v));
  const data = rows
    .filter((r) => r.progress != null)
    .map((r) => ({
      name: lang === "zh" ? r.zh : r.en,
      progress: clamp(r.progress as number),
      raw: r.progress as number,
      time: r.time_elapsed == null ? null : clamp(r.time_elapsed),
      status: shown(r).style,
      word: shown(r).label[lang],
    }));
  type Row = (typeof data)[number];
  const name = (d: Row) => d.name;
  // On a phone the names go above the bars instead of beside them.
  const narrow = width < 560;
  const marginLeft = narrow ? 8 : Math.min(300, width * 0.4);
  const lo = Math.min(0, ...data.map((d) => d.progress));
  return plot({
    width,
    height: (narrow ? 46 : 30) * data.length + 70,
    marginLeft,
    marginRight: narrow ? 16 : 110,
    x: {
      domain: [lo, 1.6],
      tickFormat: (v: number) => formatPercent(v, lang, 0),
      label: `${t("progress", lang)} →`,
      grid: true,
      axis: "top",
    },
    y: { label: null, domain: data.map(name), axis: narrow ? null : "left", tickFormat: (s: string) => clipLabel(s, marginLeft) },
    ariaLabel: `${t("progressVsTime", lang)}${lang === "zh" ? `：${data.length}个指标的条形图` : `: bar chart of ${data.length} indicators`}`,
    marks: [
      Plot.barX(data, {
        y: name,
        x: "progress",
        fill: (d: Row) => STATUS_COLORS[d.status],
        insetTop: narrow ? 22 : 5,
        insetBottom: narrow ? 4 : 5,
      }),
      Plot.tickX(
        data.filter((d) => d.time != null),
        {
          y: name,
          x: "time",
          stroke: "currentColor",
          strokeWidth: 3,
          insetTop: narrow ? 20 : 0,
          title: (d: Row) => `${t("timeElapsed", lang)} ${formatPercent(d.time, lang)}`,
        },
      ),
      Plot.ruleX([1], { stroke: "#D55E00", strokeDasharray: "6,3", className: "pm-target" }),
      Plot.text([1], { x: (d: number) => d, frameAnchor: "bottom", dy: 14, text: () => `${t("target", lang)} 100%`, fill: "#D55E00" }),
      // The 0% line: beside the bars only, so on a phone it does not cross the labels above them.
      narrow ? Plot.ruleX(data, { x: 0, y: name, insetTop: 20, insetBottom: 2 }) : Plot.ruleX([0]),
      // Last, with a halo in the background colour: no grid or target line runs through the words.
      narrow
        ? Plot.text(data, {
            y: name,
            x: lo,
            text: (d: Row) => `${clipLabel(d.name, width * 0.6, 11)} ${formatPercent(d.raw, lang)} ${d.word}`,
            textAnchor: "start",
            dy: -9,
            fontSize: 11,
            ...HALO,
          })
        : Plot.text(data, {
            y: name,
            x: (d: Row) => Math.max(d.progress, d.time ?? 0),
            text: (d: Row) => `${formatPercent(d.raw, lang)} ${d.word}`,
            textAnchor: "start",
            dx: 6,
            ...HALO,
          }),
    ],
  });
}

export interface CoverageCell {
  indicator: string;
  name: string;
  year: number;
  state: "final" | "preliminary" | "revised" | "missing";
}

const COVERAGE_COLORS = { final: "#0072B2", revised: "#009E73", preliminary: "#E69F00", missing: "#dddddd" };
const COVERAGE_GLYPH = { final: "●", revised: "✎", preliminary: "◐", missing: "—" };

/** Indicator x year grid: final / preliminary / revised / missing, with a glyph in each cell. */
export function coverageChart(cells: CoverageCell[], { width = 640, lang = "zh" as Lang } = {}): SVGSVGElement | HTMLElement {
  const names = [...new Set(cells.map((c) => c.name))];
  const label = (s: CoverageCell["state"]) => t(s, lang);
  const marginLeft = Math.min(260, width * 0.4);
  return plot({
    width,
    height: 26 * names.length + 70,
    marginLeft,
    x: { type: "band", tickFormat: yearTick(lang), label: null, axis: "top" },
    y: { domain: names, label: null, tickFormat: (s: string) => clipLabel(s, marginLeft) },
    color: {
      domain: (["final", "revised", "preliminary", "missing"] as const).map(label),
      range: Object.values(COVERAGE_COLORS),
      legend: true,
    },
    ariaLabel: `${t("coverage", lang)}${lang === "zh" ? `：${names.length}个指标逐年的数据状态` : `: data status by year for ${names.length} indicators`}`,
    marks: [
      Plot.cell(cells, { x: "year", y: "name", fill: (d: CoverageCell) => label(d.state), inset: 1.5 }),
      Plot.text(cells, {
        x: "year",
        y: "name",
        text: (d: CoverageCell) => COVERAGE_GLYPH[d.state],
        fill: (d: CoverageCell) => (d.state === "missing" ? "#555" : "white"),
      }),
    ],
  });
}

/** The series chart in words: what it shows, for screen readers and print. */
export function seriesSentence(ind: IndicatorAssessment, lang: Lang, verdict: string = statusLabel(ind.status, lang)): string {
  const fmt = (v: number | null | undefined) => formatValue(v, ind.unit, lang, { unit_en: ind.unit_en });
  const parts: string[] = [];
  const name = lang === "zh" ? ind.zh : ind.en;
  if (lang === "zh") {
    if (ind.baseline) parts.push(`${name}基期（${ind.baseline.year}年）为${fmt(ind.baseline.value)}`);
    if (ind.latest) parts.push(`${ind.latest.year}年为${fmt(ind.latest.value)}`);
    parts.push(`目标为${ind.target.year}年${fmt(ind.target.value)}`);
    if (ind.projected.compound != null) parts.push(`按复合增速推算${ind.target.year}年为${fmt(ind.projected.compound)}`);
    if (ind.projected.linear != null) parts.push(`按线性趋势推算为${fmt(ind.projected.linear)}`);
    return `${parts.join("，")}；结论：${verdict}。`;
  }
  if (ind.baseline) parts.push(`${name} was ${fmt(ind.baseline.value)} in the baseline year ${ind.baseline.year}`);
  if (ind.latest) parts.push(`${fmt(ind.latest.value)} in ${ind.latest.year}`);
  parts.push(`the target is ${fmt(ind.target.value)} by ${ind.target.year}`);
  if (ind.projected.compound != null) parts.push(`the compound projection for ${ind.target.year} is ${fmt(ind.projected.compound)}`);
  if (ind.projected.linear != null) parts.push(`the straight-line projection is ${fmt(ind.projected.linear)}`);
  return `${parts.join("; ")}. Verdict: ${verdict}.`;
}
