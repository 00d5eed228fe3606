/**
 * The end-of-plan assessment report (终期评估报告) as data: a `Report` built from a PlanAssessment,
 * the observation history (every vintage), the source files and the rejected rows. Every format
 * (XLSX, PDF/HTML, Markdown, CSV, JSON) renders this one object, so they agree by construction.
 *
 * Text in a Report is plain text (never markup); renderers escape it for their format. Table cells
 * keep real numbers with a `kind` saying how to show them.
 *
 * Pure: no I/O.
 *
 * @example
 *   const report = buildReport({ plan, assessment, history, files, rejected, lang: "zh" });
 *   report.indicators[0].sentence; // "技术交易合同成交额2020年达到2.3亿元，完成目标的115%，实现目标。"
 */
import { CN_LABELS, ESCAP_LABELS, EUROSTAT_LABELS, STATUS_LABELS } from "../assessment/labels.ts";
import { THRESHOLDS } from "../assessment/methods.ts";
import type { IndicatorAssessment, PlanAssessment, Status } from "../assessment/types.ts";
import { supersedes, type VintageStatus } from "../domain/observation.ts";
import type { Plan } from "../domain/plan.ts";
import type { ObservationRow, RejectedRecord, SourceFileRow } from "../warehouse/read.ts";
import {
  amount,
  comparatorSymbol,
  joinList,
  type Lang,
  num,
  percent,
  ratio,
  t,
  targetText,
  timestamp,
  unitLabel,
  vintageLabel,
  yearList,
} from "./format.ts";

export type { Lang } from "./format.ts";

// ---------------------------------------------------------------------------------------------
// The report's shape
// ---------------------------------------------------------------------------------------------

/** How a cell is shown: a real number (in the indicator's unit), a share shown as %, a year … */
export type CellKind = "text" | "number" | "integer" | "percent" | "ratio" | "year" | "date";
export type Cell = string | number | null;

export interface Column {
  key: string;
  label: string;
  kind: CellKind;
  /** Long text (sentences): wrap in spreadsheets. */
  wide?: boolean;
}

export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Cell[][];
  /** Said instead of an empty table. */
  empty: string;
}

export interface Field {
  label: string;
  value: string;
}

export interface ChartPoint {
  year: number;
  value: number;
  preliminary: boolean;
  /** Running total for cumulative measures (plan years only). */
  cumulative: number | null;
}

export interface ChartSpec {
  title: string;
  unit: string;
  measure: "level" | "cumulative";
  points: ChartPoint[];
  target: { year: number; value: number; label: string };
  baselineYear: number;
  startYear: number;
  /** Words used inside the chart. */
  legend: { value: string; cumulative: string; target: string; preliminary: string; baseline: string; missing: string };
}

export interface IndicatorSection {
  id: string;
  name: string;
  headline: boolean;
  status: Status;
  statusLabel: string;
  /** The generated verdict sentence. */
  sentence: string;
  fields: Field[];
  chart: ChartSpec;
  series: Table;
  metrics: Table;
  methods: Table;
  /** Notes and caveats from the assessment (plain sentences). */
  notes: string[];
}

export type Block =
  | { kind: "heading"; text: string }
  | { kind: "paragraph"; text: string; style?: "verdict" | "note" | "warning" }
  | { kind: "list"; items: string[] }
  | { kind: "fields"; items: Field[] }
  | { kind: "table"; table: Table }
  /** An indicator's section, by id (see `Report.indicators`). */
  | { kind: "indicator"; id: string };

export type SectionId = "summary" | "indicators" | "tasks" | "units" | "quality" | "methodology";

export interface Section {
  id: SectionId;
  title: string;
  blocks: Block[];
}

export interface Report {
  version: 1;
  lang: Lang;
  /** ISO timestamp of generation. */
  generated_at: string;
  title: string;
  subtitle: string;
  /** A warning shown on the cover and in every format (synthetic data). */
  warning: string | null;
  cover: { fields: Field[]; sources: string[]; files: string[] };
  summary: { sentence: string; sentence_all: string };
  sections: Section[];
  indicators: IndicatorSection[];
  /** Flat tables, as the spreadsheet and CSV show them. */
  tables: {
    indicators: Table;
    series: Table;
    raw: Table;
    counts: Table;
    headline: Table;
    others: Table;
    tasks: Table;
    units: Table;
    files: Table;
    missing: Table;
    preliminary: Table;
    rejected: Table;
    conflicts: Table;
  };
  methodology: { heading: string; paragraphs: string[] }[];
  /** Section, sheet and format words the renderers share. */
  words: ReportWords;
}

export interface ReportWords {
  cover: string;
  contents: string;
  series: string;
  raw: string;
  chart: string;
  metrics: string;
  methods: string;
  notes: string;
  page: string;
  of: string;
  none: string;
}

export interface ReportInput {
  plan: Plan;
  assessment: PlanAssessment;
  /** Every vintage (readObservations with history: true). */
  history: ObservationRow[];
  files: SourceFileRow[];
  rejected: RejectedRecord[];
  lang: Lang;
  /** When the report is generated (default now). */
  generatedAt?: Date;
}

// ---------------------------------------------------------------------------------------------
// Vintages: which figure was used, which were superseded
// ---------------------------------------------------------------------------------------------

interface Vintage extends ObservationRow {
  known_on: string;
  /** Known on the as-of date (always true without as-of). */
  known: boolean;
  used: boolean;
}

const key = (indicator: string, year: number) => `${indicator}\u0000${year}`;

/** Mark, per indicator and year, the vintage the assessment used (same rule as the engine). */
export function markVintages(history: ObservationRow[], regionCode: string, asOf: string | null): Vintage[] {
  const rows: Vintage[] = history
    .filter((r) => r.region === regionCode)
    .map((r) => {
      const known_on = (r.published ?? r.ingested_at ?? "").slice(0, 10);
      return { ...r, known_on, known: !asOf || !known_on || known_on <= asOf, used: false };
    });
  const winners = new Map<string, Vintage>();
  const k = (v: Vintage) => ({ published: v.known_on || null, status: v.status, seq: Number(v.seq) || 0 });
  for (const v of rows) {
    if (!v.known || !Number.isFinite(v.value)) continue;
    const cur = winners.get(key(v.indicator, v.year));
    if (!cur || !supersedes(k(cur), k(v))) winners.set(key(v.indicator, v.year), v);
  }
  for (const v of winners.values()) v.used = true;
  return rows;
}

