/**
 * 三、重点任务完成情况: per task group a level-2 heading; per task its lead and supporting units,
 * what was done (the linked indicators' results; milestones and progress reports when the plan
 * has them), its grade and evidence; then the responsible units' roll-up. Pure.
 */
import { GRADE_LABELS, gradeMilestones } from "../../../assessment/final.ts";
import { MILESTONE_STATE_LABELS, type MilestoneResult } from "../../../assessment/milestones.ts";
import { col, gradeLabel, type ReportContext, statusLabel, table, verdictLabel } from "../context.ts";
import { finalSentence, indicatorSentence } from "../sentences.ts";
import type { Block, Row, Section, Table } from "../types.ts";
import { sourcesOf } from "../context.ts";

const CN_NUM = [
  "一",
  "二",
  "三",
  "四",
  "五",
  "六",
  "七",
  "八",
  "九",
  "十",
  "十一",
  "十二",
  "十三",
  "十四",
  "十五",
  "十六",
  "十七",
  "十八",
  "十九",
  "二十",
];
export const cnOrdinal = (i: number) => CN_NUM[i] ?? String(i + 1);

/** The task's milestones as judged at the as-of date (empty without milestones or reports). */
export const milestonesOf = (ctx: ReportContext, id: number): MilestoneResult[] =>
  ctx.input.tasks?.tasks.find((t) => t.id === id)?.milestones ?? [];

function taskGrade(ctx: ReportContext, id: number): string {
  const t = ctx.A.final.tasks.find((x) => x.id === id);
  if (!t || t.indicators.length === 0) {
    const g = ctx.final ? gradeMilestones(milestonesOf(ctx, id).map((m) => m.state)) : null;
    if (g) return ctx.L(`${gradeLabel(ctx, g)}（依据里程碑）`, `${gradeLabel(ctx, g)} (from milestones)`);
    return ctx.L("定性任务，待评估人员依据工作报告评价", "qualitative: the evaluator grades it from progress reports");
  }
  if (ctx.final) return gradeLabel(ctx, t.grade);
  return statusLabel(ctx, ctx.A.tasks.find((x) => x.id === id)?.worst ?? null);
}

export function tasksTable(ctx: ReportContext): Table {
  const { L, A } = ctx;
  const rows: Row[] = A.tasks.map((tk) => {
    const f = A.final.tasks.find((x) => x.id === tk.id);
    return {
      group: `${tk.group.id}. ${L(tk.group.zh, tk.group.en)}`,
      id: tk.id,
      task: L(tk.zh, tk.en),
      lead: (f?.lead ?? []).map(ctx.unitName).join(L("、", ", ")),
      support: (f?.support ?? []).map(ctx.unitName).join(L("、", ", ")),
      indicators: tk.indicators.length
        ? tk.indicators
            .map((id) => {
              const a = ctx.assessById.get(id)!;
              return `${ctx.indName(a)}${L("：", ": ")}${verdictLabel(ctx, a)}`;
            })
            .join(L("；", "; "))
        : L("（定性任务，无量化指标）", "(qualitative task, no indicator)"),
      grade: taskGrade(ctx, tk.id),
    };
  });
  return table(
    "tasks",
    L("重点任务完成情况", "Tasks"),
    [
      col("group", L("任务组", "Task group"), "text"),
      col("id", L("序号", "No."), "integer"),
      col("task", L("任务", "Task"), "text", true),
      col("lead", L("牵头单位", "Lead unit"), "text"),
      col("support", L("配合单位", "Supporting units"), "text", true),
      col("indicators", L("关联指标及评价", "Linked indicators"), "text", true),
      col("grade", ctx.final ? L("评价", "Grade") : L("总体状况（最差）", "Overall (worst)"), "text"),
    ],
    rows,
    L("计划没有列出任务。", "The plan lists no tasks."),
  );
}

export function unitsTable(ctx: ReportContext): Table {
  const { L, A } = ctx;
  const rows: Row[] = A.final.units.map((u) => {
    const unit = ctx.plan.units.find((x) => x.id === u.id)!;
    const names = (ids: number[]) => ids.map((id) => `${id}`).join(L("、", ", ")) || "—";
    return {
      unit: L(unit.zh, unit.en),
      lead: names(u.lead),
      support: names(u.support),
      grade:
        u.lead.length + u.support.length === 0
          ? L("无量化任务", "no graded task")
          : ctx.final
            ? GRADE_LABELS[u.grade][ctx.lang]
            : statusLabel(ctx, A.units.find((x) => x.id === u.id)?.worst ?? null),
      note: u.floored
        ? L("仅因配合任务未完成，按规则不低于基本完成", "only supporting tasks fell short: by the rule, not below basically completed")
        : "",
    };
  });
  return table(
    "units",
    L("责任单位完成情况", "Responsible units"),
    [
      col("unit", L("责任单位", "Responsible unit"), "text"),
      col("lead", L("牵头任务", "Tasks led"), "text"),
      col("support", L("配合任务", "Tasks supported"), "text"),
      col("grade", ctx.final ? L("评价", "Grade") : L("最差结论", "Worst verdict"), "text"),
      col("note", L("说明", "Note"), "text", true),
    ],
    rows,
    L("计划没有列出责任单位。", "The plan lists no responsible units."),
  );
}

