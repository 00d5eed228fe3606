/**
 * The cascade: for each indicator of a plan, each child region (a city below a province, a town
 * below a county) with its latest value, target and status; its share of the parent's value and
 * target; how much of the parent's gap it would close by meeting its own target; whether the
 * children's targets add up to the parent's (summable indicators only; a ratio such as R&D as a
 * share of GDP is compared with the parent's target line instead). Every number carries its origin:
 * reported, derived (from records), rolled_up (the children summed), plan (a target from a plan
 * file) or allocated (a target split from the parent's). Pure: no I/O.
 *
 * @example
 *   const c = cascade({ plan, indicators, parentSeries, children, year: 2020 });
 *   c.indicators[0].holds_back; // child codes, the largest contribution to the parent's gap first
 */
import type { CascadeChildInput, CascadePoint } from "../domain/cascade.ts";
import type { Comparator, Direction, Measure, Rollup } from "../domain/plan.ts";
import { formatPercent, formatValue } from "../lib/format.ts";
import type { Lang } from "../lib/lang.ts";
import { awaitingYear, type ChildStatus, type Origin } from "../lib/cascade-words.ts";

export type { CascadeChildInput, CascadePoint } from "../domain/cascade.ts";
export type { ChildStatus, Origin } from "../lib/cascade-words.ts";

/** A number with where it came from. */
export interface Figure {
  year: number;
  value: number;
  origin: Origin;
  source?: string | null;
  /** For a rolled-up figure: how many children it sums, of how many. */
  coverage?: { present: number; children: number };
}

export interface CascadeIndicator {
  id: string;
  zh: string;
  en: string;
  unit: string;
  measure: Measure;
  direction: Direction;
  comparator: Comparator;
  target: number;
  target_year: number;
  rollup: Rollup;
}

export interface CascadeInput {
  plan: { id: string; start_year: number; region: { code: string; zh: string; en: string } };
  indicators: CascadeIndicator[];
  /** The plan region's own series, by indicator id. */
  parentSeries: Record<string, CascadePoint[]>;
  children: CascadeChildInput[];
  /** Assess as at this year (default: the latest year with any figure). */
  year?: number;
}

export interface CascadeChildRow {
  code: string;
  zh: string;
  en: string;
  plan_id: string | null;
  latest: Figure | null;
  target: Figure | null;
  status: ChildStatus;
  /** The target year whose figure is missing, once the cascade's year has reached it ("in progress" only; else null). */
  awaiting_year: number | null;
  /** Sum indicators: the child's value over the parent's value of the same year. */
  share_of_parent_value: number | null;
  /** Sum indicators: the child's target over the parent's target. */
  share_of_parent_target: number | null;
  /** What the child still lacks of its own target (0 when met). */
  gap: number | null;
  /** How much of the parent's gap the child would close by meeting its own target. */
  contribution_to_parent_gap: number | null;
  share_of_parent_gap: number | null;
  /** Ratio indicators: whether the child's latest value meets the parent's target line. */
  meets_parent_target: boolean | null;
  /** The child's target year differs from the parent's. */
  target_year_differs: boolean;
}

export interface TargetsAddUp {
  parent_target: number;
  sum: number;
  children_with_target: number;
  children: number;
  /** parent target minus the children's targets (positive: the children's targets fall short). */
  shortfall: number;
  adds_up: boolean;
}

export interface CascadeIndicatorResult {
  id: string;
  zh: string;
  en: string;
  unit: string;
  rollup: Rollup;
  measure: Measure;
  parent: {
    latest: Figure | null;
    rolled_up: Figure | null;
    target: Figure;
    gap: number | null;
    status: ChildStatus;
    /** As a child's: the target year whose figure is missing, once the cascade's year has reached it. */
    awaiting_year: number | null;
  };
  children: CascadeChildRow[];
  targets_add_up: TargetsAddUp | null;
  /** Children with a value in the assessment year range, of all children. */
  coverage: { with_value: number; children: number };
  /** Child codes holding the parent back, largest contribution to its gap first. */
  holds_back: string[];
}

export interface CascadeResult {
  plan_id: string;
  region: { code: string; zh: string; en: string };
  year: number | null;
  indicators: CascadeIndicatorResult[];
}

const EPS = 1e-9;

/** Whether `value` meets `target` under `comparator`. */
export function meets(value: number, target: number, comparator: Comparator): boolean {
  switch (comparator) {
    case ">=":
      return value >= target - EPS;
    case ">":
      return value > target;
    case "<=":
      return value <= target + EPS;
    case "<":
      return value < target;
    default:
      return Math.abs(value - target) <= EPS;
  }
}

/**
 * The latest figure at or before `year`: for a cumulative measure the running total from
 * `start` (each year's own amount summed), else the year's value.
 */
