/**
 * `plan-monitor report`: the evaluation report (终期评估报告, 中期 with --interim) as Word, XLSX,
 * PDF, Markdown, CSV or JSON. Reads the warehouse, assesses the plan, builds the report (exports/report.ts) and
 * writes the file through a temporary name (writeFileAtomic): an interrupted export leaves no
 * broken file behind.
 */
import { requireChromium } from "../../exports/pdf.ts";
import { REPORT_FORMATS, type ReportData, type ReportFormat, renderReport } from "../../exports/render.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { bilingual, EXIT, type Lang, UserError } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { reportFromWarehouse } from "../services.ts";

export { REPORT_FORMATS, type ReportData, type ReportFormat, renderReport } from "../../exports/render.ts";
export { reportFromWarehouse } from "../services.ts";

export interface ReportCommandOptions {
  db: string;
  lang: Lang;
  plan?: string;
  year?: number;
  asOf?: string;
  tolerance?: number;
  format: ReportFormat;
  out: string;
  /** End-of-plan (final grades) or mid-term (trend verdicts); default by the as-of date. */
  final?: boolean;
  interim?: boolean;
  /** 编制单位 on the cover. */
  author?: string;
  /** The report's own document number. */
  number?: string;
  /** 定稿 instead of 征求意见稿. */
  release?: boolean;
  /** Print nothing on success. */
  quiet?: boolean;
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
