/**
 * Progress-report files (工作进展报送表) → validated reports and rejected rows. A grid of cells (from
 * CSV, xlsx or JSON, as the indicator files are read) is searched for a header row among its first
 * 20 rows with the report columns in Chinese or English; each row below it becomes a report or a
 * rejection with its row, column and a reason in zh and en. Pure: no I/O (the caller reads the file
 * and passes `today`), so a template sheet filled in by a unit goes through the same function.
 *
 * @example
 *   const header = findProgressHeader(rows);           // null when the grid is no progress report
 *   const { reports, rejected } = parseProgressRows(rows, header, plan, { today: "2020-07-10" });
 */
import type { Milestone, Plan, ResponsibleUnit, Task } from "../domain/plan.ts";
import { EXECUTION_WORDS, type Execution, parseDateText, parsePeriod, type ProgressReport } from "../domain/progress.ts";
import type { RejectedRow } from "./errors.ts";
import { normaliseHeader } from "./headers.ts";
import { normaliseName, similarity } from "./indicator-match.ts";
import type { Cell, GridRow } from "./table.ts";

export type ProgressField =
  | "task"
  | "milestone"
  | "unit"
  | "period"
  | "execution"
  | "completed"
  | "progress"
  | "problems"
  | "next_steps"
  | "evidence"
  | "reported"
  | "new_due"
  | "approved_by";

/** Header spellings per column (compared after normaliseHeader: no spaces, `_ - :`, lower case). */
export const PROGRESS_HEADERS: Record<ProgressField, { zh: string; en: string; aliases: string[] }> = {
  task: {
    zh: "任务",
    en: "task",
    aliases: ["任务", "任务名称", "任务编号", "任务序号", "重点任务", "task", "taskid", "task_id", "taskname"],
  },
  milestone: {
    zh: "里程碑",
    en: "milestone",
    aliases: ["里程碑", "里程碑编号", "里程碑名称", "工作节点", "节点", "milestone", "milestoneid", "milestone_id", "milestonename"],
  },
  unit: { zh: "报送单位", en: "unit", aliases: ["报送单位", "填报单位", "责任单位", "单位", "unit", "reportingunit", "reporting_unit"] },
  period: { zh: "报告期", en: "period", aliases: ["报告期", "报告期间", "报送期", "时段", "period", "reportperiod", "report_period"] },
  execution: { zh: "执行情况", en: "execution", aliases: ["执行情况", "进展状态", "推进情况", "完成状态", "execution", "status"] },
  completed: {
    zh: "完成日期",
    en: "completed",
    aliases: ["完成日期", "完成时间", "实际完成日期", "实际完成时间", "completed", "completedon", "completed_on", "completiondate"],
  },
  progress: { zh: "工作进展", en: "progress", aliases: ["工作进展", "进展情况", "主要做法", "工作进展情况", "progress"] },
  problems: { zh: "存在问题", en: "problems", aliases: ["存在问题", "问题", "存在的问题", "problems", "issues"] },
  next_steps: {
    zh: "下一步",
    en: "next_steps",
    aliases: ["下一步", "下一步工作", "下一步计划", "下步打算", "下一步工作计划", "next_steps", "nextsteps", "next"],
  },
  evidence: { zh: "佐证材料", en: "evidence", aliases: ["佐证材料", "证明材料", "佐证材料文件", "附件", "evidence", "evidencefiles"] },
  reported: {
    zh: "填报日期",
    en: "reported",
    aliases: ["填报日期", "报送日期", "填报时间", "报送时间", "reported", "reportedon", "reported_on", "reportdate"],
  },
  new_due: {
    zh: "调整后完成时限",
    en: "new_due",
    aliases: ["调整后完成时限", "调整后时限", "新完成时限", "调整完成时限", "new_due", "newdue", "extendeddue", "extended_due"],
  },
  approved_by: {
    zh: "批准文号",
    en: "approved_by",
    aliases: ["批准文号", "批准文件", "审批文号", "approved_by", "approvedby", "approval"],
  },
};

const FIELDS = Object.keys(PROGRESS_HEADERS) as ProgressField[];
const LOOKUP = new Map<string, ProgressField>();
for (const f of FIELDS) for (const a of PROGRESS_HEADERS[f].aliases) LOOKUP.set(normaliseHeader(a), f);

export interface ProgressHeader {
  headerIndex: number;
  headerRow: number;
  columns: Partial<Record<ProgressField, { index: number; header: string }>>;
}

