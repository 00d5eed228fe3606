import { describe, expect, it } from "vitest";
import { assessMilestones, milestoneAsOf } from "../../assessment/milestones.ts";
import type { Plan } from "../../domain/plan.ts";
import type { StoredReport } from "../../domain/progress.ts";
import { parsePlanText } from "../../loaders/plan-file.ts";

const text = `id: t
title: {zh: 测试}
document: 测试〔2019〕1号
region: {code: "210281", zh: 瓦房店市}
baseline_year: 2017
start_year: 2018
target_year: 2020
units:
  - {id: jxj, zh: 市经信局, en: Industry}
  - {id: rsj, zh: 市人社局, en: HR}
indicators:
  - {id: a, zh: 甲, en: A, unit: 家, target: 10}
tasks:
  - id: 1
    group: {id: 1, zh: 一}
    zh: 任务一
    responsible: [市经信局]
    indicators: [a]
    milestones:
      - {id: "1.1", zh: 出台政策, due: 2019-06-30}
      - {id: "1.2", zh: 年度活动, due: 2019-10-31, recurring: true}
  - id: 2
    group: {id: 2, zh: 二}
    zh: 任务二
    responsible: [市人社局]
    milestones:
      - {id: "2.1", zh: 设立基地, due: 2019-12-31}
`;
const parsed = parsePlanText(text);
if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
const plan: Plan = parsed.plan;

let seq = 0;
function report(r: Partial<StoredReport> & { milestone_id: string | null; period: string }): StoredReport {
  seq++;
  const year = r.period.slice(0, 4);
  return {
    task_id: Number((r.milestone_id ?? "1").split(".")[0]),
    unit_id: "jxj",
    period_end: `${year}-12-31`,
    execution: "on_schedule",
    completed: null,
    progress: null,
    problems: null,
    next_steps: null,
    evidence: [],
    reported: null,
    new_due: null,
    approved_by: null,
    row: seq,
    seq,
    ingested_on: "2019-01-20",
    file: "r.csv",
    evidence_files: [],
    ...r,
  };
}

const state = (reports: StoredReport[], asOf: string, id = "1.1", year: number | null = null) => {
  const a = assessMilestones(plan, reports, { asOf });
  const m = a.tasks.flatMap((t) => t.milestones).find((x) => x.id === id && x.year === year);
  if (!m) throw new Error(`no ${id}`);
  return m;
};

