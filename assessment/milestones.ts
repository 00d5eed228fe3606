/**
 * Milestones as of a date: each milestone's state from the progress reports known by then, each
 * task's status from its indicator part and its milestone part, roll-ups by group and unit, and the
 * chase list (催办清单). Pure: no I/O. The rules are in README "Milestones and progress reports" and
 * on the methodology page; each state carries its reason in zh and en.
 *
 * States (D = as-of date, due = the due date in force at D, after any approved extension known by D):
 *   done          completed on or before due            done_late  completed after due
 *   overdue       D > due and not completed (days_overdue = D - due)
 *   at_risk       D <= due, not completed, and the last report says 延期 (delayed), or due - D <= 30 days
 *                 and the last report is 90 days old or more, or the last report says 未启动 with due - D <= 30
 *   on_schedule   D <= due, the last report says 按计划/提前 (or 未启动 with more than 30 days left)
 *   not_reported  D <= due, no report yet (however close the due date: the unit has never reported)
 * A recurring milestone is one occurrence per year (due on the month/day of `due`), judged apart.
 *
 * @example
 *   const t = assessMilestones(plan, reports, { asOf: "2019-12-31", indicatorStatus: new Map([[4, "on_track"]]) });
 *   t.tasks[3].milestones[0].state; // "done"
 */
import type { Milestone, Plan } from "../domain/plan.ts";
import type { EvidenceRef, Execution, StoredReport } from "../domain/progress.ts";
import { EXECUTION_LABELS } from "../domain/progress.ts";
import { formatDate } from "../lib/format.ts";
import type { Status } from "./types.ts";

export type MilestoneState = "done" | "done_late" | "on_schedule" | "at_risk" | "overdue" | "not_reported";
export const MILESTONE_STATES: MilestoneState[] = ["overdue", "at_risk", "not_reported", "on_schedule", "done_late", "done"];

export const MILESTONE_STATE_LABELS: Record<MilestoneState, { zh: string; en: string }> = {
  done: { zh: "按期完成", en: "Done" },
  done_late: { zh: "逾期完成", en: "Done late" },
  on_schedule: { zh: "按计划推进", en: "On schedule" },
  at_risk: { zh: "有风险", en: "At risk" },
  overdue: { zh: "已逾期", en: "Overdue" },
  not_reported: { zh: "未报送", en: "Not reported" },
};

/** The combined word of a task (and of each part), worst first. */
export type TaskStatus = "behind" | "at_risk" | "unreported" | "on_track" | "done";
export const TASK_STATUS_ORDER: TaskStatus[] = ["behind", "at_risk", "unreported", "on_track", "done"];
export const TASK_STATUS_LABELS: Record<TaskStatus, { zh: string; en: string }> = {
  behind: { zh: "滞后", en: "Behind" },
  at_risk: { zh: "有风险", en: "At risk" },
  unreported: { zh: "待报送/数据不足", en: "Not reported / no data" },
  on_track: { zh: "正常推进", en: "On track" },
  done: { zh: "已完成", en: "Done" },
};

/** The written rule for the combined task status (README and methodology page show this text). */
export const TASK_STATUS_RULE = {
  zh: "任务状态取指标部分与里程碑部分中较差者。指标部分：未完成、倒退、进展不足→滞后；需加快→有风险；数据不足→待报送/数据不足；进度正常→正常推进；已完成→已完成。里程碑部分取最差的里程碑：已逾期→滞后；有风险→有风险；未报送→待报送；按计划推进→正常推进；按期或逾期完成→已完成。只有一部分的任务取该部分。",
  en: "A task's status is the worse of its indicator part and its milestone part. Indicator part: missed, regressing, off track → behind; needs acceleration → at risk; insufficient data → not reported / no data; on track → on track; achieved → done. Milestone part, from the worst milestone: overdue → behind; at risk → at risk; not reported → not reported; on schedule → on track; done or done late → done. A task with only one part takes that part.",
};

export const AT_RISK_DAYS = 30;
export const SILENT_DAYS = 90;

export interface MilestoneReason {
  code: string;
  zh: string;
  en: string;
}

export interface LastReport {
  period: string;
  unit: string;
  execution: Execution;
  progress: string | null;
  problems: string | null;
  next_steps: string | null;
  reported: string | null;
  file: string;
  row: number;
}

