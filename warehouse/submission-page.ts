/**
 * The submission-page tables (migration 5, warehouse/migrations/005-submission-keys.ts): submission keys, the audit log and submissions. Values
 * reach DuckDB only as bound parameters. The audit log is append-only: this module has no
 * function that updates or deletes an audit row.
 */
import { type ChainedFields, canonicalAt, chainOf, GENESIS } from "./audit-chain.ts";
import { inTransaction, queryRows, type Warehouse } from "./connection.ts";

export interface KeyRow {
  id: string;
  plan_id: string;
  unit_id: string;
  hash: string;
  created_at: string;
  expires: string | null;
  revoked_at: string | null;
}

export async function insertKey(w: Warehouse, row: Omit<KeyRow, "revoked_at" | "created_at">): Promise<KeyRow> {
  const created = new Date().toISOString();
  await w.connection.run("INSERT INTO collection_keys VALUES ($1, $2, $3, $4, $5, $6, NULL)", [
    row.id,
    row.plan_id,
    row.unit_id,
    row.hash,
    created,
    row.expires,
  ] as never);
  return { ...row, created_at: created, revoked_at: null };
}

const KEY_COLUMNS =
  "id, plan_id, unit_id, hash, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, CAST(expires AS VARCHAR) AS expires, strftime(revoked_at, '%Y-%m-%dT%H:%M:%SZ') AS revoked_at";

export async function listKeys(w: Warehouse, tableExists = true): Promise<KeyRow[]> {
  if (!tableExists) return [];
  return queryRows<KeyRow>(w, `SELECT ${KEY_COLUMNS} FROM collection_keys k ORDER BY k.created_at, k.id`);
}

/** Revoke a key; false when no key has this id. Revoking twice keeps the first time. */
export async function revokeKey(w: Warehouse, id: string): Promise<KeyRow | null> {
  const rows = await queryRows<KeyRow>(w, `SELECT ${KEY_COLUMNS} FROM collection_keys WHERE id = $1`, [id]);
  if (rows.length === 0) return null;
  await w.connection.run("UPDATE collection_keys SET revoked_at = coalesce(revoked_at, $2) WHERE id = $1", [
    id,
    new Date().toISOString(),
  ] as never);
  return (await queryRows<KeyRow>(w, `SELECT ${KEY_COLUMNS} FROM collection_keys WHERE id = $1`, [id]))[0];
}

/** One audit row: the fields its hash chain covers (warehouse/audit-chain.ts). */
export type AuditRow = ChainedFields;

/**
 * Append audit rows; a row whose id is already there is skipped (journal replay). Each new row
 * takes the next place in the hash chain (warehouse/audit-chain.ts, migration 6).
 */
export async function appendAudit(w: Warehouse, rows: AuditRow[]): Promise<void> {
  if (rows.length === 0) return;
  await inTransaction(w, async () => {
    const [last] = await queryRows<{ seq: number; chain: string }>(
      w,
      "SELECT CAST(seq AS DOUBLE) AS seq, chain FROM collection_audit WHERE seq IS NOT NULL ORDER BY seq DESC LIMIT 1",
    );
    let seq = last ? Number(last.seq) : 0;
    let previous = last?.chain ?? GENESIS;
    for (const r of rows) {
      const [seen] = await queryRows<{ n: number }>(w, "SELECT CAST(count(*) AS DOUBLE) AS n FROM collection_audit WHERE id = $1", [r.id]);
      if (Number(seen.n) > 0) continue;
      const chain = chainOf(previous, r);
      seq++;
      await w.connection.run(
        `INSERT INTO collection_audit (id, logged_at, unit_id, key_id, client, method, route, file_sha256, status, result, seq, chain)
         VALUES ($1, CAST($2 AS TIMESTAMP), $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
        [r.id, canonicalAt(r.at), r.unit_id, r.key_id, r.client, r.method, r.route, r.file_sha256, r.status, r.result, seq, chain] as never,
      );
      previous = chain;
    }
  });
}

/** Every audit row in chain order (unchained rows from before schema version 6 first), for `collect audit --verify`. */
export async function auditChainRows(w: Warehouse): Promise<(AuditRow & { seq: number | null; chain: string | null })[]> {
  const rows = await queryRows<AuditRow & { seq: number | null; chain: string | null }>(
    w,
    `SELECT id, strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS "at", unit_id, key_id, client, method, route, file_sha256,
            status, result, CAST(seq AS DOUBLE) AS seq, chain
     FROM collection_audit ORDER BY seq NULLS FIRST, logged_at, id`,
  );
  return rows.map((r) => ({ ...r, seq: r.seq === null ? null : Number(r.seq) }));
}

export async function listAudit(w: Warehouse, since?: string): Promise<AuditRow[]> {
  return queryRows<AuditRow>(
    w,
    `SELECT id, strftime(logged_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS "at", unit_id, key_id, client, method, route, file_sha256, status, result
     FROM collection_audit WHERE $1 IS NULL OR logged_at >= CAST($1 AS TIMESTAMP) ORDER BY logged_at, id`,
    [since ?? null],
  );
}

export interface SubmissionRow {
  id: string;
  plan_id: string;
  unit_id: string;
  key_id: string;
  file_sha256: string;
  file_name: string;
  size: number;
  client: string;
  received_at: string;
  processed_at: string;
  state: "landed" | "refused";
  receipt_json: string;
}

export async function insertSubmission(w: Warehouse, s: SubmissionRow): Promise<void> {
  await w.connection.run("INSERT OR IGNORE INTO collection_uploads VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)", [
    s.id,
    s.plan_id,
    s.unit_id,
    s.key_id,
    s.file_sha256,
    s.file_name,
    s.size,
    s.client,
    s.received_at,
    s.processed_at,
    s.state,
    s.receipt_json,
  ] as never);
}

const SUBMISSION_COLUMNS =
  "id, plan_id, unit_id, key_id, file_sha256, file_name, size, client, strftime(received_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS received_at, strftime(processed_at, '%Y-%m-%dT%H:%M:%S.%gZ') AS processed_at, state, receipt_json";

/** Submissions of one unit (or all), newest first. */
export async function listSubmissions(w: Warehouse, unitId: string | null, limit = 500): Promise<SubmissionRow[]> {
  return queryRows<SubmissionRow>(
    w,
    `SELECT ${SUBMISSION_COLUMNS} FROM collection_uploads WHERE $1 IS NULL OR unit_id = $1 ORDER BY received_at DESC, id LIMIT $2`,
    [unitId, limit],
  );
}

export async function submissionExists(w: Warehouse, id: string): Promise<boolean> {
  return (await queryRows(w, "SELECT 1 FROM collection_uploads WHERE id = $1", [id])).length > 0;
}
