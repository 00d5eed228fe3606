/**
 * JSON export: the assessment JSON (the public format of `plan-monitor assess --format json`)
 * and the report's sections, tables and sentences.
 */
import type { PlanAssessment } from "../assessment/types.ts";
import type { Report } from "./report.ts";

export interface ReportJson {
  assessment: PlanAssessment;
  report: Report;
}

export function reportToJson(assessment: PlanAssessment, report: Report): string {
  const doc: ReportJson = { assessment, report };
  return `${JSON.stringify(doc, null, 2)}\n`;
}
