/**
 * The sentences a report says about an indicator: the interim (trend) verdict and the final one.
 * Pure.
 *
 * @example
 *   indicatorSentence(a, plan, 2020, "zh"); // "技术交易合同成交额2020年达到2.3亿元，完成目标的115.0%，实现目标。"
 *   finalSentence(a, verdict, plan, "zh");  // "…2020年为103家，完成目标（100家以上）的103.0%，超额3家，评价为完成。"
 */
import { GRADE_LABELS, type IndicatorVerdict } from "../../assessment/final.ts";
import { STATUS_LABELS } from "../../assessment/labels.ts";
import type { IndicatorAssessment } from "../../assessment/types.ts";
import type { Plan } from "../../domain/plan.ts";
import { amount, gapText, type Lang, percent, ratio, roundForUnit, t, targetText } from "../format.ts";

export function measureLabel(a: IndicatorAssessment, plan: Plan, lang: Lang): string {
  if (a.measure === "cumulative") {
    const T = a.target.year;
    return t(lang, `计划期累计（${plan.start_year}-${T}年合计）`, `total over the plan years (${plan.start_year}-${T})`);
  }
  return t(lang, "年度值", "yearly value");
}

const TREND_VERDICT: Record<"on_track" | "needs_acceleration" | "off_track" | "regressing", { zh: string; en: string }> = {
  on_track: { zh: "进度正常，可望按期实现目标", en: "on track to meet the target on time" },
  needs_acceleration: { zh: "方向正确但需加快进度", en: "moving the right way but needs to speed up" },
  off_track: { zh: "进展不足，按现有速度难以按期实现目标", en: "off track, too slow to meet the target on time" },
  regressing: { zh: "指标倒退，背离目标方向", en: "regressing, moving away from the target" },
};

/**
 * The generated verdict sentence for one indicator, e.g.
 * "技术交易合同成交额2020年达到2.3亿元，完成目标的115%，实现目标。"
 */
export function indicatorSentence(a: IndicatorAssessment, plan: Plan, year: number, lang: Lang): string {
  const name = lang === "zh" ? a.zh : a.en;
  const U = (x: number | null) => amount(x, a.unit, a.unit_en, lang);
  const tgt = targetText(a.target.value, a.target.comparator, a.unit, a.unit_en, lang);
  const T = a.target.year;
  const extra = a.reasons
    .filter((r) => r.code === "preliminary" || r.code === "missing_years_lower_bound")
    .map((r) => r[lang])
    .join(lang === "zh" ? "" : " ");
  const tail = extra ? (lang === "zh" ? extra : ` ${extra}`) : "";

  if (!a.latest) {
    return t(
      lang,
      `${name}截至${year}年没有可用数据，无法评估，请补报数据。`,
      `${name}: no figures up to ${year}, so it cannot be assessed; please supply data.`,
    );
  }
  const v = a.latest.value;
  const ly = a.latest.year;
  const cum = a.measure === "cumulative";
  const span = `${plan.start_year}-${ly}`;
  const c = a.completion;
  const pct = percent(c);

  if (a.status === "achieved" && ly >= T) {
    const zh = cum
      ? `${name}${span}年累计达到${U(v)}，完成目标的${pct}，实现目标。`
      : `${name}${ly}年达到${U(v)}，完成目标的${pct}，实现目标。`;
    const en = cum
      ? `${name} totalled ${U(v)} over ${span}, ${pct} of the target (${tgt}): target achieved.`
      : `${name} reached ${U(v)} in ${ly}, ${pct} of the target (${tgt}): target achieved.`;
    return t(lang, zh, en) + tail;
  }
  if (a.status === "missed") {
    const short = c !== null ? Math.max(0, 1 - c) : null;
    const gapZh = a.gap !== null ? `，差${U(a.gap)}${short !== null ? `（相差${percent(short)}）` : ""}` : "";
    const gapEn = a.gap !== null ? ` by ${U(a.gap)}${short !== null ? ` (${percent(short)} short)` : ""}` : "";
    const zh = cum
      ? `${name}${span}年累计${U(v)}${c !== null ? `，完成目标（${tgt}）的${pct}` : `（目标${tgt}）`}，未实现目标${gapZh}。`
      : `${name}${ly}年为${U(v)}${c !== null ? `，完成目标（${tgt}）的${pct}` : `（目标${tgt}）`}，未实现目标${gapZh}。`;
    const en = cum
      ? `${name} totalled ${U(v)} over ${span}${c !== null ? `, ${pct} of the target (${tgt})` : ` (target ${tgt})`}: target missed${gapEn}.`
      : `${name} stood at ${U(v)} in ${ly}${c !== null ? `, ${pct} of the target (${tgt})` : ` (target ${tgt})`}: target missed${gapEn}.`;
    return t(lang, zh, en) + tail;
  }
  if (a.status === "achieved") {
    const zh = cum
      ? `${name}${span}年累计已达到${U(v)}，完成${T}年目标（${tgt}）的${pct}，提前实现目标。`
      : `${name}${ly}年已达到${U(v)}，完成${T}年目标（${tgt}）的${pct}，提前实现目标。`;
    const en = cum
      ? `${name} already totalled ${U(v)} over ${span}, ${pct} of the ${T} target (${tgt}): achieved ahead of time.`
      : `${name} already reached ${U(v)} in ${ly}, ${pct} of the ${T} target (${tgt}): achieved ahead of time.`;
    return t(lang, zh, en) + tail;
  }
  const headZh = cum ? `${name}${span}年累计${U(v)}` : `${name}${ly}年为${U(v)}`;
  const headEn = cum ? `${name} totalled ${U(v)} over ${span}` : `${name} stood at ${U(v)} in ${ly}`;
  const doneZh = c !== null ? `，完成${T}年目标（${tgt}）的${pct}` : `（${T}年目标${tgt}）`;
  const doneEn = c !== null ? `, ${pct} of the ${T} target (${tgt})` : ` (${T} target ${tgt})`;
  if (a.status === "insufficient_data") {
    const why = a.reasons.find((r) => r.field === "status")?.[lang] ?? "";
    return (
      t(lang, `${headZh}${doneZh}；数据不足，暂不能判断进度：${why}`, `${headEn}${doneEn}; not enough data to judge progress: ${why}`) +
      tail
    );
  }
  let howZh = "";
  let howEn = "";
  if (cum && a.pace && a.pace.actual !== null && a.pace.required !== null) {
    howZh = `；年均完成${U(unitRound(a, a.pace.actual))}，按期完成需年均${U(unitRound(a, a.pace.required))}（比率${ratio(a.growth_ratio)}）`;
    howEn = `; the yearly pace is ${U(unitRound(a, a.pace.actual))} against ${U(unitRound(a, a.pace.required))} required (ratio ${ratio(a.growth_ratio)})`;
  } else if (!cum && a.growth_shown.actual !== null && a.growth_shown.required !== null && a.baseline) {
    howZh = `；${a.baseline.year}-${ly}年年均增长${percent(a.growth_shown.actual)}，按期完成需年均增长${percent(a.growth_shown.required)}（比率${ratio(a.growth_ratio)}）`;
    howEn = `; annual growth of ${percent(a.growth_shown.actual)} over ${a.baseline.year}-${ly} against ${percent(a.growth_shown.required)} required (ratio ${ratio(a.growth_ratio)})`;
  }
  const verdict = TREND_VERDICT[a.status as keyof typeof TREND_VERDICT] ?? {
    zh: STATUS_LABELS[a.status].zh,
    en: STATUS_LABELS[a.status].en,
  };
  const gapZh = a.gap !== null && a.gap > 0 ? `距目标尚差${U(a.gap)}。` : "";
  const gapEn = a.gap !== null && a.gap > 0 ? ` ${U(a.gap)} still to go.` : "";
  return t(lang, `${headZh}${doneZh}${howZh}，${verdict.zh}。${gapZh}`, `${headEn}${doneEn}${howEn}: ${verdict.en}.${gapEn}`) + tail;
}

