/**
 * The routes of the submission page, added to the dashboard's server by `serve --collect`:
 *
 *   GET  /collect                      upload form            POST /collect/upload   form upload (key as a field)
 *   GET  /collect/login                key form (sessions)    POST /collect/login    open a session
 *   GET  /collect/receipts[/ID[.xlsx]] own receipts (session) POST /collect/logout
 *   POST /api/collect                  upload (Bearer key)    GET  /api/collect/receipts[/ID]  own receipts (Bearer)
 *
 * Every response carries a strict CSP, nosniff and no-store; no response ever carries a stack
 * trace. Every request here is written to the audit journal, failed keys included.
 */
import { createHash, randomBytes } from "node:crypto";
import { createWriteStream, rmSync, type WriteStream } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { basename, extname } from "node:path";
import busboy from "busboy";
import type { Receipt } from "../../domain/receipt.ts";
import type { Receipt as CollectionReceipt } from "../../domain/collection.ts";
import { writeReceiptXlsx } from "../../exports/receipt.ts";
import { receiptXlsx } from "../../exports/receipt-xlsx.ts";
import type { AuditRow, KeyRow, SubmissionRow } from "../../warehouse/submission-page.ts";
import { listSubmissions } from "../../warehouse/submission-page.ts";
import { queryRows } from "../../warehouse/connection.ts";
import { type AuthFailure, type AuthResult, Authenticator } from "./auth.ts";
import { Collector } from "./collector.ts";
import { onTime } from "./intake.ts";
import {
  addPending,
  getPending,
  inboxDir,
  isSubmissionId,
  journalAudit,
  keepUpload,
  listPending,
  newSubmissionId,
  partPath,
  sweepParts,
} from "./inbox.ts";
import { errorPage, type Lang, loginForm, type PageContext, receiptList, receiptPage, siteStylesheets, uploadForm } from "./pages.ts";

export const COLLECT_CSP = [
  "default-src 'none'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join("; ");

export interface CollectOptions {
  dbPath: string;
  /** The built dashboard (its stylesheets are reused). */
  siteDir: string | null;
  deadline?: string | null;
  /** Accept returned forms for this period only. */
  period?: number | null;
  /** Largest upload (bytes), checked before the body is read. Default 20 MB. */
  maxUploadBytes?: number;
  /** How long an ingest waits for the warehouse lock (ms). Default PLAN_MONITOR_LOCK_WAIT_MS or 30 s. */
  lockWaitMs?: number;
  /** How long an upload waits for its receipt before answering "pending" (ms). Default 20 s. */
  ackWaitMs?: number;
  /** A key is needed to view the dashboard too. */
  private?: boolean;
  /** Take the client address from X-Forwarded-For (only behind your own reverse proxy). */
  trustProxy?: boolean;
  maxFailures?: number;
}

const MESSAGES: Record<AuthFailure, { status: number; zh: string; en: string }> = {
  none: {
    status: 401,
    zh: "缺少报送密钥。请填写规划办发给本单位的密钥。",
    en: "no submission key. Enter the key the planning office gave your unit.",
  },
  malformed: {
    status: 401,
    zh: "密钥格式不对（应以 pmk_ 开头）。请完整复制规划办发来的密钥。",
    en: "this is not a submission key (it starts with pmk_). Copy the whole key the planning office sent.",
  },
  wrong: {
    status: 401,
    zh: "密钥不正确。请核对后重试，或向规划办申请新密钥。",
    en: "the key is not valid. Check it and retry, or ask the planning office for a new key.",
  },
  revoked: {
    status: 401,
    zh: "此密钥已被吊销。请向规划办申请新密钥。",
    en: "this key has been revoked. Ask the planning office for a new key.",
  },
  expired: { status: 401, zh: "此密钥已过期。请向规划办申请新密钥。", en: "this key has expired. Ask the planning office for a new key." },
  "other-plan": {
    status: 403,
    zh: "此密钥属于另一个计划，不能用于本计划的报送。",
    en: "this key belongs to another plan and cannot submit for this one.",
  },
  busy: {
    status: 503,
    zh: "数据仓库正忙，暂时无法核对密钥。请稍后重试。",
    en: "the warehouse is busy and keys cannot be checked right now. Retry shortly.",
  },
  "rate-limited": {
    status: 429,
    zh: "错误密钥尝试次数过多，请稍后再试。",
    en: "too many attempts with a wrong key from this address; try again later.",
  },
};

const FILE_NAME_MAX = 120;
const ALLOWED_EXT = new Set([".xlsx", ".xls", ".et", ".ods", ".csv", ".tsv", ".txt", ".json"]);

/** A display name from a client's file name: last path segment, no control characters, bounded length. */
export function cleanFileName(raw: string | undefined): string {
  const last = basename(String(raw ?? "").replace(/\\/g, "/"));
  const clean = last.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, "").trim();
  const ext = extname(clean).toLowerCase();
  const safeExt = ALLOWED_EXT.has(ext) ? ext : "";
  const stem = (safeExt ? clean.slice(0, -ext.length) : clean).replace(/^\.+/, "").slice(0, FILE_NAME_MAX) || "upload";
  return `${stem}${safeExt}`;
}

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  path: string;
  lang: Lang;
  client: string;
  audit: Omit<AuditRow, "id" | "at" | "status" | "result" | "client" | "method" | "route">;
}

