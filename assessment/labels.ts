/**
 * Words for the assessment's categories and the plain-language reasons it gives, in Chinese and
 * English. Pure data and small text builders: no I/O.
 *
 * @example
 *   STATUS_LABELS.needs_acceleration.zh; // "需加快"
 *   reason("status", "target_met", { year: 2019, value: 103, target: 100 }, { unit: "家" }).zh;
 *   // "2019年数值103家已达到目标100家，提前完成。"
 */
import { formatNumber, formatPercent, formatRatio, formatValue, MISSING } from "../lib/format.ts";
import type { Lang } from "../lib/lang.ts";
import type { Label } from "../lib/status.ts";
import type { Reason } from "./types.ts";

export { CN_LABELS, ESCAP_LABELS, EUROSTAT_LABELS, type Label, STATUS_LABELS } from "../lib/status.ts";

/** What a reason needs to write its numbers: the indicator's unit (and its English word). */
export interface ReasonUnit {
  unit: string;
  unit_en?: string;
}

/** How a parameter is written, by its name (one table, so no builder formats a number itself). */
const PARAM_KIND: Record<string, "year" | "count" | "amount" | "rate" | "ratio" | "percent"> = {
  year: "year",
  used: "year",
  start: "year",
  target_year: "year",
  count: "count",
  value: "amount",
  target: "amount",
  baseline: "amount",
  actual: "rate",
  required: "rate",
  ratio: "ratio",
  completion: "percent",
};

/**
 * One parameter as the shared formatter (lib/format.ts) writes it in `lang`: years plain ("2019"),
 * counts whole, amounts in the indicator's unit ("7.62亿元" / "CNY 762 million", "103家"), a yearly
 * pace with its decimals ("15.67项"), ratios with two decimals, shares as percentages with one.
 * Text passes through.
 */
export function formatParam(key: string, x: number | string, lang: Lang, u?: ReasonUnit): string {
  if (typeof x === "string") return x;
  if (!Number.isFinite(x)) return MISSING;
  const unit = u?.unit ?? "";
  const opts = { unit_en: u?.unit_en };
  switch (PARAM_KIND[key]) {
    case "year":
      return String(x);
    case "count":
      return formatNumber(x, lang, 0);
    case "amount":
      return unit ? formatValue(x, unit, lang, opts) : formatNumber(x, lang);
    case "rate":
      return unit ? formatValue(x, unit, lang, { ...opts, rate: true }) : formatNumber(x, lang);
    case "ratio":
      return formatRatio(x, lang);
    case "percent":
      return formatPercent(x, lang);
    default:
      return formatNumber(x, lang);
  }
}

type Params = Record<string, number | string>;
type Builder = (p: Params) => Label;

/** Builders read parameters already written for their language (see `reason`). */
const n = (p: Params, k: string): string => String(p[k]);

/**
 * The reason catalogue: one entry per code. Reasons are what a planner reads next to a blank cell
 * or a verdict, so they say what happened and, where there is one, what to do.
 */