/** Reason codes that only say a metric does not apply: noise in a report. */
export const QUIET_CODES = new Set([
  "pace_not_applicable",
  "growth_not_applicable",
  "at_or_after_target_year",
  "category_unavailable",
  "already_met",
]);

export function reasonFor(a: IndicatorAssessment, field: string, lang: Lang): string {
  const r = a.reasons.find((x) => x.field === field && !QUIET_CODES.has(x.code)) ?? a.reasons.find((x) => x.field === field);
  return r ? r[lang] : "";
}

/**
 * The final verdict for an indicator as one sentence: the target-year figure, completion, the gap
 * as 差N / 超额N and the grade; or, without a target-year figure, that no final verdict is possible.
 */
export function finalSentence(a: IndicatorAssessment, v: IndicatorVerdict, plan: Plan, lang: Lang): string {
  const name = lang === "zh" ? a.zh : a.en;
  const U = (x: number | null) => amount(x, a.unit, a.unit_en, lang);
  const tgt = targetText(a.target.value, a.target.comparator, a.unit, a.unit_en, lang);
  const T = a.target.year;
  const grade = GRADE_LABELS[v.grade][lang];
  if (v.grade === "no_data") {
    const last = a.latest
      ? t(lang, `，最新数据为${a.latest.year}年${U(a.latest.value)}`, `; the latest figure is ${U(a.latest.value)} (${a.latest.year})`)
      : "";
    return t(
      lang,
      `${name}缺少${T}年数据${last}，${grade}（目标${tgt}）。`,
      `${name}: no figure for ${T}${last}. ${grade} (target ${tgt}).`,
    );
  }
  const cum = a.measure === "cumulative";
  const ly = a.latest!.year;
  const head = cum
    ? t(
        lang,
        `${name}${plan.start_year}-${ly}年累计${U(a.latest!.value)}`,
        `${name} totalled ${U(a.latest!.value)} over ${plan.start_year}-${ly}`,
      )
    : t(lang, `${name}${ly}年为${U(a.latest!.value)}`, `${name} stood at ${U(a.latest!.value)} in ${ly}`);
  const done =
    v.completion !== null
      ? t(lang, `，完成目标（${tgt}）的${percent(v.completion)}`, `, ${percent(v.completion)} of the target (${tgt})`)
      : t(lang, `（目标${tgt}）`, ` (target ${tgt})`);
  const gap = v.gap !== null ? t(lang, `，${gapText(v.gap, a.unit, a.unit_en, lang)}`, `, ${gapText(v.gap, a.unit, a.unit_en, lang)}`) : "";
  return t(lang, `${head}${done}${gap}，评价为${grade}。`, `${head}${done}${gap}: ${grade.toLowerCase()}.`);
}

/** A value rounded as the indicator's unit allows (whole counts), for requirements and projections. */
export const unitRound = (a: IndicatorAssessment, x: number | null): number | null => (x === null ? null : roundForUnit(x, a.unit));