export class CollectServer {
  readonly collector: Collector;
  readonly auth: Authenticator;
  readonly inbox: string;
  private readonly styles: string[];
  private readonly maxUpload: number;
  private readonly ackWaitMs: number;

  constructor(readonly opts: CollectOptions) {
    this.inbox = inboxDir(opts.dbPath);
    const fromEnv = Number(process.env.PLAN_MONITOR_LOCK_WAIT_MS ?? Number.NaN);
    const lockWaitMs = opts.lockWaitMs ?? (Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 30_000);
    this.maxUpload = opts.maxUploadBytes ?? 20 * 1024 * 1024;
    this.ackWaitMs = opts.ackWaitMs ?? Math.min(lockWaitMs, 20_000);
    this.collector = new Collector({
      dbPath: opts.dbPath,
      inbox: this.inbox,
      lockWaitMs,
      deadline: opts.deadline ?? null,
      period: opts.period ?? null,
      maxBytes: this.maxUpload * 5,
    });
    this.auth = new Authenticator(this.collector, { maxFailures: opts.maxFailures });
    this.styles = siteStylesheets(opts.siteDir);
  }

  /** Sweep half-written uploads, then ingest what a previous run left pending. */
  async start(): Promise<{ swept: number; pending: number }> {
    const swept = sweepParts(this.inbox);
    const pending = listPending(this.inbox).length;
    await this.collector.use(this.collector.opts.lockWaitMs, async () => null);
    return { swept, pending };
  }

  close(): Promise<void> {
    return this.collector.close();
  }

  /** Handle the request when it is ours (or the dashboard is private and it is not allowed); false otherwise. */
  async handle(req: IncomingMessage, res: ServerResponse): Promise<boolean> {
    const url = new URL(req.url ?? "/", "http://localhost");
    const path = url.pathname;
    const mine = path === "/collect" || path.startsWith("/collect/") || path === "/api/collect" || path.startsWith("/api/collect/");
    if (!mine && !this.opts.private) return false;
    const ctx: Ctx = {
      req,
      res,
      path,
      lang: url.searchParams.get("lang") === "en" ? "en" : "zh",
      client: this.clientAddress(req),
      audit: { unit_id: null, key_id: null, file_sha256: null },
    };
    try {
      if (!mine) return await this.gateDashboard(ctx);
      await this.route(ctx, url);
    } catch (error) {
      // Never a stack trace in a response: the planner sees the error in the server's log.
      process.stderr.write(`submission page: ${ctx.req.method} ${path}: ${(error as Error)?.stack ?? error}\n`);
      if (!res.headersSent)
        this.send(ctx, 500, "internal", {
          zh: "服务器内部错误，已记录。请稍后重试或联系规划办。",
          en: "internal server error (logged). Retry later or contact the planning office.",
        });
      else res.destroy();
    }
    return true;
  }

