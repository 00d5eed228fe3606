import { describe, expect, it } from "vitest";
import { parsePlanText, readPlanFile } from "../../loaders/plan-file.ts";
import { PLAN_FILE } from "../helpers.ts";

const minimal = `id: demo
title: {zh: 示例计划}
document: 示例〔2024〕1号
region: {code: "210281", zh: 瓦房店市}
baseline_year: 2020
start_year: 2021
target_year: 2025
indicators:
  - id: a
    zh: 甲
    en: A
    unit: 家
    target: 10
`;

describe("plan file", () => {
  it("accepts the Wafangdian plan with every target and task", async () => {
    const r = await readPlanFile(PLAN_FILE);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    const p = r.plan;
    expect(p.region.code).toBe("210281");
    expect([p.baseline_year, p.start_year, p.target_year]).toEqual([2017, 2018, 2020]);
    expect(p.parents.map((x) => x.document)).toEqual(["国科发〔2018〕17号", "辽政办发〔2018〕22号", "大政办发〔2018〕162号"]);
    expect(p.indicators.filter((i) => i.headline).map((i) => [i.id, i.target])).toEqual([
      ["rd_expenditure", 8],
      ["high_tech_enterprises", 100],
      ["rd_institutions", 30],
      ["converted_achievements", 50],
      ["tech_contract_turnover", 2],
    ]);
    expect(p.indicators.find((i) => i.id === "fry_release")).toMatchObject({ target: 5.8, unit: "亿尾", measure: "cumulative" });
    expect(p.tasks).toHaveLength(18);
    expect(new Set(p.tasks.map((t) => t.group.id)).size).toBe(8);
    // "市经信局、财政局、人社局、税务局": short names resolve to the plan's units
    expect(p.tasks[0].responsible).toEqual(["jxj", "czj", "rsj", "swj"]);
  });

  it("fills defaults: comparator from direction, target year from the plan", () => {
    const r = parsePlanText(minimal);
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.indicators[0]).toMatchObject({ comparator: ">=", measure: "level", direction: "increase", target_year: 2025 });
  });

  it("reports a wrong value with its line and what to write instead", () => {
    const r = parsePlanText(minimal.replace("target: 10", "target: 10家\n    measure: levle"));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const byPath = Object.fromEntries(r.problems.map((p) => [p.path, p]));
    expect(byPath["indicators[0].target"]).toMatchObject({ line: 13 });
    expect(byPath["indicators[0].target"].zh).toContain("写一个数字");
    expect(byPath["indicators[0].measure"]).toMatchObject({ line: 14 });
    expect(byPath["indicators[0].measure"].en).toContain("level / cumulative");
  });

  it("reports an unquoted region code, unknown fields and unknown indicator references", () => {
    const r1 = parsePlanText(minimal.replace('code: "210281"', "code: 210281").replace("    unit: 家", "    unit: 家\n    colour: red"));
    expect(r1.ok).toBe(false);
    if (!r1.ok) {
      expect(r1.problems.find((p) => p.path === "region.code")?.zh).toContain('"210281"');
      expect(r1.problems.find((p) => p.en.includes("colour"))?.line).toBe(9);
    }
    const r2 = parsePlanText(`${minimal}tasks:\n  - id: 1\n    group: {id: 1, zh: 组}\n    zh: 任务\n    indicators: [a, b]\n`);
    expect(r2.ok).toBe(false);
    if (!r2.ok) expect(r2.problems[0]).toMatchObject({ line: 18, path: "tasks[0].indicators[1]" });
  });

  it("reports YAML syntax errors with a line", () => {
    const r = parsePlanText(minimal.replace("document: 示例〔2024〕1号", "document: 说明: 有冒号"));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].line).toBe(3);
  });

  it("reports a missing file without throwing", async () => {
    const r = await readPlanFile("/nonexistent/plan.yaml");
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.problems[0].en).toContain("not found");
  });
});