export function latestFigure(points: CascadePoint[], measure: Measure, start: number, year: number): Figure | null {
  const upto = points.filter((p) => p.year <= year).sort((a, b) => a.year - b.year);
  const last = upto.at(-1);
  if (!last) return null;
  if (measure !== "cumulative") return { year: last.year, value: last.value, origin: last.origin, source: last.source ?? null };
  const inPlan = upto.filter((p) => p.year >= start);
  if (inPlan.length === 0) return null;
  const value = inPlan.reduce((a, p) => a + p.value, 0);
  const origin = inPlan.some((p) => p.origin === "derived") ? "derived" : "reported";
  return { year: last.year, value, origin, source: last.source ?? null };
}

/** What a figure still lacks of a target (0 when met), in the indicator's direction. */
export function gapTo(value: number, target: number, direction: Direction): number {
  return Math.max(0, direction === "decrease" ? value - target : target - value);
}

function statusOf(latest: Figure | null, target: { value: number; year: number; comparator: Comparator } | null): ChildStatus {
  if (!target) return latest ? "no_target" : "no_data";
  if (!latest) return "no_data";
  if (meets(latest.value, target.value, target.comparator)) return "achieved";
  return latest.year >= target.year ? "missed" : "in_progress";
}

/** The children's figures of one year summed, when the indicator is summable and any child has one. */
export function rollUp(children: { latest: Figure | null }[], year: number, rollup: Rollup): Figure | null {
  if (rollup !== "sum") return null;
  const present = children.filter((c) => c.latest && c.latest.year === year);
  if (present.length === 0) return null;
  const value = present.reduce((a, c) => a + (c.latest?.value ?? 0), 0);
  return { year, value, origin: "rolled_up", coverage: { present: present.length, children: children.length } };
}

/** Whether the children's targets add up to the parent's (summable indicators). */
export function targetsAddUp(parentTarget: number, targets: (number | null)[], direction: Direction): TargetsAddUp {
  const given = targets.filter((t): t is number => t !== null);
  const sum = given.reduce((a, b) => a + b, 0);
  const shortfall = parentTarget - sum;
  const adds_up = given.length === targets.length && (direction === "decrease" ? sum <= parentTarget + EPS : sum >= parentTarget - EPS);
  return { parent_target: parentTarget, sum, children_with_target: given.length, children: targets.length, shortfall, adds_up };
}

function childRow(ind: CascadeIndicator, child: CascadeChildInput, ctx: ParentContext, latest: Figure | null): CascadeChildRow {
  const t = child.targets[ind.id];
  const target = t ? { value: t.value, year: t.year, comparator: t.comparator ?? ind.comparator } : null;
  const sum = ind.rollup === "sum";
  const gap = target && latest ? gapTo(latest.value, target.value, ind.direction) : null;
  const status = statusOf(latest, target);
  const contribution = gap !== null && ctx.gap !== null ? Math.min(gap, ctx.gap) : null;
  return {
    code: child.code,
    zh: child.zh,
    en: child.en,
    plan_id: child.plan_id ?? null,
    latest,
    target: target ? { year: target.year, value: target.value, origin: t!.origin } : null,
    status,
    awaiting_year: awaitingYear(status, ctx.year, target?.year),
    share_of_parent_value:
      sum && latest && ctx.value && latest.year === ctx.value.year && ctx.value.value !== 0 ? latest.value / ctx.value.value : null,
    share_of_parent_target: sum && target && ind.target !== 0 ? target.value / ind.target : null,
    gap,
    contribution_to_parent_gap: sum ? contribution : null,
    share_of_parent_gap: sum && contribution !== null && ctx.gap ? contribution / ctx.gap : null,
    meets_parent_target: !sum && latest ? meets(latest.value, ind.target, ind.comparator) : null,
    target_year_differs: target !== null && target.year !== ind.target_year,
  };
}

interface ParentContext {
  start: number;
  year: number;
  value: Figure | null;
  gap: number | null;
}

