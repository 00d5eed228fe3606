/**
 * 附件4 分指标技术表: per indicator, the fields, chart, yearly figures with source and vintage, the
 * metrics and the three methods side by side; and the flat technical tables (indicators, series,
 * raw vintages) the spreadsheet shows. Pure.
 */
import { CN_LABELS, ESCAP_LABELS, EUROSTAT_LABELS } from "../../../assessment/labels.ts";
import type { IndicatorAssessment } from "../../../assessment/types.ts";
import { amount, comparatorSymbol, gapText, num, percent, ratio, targetText, unitLabel, vintageLabel, yearList } from "../../format.ts";
import { col, filesOf, type ReportContext, sourcesOf, statusLabel, table, verdictLabel, yes } from "../context.ts";
import { indicatorSentence, measureLabel, QUIET_CODES, reasonFor, unitRound } from "../sentences.ts";
import type { ChartSpec, Column, Field, IndicatorSection, Row, Section, Table } from "../types.ts";
import { key } from "../vintages.ts";

/** Years with no figure, per indicator: gaps inside the series, and years not yet reported. */
export function missingYears(ctx: ReportContext): Map<string, { expected: string; years: string; note: string }> {
  const { L, lang, plan, Y } = ctx;
  const out = new Map<string, { expected: string; years: string; note: string }>();
  for (const a of ctx.A.indicators) {
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
    if (!gaps.length && !unpublished.length) continue;
    const parts: string[] = [];
    if (gaps.length) parts.push(L(`${yearList(gaps, lang)}年缺失（不按0计）`, `${yearList(gaps, lang)} missing (not counted as 0)`));
    if (unpublished.length)
      parts.push(L(`${yearList(unpublished, lang)}年尚未报送或发布`, `${yearList(unpublished, lang)} not yet reported or published`));
    out.set(a.id, { expected: `${from}-${to}`, years: yearList([...gaps, ...unpublished], lang), note: parts.join(L("；", "; ")) });
  }
  return out;
}