  private clientAddress(req: IncomingMessage): string {
    const direct = req.socket.remoteAddress ?? "unknown";
    if (!this.opts.trustProxy) return direct;
    const forwarded = String(req.headers["x-forwarded-for"] ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    return forwarded.at(-1) ?? direct;
  }

  private headers(extra: Record<string, string> = {}): Record<string, string> {
    return {
      "Content-Security-Policy": COLLECT_CSP,
      "X-Content-Type-Options": "nosniff",
      "X-Frame-Options": "DENY",
      "Referrer-Policy": "same-origin",
      "Cache-Control": "no-store",
      ...extra,
    };
  }

  private record(ctx: Ctx, status: number, result: string): void {
    journalAudit(this.inbox, {
      id: randomBytes(12).toString("hex"),
      at: new Date().toISOString(),
      client: ctx.client.slice(0, 100),
      method: String(ctx.req.method ?? "").slice(0, 10),
      route: ctx.path.slice(0, 200),
      status,
      result: result.slice(0, 200),
      ...ctx.audit,
    });
  }

  private pageCtx(ctx: Ctx, key?: KeyRow | null): PageContext {
    const unit = key ? this.collector.plan?.units.find((u) => u.id === key.unit_id) : null;
    return { lang: ctx.lang, styles: this.styles, path: ctx.path, unit: unit ? { id: unit.id, zh: unit.zh, en: unit.en } : null };
  }

  private isApi(ctx: Ctx) {
    return ctx.path.startsWith("/api/");
  }

  /** Answer with a message (JSON for the API, an HTML page otherwise) and audit it. */
  private send(ctx: Ctx, status: number, result: string, message: { zh: string; en: string }, extra: Record<string, string> = {}): void {
    this.record(ctx, status, result);
    if (this.isApi(ctx)) {
      ctx.res.writeHead(status, this.headers({ "Content-Type": "application/json; charset=utf-8", ...extra }));
      ctx.res.end(JSON.stringify({ error: result, message_zh: message.zh, message_en: message.en }));
    } else {
      ctx.res.writeHead(status, this.headers({ "Content-Type": "text/html; charset=utf-8", ...extra }));
      ctx.res.end(errorPage(this.pageCtx(ctx), status, message));
    }
  }

  private html(ctx: Ctx, status: number, result: string, body: string, extra: Record<string, string> = {}): void {
    this.record(ctx, status, result);
    ctx.res.writeHead(status, this.headers({ "Content-Type": "text/html; charset=utf-8", ...extra }));
    ctx.res.end(body);
  }

  private json(ctx: Ctx, status: number, result: string, value: unknown): void {
    this.record(ctx, status, result);
    ctx.res.writeHead(status, this.headers({ "Content-Type": "application/json; charset=utf-8" }));
    ctx.res.end(JSON.stringify(value));
  }

  private denied(ctx: Ctx, result: AuthResult & { ok: false }): void {
    const m = MESSAGES[result.reason];
    const extra: Record<string, string> = {};
    if (result.reason === "rate-limited") extra["Retry-After"] = String(this.auth.limiter.retryAfter(ctx.client));
    if (m.status === 401 && this.isApi(ctx)) extra["WWW-Authenticate"] = 'Bearer realm="plan-monitor"';
    this.send(ctx, m.status, `auth:${result.reason}`, m, extra);
  }

  private granted(ctx: Ctx, key: KeyRow): void {
    ctx.audit.unit_id = key.unit_id;
    ctx.audit.key_id = key.id;
  }

  private cookie(req: IncomingMessage): string | null {
    const m = /(?:^|;\s*)pm_collect=([A-Za-z0-9_-]{43})(?:;|$)/.exec(String(req.headers.cookie ?? ""));
    return m ? m[1] : null;
  }

  private bearer(req: IncomingMessage): string | null {
    const m = /^Bearer\s+(\S+)$/i.exec(String(req.headers.authorization ?? "").trim());
    return m ? m[1] : null;
  }

  /** The key behind a Bearer header (API) or the session cookie (pages). */
  private async who(ctx: Ctx): Promise<AuthResult> {
    if (this.isApi(ctx)) return this.auth.check(this.bearer(ctx.req), ctx.client);
    const bearer = this.bearer(ctx.req);
    if (bearer) return this.auth.check(bearer, ctx.client);
    return this.auth.session(this.cookie(ctx.req));
  }

  private sessionCookie(ctx: Ctx, key: KeyRow): string {
    const secure = this.opts.trustProxy && ctx.req.headers["x-forwarded-proto"] === "https" ? "; Secure" : "";
    return `pm_collect=${this.auth.openSession(key)}; HttpOnly; SameSite=Strict; Path=/; Max-Age=28800${secure}`;
  }

  private async route(ctx: Ctx, url: URL): Promise<void> {
    const { req, path } = ctx;
    const method = req.method ?? "GET";
    const receipt = /^\/(?:api\/)?collect\/receipts\/([0-9a-f]{16})(\.xlsx)?$/.exec(path);
    if (method === "GET" && (path === "/collect" || path === "/collect/")) {
      return this.html(ctx, 200, "form", uploadForm(this.pageCtx(ctx)));
    }
    if (method === "GET" && path === "/collect/login") {
      return this.html(ctx, 200, "login-form", loginForm(this.pageCtx(ctx), safeNext(url.searchParams.get("next"))));
    }
    if (method === "POST" && !this.isApi(ctx) && !sameOrigin(req)) {
      // A form posted from another site (login CSRF and the like): cookies are SameSite=Strict too.
      drain(req, 64 * 1024);
      return this.send(ctx, 403, "forbidden:cross-origin", {
        zh: "拒绝来自其他网站的表单提交。",
        en: "a form posted from another site is refused.",
      });
    }
    if (method === "POST" && path === "/collect/login") return this.login(ctx);
    if (method === "POST" && path === "/collect/logout") {
      this.auth.closeSession(this.cookie(req));
      this.record(ctx, 303, "logout");
      ctx.res.writeHead(
        303,
        this.headers({ Location: "/collect", "Set-Cookie": "pm_collect=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0" }),
      );
      ctx.res.end();
      return;
    }
    if (method === "POST" && (path === "/api/collect" || path === "/collect/upload")) return this.upload(ctx);
    if (method === "GET" && (path === "/collect/receipts" || path === "/api/collect/receipts")) return this.receipts(ctx);
    if (method === "GET" && receipt) return this.oneReceipt(ctx, receipt[1], Boolean(receipt[2]));
    const known = [
      "/collect",
      "/collect/login",
      "/collect/logout",
      "/collect/upload",
      "/api/collect",
      "/collect/receipts",
      "/api/collect/receipts",
    ];
    if (known.includes(path) || receipt)
      return this.send(ctx, 405, "method-not-allowed", { zh: "不支持此请求方法。", en: "method not allowed." });
    return this.send(ctx, 404, "not-found", { zh: "未找到此页面。", en: "not found." });
  }

  private async gateDashboard(ctx: Ctx): Promise<boolean> {
    // Framework's stylesheets carry no data: the login page needs them.
    if (/^\/_(observablehq|import)\/[^?]*\.css$/.test(ctx.path)) return false;
    const who = await this.who(ctx);
    if (who.ok) return false;
    const next = encodeURIComponent(safeNext(ctx.path));
    this.record(ctx, 303, `private:${who.reason}`);
    ctx.res.writeHead(303, this.headers({ Location: `/collect/login?next=${next}` }));
    ctx.res.end();
    return true;
  }

  private async login(ctx: Ctx): Promise<void> {
    const body = await readSmallBody(ctx.req, 4096);
    if (body === null) return this.send(ctx, 413, "too-large", { zh: "请求过大。", en: "request too large." }, { Connection: "close" });
    const form = new URLSearchParams(body);
    const result = await this.auth.check(form.get("key"), ctx.client);
    if (!result.ok) {
      const m = MESSAGES[result.reason];
      return this.html(ctx, m.status, `auth:${result.reason}`, loginForm(this.pageCtx(ctx), safeNext(form.get("next")), m));
    }
    this.granted(ctx, result.key);
    this.record(ctx, 303, "login");
    const next = safeNext(form.get("next"));
    ctx.res.writeHead(303, this.headers({ Location: next, "Set-Cookie": this.sessionCookie(ctx, result.key) }));
    ctx.res.end();
  }

  private async upload(ctx: Ctx): Promise<void> {
    const { req } = ctx;
    const api = this.isApi(ctx);
    const tooLarge = {
      zh: `文件过大：上限 ${mb(this.maxUpload)}。请删去多余的工作表或行后重试。`,
      en: `the file is too large: the limit is ${mb(this.maxUpload)}. Remove unused sheets or rows and retry.`,
    };
    if (!/^multipart\/form-data;/i.test(String(req.headers["content-type"] ?? ""))) {
      return this.send(
        ctx,
        415,
        "not-multipart",
        { zh: "请以 multipart/form-data 上传，文件放在 file 字段。", en: "send multipart/form-data with the file in the field `file`." },
        { Connection: "close" },
      );
    }
    const declared = Number(req.headers["content-length"] ?? Number.NaN);
    const bodyCap = this.maxUpload + 64 * 1024;
    if (Number.isFinite(declared) && declared > bodyCap) return this.send(ctx, 413, "too-large", tooLarge, { Connection: "close" });
    let key: KeyRow | null = null;
    if (api) {
      const result = await this.auth.check(this.bearer(req), ctx.client);
      if (!result.ok) {
        // Answer at once; read and discard the (size-checked) body so the client sees the answer.
        drain(req, bodyCap);
        return this.denied(ctx, result);
      }
      key = result.key;
      this.granted(ctx, key);
    }
    const parsed = await receiveMultipart(req, this.inbox, this.maxUpload, bodyCap);
    const cleanup = () => parsed.part && rmSync(parsed.part, { force: true });
    if (parsed.error === "too-large") {
      cleanup();
      return this.send(ctx, 413, "too-large", tooLarge, { Connection: "close" });
    }
    if (!api) {
      const result = await this.auth.check(parsed.fields.key, ctx.client);
      if (!result.ok) {
        cleanup();
        return this.denied(ctx, result);
      }
      key = result.key;
      this.granted(ctx, key);
    }
    if (!key) return;
    if (parsed.error || !parsed.part || !parsed.sha256) {
      cleanup();
      return this.send(ctx, 400, `bad-request:${parsed.error ?? "no-file"}`, {
        zh: "请求格式不对：请只上传一个文件，放在 file 字段。",
        en: "malformed upload: send exactly one file, in the field `file`.",
      });
    }
    ctx.audit.file_sha256 = parsed.sha256;
    if (parsed.fields.unit && parsed.fields.unit !== key.unit_id) {
      cleanup();
      return this.send(ctx, 403, "forbidden:other-unit", {
        zh: "此密钥只能报送本单位的数据。",
        en: "this key submits for its own unit only.",
      });
    }
    if (parsed.size === 0) {
      cleanup();
      return this.send(ctx, 400, "empty-file", {
        zh: "文件是空的。请选择填好的填报表。",
        en: "the file is empty. Choose your filled-in return.",
      });
    }
    const plan = this.collector.plan;
    if (!plan) {
      cleanup();
      return this.send(ctx, 503, "no-plan", {
        zh: "仓库中还没有计划，暂不能报送。",
        en: "the warehouse holds no plan yet; submissions cannot be taken.",
      });
    }
    keepUpload(this.inbox, parsed.part, parsed.sha256);
    const id = newSubmissionId();
    const pending = {
      id,
      plan_id: plan.id,
      unit: key.unit_id,
      key_id: key.id,
      sha256: parsed.sha256,
      name: cleanFileName(parsed.fileName),
      size: parsed.size,
      client: ctx.client.slice(0, 100),
      received_at: new Date().toISOString(),
    };
    // Durable before any answer: from here on the submission survives a crash.
    addPending(this.inbox, pending);
    const receipt = (await this.collector.submit(id, this.ackWaitMs)) ?? this.pendingReceipt(pending);
    const status = receipt.state === "landed" ? 200 : receipt.state === "pending" ? 202 : 422;
    const result = receipt.state === "refused" ? `refused:${receipt.error?.code ?? ""}` : receipt.state;
    if (api) return this.json(ctx, status, result, receipt);
    this.html(ctx, status, result, receiptPage(this.pageCtx(ctx, key), receipt), { "Set-Cookie": this.sessionCookie(ctx, key) });
  }

  private pendingReceipt(p: ReturnType<typeof listPending>[number]): Receipt {
    const unit = this.collector.plan?.units.find((u) => u.id === p.unit);
    return {
      id: p.id,
      plan_id: p.plan_id,
      unit: p.unit,
      unit_zh: unit?.zh ?? p.unit,
      unit_en: unit?.en ?? p.unit,
      state: "pending",
      file: { name: p.name, sha256: p.sha256, size: p.size },
      received_at: p.received_at,
      processed_at: null,
      landed: [],
      rejected: [],
      missing: [],
      deadline: this.collector.opts.deadline,
      on_time: onTime(p.received_at, this.collector.opts.deadline),
      error: null,
    };
  }

  private async receipts(ctx: Ctx): Promise<void> {
    const who = await this.who(ctx);
    if (!who.ok) {
      if (!this.isApi(ctx) && (who.reason === "none" || who.reason === "revoked" || who.reason === "expired")) {
        this.record(ctx, 303, `auth:${who.reason}`);
        ctx.res.writeHead(303, this.headers({ Location: `/collect/login?next=${encodeURIComponent(ctx.path)}` }));
        ctx.res.end();
        return;
      }
      return this.denied(ctx, who);
    }
    this.granted(ctx, who.key);
    const unit = who.key.unit_id;
    const stored = await this.collector.use(2000, (w) => listSubmissions(w, unit));
    if (!stored.ok) return this.send(ctx, 503, "busy", MESSAGES.busy);
    const pending = listPending(this.inbox)
      .filter((p) => p.unit === unit)
      .map((p) => this.pendingReceipt(p));
    const done = stored.value.map(toReceipt).filter((r) => !pending.some((p) => p.id === r.id));
    const all = [...pending, ...done];
    if (this.isApi(ctx)) return this.json(ctx, 200, "receipts", all);
    this.html(ctx, 200, "receipts", receiptList(this.pageCtx(ctx, who.key), all));
  }

  private async oneReceipt(ctx: Ctx, id: string, xlsx: boolean): Promise<void> {
    const who = await this.who(ctx);
    if (!who.ok) return this.denied(ctx, who);
    this.granted(ctx, who.key);
    if (!isSubmissionId(id)) return this.send(ctx, 404, "not-found", { zh: "没有这张回执。", en: "no such receipt." });
    const pending = getPending(this.inbox, id);
    let receipt: Receipt | null = pending ? this.pendingReceipt(pending) : this.collector.recent(id);
    if (!receipt) {
      const stored = await this.collector.use(2000, (w) =>
        queryRows<SubmissionRow>(w, "SELECT unit_id, receipt_json FROM collection_uploads WHERE id = $1", [id]),
      );
      if (!stored.ok) return this.send(ctx, 503, "busy", MESSAGES.busy);
      // It may have landed while we looked.
      receipt = stored.value[0] ? toReceipt(stored.value[0]) : null;
    }
    if (!receipt) return this.send(ctx, 404, "not-found", { zh: "没有这张回执。", en: "no such receipt." });
    if (receipt.unit !== who.key.unit_id) {
      return this.send(ctx, 403, "forbidden:other-unit", {
        zh: "这张回执属于另一个单位，无权查看。",
        en: "this receipt belongs to another unit.",
      });
    }
    ctx.audit.file_sha256 = receipt.file.sha256;
    if (this.isApi(ctx)) return this.json(ctx, 200, "receipt", receipt);
    if (xlsx) {
      // A returned 填报表 gets the collection round trip's own receipt workbook.
      const collection = receipt.template?.receipt as CollectionReceipt | undefined;
      const bytes = collection ? await writeReceiptXlsx(collection, ctx.lang) : await receiptXlsx(receipt);
      this.record(ctx, 200, "receipt-xlsx");
      ctx.res.writeHead(
        200,
        this.headers({
          "Content-Type": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
          "Content-Disposition": `attachment; filename="receipt-${receipt.id}.xlsx"`,
          "Content-Length": String(bytes.byteLength),
        }),
      );
      ctx.res.end(bytes);
      return;
    }
    this.html(ctx, 200, "receipt", receiptPage(this.pageCtx(ctx, who.key), receipt));
  }
}

function toReceipt(row: Pick<SubmissionRow, "receipt_json">): Receipt {
  return JSON.parse(row.receipt_json) as Receipt;
}

const mb = (n: number) => (n < 1024 * 1024 ? `${n} bytes` : `${(n / 1024 / 1024).toFixed(0)} MB`);

/**
 * Whether a browser's Origin header (when it sends one) names this server's own host. The pages
 * send `Referrer-Policy: same-origin`, so a browser names the real origin of its own forms
 * (under no-referrer it would send "null", which is refused like any other origin).
 */
export function sameOrigin(req: IncomingMessage): boolean {
  const origin = req.headers.origin;
  if (!origin) return true;
  try {
    return new URL(origin).host === req.headers.host;
  } catch {
    return false;
  }
}

/** Where to go after signing in: a path on this site only. */
export function safeNext(raw: string | null): string {
  const next = raw ?? "";
  return /^\/(?![/\\])[^\s\\]*$/.test(next) && !next.startsWith("/collect/login") ? next : "/collect/receipts";
}

/** Read and discard a body, at most `cap` bytes (then the connection is cut). */
function drain(req: IncomingMessage, cap: number): void {
  let seen = 0;
  req.on("data", (c: Buffer) => {
    seen += c.length;
    if (seen > cap) req.destroy();
  });
  req.on("error", () => {});
  req.resume();
}

/** A small urlencoded body, or null when it is over `max` bytes. */
function readSmallBody(req: IncomingMessage, max: number): Promise<string | null> {
  return new Promise((resolve) => {
    const declared = Number(req.headers["content-length"] ?? 0);
    if (declared > max) return resolve(null);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > max) {
        resolve(null);
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", () => resolve(null));
  });
}

interface Multipart {
  fields: Record<string, string>;
  part: string | null;
  sha256: string | null;
  size: number;
  fileName: string | undefined;
  error: "too-large" | "extra-file" | "bad-field" | "malformed" | null;
}

/**
 * Parse a multipart body with busboy, writing the one file (field `file`) to a temporary inbox
 * name while hashing it. The raw body is capped at `bodyCap` bytes and the file at `maxFile`.
 */
function receiveMultipart(req: IncomingMessage, inbox: string, maxFile: number, bodyCap: number): Promise<Multipart> {
  const out: Multipart = { fields: {}, part: null, sha256: null, size: 0, fileName: undefined, error: null };
  return new Promise((resolve) => {
    let settled = false;
    let writing: Promise<void> = Promise.resolve();
    const sinks: WriteStream[] = [];
    const finish = (error?: Multipart["error"]) => {
      if (settled) return;
      if (error) out.error = error;
      settled = true;
      if (error) {
        // Stop at once: the partial file is deleted by the caller.
        for (const s of sinks) s.destroy();
        resolve(out);
        return;
      }
      writing.then(
        () => resolve(out),
        () => resolve({ ...out, error: out.error ?? "malformed" }),
      );
    };
    let bb: busboy.Busboy;
    try {
      bb = busboy({
        headers: req.headers,
        limits: { files: 1, fileSize: maxFile, fields: 4, fieldSize: 4096, parts: 6, headerPairs: 20, fieldNameSize: 50 },
        defParamCharset: "utf8",
      });
    } catch {
      finish("malformed");
      return;
    }
    let received = 0;
    req.on("data", (c: Buffer) => {
      received += c.length;
      if (received > bodyCap) {
        req.unpipe(bb);
        finish("too-large");
      }
    });
    bb.on("field", (name, value, info) => {
      if (info.valueTruncated || !["key", "unit"].includes(name)) out.error ??= "bad-field";
      else out.fields[name] = value;
    });
    bb.on("file", (name, stream, info) => {
      stream.on("error", () => {});
      if (name !== "file" || out.part) {
        out.error ??= "extra-file";
        stream.resume();
        return;
      }
      out.fileName = info.filename;
      const part = partPath(inbox);
      out.part = part;
      const hash = createHash("sha256");
      const sink = createWriteStream(part, { mode: 0o600 });
      sinks.push(sink);
      let open = true;
      stream.on("data", (c: Buffer) => {
        if (!open) return;
        hash.update(c);
        out.size += c.length;
      });
      stream.on("limit", () => {
        out.error = "too-large";
      });
      stream.on("error", () => {
        out.error ??= "malformed";
        sink.destroy();
      });
      writing = new Promise<void>((done, fail) => {
        sink.on("close", () => {
          if (open) out.sha256 = hash.digest("hex");
          open = false;
          stream.unpipe(sink);
          stream.resume();
          done();
        });
        sink.on("error", fail);
      });
      writing.catch(() => {});
      stream.pipe(sink);
    });
    bb.on("filesLimit", () => {
      out.error ??= "extra-file";
    });
    bb.on("partsLimit", () => {
      out.error ??= "malformed";
    });
    bb.on("error", () => finish("malformed"));
    bb.on("close", () => finish());
    req.on("aborted", () => finish("malformed"));
    req.pipe(bb);
  });
}