/** The cascade of one indicator. */
export function cascadeIndicator(ind: CascadeIndicator, input: CascadeInput, year: number): CascadeIndicatorResult {
  const start = input.plan.start_year;
  const own = latestFigure(input.parentSeries[ind.id] ?? [], ind.measure, start, year);
  const first = input.children.map((c) => ({ latest: latestFigure(c.series[ind.id] ?? [], ind.measure, start, year) }));
  const rolledYear = own?.year ?? Math.max(...first.map((c) => c.latest?.year ?? Number.NEGATIVE_INFINITY));
  const rolled = Number.isFinite(rolledYear) ? rollUp(first, rolledYear, ind.rollup) : null;
  // The parent's own figure is used where it exists; the children's sum stands in only when it does not.
  const value = own ?? rolled;
  const gap = value ? gapTo(value.value, ind.target, ind.direction) : null;
  // Each child's latest figure is found once (the roll-up above uses it too).
  const children = input.children.map((c, i) => childRow(ind, c, { start, year, value, gap }, first[i].latest));
  const target = { value: ind.target, year: ind.target_year, comparator: ind.comparator };
  const status = statusOf(value, target);
  const holds_back = children
    .filter((c) => (c.contribution_to_parent_gap ?? 0) > 0)
    .sort((a, b) => (b.contribution_to_parent_gap ?? 0) - (a.contribution_to_parent_gap ?? 0))
    .map((c) => c.code);
  return {
    id: ind.id,
    zh: ind.zh,
    en: ind.en,
    unit: ind.unit,
    rollup: ind.rollup,
    measure: ind.measure,
    parent: {
      latest: own,
      rolled_up: rolled,
      target: { year: ind.target_year, value: ind.target, origin: "plan" },
      gap,
      status,
      awaiting_year: awaitingYear(status, year, ind.target_year),
    },
    children,
    targets_add_up:
      ind.rollup === "sum" && children.length > 0
        ? targetsAddUp(
            ind.target,
            children.map((c) => c.target?.value ?? null),
            ind.direction,
          )
        : null,
    coverage: { with_value: children.filter((c) => c.latest).length, children: children.length },
    holds_back,
  };
}

/** The latest year with any figure, for the parent or a child. */
export function latestYear(input: CascadeInput): number | null {
  let max = Number.NEGATIVE_INFINITY;
  const scan = (series: Record<string, CascadePoint[]>) => {
    for (const pts of Object.values(series)) for (const p of pts) max = Math.max(max, p.year);
  };
  scan(input.parentSeries);
  for (const c of input.children) scan(c.series);
  return Number.isFinite(max) ? max : null;
}

/** The whole cascade of a plan: every indicator, every child. */
export function cascade(input: CascadeInput): CascadeResult {
  const year = input.year ?? latestYear(input);
  return {
    plan_id: input.plan.id,
    region: input.plan.region,
    year,
    indicators: year === null ? [] : input.indicators.map((ind) => cascadeIndicator(ind, input, year)),
  };
}

/**
 * One sentence per indicator answering "which level holds the target back, and by how much",
 * in Chinese and English (the CLI and the page print the same sentence). Amounts are written by
 * lib/format.ts in the indicator's unit; `unitEn` is the plan's English unit word ("enterprises").
 */
export function cascadeSummary(r: CascadeIndicatorResult, unitEn?: string): { zh: string; en: string } {
  const amount = (x: number, lang: Lang) => formatValue(x, r.unit, lang, { unit_en: unitEn });
  const name = (c: CascadeChildRow, lang: "zh" | "en") => (lang === "zh" ? c.zh : c.en);
  if (r.parent.gap === null) return { zh: "本级没有数值，无法判断差距。", en: "no figure for this level, so no gap to share." };
  if (r.parent.gap === 0) return { zh: "本级已达到目标。", en: "this level has met its target." };
  const gapZh = amount(r.parent.gap, "zh");
  const gapEn = amount(r.parent.gap, "en");
  if (r.rollup === "ratio") {
    const below = r.children.filter((c) => c.meets_parent_target === false);
    return {
      zh: `本级差${gapZh}（比率指标，下级不相加）；低于本级目标线的下级：${below.map((c) => name(c, "zh")).join("、") || "无（或无数据）"}。`,
      en: `this level lacks ${gapEn} (a ratio: the children do not add up); children below this level's target line: ${below.map((c) => name(c, "en")).join(", ") || "none (or no data)"}.`,
    };
  }
  const top = r.holds_back.map((code) => r.children.find((c) => c.code === code)!).slice(0, 3);
  if (top.length > 0) {
    const zh = top
      .map((c) => `${c.zh}${amount(c.contribution_to_parent_gap!, "zh")}（${formatPercent(c.share_of_parent_gap!, "zh")}）`)
      .join("、");
    const en = top
      .map((c) => `${c.en} ${amount(c.contribution_to_parent_gap!, "en")} (${formatPercent(c.share_of_parent_gap!, "en")})`)
      .join(", ");
    return {
      zh: `本级差${gapZh}；下级完成各自目标可补上：${zh}。`,
      en: `this level lacks ${gapEn}; the children meeting their own targets would close: ${en}.`,
    };
  }
  const withTarget = r.children.filter((c) => c.target).length;
  return {
    zh: `本级差${gapZh}；${withTarget === 0 ? "下级没有目标（无下级计划或分解），无法分摊差距" : "有目标的下级都已完成或无数据"}。`,
    en: `this level lacks ${gapEn}; ${withTarget === 0 ? "no child has a target (no child plan or allocation), so the gap cannot be traced to them" : "every child with a target has met it or has no figure"}.`,
  };
}
