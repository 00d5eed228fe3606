/**
 * The collection tables (migration 4): store an issued template, find it again by id, record a
 * returned file's submission with its receipt, and read what `collect status` and the 报送情况
 * page need. Values reach DuckDB only through bound parameters.
 *
 * @example
 *   await storeTemplate(w, issued);
 *   const t = await findTemplate(w, meta.template_id); // IssuedTemplate | null
 */
import type { IssuedTemplate, Receipt } from "../domain/collection.ts";
import { queryRows, type Warehouse } from "./connection.ts";

export async function storeTemplate(w: Warehouse, t: IssuedTemplate): Promise<void> {
  await w.connection.run(
    "INSERT OR REPLACE INTO collection_templates VALUES ($1,$2,$3,$4,$5,CAST($6 AS DATE),CAST($7 AS DATE),$8,$9,$10,$11,current_timestamp)",
    [
      t.meta.template_id,
      t.meta.plan_id,
      t.meta.plan_sha256,
      t.meta.unit_id,
      t.meta.period,
      t.meta.issued,
      t.meta.deadline,
      t.meta.lang,
      t.file_name,
      t.items.length + t.tasks.length,
      JSON.stringify(t),
    ] as never,
  );
}

export async function findTemplate(w: Warehouse, templateId: string): Promise<IssuedTemplate | null> {
  const rows = await queryRows<{ template_json: string }>(w, "SELECT template_json FROM collection_templates WHERE template_id = $1", [
    templateId,
  ]);
  return rows[0] ? (JSON.parse(rows[0].template_json) as IssuedTemplate) : null;
}

/** The latest template issued to each unit for a period (a reissue replaces the request). */
export async function latestTemplates(w: Warehouse, planId: string, period: number): Promise<IssuedTemplate[]> {
  const rows = await queryRows<{ template_json: string }>(
    w,
    `SELECT template_json FROM collection_templates WHERE plan_id = $1 AND period = $2
     QUALIFY row_number() OVER (PARTITION BY unit_id ORDER BY issued DESC, created_at DESC) = 1
     ORDER BY unit_id`,
    [planId, period],
  );
  return rows.map((r) => JSON.parse(r.template_json) as IssuedTemplate);
}

/** Periods with templates, newest first. */
export async function collectionPeriods(w: Warehouse, planId: string): Promise<number[]> {
  const rows = await queryRows<{ period: number }>(
    w,
    "SELECT DISTINCT period FROM collection_templates WHERE plan_id = $1 ORDER BY period DESC",
    [planId],
  );
  return rows.map((r) => Number(r.period));
}

/** Submissions of a template received before now (the new one supersedes them). */
export async function countSubmissions(w: Warehouse, templateId: string): Promise<number> {
  const [{ n }] = await queryRows<{ n: number }>(
    w,
    "SELECT CAST(count(*) AS DOUBLE) AS n FROM collection_submissions WHERE template_id = $1",
    [templateId],
  );
  return n;
}

export async function recordSubmission(w: Warehouse, sha256: string, r: Receipt): Promise<void> {
  if (!r.template_id || !r.plan_id || !r.unit || r.period === null) return;
  const [{ next }] = await queryRows<{ next: number }>(
    w,
    "SELECT CAST(coalesce(max(submission_id), 0) + 1 AS DOUBLE) AS next FROM collection_submissions",
  );
  await w.connection.run("INSERT INTO collection_submissions VALUES ($1,$2,$3,$4,$5,$6,$7,CAST($8 AS TIMESTAMP),$9,$10,$11,$12,$13)", [
    next,
    r.template_id,
    r.plan_id,
    r.unit.id,
    r.period,
    sha256,
    r.file_name,
    r.submitted_at,
    r.state,
    r.landed.length,
    r.rejected.length,
    r.empty.length,
    JSON.stringify(r),
  ] as never);
}

export interface SubmissionRow {
  submission_id: number;
  template_id: string;
  unit_id: string;
  file_name: string;
  submitted_at: string;
  state: Receipt["state"];
  receipt: Receipt;
}

/** Every submission for a period, oldest first (the history; status takes what it needs). */
export async function readSubmissions(w: Warehouse, planId: string, period: number): Promise<SubmissionRow[]> {
  const rows = await queryRows<Omit<SubmissionRow, "receipt"> & { receipt_json: string }>(
    w,
    `SELECT CAST(submission_id AS DOUBLE) AS submission_id, template_id, unit_id, file_name,
            strftime(submitted_at, '%Y-%m-%dT%H:%M:%S') AS submitted_at, state, receipt_json
     FROM collection_submissions WHERE plan_id = $1 AND period = $2 ORDER BY submitted_at, submission_id`,
    [planId, period],
  );
  return rows.map(({ receipt_json, ...r }) => ({ ...r, receipt: JSON.parse(receipt_json) as Receipt }));
}

/** Templates and submissions of a period, as the reporting-status engine takes them. */
export async function readReportingInputs(w: Warehouse, planId: string, period: number) {
  const templates = await latestTemplates(w, planId, period);
  const subs = await readSubmissions(w, planId, period);
  const current = new Set(templates.map((t) => t.meta.template_id));
  return {
    templates,
    submissions: subs
      .filter((s) => current.has(s.template_id))
      .map((s) => ({
        unit_id: s.unit_id,
        submitted_at: s.submitted_at,
        state: s.state,
        landed: s.receipt.landed.map((l) => l.indicator_id),
      })),
  };
}