/** One report on a milestone occurrence, for the record (the end-of-plan report's 主要做法 and 存在问题). */
export interface ReportEntry extends LastReport {
  completed: string | null;
  evidence: EvidenceRef[];
  /** A later report for the same period replaced this one (it stays in the history). */
  superseded: boolean;
}

export interface MilestoneResult {
  id: string;
  task_id: number;
  zh: string;
  en: string;
  wording: string | null;
  /** For a recurring milestone, the year of this occurrence; null otherwise. */
  year: number | null;
  recurring: boolean;
  responsible: string[];
  /** The due date in force at the as-of date. */
  due: string;
  /** The plan file's due date (for this year, when recurring). */
  original_due: string;
  extension: { new_due: string; approved_by: string; reported: string | null; unit: string } | null;
  state: MilestoneState;
  days_overdue: number | null;
  completed: string | null;
  last_report: LastReport | null;
  /** Reports known at the as-of date for this occurrence, and how many of them a later one superseded. */
  reports: number;
  superseded: number;
  evidence: EvidenceRef[];
  evidence_expected: string | null;
  /** Every report on this occurrence known at the as-of date, oldest first, superseded ones flagged. */
  history: ReportEntry[];
  reasons: MilestoneReason[];
}

export type MilestoneCounts = Record<MilestoneState, number>;

export interface TaskMilestones {
  id: number;
  zh: string;
  en: string;
  group: { id: number; zh: string; en: string };
  responsible: string[];
  indicator_status: Status | null;
  milestone_counts: MilestoneCounts;
  /** Each part as a combined word, and the combined status (the worse of the two). */
  parts: { indicators: TaskStatus | null; milestones: TaskStatus | null };
  status: TaskStatus | null;
  milestones: MilestoneResult[];
  /** The latest report on the task as a whole (no milestone named), if any. */
  task_report: LastReport | null;
}

export interface RollUpRow {
  id: string | number;
  zh: string;
  en: string;
  tasks: number[];
  milestone_counts: MilestoneCounts;
  indicator_status: Status | null;
  status: TaskStatus | null;
}

export interface ChaseItem {
  unit: string;
  unit_zh: string;
  task_id: number;
  task_zh: string;
  milestone_id: string;
  milestone_zh: string;
  year: number | null;
  due: string;
  original_due: string;
  days_overdue: number;
  last_report: LastReport | null;
}

export interface TasksAssessment {
  as_of: string;
  rule: { zh: string; en: string };
  counts: MilestoneCounts;
  tasks: TaskMilestones[];
  groups: RollUpRow[];
  units: RollUpRow[];
  overdue: ChaseItem[];
}

export interface MilestoneOptions {
  asOf: string;
  /** Worst indicator status per task id (from assessPlan's tasks), or null for a task without indicators. */
  indicatorStatus?: Map<number, Status | null>;
}

const DAY = 86_400_000;
/** Whole days from a to b (YYYY-MM-DD), b - a. */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / DAY);
}

/** The as-of date: --as-of, else the end of --year, else today but no later than the end of the plan's target year. */
export function milestoneAsOf(plan: Plan, opts: { asOf?: string; year?: number; today: string }): string {
  if (opts.asOf) return opts.asOf;
  if (opts.year) return `${opts.year}-12-31`;
  const end = `${plan.target_year}-12-31`;
  return opts.today < end ? opts.today : end;
}

export const emptyMilestoneCounts = (): MilestoneCounts => ({
  done: 0,
  done_late: 0,
  on_schedule: 0,
  at_risk: 0,
  overdue: 0,
  not_reported: 0,
});

/** The date a report became known: its 填报日期, else the day it was ingested. */
export const knownOn = (r: StoredReport): string => r.reported ?? r.ingested_on;

/** Later report first: by the date known, then by ingestion order. */
const newestFirst = (a: StoredReport, b: StoredReport) => knownOn(b).localeCompare(knownOn(a)) || b.seq - a.seq;

