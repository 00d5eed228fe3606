/**
 * `plan-monitor assess`: the assessment of the plan against its targets, as a table, JSON or CSV.
 */
import type { PlanAssessment } from "../../assessment/types.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { EXIT, type Lang, resolvePlan } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { assessmentToCsv, renderAssessmentTable } from "../render-assessment.ts";
import { assessFromWarehouse } from "../services.ts";

export { assessFromWarehouse } from "../services.ts";

export interface AssessCommandOptions {
  db: string;
  lang: Lang;
  plan?: string;
  year?: number;
  asOf?: string;
  tolerance?: number;
  format: "table" | "json" | "csv";
  out?: string;
}

export function renderAssessment(a: PlanAssessment, format: AssessCommandOptions["format"], lang: Lang, color: boolean): string {
  if (format === "json") return `${JSON.stringify(a, null, 2)}\n`;
  if (format === "csv") return assessmentToCsv(a, lang);
  return `${renderAssessmentTable(a, lang, { color })}\n`;
}

export async function assessCommand(opts: AssessCommandOptions): Promise<number> {
  const w = await openWarehouse(opts.db, { readOnly: true });
  try {
    const plan = await resolvePlan(w, opts.plan, opts.lang);
    const a = await assessFromWarehouse(w, plan, opts);
    const text = renderAssessment(a, opts.format, opts.lang, !opts.out && process.stdout.isTTY === true);
    if (opts.out) writeFileAtomic(opts.out, text);
    else process.stdout.write(text);
    return EXIT.ok;
  } finally {
    await w.close();
  }
}
