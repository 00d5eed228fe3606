/**
 * Progress reports (工作进展) from the responsible units and their evidence (佐证材料): the shared
 * types, the execution words and the report periods. Pure: no I/O.
 *
 * @example
 *   parsePeriod("2019年上半年"); // { period: "2019H1", start: "2019-01-01", end: "2019-06-30" }
 *   EXECUTION_WORDS.get("延期"); // "delayed"
 */

/** What a unit says about a milestone in a report (执行情况). */
export type Execution = "on_schedule" | "ahead" | "delayed" | "not_started" | "done";
export const EXECUTIONS: Execution[] = ["on_schedule", "ahead", "delayed", "not_started", "done"];

export const EXECUTION_LABELS: Record<Execution, { zh: string; en: string }> = {
  on_schedule: { zh: "按计划", en: "on schedule" },
  ahead: { zh: "提前", en: "ahead" },
  delayed: { zh: "延期", en: "delayed" },
  not_started: { zh: "未启动", en: "not started" },
  done: { zh: "已完成", en: "done" },
};

/** Words offices write in the 执行情况 column → execution (compared without spaces, lower case). */
export const EXECUTION_WORDS = new Map<string, Execution>([
  ["按计划", "on_schedule"],
  ["按计划推进", "on_schedule"],
  ["正常推进", "on_schedule"],
  ["进行中", "on_schedule"],
  ["onschedule", "on_schedule"],
  ["on_schedule", "on_schedule"],
  ["ontrack", "on_schedule"],
  ["提前", "ahead"],
  ["超前", "ahead"],
  ["ahead", "ahead"],
  ["延期", "delayed"],
  ["滞后", "delayed"],
  ["推迟", "delayed"],
  ["delayed", "delayed"],
  ["behind", "delayed"],
  ["未启动", "not_started"],
  ["尚未启动", "not_started"],
  ["notstarted", "not_started"],
  ["not_started", "not_started"],
  ["已完成", "done"],
  ["完成", "done"],
  ["done", "done"],
  ["completed", "done"],
]);

/** One accepted progress-report row, in the plan's ids. Dates are YYYY-MM-DD. */
export interface ProgressReport {
  task_id: number;
  /** null: the row reports on the task as a whole (the task has several milestones and the row named none). */
  milestone_id: string | null;
  unit_id: string;
  /** Normalised period: "2019", "2019H1", "2019Q3" or "2019-06". */
  period: string;
  period_end: string;
  execution: Execution;
  completed: string | null;
  progress: string | null;
  problems: string | null;
  next_steps: string | null;
  /** Evidence file names as the report lists them. */
  evidence: string[];
  /** 填报日期; null when the file gives none (then the ingestion date orders reports). */
  reported: string | null;
  /** 调整后完成时限: a new due date asked for; it applies only with an approval reference. */
  new_due: string | null;
  /** 批准文号 / approved_by: the approval of the new due date. */
  approved_by: string | null;
  /** Row in the file, as a spreadsheet shows it. */
  row: number;
}

/** A stored report, as the engine reads it back: with its order and its evidence. */
export interface StoredReport extends ProgressReport {
  seq: number;
  /** ingestion date (YYYY-MM-DD): orders reports without a 填报日期. */
  ingested_on: string;
  file: string;
  evidence_files: EvidenceRef[];
}

export interface EvidenceRef {
  name: string;
  /** null when the named file was not found ("evidence missing"). */
  sha256: string | null;
  size: number | null;
  type: string | null;
  missing: boolean;
}

export interface Period {
  period: string;
  start: string;
  end: string;
}

const pad = (n: number) => String(n).padStart(2, "0");
const lastDay = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const span = (y: number, m1: number, m2: number, period: string): Period => ({
  period,
  start: `${y}-${pad(m1)}-01`,
  end: `${y}-${pad(m2)}-${pad(lastDay(y, m2))}`,
});

const QUARTER_ZH: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, "1": 1, "2": 2, "3": 3, "4": 4 };

/** A report period as offices write it → normalised period with its first and last day; null if not a period. */
export function parsePeriod(input: string): Period | null {
  const s = input
    .normalize("NFKC")
    .replace(/[\s\u3000]+/g, "")
    .toUpperCase();
  let m = /^(\d{4})(?:年|年度)?$/.exec(s);
  if (m) return span(Number(m[1]), 1, 12, m[1]);
  m = /^(\d{4})(?:年)?[-]?(?:Q|第)([1-4一二三四])(?:季度|季)?$/.exec(s);
  if (m) {
    const q = QUARTER_ZH[m[2]];
    return span(Number(m[1]), q * 3 - 2, q * 3, `${m[1]}Q${q}`);
  }
  m = /^(\d{4})年?(上半年|下半年|H1|H2)$/.exec(s) ?? /^(\d{4})-?(H1|H2)$/.exec(s);
  if (m) {
    const first = m[2] === "上半年" || m[2] === "H1";
    return span(Number(m[1]), first ? 1 : 7, first ? 6 : 12, `${m[1]}H${first ? 1 : 2}`);
  }
  m = /^(\d{4})(?:-|年|\/|\.)(\d{1,2})月?$/.exec(s);
  if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) {
    const mon = Number(m[2]);
    return span(Number(m[1]), mon, mon, `${m[1]}-${pad(mon)}`);
  }
  return null;
}

/** A date as offices write it (2019-06-30, 2019/6/30, 2019.6.30, 2019年6月30日, 20190630) → YYYY-MM-DD, or null. */
export function parseDateText(input: string): string | null {
  const s = input.normalize("NFKC").trim();
  const m = /^(\d{4})(?:[-/.年])(\d{1,2})(?:[-/.月])(\d{1,2})日?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return null;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > lastDay(y, mo)) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