/** Of reports for the same period, the newest; the rest are superseded (they stay in the history). */
export function currentReports(reports: StoredReport[]): { current: StoredReport[]; superseded: number } {
  const byPeriod = new Map<string, StoredReport>();
  for (const r of [...reports].sort(newestFirst)) if (!byPeriod.has(r.period)) byPeriod.set(r.period, r);
  return { current: [...byPeriod.values()].sort(newestFirst), superseded: reports.length - byPeriod.size };
}

function lastReport(r: StoredReport | undefined): LastReport | null {
  if (!r) return null;
  return {
    period: r.period,
    unit: r.unit_id,
    execution: r.execution,
    progress: r.progress,
    problems: r.problems,
    next_steps: r.next_steps,
    reported: r.reported,
    file: r.file,
    row: r.row,
  };
}

interface Occurrence {
  milestone: Milestone;
  year: number | null;
  due: string;
}

/** One occurrence per plan year for a recurring milestone (from the year of `due`), else the milestone itself. */
export function occurrences(plan: Plan, m: Milestone): Occurrence[] {
  if (!m.recurring) return [{ milestone: m, year: null, due: m.due }];
  const first = Number(m.due.slice(0, 4));
  const out: Occurrence[] = [];
  for (let y = first; y <= Math.max(first, plan.target_year); y++) out.push({ milestone: m, year: y, due: `${y}${m.due.slice(4)}` });
  return out;
}

/** A date in a reason, as lib/format.ts writes it: "2019年6月30日" / "30 Jun 2019". */
const dz = (d: string): string => formatDate(d, "zh");
const de = (d: string): string => formatDate(d, "en");

/** The state of one occurrence from the reports on it known at the as-of date. */
export function judgeOccurrence(o: Occurrence, known: StoredReport[], asOf: string, taskReport?: StoredReport): MilestoneResult {
  const m = o.milestone;
  const { current, superseded } = currentReports(known);
  const ext = current.find((r) => r.new_due && r.approved_by);
  const due = ext?.new_due ?? o.due;
  const reasons: MilestoneReason[] = [];
  if (ext) {
    reasons.push({
      code: "extension",
      zh: `完成时限经批准（${ext.approved_by}）由${dz(o.due)}调整为${dz(due)}。`,
      en: `due date moved from ${de(o.due)} to ${de(due)}, approved by ${ext.approved_by}.`,
    });
  }
  const done = current
    .filter((r) => r.execution === "done" && r.completed)
    .sort((a, b) => (a.completed ?? "").localeCompare(b.completed ?? ""));
  const completed = done[0]?.completed ?? null;
  const last = current[0] ?? taskReport;
  const base = {
    id: m.id,
    task_id: m.task_id,
    zh: m.zh,
    en: m.en,
    wording: m.wording ?? null,
    year: o.year,
    recurring: m.recurring,
    responsible: m.responsible,
    due,
    original_due: o.due,
    extension: ext ? { new_due: due, approved_by: ext.approved_by ?? "", reported: ext.reported, unit: ext.unit_id } : null,
    completed,
    last_report: lastReport(last),
    reports: known.length,
    superseded,
    evidence: dedupeEvidence(current.flatMap((r) => r.evidence_files)),
    evidence_expected: m.evidence ?? null,
    history: [...known]
      .sort((a, b) => -newestFirst(a, b))
      .map((r) => ({
        ...(lastReport(r) as LastReport),
        completed: r.completed,
        evidence: r.evidence_files,
        superseded: !current.includes(r),
      })),
  };
  const result = (state: MilestoneState, days_overdue: number | null, why: MilestoneReason): MilestoneResult => ({
    ...base,
    state,
    days_overdue,
    reasons: [why, ...reasons],
  });
  if (completed) {
    const late = daysBetween(due, completed);
    if (late <= 0)
      return result("done", null, {
        code: "done",
        zh: `${dz(completed)}完成，未超过完成时限${dz(due)}。`,
        en: `completed on ${de(completed)}, on or before the due date ${de(due)}.`,
      });
    return result("done_late", null, {
      code: "done_late",
      zh: `${dz(completed)}完成，晚于完成时限${dz(due)}${late}天。`,
      en: `completed on ${de(completed)}, ${late} day(s) after the due date ${de(due)}.`,
    });
  }
  const left = daysBetween(asOf, due);
  if (left < 0) {
    return result("overdue", -left, {
      code: "overdue",
      zh: `完成时限${dz(due)}已过${-left}天，尚未报告完成。`,
      en: `the due date ${de(due)} passed ${-left} day(s) ago and no completion has been reported.`,
    });
  }
  if (!last) {
    const soon = left <= AT_RISK_DAYS;
    return result("not_reported", null, {
      code: "not_reported",
      zh: `尚无进展报告；完成时限${dz(due)}${soon ? `，仅剩${left}天` : ""}。`,
      en: `no progress report yet; due ${de(due)}${soon ? `, ${left} day(s) from now` : ""}.`,
    });
  }
  const word = EXECUTION_LABELS[last.execution];
  const silent = daysBetween(knownOn(last), asOf);
  if (last.execution === "delayed")
    return result("at_risk", null, {
      code: "reported_delayed",
      zh: `最近一次报告（${last.period}）为“${word.zh}”，完成时限${dz(due)}。`,
      en: `the last report (${last.period}) says ${word.en}; due ${de(due)}.`,
    });
  if (left <= AT_RISK_DAYS && silent >= SILENT_DAYS)
    return result("at_risk", null, {
      code: "due_soon_silent",
      zh: `距完成时限${dz(due)}仅${left}天，且已${silent}天没有进展报告。`,
      en: `${left} day(s) to the due date ${de(due)} and no report for ${silent} days.`,
    });
  if (last.execution === "not_started" && left <= AT_RISK_DAYS)
    return result("at_risk", null, {
      code: "not_started_due_soon",
      zh: `距完成时限${dz(due)}仅${left}天，最近报告仍为“未启动”。`,
      en: `${left} day(s) to the due date ${de(due)} and the last report says not started.`,
    });
  return result("on_schedule", null, {
    code: "on_schedule",
    zh: `最近一次报告（${last.period}）为“${word.zh}”，距完成时限${dz(due)}还有${left}天。`,
    en: `the last report (${last.period}) says ${word.en}; ${left} day(s) to the due date ${de(due)}.`,
  });
}

