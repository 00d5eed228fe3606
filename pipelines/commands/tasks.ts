/**
 * `plan-monitor tasks` (every task with its milestones, indicator part, milestone counts and
 * combined status) and `plan-monitor tasks overdue` (催办清单: what each unit owes that is late).
 */
import {
  MILESTONE_STATE_LABELS,
  MILESTONE_STATES,
  type MilestoneResult,
  TASK_STATUS_LABELS,
  type TasksAssessment,
} from "../../assessment/milestones.ts";
import { STATUS_LABELS } from "../../assessment/labels.ts";
import { EXECUTION_LABELS } from "../../domain/progress.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { EXIT, UserError } from "../../lib/errors.ts";
import type { Lang } from "../../lib/lang.ts";
import { resolvePlan } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { toCsv } from "../../lib/csv.ts";
import { textTable } from "../output.ts";
import { tasksFromWarehouse } from "../tasks.ts";

export interface TasksCommandOptions {
  db: string;
  lang: Lang;
  plan?: string;
  asOf?: string;
  year?: number;
  unit?: string;
  format: "table" | "json" | "csv";
  out?: string;
}

/** Keep the tasks a unit shares and, in them, the milestones it owes. */
export function forUnit(t: TasksAssessment, unitId: string): TasksAssessment {
  const tasks = t.tasks
    .filter((x) => x.responsible.includes(unitId))
    .map((x) => ({ ...x, milestones: x.milestones.filter((m) => m.responsible.includes(unitId)) }));
  return { ...t, tasks, units: t.units.filter((u) => u.id === unitId), overdue: t.overdue.filter((c) => c.unit === unitId) };
}

const label = (lang: Lang, l: { zh: string; en: string } | undefined) => (l ? l[lang] : "—");
const milestoneName = (m: MilestoneResult, lang: Lang) => `${m.id}${m.year ? `（${m.year}）` : ""} ${lang === "zh" ? m.zh : m.en}`;

function lastReportText(m: { last_report: MilestoneResult["last_report"] }, lang: Lang): string {
  const r = m.last_report;
  if (!r) return lang === "zh" ? "无报告" : "no report";
  return `${r.period} ${EXECUTION_LABELS[r.execution][lang]}${r.reported ? ` (${r.reported})` : ""}`;
}

export function renderTasks(t: TasksAssessment, format: TasksCommandOptions["format"], lang: Lang, units: Map<string, string>): string {
  if (format === "json") return `${JSON.stringify(t, null, 2)}\n`;
  const zh = lang === "zh";
  const rows = t.tasks.flatMap((task) => (task.milestones.length ? task.milestones : [null]).map((m) => ({ task, m })));
  if (format === "csv") {
    const header = zh
      ? [
          "任务",
          "任务名称",
          "指标部分",
          "任务状态",
          "里程碑",
          "里程碑名称",
          "年度",
          "完成时限",
          "原定时限",
          "状态",
          "逾期天数",
          "完成日期",
          "最近报告",
          "工作进展",
          "存在问题",
          "佐证材料",
          "原因",
        ]
      : [
          "task",
          "task_name",
          "indicator_status",
          "status",
          "milestone",
          "milestone_name",
          "year",
          "due",
          "original_due",
          "state",
          "days_overdue",
          "completed",
          "last_report",
          "progress",
          "problems",
          "evidence",
          "reason",
        ];
    return toCsv(
      header,
      rows.map(({ task, m }) => [
        task.id,
        zh ? task.zh : task.en,
        task.indicator_status ? STATUS_LABELS[task.indicator_status][lang] : "",
        task.status ? TASK_STATUS_LABELS[task.status][lang] : "",
        m?.id ?? "",
        m ? (zh ? m.zh : m.en) : "",
        m?.year ?? "",
        m?.due ?? "",
        m?.original_due ?? "",
        m ? MILESTONE_STATE_LABELS[m.state][lang] : "",
        m?.days_overdue ?? "",
        m?.completed ?? "",
        m ? lastReportText(m, lang) : "",
        m?.last_report?.progress ?? "",
        m?.last_report?.problems ?? "",
        m?.evidence.map((e) => `${e.name}${e.missing ? (zh ? "（缺失）" : " (missing)") : ` sha256:${e.sha256}`}`).join("; ") ?? "",
        m ? m.reasons[0][lang] : "",
      ]),
    );
  }
  const counts = MILESTONE_STATES.map((s) => `${MILESTONE_STATE_LABELS[s][lang]} ${t.counts[s]}`).join(zh ? "，" : ", ");
  const head = zh ? `里程碑（截至 ${t.as_of}）：${counts}` : `Milestones as of ${t.as_of}: ${counts}`;
  const table = textTable(rows, [
    { header: zh ? "任务" : "task", value: ({ task }) => `${task.id} ${zh ? task.zh : task.en}`, max: 24 },
    { header: zh ? "任务状态" : "status", value: ({ task }) => label(lang, task.status ? TASK_STATUS_LABELS[task.status] : undefined) },
    { header: zh ? "里程碑" : "milestone", value: ({ m }) => (m ? milestoneName(m, lang) : "—"), max: 34 },
    { header: zh ? "完成时限" : "due", value: ({ m }) => (m ? `${m.due}${m.due !== m.original_due ? "*" : ""}` : "") },
    { header: zh ? "状态" : "state", value: ({ m }) => (m ? MILESTONE_STATE_LABELS[m.state][lang] : "") },
    { header: zh ? "逾期天数" : "days late", value: ({ m }) => (m?.days_overdue ? String(m.days_overdue) : ""), align: "right" },
    { header: zh ? "最近报告" : "last report", value: ({ m }) => (m ? lastReportText(m, lang) : ""), max: 30 },
  ]);
  const note = zh
    ? "* 完成时限经批准调整（原定时限见 --format json 的 original_due）"
    : "* due date moved by an approved extension (the original: original_due in --format json)";
  const unitLine = t.units.length === 1 ? `${zh ? "单位" : "unit"}: ${units.get(String(t.units[0].id)) ?? t.units[0].id}\n` : "";
  return `${unitLine}${head}\n${table}\n${note}\n${zh ? "规则" : "rule"}: ${t.rule[lang]}\n`;
}

