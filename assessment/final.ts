/**
 * Final verdicts (终期结论) for an end-of-plan evaluation: each target graded 超额完成 / 完成 /
 * 基本完成 / 未完成, or 数据暂缺 when the target year has no figure, and the grades rolled up to
 * tasks, task groups and responsible units by a written rule that weighs lead units above
 * supporting ones. Pure (no I/O): the report, the CLI and the dashboard call it alike.
 *
 * The rule, in full (also in README "Final verdicts"):
 * - Indicator. With a figure for the target year (or, for a total over the plan years that only
 *   grows, a total already at the target), completion c = 实现程度 and the target comparison decide:
 *   target met and c ≥ `exceeded` (default 1.05) → 超额完成; target met → 完成; c ≥ `basic`
 *   (default 0.90) → 基本完成; otherwise 未完成. "=" targets are 完成 or, within `basic`, 基本完成.
 *   No target-year figure → 数据暂缺，无法作出终期结论 (never a trend word).
 * - Scores: 超额完成 4, 完成 3, 基本完成 2, 未完成 1. A roll-up grade is the mean score of its
 *   members with data, read back by cut-offs: ≥ 3.5 超额完成, ≥ 2.75 完成, ≥ 1.75 基本完成, else
 *   未完成. Members without data are listed, not scored; with no scored member the grade is 数据暂缺.
 * - Task: its indicators. Group: its tasks. A task with no quantitative indicator has no grade.
 * - Unit: the tasks it leads weigh 3, the tasks it supports weigh 1. A unit is 未完成 only when a
 *   task it leads is 未完成; supporting links alone never pull it below 基本完成. The lead unit of
 *   a task is the first named, unless the plan file names `lead`.
 *
 * @example
 *   const f = finalVerdicts(plan, assessment);
 *   f.indicators.find((i) => i.id === "high_tech_enterprises")?.grade; // "completed"
 */
import type { Plan, Task } from "../domain/plan.ts";
import { finalSummary, GRADE_LABELS, GRADE_ORDER, GRADE_SHORT, GRADE_STYLE, type Grade } from "../lib/grades.ts";
import { DEFAULT_GRADE_THRESHOLDS, type GradeThresholds } from "../lib/thresholds.ts";

export { finalSummary, GRADE_LABELS, GRADE_ORDER, GRADE_SHORT, GRADE_STYLE, type Grade };
import { meets } from "./methods.ts";
import type { IndicatorAssessment, PlanAssessment } from "./types.ts";

export type { GradeThresholds };
export { DEFAULT_GRADE_THRESHOLDS };

export const GRADE_SCORE: Record<Exclude<Grade, "no_data">, number> = {
  exceeded: 4,
  completed: 3,
  basically_completed: 2,
  not_completed: 1,
};

/** Cut-offs on the mean score, best first. */
export const SCORE_CUTOFFS: { grade: Exclude<Grade, "no_data">; min: number }[] = [
  { grade: "exceeded", min: 3.5 },
  { grade: "completed", min: 2.75 },
  { grade: "basically_completed", min: 1.75 },
  { grade: "not_completed", min: -Infinity },
];

/** Weights of a unit's tasks by its role. */
export const ROLE_WEIGHT = { lead: 3, support: 1 } as const;

export type ReportMode = "final" | "interim";

/** A figure missing for a final verdict: which indicator and year would settle it. */
export interface MissingFigure {
  indicator: string;
  year: number;
}

export interface IndicatorVerdict {
  id: string;
  grade: Grade;
  /** 实现程度 used for the grade (null when the grade is no_data or completion is undefined). */
  completion: number | null;
  /** Shortfall (positive) or excess (negative) against the target, in the indicator's unit. */
  gap: number | null;
  /** The year of the figure graded. */
  year: number | null;
  /** Set when grade is no_data. */
  missing: MissingFigure | null;
}

export interface RollUpVerdict {
  grade: Grade;
  /** Mean score of the members with data (null when none). */
  score: number | null;
  counts: Record<Grade, number>;
  /** Members (indicator ids, or task ids) without data. */
  missing: (string | number)[];
}

export interface TaskVerdict extends RollUpVerdict {
  id: number;
  lead: string[];
  support: string[];
  indicators: string[];
}

export interface GroupVerdict extends RollUpVerdict {
  id: number;
  tasks: number[];
}

export interface UnitVerdict extends RollUpVerdict {
  id: string;
  lead: number[];
  support: number[];
  /** True when the floor for supporting links lifted the grade to 基本完成. */
  floored: boolean;
}

export interface FinalVerdicts {
  thresholds: GradeThresholds;
  indicators: IndicatorVerdict[];
  tasks: TaskVerdict[];
  groups: GroupVerdict[];
  units: UnitVerdict[];
  counts: { headline: Record<Grade, number>; all: Record<Grade, number> };
}

/** `--final` by default once the as-of date (or today) is after the plan's target year. */
export function defaultMode(targetYear: number, asOf: string | null | undefined, today: string): ReportMode {
  const when = (asOf ?? today).slice(0, 10);
  return when > `${targetYear}-12-31` ? "final" : "interim";
}

/** Lead and supporting units of a task: `lead` from the plan file, else the first named unit. */
export function taskRoles(task: Pick<Task, "responsible"> & { lead?: string[] }): { lead: string[]; support: string[] } {
  const lead = task.lead?.length ? task.lead : task.responsible.slice(0, 1);
  return { lead: [...lead], support: task.responsible.filter((u) => !lead.includes(u)) };
}

const EPS = 1e-9;