/** The header row of a progress report (task, unit and execution or progress columns), or null. */
export function findProgressHeader(rows: GridRow[], scan = 20): ProgressHeader | null {
  for (let i = 0; i < Math.min(rows.length, scan); i++) {
    const columns: ProgressHeader["columns"] = {};
    rows[i].cells.forEach((cell, index) => {
      const field = cell ? LOOKUP.get(normaliseHeader(cell.text.replace(/[(（][^)）]*[)）]$/, ""))) : undefined;
      if (field && !columns[field]) columns[field] = { index, header: cell?.text.trim() ?? "" };
    });
    if (columns.task && columns.unit && (columns.execution || columns.progress)) return { headerIndex: i, headerRow: rows[i].row, columns };
  }
  return null;
}

export interface ProgressParseOptions {
  /** The date the file is read (YYYY-MM-DD): no completion or report date may lie after it. */
  today: string;
}

export interface ProgressParseResult {
  reports: ProgressReport[];
  rejected: RejectedRow[];
  /** Data rows seen below the header (blank and note rows excluded). */
  rowsRead: number;
}

type Reject = (column: ProgressField | null, value: string | null, code: string, zh: string, en: string) => never;
class RowRejected extends Error {
  constructor(readonly rejection: Omit<RejectedRow, "row">) {
    super(rejection.en);
  }
}

const NOTE_ROW = /^(注|说明|备注|填表人|审核人|联系人|联系电话|数据来源)[:：]?/;

/** Every row below the header → a report or a rejection. */
export function parseProgressRows(rows: GridRow[], header: ProgressHeader, plan: Plan, opts: ProgressParseOptions): ProgressParseResult {
  const ctx = new PlanIndex(plan);
  const reports: ProgressReport[] = [];
  const rejected: RejectedRow[] = [];
  let rowsRead = 0;
  for (const row of rows.slice(header.headerIndex + 1)) {
    const text = (f: ProgressField): string => {
      const col = header.columns[f];
      return col ? cellText(row.cells[col.index]) : "";
    };
    const texts = row.cells.map(cellText).filter((t) => t !== "");
    if (texts.length === 0 || NOTE_ROW.test(texts[0]) || (texts.length === 1 && texts[0].startsWith("注"))) continue;
    if (normaliseHeader(text("task")) === normaliseHeader(header.columns.task?.header ?? "")) continue; // a repeated header
    rowsRead++;
    const reject: Reject = (column, value, code, zh, en) => {
      throw new RowRejected({
        column: column ? (header.columns[column]?.header ?? PROGRESS_HEADERS[column].zh) : null,
        value,
        code,
        zh,
        en,
      });
    };
    try {
      reports.push(parseRow(row.row, text, ctx, opts, reject));
    } catch (error) {
      if (!(error instanceof RowRejected)) throw error;
      rejected.push({ row: row.row, ...error.rejection });
    }
  }
  return { reports, rejected, rowsRead };
}

function cellText(cell: Cell | null | undefined): string {
  return cell ? cell.text.trim() : "";
}