export function seriesColumns(ctx: ReportContext, withIndicator: boolean, unit?: string, withCumulative = true): Column[] {
  const { L } = ctx;
  return [
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
}

/** One row per year; a figure derived from records has no publication date of its own. */
export function seriesRows(ctx: ReportContext, a: IndicatorAssessment, withIndicator: boolean): Row[] {
  const { L, lang } = ctx;
  return a.series.map((p) => {
    const used = ctx.usedBy.get(key(a.id, p.year));
    const others = (ctx.othersBy.get(key(a.id, p.year)) ?? []).map((o) => {
      const bits = [vintageLabel(o.status, lang), o.published, `${o.file}:${o.row}`].filter(Boolean).join(L("，", ", "));
      return L(`${num(o.value)}（${bits}）`, `${num(o.value)} (${bits})`);
    });
    const derived = p.origin === "derived";
    return {
      ...(withIndicator ? { indicator: ctx.indName(a), unit: unitLabel(a.unit, a.unit_en, lang) } : {}),
      year: p.year,
      value: p.value,
      cumulative: a.measure === "cumulative" ? p.cumulative : null,
      status: vintageLabel(p.status, lang),
      published: derived ? null : used ? used.published : p.published,
      source: derived ? L("由明细记录汇总", "derived from records") : (p.source ?? used?.source ?? null),
      file: used?.file ?? null,
      row: used?.row ?? null,
      others: others.join(L("；", "; ")),
    };
  });
}

function metricsTable(ctx: ReportContext, a: IndicatorAssessment): Table {
  const { L, lang } = ctx;
  const U = (x: number | null) => amount(x, a.unit, a.unit_en, lang);
  const R = (x: number | null | undefined) => U(unitRound(a, x ?? null));
  const rows: Row[] = [];
  const m = (metric: string, value: string, how: string) => rows.push({ metric, value, how });
  const why = (field: string, value: unknown, formula: string) =>
    value === null || value === undefined ? reasonFor(a, field, lang) : formula;
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
  m(L("实现程度", "Completion"), percent(a.completion), why("completion", a.completion, L("最新值÷目标值", "latest ÷ target")));
  m(
    L("任务进度", "Progress"),
    percent(a.progress),
    why("progress", a.progress, L("(最新值−基期值)÷(目标值−基期值)", "(latest − baseline) ÷ (target − baseline)")),
  );
  m(
    L("序时进度", "Time elapsed"),
    percent(a.time_elapsed),
    why("time_elapsed", a.time_elapsed, L("已过年数÷计划年数", "years elapsed ÷ years planned")),
  );
  const v = ctx.verdictById.get(a.id);
  m(
    L("距目标", "Against the target"),
    v?.gap != null ? verdictGap(ctx, a, v.gap) : a.gap === null ? "—" : verdictGap(ctx, a, a.gap),
    a.gap === null ? reasonFor(a, "gap", lang) : "",
  );
  if (a.measure === "cumulative") {
    m(L("实际年均完成", "Actual yearly pace"), R(a.pace?.actual), a.pace?.actual == null ? reasonFor(a, "pace.actual", lang) : "");
    m(L("要求年均完成", "Required yearly pace"), R(a.pace?.required), "");
    m(
      L("剩余年份要求年均完成", "Yearly pace required from now"),
      R(a.pace?.remaining_required),
      a.pace?.remaining_required == null ? reasonFor(a, "pace.remaining_required", lang) : "",
    );
    m(
      L("进度比率", "Pace ratio"),
      ratio(a.growth_ratio),
      why("growth_ratio", a.growth_ratio, L("实际年均÷要求年均", "actual pace ÷ required pace")),
    );
  } else {
    m(
      L("实际年均增速", "Actual yearly growth"),
      percent(a.growth_shown.actual),
      why("cagr_actual", a.growth_shown.actual, L("基期以来复合年均增长率", "compound annual growth since the baseline")),
    );
    m(
      L("要求年均增速", "Required yearly growth"),
      percent(a.growth_shown.required),
      why("cagr_required", a.growth_shown.required, L("基期至目标年所需复合年均增长率", "compound annual growth the target requires")),
    );
    m(
      L("增速比率", "Growth ratio"),
      ratio(a.growth_ratio),
      why("growth_ratio", a.growth_ratio, L("实际增速÷要求增速", "actual growth ÷ required growth")),
    );
    m(
      L("剩余年份要求年均增速", "Yearly growth required from now"),
      percent(a.required_growth_remaining),
      a.required_growth_remaining === null ? reasonFor(a, "required_growth_remaining", lang) : "",
    );
    m(
      L("按复合增速推算目标年值", "Compound projection to target year"),
      R(a.projected.compound),
      a.projected.compound === null ? reasonFor(a, "projected.compound", lang) : "",
    );
  }
  m(
    L("按线性趋势推算目标年值", "Straight-line projection to target year"),
    R(a.projected.linear),
    a.projected.linear === null ? reasonFor(a, "projected.linear", lang) : "",
  );
  m(
    L("预期进度", "Anticipated progress"),
    ratio(a.anticipated_progress),
    why("anticipated_progress", a.anticipated_progress, L("推算目标年值相对计划变化量的比例", "projected change ÷ planned change")),
  );
  return table(
    `metrics-${a.id}`,
    L("评估指标", "Metrics"),
    [
      col("metric", L("指标项", "Metric"), "text"),
      col("value", L("数值", "Value"), "text"),
      col("how", L("说明", "How / why"), "text", true),
    ],
    rows,
    "",
  );
}

const verdictGap = (ctx: ReportContext, a: IndicatorAssessment, gap: number) => {
  if (gap <= 0 && a.status !== "achieved" && a.status !== "missed") return "—";
  return gapTextFor(ctx, a, gap);
};
const gapTextFor = (ctx: ReportContext, a: IndicatorAssessment, gap: number) => gapText(gap, a.unit, a.unit_en, ctx.lang);

function methodsTable(ctx: ReportContext, a: IndicatorAssessment): Table {
  const { L, lang } = ctx;
  const cum = a.measure === "cumulative";
  const rows: Row[] = [
    {
      method: L("中国规划评估（任务进度与序时进度）", "Chinese planning review (progress vs time elapsed)"),
      figure: L(
        `任务进度${percent(a.methods.cn.progress)}，序时进度${percent(a.methods.cn.time_elapsed)}`,
        `progress ${percent(a.methods.cn.progress)}, time elapsed ${percent(a.methods.cn.time_elapsed)}`,
      ),
      verdict: a.methods.cn.category ? CN_LABELS[a.methods.cn.category][lang] : `— ${reasonFor(a, "methods.cn", lang)}`.trim(),
    },
    {
      method: L("Eurostat（欧盟可持续发展监测）", "Eurostat (EU SDG monitoring)"),
      figure: `${cum ? L("进度比率", "pace ratio") : L("增速比率", "growth ratio")} R = ${ratio(a.methods.eurostat.ratio)}`,
      verdict: a.methods.eurostat.category ? EUROSTAT_LABELS[a.methods.eurostat.category][lang] : "—",
    },
    {
      method: L("联合国亚太经社会（ESCAP）", "UN ESCAP (Asia-Pacific SDG progress)"),
      figure: `${L("预期进度", "anticipated progress")} AP = ${ratio(a.methods.escap.anticipated_progress)}`,
      verdict: a.methods.escap.category ? ESCAP_LABELS[a.methods.escap.category][lang] : "—",
    },
    {
      method: L("趋势判断", "Trend verdict"),
      figure: a.latest && a.latest.year >= a.target.year ? L("已有目标年数据", "target-year figure exists") : L("按趋势", "by trend"),
      verdict: statusLabel(ctx, a.status),
    },
  ];
  if (ctx.final)
    rows.push({
      method: L("终期评价", "Final grade"),
      figure: percent(ctx.verdictById.get(a.id)?.completion),
      verdict: verdictLabel(ctx, a),
    });
  return table(
    `methods-${a.id}`,
    L("各方法结论对比", "Verdicts by method"),
    [col("method", L("方法", "Method"), "text"), col("figure", L("依据", "Figure"), "text"), col("verdict", L("结论", "Verdict"), "text")],
    rows,
    "",
  );
}

export function chartSpec(ctx: ReportContext, a: IndicatorAssessment): ChartSpec {
  const { L, plan } = ctx;
  const cum = a.measure === "cumulative";
  return {
    title: L(`${a.zh}（${a.unit}）`, `${a.en} (${a.unit_en})`),
    unit: unitLabel(a.unit, a.unit_en, ctx.lang),
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
        `目标 ${comparatorSymbol(a.target.comparator)}${num(a.target.value, undefined, "zh")}`,
        `target ${comparatorSymbol(a.target.comparator)} ${num(a.target.value)}`,
      ),
    },
    baselineYear: plan.baseline_year,
    startYear: plan.start_year,
    lang: ctx.lang,
    legend: {
      value: cum ? L("当年值", "yearly amount") : L("年度值", "value"),
      cumulative: L("计划期累计", "plan total"),
      target: L("目标", "target"),
      preliminary: L("初步数", "preliminary"),
      baseline: L("基期", "baseline"),
      missing: L("缺数", "no data"),
    },
  };
}

