/**
 * One verdict per indicator (src/components/verdict.ts over the engine's final grades) and the
 * plan file's optional indicator metadata fields (domain/plan.ts).
 */
import { describe, expect, it } from "vitest";
import { parsePlanText } from "../../loaders/plan-file.ts";
import { verdictOf, verdictSummary } from "../../src/components/verdict.ts";
import { sampleAssessment } from "./fixtures.ts";

describe("one verdict", () => {
  const { assessment } = sampleAssessment();
  const ind = assessment.indicators[0];
  it("is the trend status before the end of the plan", () => {
    const interim = { ...assessment, mode: "interim" as const };
    expect(verdictOf(interim, ind)).toMatchObject({ kind: "status", key: ind.status });
    expect(verdictSummary(interim, "zh")).toBe(assessment.summary.sentence.zh);
  });
  it("is the final grade at the end, with what would settle 数据暂缺", () => {
    const final = {
      ...assessment,
      mode: "final" as const,
      final: {
        ...assessment.final,
        indicators: assessment.indicators.map((d) => ({
          id: d.id,
          grade: "no_data" as const,
          completion: null,
          gap: null,
          year: 2019,
          missing: { indicator: d.id, year: 2020 },
        })),
      },
    };
    const v = verdictOf(final, ind);
    expect(v).toMatchObject({ kind: "grade", key: "no_data", style: "insufficient_data", missing: { year: 2020 } });
    expect(v.label.zh).toBe("数据暂缺");
    expect(verdictSummary(final, "zh")).toMatch(/^终期评估：\d+项(主要)?指标中，\d+项数据暂缺（待2020年数值）。$/);
    expect(verdictSummary(final, "en")).toMatch(/data missing \(awaiting the 2020 figure\)\.$/);
  });
});

describe("plan file: optional indicator metadata", () => {
  const plan = (extra: string) => `id: p
title: {zh: 计划, en: Plan}
document: 文号
region: {code: "210281", zh: 瓦房店市, en: Wafangdian}
baseline_year: 2020
start_year: 2021
target_year: 2025
indicators:
  - id: a
    zh: 指标
    en: Indicator
    unit: 家
    target: 10
${extra}`;
  it("accepts definition, source agency, periodicity and next release", () => {
    const r = parsePlanText(
      plan("    definition: 年末有效期内\n    source_agency: 县科技局\n    periodicity: annual\n    next_release: 2026-03-31\n"),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    expect(r.plan.indicators[0]).toMatchObject({
      definition: "年末有效期内",
      source_agency: "县科技局",
      periodicity: "annual",
      next_release: "2026-03-31",
    });
  });
  it("refuses a bad periodicity or date, saying where", () => {
    for (const bad of ["    periodicity: yearly\n", "    next_release: 2026-02-30\n", "    next_release: 31/03/2026\n"]) {
      const r = parsePlanText(plan(bad));
      expect(r.ok, bad).toBe(false);
      if (r.ok) continue;
      expect(r.problems[0].path).toMatch(/^indicators\[0\]\.(periodicity|next_release)$/);
    }
  });
});
