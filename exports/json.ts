/**
 * JSON export: the assessment JSON (the public format of `plan-monitor assess --format json`)
 * and the report's sections, tables and sentences. Numbers are rounded to ten significant digits
 * (no 0.9000000000000004), and `assessment.plan.synthetic` says what the report's warning says.
 * The fields are documented in docs/report.schema.json.
 */
import type { PlanAssessment } from "../assessment/types.ts";
import type { Report } from "./report.ts";

export interface ReportJson {
  assessment: PlanAssessment;
  report: Report;
}

/** A JSON.stringify replacer: floats to ten significant digits. */
export const roundNumbers = (_key: string, value: unknown): unknown =>
  typeof value === "number" && Number.isFinite(value) && !Number.isInteger(value) ? Number(value.toPrecision(10)) : value;

export function reportToJson(assessment: PlanAssessment, report: Report): string {
  const doc: ReportJson = {
    assessment: { ...assessment, plan: { ...assessment.plan, synthetic: assessment.plan.synthetic || report.synthetic } },
    report,
  };
  return `${JSON.stringify(doc, roundNumbers, 2)}\n`;
}
