/**
 * The one door to the warehouse for the submission server. Every use opens the warehouse (with
 * a bounded lock wait), does the housekeeping — flush the audit journal, reload the keys, ingest
 * the pending submissions one at a time, oldest first — runs the caller's work, and closes it
 * again, so the CLI can use the warehouse between requests. Uses are serialised by a promise
 * chain: concurrent uploads queue, and none is lost (each is in the inbox before it is queued).
 */
import type { Plan } from "../../domain/plan.ts";
import type { Receipt } from "../../domain/receipt.ts";
import { appendAudit, insertSubmission, type KeyRow, listKeys, submissionExists } from "../../warehouse/submission-page.ts";
import { openWarehouse, type Warehouse, WarehouseError } from "../../warehouse/connection.ts";
import { findPlan } from "../../warehouse/plans.ts";
import { collectIngest, onTime } from "./intake.ts";
import { dropJournal, listPending, type PendingSubmission, removePending, storedPath, takeJournal } from "./inbox.ts";

export interface CollectorOptions {
  dbPath: string;
  inbox: string;
  /** Lock wait for ingesting (ms). */
  lockWaitMs: number;
  deadline: string | null;
  /** Accept returned forms for this period only (null: any period). */
  period?: number | null;
  maxBytes: number;
  /** The swappable ingest (see intake.ts). */
  ingest?: typeof collectIngest;
}

export class Collector {
  keys = new Map<string, KeyRow>();
  keysLoadedAt: number | null = null;
  plan: Plan | null = null;
  private chain: Promise<unknown> = Promise.resolve();
  private retry: NodeJS.Timeout | null = null;
  private readonly done = new Map<string, Receipt>();
  private readonly waiters = new Map<string, ((r: Receipt) => void)[]>();
  closed = false;
  private lastError: string | null = null;

  constructor(readonly opts: CollectorOptions) {}

  /** Run `fn` with the warehouse open, after the housekeeping; null when it stayed busy for `waitMs`. */
  use<T>(waitMs: number, fn: (w: Warehouse, plan: Plan | null) => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    this.inFlight++;
    const run = this.chain.then(() => this.session(waitMs, fn)).finally(() => this.inFlight--);
    this.chain = run.catch(() => {});
    return run;
  }

  /** Sessions running or queued (a key check then uses the keys as last read instead of queueing). */
  inFlight = 0;

  private async session<T>(waitMs: number, fn: (w: Warehouse, plan: Plan | null) => Promise<T>) {
    let w: Warehouse;
    try {
      w = await openWarehouse(this.opts.dbPath, { waitMs });
    } catch (error) {
      if (error instanceof WarehouseError) {
        // Busy (another process holds it) or broken: either way the inbox keeps the uploads; say why once.
        if (error.en !== this.lastError) process.stderr.write(`submission page: ${error.zh}\n  ${error.en}\n`);
        this.lastError = error.en;
        this.scheduleRetry();
        return { ok: false as const };
      }
      throw error;
    }
    try {
      const journal = takeJournal(this.opts.inbox);
      await appendAudit(w, journal.rows);
      dropJournal(journal.files);
      this.plan = await findPlan(w);
      this.keys = new Map((await listKeys(w)).map((k) => [k.id, k]));
      this.keysLoadedAt = Date.now();
      await this.ingestPending(w);
      return { ok: true as const, value: await fn(w, this.plan) };
    } finally {
      await w.close();
    }
  }

  private async ingestPending(w: Warehouse): Promise<void> {
    // Bounded: the submissions present now; later arrivals get their own session.
    for (const p of listPending(this.opts.inbox)) {
      if (this.closed) return;
      const receipt = (await submissionExists(w, p.id)) ? null : await this.ingestOne(w, p);
      removePending(this.opts.inbox, p.id);
      if (receipt) this.finish(receipt);
    }
  }