function indicatorFields(ctx: ReportContext, a: IndicatorAssessment): Field[] {
  const { L, lang, plan } = ctx;
  const ind = plan.indicators.find((i) => i.id === a.id);
  const U = (x: number) => amount(x, a.unit, a.unit_en, lang);
  const tgt = targetText(a.target.value, a.target.comparator, a.unit, a.unit_en, lang);
  const fields: Field[] = [
    { label: L("单位", "Unit"), value: unitLabel(a.unit, a.unit_en, lang) },
    { label: L("口径", "Measure"), value: measureLabel(a, plan, lang) },
    { label: L("目标", "Target"), value: L(`${a.target.year}年${tgt}`, `${tgt} by ${a.target.year}`) },
  ];
  if (ind?.wording) fields.push({ label: L("计划原文", "Plan wording"), value: ind.wording });
  fields.push({
    label: L("基期", "Baseline"),
    value: a.baseline ? L(`${a.baseline.year}年，${U(a.baseline.value)}`, `${a.baseline.year}: ${U(a.baseline.value)}`) : "—",
  });
  const taskNames = a.tasks.map((id) => {
    const task = plan.tasks.find((x) => x.id === id);
    return task ? `${id}. ${L(task.zh, task.en)}` : String(id);
  });
  fields.push({ label: L("关联任务", "Tasks"), value: taskNames.join(L("；", "; ")) || "—" });
  const note = lang === "zh" ? ind?.note : (ind?.note_en ?? ind?.note);
  if (note) fields.push({ label: L("口径说明", "Note"), value: note });
  return fields;
}