function parseRow(
  row: number,
  text: (f: ProgressField) => string,
  ctx: PlanIndex,
  opts: ProgressParseOptions,
  reject: Reject,
): ProgressReport {
  const task = ctx.task(text("task"), reject);
  const milestone = ctx.milestone(task, text("milestone"), reject);
  const unit = ctx.unit(text("unit"), reject);
  const owes = milestone ? milestone.responsible : task.responsible;
  if (!owes.includes(unit.id)) {
    const names = owes.map((id) => ctx.unitName(id)).join("、");
    reject(
      "unit",
      text("unit"),
      "UNIT_NOT_RESPONSIBLE",
      `${unit.zh}不是${milestone ? `里程碑${milestone.id}` : `任务${task.id}`}的责任单位（责任单位：${names}）。请由责任单位报送，或在计划文件中补充责任单位。`,
      `${unit.en} (${unit.zh}) is not responsible for ${milestone ? `milestone ${milestone.id}` : `task ${task.id}`} (responsible: ${names}). Have a responsible unit report it, or add the unit in the plan file.`,
    );
  }
  const periodText = text("period");
  const period = parsePeriod(periodText);
  if (!period) {
    reject(
      "period",
      periodText || null,
      periodText ? "BAD_PERIOD" : "MISSING_PERIOD",
      `报告期${periodText ? `"${periodText}"无法识别` : "为空"}。请写作 2019、2019Q3、2019-06 或 2019年上半年。`,
      `period ${periodText ? `"${periodText}" is not recognised` : "is empty"}. Write 2019, 2019Q3, 2019-06 or 2019年上半年.`,
    );
  }
  const reported = optionalDate("reported", text("reported"), reject);
  const completed = optionalDate("completed", text("completed"), reject);
  const execution = parseExecution(text("execution"), completed, reject);
  if (execution === "done" && !completed) {
    reject(
      "completed",
      null,
      "MISSING_COMPLETED",
      "执行情况为已完成，但没有完成日期。请填写完成日期（YYYY-MM-DD），据此判断是否按期完成。",
      "execution is done but the completion date is empty. Write the completion date (YYYY-MM-DD); it decides whether the milestone was done on time.",
    );
  }
  const asOf = reported ?? opts.today;
  if (completed && completed > asOf) {
    reject(
      "completed",
      completed,
      "COMPLETED_IN_FUTURE",
      `完成日期 ${completed} 晚于${reported ? `填报日期 ${reported}` : `导入日期 ${opts.today}`}：尚未发生的完成不能报送。请填写实际完成日期，或改为"按计划"。`,
      `completion date ${completed} is after the ${reported ? `report date ${reported}` : `ingestion date ${opts.today}`}: a completion that has not happened cannot be reported. Write the actual date, or report "on schedule".`,
    );
  }
  if (reported && reported > opts.today) {
    reject(
      "reported",
      reported,
      "REPORTED_IN_FUTURE",
      `填报日期 ${reported} 晚于今天（${opts.today}）。请检查日期。`,
      `report date ${reported} is after today (${opts.today}). Check the date.`,
    );
  }
  const newDue = optionalDate("new_due", text("new_due"), reject);
  if (newDue && !milestone) {
    reject(
      "new_due",
      newDue,
      "EXTENSION_WITHOUT_MILESTONE",
      "调整完成时限须针对某个里程碑。请在里程碑列写明里程碑编号。",
      "a new due date applies to one milestone. Name the milestone in the milestone column.",
    );
  }
  return {
    task_id: task.id,
    milestone_id: milestone?.id ?? null,
    unit_id: unit.id,
    period: period?.period ?? "",
    period_end: period?.end ?? "",
    execution,
    completed,
    progress: text("progress") || null,
    problems: text("problems") || null,
    next_steps: text("next_steps") || null,
    evidence: splitEvidence(text("evidence")),
    reported,
    new_due: newDue,
    approved_by: text("approved_by") || null,
    row,
  };
}

