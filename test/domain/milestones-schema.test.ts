import { describe, expect, it } from "vitest";
import { parsePlanText, readPlanFile } from "../../loaders/plan-file.ts";
import { PLAN_FILE } from "../helpers.ts";

const head = `id: demo
title: {zh: 示例计划}
document: 示例〔2024〕1号
region: {code: "210281", zh: 瓦房店市}
baseline_year: 2020
start_year: 2021
target_year: 2025
units:
  - {id: jxj, zh: 市经信局, en: Industry Bureau, aliases: [经信局]}
  - {id: czj, zh: 市财政局, en: Finance Bureau, aliases: [财政局]}
indicators:
  - {id: a, zh: 甲, en: A, unit: 家, target: 10}
tasks:
  - id: 4
    group: {id: 1, zh: 一}
    zh: 任务四
    responsible: [经信局, 财政局]
    milestones:
`;

describe("milestones in the plan file", () => {
  it("every one of the 18 Wafangdian tasks has a milestone quoting the document, dates stated as the file's assumption", async () => {
    const r = await readPlanFile(PLAN_FILE);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.tasks.every((t) => t.milestones.length > 0)).toBe(true);
    const m41 = r.plan.tasks[3].milestones[0];
    expect(m41).toMatchObject({ id: "4.1", task_id: 4, due: "2019-06-30", responsible: ["jxj"], recurring: false });
    expect(m41.wording).toContain("出台《瓦房店市支持科技创新若干政策措施》");
    // default: the task's units
    expect(r.plan.tasks[16].milestones[1].responsible).toEqual(r.plan.tasks[16].responsible);
    expect(r.plan.notes.join("\n")).toMatch(/完成时限.*假设/);
    const ids = r.plan.tasks.flatMap((t) => t.milestones.map((m) => m.id));
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("accepts a minimal milestone and fills defaults", () => {
    const r = parsePlanText(`${head}      - {id: "4.1", zh: 出台政策, due: 2022-06-30, responsible: [经信局]}\n`);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.tasks[0].milestones[0]).toMatchObject({ id: "4.1", en: "出台政策", recurring: false, responsible: ["jxj"] });
  });

  it("reports a bad date, an unquoted id, a duplicate id and an unknown field with their lines, in zh and en", () => {
    const text = `${head}      - id: "4.1"
        zh: 出台政策
        due: 2022-02-30
      - id: 4.2
        zh: 兑现补助
        due: 2022-12-31
      - id: "4.3"
        zh: 第三项
        due: 2022-12-31
        deadline: 2022-12-31
`;
    const r = parsePlanText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const by = (path: string) => r.problems.find((p) => p.path === path);
    expect(by("tasks[0].milestones[0].due")).toMatchObject({ line: 21 });
    expect(by("tasks[0].milestones[0].due")?.zh).toContain("YYYY-MM-DD");
    expect(by("tasks[0].milestones[1].id")).toMatchObject({ line: 22 });
    expect(by("tasks[0].milestones[1].id")?.zh).toContain("引号");
    expect(by("tasks[0].milestones[2]")?.en).toContain("deadline");
  });

  it("reports a milestone id used twice and a recurring milestone outside the plan years", () => {
    const text = `${head}      - {id: "4.1", zh: 甲, due: 2022-06-30}
      - {id: "4.1", zh: 乙, due: 2030-06-30, recurring: true}
`;
    const r = parsePlanText(text);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.map((p) => [p.line, p.path])).toEqual([
      [20, "tasks[0].milestones[1].id"],
      [20, "tasks[0].milestones[1].due"],
    ]);
    expect(r.problems[0].zh).toContain("重复");
    expect(r.problems[1].en).toContain("outside the plan years");
  });
});