export function indicatorSections(ctx: ReportContext): IndicatorSection[] {
  const { L, lang, plan, Y } = ctx;
  const missing = missingYears(ctx);
  return ctx.A.indicators.map((a) => {
    const unit = unitLabel(a.unit, a.unit_en, lang);
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
    const gap = missing.get(a.id);
    if (gap) notes.push(L(`数据缺失：${gap.note}。`, `Missing figures: ${gap.note}.`));
    return {
      id: a.id,
      name: ctx.indName(a),
      headline: a.headline,
      status: a.status,
      statusLabel: statusLabel(ctx, a.status),
      sentence: indicatorSentence(a, plan, Y, lang),
      fields: indicatorFields(ctx, a),
      chart: chartSpec(ctx, a),
      series: table(
        `series-${a.id}`,
        L("年度数据（采用的版本）", "Yearly figures (the vintage used)"),
        seriesColumns(ctx, false, unit, a.measure === "cumulative"),
        seriesRows(ctx, a, false),
        L("无数据", "No data"),
      ),
      metrics: metricsTable(ctx, a),
      methods: methodsTable(ctx, a),
      notes,
    };
  });
}

/** The flat indicators table (one row per indicator, every metric): the spreadsheet's and CSV's. */
export function indicatorsTable(ctx: ReportContext): Table {
  const { L, lang, plan, A } = ctx;
  const columns: Column[] = [
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
    col("gap", L("距目标", "Against the target"), "text"),
    col("cagr_actual", L("实际年均增速", "Actual yearly growth"), "percent"),
    col("cagr_required", L("要求年均增速", "Required yearly growth"), "percent"),
    col("ratio", L("增速（进度）比率", "Growth (pace) ratio"), "ratio"),
    col("anticipated_progress", L("预期进度", "Anticipated progress"), "ratio"),
    col("grade", L("终期评价", "Final grade"), "text"),
    col("status", L("趋势判断", "Trend verdict"), "text"),
    col("cn", L("中国规划评估", "Chinese review"), "text"),
    col("eurostat", "Eurostat", "text"),
    col("escap", "UN ESCAP", "text"),
    col("sentence", L("评估说明", "Assessment"), "text", true),
    col("sources", L("数据来源", "Sources"), "text", true),
    col("tasks", L("关联任务", "Tasks"), "text"),
  ];
  const rows: Row[] = A.indicators.map((a) => {
    const v = ctx.verdictById.get(a.id);
    const sources = sourcesOf(ctx, a.id);
    return {
      id: a.id,
      name: ctx.indName(a),
      headline: yes(ctx, a.headline),
      unit: unitLabel(a.unit, a.unit_en, lang),
      measure: measureLabel(a, plan, lang),
      baseline_year: a.baseline?.year ?? null,
      baseline: a.baseline?.value ?? null,
      latest_year: a.latest?.year ?? null,
      latest: a.latest?.value ?? null,
      latest_status: a.latest ? vintageLabel(a.latest.status, lang) : null,
      target_year: a.target.year,
      comparator: comparatorSymbol(a.target.comparator),
      target: a.target.value,
      completion: a.completion,
      progress: a.progress,
      time_elapsed: a.time_elapsed,
      gap: a.gap === null ? null : gapTextFor(ctx, a, v?.gap ?? a.gap),
      cagr_actual: a.growth_shown.actual,
      cagr_required: a.growth_shown.required,
      ratio: a.growth_ratio,
      anticipated_progress: a.anticipated_progress,
      grade: v ? verdictLabel({ ...ctx, final: true }, a) : null,
      status: statusLabel(ctx, a.status),
      cn: a.methods.cn.category ? CN_LABELS[a.methods.cn.category][lang] : "—",
      eurostat: a.methods.eurostat.category ? EUROSTAT_LABELS[a.methods.eurostat.category][lang] : "—",
      escap: a.methods.escap.category ? ESCAP_LABELS[a.methods.escap.category][lang] : "—",
      sentence: indicatorSentence(a, plan, ctx.Y, lang),
      sources: sources.length
        ? sources.join("; ")
        : filesOf(ctx, a.id).length
          ? L(`见文件：${filesOf(ctx, a.id).join("、")}`, `see file(s): ${filesOf(ctx, a.id).join(", ")}`)
          : L("无数据", "no data"),
      tasks: a.tasks.join(L("、", ", ")),
    };
  });
  return table("indicators", L("指标评估", "Indicators"), columns, rows, "");
}

