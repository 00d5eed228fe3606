/**
 * The inbox beside the warehouse (data/warehouse.inbox/ for data/warehouse.duckdb): uploaded
 * files under names the server chooses (their sha256), one pending record per accepted
 * submission until it has been ingested, and the audit journal the server appends to before the
 * rows reach the warehouse table. Every write goes to a temporary name, is fsynced, then renamed:
 * after a crash a record is there whole or not at all.
 */
import { randomBytes } from "node:crypto";
import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { AuditRow } from "../../warehouse/submission-page.ts";

export function inboxDir(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.inbox`);
}

export interface PendingSubmission {
  id: string;
  plan_id: string;
  unit: string;
  key_id: string;
  sha256: string;
  /** Cleaned client file name (display and extension only). */
  name: string;
  size: number;
  client: string;
  received_at: string;
}

const SHA = /^[0-9a-f]{64}$/;
const ID = /^[0-9a-f]{16}$/;

export const newSubmissionId = () => randomBytes(8).toString("hex");
export const isSubmissionId = (id: string) => ID.test(id);

function ensure(dir: string): void {
  mkdirSync(join(dir, "files"), { recursive: true, mode: 0o700 });
  mkdirSync(join(dir, "pending"), { recursive: true, mode: 0o700 });
}

function writeDurable(path: string, text: string): void {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  syncDir(dirname(path));
}

function syncDir(dir: string): void {
  const fd = openSync(dir, "r");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Where an uploaded file is written while it arrives, and where it lives once complete. */
export function partPath(dir: string): string {
  ensure(dir);
  return join(dir, "files", `.part-${randomBytes(8).toString("hex")}`);
}

export function storedPath(dir: string, sha256: string): string {
  if (!SHA.test(sha256)) throw new Error("not a sha256");
  return join(dir, "files", sha256);
}

/** Move a complete upload (already fsynced) to its content name. */
export function keepUpload(dir: string, part: string, sha256: string): string {
  const target = storedPath(dir, sha256);
  const fd = openSync(part, "r+");
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  if (existsSync(target)) rmSync(part, { force: true });
  else renameSync(part, target);
  syncDir(dirname(target));
  return target;
}

export function addPending(dir: string, p: PendingSubmission): void {
  ensure(dir);
  writeDurable(join(dir, "pending", `${p.id}.json`), JSON.stringify(p));
}

export function removePending(dir: string, id: string): void {
  if (ID.test(id)) rmSync(join(dir, "pending", `${id}.json`), { force: true });
}

/** Pending submissions, oldest first (a record that cannot be parsed is skipped, never deleted). */
export function listPending(dir: string): PendingSubmission[] {
  const pending = join(dir, "pending");
  if (!existsSync(pending)) return [];
  const out: PendingSubmission[] = [];
  for (const f of readdirSync(pending)) {
    if (!/^[0-9a-f]{16}\.json$/.test(f)) continue;
    try {
      out.push(JSON.parse(readFileSync(join(pending, f), "utf8")) as PendingSubmission);
    } catch {
      // a torn write cannot happen (rename); a hand-edited file is left for the planner
    }
  }
  return out.sort((a, b) => a.received_at.localeCompare(b.received_at) || a.id.localeCompare(b.id));
}

export function getPending(dir: string, id: string): PendingSubmission | null {
  return listPending(dir).find((p) => p.id === id) ?? null;
}

/** Remove half-written uploads left by a crash (never acknowledged). */
export function sweepParts(dir: string): number {
  const files = join(dir, "files");
  if (!existsSync(files)) return 0;
  const parts = readdirSync(files).filter((f) => f.startsWith(".part-"));
  for (const f of parts) rmSync(join(files, f), { force: true });
  return parts.length;
}

// ---- the audit journal ----

export function journalAudit(dir: string, row: AuditRow): void {
  ensure(dir);
  const fd = openSync(join(dir, "audit.jsonl"), "a", 0o600);
  try {
    writeSync(fd, `${JSON.stringify(row)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** Set the journal aside for flushing: new rows go to a fresh file meanwhile. */
export function takeJournal(dir: string): { files: string[]; rows: AuditRow[] } {
  if (!existsSync(dir)) return { files: [], rows: [] };
  const live = join(dir, "audit.jsonl");
  if (existsSync(live)) renameSync(live, join(dir, `audit-${Date.now()}-${randomBytes(4).toString("hex")}.flushing`));
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".flushing"))
    .sort()
    .map((f) => join(dir, f));
  return { files, rows: files.flatMap(readRows) };
}

export function dropJournal(files: string[]): void {
  for (const f of files) rmSync(f, { force: true });
}

/** Rows not yet in the warehouse table (for `collect audit` while the server runs). */
export function unflushedAudit(dir: string): AuditRow[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f === "audit.jsonl" || f.endsWith(".flushing"))
    .flatMap((f) => readRows(join(dir, f)));
}

function readRows(file: string): AuditRow[] {
  const rows: AuditRow[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line.trim()) continue;
    try {
      rows.push(JSON.parse(line) as AuditRow);
    } catch {
      // a line cut by a crash mid-write: its request got no answer either
    }
  }
  return rows;
}
