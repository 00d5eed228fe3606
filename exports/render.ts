/**
 * The report in each file format: one switch over the exporters, used by `plan-monitor report` and
 * by the site's report loader (src/data/report-files.tar.ts).
 *
 * @example
 *   const bytes = await renderReport({ plan, assessment, report }, "xlsx");
 */
import type { PlanAssessment } from "../assessment/types.ts";
import type { Plan } from "../domain/plan.ts";
import { existsSync } from "node:fs";
import { t } from "../lib/lang.ts";
import { chartsToPng } from "./chart-png.ts";
import { reportToCsv } from "./csv.ts";
import { reportToDocx } from "./docx.ts";
import { reportToJson } from "./json.ts";
import { reportToMarkdown } from "./markdown.ts";
import { chromiumPath, reportToPdf } from "./pdf.ts";
import type { Report } from "./report.ts";
import { renderReportHtml } from "./report-html.ts";
import { reportToXlsx } from "./xlsx.ts";

export const REPORT_FORMATS = ["docx", "xlsx", "pdf", "md", "csv", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportData {
  plan: Plan;
  assessment: PlanAssessment;
  report: Report;
}

/**
 * The charts for the Word report, rendered by Chromium; without Chromium the .docx is still written,
 * with a warning, and without chart images (the figures are in its tables).
 */
export async function docxCharts(report: Report): Promise<Map<string, Uint8Array>> {
  if (!existsSync(chromiumPath())) {
    process.stderr.write(
      `⚠ ${t(report.lang, `找不到Chromium（${chromiumPath()}），Word报告中不含图表。`, `Chromium was not found (${chromiumPath()}): the Word report has no chart images.`)}\n`,
    );
    return new Map();
  }
  return chartsToPng(report.indicators.map((i) => ({ id: i.id, spec: i.chart })));
}

/** The report in one format, as bytes or text ready to write. */
export async function renderReport(data: ReportData, format: ReportFormat): Promise<string | Uint8Array> {
  switch (format) {
    case "docx":
      return reportToDocx(data.report, { charts: await docxCharts(data.report) });
    case "xlsx":
      return reportToXlsx(data.report);
    case "pdf":
      return reportToPdf(data.report);
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
