/**
 * Land a progress-report file (its reports, their evidence and its rejected rows) in one
 * transaction, and read the reports back for the engine. Values go through bound parameters only.
 * Reports are never updated: a later one for the same task, milestone and period supersedes an
 * earlier one when the engine reads them (assessment/milestones.ts), and both stay.
 *
 * @example
 *   const summary = await landProgressFile(w, { planId, sha256, ..., reports, rejected, evidence });
 *   const reports = await readReports(w, plan.id); // StoredReport[] ordered by seq
 */
import type { EvidenceRef, ProgressReport, StoredReport } from "../domain/progress.ts";
import { inTransaction, queryRows, type Warehouse } from "./connection.ts";
import { hasLanded, type LandedFileMeta, type LandingSummary } from "./ingest.ts";

/** An evidence file found and archived (by sha256), as the report file named it. */
export interface StoredEvidence {
  name: string;
  sha256: string;
  ext: string;
  size: number;
  /** Sniffed from the bytes: pdf, png, jpeg, gif, office, zip, text, executable, binary. */
  type: string;
}

export interface ProgressFileToLand extends LandedFileMeta {
  reports: ProgressReport[];
  /** Evidence by the name a report gives; a name not here is "evidence missing". */
  evidence: Map<string, StoredEvidence>;
}

const reportKey = (r: { task_id: number; milestone_id: string | null; period: string }) =>
  `${r.task_id}\u0000${r.milestone_id ?? ""}\u0000${r.period}`;

/** Land one progress-report file, whole or not at all. */
export async function landProgressFile(w: Warehouse, file: ProgressFileToLand): Promise<LandingSummary> {
  const none = { accepted: 0, rejected: 0, superseded: 0, unchanged: 0, older: 0, ingested_at: null };
  if (await hasLanded(w, file.planId, file.sha256)) return { outcome: "unchanged", ...none };
  return inTransaction(w, async () => {
    const c = w.connection;
    const held = new Set(
      (
        await queryRows<{ task_id: number; milestone_id: string | null; period: string }>(
          w,
          "SELECT task_id, milestone_id, period FROM progress_reports WHERE plan_id = $1",
          [file.planId],
        )
      ).map(reportKey),
    );
    const [{ next }] = await queryRows<{ next: number }>(
      w,
      "SELECT CAST(coalesce(max(seq), 0) + 1 AS DOUBLE) AS next FROM progress_reports",
    );
    const [{ now }] = await queryRows<{ now: string }>(
      w,
      "SELECT CAST(coalesce(CAST($1 AS TIMESTAMP), CAST(current_timestamp AS TIMESTAMP)) AS VARCHAR) AS now",
      [file.ingestedAt ?? null],
    );
    const summary = { ...none, rejected: file.rejected.length, ingested_at: now };
    for (const e of file.evidence.values()) {
      await c.run("INSERT INTO evidence_files VALUES ($1, $2, $3, $4, $5, CAST($6 AS TIMESTAMP)) ON CONFLICT (sha256) DO NOTHING", [
        e.sha256,
        e.name,
        e.ext,
        e.size,
        e.type,
        now,
      ] as never);
    }
    let seq = next;
    for (const r of file.reports) {
      await c.run(
        `INSERT INTO progress_reports VALUES ($1,$2,$3,$4,$5,$6,CAST($7 AS DATE),$8,CAST($9 AS DATE),$10,$11,$12,
          CAST($13 AS DATE),CAST($14 AS DATE),$15,$16,$17,CAST($18 AS TIMESTAMP))`,
        [
          seq,
          file.planId,
          r.task_id,
          r.milestone_id,
          r.unit_id,
          r.period,
          r.period_end,
          r.execution,
          r.completed,
          r.progress,
          r.problems,
          r.next_steps,
          r.reported,
          r.new_due,
          r.approved_by,
          file.sha256,
          r.row,
          now,
        ] as never,
      );
      for (const [position, name] of r.evidence.entries()) {
        const found = file.evidence.get(name);
        await c.run("INSERT INTO report_evidence VALUES ($1, $2, $3, $4, $5, $6)", [
          file.planId,
          seq,
          position,
          name,
          found?.sha256 ?? null,
          !found,
        ] as never);
      }
      if (held.has(reportKey(r))) summary.superseded++;
      held.add(reportKey(r));
      summary.accepted++;
      seq++;
    }
    for (const r of file.rejected) {
      await c.run("INSERT INTO rejected_rows VALUES ($1,$2,$3,$4,$5,$6,$7,$8)", [
        file.planId,
        file.sha256,
        r.row,
        r.column,
        r.value,
        r.code,
        r.zh,
        r.en,
      ] as never);
    }
    const outcome = file.rejected.length > 0 ? "partial" : "accepted";
    await c.run(
      `INSERT INTO source_files VALUES ($1,$2,$3,$4,$5,$6,$7,'progress',$8,$9, CAST($16 AS TIMESTAMP), $10,$11,$12,$13,$14,$15)`,
      [
        file.planId,
        file.sha256,
        file.path,
        file.name,
        file.size,
        file.format,
        file.encoding,
        file.sheet,
        file.headerRow,
        file.rowsRead,
        summary.accepted,
        summary.rejected,
        summary.superseded,
        0,
        outcome,
        now,
      ] as never,
    );
    return { outcome, ...summary };
  });
}