function taskBlocks(ctx: ReportContext, taskId: number): Block[] {
  const { L, A, plan, lang } = ctx;
  const tk = A.tasks.find((x) => x.id === taskId)!;
  const f = A.final.tasks.find((x) => x.id === taskId);
  const lead = (f?.lead ?? []).map(ctx.unitName).join(L("、", ", ")) || "—";
  const support = (f?.support ?? []).map(ctx.unitName).join(L("、", ", ")) || L("无", "none");
  const done = tk.indicators.map((id) => {
    const a = ctx.assessById.get(id)!;
    const v = ctx.verdictById.get(id);
    return ctx.final && v ? finalSentence(a, v, plan, lang) : indicatorSentence(a, plan, ctx.Y, lang);
  });
  const milestones = milestonesOf(ctx, taskId);
  const evidence = [
    ...new Set([
      ...tk.indicators.flatMap((id) => sourcesOf(ctx, id)),
      ...milestones.flatMap((m) => m.evidence.filter((e) => !e.missing).map((e) => e.name)),
    ]),
  ];
  const blocks: Block[] = [
    { kind: "heading", level: 3, text: `${tk.id}. ${L(tk.zh, tk.en)}` },
    { kind: "paragraph", text: L(`牵头单位：${lead}；配合单位：${support}。`, `Lead: ${lead}; supporting: ${support}.`) },
  ];
  done.push(...milestones.map((m) => milestoneSentence(ctx, m)));
  if (done.length) blocks.push({ kind: "paragraph", text: L(`完成情况：${done.join("")}`, `What was done: ${done.join(" ")}`) });
  else
    blocks.push({
      kind: "paragraph",
      style: "draft",
      text: L(
        "完成情况：【本任务没有量化指标，请依据牵头单位的工作报告填写】",
        "What was done: [no indicator: write from the lead unit's progress report]",
      ),
    });
  blocks.push({ kind: "paragraph", text: L(`评价：${taskGrade(ctx, tk.id)}。`, `Grade: ${taskGrade(ctx, tk.id)}.`) });
  if (evidence.length)
    blocks.push({
      kind: "paragraph",
      style: "note",
      text: L(`佐证：${evidence.join("；")}（见附件3）。`, `Evidence: ${evidence.join("; ")} (see Annex 3).`),
    });
  return blocks;
}

/** "里程碑“…”（2019-06-30到期）：按期完成（2019-05-20）；进展：…。" */
export function milestoneSentence(ctx: ReportContext, m: MilestoneResult): string {
  const { L, lang } = ctx;
  const name = L(m.zh, m.en);
  const state = MILESTONE_STATE_LABELS[m.state][lang];
  const when = m.completed
    ? L(`，完成于${m.completed}`, `, completed ${m.completed}`)
    : m.days_overdue
      ? L(`，逾期${m.days_overdue}天`, `, ${m.days_overdue} days overdue`)
      : "";
  const progress = m.last_report?.progress
    ? L(`；进展：${m.last_report.progress.replace(/[。.]$/, "")}`, `; progress: ${m.last_report.progress.replace(/[。.]$/, "")}`)
    : "";
  const year = m.year ? L(`（${m.year}年）`, ` (${m.year})`) : "";
  return L(
    `里程碑“${name}”${year}（${m.due}到期）：${state}${when}${progress}。`,
    `Milestone "${name}"${year} (due ${m.due}): ${state.toLowerCase()}${when}${progress}.`,
  );
}

export function tasksSection(ctx: ReportContext): Section {
  const { L, A } = ctx;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: L(
        `计划共${A.tasks.length}项重点任务，分${A.groups.length}组。每项任务列出牵头单位（计划未另行指定时为排在首位的责任单位）和配合单位、完成情况、评价和佐证材料。`,
        `The plan has ${A.tasks.length} tasks in ${A.groups.length} groups. For each: the lead unit (the first named unless the plan says otherwise) and supporting units, what was done, the grade and the evidence.`,
      ),
    },
  ];
  A.groups.forEach((g, i) => {
    const fg = A.final.groups.find((x) => x.id === g.id);
    const grade =
      ctx.final && fg?.tasks.length ? L(`（评价：${gradeLabel(ctx, fg.grade)}）`, ` (grade: ${gradeLabel(ctx, fg.grade)})`) : "";
    blocks.push({ kind: "heading", level: 2, text: `${L(`（${cnOrdinal(i)}）`, `${i + 1}. `)}${L(g.zh, g.en)}${grade}` });
    for (const id of g.tasks) blocks.push(...taskBlocks(ctx, id));
  });
  blocks.push(
    {
      kind: "heading",
      level: 2,
      text: `${L(`（${cnOrdinal(A.groups.length)}）`, `${A.groups.length + 1}. `)}${L("责任单位完成情况", "Responsible units")}`,
    },
    {
      kind: "paragraph",
      text: L(
        "单位评价按其牵头任务（权重3）和配合任务（权重1）的加权平均得分确定；只有牵头任务未完成时单位才评为未完成，配合任务不能单独使单位评为未完成（规则见附件1）。",
        "A unit's grade is the weighted mean of the tasks it leads (weight 3) and supports (weight 1); a unit is graded not completed only when a task it leads is, never by supporting links alone (rule in Annex 1).",
      ),
    },
    { kind: "table", table: unitsTable(ctx) },
  );
  return { id: "tasks", part: "body", title: L("三、重点任务完成情况", "3. Tasks"), blocks };
}