function dedupeEvidence(list: EvidenceRef[]): EvidenceRef[] {
  const seen = new Map<string, EvidenceRef>();
  for (const e of list) if (!seen.has(e.name) || (seen.get(e.name)?.missing && !e.missing)) seen.set(e.name, e);
  return [...seen.values()];
}

/** Reports on one occurrence known at the as-of date (a recurring one: those whose period ends in its year). */
function reportsFor(o: Occurrence, reports: StoredReport[], asOf: string): StoredReport[] {
  return reports.filter(
    (r) => r.milestone_id === o.milestone.id && knownOn(r) <= asOf && (o.year === null || Number(r.period_end.slice(0, 4)) === o.year),
  );
}

const INDICATOR_PART: Record<Status, TaskStatus> = {
  missed: "behind",
  regressing: "behind",
  off_track: "behind",
  needs_acceleration: "at_risk",
  insufficient_data: "unreported",
  on_track: "on_track",
  achieved: "done",
};
const MILESTONE_PART: Record<MilestoneState, TaskStatus> = {
  overdue: "behind",
  at_risk: "at_risk",
  not_reported: "unreported",
  on_schedule: "on_track",
  done_late: "done",
  done: "done",
};

export function worseOf(...parts: (TaskStatus | null)[]): TaskStatus | null {
  const present = parts.filter((p): p is TaskStatus => p !== null);
  if (present.length === 0) return null;
  return TASK_STATUS_ORDER[Math.min(...present.map((p) => TASK_STATUS_ORDER.indexOf(p)))];
}

function count(states: MilestoneState[]): MilestoneCounts {
  const c = emptyMilestoneCounts();
  for (const s of states) c[s]++;
  return c;
}

