/**
 * What the CLI commands and the site's data loaders both need from an open warehouse: the
 * assessment of a plan, the data of its report, and its cascade (pipelines/cascade.ts). No command-line handling here, so the site
 * (src/data/*) can use it without importing a CLI command.
 *
 * @example
 *   const a = await assessFromWarehouse(w, plan, { asOf: "2021-03-31" });
 *   const { report } = await reportFromWarehouse(w, { lang: "zh" });
 */
import { assessPlan } from "../assessment/engine.ts";
import type { PlanAssessment } from "../assessment/types.ts";
import type { Plan } from "../domain/plan.ts";
import type { ReportData } from "../exports/render.ts";
import { buildReport } from "../exports/report.ts";
import type { Lang } from "../lib/lang.ts";
import { type ReportingStatus, reportingStatus } from "../assessment/reporting.ts";
import { readReportingInputs } from "../warehouse/collection.ts";
import type { Warehouse } from "../warehouse/connection.ts";
import { findPlan } from "../warehouse/plans.ts";
import { localNow } from "./collect/returned.ts";
import { readFiles, readObservationPoints, readObservations, readRejected } from "../warehouse/read.ts";
import { resolvePlan } from "./context.ts";
import { tasksFromWarehouse } from "./tasks.ts";

export { cascadeReport } from "./cascade.ts";

/** Assess the plan with the observations the warehouse holds. */
export async function assessFromWarehouse(
  w: Warehouse,
  plan: Plan,
  opts: { year?: number; asOf?: string; tolerance?: number; mode?: "final" | "interim"; today?: string } = {},
): Promise<PlanAssessment> {
  const points = await readObservationPoints(w, plan);
  const today = opts.today ?? new Date().toISOString().slice(0, 10);
  return assessPlan(plan, points, { year: opts.year, asOf: opts.asOf, tolerance: opts.tolerance, mode: opts.mode, today });
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
    /** --final / --interim (default: final once the as-of date, or today, is after the target year). */
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
  // Milestones and progress reports (assessment/milestones.ts), when the plan has milestones.
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

/** Who has reported for a period (报送情况), units in the plan's order; shared by `collect status` and the site. */
export async function collectionStatus(
  w: Warehouse,
  planId: string,
  period: number,
  opts: { asOf?: string; deadline?: string | null } = {},
): Promise<ReportingStatus> {
  const { templates, submissions } = await readReportingInputs(w, planId, period);
  const plan = await findPlan(w, planId);
  // In the plan's order of units (the order of the document), not alphabetical ids.
  const order = new Map(plan?.units.map((u, i) => [u.id, i]) ?? []);
  templates.sort((a, b) => (order.get(a.unit.id) ?? 999) - (order.get(b.unit.id) ?? 999));
  return reportingStatus(period, templates, submissions, { asOf: opts.asOf ?? localNow().slice(0, 10), deadline: opts.deadline });
}