/** One indicator's final grade. */
export function gradeIndicator(a: IndicatorAssessment, thresholds: GradeThresholds = DEFAULT_GRADE_THRESHOLDS): IndicatorVerdict {
  const T = a.target.year;
  const grown = a.measure === "cumulative" && a.direction === "increase" && a.status === "achieved";
  if (!a.latest || (a.latest.year < T && !grown)) {
    return { id: a.id, grade: "no_data", completion: null, gap: null, year: a.latest?.year ?? null, missing: { indicator: a.id, year: T } };
  }
  const { value } = a.latest;
  const { value: tv, comparator } = a.target;
  const met = meets(value, tv, comparator);
  const c = a.completion;
  const diff = a.direction === "decrease" ? value - tv : tv - value;
  // Like every engine output: a finite number or null (values near ±1.8e308 overflow).
  const gap = Number.isFinite(diff) ? diff : null;
  let grade: Grade;
  if (met) grade = c !== null && comparator !== "=" && c >= thresholds.exceeded - EPS ? "exceeded" : "completed";
  else if (c !== null && c >= thresholds.basic - EPS && (comparator !== "=" || c <= 2 - thresholds.basic + EPS))
    grade = "basically_completed";
  else grade = "not_completed";
  return { id: a.id, grade, completion: c, gap, year: a.latest.year, missing: null };
}

/**
 * A task without indicators graded from its milestones (assessment/milestones.ts states): all done
 * on time → 完成; all done, some late → 基本完成; any overdue → 未完成; otherwise (not yet reported,
 * still on schedule or at risk at the end) → 数据暂缺. No milestones → null (the evaluator grades it).
 */
export function gradeMilestones(states: string[]): Grade | null {
  if (!states.length) return null;
  if (states.includes("overdue")) return "not_completed";
  if (states.every((s) => s === "done")) return "completed";
  if (states.every((s) => s === "done" || s === "done_late")) return "basically_completed";
  return "no_data";
}

export function emptyGradeCounts(): Record<Grade, number> {
  return { exceeded: 0, completed: 0, basically_completed: 0, not_completed: 0, no_data: 0 };
}

/** A grade from a mean score by SCORE_CUTOFFS. */
export function gradeFromScore(score: number | null): Grade {
  if (score === null) return "no_data";
  return SCORE_CUTOFFS.find((c) => score >= c.min - EPS)!.grade;
}

/** The weighted mean score of graded members; members without data listed as missing. */
export function rollUpGrades<K extends string | number>(members: { key: K; grade: Grade; weight?: number }[]): RollUpVerdict {
  const counts = emptyGradeCounts();
  let sum = 0;
  let weight = 0;
  const missing: K[] = [];
  for (const m of members) {
    counts[m.grade] += 1;
    if (m.grade === "no_data") {
      missing.push(m.key);
      continue;
    }
    const w = m.weight ?? 1;
    sum += GRADE_SCORE[m.grade] * w;
    weight += w;
  }
  const score = weight > 0 ? sum / weight : null;
  return { grade: gradeFromScore(score), score, counts, missing };
}

/**
 * Final verdicts for a plan's assessment: indicators, then tasks, groups and units by the rule in
 * this module's docblock. Thresholds default to the plan file's `grades`, then to the defaults.
 */
export function finalVerdicts(plan: Plan, assessment: Pick<PlanAssessment, "indicators">, thresholds?: GradeThresholds): FinalVerdicts {
  const th = thresholds ?? plan.grades ?? DEFAULT_GRADE_THRESHOLDS;
  const indicators = assessment.indicators.map((a) => gradeIndicator(a, th));
  const gradeOf = new Map(indicators.map((v) => [v.id, v.grade]));

  const tasks: TaskVerdict[] = plan.tasks.map((t) => {
    const ids = [...new Set(t.indicators.filter((id) => gradeOf.has(id)))];
    const r = ids.length
      ? rollUpGrades(ids.map((id) => ({ key: id, grade: gradeOf.get(id)! })))
      : { grade: "no_data" as Grade, score: null, counts: emptyGradeCounts(), missing: [] };
    return { id: t.id, ...taskRoles(t), indicators: ids, ...r };
  });
  const graded = tasks.filter((t) => t.indicators.length > 0);

  const groupIds = [...new Set(plan.tasks.map((t) => t.group.id))];
  const groups: GroupVerdict[] = groupIds.map((gid) => {
    const own = graded.filter((t) => plan.tasks.find((x) => x.id === t.id)?.group.id === gid);
    return { id: gid, tasks: own.map((t) => t.id), ...rollUpGrades(own.map((t) => ({ key: t.id, grade: t.grade }))) };
  });

  const units: UnitVerdict[] = plan.units.map((u) => {
    const lead = graded.filter((t) => t.lead.includes(u.id));
    const support = graded.filter((t) => t.support.includes(u.id));
    const r = rollUpGrades([
      ...lead.map((t) => ({ key: t.id, grade: t.grade, weight: ROLE_WEIGHT.lead })),
      ...support.map((t) => ({ key: t.id, grade: t.grade, weight: ROLE_WEIGHT.support })),
    ]);
    const leadFailed = lead.some((t) => t.grade === "not_completed");
    const floored = r.grade === "not_completed" && !leadFailed;
    return {
      id: u.id,
      lead: lead.map((t) => t.id),
      support: support.map((t) => t.id),
      ...r,
      grade: floored ? "basically_completed" : r.grade,
      floored,
    };
  });

  const count = (vs: IndicatorVerdict[]) => {
    const c = emptyGradeCounts();
    for (const v of vs) c[v.grade] += 1;
    return c;
  };
  const headlineIds = new Set(assessment.indicators.filter((a) => a.headline).map((a) => a.id));
  return {
    thresholds: { ...th },
    indicators,
    tasks,
    groups,
    units,
    counts: { headline: count(indicators.filter((v) => headlineIds.has(v.id))), all: count(indicators) },
  };
}
