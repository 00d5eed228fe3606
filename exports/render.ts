/**
 * The report in each file format: one switch over the exporters, used by `plan-monitor report` and
 * by the site's report loader (src/data/report-files.tar.ts).
 *
 * @example
 *   const bytes = await renderReport({ plan, assessment, report }, "xlsx");
 */
import type { PlanAssessment } from "../assessment/types.ts";
import type { Plan } from "../domain/plan.ts";
import { reportToCsv } from "./csv.ts";
import { reportToJson } from "./json.ts";
import { reportToMarkdown } from "./markdown.ts";
import { reportToPdf } from "./pdf.ts";
import type { Report } from "./report.ts";
import { renderReportHtml } from "./report-html.ts";
import { reportToXlsx } from "./xlsx.ts";

export const REPORT_FORMATS = ["xlsx", "pdf", "md", "csv", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportData {
  plan: Plan;
  assessment: PlanAssessment;
  report: Report;
}

/** The report in one format, as bytes or text ready to write. */
export async function renderReport(data: ReportData, format: ReportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case "xlsx":
      return reportToXlsx(data.report);
    case "pdf":
      return reportToPdf(renderReportHtml(data.report), data.report);
    case "md":
      return reportToMarkdown(data.report);
    case "csv":
      return reportToCsv(data.report);
    case "json":
      return reportToJson(data.assessment, data.report);
    case "html":
      return renderReportHtml(data.report);
  }
}