  private async ingestOne(w: Warehouse, p: PendingSubmission): Promise<Receipt> {
    const plan = this.plan;
    const key = this.keys.get(p.key_id);
    const refused = (code: string, zh: string, en: string): Receipt => ({
      id: p.id,
      plan_id: p.plan_id,
      unit: p.unit,
      unit_zh: p.unit,
      unit_en: p.unit,
      state: "refused",
      file: { name: p.name, sha256: p.sha256, size: p.size },
      received_at: p.received_at,
      processed_at: new Date().toISOString(),
      landed: [],
      rejected: [],
      missing: [],
      deadline: this.opts.deadline,
      on_time: onTime(p.received_at, this.opts.deadline),
      error: { code, zh, en },
    });
    let receipt: Receipt;
    if (!plan || plan.id !== p.plan_id) {
      receipt = refused(
        "PLAN_CHANGED",
        "仓库中的计划已更换，此文件未导入。请联系规划办。",
        "the plan in the warehouse has changed; the file was not ingested. Contact the planning office.",
      );
    } else if (!key || key.unit_id !== p.unit || (key.revoked_at && key.revoked_at <= p.received_at)) {
      // Checked again under the lock: a key revoked before the upload arrived never lands a file.
      receipt = refused(
        "KEY_REVOKED",
        "提交所用的密钥已被吊销，此文件未导入。",
        "the key used for this upload had been revoked; the file was not ingested.",
      );
    } else {
      receipt = await (this.opts.ingest ?? collectIngest)(w, plan, {
        id: p.id,
        path: storedPath(this.opts.inbox, p.sha256),
        name: p.name,
        sha256: p.sha256,
        size: p.size,
        unit: p.unit,
        receivedAt: p.received_at,
        deadline: this.opts.deadline,
        period: this.opts.period ?? null,
        maxBytes: this.opts.maxBytes,
      });
    }
    await insertSubmission(w, {
      id: p.id,
      plan_id: p.plan_id,
      unit_id: p.unit,
      key_id: p.key_id,
      file_sha256: p.sha256,
      file_name: p.name,
      size: p.size,
      client: p.client,
      received_at: p.received_at,
      processed_at: receipt.processed_at ?? new Date().toISOString(),
      state: receipt.state === "landed" ? "landed" : "refused",
      receipt_json: JSON.stringify(receipt),
    });
    return receipt;
  }

  private finish(r: Receipt): void {
    this.done.set(r.id, r);
    if (this.done.size > 1000) this.done.delete(this.done.keys().next().value as string);
    for (const resolve of this.waiters.get(r.id) ?? []) resolve(r);
    this.waiters.delete(r.id);
  }

  /** A receipt this server run produced (no warehouse needed to show it again). */
  recent(id: string): Receipt | null {
    return this.done.get(id) ?? null;
  }

  /** Queue an accepted submission (already in the inbox); its receipt, or null if not ingested within `waitMs`. */
  async submit(id: string, waitMs: number): Promise<Receipt | null> {
    const landed = new Promise<Receipt>((resolve) => {
      this.waiters.set(id, [...(this.waiters.get(id) ?? []), resolve]);
    });
    this.kick(waitMs);
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), waitMs + 2000);
    });
    try {
      return await Promise.race([landed, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Make sure a session will run after the current one (many uploads share one queued session). */
  private kick(waitMs: number): void {
    if (this.queued) return;
    this.queued = true;
    this.inFlight++;
    const run = this.chain
      .then(() => {
        this.queued = false;
        return this.session(waitMs, async () => null);
      })
      .finally(() => this.inFlight--);
    this.chain = run.catch(() => {});
  }
  private queued = false;

  /** Try again later while something is pending and the warehouse was busy. */
  private scheduleRetry(): void {
    if (this.retry || this.closed) return;
    this.retry = setTimeout(() => {
      this.retry = null;
      if (listPending(this.opts.inbox).length > 0) this.kick(this.opts.lockWaitMs);
    }, 2000);
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.retry) clearTimeout(this.retry);
    await this.chain;
  }
}