function whyWins(a: Vintage, b: Vintage, lang: Lang): string {
  if (!b.known)
    return t(lang, `发布于评估截止日期之后（${b.known_on}），未采用`, `published after the as-of date (${b.known_on}), not used`);
  if (a.known_on && b.known_on && a.known_on !== b.known_on)
    return t(lang, `发布日期较晚（${a.known_on}晚于${b.known_on}）`, `published later (${a.known_on} after ${b.known_on})`);
  const rank = { preliminary: 0, final: 1, revised: 2 } as Record<VintageStatus, number>;
  if (rank[a.status] !== rank[b.status])
    return t(
      lang,
      `数据阶段较后（${vintageLabel(a.status, lang)}优先于${vintageLabel(b.status, lang)}）`,
      `later stage (${vintageLabel(a.status, lang)} over ${vintageLabel(b.status, lang)})`,
    );
  return t(lang, "导入较晚", "ingested later");
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

const statusLabel = (s: Status | null, lang: Lang) => (s ? STATUS_LABELS[s][lang] : t(lang, "无量化指标", "no quantitative indicator"));

function measureLabel(a: IndicatorAssessment, plan: Plan, lang: Lang): string {
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
    howZh = `；年均完成${U(a.pace.actual)}，按期完成需年均${U(a.pace.required)}（比率${ratio(a.growth_ratio)}）`;
    howEn = `; the yearly pace is ${U(a.pace.actual)} against ${U(a.pace.required)} required (ratio ${ratio(a.growth_ratio)})`;
  } else if (!cum && a.cagr_actual !== null && a.cagr_required !== null && a.baseline) {
    howZh = `；${a.baseline.year}-${ly}年年均增长${percent(a.cagr_actual)}，按期完成需年均增长${percent(a.cagr_required)}（比率${ratio(a.growth_ratio)}）`;
    howEn = `; annual growth of ${percent(a.cagr_actual)} over ${a.baseline.year}-${ly} against ${percent(a.cagr_required)} required (ratio ${ratio(a.growth_ratio)})`;
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
const QUIET_CODES = new Set([
  "pace_not_applicable",
  "growth_not_applicable",
  "at_or_after_target_year",
  "category_unavailable",
  "already_met",
]);

function reasonFor(a: IndicatorAssessment, field: string, lang: Lang): string {
  const r = a.reasons.find((x) => x.field === field && !QUIET_CODES.has(x.code)) ?? a.reasons.find((x) => x.field === field);
  return r ? r[lang] : "";
}

// ---------------------------------------------------------------------------------------------
// Building
// ---------------------------------------------------------------------------------------------

const col = (key: string, label: string, kind: CellKind, wide = false): Column => ({ key, label, kind, ...(wide ? { wide } : {}) });

function table(id: string, title: string, columns: Column[], rows: Cell[][], empty: string): Table {
  return { id, title, columns, rows, empty };
}

const yes = (b: boolean, lang: Lang) => (b ? t(lang, "是", "yes") : t(lang, "否", "no"));

export function buildReport(input: ReportInput): Report {
  const { plan, assessment: A, lang } = input;
  const L = (zh: string, en: string) => t(lang, zh, en);
  const generated = input.generatedAt ?? new Date();
  const Y = A.year;
  const indicatorById = new Map(plan.indicators.map((i) => [i.id, i]));
  const unitById = new Map(plan.units.map((u) => [u.id, u]));
  const unitName = (id: string) => {
    const u = unitById.get(id);
    return u ? (lang === "zh" ? u.zh : u.en) : id;
  };
  const indName = (a: { zh: string; en: string }) => (lang === "zh" ? a.zh : a.en);
  const assessById = new Map(A.indicators.map((a) => [a.id, a]));
  const vintages = markVintages(input.history, plan.region.code, A.as_of);
  const usedBy = new Map<string, Vintage>();
  for (const v of vintages) if (v.used) usedBy.set(key(v.indicator, v.year), v);
  const othersBy = new Map<string, Vintage[]>();
  for (const v of vintages) {
    if (v.used) continue;
    const k = key(v.indicator, v.year);
    othersBy.set(k, [...(othersBy.get(k) ?? []), v]);
  }
  const synthetic =
    plan.synthetic ||
    input.files.some((f) => /synthetic|合成/i.test(f.name)) ||
    input.history.some((r) => /合成示例|synthetic/i.test(`${r.source ?? ""} ${r.note ?? ""}`));
  const warning = synthetic
    ? L(
        "注意：本报告使用的数据含合成示例数据（演示用，虚构，非官方统计），结论不代表实际情况。",
        "Note: this report uses synthetic demonstration data (invented, not official statistics); its verdicts do not describe reality.",
      )
    : null;

  const title = L(`${plan.title.zh}终期评估报告`, `End-of-plan assessment: ${plan.title.en}`);
  const subtitle = L(`${plan.document}　${plan.region.zh}　评估年份${Y}年`, `${plan.document} · ${plan.region.en} · assessed at ${Y}`);

  // ---- indicators ---------------------------------------------------------------------------
  const sentences = new Map(A.indicators.map((a) => [a.id, indicatorSentence(a, plan, Y, lang)]));
  const sourcesOf = (id: string): string[] => [
    ...new Set(vintages.filter((v) => v.used && v.indicator === id && v.year <= Y && v.source).map((v) => v.source as string)),
  ];
  const tasksOf = (a: IndicatorAssessment) => a.tasks.map((id) => `${id}`).join(lang === "zh" ? "、" : ", ");

  const indicatorColumns: Column[] = [
    col("id", L("指标代码", "Indicator id"), "text"),
    col("name", L("指标", "Indicator"), "text"),
    col("headline", L("主要指标", "Headline"), "text"),
    col("unit", L("单位", "Unit"), "text"),
    col("measure", L("口径", "Measure"), "text"),
    col("baseline_year", L("基期年份", "Baseline year"), "year"),
    col("baseline", L("基期值", "Baseline"), "number"),
    col("latest_year", L("最新年份", "Latest year"), "year"),
    col("latest", L("最新值", "Latest"), "number"),
    col("latest_status", L("最新值状态", "Latest figure"), "text"),
    col("target_year", L("目标年份", "Target year"), "year"),
    col("comparator", L("目标要求", "Comparator"), "text"),
    col("target", L("目标值", "Target"), "number"),
    col("completion", L("实现程度", "Completion"), "percent"),
    col("progress", L("任务进度", "Progress"), "percent"),
    col("time_elapsed", L("序时进度", "Time elapsed"), "percent"),
    col("gap", L("距目标差距", "Gap to target"), "number"),
    col("cagr_actual", L("实际年均增速", "Actual yearly growth"), "percent"),
    col("cagr_required", L("要求年均增速", "Required yearly growth"), "percent"),
    col("ratio", L("增速（进度）比率", "Growth (pace) ratio"), "ratio"),
    col("anticipated_progress", L("预期进度", "Anticipated progress"), "ratio"),
    col("status", L("评估结论", "Verdict"), "text"),
    col("cn", L("中国规划评估", "Chinese review"), "text"),
    col("eurostat", "Eurostat", "text"),
    col("escap", "UN ESCAP", "text"),
    col("sentence", L("评估说明", "Assessment"), "text", true),
    col("sources", L("数据来源", "Sources"), "text", true),
    col("tasks", L("关联任务", "Tasks"), "text"),
  ];
  const indicatorRows: Cell[][] = A.indicators.map((a) => [
    a.id,
    indName(a),
    yes(a.headline, lang),
    unitLabel(a.unit, a.unit_en, lang),
    measureLabel(a, plan, lang),
    a.baseline?.year ?? null,
    a.baseline?.value ?? null,
    a.latest?.year ?? null,
    a.latest?.value ?? null,
    a.latest ? vintageLabel(a.latest.status, lang) : null,
    a.target.year,
    comparatorSymbol(a.target.comparator),
    a.target.value,
    a.completion,
    a.progress,
    a.time_elapsed,
    a.gap,
    a.cagr_actual,
    a.cagr_required,
    a.growth_ratio,
    a.anticipated_progress,
    statusLabel(a.status, lang),
    a.methods.cn.category ? CN_LABELS[a.methods.cn.category][lang] : "—",
    a.methods.eurostat.category ? EUROSTAT_LABELS[a.methods.eurostat.category][lang] : "—",
    a.methods.escap.category ? ESCAP_LABELS[a.methods.escap.category][lang] : "—",
    sentences.get(a.id) ?? "",
    sourcesOf(a.id).join("; "),
    tasksOf(a),
  ]);

  const seriesColumns = (withIndicator: boolean, unit?: string, withCumulative = true): Column[] => [
    ...(withIndicator ? [col("indicator", L("指标", "Indicator"), "text"), col("unit", L("单位", "Unit"), "text")] : []),
    col("year", L("年份", "Year"), "year"),
    col("value", unit ? L(`数值（${unit}）`, `Value (${unit})`) : L("数值", "Value"), "number"),
    ...(withCumulative ? [col("cumulative", L("计划期累计", "Plan total"), "number")] : []),
    col("status", L("状态", "Stage"), "text"),
    col("published", L("发布日期", "Published"), "date"),
    col("source", L("数据来源", "Source"), "text", true),
    col("file", L("文件", "File"), "text"),
    col("row", L("行号", "Row"), "integer"),
    col("others", L("其他版本（未采用）", "Other vintages (not used)"), "text", true),
  ];
  const seriesRows = (a: IndicatorAssessment, withIndicator: boolean, withCumulative = true): Cell[][] =>
    a.series.map((p) => {
      const used = usedBy.get(key(a.id, p.year));
      const others = (othersBy.get(key(a.id, p.year)) ?? []).map((o) => {
        const bits = [vintageLabel(o.status, lang), o.published, `${o.file}:${o.row}`].filter(Boolean).join(L("，", ", "));
        return L(`${num(o.value)}（${bits}）`, `${num(o.value)} (${bits})`);
      });
      return [
        ...(withIndicator ? [indName(a), unitLabel(a.unit, a.unit_en, lang)] : []),
        p.year,
        p.value,
        ...(withCumulative ? [a.measure === "cumulative" ? p.cumulative : null] : []),
        vintageLabel(p.status, lang),
        used ? used.published : p.published,
        p.source ?? used?.source ?? null,
        used?.file ?? null,
        used?.row ?? null,
        others.join(L("；", "; ")),
      ];
    });

  // Years with no figure, per indicator: gaps inside the series, and years not yet reported.
  const missingOf = new Map<string, { expected: string; years: string; note: string }>();
  for (const a of A.indicators) {
    const from = a.measure === "cumulative" ? plan.start_year : plan.baseline_year;
    const to = Math.min(Y, a.target.year);
    const have = new Set(a.series.map((p) => p.year));
    const lastYear = a.series.length ? a.series[a.series.length - 1].year : null;
    const gaps: number[] = [];
    const unpublished: number[] = [];
    for (let y = from; y <= to; y++) {
      if (have.has(y)) continue;
      if (lastYear === null || y > lastYear) unpublished.push(y);
      else gaps.push(y);
    }
    if (gaps.length || unpublished.length) {
      const parts: string[] = [];
      if (gaps.length) parts.push(L(`${yearList(gaps, lang)}年缺失（不按0计）`, `${yearList(gaps, lang)} missing (not counted as 0)`));
      if (unpublished.length)
        parts.push(L(`${yearList(unpublished, lang)}年尚未报送或发布`, `${yearList(unpublished, lang)} not yet reported or published`));
      missingOf.set(a.id, { expected: `${from}-${to}`, years: yearList([...gaps, ...unpublished], lang), note: parts.join(L("；", "; ")) });
    }
  }

  const indicatorSections: IndicatorSection[] = A.indicators.map((a) => {
    const ind = indicatorById.get(a.id);
    const U = (x: number | null) => amount(x, a.unit, a.unit_en, lang);
    const unit = unitLabel(a.unit, a.unit_en, lang);
    const cum = a.measure === "cumulative";
    const fields: Field[] = [
      { label: L("单位", "Unit"), value: unit },
      { label: L("口径", "Measure"), value: measureLabel(a, plan, lang) },
      {
        label: L("目标", "Target"),
        value: L(
          `${a.target.year}年${targetText(a.target.value, a.target.comparator, a.unit, a.unit_en, lang)}`,
          `${targetText(a.target.value, a.target.comparator, a.unit, a.unit_en, lang)} by ${a.target.year}`,
        ),
      },
    ];
    if (ind?.wording) fields.push({ label: L("计划原文", "Plan wording"), value: ind.wording });
    fields.push({
      label: L("基期", "Baseline"),
      value: a.baseline ? L(`${a.baseline.year}年，${U(a.baseline.value)}`, `${a.baseline.year}: ${U(a.baseline.value)}`) : "—",
    });
    fields.push({
      label: L("关联任务", "Tasks"),
      value: a.tasks.length
        ? a.tasks
            .map((id) => {
              const task = plan.tasks.find((x) => x.id === id);
              return task ? `${id}. ${L(task.zh, task.en)}` : String(id);
            })
            .join(L("；", "; "))
        : "—",
    });
    const note = lang === "zh" ? ind?.note : (ind?.note_en ?? ind?.note);
    if (note) fields.push({ label: L("口径说明", "Note"), value: note });

    const metricRows: Cell[][] = [];
    const m = (label: string, value: string, why: string) => metricRows.push([label, value, why]);
    m(
      L("基期值", "Baseline"),
      a.baseline ? L(`${U(a.baseline.value)}（${a.baseline.year}年）`, `${U(a.baseline.value)} (${a.baseline.year})`) : "—",
      reasonFor(a, "baseline", lang),
    );
    m(
      L("最新值", "Latest"),
      a.latest
        ? L(
            `${U(a.latest.value)}（${a.latest.year}年，${vintageLabel(a.latest.status, lang)}）`,
            `${U(a.latest.value)} (${a.latest.year}, ${vintageLabel(a.latest.status, lang)})`,
          )
        : "—",
      reasonFor(a, "latest", lang),
    );
    m(
      L("目标值", "Target"),
      L(
        `${comparatorSymbol(a.target.comparator)} ${U(a.target.value)}（${a.target.year}年）`,
        `${comparatorSymbol(a.target.comparator)} ${U(a.target.value)} (${a.target.year})`,
      ),
      "",
    );
    m(
      L("实现程度", "Completion"),
      percent(a.completion),
      a.completion === null ? reasonFor(a, "completion", lang) : L("最新值÷目标值", "latest ÷ target"),
    );
    m(
      L("任务进度", "Progress"),
      percent(a.progress),
      a.progress === null
        ? reasonFor(a, "progress", lang)
        : L("(最新值−基期值)÷(目标值−基期值)", "(latest − baseline) ÷ (target − baseline)"),
    );
    m(
      L("序时进度", "Time elapsed"),
      percent(a.time_elapsed),
      a.time_elapsed === null ? reasonFor(a, "time_elapsed", lang) : L("已过年数÷计划年数", "years elapsed ÷ years planned"),
    );
    m(L("距目标差距", "Gap to target"), a.gap === null ? "—" : U(a.gap), a.gap === null ? reasonFor(a, "gap", lang) : "");
    if (cum) {
      m(
        L("实际年均完成", "Actual yearly pace"),
        U(a.pace?.actual ?? null),
        a.pace?.actual == null ? reasonFor(a, "pace.actual", lang) : "",
      );
      m(L("要求年均完成", "Required yearly pace"), U(a.pace?.required ?? null), "");
      m(
        L("剩余年份要求年均完成", "Yearly pace required from now"),
        U(a.pace?.remaining_required ?? null),
        a.pace?.remaining_required == null ? reasonFor(a, "pace.remaining_required", lang) : "",
      );
      m(
        L("进度比率", "Pace ratio"),
        ratio(a.growth_ratio),
        a.growth_ratio === null ? reasonFor(a, "growth_ratio", lang) : L("实际年均÷要求年均", "actual pace ÷ required pace"),
      );
    } else {
      m(
        L("实际年均增速", "Actual yearly growth"),
        percent(a.cagr_actual),
        a.cagr_actual === null
          ? reasonFor(a, "cagr_actual", lang)
          : L("基期以来复合年均增长率", "compound annual growth since the baseline"),
      );
      m(
        L("要求年均增速", "Required yearly growth"),
        percent(a.cagr_required),
        a.cagr_required === null
          ? reasonFor(a, "cagr_required", lang)
          : L("基期至目标年所需复合年均增长率", "compound annual growth the target requires"),
      );
      m(
        L("增速比率", "Growth ratio"),
        ratio(a.growth_ratio),
        a.growth_ratio === null ? reasonFor(a, "growth_ratio", lang) : L("实际增速÷要求增速", "actual growth ÷ required growth"),
      );
      m(
        L("剩余年份要求年均增速", "Yearly growth required from now"),
        percent(a.required_growth_remaining),
        a.required_growth_remaining === null ? reasonFor(a, "required_growth_remaining", lang) : "",
      );
      m(
        L("按复合增速推算目标年值", "Compound projection to target year"),
        U(a.projected.compound),
        a.projected.compound === null ? reasonFor(a, "projected.compound", lang) : "",
      );
    }
    m(
      L("按线性趋势推算目标年值", "Straight-line projection to target year"),
      U(a.projected.linear),
      a.projected.linear === null ? reasonFor(a, "projected.linear", lang) : "",
    );
    m(
      L("预期进度", "Anticipated progress"),
      ratio(a.anticipated_progress),
      a.anticipated_progress === null
        ? reasonFor(a, "anticipated_progress", lang)
        : L("推算目标年值相对计划变化量的比例", "projected change ÷ planned change"),
    );

    const methodRows: Cell[][] = [
      [
        L("中国规划评估（任务进度与序时进度）", "Chinese planning review (progress vs time elapsed)"),
        L(
          `任务进度${percent(a.methods.cn.progress)}，序时进度${percent(a.methods.cn.time_elapsed)}`,
          `progress ${percent(a.methods.cn.progress)}, time elapsed ${percent(a.methods.cn.time_elapsed)}`,
        ),
        a.methods.cn.category ? CN_LABELS[a.methods.cn.category][lang] : `— ${reasonFor(a, "methods.cn", lang)}`.trim(),
      ],
      [
        L("Eurostat（欧盟可持续发展监测）", "Eurostat (EU SDG monitoring)"),
        `${cum ? L("进度比率", "pace ratio") : L("增速比率", "growth ratio")} R = ${ratio(a.methods.eurostat.ratio)}`,
        a.methods.eurostat.category ? EUROSTAT_LABELS[a.methods.eurostat.category][lang] : "—",
      ],
      [
        L("联合国亚太经社会（ESCAP）", "UN ESCAP (Asia-Pacific SDG progress)"),
        `${L("预期进度", "anticipated progress")} AP = ${ratio(a.methods.escap.anticipated_progress)}`,
        a.methods.escap.category ? ESCAP_LABELS[a.methods.escap.category][lang] : "—",
      ],
      [
        L("综合结论", "Overall verdict"),
        a.latest && a.latest.year >= a.target.year ? L("终期结论", "final verdict") : L("趋势判断", "trend"),
        statusLabel(a.status, lang),
      ],
    ];

    const notes = [
      ...new Set(
        a.reasons
          .filter(
            (r) =>
              ["status", "latest", "baseline", "series", "growth_ratio", "anticipated_progress"].includes(r.field) &&
              !QUIET_CODES.has(r.code),
          )
          .map((r) => r[lang]),
      ),
    ];
    const gap = missingOf.get(a.id);
    if (gap) notes.push(L(`数据缺失：${gap.note}。`, `Missing figures: ${gap.note}.`));

    const chart: ChartSpec = {
      title: L(`${a.zh}（${a.unit}）`, `${a.en} (${a.unit_en})`),
      unit,
      measure: a.measure,
      points: a.series.map((p) => ({
        year: p.year,
        value: p.value,
        preliminary: p.status === "preliminary",
        cumulative: cum ? p.cumulative : null,
      })),
      target: {
        year: a.target.year,
        value: a.target.value,
        label: L(
          `目标 ${comparatorSymbol(a.target.comparator)}${num(a.target.value)}`,
          `target ${comparatorSymbol(a.target.comparator)} ${num(a.target.value)}`,
        ),
      },
      baselineYear: plan.baseline_year,
      startYear: plan.start_year,
      legend: {
        value: cum ? L("当年值", "yearly amount") : L("年度值", "value"),
        cumulative: L("计划期累计", "plan total"),
        target: L("目标", "target"),
        preliminary: L("初步数", "preliminary"),
        baseline: L("基期", "baseline"),
        missing: L("缺数", "no data"),
      },
    };

    return {
      id: a.id,
      name: indName(a),
      headline: a.headline,
      status: a.status,
      statusLabel: statusLabel(a.status, lang),
      sentence: sentences.get(a.id) ?? "",
      fields,
      chart,
      series: table(
        `series-${a.id}`,
        L("年度数据（采用的版本）", "Yearly figures (the vintage used)"),
        seriesColumns(false, unit, cum),
        seriesRows(a, false, cum),
        L("无数据", "No data"),
      ),
      metrics: table(
        `metrics-${a.id}`,
        L("评估指标", "Metrics"),
        [
          col("metric", L("指标项", "Metric"), "text"),
          col("value", L("数值", "Value"), "text"),
          col("how", L("说明", "How / why"), "text", true),
        ],
        metricRows,
        "",
      ),
      methods: table(
        `methods-${a.id}`,
        L("各方法结论对比", "Verdicts by method"),
        [
          col("method", L("方法", "Method"), "text"),
          col("figure", L("依据", "Figure"), "text"),
          col("verdict", L("结论", "Verdict"), "text"),
        ],
        methodRows,
        "",
      ),
      notes,
    };
  });

  // ---- summary ------------------------------------------------------------------------------
  const countsOrder: Status[] = ["achieved", "on_track", "needs_acceleration", "off_track", "regressing", "missed", "insufficient_data"];
  const counts = table(
    "counts",
    L("按评估结论统计", "Indicators by verdict"),
    [
      col("status", L("评估结论", "Verdict"), "text"),
      col("headline", L("主要指标", "Headline"), "integer"),
      col("all", L("全部指标", "All indicators"), "integer"),
    ],
    [
      ...countsOrder.map((s) => [statusLabel(s, lang), A.summary.headline[s], A.summary.all[s]]),
      [L("合计", "Total"), A.summary.headline.total, A.summary.all.total],
    ],
    "",
  );
  const overviewColumns: Column[] = [
    col("name", L("指标", "Indicator"), "text"),
    col("unit", L("单位", "Unit"), "text"),
    col("baseline_year", L("基期年份", "Baseline year"), "year"),
    col("baseline", L("基期值", "Baseline"), "number"),
    col("target", L("目标值", "Target"), "number"),
    col("latest_year", L("最新年份", "Latest year"), "year"),
    col("latest", L("最新值", "Latest"), "number"),
    col("completion", L("实现程度", "Completion"), "percent"),
    col("status", L("评估结论", "Verdict"), "text"),
  ];
  const overviewRow = (a: IndicatorAssessment): Cell[] => [
    indName(a),
    unitLabel(a.unit, a.unit_en, lang),
    a.baseline?.year ?? null,
    a.baseline?.value ?? null,
    a.target.value,
    a.latest?.year ?? null,
    a.latest?.value ?? null,
    a.completion,
    statusLabel(a.status, lang),
  ];
  const headline = table(
    "headline",
    L("主要指标", "Headline indicators"),
    overviewColumns,
    A.indicators.filter((a) => a.headline).map(overviewRow),
    L("计划没有主要指标。", "The plan has no headline indicators."),
  );
  const others = table(
    "others",
    L("任务指标", "Task indicators"),
    overviewColumns,
    A.indicators.filter((a) => !a.headline).map(overviewRow),
    L("没有其他指标。", "No other indicators."),
  );
  const finals = A.indicators.filter((a) => a.latest && a.latest.year >= a.target.year);
  const trends = A.indicators.filter((a) => !(a.latest && a.latest.year >= a.target.year));
  const listNames = (xs: IndicatorAssessment[]) => joinList(xs.map(indName), lang);
  const countSentence = (xs: IndicatorAssessment[]): string => {
    const by = new Map<Status, IndicatorAssessment[]>();
    for (const a of xs) by.set(a.status, [...(by.get(a.status) ?? []), a]);
    return countsOrder
      .filter((s) => by.has(s))
      .map((s) =>
        L(
          `${statusLabel(s, lang)}${by.get(s)!.length}项（${listNames(by.get(s)!)}）`,
          `${by.get(s)!.length} ${statusLabel(s, lang).toLowerCase()} (${listNames(by.get(s)!)})`,
        ),
      )
      .join(L("，", "; "));
  };
  const summaryParagraphs: string[] = [];
  if (finals.length)
    summaryParagraphs.push(
      L(
        `已有目标年数据、结论已定的指标${finals.length}项：${countSentence(finals)}。`,
        `Final verdicts (figures for the target year exist) for ${finals.length} indicator${finals.length === 1 ? "" : "s"}: ${countSentence(finals)}.`,
      ),
    );
  if (trends.length)
    summaryParagraphs.push(
      L(
        `目标年数据尚未发布、按趋势判断的指标${trends.length}项：${countSentence(trends)}。`,
        `Trend verdicts (no target-year figure yet) for ${trends.length} indicator${trends.length === 1 ? "" : "s"}: ${countSentence(trends)}.`,
      ),
    );

  // ---- tasks and units ----------------------------------------------------------------------
  const indicatorStatusList = (ids: string[]) =>
    ids
      .map((id) => {
        const a = assessById.get(id);
        return a ? `${indName(a)}：${statusLabel(a.status, lang)}` : id;
      })
      .join(L("；", "; "))
      .replace(/：/g, lang === "zh" ? "：" : ": ");
  const taskColumns: Column[] = [
    col("group", L("任务组", "Task group"), "text"),
    col("id", L("序号", "No."), "integer"),
    col("task", L("任务", "Task"), "text"),
    col("responsible", L("责任单位", "Responsible units"), "text", true),
    col("indicators", L("关联指标及结论", "Linked indicators and verdicts"), "text", true),
    col("worst", L("总体状况（最差）", "Overall (worst)"), "text"),
  ];
  const taskRow = (tk: PlanAssessment["tasks"][number]): Cell[] => [
    `${tk.group.id}. ${L(tk.group.zh, tk.group.en)}`,
    tk.id,
    L(tk.zh, tk.en),
    tk.responsible.map(unitName).join(L("、", ", ")),
    tk.indicators.length ? indicatorStatusList(tk.indicators) : L("（定性任务，无量化指标）", "(qualitative task, no indicator)"),
    statusLabel(tk.worst, lang),
  ];
  const tasksTable = table(
    "tasks",
    L("重点任务", "Tasks"),
    taskColumns,
    A.tasks.map(taskRow),
    L("计划没有列出任务。", "The plan lists no tasks."),
  );
  const taskBlocks: Block[] = [
    {
      kind: "paragraph",
      text: L(
        `计划共${A.tasks.length}项重点任务，分${A.groups.length}组。下表列出每项任务的责任单位、关联的量化指标及其评估结论；“总体状况”取关联指标中最差的结论。`,
        `The plan has ${A.tasks.length} tasks in ${A.groups.length} groups. For each task: its responsible units, the quantitative indicators it drives and their verdicts; "overall" is the worst of them.`,
      ),
    },
  ];
  for (const g of A.groups) {
    taskBlocks.push({
      kind: "heading",
      text: `${g.id}. ${L(g.zh, g.en)}（${statusLabel(g.worst, lang)}）`.replace(/（(.*)）$/, lang === "zh" ? "（$1）" : " ($1)"),
    });
    taskBlocks.push({
      kind: "table",
      table: table(
        `tasks-${g.id}`,
        "",
        taskColumns.slice(1),
        A.tasks.filter((tk) => tk.group.id === g.id).map((tk) => taskRow(tk).slice(1)),
        "",
      ),
    });
  }

  const unitColumns: Column[] = [
    col("unit", L("责任单位", "Responsible unit"), "text"),
    col("tasks", L("承担任务", "Tasks"), "text", true),
    col("indicators", L("关联指标及结论", "Linked indicators and verdicts"), "text", true),
    ...countsOrder.map((s) => col(s, statusLabel(s, lang), "integer")),
    col("worst", L("最差结论", "Worst verdict"), "text"),
  ];
  const unitRows: Cell[][] = A.units.map((u) => [
    L(u.zh, u.en),
    u.tasks
      .map((id) => {
        const tk = A.tasks.find((x) => x.id === id);
        return tk ? `${id}. ${L(tk.zh, tk.en)}` : String(id);
      })
      .join(L("；", "; ")),
    u.indicators.length ? indicatorStatusList(u.indicators) : "—",
    ...countsOrder.map((s) => u.counts[s]),
    statusLabel(u.worst, lang),
  ]);
  const unitsTable = table(
    "units",
    L("责任单位", "Responsible units"),
    unitColumns,
    unitRows,
    L("计划没有列出责任单位。", "The plan lists no responsible units."),
  );
  const unitsDoc = table(
    "units",
    L("责任单位", "Responsible units"),
    [
      col("unit", L("责任单位", "Responsible unit"), "text"),
      col("tasks", L("承担任务", "Tasks"), "text", true),
      col("indicators", L("关联指标及结论", "Linked indicators and verdicts"), "text", true),
      col("counts", L("结论统计", "Verdict counts"), "text"),
      col("worst", L("最差结论", "Worst verdict"), "text"),
    ],
    A.units.map((u, i) => [
      unitRows[i][0],
      unitRows[i][1],
      unitRows[i][2],
      countsOrder
        .filter((s) => u.counts[s] > 0)
        .map((s) => L(`${statusLabel(s, lang)}${u.counts[s]}`, `${statusLabel(s, lang)} ${u.counts[s]}`))
        .join("\n") || "—",
      unitRows[i][unitRows[i].length - 1],
    ]),
    L("计划没有列出责任单位。", "The plan lists no responsible units."),
  );

  // ---- data quality -------------------------------------------------------------------------
  const missingRows: Cell[][] = [];
  for (const a of A.indicators) {
    const m = missingOf.get(a.id);
    if (m) missingRows.push([indName(a), m.expected, m.years, m.note]);
  }
  const missing = table(
    "missing",
    L("缺失年份", "Years missing"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("expected", L("应有年份", "Years expected"), "text"),
      col("missing", L("缺失年份", "Years missing"), "text"),
      col("note", L("说明", "Note"), "text", true),
    ],
    missingRows,
    L("所有指标在应有年份都有数据。", "Every indicator has figures for every year expected."),
  );

  const prelimRows: Cell[][] = [];
  for (const a of A.indicators) {
    for (const p of a.series) {
      if (p.status !== "preliminary") continue;
      const used = usedBy.get(key(a.id, p.year));
      prelimRows.push([
        indName(a),
        p.year,
        p.value,
        unitLabel(a.unit, a.unit_en, lang),
        used?.published ?? p.published,
        p.source,
        used?.file ?? null,
      ]);
    }
  }
  const preliminary = table(
    "preliminary",
    L("仍为初步数的数据", "Figures still preliminary"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("year", L("年份", "Year"), "year"),
      col("value", L("数值", "Value"), "number"),
      col("unit", L("单位", "Unit"), "text"),
      col("published", L("发布日期", "Published"), "date"),
      col("source", L("数据来源", "Source"), "text", true),
      col("file", L("文件", "File"), "text"),
    ],
    prelimRows,
    L("评估所用数据中没有初步数。", "None of the figures used is preliminary."),
  );

  const rejected = table(
    "rejected",
    L("导入时被拒绝的行", "Rows rejected at ingestion"),
    [
      col("file", L("文件", "File"), "text"),
      col("row", L("行号", "Row"), "integer"),
      col("column", L("列", "Column"), "text"),
      col("value", L("原值", "Value as given"), "text"),
      col("code", L("代码", "Code"), "text"),
      col("reason", L("原因", "Reason"), "text", true),
    ],
    input.rejected.map((r) => [r.file, r.row, r.column, r.value, r.code, lang === "zh" ? r.zh : r.en]),
    L("没有被拒绝的行。", "No rows were rejected."),
  );

  const conflictRows: Cell[][] = [];
  for (const [k, losers] of othersBy) {
    const winner = usedBy.get(k);
    for (const o of losers) {
      const a = assessById.get(o.indicator);
      if (!winner) {
        conflictRows.push([
          a ? indName(a) : o.indicator,
          o.year,
          null,
          null,
          null,
          null,
          o.value,
          vintageLabel(o.status, lang),
          o.published,
          `${o.file}:${o.row}`,
          L(`发布于评估截止日期之后（${o.known_on}），未采用`, `published after the as-of date (${o.known_on}), not used`),
        ]);
        continue;
      }
      conflictRows.push([
        a ? indName(a) : o.indicator,
        o.year,
        winner.value,
        vintageLabel(winner.status, lang),
        winner.published,
        `${winner.file}:${winner.row}`,
        o.value,
        vintageLabel(o.status, lang),
        o.published,
        `${o.file}:${o.row}`,
        whyWins(winner, o, lang),
      ]);
    }
  }
  conflictRows.sort((x, y) => String(x[0]).localeCompare(String(y[0])) || Number(x[1]) - Number(y[1]));
  const conflicts = table(
    "conflicts",
    L("数据冲突与修订（同一指标同一年份的多个版本）", "Conflicts and revisions (several vintages of one figure)"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("year", L("年份", "Year"), "year"),
      col("used", L("采用的数值", "Value used"), "number"),
      col("used_status", L("采用版本状态", "Stage used"), "text"),
      col("used_published", L("采用版本发布日期", "Used: published"), "date"),
      col("used_where", L("采用版本出处（文件:行）", "Used: file:row"), "text"),
      col("other", L("被取代的数值", "Value superseded"), "number"),
      col("other_status", L("被取代版本状态", "Stage superseded"), "text"),
      col("other_published", L("被取代版本发布日期", "Superseded: published"), "date"),
      col("other_where", L("被取代版本出处（文件:行）", "Superseded: file:row"), "text"),
      col("why", L("采用依据", "Why"), "text", true),
    ],
    conflictRows,
    L("没有数据冲突：每个指标每年只有一个版本。", "No conflicts: every figure has a single vintage."),
  );

  const vintageText = (value: Cell, status: Cell, published: Cell, where: Cell): string =>
    value === null
      ? "—"
      : L(
          `${num(value as number)}（${[status, published, where].filter(Boolean).join("，")}）`,
          `${num(value as number)} (${[status, published, where].filter(Boolean).join(", ")})`,
        );
  const conflictsDoc = table(
    "conflicts",
    conflicts.title,
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("year", L("年份", "Year"), "year"),
      col("used", L("采用的版本（状态，发布日期，文件:行）", "Vintage used (stage, published, file:row)"), "text", true),
      col("other", L("被取代的版本", "Vintage superseded"), "text", true),
      col("why", L("采用依据", "Why"), "text", true),
    ],
    conflictRows.map((r) => [r[0], r[1], vintageText(r[2], r[3], r[4], r[5]), vintageText(r[6], r[7], r[8], r[9]), r[10]]),
    conflicts.empty,
  );

  const files = table(
    "files",
    L("来源文件", "Source files"),
    [
      col("name", L("文件", "File"), "text"),
      col("format", L("格式", "Format"), "text"),
      col("layout", L("版式", "Layout"), "text"),
      col("encoding", L("编码", "Encoding"), "text"),
      col("rows_read", L("读取行数", "Rows read"), "integer"),
      col("accepted", L("采用", "Accepted"), "integer"),
      col("rejected", L("拒绝", "Rejected"), "integer"),
      col("superseded", L("取代旧值", "Superseded"), "integer"),
      col("ingested_at", L("导入时间", "Ingested"), "text"),
    ],
    input.files.map((f) => [
      f.name,
      f.format,
      f.layout,
      f.encoding,
      f.rows_read,
      f.accepted,
      f.rejected,
      f.superseded,
      f.ingested_at.slice(0, 19),
    ]),
    L("仓库中没有来源文件记录。", "The warehouse records no source files."),
  );

  // ---- raw series ---------------------------------------------------------------------------
  const raw = table(
    "raw",
    L("原始数据（全部版本）", "Raw series (every vintage)"),
    [
      col("indicator_id", L("指标代码", "Indicator id"), "text"),
      col("indicator", L("指标", "Indicator"), "text"),
      col("region", L("区划代码", "Region"), "text"),
      col("year", L("年份", "Year"), "year"),
      col("value", L("数值", "Value"), "number"),
      col("unit", L("单位", "Unit"), "text"),
      col("status", L("状态", "Stage"), "text"),
      col("published", L("发布日期", "Published"), "date"),
      col("source", L("数据来源", "Source"), "text", true),
      col("note", L("备注", "Note"), "text", true),
      col("file", L("文件", "File"), "text"),
      col("row", L("行号", "Row"), "integer"),
      col("ingested_at", L("导入时间", "Ingested"), "text"),
      col("used", L("评估采用", "Used"), "text"),
    ],
    vintages.map((v) => {
      const a = assessById.get(v.indicator);
      return [
        v.indicator,
        a ? indName(a) : v.indicator_zh,
        v.region,
        v.year,
        v.value,
        a ? unitLabel(a.unit, a.unit_en, lang) : v.unit,
        vintageLabel(v.status, lang),
        v.published,
        v.source,
        v.note,
        v.file,
        v.row,
        v.ingested_at.slice(0, 19),
        v.used && v.year <= Y ? yes(true, lang) : v.known ? yes(false, lang) : L("否（晚于截止日期）", "no (after as-of)"),
      ];
    }),
    L("仓库中没有数据。", "The warehouse holds no figures."),
  );

  const series = table(
    "series",
    L("年度数据（评估采用的版本）", "Yearly figures (vintages used)"),
    seriesColumns(true),
    A.indicators.flatMap((a) => seriesRows(a, true)),
    L("无数据", "No data"),
  );

  const qualityBlocks: Block[] = [
    {
      kind: "paragraph",
      text: L(
        `数据质量概况：${missingRows.length}项指标有缺失年份，${prelimRows.length}个数据仍为初步数，导入时拒绝${input.rejected.length}行，${conflictRows.length}个数据被更新版本取代（冲突已按发布日期、数据阶段、导入顺序解决）。`,
        `Data quality at a glance: ${missingRows.length} indicator(s) with years missing, ${prelimRows.length} figure(s) still preliminary, ${input.rejected.length} row(s) rejected at ingestion, ${conflictRows.length} figure(s) superseded by a newer vintage (resolved by publication date, then stage, then ingestion order).`,
      ),
    },
    { kind: "table", table: missing },
    { kind: "table", table: preliminary },
    { kind: "table", table: conflictsDoc },
    { kind: "table", table: rejected },
    { kind: "table", table: files },
  ];

  // ---- methodology --------------------------------------------------------------------------
  const tolPts = num(A.tolerance * 100, 1);
  const methodology: Report["methodology"] = [
    {
      heading: L("评估口径", "What is assessed"),
      paragraphs: [
        L(
          `基期为${plan.baseline_year}年，计划期为${plan.start_year}-${plan.target_year}年，目标年为${plan.target_year}年。本报告评估年份为${Y}年${A.as_of ? `，只采用${A.as_of}及以前发布的数据` : "，采用仓库中的全部数据"}。每个指标取评估年份及以前的最新数据；已有目标年数据的指标给出终期结论（实现或未实现），其余指标按趋势判断。`,
          `Baseline year ${plan.baseline_year}, plan years ${plan.start_year}-${plan.target_year}, target year ${plan.target_year}. Assessed at ${Y}${A.as_of ? `, using only figures published on or before ${A.as_of}` : ", using every figure in the warehouse"}. Each indicator uses its latest figure up to the assessment year; where the target year has a figure the verdict is final (achieved or missed), otherwise it is a trend verdict.`,
        ),
        L(
          "年度值指标比较当年数值与目标；计划期累计指标（如“转化科技成果50项以上”）将计划起始年以来各年当年值相加，基期值为0，以年均进度代替增长率。",
          "Yearly-value indicators compare the year's figure with the target; totals over the plan years (e.g. “50 or more achievements converted”) add up each plan year's own amount from the start year, with a baseline of 0, and use the yearly pace instead of growth rates.",
        ),
        ...plan.notes.filter((n) => (lang === "zh" ? /[\u4e00-\u9fff]/.test(n) : !/[\u4e00-\u9fff]/.test(n))),
      ],
    },
    {
      heading: L("中国规划评估实践：实现程度与序时进度", "Chinese planning practice: completion and time progress"),
      paragraphs: [
        L(
          "实现程度 = 最新值÷目标值（下降类指标为目标值÷最新值），不封顶；任务进度 = (最新值−基期值)÷(目标值−基期值)；序时进度 = (评估年−基期年)÷(目标年−基期年)。",
          "Completion = latest ÷ target (target ÷ latest when lower is better), uncapped; progress = (latest − baseline) ÷ (target − baseline); time elapsed = (year − baseline year) ÷ (target year − baseline year).",
        ),
        L(
          `比较任务进度与序时进度（“时间过半、任务过半”）：已达到目标为“提前实现”，任务进度快于序时进度超过${tolPts}个百分点为“快于序时”，相差在${tolPts}个百分点以内为“基本符合”，否则为“滞后”。容差为参数，没有官方规定的数值。`,
          `Progress is compared with time elapsed: target met = “achieved ahead of time”; progress ahead of time by more than ${tolPts} percentage points = “ahead of schedule”; within ${tolPts} points = “broadly on schedule”; otherwise “behind schedule”. The tolerance is a parameter; no official value is published.`,
        ),
      ],
    },
    {
      heading: L(
        "Eurostat方法（欧盟可持续发展监测报告，Open SDG实现）",
        "Eurostat method (EU SDG monitoring report, as implemented by Open SDG)",
      ),
      paragraphs: [
        L(
          `实际年均增速CAGR_a = (最新值÷基期值)^(1/(t−t0))−1，要求年均增速CAGR_r = (目标值÷基期值)^(1/(T−t0))−1，增速比率R = CAGR_a÷|CAGR_r|（下降类指标取反）。已达到目标优先判定为“目标已实现”；否则R≥${THRESHOLDS.on_track}为显著进展（进度正常），${THRESHOLDS.needs_acceleration}≤R<${THRESHOLDS.on_track}为中等进展（需加快），0≤R<${THRESHOLDS.needs_acceleration}为进展不足，R<0为背离目标（倒退）。`,
          `Actual growth CAGR_a = (latest ÷ baseline)^(1/(t − t0)) − 1; required growth CAGR_r = (target ÷ baseline)^(1/(T − t0)) − 1; ratio R = CAGR_a ÷ |CAGR_r| (sign flipped when lower is better). Target met overrides; otherwise R ≥ ${THRESHOLDS.on_track} significant progress (on track), ${THRESHOLDS.needs_acceleration} ≤ R < ${THRESHOLDS.on_track} moderate progress (needs acceleration), 0 ≤ R < ${THRESHOLDS.needs_acceleration} insufficient progress (off track), R < 0 movement away (regressing).`,
        ),
        L(
          "数据规则（Open SDG）：至少需要两个年份的数据；基期年缺数时改用其后最近有数据的年份；基期值、最新值或目标值为0时以0.001代替；基期值与最新值正负号不同则无法计算。累计指标以年均进度比率代替R：实际年均完成÷要求年均完成（目标÷计划年数），阈值相同。",
          "Data rules (Open SDG): at least two years of data; a missing baseline year uses the next year with data; a zero baseline, latest or target value is replaced by 0.001; opposite signs cannot be assessed. For totals the pace ratio replaces R: actual yearly pace ÷ required pace (target ÷ plan years), with the same thresholds.",
        ),
      ],
    },
    {
      heading: L("联合国亚太经社会（ESCAP）方法", "UN ESCAP method (Asia and the Pacific SDG Progress Report)"),
      paragraphs: [
        L(
          "按当前复合增速推算目标年数值（复合推算不可用时用线性最小二乘推算），预期进度AP = (推算值−基期值)÷(目标值−基期值)。AP≥1为保持现有进度即可实现，0≤AP<1为需加快进度，AP<0为需扭转趋势。",
          "The value is projected to the target year at the current compound growth rate (a least-squares straight line when compound growth is unavailable); anticipated progress AP = (projection − baseline) ÷ (target − baseline). AP ≥ 1: maintain progress; 0 ≤ AP < 1: accelerate; AP < 0: reverse the trend.",
        ),
      ],
    },
    {
      heading: L("综合结论", "The overall verdict"),
      paragraphs: [
        L(
          "报告的综合结论采用：已有目标年数据时为终期结论（达到目标为“已完成”，否则为“未完成”，并给出实现程度和差距）；目标年以前达到目标为“已完成”（提前实现）；否则按Eurostat增速比率（累计指标为年均进度比率）分为进度正常、需加快、进展不足、倒退；数据不足以计算时为“数据不足”。三种方法的结论在各指标一节并列给出。",
          "The overall verdict: once the target year has a figure it is final (“achieved” if the target is met, else “missed”, with completion and the gap); a target met before the target year is “achieved” (early); otherwise the Eurostat growth ratio (the pace ratio for totals) gives on track, needs acceleration, off track or regressing; “insufficient data” when it cannot be computed. Each indicator's section shows the three methods side by side.",
        ),
      ],
    },
    {
      heading: L("数据版本与冲突处理", "Vintages and conflicts"),
      paragraphs: [
        L(
          "同一指标、地区、年份有多个数据版本时，采用发布日期最晚的版本；发布日期相同或缺失时，按数据阶段（初步＜正式＜修订）取较后者；仍相同时取较晚导入者。被取代的版本保留在“原始数据”中，并列于“数据质量”一节。未注明发布日期的数据以导入日期为准。指定评估截止日期（--as-of）时，只采用截止日期及以前发布的版本。",
          "When one indicator, region and year has several vintages, the one published last is used; on equal or missing dates, the later stage (preliminary < final < revised); then the later ingestion. Superseded vintages stay in the raw series and are listed under data quality. A figure without a publication date counts as known on the day it was ingested. With an as-of date (--as-of), only vintages published by then are used.",
        ),
        L(
          "缺失的年份不按0处理；累计指标计划期内缺年时，累计值只是下限。初步数（快报）在正式数公布后可能改变结论。",
          "A missing year is not treated as 0; for a total with a plan year missing, the total is a lower bound. A preliminary figure may change the verdict once the final figure is published.",
        ),
      ],
    },
    {
      heading: L("方法来源", "Sources of the methods"),
      paragraphs: [
        L(
          "Eurostat《欧盟可持续发展监测报告》方法附录；open-sdg/sdg-build（sdg/ProgressMeasure.py）与open-sdg文档progress-methodology；联合国亚太经社会《亚太可持续发展目标进展报告》进展评估方法指南（Bidarbakht Nia, 2017）；国内规划中期和终期评估中“实现程度”“序时进度”的通行做法。",
          "Eurostat, “Sustainable development in the EU – monitoring report”, methodological annex; open-sdg/sdg-build (sdg/ProgressMeasure.py) and the open-sdg progress-methodology documentation; UN ESCAP, Asia and the Pacific SDG Progress Report, progress assessment methodology (Bidarbakht Nia 2017); Chinese mid-term and end-of-plan review practice (completion and time progress).",
        ),
      ],
    },
  ];

  // ---- cover --------------------------------------------------------------------------------
  const usedSources = [...new Set(vintages.filter((v) => v.used && v.source).map((v) => v.source as string))].sort();
  const coverFields: Field[] = [
    { label: L("计划", "Plan"), value: L(plan.title.zh, plan.title.en) },
    { label: L("文号", "Document"), value: plan.document },
  ];
  if (plan.issuer) coverFields.push({ label: L("印发单位", "Issued by"), value: L(plan.issuer.zh, plan.issuer.en) });
  if (plan.issued) coverFields.push({ label: L("印发日期", "Issued"), value: plan.issued });
  coverFields.push(
    {
      label: L("地区", "Region"),
      value: `${L(plan.region.zh, plan.region.en)}（${plan.region.code}）`.replace(/（(.*)）/, lang === "zh" ? "（$1）" : " ($1)"),
    },
    {
      label: L("计划期", "Plan period"),
      value: L(
        `基期${plan.baseline_year}年，计划期${plan.start_year}-${plan.target_year}年，目标年${plan.target_year}年`,
        `baseline ${plan.baseline_year}; plan years ${plan.start_year}-${plan.target_year}; target year ${plan.target_year}`,
      ),
    },
    { label: L("评估年份", "Assessment year"), value: String(Y) },
    { label: L("数据截至", "Data as of"), value: A.as_of ?? L("全部已入库数据", "all data in the warehouse") },
    { label: L("报告生成时间", "Generated"), value: timestamp(generated) },
    {
      label: L("数据来源", "Data sources"),
      value: L(`${input.files.length}个文件，${vintages.length}条数据记录`, `${input.files.length} file(s), ${vintages.length} figure(s)`),
    },
  );
  if (plan.parents.length)
    coverFields.push({
      label: L("上级文件", "Parent plans"),
      value: plan.parents.map((p) => p.document).join(L("、", ", ")),
    });

  const indicatorsIntro: Block = {
    kind: "paragraph",
    text: L(
      `以下逐项列出${A.indicators.length}项指标的年度数据（含来源和版本）、评估指标、三种方法的结论、图表和评估说明。`,
      `Below, for each of the ${A.indicators.length} indicators: its yearly figures with source and vintage, the metrics, the verdicts of the three methods side by side, a chart and the assessment.`,
    ),
  };

  const sections: Section[] = [
    {
      id: "summary",
      title: L("一、总体评估", "1. Summary"),
      blocks: [
        { kind: "paragraph", text: A.summary.sentence[lang], style: "verdict" },
        ...summaryParagraphs.map((text): Block => ({ kind: "paragraph", text })),
        { kind: "table", table: counts },
        { kind: "table", table: headline },
        { kind: "table", table: others },
      ],
    },
    {
      id: "indicators",
      title: L("二、分指标评估", "2. Indicators"),
      blocks: [indicatorsIntro, ...indicatorSections.map((ind): Block => ({ kind: "indicator", id: ind.id }))],
    },
    { id: "tasks", title: L("三、重点任务", "3. Tasks"), blocks: taskBlocks },
    {
      id: "units",
      title: L("四、责任单位", "4. Responsible units"),
      blocks: [
        {
          kind: "paragraph",
          text: L(
            "每个责任单位承担的任务，及其关联指标的评估结论（每个指标在同一单位下只计一次）。",
            "Each responsible unit's tasks and how the indicators they drive stand (each indicator counted once per unit).",
          ),
        },
        { kind: "table", table: unitsDoc },
      ],
    },
    { id: "quality", title: L("五、数据质量", "5. Data quality"), blocks: qualityBlocks },
    {
      id: "methodology",
      title: L("附录：评估方法", "Appendix: methodology"),
      blocks: methodology.flatMap((m): Block[] => [
        { kind: "heading", text: m.heading },
        ...m.paragraphs.map((text): Block => ({ kind: "paragraph", text })),
      ]),
    },
  ];

  return {
    version: 1,
    lang,
    generated_at: generated.toISOString(),
    title,
    subtitle,
    warning,
    cover: { fields: coverFields, sources: usedSources, files: input.files.map((f) => f.name) },
    summary: { sentence: A.summary.sentence[lang], sentence_all: summaryParagraphs.join(lang === "zh" ? "" : " ") },
    sections,
    indicators: indicatorSections,
    tables: {
      indicators: table("indicators", L("指标评估", "Indicators"), indicatorColumns, indicatorRows, ""),
      series,
      raw,
      counts,
      headline,
      others,
      tasks: tasksTable,
      units: unitsTable,
      files,
      missing,
      preliminary,
      rejected,
      conflicts,
    },
    methodology,
    words: {
      cover: L("封面", "Cover"),
      contents: L("目录", "Contents"),
      series: L("年度数据", "Yearly figures"),
      raw: L("原始数据", "Raw series"),
      chart: L("图", "Chart"),
      metrics: L("评估指标", "Metrics"),
      methods: L("各方法结论", "Verdicts by method"),
      notes: L("说明", "Notes"),
      page: L("第", "Page"),
      of: L("页，共", "of"),
      none: L("无", "None"),
    },
  };
}