describe("milestone states", () => {
  it("done on the due date itself; done_late one day after", () => {
    const onDue = report({ milestone_id: "1.1", period: "2019H1", execution: "done", completed: "2019-06-30", reported: "2019-07-01" });
    expect(state([onDue], "2019-07-10").state).toBe("done");
    const late = report({ milestone_id: "1.1", period: "2019H1", execution: "done", completed: "2019-07-01", reported: "2019-07-01" });
    const m = state([late], "2019-07-10");
    expect(m.state).toBe("done_late");
    expect(m.reasons[0].zh).toContain("晚于完成时限");
  });

  it("not overdue on the due date; overdue the day after, with days_overdue", () => {
    const r = report({ milestone_id: "1.1", period: "2019Q1", reported: "2019-04-10" });
    expect(state([r], "2019-06-30").state).toBe("on_schedule");
    const m = state([r], "2019-07-01");
    expect(m).toMatchObject({ state: "overdue", days_overdue: 1 });
    expect(state([r], "2019-07-31").days_overdue).toBe(31);
  });

  it("not_reported up to and on the due date when no report was ever made; the reason says how close it is", () => {
    expect(state([], "2019-05-30").state).toBe("not_reported"); // 31 days to go
    expect(state([], "2019-05-31").reasons[0].zh).toContain("仅剩30天");
    expect(state([], "2019-06-30").state).toBe("not_reported"); // the due date itself
    expect(state([], "2019-07-01").state).toBe("overdue");
  });

  it("at_risk within 30 days when the last report is 90 days old or more; on schedule at 89", () => {
    const r = report({ milestone_id: "1.1", period: "2019Q1", reported: "2019-03-02" });
    // as of 2019-06-01: 29 days to due, 91 days since the report
    expect(state([r], "2019-06-01").state).toBe("at_risk");
    const recent = report({ milestone_id: "1.1", period: "2019Q1", reported: "2019-03-04" });
    expect(state([recent], "2019-06-01").state).toBe("on_schedule"); // 89 days
    const exactly = report({ milestone_id: "1.1", period: "2019Q1", reported: "2019-03-03" });
    expect(state([exactly], "2019-06-01").reasons[0].code).toBe("due_soon_silent"); // 90 days
  });

  it("at_risk whenever the last report says delayed, even far from the due date", () => {
    const r = report({ milestone_id: "1.1", period: "2018", execution: "delayed", reported: "2019-01-10" });
    expect(state([r], "2019-01-20")).toMatchObject({ state: "at_risk" });
    expect(state([r], "2019-01-20").reasons[0].code).toBe("reported_delayed");
  });

  it("a later report for the same period supersedes an earlier one; both are counted", () => {
    const first = report({ milestone_id: "1.1", period: "2019Q1", execution: "delayed", reported: "2019-04-01" });
    const second = report({ milestone_id: "1.1", period: "2019Q1", execution: "on_schedule", reported: "2019-04-15" });
    const m = state([first, second], "2019-04-20");
    expect(m).toMatchObject({ state: "on_schedule", reports: 2, superseded: 1 });
    expect(m.history.map((h) => [h.execution, h.superseded])).toEqual([
      ["delayed", true],
      ["on_schedule", false],
    ]);
    // as of before the second report, only the first is known
    expect(state([first, second], "2019-04-10").state).toBe("at_risk");
  });

  it("an approved extension moves the due date from its report date on; the original stays", () => {
    const ext = report({
      milestone_id: "1.1",
      period: "2019Q2",
      execution: "delayed",
      reported: "2019-06-20",
      new_due: "2019-09-30",
      approved_by: "瓦政办〔2019〕30号",
    });
    const m = state([ext], "2019-07-15");
    expect(m).toMatchObject({ state: "at_risk", due: "2019-09-30", original_due: "2019-06-30" });
    expect(m.extension?.approved_by).toBe("瓦政办〔2019〕30号");
    expect(state([ext], "2019-10-01")).toMatchObject({ state: "overdue", days_overdue: 1 });
    const done = report({ milestone_id: "1.1", period: "2019Q3", execution: "done", completed: "2019-09-20", reported: "2019-09-25" });
    expect(state([ext, done], "2019-10-01").state).toBe("done"); // on time against the new date
    // an extension without approval does not move the date
    const asked = report({ milestone_id: "1.1", period: "2019Q2", execution: "delayed", reported: "2019-06-20", new_due: "2019-09-30" });
    expect(state([asked], "2019-07-15")).toMatchObject({ state: "overdue", due: "2019-06-30" });
  });

  it("a recurring milestone is judged once per year from its reports in that year", () => {
    const y2019 = report({ milestone_id: "1.2", period: "2019", execution: "done", completed: "2019-10-20", reported: "2019-11-01" });
    expect(state([y2019], "2020-11-15", "1.2", 2019).state).toBe("done");
    const m2020 = state([y2019], "2020-11-15", "1.2", 2020);
    expect(m2020).toMatchObject({ state: "overdue", due: "2020-10-31", days_overdue: 15 });
    expect(state([y2019], "2020-10-31", "1.2", 2020).state).toBe("not_reported"); // due today, no report this year
  });

  it("task status: the worse of the indicator part and the milestone part; a task without indicators has one", () => {
    const done = report({
      milestone_id: "2.1",
      period: "2019",
      execution: "done",
      completed: "2019-11-01",
      reported: "2019-11-02",
      unit_id: "rsj",
    });
    const a = assessMilestones(plan, [done], { asOf: "2019-12-01", indicatorStatus: new Map([[1, "needs_acceleration" as const]]) });
    expect(a.tasks[1]).toMatchObject({ indicator_status: null, status: "done", parts: { indicators: null, milestones: "done" } });
    expect(a.tasks[0].parts.indicators).toBe("at_risk");
    expect(a.tasks[0].status).toBe("behind"); // 1.1 overdue
    expect(a.units.find((u) => u.id === "rsj")?.milestone_counts.done).toBe(1);
    expect(a.overdue.map((c) => [c.unit, c.milestone_id, c.days_overdue])).toEqual([
      ["jxj", "1.1", 154],
      ["jxj", "1.2", 31],
    ]);
  });

  it("as-of: --as-of, else end of --year, else today capped at the end of the target year", () => {
    expect(milestoneAsOf(plan, { asOf: "2019-05-01", today: "2026-01-01" })).toBe("2019-05-01");
    expect(milestoneAsOf(plan, { year: 2019, today: "2026-01-01" })).toBe("2019-12-31");
    expect(milestoneAsOf(plan, { today: "2026-01-01" })).toBe("2020-12-31");
    expect(milestoneAsOf(plan, { today: "2019-08-01" })).toBe("2019-08-01");
  });
});
