/**
 * Who is asking: a submission key checked against the keys the collector last read from the
 * warehouse (refreshed on every use of the warehouse, and before a check when older than
 * `freshMs`), a per-address limit on failed keys, and browser sessions (an HttpOnly,
 * SameSite=Strict cookie) so a unit can read its own receipts after it has entered its key once.
 */
import { randomBytes } from "node:crypto";
import type { KeyRow } from "../../warehouse/submission-page.ts";
import type { Collector } from "./collector.ts";
import { parseKey, verifySecret } from "./keys.ts";

export type AuthFailure = "none" | "malformed" | "wrong" | "revoked" | "expired" | "other-plan" | "busy" | "rate-limited";

export type AuthResult = { ok: true; key: KeyRow } | { ok: false; reason: AuthFailure };

/** Today's date in China Standard Time (a key is valid through its expiry day). */
export function todayCst(now = Date.now()): string {
  return new Date(now + 8 * 3600_000).toISOString().slice(0, 10);
}

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  constructor(
    readonly max = 10,
    readonly windowMs = 15 * 60_000,
  ) {}

  private recent(addr: string, now: number): number[] {
    const list = (this.failures.get(addr) ?? []).filter((t) => now - t < this.windowMs);
    if (list.length) this.failures.set(addr, list);
    else this.failures.delete(addr);
    return list;
  }

  blocked(addr: string, now = Date.now()): boolean {
    return this.recent(addr, now).length >= this.max;
  }

  /** Seconds until the address may try again. */
  retryAfter(addr: string, now = Date.now()): number {
    const list = this.recent(addr, now);
    return list.length ? Math.max(1, Math.ceil((list[0] + this.windowMs - now) / 1000)) : 0;
  }

  fail(addr: string, now = Date.now()): void {
    // Bounded memory: forget the oldest addresses past 10,000.
    if (!this.failures.has(addr) && this.failures.size >= 10_000) this.failures.delete(this.failures.keys().next().value as string);
    this.failures.set(addr, [...this.recent(addr, now), now].slice(-this.max));
  }
}

export class Authenticator {
  readonly limiter: FailureLimiter;
  private readonly sessions = new Map<string, { keyId: string; expires: number }>();

  constructor(
    private readonly collector: Collector,
    opts: { maxFailures?: number; windowMs?: number; freshMs?: number; refreshWaitMs?: number } = {},
  ) {
    this.limiter = new FailureLimiter(opts.maxFailures, opts.windowMs);
    this.freshMs = opts.freshMs ?? 2000;
    this.refreshWaitMs = opts.refreshWaitMs ?? 1000;
  }
  private readonly freshMs: number;
  private readonly refreshWaitMs: number;

  /**
   * Re-read the keys when the copy is older than `freshMs`. While the collector is using the
   * warehouse (an ingest, or waiting for a busy warehouse) the copy it read last is used: a key
   * check never queues behind an ingest. Each ingest re-checks its key under the lock anyway.
   */
  private async freshKeys(): Promise<void> {
    const at = this.collector.keysLoadedAt;
    if (at !== null && (Date.now() - at <= this.freshMs || this.collector.inFlight > 0)) return;
    await this.collector.use(this.refreshWaitMs, async () => null);
  }

  /** Check a key; failures are counted against `addr`. */
  async check(raw: string | null | undefined, addr: string): Promise<AuthResult> {
    if (this.limiter.blocked(addr)) return { ok: false, reason: "rate-limited" };
    const result = await this.verify(raw);
    if (!result.ok && result.reason !== "busy") this.limiter.fail(addr);
    return result;
  }

  private async verify(raw: string | null | undefined): Promise<AuthResult> {
    if (!raw?.trim()) return { ok: false, reason: "none" };
    const parsed = parseKey(raw);
    if (!parsed) return { ok: false, reason: "malformed" };
    await this.freshKeys();
    if (this.collector.keysLoadedAt === null) return { ok: false, reason: "busy" };
    const row = this.collector.keys.get(parsed.id) ?? null;
    if (!(await verifySecret(parsed.secret, row?.hash ?? null)) || !row) return { ok: false, reason: "wrong" };
    return this.stillValid(row);
  }

  private stillValid(row: KeyRow): AuthResult {
    if (row.revoked_at) return { ok: false, reason: "revoked" };
    if (row.expires && todayCst() > row.expires) return { ok: false, reason: "expired" };
    if (this.collector.plan && row.plan_id !== this.collector.plan.id) return { ok: false, reason: "other-plan" };
    return { ok: true, key: row };
  }

  /** A session for a checked key (8 hours). */
  openSession(key: KeyRow): string {
    const token = randomBytes(32).toString("base64url");
    if (this.sessions.size >= 10_000) this.sessions.delete(this.sessions.keys().next().value as string);
    this.sessions.set(token, { keyId: key.id, expires: Date.now() + 8 * 3600_000 });
    return token;
  }

  closeSession(token: string | null): void {
    if (token) this.sessions.delete(token);
  }

  /** The key behind a session cookie, re-checked (a revoked or expired key ends its sessions). */
  async session(token: string | null): Promise<AuthResult> {
    const s = token ? this.sessions.get(token) : undefined;
    if (!s || s.expires < Date.now()) return { ok: false, reason: "none" };
    await this.freshKeys();
    const row = this.collector.keys.get(s.keyId);
    if (!row) return { ok: false, reason: "revoked" };
    const result = this.stillValid(row);
    if (!result.ok) this.sessions.delete(token as string);
    return result;
  }
}
