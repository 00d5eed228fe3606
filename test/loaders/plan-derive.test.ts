/** Issue 16 item 3: the plan file says which indicator a record kind derives (`derive:`), checked by `plan check`. */
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../loaders/plan-file.ts";
import { derivations } from "../../warehouse/records-derive.ts";
import { wafangdian } from "../assessment/helpers.ts";

const plan = (indicator: string) => `id: other
title: {zh: 另一个计划}
document: 另〔2024〕1号
region: {code: "210200", zh: 大连市}
baseline_year: 2020
start_year: 2021
target_year: 2025
indicators:
${indicator}`;

describe("derive in the plan file", () => {
  it("derives what the plan says, under any indicator id and name", () => {
    const r = parsePlanText(
      plan(`  - {id: gaoqi, zh: 国家级高企, en: National high-tech firms, unit: 家, target: 500, derive: {from: certificates, rule: valid_at_year_end}}
  - {id: kjht, zh: 技术合同, en: Contracts, unit: 万元, target: 9000, derive: {from: contracts, rule: sum_by_registration_year}}
  - {id: fuhuaqi, zh: 孵化载体, en: Incubation, unit: 个, target: 9, derive: {from: lists, list: incubators, rule: stock_at_year_end}}
  - {id: high_tech_enterprises, zh: 高新技术企业数量, en: High-tech enterprises, unit: 家, target: 9}
`),
    );
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const d = derivations(r.plan);
    expect(d.map((x) => [x.indicator.id, x.source.kind])).toEqual([
      ["gaoqi", "certificates"],
      ["kjht", "contracts"],
      ["fuhuaqi", "lists"],
    ]);
    expect(d[1].source).toMatchObject({ rule: "sum", factor: 1e4 });
    // Without derive, the Wafangdian id and name derive nothing.
  });

  it("the Wafangdian plan says it for its 13 record-backed indicators", () => {
    const d = derivations(wafangdian());
    expect(d).toHaveLength(13);
    expect(d.find((x) => x.indicator.id === "converted_achievements")?.source).toMatchObject({ kind: "lists", rule: "count" });
    expect(d.find((x) => x.indicator.id === "fry_release")?.source).toMatchObject({ kind: "lists", rule: "sum", factor: 1e8 });
  });

  it("reports an unknown rule, an unknown list and a unit the rule cannot fill, with the line", () => {
    const r = parsePlanText(
      plan(`  - id: a
    zh: 甲
    en: A
    unit: 亿元
    target: 1
    derive: {from: certificates, rule: valid_at_year_end}
  - id: b
    zh: 乙
    en: B
    unit: 个
    target: 1
    derive: {from: lists, list: parks, rule: stock_at_year_end}
`),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const text = r.problems.map((p) => `${p.path} ${p.line} ${p.zh} ${p.en}`).join("\n");
    expect(text).toMatch(/indicators\[0\]\.derive\.rule 14 .*单位是"亿元".*计数单位.*needs a count unit/);
    expect(text).toMatch(/indicators\[1\]\.derive\.list 20 .*parks.*incubators/);
    const bad = parsePlanText(plan(`  - {id: c, zh: 丙, en: C, unit: 个, target: 1, derive: {from: contracts, rule: total}}\n`));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.problems[0]).toMatchObject({ line: 9, path: "indicators[0].derive.rule" });
    if (!bad.ok) expect(bad.problems[0].en).toContain("sum_by_registration_year");
  });
});
