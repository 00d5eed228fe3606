import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { assessPlan } from "../../assessment/engine.ts";
import {
  DEFAULT_GRADE_THRESHOLDS,
  defaultMode,
  finalVerdicts,
  gradeFromScore,
  gradeIndicator,
  gradeMilestones,
  rollUpGrades,
  taskRoles,
} from "../../assessment/final.ts";
import { normalisePlan, PlanFileSchema, type Task } from "../../domain/plan.ts";
import { indicator, obs, plan } from "./helpers.ts";

const gradeOf = (target: number, values: Record<number, number>, over = {}) => {
  const p = plan([indicator({ target, ...over })]);
  return assessPlan(p, obs("x", values)).final.indicators[0];
};

describe("indicator grades", () => {
  it("超额完成 at 105% and above, 完成 from 100%, 基本完成 from 90%, else 未完成", () => {
    expect(gradeOf(100, { 2017: 50, 2020: 106 }).grade).toBe("exceeded");
    expect(gradeOf(100, { 2017: 50, 2020: 105 }).grade).toBe("exceeded");
    expect(gradeOf(100, { 2017: 50, 2020: 103 }).grade).toBe("completed");
    expect(gradeOf(100, { 2017: 50, 2020: 100 }).grade).toBe("completed");
    expect(gradeOf(100, { 2017: 50, 2020: 94 }).grade).toBe("basically_completed");
    expect(gradeOf(100, { 2017: 50, 2020: 90 }).grade).toBe("basically_completed");
    expect(gradeOf(100, { 2017: 50, 2020: 89.9 }).grade).toBe("not_completed");
  });
  it("lower is better: completion is target ÷ value", () => {
    const over = { direction: "decrease" as const, comparator: "<=" as const };
    expect(gradeOf(10, { 2017: 20, 2020: 9 }, over).grade).toBe("exceeded");
    expect(gradeOf(10, { 2017: 20, 2020: 10.5 }, over).grade).toBe("basically_completed");
    expect(gradeOf(10, { 2017: 20, 2020: 12 }, over).grade).toBe("not_completed");
  });
  it("no figure for the target year: 数据暂缺 with the figure that would settle it, never a trend word", () => {
    const v = gradeOf(100, { 2017: 50, 2018: 80, 2019: 99 });
    expect(v.grade).toBe("no_data");
    expect(v.missing).toEqual({ indicator: "x", year: 2020 });
    expect(v.completion).toBeNull();
  });
  it("a growing total already at its target is final before the target year", () => {
    const v = gradeOf(50, { 2018: 30, 2019: 25 }, { measure: "cumulative" });
    expect(v.grade).toBe("exceeded");
    expect(gradeOf(50, { 2018: 20, 2019: 25 }, { measure: "cumulative" }).grade).toBe("no_data");
  });
  it("the gap is negative when the target was exceeded", () => {
    expect(gradeOf(100, { 2017: 50, 2020: 103 }).gap).toBeCloseTo(-3);
    expect(gradeOf(100, { 2017: 50, 2020: 94 }).gap).toBeCloseTo(6);
  });
  it("thresholds come from the plan file", () => {
    const p = plan([indicator({ target: 100 })], { grades: { exceeded: 1.2, basic: 0.8 } });
    const a = assessPlan(p, obs("x", { 2017: 50, 2020: 110 }));
    expect(a.final.thresholds).toEqual({ exceeded: 1.2, basic: 0.8 });
    expect(a.final.indicators[0].grade).toBe("completed");
    expect(gradeIndicator(a.indicators[0], DEFAULT_GRADE_THRESHOLDS).grade).toBe("exceeded");
  });
});

describe("milestones", () => {
  it("grade a task without indicators", () => {
    expect(gradeMilestones([])).toBeNull();
    expect(gradeMilestones(["done", "done"])).toBe("completed");
    expect(gradeMilestones(["done", "done_late"])).toBe("basically_completed");
    expect(gradeMilestones(["done", "overdue"])).toBe("not_completed");
    expect(gradeMilestones(["done", "not_reported"])).toBe("no_data");
  });
});

describe("mode", () => {
  it("final once the as-of date (or today) is after the target year", () => {
    expect(defaultMode(2020, "2021-03-01", "2026-01-01")).toBe("final");
    expect(defaultMode(2020, "2020-06-30", "2026-01-01")).toBe("interim");
    expect(defaultMode(2020, null, "2026-01-01")).toBe("final");
    expect(defaultMode(2020, null, "2020-12-31")).toBe("interim");
  });
  it("assessPlan records the mode; an explicit mode wins", () => {
    const p = plan();
    const o = obs("x", { 2017: 40, 2019: 52 });
    expect(assessPlan(p, o, { year: 2019 }).mode).toBe("interim");
    expect(assessPlan(p, o, { today: "2026-11-30" }).mode).toBe("final");
    expect(assessPlan(p, o, { today: "2026-11-30", mode: "interim" }).mode).toBe("interim");
  });
});