const REASONS: Record<string, Builder> = {
  // data
  no_data: () => ({
    zh: "评估年份及以前没有该指标的数据，请补报。",
    en: "No figures up to the assessment year; please supply data.",
  }),
  no_plan_year_data: (p) => ({
    zh: `计划期（${n(p, "start")}年起）内没有该累计指标的数据，请补报各年当年值。`,
    en: `No figures for the plan years (from ${n(p, "start")}) of this cumulative indicator; please supply each year's own amount.`,
  }),
  non_finite_dropped: (p) => ({
    zh: `${n(p, "count")}条数值无效（非数字或无穷大）的记录未采用。`,
    en: `${n(p, "count")} record(s) with an invalid (non-numeric or infinite) value were ignored.`,
  }),
  baseline_missing: (p) => ({
    zh: `基期${n(p, "year")}年没有数据，基期改用其后最近有数据的${n(p, "used")}年。`,
    en: `No figure for the baseline year ${n(p, "year")}; the nearest later year with data (${n(p, "used")}) is used as the baseline.`,
  }),
  baseline_none: (p) => ({
    zh: `基期${n(p, "year")}年及以后没有数据，无法确定基期值。`,
    en: `No figure for the baseline year ${n(p, "year")} or any later year up to the assessment year, so there is no baseline.`,
  }),
  baseline_beyond_target: (p) => ({
    zh: `基期值${n(p, "baseline")}已达到目标${n(p, "target")}：目标在计划开始前已实现，进度类指标意义有限。`,
    en: `The baseline ${n(p, "baseline")} already meets the target ${n(p, "target")}: the target was met before the plan began, so progress measures mean little.`,
  }),
  cumulative_baseline: (p) => ({
    zh: `累计指标：基期为${n(p, "year")}年，基期值为0，计划期各年当年值相加。`,
    en: `Cumulative indicator: the baseline is 0 in ${n(p, "year")} and each plan year's own amount is added up.`,
  }),
  missing_years_lower_bound: (p) => ({
    zh: `计划期内${p.years}年缺少数据，累计值只是下限（实际可能更高）。`,
    en: `No figures for ${p.years_en} within the plan years: the total is a lower bound (the true total may be higher).`,
  }),
  pre_start_ignored: (p) => ({
    zh: `${n(p, "start")}年以前的数据不计入计划期累计值。`,
    en: `Figures before ${n(p, "start")} are not counted in the plan total.`,
  }),
  post_target_ignored: (p) => ({
    zh: `目标年${n(p, "target_year")}年以后的数据不计入计划期累计值。`,
    en: `Figures after the target year ${n(p, "target_year")} are not counted in the plan total.`,
  }),
  preliminary: (p) => ({
    zh: `${n(p, "year")}年数据为初步数（快报），正式数据公布后结论可能变化。`,
    en: `The ${n(p, "year")} figure is preliminary; the verdict may change when the final figure is published.`,
  }),
  target_year_value_used: (p) => ({
    zh: `已有目标年${n(p, "target_year")}年数据，最终结论按目标年数据判断（其后年份的数据不影响结论）。`,
    en: `The target year ${n(p, "target_year")} has a figure, so the final verdict uses it (later years do not change the verdict).`,
  }),
  after_target_latest_used: (p) => ({
    zh: `目标年${n(p, "target_year")}年没有数据，按其后最近的${n(p, "year")}年数据判断。`,
    en: `No figure for the target year ${n(p, "target_year")}; the verdict uses the later year ${n(p, "year")} instead.`,
  }),
  // metrics
  target_zero: () => ({
    zh: "目标值为0，无法计算实现程度（不能除以0）。",
    en: "The target is 0, so completion (latest ÷ target) cannot be computed.",
  }),
  latest_zero: () => ({
    zh: "最新值为0，无法计算下降类指标的实现程度（目标÷最新值）。",
    en: "The latest value is 0, so completion for a lower-is-better indicator (target ÷ latest) cannot be computed.",
  }),
  negative_values: () => ({
    zh: "最新值或目标值为负数，比值没有意义，不计算实现程度（见任务进度）。",
    en: "The latest value or the target is negative, so a ratio would mislead; completion is not given (see progress).",
  }),
  target_equals_baseline: () => ({
    zh: "目标值与基期值相同，计划要求的变化量为0，无法计算进度比例。",
    en: "The target equals the baseline, so the planned change is zero and progress cannot be expressed as a share.",
  }),
  baseline_is_latest: () => ({
    zh: "基期年没有数据，能代替它的只有最新年份本身：没有起点，无法计算进度和增速（是否完成目标仍按目标值判断）。请补报基期数据。",
    en: "No baseline-year figure, and the only later figure is the latest year itself: with no start point, progress and growth cannot be computed (achievement is still judged against the target). Please supply the baseline figure.",
  }),
  no_baseline: () => ({
    zh: "没有基期值，无法计算。",
    en: "There is no baseline value, so this cannot be computed.",
  }),
  no_latest: () => ({
    zh: "没有最新值，无法计算。",
    en: "There is no latest value, so this cannot be computed.",
  }),
  no_time_span: () => ({
    zh: "目标年与基期年相同，无法计算序时进度。",
    en: "The target year equals the baseline year, so time elapsed cannot be computed.",
  }),
  at_or_after_target_year: () => ({
    zh: "已到目标年，不再需要下一年的要求值。",
    en: "The target year has been reached; there is no next-year requirement.",
  }),
  already_met: () => ({
    zh: "目标已实现，只需保持在目标水平以上（或以下）。",
    en: "The target is already met; it only needs to be kept.",
  }),
  compound_impossible_linear_used: () => ({
    zh: "数值为0或正负号不同，无法按复合增长率推算，改按线性（每年等量）推算。",
    en: "A zero or sign change makes a compound path impossible, so a straight-line (equal yearly steps) path is used.",
  }),
  growth_not_applicable: () => ({
    zh: "累计指标不适用增长率，见年均进度（pace）。",
    en: "Growth rates do not apply to a total over the plan years; see pace instead.",
  }),
  pace_not_applicable: () => ({
    zh: "年均进度只适用于累计指标。",
    en: "Pace applies only to targets that are totals over the plan years.",
  }),
  single_point: () => ({
    zh: "只有一个年份的数据，至少需要两个年份才能计算趋势。",
    en: "Only one year of data; a trend needs at least two years.",
  }),
  opposite_signs: () => ({
    zh: "基期值与最新值（或目标值）正负号不同，无法计算增长率（Open SDG规则）。",
    en: "The baseline and the latest value (or the target) have opposite signs, so growth rates cannot be computed (Open SDG rule).",
  }),
  zero_replaced: () => ({
    zh: "基期值、最新值或目标值为0：按Open SDG规则以千分之一代替0计算增长比率，只用于判断进展类别，不显示增长率。",
    en: "A baseline, latest or target value is 0: the growth ratio uses one thousandth in its place (Open SDG rule), for the category only; no growth rate is shown.",
  }),
  zero_baseline_no_growth: () => ({
    zh: "基期值为0，不计算增长率。",
    en: "The baseline is 0: no growth rate.",
  }),
  zero_latest_no_growth: () => ({
    zh: "最新值为0，不计算增长率。",
    en: "The latest value is 0: no growth rate.",
  }),
  zero_target_no_growth: () => ({
    zh: "目标值为0，不计算增长率。",
    en: "The target is 0: no growth rate.",
  }),
  required_growth_zero: () => ({
    zh: "要求的增长率为0（目标等于基期值），无法计算增长比率。",
    en: "The required growth rate is 0 (target equals baseline), so the growth ratio cannot be computed.",
  }),
  not_finite: () => ({
    zh: "计算结果超出数值范围，无法给出。",
    en: "The result is out of numeric range, so it is not given.",
  }),
  required_pace_zero: () => ({
    zh: "累计目标为0，要求的年均进度为0，无法计算进度比率。",
    en: "The total target is 0, so the required pace is 0 and the pace ratio cannot be computed.",
  }),
  no_plan_years: () => ({
    zh: "目标年早于计划起始年，计划期年数不为正，无法计算年均进度。",
    en: "The target year is before the plan's start year, so there are no plan years to spread the total over.",
  }),
  linear_needs_two: () => ({
    zh: "基期以来少于两个年份的数据，无法拟合线性趋势。",
    en: "Fewer than two years of data since the baseline, so no straight-line trend can be fitted.",
  }),
  no_compound_projection: () => ({
    zh: "没有实际增长率，无法按复合增长推算目标年数值。",
    en: "No actual growth rate, so there is no compound projection to the target year.",
  }),
  linear_projection_used: () => ({
    zh: "复合增长推算不可用，预期进度改用线性趋势推算。",
    en: "The compound projection is unavailable, so anticipated progress uses the straight-line projection.",
  }),
  no_projection: () => ({
    zh: "没有可用的目标年推算值。",
    en: "No projection to the target year is available.",
  }),
  category_unavailable: () => ({
    zh: "所需数值缺失，该方法无法给出类别。",
    en: "A value this method needs is missing, so it gives no category.",
  }),
  // status
  final_achieved: (p) => ({
    zh: `目标年${n(p, "year")}年数值${n(p, "value")}达到目标${n(p, "target")}，目标已完成（实现程度${n(p, "completion")}）。`,
    en: `The ${n(p, "year")} value ${n(p, "value")} meets the target ${n(p, "target")}: achieved (completion ${n(p, "completion")}).`,
  }),
  final_missed: (p) => ({
    zh: `目标年${n(p, "year")}年数值${n(p, "value")}未达到目标${n(p, "target")}，目标未完成（实现程度${n(p, "completion")}）。`,
    en: `The ${n(p, "year")} value ${n(p, "value")} does not meet the target ${n(p, "target")}: missed (completion ${n(p, "completion")}).`,
  }),
  target_met: (p) => ({
    zh: `${n(p, "year")}年数值${n(p, "value")}已达到目标${n(p, "target")}，提前完成。`,
    en: `The ${n(p, "year")} value ${n(p, "value")} already meets the target ${n(p, "target")}: achieved early.`,
  }),
  ratio_on_track: (p) => ({
    zh: `实际增速与要求增速之比为${n(p, "ratio")}（≥0.95），照此速度可按期完成。`,
    en: `Actual growth is ${n(p, "ratio")} times the required growth (at least 0.95): at this pace the target will be met on time.`,
  }),
  ratio_needs_acceleration: (p) => ({
    zh: `实际增速与要求增速之比为${n(p, "ratio")}（0.60至0.95之间），方向正确但需加快。`,
    en: `Actual growth is ${n(p, "ratio")} times the required growth (between 0.60 and 0.95): moving the right way, but it needs to speed up.`,
  }),
  ratio_off_track: (p) => ({
    zh: `实际增速与要求增速之比为${n(p, "ratio")}（0至0.60之间），进展明显不足。`,
    en: `Actual growth is only ${n(p, "ratio")} times the required growth (between 0 and 0.60): far too slow to meet the target.`,
  }),
  ratio_regressing: (p) => ({
    zh: `实际增速与要求增速之比为${n(p, "ratio")}（小于0），指标朝背离目标的方向变化。`,
    en: `The growth ratio is ${n(p, "ratio")} (below 0): the indicator is moving away from the target.`,
  }),
  flat_target_not_met_away: (p) => ({
    zh: `目标等于基期值${n(p, "baseline")}，最新值${n(p, "value")}已背离目标。`,
    en: `The target equals the baseline ${n(p, "baseline")} and the latest value ${n(p, "value")} has moved away from it.`,
  }),
  flat_target_not_met: (p) => ({
    zh: `目标等于基期值${n(p, "baseline")}，最新值${n(p, "value")}仍未达到目标。`,
    en: `The target equals the baseline ${n(p, "baseline")} and the latest value ${n(p, "value")} does not yet meet it.`,
  }),
  status_no_data: () => ({
    zh: "没有数据，无法评估。",
    en: "No data, so the indicator cannot be assessed.",
  }),
  status_single_point: () => ({
    zh: "基期以来只有一个年份的数据，无法判断趋势。",
    en: "Only one year of data since the baseline, so there is no trend to judge.",
  }),
  status_no_ratio: () => ({
    zh: "无法计算增长比率（见相关说明），暂不能判断进度。",
    en: "The growth ratio cannot be computed (see the other notes), so progress cannot be judged yet.",
  }),
  // cumulative pace
  pace_on_track: (p) => ({
    zh: `年均完成${n(p, "actual")}，要求年均${n(p, "required")}，比率${n(p, "ratio")}（≥0.95），照此进度可按期完成。`,
    en: `The yearly pace so far is ${n(p, "actual")} against ${n(p, "required")} required (ratio ${n(p, "ratio")}, at least 0.95): on course.`,
  }),
  pace_needs_acceleration: (p) => ({
    zh: `年均完成${n(p, "actual")}，要求年均${n(p, "required")}，比率${n(p, "ratio")}（0.60至0.95之间），需加快。`,
    en: `The yearly pace so far is ${n(p, "actual")} against ${n(p, "required")} required (ratio ${n(p, "ratio")}, between 0.60 and 0.95): needs to speed up.`,
  }),
  pace_off_track: (p) => ({
    zh: `年均完成${n(p, "actual")}，要求年均${n(p, "required")}，比率${n(p, "ratio")}（小于0.60），进展明显不足。`,
    en: `The yearly pace so far is ${n(p, "actual")} against ${n(p, "required")} required (ratio ${n(p, "ratio")}, below 0.60): far too slow.`,
  }),
  pace_regressing: (p) => ({
    zh: `累计值为负（比率${n(p, "ratio")}），朝背离目标的方向变化。`,
    en: `The total is negative (ratio ${n(p, "ratio")}): moving away from the target.`,
  }),
  cap_pace: (p) => ({
    zh: `该累计指标为上限（越低越好）：比率为要求年均值${n(p, "required")}除以实际年均值${n(p, "actual")}。`,
    en: `This total is a cap (lower is better): the ratio is the allowed yearly pace ${n(p, "required")} divided by the actual pace ${n(p, "actual")}.`,
  }),
  // what-if
  scenario_invalid: () => ({
    zh: "情景参数不是有效数字，无法推算。",
    en: "The scenario's numbers are not valid, so nothing can be projected.",
  }),
  scenario_growth_too_low: () => ({
    zh: "增长率不能小于或等于-100%。",
    en: "A growth rate must be above -100%.",
  }),
  scenario_trend: () => ({
    zh: "未设定情景，按目前趋势推算。",
    en: "No scenario given: the current trend is projected.",
  }),
  scenario_past_target: () => ({
    zh: "已有目标年（或以后）的数据，结论已定，情景不适用。",
    en: "Figures exist for the target year (or later), so the verdict is final and the scenario does not apply.",
  }),
  scenario_projected: (p) => ({
    zh: `按此情景，${n(p, "year")}年预计为${n(p, "value")}。`,
    en: `Under this scenario the ${n(p, "year")} value would be ${n(p, "value")}.`,
  }),
};

/** Every parameter written for `lang` by formatParam. */
function written(params: Params, lang: Lang, u?: ReasonUnit): Params {
  return Object.fromEntries(Object.entries(params).map(([k, v]) => [k, formatParam(k, v, lang, u)]));
}

/**
 * Build a reason for `field` from the catalogue. Numbers in `params` are written by the shared
 * formatter, in each language, with the indicator's unit `u` (see formatParam); the builder is run
 * once per language. Unknown codes fall back to a generic text.
 */
export function reason(field: string, code: string, params: Params = {}, u?: ReasonUnit): Reason {
  const build = REASONS[code];
  if (!build) return { field, code, zh: `无法计算（${code}）。`, en: `Cannot be computed (${code}).` };
  return { field, code, zh: build(written(params, "zh", u)).zh, en: build(written(params, "en", u)).en };
}