export function seriesTable(ctx: ReportContext): Table {
  const { L } = ctx;
  return table(
    "series",
    L("年度数据（评估采用的版本）", "Yearly figures (vintages used)"),
    seriesColumns(ctx, true),
    ctx.A.indicators.flatMap((a) => seriesRows(ctx, a, true)),
    L("无数据", "No data"),
  );
}

/** Every vintage, used or not (the raw series), without import timestamps. */
export function rawTable(ctx: ReportContext): Table {
  const { L, lang, Y } = ctx;
  const columns: Column[] = [
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
    col("used", L("评估采用", "Used"), "text"),
  ];
  const rows: Row[] = ctx.vintages.map((v) => {
    const a = ctx.assessById.get(v.indicator);
    return {
      indicator_id: v.indicator,
      indicator: a ? ctx.indName(a) : v.indicator_zh,
      region: v.region,
      year: v.year,
      value: v.value,
      unit: a ? unitLabel(a.unit, a.unit_en, lang) : v.unit,
      status: vintageLabel(v.status, lang),
      published: v.published,
      source: v.source,
      note: v.note,
      file: v.file,
      row: v.row,
      used: v.used && v.year <= Y ? yes(ctx, true) : v.known ? yes(ctx, false) : L("否（晚于截止日期）", "no (after as-of)"),
    };
  });
  return table(
    "raw",
    L("原始数据（全部版本）", "Raw series (every vintage)"),
    columns,
    rows,
    L("仓库中没有数据。", "The warehouse holds no figures."),
  );
}

export function technicalSection(ctx: ReportContext, sections: IndicatorSection[]): Section {
  const { L } = ctx;
  return {
    id: "annex-technical",
    part: "annex",
    title: L("附件4　分指标技术表", "Annex 4. Technical tables by indicator"),
    blocks: [
      {
        kind: "paragraph",
        text: L(
          `以下逐项列出${sections.length}项指标的年度数据（含来源和版本）、评估指标、三种方法的结论和图表，供核查。`,
          `For each of the ${sections.length} indicators: its yearly figures with source and vintage, the metrics, the verdicts of the three methods and a chart, for checking.`,
        ),
      },
      ...sections.map((s) => ({ kind: "indicator" as const, id: s.id })),
    ],
  };
}