/** Evidence file names separated by ; or ；(also by line breaks). */
export function splitEvidence(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[;；\n]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

function optionalDate(field: ProgressField, raw: string, reject: Reject): string | null {
  if (!raw) return null;
  const date = parseDateText(raw);
  if (!date) {
    const h = PROGRESS_HEADERS[field];
    reject(
      field,
      raw,
      "BAD_DATE",
      `${h.zh}"${raw}"不是有效日期。请写作 YYYY-MM-DD，如 2019-06-30。`,
      `${h.en} "${raw}" is not a valid date. Write YYYY-MM-DD, e.g. 2019-06-30.`,
    );
  }
  return date;
}

function parseExecution(raw: string, completed: string | null, reject: Reject): Execution {
  if (!raw && completed) return "done";
  const found = EXECUTION_WORDS.get(
    raw
      .normalize("NFKC")
      .toLowerCase()
      .replace(/[\s\u3000]+/g, ""),
  );
  if (found) return found;
  return reject(
    "execution",
    raw || null,
    raw ? "BAD_EXECUTION" : "MISSING_EXECUTION",
    `执行情况${raw ? `"${raw}"无法识别` : "为空"}。请填写 按计划、提前、延期、未启动 或 已完成。`,
    `execution ${raw ? `"${raw}" is not recognised` : "is empty"}. Write on_schedule, ahead, delayed, not_started or done (按计划/提前/延期/未启动/已完成).`,
  );
}

/** The plan's tasks, milestones and units, looked up by id or name with the closest names for a miss. */
class PlanIndex {
  private readonly units = new Map<string, ResponsibleUnit>();
  constructor(readonly plan: Plan) {
    for (const u of plan.units) for (const n of [u.id, u.zh, u.en, ...u.aliases]) this.units.set(normaliseName(n), u);
  }

  unitName(id: string): string {
    return this.plan.units.find((u) => u.id === id)?.zh ?? id;
  }

  task(raw: string, reject: Reject): Task {
    const n = normaliseName(raw)
      .replace(/^任务/, "")
      .replace(/[.、]$/, "");
    const found = this.plan.tasks.find(
      (t) => String(t.id) === n || normaliseName(t.zh) === normaliseName(raw) || normaliseName(t.en) === normaliseName(raw),
    );
    if (found) return found;
    const ids = this.plan.tasks.map((t) => t.id);
    const near = /^\d+$/.test(n)
      ? [`${ids[0]}–${ids[ids.length - 1]}`]
      : closest(
          raw,
          this.plan.tasks.map((t) => ({ key: t.zh, label: `${t.id} ${t.zh}` })),
        );
    return reject(
      "task",
      raw || null,
      raw ? "UNKNOWN_TASK" : "MISSING_TASK",
      raw ? `计划中没有任务"${raw}"。最接近的：${near.join("、")}。请写任务编号或任务名称。` : "任务为空。请写任务编号（如 4）或任务名称。",
      raw
        ? `the plan has no task "${raw}". Closest: ${near.join("; ")}. Write the task number or name.`
        : "task is empty. Write the task number (e.g. 4) or its name.",
    );
  }

  milestone(task: Task, raw: string, reject: Reject): Milestone | null {
    if (!raw) return task.milestones.length === 1 ? task.milestones[0] : null;
    const n = normaliseName(raw);
    const found =
      task.milestones.find((m) => normaliseName(m.id) === n || normaliseName(m.zh) === n || normaliseName(m.en) === n) ??
      task.milestones.find((m) => normaliseName(`${task.id}.${m.id}`) === n);
    if (found) return found;
    const near = closest(
      raw,
      task.milestones.map((m) => ({ key: m.zh, label: `${m.id} ${m.zh}` })),
    );
    return reject(
      "milestone",
      raw,
      "UNKNOWN_MILESTONE",
      `任务${task.id}没有里程碑"${raw}"。${near.length ? `最接近的：${near.join("、")}。` : "该任务没有里程碑。"}请写里程碑编号（如 ${task.milestones[0]?.id ?? `${task.id}.1`}）或名称。`,
      `task ${task.id} has no milestone "${raw}". ${near.length ? `Closest: ${near.join("; ")}.` : "The task has no milestones."} Write the milestone id (e.g. ${task.milestones[0]?.id ?? `${task.id}.1`}) or its name.`,
    );
  }

  unit(raw: string, reject: Reject): ResponsibleUnit {
    const n = normaliseName(raw);
    const found = this.units.get(n) ?? this.units.get(n.replace(/^市/, "")) ?? this.units.get(`市${n}`);
    if (found) return found;
    const near = closest(
      raw,
      this.plan.units.map((u) => ({ key: u.zh, label: u.zh })),
    );
    return reject(
      "unit",
      raw || null,
      raw ? "UNKNOWN_UNIT" : "MISSING_UNIT",
      raw ? `计划中没有单位"${raw}"。最接近的：${near.join("、")}。` : "报送单位为空。请写单位名称，如 市经信局。",
      raw ? `the plan has no unit "${raw}". Closest: ${near.join("; ")}.` : "unit is empty. Write the unit's name, e.g. 市经信局.",
    );
  }
}

function closest(raw: string, names: { key: string; label: string }[], top = 3): string[] {
  const n = normaliseName(raw);
  return names
    .map((x) => ({ ...x, score: similarity(n, normaliseName(x.key)) }))
    .sort((a, b) => b.score - a.score)
    .slice(0, top)
    .map((x) => x.label);
}

/**
 * The first sheet holding a progress report (e.g. a workbook's 任务进展 sheet), parsed; null when no
 * sheet has the report header. For callers that read a workbook themselves (returned templates).
 */
export function progressFromSheets(
  sheets: { name: string | null; rows: GridRow[] }[],
  plan: Plan,
  opts: ProgressParseOptions,
): (ProgressParseResult & { sheet: string | null; sheetIndex: number; header: ProgressHeader }) | null {
  for (const [sheetIndex, s] of sheets.entries()) {
    const header = findProgressHeader(s.rows);
    if (header) return { ...parseProgressRows(s.rows, header, plan, opts), sheet: s.name, sheetIndex, header };
  }
  return null;
}
