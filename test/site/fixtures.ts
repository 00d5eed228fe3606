/** An assessment of the real plan made by the real engine from a few hand-made figures. */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assessPlan } from "../../assessment/engine.ts";
import type { PlanAssessment } from "../../assessment/types.ts";
import type { ObservationPoint } from "../../domain/observation.ts";
import type { Plan } from "../../domain/plan.ts";
import { parsePlanText } from "../../loaders/plan-file.ts";

export function loadPlan(): Plan {
  const path = fileURLToPath(new URL("../../data/plans/wafangdian-2018-2020.yaml", import.meta.url));
  const result = parsePlanText(readFileSync(path, "utf-8"), path);
  if (!result.ok) throw new Error("plan file does not parse");
  return result.plan;
}

const point = (indicator_id: string, year: number, value: number, status: ObservationPoint["status"] = "final"): ObservationPoint => ({
  indicator_id,
  year,
  value,
  status,
  published: `${year + 1}-03-01`,
  seq: year,
});

export function sampleAssessment(): { plan: Plan; assessment: PlanAssessment } {
  const plan = loadPlan();
  const points: ObservationPoint[] = [
    // docs/methods.md worked example (40, 46, 52, target 70) scaled onto R&D expenditure's target of 8.
    point("rd_expenditure", 2017, (40 * 8) / 70),
    point("rd_expenditure", 2018, (46 * 8) / 70),
    point("rd_expenditure", 2019, (52 * 8) / 70, "preliminary"),
    point("high_tech_enterprises", 2017, 52),
    point("high_tech_enterprises", 2018, 66),
    point("high_tech_enterprises", 2019, 101),
    point("converted_achievements", 2018, 14),
    point("converted_achievements", 2019, 17),
    point("tech_smes", 2017, 48),
    point("tech_smes", 2019, 42),
  ];
  return { plan, assessment: assessPlan(plan, points, { year: 2019 }) };
}