interface ReportRow {
  seq: number;
  task_id: number;
  milestone_id: string | null;
  unit_id: string;
  period: string;
  period_end: string;
  execution: ProgressReport["execution"];
  completed: string | null;
  progress: string | null;
  problems: string | null;
  next_steps: string | null;
  reported: string | null;
  new_due: string | null;
  approved_by: string | null;
  row_number: number;
  ingested_on: string;
  file: string;
}

/** Every report of the plan (the whole history), oldest first, with its evidence. */
export async function readReports(w: Warehouse, planId: string): Promise<StoredReport[]> {
  const rows = await queryRows<ReportRow>(
    w,
    `SELECT CAST(r.seq AS DOUBLE) AS seq, r.task_id, r.milestone_id, r.unit_id, r.period, CAST(r.period_end AS VARCHAR) AS period_end,
            r.execution, CAST(r.completed AS VARCHAR) AS completed, r.progress, r.problems, r.next_steps,
            CAST(r.reported AS VARCHAR) AS reported, CAST(r.new_due AS VARCHAR) AS new_due, r.approved_by, r.row_number,
            CAST(CAST(r.ingested_at AS DATE) AS VARCHAR) AS ingested_on, coalesce(f.name, r.file_sha256) AS file
     FROM progress_reports r LEFT JOIN source_files f ON f.plan_id = r.plan_id AND f.sha256 = r.file_sha256
     WHERE r.plan_id = $1 ORDER BY r.seq`,
    [planId],
  );
  const evidence = await queryRows<EvidenceRef & { report_seq: number }>(
    w,
    `SELECT CAST(e.report_seq AS DOUBLE) AS report_seq, e.name, e.sha256, CAST(f.size AS DOUBLE) AS size, f.type, e.missing
     FROM report_evidence e LEFT JOIN evidence_files f ON f.sha256 = e.sha256
     WHERE e.plan_id = $1 ORDER BY e.report_seq, e.position`,
    [planId],
  );
  const bySeq = new Map<number, EvidenceRef[]>();
  for (const e of evidence) {
    const list = bySeq.get(e.report_seq) ?? [];
    list.push({ name: e.name, sha256: e.sha256, size: e.size, type: e.type, missing: e.missing });
    bySeq.set(e.report_seq, list);
  }
  return rows.map(({ row_number, ...r }) => {
    const files = bySeq.get(r.seq) ?? [];
    return { ...r, row: row_number, evidence: files.map((f) => f.name), evidence_files: files };
  });
}