describe("roll-ups", () => {
  it("mean score read back by cut-offs; members without data listed, not scored", () => {
    expect(gradeFromScore(3.5)).toBe("exceeded");
    expect(gradeFromScore(2.75)).toBe("completed");
    expect(gradeFromScore(1.75)).toBe("basically_completed");
    expect(gradeFromScore(1.7)).toBe("not_completed");
    expect(gradeFromScore(null)).toBe("no_data");
    const r = rollUpGrades([
      { key: "a", grade: "completed" },
      { key: "b", grade: "completed" },
      { key: "c", grade: "not_completed" },
      { key: "d", grade: "no_data" },
    ]);
    expect(r.score).toBeCloseTo(7 / 3);
    expect(r.grade).toBe("basically_completed");
    expect(r.missing).toEqual(["d"]);
    expect(rollUpGrades([{ key: 1, grade: "no_data" }]).grade).toBe("no_data");
  });
  it("the first named unit leads unless the plan says otherwise", () => {
    const t = { responsible: ["a", "b", "c"] } as Pick<Task, "responsible">;
    expect(taskRoles(t)).toEqual({ lead: ["a"], support: ["b", "c"] });
    expect(taskRoles({ ...t, lead: ["b"] })).toEqual({ lead: ["b"], support: ["a", "c"] });
  });

  // Unit a leads task 1 (completed); unit b leads task 2 (not completed) and supports task 1; unit c
  // only supports task 2.
  const twoTasks = () => {
    const inds = [indicator({ id: "good", target: 100 }), indicator({ id: "bad", target: 100 })];
    const group = { id: 1, zh: "组", en: "group" };
    const tasks: Task[] = [
      { id: 1, group, zh: "任务一", en: "Task 1", responsible: ["a", "b"], indicators: ["good"], milestones: [] },
      { id: 2, group, zh: "任务二", en: "Task 2", responsible: ["b", "a", "c"], indicators: ["bad"], milestones: [] },
    ];
    const units = ["a", "b", "c"].map((id) => ({ id, zh: id, en: id, aliases: [] }));
    const p = plan(inds, { tasks, units });
    return assessPlan(p, [...obs("good", { 2017: 50, 2020: 100 }), ...obs("bad", { 2017: 50, 2020: 60 })]);
  };

  it("a supporting link alone never condemns a unit; a failed lead task does", () => {
    const f = twoTasks().final;
    const unit = (id: string) => f.units.find((u) => u.id === id)!;
    expect(f.tasks.map((t) => t.grade)).toEqual(["completed", "not_completed"]);
    // a: lead 完成 (weight 3), support 未完成 (weight 1): (9 + 1) / 4 = 2.5 → 基本完成.
    expect(unit("a")).toMatchObject({ lead: [1], support: [2], grade: "basically_completed", floored: false });
    expect(unit("a").score).toBeCloseTo(2.5);
    // b leads the failed task: 未完成 is possible. (1*3 + 3*1) / 4 = 1.5.
    expect(unit("b")).toMatchObject({ lead: [2], support: [1], grade: "not_completed" });
    // c only supports the failed task: floored at 基本完成.
    expect(unit("c")).toMatchObject({ lead: [], support: [2], grade: "basically_completed", floored: true });
  });
  it("groups from their tasks", () => {
    const f = twoTasks().final;
    expect(f.groups).toEqual([expect.objectContaining({ id: 1, tasks: [1, 2], grade: "basically_completed", score: 2 })]);
    expect(f.counts.all).toMatchObject({ completed: 1, not_completed: 1 });
  });
  it("the Wafangdian demo plan: 市人社局 only supports, so it is not 未完成", () => {
    const text = [
      "id: p",
      "title: {zh: 计划}",
      "document: 文1号",
      "region: {code: '210281', zh: 瓦房店市}",
      "baseline_year: 2017",
      "start_year: 2018",
      "target_year: 2020",
      "units: [{id: jxj, zh: 市经信局, en: IIT}, {id: rsj, zh: 市人社局, en: HR}]",
      "indicators: [{id: x, zh: 指标, en: X, unit: 家, target: 10}]",
      "tasks: [{id: 1, group: {id: 1, zh: 组}, zh: 任务, responsible: [市经信局, 人社局], indicators: [x]}]",
    ].join("\n");
    const { plan: p, problems } = normalisePlan(PlanFileSchema.parse(parse(text)));
    expect(problems).toEqual([]);
    expect(p.tasks[0].lead).toEqual(["jxj"]);
    const f = finalVerdicts(p, assessPlan(p, obs("x", { 2017: 5, 2020: 6 })));
    expect(f.units.find((u) => u.id === "jxj")?.grade).toBe("not_completed");
    expect(f.units.find((u) => u.id === "rsj")).toMatchObject({ grade: "basically_completed", floored: true });
  });
});

describe("plan file", () => {
  const base = {
    id: "p",
    title: { zh: "计划" },
    document: "文1号",
    region: { code: "210281", zh: "瓦房店市" },
    baseline_year: 2017,
    start_year: 2018,
    target_year: 2020,
    indicators: [{ id: "x", zh: "指标", en: "X", unit: "家", target: 10 }],
  };
  it("validates grades and fills the defaults", () => {
    expect(PlanFileSchema.safeParse({ ...base, grades: { basic: 1.2 } }).success).toBe(false);
    expect(PlanFileSchema.safeParse({ ...base, grades: { exceeded: 0.9 } }).success).toBe(false);
    expect(PlanFileSchema.safeParse({ ...base, grades: { typo: 1 } }).success).toBe(false);
    const { plan: p } = normalisePlan(PlanFileSchema.parse({ ...base, grades: { basic: 0.8 } }));
    expect(p.grades).toEqual({ exceeded: 1.05, basic: 0.8 });
  });
  it("a lead unit must be one of the task's responsible units", () => {
    const task = { id: 1, group: { id: 1, zh: "组" }, zh: "任务", responsible: ["甲", "乙"], lead: "丙", indicators: ["x"] };
    const { problems } = normalisePlan(PlanFileSchema.parse({ ...base, tasks: [task] }));
    expect(problems.map((p) => p.path)).toEqual([["tasks", 0, "lead"]]);
    const ok = normalisePlan(PlanFileSchema.parse({ ...base, tasks: [{ ...task, lead: "乙" }] }));
    expect(ok.problems).toEqual([]);
    expect(ok.plan.tasks[0]).toMatchObject({ responsible: ["甲", "乙"], lead: ["乙"] });
  });
});