export function renderChaseList(t: TasksAssessment, format: TasksCommandOptions["format"], lang: Lang): string {
  if (format === "json") return `${JSON.stringify({ as_of: t.as_of, overdue: t.overdue }, null, 2)}\n`;
  const zh = lang === "zh";
  const header = zh
    ? ["责任单位", "任务", "里程碑", "完成时限", "逾期天数", "最近报告"]
    : ["unit", "task", "milestone", "due", "days overdue", "last report"];
  const cells = t.overdue.map((c) => [
    c.unit_zh,
    `${c.task_id} ${c.task_zh}`,
    `${c.milestone_id}${c.year ? `（${c.year}）` : ""} ${c.milestone_zh}`,
    c.due,
    String(c.days_overdue),
    lastReportText(c, lang),
  ]);
  if (format === "csv") return toCsv(header, cells);
  if (cells.length === 0) return `${zh ? `截至 ${t.as_of} 没有逾期的里程碑。` : `No overdue milestones as of ${t.as_of}.`}\n`;
  const title = zh ? `催办清单（截至 ${t.as_of}，${cells.length} 项）` : `Chase list (overdue as of ${t.as_of}, ${cells.length})`;
  return `${title}\n${textTable(
    cells,
    header.map((h, i) => ({ header: h, value: (r: string[]) => r[i], max: i === 2 ? 36 : 28, align: i === 4 ? "right" : "left" })),
  )}\n`;
}

export async function tasksCommand(what: string | undefined, opts: TasksCommandOptions): Promise<number> {
  if (what !== undefined && what !== "overdue")
    throw new UserError(
      `未知的子命令 "${what}"：只能是 tasks 或 tasks overdue`,
      `unknown subcommand "${what}": use tasks or tasks overdue`,
      EXIT.usage,
    );
  const w = await openWarehouse(opts.db, { readOnly: true });
  try {
    const plan = await resolvePlan(w, opts.plan, opts.lang);
    let t = await tasksFromWarehouse(w, plan, { asOf: opts.asOf, year: opts.year });
    if (opts.unit) {
      const u = plan.units.find((x) => [x.id, x.zh, x.en, ...x.aliases].includes(opts.unit ?? "") || x.zh === `市${opts.unit}`);
      if (!u)
        throw new UserError(
          `没有单位 "${opts.unit}"。可用：${plan.units.map((x) => `${x.zh}（${x.id}）`).join("、")}`,
          `no unit "${opts.unit}". Known: ${plan.units.map((x) => `${x.en} (${x.id})`).join(", ")}`,
          EXIT.usage,
        );
      t = forUnit(t, u.id);
    }
    const units = new Map(plan.units.map((u) => [u.id, opts.lang === "zh" ? u.zh : u.en]));
    const text = what === "overdue" ? renderChaseList(t, opts.format, opts.lang) : renderTasks(t, opts.format, opts.lang, units);
    if (opts.out) writeFileAtomic(opts.out, text);
    else process.stdout.write(text);
    return EXIT.ok;
  } finally {
    await w.close();
  }
}
