/** Rows for an indicator page: the methods side by side, and every vintage of every figure. */
import type { IndicatorAssessment, Status } from "../../assessment/types.ts";
import type { ObservationRow } from "../../pipelines/site/types.ts";
import { ESCAP_THRESHOLDS as E, THRESHOLDS as T } from "../lib/thresholds.js";
import { formatPercent, formatRatio, type Lang } from "./i18n.js";
import { categoryLabel, statusLabel } from "./status.js";

export interface MethodRow {
  method: string;
  measure: string;
  verdict: string;
  /** The overall row carries the status, shown as a badge. */
  status?: Status;
  rule: string;
}

/** Eurostat, ESCAP and Chinese practice side by side, with the overall status and the rule each applies. */
export function methodRows(ind: IndicatorAssessment, lang: Lang): MethodRow[] {
  const zh = lang === "zh";
  const m = ind.methods;
  const cumulative = ind.measure === "cumulative";
  return [
    {
      method: zh ? "综合结论" : "Overall status",
      measure: "",
      verdict: statusLabel(ind.status, lang),
      status: ind.status,
      rule: zh
        ? "目标年已有数据时按是否达到目标定论；否则按欧盟统计局增长比率（累计指标为年均进度比率）判断。"
        : "Final once the target year has data; before that, the Eurostat growth ratio (pace ratio for totals).",
    },
    {
      method: zh ? "欧盟统计局（增长比率）" : "Eurostat (growth ratio)",
      measure: `${cumulative ? (zh ? "进度比率" : "pace ratio") : "R"} = ${formatRatio(m.eurostat.ratio, lang)}`,
      verdict: categoryLabel("eurostat", m.eurostat.category, lang),
      rule: zh
        ? `R ≥ ${T.on_track} 显著进展；${T.needs_acceleration}–${T.on_track} 中等进展；${T.off_track}–${T.needs_acceleration} 进展不足；< ${T.off_track} 背离目标`
        : `R ≥ ${T.on_track} significant; ${T.needs_acceleration}–${T.on_track} moderate; ${T.off_track}–${T.needs_acceleration} insufficient; < ${T.off_track} moving away`,
    },
    {
      method: zh ? "联合国亚太经社会（预期进度）" : "UN ESCAP (anticipated progress)",
      measure: `AP = ${formatPercent(m.escap.anticipated_progress, lang)}`,
      verdict: categoryLabel("escap", m.escap.category, lang),
      rule: zh
        ? `AP ≥ ${formatPercent(E.on_track, lang, 0)} 保持进度；${E.needs_acceleration}–${formatPercent(E.on_track, lang, 0)} 需加快；< ${E.needs_acceleration} 需扭转趋势`
        : `AP ≥ ${formatPercent(E.on_track, lang, 0)} maintain; ${E.needs_acceleration}–${formatPercent(E.on_track, lang, 0)} accelerate; < ${E.needs_acceleration} reverse the trend`,
    },
    {
      method: zh ? "国内规划评估（时间过半、任务过半）" : "Chinese practice (progress vs time)",
      measure: `${formatPercent(m.cn.progress, lang)} / ${formatPercent(m.cn.time_elapsed, lang)}`,
      verdict: categoryLabel("cn", m.cn.category, lang),
      rule: zh
        ? "任务进度与序时进度相比：快于序时、基本符合（容差内）或滞后"
        : "Progress compared with time elapsed: ahead, broadly on schedule (within the tolerance) or behind",
    },
  ];
}

export interface VintageRow {
  /** "derived": summed from record-level data (no reported figure that year); no file or row then. */
  origin: "reported" | "derived";
  year: number;
  value: number;
  status: ObservationRow["status"];
  current: boolean;
  published: string | null;
  source: string | null;
  file: string;
  row: number;
  note: string | null;
  /** The row as the CSV download writes it (formula-guarded there). */
  csv: Record<string, unknown>;
}

export function vintageRows(vintages: ObservationRow[], ind: Pick<IndicatorAssessment, "id" | "unit">): VintageRow[] {
  return vintages.map((o) => ({
    origin: "reported" as const,
    year: o.year,
    value: o.value,
    status: o.status,
    current: o.current,
    published: o.published,
    source: o.source,
    file: o.file,
    row: o.row,
    note: o.note,
    csv: {
      indicator: ind.id,
      region: o.region,
      year: o.year,
      value: o.value,
      unit: o.unit ?? ind.unit,
      status: o.status,
      current: o.current ? "yes" : "no",
      published: o.published,
      source: o.source,
      note: o.note,
      file: o.file,
      row: o.row,
      ingested_at: o.ingested_at,
      origin: "reported",
    },
  }));
}

/**
 * The vintages, plus a row for each figure the assessment derived from records (series points
 * with origin "derived": years without a reported figure).
 */
export function valueRows(
  vintages: ObservationRow[],
  ind: Pick<IndicatorAssessment, "id" | "unit" | "series">,
  regionCode: string | null = null,
): VintageRow[] {
  const derived = ind.series
    .filter((p) => p.origin === "derived")
    .map(
      (p): VintageRow => ({
        origin: "derived",
        year: p.year,
        value: p.value,
        status: p.status,
        current: true,
        published: p.published,
        source: p.source,
        file: "",
        row: 0,
        note: null,
        csv: {
          indicator: ind.id,
          region: regionCode,
          year: p.year,
          value: p.value,
          unit: ind.unit,
          status: p.status,
          current: "yes",
          published: p.published,
          source: p.source,
          note: null,
          file: null,
          row: null,
          ingested_at: null,
          origin: "derived",
        },
      }),
    );
  return [...vintageRows(vintages, ind), ...derived];
}
