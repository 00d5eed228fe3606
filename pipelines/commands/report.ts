/**
 * `plan-monitor report`: the end-of-plan assessment report (终期评估报告) as XLSX, PDF, Markdown,
 * CSV or JSON. Reads the warehouse, assesses the plan, builds the report (exports/report.ts) and
 * writes the file through a temporary name (writeFileAtomic): an interrupted export leaves no
 * broken file behind.
 */
import type { PlanAssessment } from "../../assessment/types.ts";
import type { Plan } from "../../domain/plan.ts";
import { existsSync } from "node:fs";
import { chartsToPng } from "../../exports/chart-png.ts";
import { reportToCsv } from "../../exports/csv.ts";
import { reportToDocx } from "../../exports/docx.ts";
import { reportToJson } from "../../exports/json.ts";
import { reportToMarkdown } from "../../exports/markdown.ts";
import { chromiumPath, reportToPdf, requireChromium } from "../../exports/pdf.ts";
import { buildReport, type Report } from "../../exports/report.ts";
import { renderReportHtml } from "../../exports/report-html.ts";
import { reportToXlsx } from "../../exports/xlsx.ts";
import { openWarehouse, type Warehouse } from "../../warehouse/connection.ts";
import { readFiles, readObservations, readRejected } from "../../warehouse/read.ts";
import { bilingual, EXIT, type Lang, resolvePlan, UserError } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { tasksFromWarehouse } from "../tasks.ts";
import { assessFromWarehouse } from "./assess.ts";

export const REPORT_FORMATS = ["docx", "xlsx", "pdf", "md", "csv", "json", "html"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportCommandOptions {
  db: string;
  lang: Lang;
  plan?: string;
  year?: number;
  asOf?: string;
  tolerance?: number;
  format: ReportFormat;
  out: string;
  final?: boolean;
  interim?: boolean;
  author?: string;
  number?: string;
  release?: boolean;
  /** Print nothing on success. */
  quiet?: boolean;
}

export interface ReportData {
  plan: Plan;
  assessment: PlanAssessment;
  report: Report;
}

/** Everything a report needs, read from an open warehouse. */
export async function reportFromWarehouse(
  w: Warehouse,
  opts: {
    lang: Lang;
    plan?: string;
    year?: number;
    asOf?: string;
    tolerance?: number;
    generatedAt?: Date;
    final?: boolean;
    interim?: boolean;
    author?: string;
    number?: string;
    release?: boolean;
  },
): Promise<ReportData> {
  const plan = await resolvePlan(w, opts.plan, opts.lang);
  const today = (opts.generatedAt ?? new Date()).toISOString().slice(0, 10);
  const mode = opts.final ? "final" : opts.interim ? "interim" : undefined;
  const assessment = await assessFromWarehouse(w, plan, { year: opts.year, asOf: opts.asOf, tolerance: opts.tolerance, mode, today });
  const history = await readObservations(w, { planId: plan.id, history: true });
  const files = await readFiles(w, plan.id);
  const rejected = await readRejected(w, { planId: plan.id });
  const tasks = plan.tasks.some((t) => t.milestones.length)
    ? await tasksFromWarehouse(w, plan, { asOf: opts.asOf, year: opts.year, today })
    : undefined;
  const report = buildReport({
    plan,
    assessment,
    history,
    files,
    rejected,
    tasks,
    lang: opts.lang,
    generatedAt: opts.generatedAt,
    author: opts.author,
    number: opts.number,
    release: opts.release,
  });
  return { plan, assessment, report };
}

/**
 * The charts for the Word report, rendered by Chromium; without Chromium the .docx is still written,
 * with a warning, and without chart images (the figures are in its tables).
 */
export async function docxCharts(report: Report): Promise<Map<string, Uint8Array>> {
  if (!existsSync(chromiumPath())) {
    process.stderr.write(
      `⚠ ${bilingual(report.lang, `找不到Chromium（${chromiumPath()}），Word报告中不含图表。`, `Chromium was not found (${chromiumPath()}): the Word report has no chart images.`)}\n`,
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

export async function reportCommand(opts: ReportCommandOptions): Promise<number> {
  if (!REPORT_FORMATS.includes(opts.format)) {
    throw new UserError(
      `--format 只能是 ${REPORT_FORMATS.join("、")}（收到 ${opts.format}）`,
      `--format must be one of ${REPORT_FORMATS.join(", ")} (got ${opts.format})`,
      EXIT.usage,
    );
  }
  if (!opts.out) throw new UserError("请用 --out 指定输出文件。", "say where to write the report with --out FILE.", EXIT.usage);
  // Refuse before doing any work when the PDF cannot be printed.
  if (opts.format === "pdf") requireChromium();
  const w = await openWarehouse(opts.db, { readOnly: true });
  let data: ReportData;
  try {
    data = await reportFromWarehouse(w, opts);
  } finally {
    await w.close();
  }
  const output = await renderReport(data, opts.format);
  writeFileAtomic(opts.out, output);
  if (!opts.quiet) {
    const n = data.assessment.indicators.length;
    process.stderr.write(
      `✓ ${bilingual(
        opts.lang,
        `已写出${opts.out}（${opts.format}，${n}项指标，评估年份${data.assessment.year}年）`,
        `wrote ${opts.out} (${opts.format}, ${n} indicators, assessed at ${data.assessment.year})`,
      )}\n`,
    );
  }
  return EXIT.ok;
}