/** Every milestone of the plan as of `asOf`, with task statuses, roll-ups and the chase list. */
export function assessMilestones(plan: Plan, reports: StoredReport[], opts: MilestoneOptions): TasksAssessment {
  const asOf = opts.asOf;
  const tasks: TaskMilestones[] = plan.tasks.map((t) => {
    const taskLevel = currentReports(reports.filter((r) => r.task_id === t.id && r.milestone_id === null && knownOn(r) <= asOf)).current[0];
    const milestones = t.milestones.flatMap((m) =>
      occurrences(plan, m).map((o) => judgeOccurrence(o, reportsFor(o, reports, asOf), asOf, taskLevel)),
    );
    const indicator_status = opts.indicatorStatus?.get(t.id) ?? null;
    const parts = {
      indicators: indicator_status ? INDICATOR_PART[indicator_status] : null,
      milestones: worseOf(...milestones.map((m) => MILESTONE_PART[m.state])),
    };
    return {
      id: t.id,
      zh: t.zh,
      en: t.en,
      group: { ...t.group },
      responsible: [...t.responsible],
      indicator_status,
      milestone_counts: count(milestones.map((m) => m.state)),
      parts,
      status: worseOf(parts.indicators, parts.milestones),
      milestones,
      task_report: lastReport(taskLevel),
    };
  });
  return {
    as_of: asOf,
    rule: TASK_STATUS_RULE,
    counts: count(tasks.flatMap((t) => t.milestones.map((m) => m.state))),
    tasks,
    groups: groupRollUp(tasks),
    units: unitRollUp(plan, tasks),
    overdue: chaseList(plan, tasks),
  };
}

function worstIndicator(statuses: (Status | null)[]): Status | null {
  const order: Status[] = ["missed", "regressing", "off_track", "needs_acceleration", "insufficient_data", "on_track", "achieved"];
  const present = statuses.filter((s): s is Status => s !== null);
  return present.length ? order[Math.min(...present.map((s) => order.indexOf(s)))] : null;
}

function groupRollUp(tasks: TaskMilestones[]): RollUpRow[] {
  const groups: RollUpRow[] = [];
  for (const t of tasks) {
    if (!groups.some((g) => g.id === t.group.id))
      groups.push({
        id: t.group.id,
        zh: t.group.zh,
        en: t.group.en,
        tasks: [],
        milestone_counts: emptyMilestoneCounts(),
        indicator_status: null,
        status: null,
      });
    groups.find((g) => g.id === t.group.id)?.tasks.push(t.id);
  }
  for (const g of groups) {
    const own = tasks.filter((t) => g.tasks.includes(t.id));
    g.milestone_counts = count(own.flatMap((t) => t.milestones.map((m) => m.state)));
    g.indicator_status = worstIndicator(own.map((t) => t.indicator_status));
    g.status = worseOf(...own.map((t) => t.status));
  }
  return groups;
}

/** Per unit: the tasks it shares, and the milestones it owes (those naming it as responsible). */
function unitRollUp(plan: Plan, tasks: TaskMilestones[]): RollUpRow[] {
  return plan.units.map((u) => {
    const own = tasks.filter((t) => t.responsible.includes(u.id));
    const owed = tasks.flatMap((t) => t.milestones.filter((m) => m.responsible.includes(u.id)));
    const indicator_status = worstIndicator(own.map((t) => t.indicator_status));
    return {
      id: u.id,
      zh: u.zh,
      en: u.en,
      tasks: own.map((t) => t.id),
      milestone_counts: count(owed.map((m) => m.state)),
      indicator_status,
      status: worseOf(indicator_status ? INDICATOR_PART[indicator_status] : null, worseOf(...owed.map((m) => MILESTONE_PART[m.state]))),
    };
  });
}

/** 催办清单: every overdue occurrence once per responsible unit, longest overdue first. */
function chaseList(plan: Plan, tasks: TaskMilestones[]): ChaseItem[] {
  const unitZh = new Map(plan.units.map((u) => [u.id, u.zh]));
  const items: ChaseItem[] = [];
  for (const t of tasks)
    for (const m of t.milestones)
      if (m.state === "overdue")
        for (const unit of m.responsible)
          items.push({
            unit,
            unit_zh: unitZh.get(unit) ?? unit,
            task_id: t.id,
            task_zh: t.zh,
            milestone_id: m.id,
            milestone_zh: m.zh,
            year: m.year,
            due: m.due,
            original_due: m.original_due,
            days_overdue: m.days_overdue ?? 0,
            last_report: m.last_report,
          });
  return items.sort((a, b) => b.days_overdue - a.days_overdue || a.unit.localeCompare(b.unit) || a.task_id - b.task_id);
}
