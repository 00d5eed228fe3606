/**
 * What the warehouse holds, as plain objects for the engine, the CLI, the site and the exports.
 */
import type { ObservationPoint, VintageStatus } from "../domain/observation.ts";
import type { Plan } from "../domain/plan.ts";
import { queryRows, WarehouseError, type Warehouse } from "./connection.ts";
import { findPlan } from "./plans.ts";
import { readDerived } from "./records-derive.ts";

export interface ObservationRow {
  indicator: string;
  indicator_zh: string;
  region: string;
  year: number;
  value: number;
  unit: string;
  status: VintageStatus;
  source: string | null;
  published: string | null;
  note: string | null;
  file: string;
  row: number;
  /** Whether this vintage is the one in the current view. */
  current: boolean;
  ingested_at: string;
  seq: number;
}

export interface SourceFileRow {
  sha256: string;
  path: string;
  name: string;
  size: number;
  format: string;
  encoding: string | null;
  layout: string | null;
  ingested_at: string;
  rows_read: number;
  accepted: number;
  rejected: number;
  superseded: number;
  unchanged: number;
  outcome: "accepted" | "partial";
  message: string | null;
}

export interface RejectedRecord {
  file: string;
  sha256: string;
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  zh: string;
  en: string;
}

/** The plan `planId` (default: PLAN_MONITOR_PLAN, else the most recently loaded), or a clear error. */
export async function readPlan(w: Warehouse, planId?: string): Promise<Plan> {
  const plan = await findPlan(w, planId);
  if (!plan) {
    throw new WarehouseError(
      planId
        ? `仓库中没有计划 "${planId}"。请先用 plan-monitor ingest --plan FILE 导入。`
        : "仓库中还没有计划。请先运行 npm start 或 plan-monitor ingest。",
      planId
        ? `the warehouse holds no plan "${planId}". Load it with \`plan-monitor ingest --plan FILE\`.`
        : "the warehouse holds no plan yet. Run `npm start` or `plan-monitor ingest` first.",
    );
  }
  return plan;
}

/**
 * Every vintage for the plan's own region, in the engine's shape; plus, where no reported figure
 * exists for an indicator and year, the figure derived from record-level data (origin "derived").
 */
export async function readObservationPoints(w: Warehouse, plan: Plan): Promise<ObservationPoint[]> {
  const reported = await queryRows<ObservationPoint>(
    w,
    `SELECT indicator_id, year, value, status, CAST(known_on AS VARCHAR) AS published, source,
            'reported' AS origin, CAST(seq AS DOUBLE) AS seq
     FROM observation_vintages WHERE plan_id = $1 AND region_code = $2 ORDER BY indicator_id, year, seq`,
    [plan.id, plan.region.code],
  );
  const have = new Set(reported.map((p) => `${p.indicator_id}|${p.year}`));
  const derived = (await readDerived(w, plan))
    .filter((d) => !have.has(`${d.indicator_id}|${d.year}`))
    .map(
      (d): ObservationPoint => ({
        indicator_id: d.indicator_id,
        year: d.year,
        value: d.value,
        status: "final",
        published: d.known_on,
        source: d.basis,
        origin: "derived",
        seq: 0,
      }),
    );
  return [...reported, ...derived];
}

/** Observations with their file and row; the current view, or with `history` every vintage. */
export async function readObservations(
  w: Warehouse,
  opts: { planId: string; history?: boolean; indicator?: string },
): Promise<ObservationRow[]> {
  return queryRows<ObservationRow>(
    w,
    `SELECT o.indicator_id AS indicator, coalesce(i.zh, o.indicator_id) AS indicator_zh, o.region_code AS region, o.year,
            o.value, o.unit, o.status, o.source, CAST(o.published AS VARCHAR) AS published, o.note,
            f.name AS file, o.row_number AS row, o.vintage_rank = 1 AS current,
            CAST(o.ingested_at AS VARCHAR) AS ingested_at, CAST(o.seq AS DOUBLE) AS seq
     FROM observation_vintages o
     LEFT JOIN indicators i ON i.plan_id = o.plan_id AND i.id = o.indicator_id
     LEFT JOIN source_files f ON f.plan_id = o.plan_id AND f.sha256 = o.file_sha256
     WHERE o.plan_id = $1 AND ($2 OR o.vintage_rank = 1) AND ($3 IS NULL OR o.indicator_id = $3)
     ORDER BY o.indicator_id, o.region_code, o.year, o.vintage_rank DESC`,
    [opts.planId, opts.history ?? false, opts.indicator ?? null],
  );
}

export async function readFiles(w: Warehouse, planId?: string): Promise<SourceFileRow[]> {
  return queryRows<SourceFileRow>(
    w,
    `SELECT sha256, path, name, CAST(size AS DOUBLE) AS size, format, encoding, layout,
            CAST(ingested_at AS VARCHAR) AS ingested_at, rows_read, accepted, rejected, superseded, unchanged,
            outcome, NULL AS message
     FROM source_files WHERE ($1 IS NULL OR plan_id = $1) ORDER BY ingested_at, name`,
    [planId ?? null],
  );
}

export async function readRejected(w: Warehouse, opts: { file?: string; planId?: string } = {}): Promise<RejectedRecord[]> {
  return queryRows<RejectedRecord>(
    w,
    `SELECT f.name AS file, r.file_sha256 AS sha256, r.row_number AS row, r.column_name AS "column", r.raw_value AS value,
            r.code, r.reason_zh AS zh, r.reason_en AS en
     FROM rejected_rows r JOIN source_files f ON f.plan_id = r.plan_id AND f.sha256 = r.file_sha256
     WHERE ($1 IS NULL OR f.name = $1 OR f.path = $1) AND ($2 IS NULL OR r.plan_id = $2)
     ORDER BY f.ingested_at, f.name, r.row_number`,
    [opts.file ?? null, opts.planId ?? null],
  );
}
