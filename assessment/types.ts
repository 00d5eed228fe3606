/**
 * The assessment's output: the JSON that `plan-monitor assess --format json` prints, that the
 * site's data loaders emit and that the exports read. Field names are part of the public format
 * (documented in README.md): change them only with the README.
 */
import type { Comparator, Direction, Measure } from "../domain/plan.ts";
import type { VintageStatus } from "../domain/observation.ts";
import type { CnCategory, EscapCategory, EurostatCategory, Status } from "../lib/status.ts";
import type { FinalVerdicts, ReportMode } from "./final.ts";

export type { CnCategory, EscapCategory, EurostatCategory, Status } from "../lib/status.ts";
export { STATUS_ORDER } from "../lib/status.ts";

export interface Reason {
  /** Which metric or verdict the reason explains ("status", "cagr_actual", "baseline", ...). */
  field: string;
  code: string;
  zh: string;
  en: string;
}

export interface SeriesPoint {
  year: number;
  /** The yearly value as reported (for cumulative measures: that year's own amount). */
  value: number;
  /** For cumulative measures: the running total from the plan's start year; else equal to value. */
  cumulative: number | null;
  status: VintageStatus;
  published: string | null;
  source: string | null;
  origin: "reported" | "derived";
}

/** Points for chart lines, oldest first, in the indicator's unit (running totals for cumulative measures). */
export interface ChartPaths {
  required: { year: number; value: number }[];
  compound: { year: number; value: number }[];
  linear: { year: number; value: number }[];
}

export interface IndicatorAssessment {
  id: string;
  zh: string;
  en: string;
  unit: string;
  unit_en: string;
  measure: Measure;
  direction: Direction;
  headline: boolean;
  /** The plan's baseline year and value (for cumulative measures: year start-1 and 0). */
  baseline: { year: number; value: number; flagged: boolean } | null;
  /** The latest value at or before the assessment year (for cumulative measures: the running total). */
  latest: { year: number; value: number; status: VintageStatus } | null;
  target: { year: number; value: number; comparator: Comparator };
  completion: number | null;
  progress: number | null;
  time_elapsed: number | null;
  gap: number | null;
  required_next: number | null;
  cagr_actual: number | null;
  cagr_required: number | null;
  growth_ratio: number | null;
  /**
   * The growth rates as every surface shows them: `cagr_actual` / `cagr_required`, or null where a
   * value of 0 stood in as 0.001 (Open SDG's rule, kept for the ratio and the categories): a rate
   * from a substituted value means nothing (0 -> 1 would read 900 %). The reason is on the rate's
   * field: "基期值为0，不计算增长率" / "The baseline is 0: no growth rate".
   */
  growth_shown: { actual: number | null; required: number | null };
  required_growth_remaining: number | null;
  /** For cumulative measures: the pace (per year) so far and the pace required. */
  pace: { actual: number | null; required: number | null; remaining_required: number | null } | null;
  projected: { compound: number | null; linear: number | null };
  /** The lines a chart draws: the required path and both projections (assessment/paths.ts). */
  paths: ChartPaths;
  anticipated_progress: number | null;
  status: Status;
  methods: {
    eurostat: { ratio: number | null; category: EurostatCategory };
    escap: { anticipated_progress: number | null; category: EscapCategory };
    cn: { progress: number | null; time_elapsed: number | null; category: CnCategory };
  };
  reasons: Reason[];
  /** The values used (current vintage as of the as-of date), oldest first. */
  series: SeriesPoint[];
  /** Task ids that drive this indicator. */
  tasks: number[];
}

export interface StatusCounts {
  achieved: number;
  on_track: number;
  needs_acceleration: number;
  off_track: number;
  regressing: number;
  insufficient_data: number;
  missed: number;
}

export interface TaskAssessment {
  id: number;
  zh: string;
  en: string;
  group: { id: number; zh: string; en: string };
  responsible: string[];
  indicators: string[];
  counts: StatusCounts;
  /** Worst status among linked indicators; null when the task has no quantitative indicator. */
  worst: Status | null;
}

export interface GroupAssessment {
  id: number;
  zh: string;
  en: string;
  tasks: number[];
  indicators: string[];
  counts: StatusCounts;
  worst: Status | null;
}

export interface UnitAssessment {
  id: string;
  zh: string;
  en: string;
  tasks: number[];
  indicators: string[];
  counts: StatusCounts;
  worst: Status | null;
}

export interface PlanAssessment {
  plan: {
    id: string;
    title: { zh: string; en: string };
    document: string;
    region: { code: string; zh: string; en: string };
    baseline_year: number;
    start_year: number;
    target_year: number;
    synthetic: boolean;
  };
  /** The year assessed. */
  year: number;
  /** Only vintages published on or before this date were used (null: all). */
  as_of: string | null;
  /** The tolerance (share, e.g. 0.05) used for the Chinese 基本符合 category. */
  tolerance: number;
  time_elapsed: number;
  indicators: IndicatorAssessment[];
  tasks: TaskAssessment[];
  groups: GroupAssessment[];
  units: UnitAssessment[];
  /** "final": an end-of-plan evaluation (grades); "interim": a mid-term one (trend statuses). */
  mode: ReportMode;
  /** Final grades (超额完成 … 未完成, 数据暂缺) for indicators, tasks, groups and units (assessment/final.ts). */
  final: FinalVerdicts;
  summary: {
    headline: StatusCounts & { total: number };
    all: StatusCounts & { total: number };
    sentence: { zh: string; en: string };
  };
}

export interface AssessOptions {
  /** Assess as at this year (default: the latest year with data for any indicator). */
  year?: number;
  /** Use only vintages published on or before this date (YYYY-MM-DD). */
  asOf?: string;
  /** Tolerance for 基本符合, as a share (default 0.05 = 5 percentage points). */
  tolerance?: number;
  /** "final" or "interim"; default: final once `asOf` (else `today`, else the assessment year's end) is after the target year. */
  mode?: ReportMode;
  /** Today's date (YYYY-MM-DD), for the default mode when there is no `asOf`. */
  today?: string;
}
