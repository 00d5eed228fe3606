/**
 * Data collection (填报): what a template asks a responsible unit for, and what a receipt tells it
 * back. Pure types and the fixed layout of a template, shared by the template writer (exports/),
 * the reader of returned files (loaders/), the warehouse and the submission server.
 *
 * @example
 *   const col = INDICATOR_SHEET.columns.value; // 9: the column (I) a unit types the period's figure in
 */
import type { VintageStatus } from "./observation.ts";
import type { ProgressReport } from "./progress.ts";

/** What the hidden meta sheet of a template holds: enough to recognise a returned file even renamed. */
export interface TemplateMeta {
  template_id: string;
  plan_id: string;
  /** sha256 of the plan file the template was made from: a template for another plan version is refused. */
  plan_sha256: string;
  unit_id: string;
  /** The period asked for: a calendar year. */
  period: number;
  /** Issue date, YYYY-MM-DD. */
  issued: string;
  /** Deadline, YYYY-MM-DD, or null. */
  deadline: string | null;
  lang: "zh" | "en";
}

/** One indicator row of the 指标数据 sheet, as issued. */
export interface TemplateItem {
  /** Spreadsheet row the item was issued on. */
  row: number;
  indicator_id: string;
  zh: string;
  en: string;
  unit: string;
  target: number;
  /** The figures already held for the reference years (null: none held). */
  reference: (number | null)[];
}

/** One milestone row of the 任务进展 sheet, as issued (from the plan's milestones). */
export interface TemplateTaskItem {
  row: number;
  task_id: number;
  milestone_id: string;
  zh: string;
  en: string;
  /** YYYY-MM-DD; for a recurring milestone, the month/day owed each year. */
  due: string;
  recurring: boolean;
}

/** A template as issued to one unit, stored in the warehouse (collection_templates). */
export interface IssuedTemplate {
  meta: TemplateMeta;
  unit: { id: string; zh: string; en: string };
  /** The reference years shown (the three years before the period). */
  reference_years: number[];
  items: TemplateItem[];
  tasks: TemplateTaskItem[];
  file_name: string;
}

/** Names of the sheets; a returned file is recognised by META_SHEET and its first cell. */
export const META_SHEET = "pm_meta";
export const META_MARK = "plan-monitor template";
export const META_VERSION = 1;
export const SHEETS = {
  instructions: { zh: "填报说明", en: "Instructions" },
  indicators: { zh: "指标数据", en: "Indicator data" },
  tasks: { zh: "任务进展", en: "Task progress" },
} as const;

/** Layout of the 指标数据 sheet: title row 1, hint row 2, header row 3, items from row 4. */
export const INDICATOR_SHEET = {
  headerRow: 3,
  firstRow: 4,
  columns: { seq: 1, id: 2, name: 3, unit: 4, target: 5, ref0: 6, value: 9, status: 10, note: 11 },
  lastColumn: 11,
  referenceYears: 3,
} as const;

/** Layout of the 任务进展 sheet: same rows as the indicator sheet; headers read by loaders/progress-report.ts. */
export const TASK_SHEET = {
  headerRow: 3,
  firstRow: 4,
  columns: {
    task: 1,
    milestone: 2,
    name: 3,
    due: 4,
    unit: 5,
    period: 6,
    execution: 7,
    completed: 8,
    progress: 9,
    problems: 10,
    next: 11,
    evidence: 12,
  },
  lastColumn: 12,
} as const;

export const EXECUTION_CHOICES = {
  zh: ["按计划", "提前", "延期", "未启动", "已完成"],
  en: ["on schedule", "ahead", "delayed", "not started", "done"],
} as const;

export const STATUS_CHOICES = { zh: ["初步", "正式"], en: ["preliminary", "final"] } as const;

/** Why a cell or a whole file was not taken, and how to fix it. */
export interface ReceiptProblem {
  code: string;
  zh: string;
  en: string;
  fix_zh: string;
  fix_en: string;
}

/** A rejected cell: sheet, row, column letter and header, the value as typed, why, how to fix. */
export interface RejectedCell extends ReceiptProblem {
  sheet: string;
  row: number;
  column: string;
  column_name: string;
  value: string | null;
}

/** A milestone reported on in a returned form (landed as a progress report). */
export interface LandedTask {
  task_id: number;
  milestone_id: string;
  zh: string;
  en: string;
  execution: string;
  row: number;
}

export interface LandedItem {
  indicator_id: string;
  zh: string;
  en: string;
  value: number;
  unit: string;
  status: VintageStatus;
  /** The remark written beside the figure (备注), or null. */
  note: string | null;
  row: number;
}

/** What reading a returned template gave, before landing (loaders/returned.ts). */
export interface ReturnedRead {
  meta: TemplateMeta;
  landed: LandedItem[];
  rejected: RejectedCell[];
  /** Requested indicator ids left empty (or "—"). */
  empty: string[];
  /** Milestones reported on, and requested milestone ids ("task.milestone") left empty. */
  tasks_landed: LandedTask[];
  tasks_empty: string[];
  /** The progress reports to land (loaders/progress-report.ts parsed them). */
  reports: ProgressReport[];
}

export type Timeliness = "on_time" | "late" | "no_deadline";

/** The receipt (回执): a pure function of the request and what was read and landed (exports/receipt.ts). */
export interface Receipt {
  template_id: string | null;
  plan_id: string | null;
  unit: { id: string; zh: string; en: string } | null;
  period: number | null;
  deadline: string | null;
  submitted_at: string;
  file_name: string;
  /** landed: every requested figure taken; partial: some cells rejected or left empty; refused: nothing taken. */
  state: "landed" | "partial" | "refused";
  timeliness: Timeliness;
  /** Why the whole file was refused (state "refused"). */
  refused: ReceiptProblem | null;
  landed: LandedItem[];
  rejected: RejectedCell[];
  empty: { indicator_id: string; zh: string; en: string }[];
  /** Milestones reported on (任务进展) and those still owed a report. */
  tasks_landed: LandedTask[];
  tasks_empty: { milestone_id: string; task_id: number; zh: string; en: string }[];
  /** Submissions of the same template received before this one (it supersedes them); 0 for the first. */
  earlier_submissions: number;
  requested: number;
}

/** The indicators a unit is responsible for through its tasks, in the plan's order. */
export function indicatorsForUnit(
  plan: { indicators: { id: string }[]; tasks: { responsible: string[]; indicators: string[] }[] },
  unitId: string,
): string[] {
  const mine = new Set(plan.tasks.filter((t) => t.responsible.includes(unitId)).flatMap((t) => t.indicators));
  return plan.indicators.filter((i) => mine.has(i.id)).map((i) => i.id);
}

/** The units responsible (through tasks) for an indicator. */
export function unitsForIndicator(plan: { tasks: { responsible: string[]; indicators: string[] }[] }, indicatorId: string): string[] {
  return [...new Set(plan.tasks.filter((t) => t.indicators.includes(indicatorId)).flatMap((t) => t.responsible))];
}

/** Spreadsheet column letter for a 1-based column number (1 → A, 27 → AA). */
export function columnLetter(col: number): string {
  let s = "";
  for (let n = col; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
}
