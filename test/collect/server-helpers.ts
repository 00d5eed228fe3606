/**
 * Helpers for the submission-page tests: a warehouse with the plan and keys, the real server as a
 * child process (`plan-monitor serve --collect`) on a free loopback port, and uploads over HTTP.
 * Every wait is bounded in time.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { openWarehouse, queryRows } from "../../warehouse/connection.ts";
import { DEMO_DIR, PLAN_FILE, run, tempDir } from "../helpers.ts";
import { type ChildRun, spawnCli } from "../reliability/helpers.ts";

export interface Setup {
  dir: string;
  db: string;
  site: string;
  cleanup: () => void;
}

/** A temp warehouse holding the plan (and one demo file), and a minimal built site to serve. */
export async function setup(): Promise<Setup> {
  const { dir, cleanup } = tempDir("pm-collect-");
  const db = join(dir, "w.duckdb");
  const r = await run("--db", db, "ingest", "--plan", PLAN_FILE, join(DEMO_DIR, "demo-synthetic-2-科技局-long.csv"));
  if (r.code !== 0) throw new Error(`setup ingest failed: ${r.err}`);
  const site = join(dir, "site");
  mkdirSync(site);
  writeFileSync(join(site, "index.html"), "<!doctype html><title>dashboard</title><p>仪表盘 dashboard</p>");
  return { dir, db, site, cleanup };
}

export async function issueKey(db: string, unit: string, ...extra: string[]): Promise<{ id: string; key: string; unit: string }> {
  const r = await run("--db", db, "collect", "keys", "issue", unit, "--format", "json", ...extra);
  if (r.code !== 0) throw new Error(`key issue failed: ${r.err}`);
  return JSON.parse(r.out);
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

export interface Server {
  url: string;
  pid: number;
  child: ReturnType<typeof spawnCli>["child"];
  done: Promise<ChildRun & { signal: NodeJS.Signals | null }>;
  output: () => string;
  stop: () => Promise<void>;
  kill9: () => Promise<void>;
}

/** Start `serve --collect` as a child process; resolves when it listens (at most 60 s). */
export async function startServer(s: Setup, extra: string[] = [], env: Record<string, string> = {}): Promise<Server> {
  const port = await freePort();
  const { child, done } = spawnCli(["--db", s.db, "serve", "--collect", "--dir", s.site, "--port", String(port), ...extra], env);
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const end = Date.now() + 60_000;
  while (!/Submission page: /.test(out)) {
    if (child.exitCode !== null || Date.now() > end) throw new Error(`server did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  const url = `http://127.0.0.1:${port}`;
  const stopWith = async (signal: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await Promise.race([done, new Promise((r) => setTimeout(r, 20_000))]);
  };
  return { url, pid: child.pid ?? -1, child, done, output: () => out, stop: () => stopWith("SIGTERM"), kill9: () => stopWith("SIGKILL") };
}

export interface Upload {
  status: number;
  headers: Headers;
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: a receipt or an error object, read by the test
  json: () => any;
}

/** POST a file to the API with a Bearer key (or none), as multipart/form-data. */
export async function upload(
  url: string,
  key: string | null,
  name: string,
  content: string | Uint8Array,
  fields: Record<string, string> = {},
): Promise<Upload> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append("file", new Blob([typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(content)]), name);
  const res = await fetch(`${url}/api/collect`, {
    method: "POST",
    body: form,
    headers: key === null ? {} : { Authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(120_000),
  });
  const body = await res.text();
  return { status: res.status, headers: res.headers, body, json: () => JSON.parse(body) };
}

export async function get(
  url: string,
  key: string | null,
  cookie?: string,
): Promise<{ status: number; headers: Headers; body: string; bytes: Uint8Array }> {
  const headers: Record<string, string> = {};
  if (key) headers.Authorization = `Bearer ${key}`;
  if (cookie) headers.Cookie = cookie;
  const res = await fetch(url, { headers, redirect: "manual", signal: AbortSignal.timeout(60_000) });
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { status: res.status, headers: res.headers, body: Buffer.from(bytes).toString("utf8"), bytes };
}

/** Query the warehouse (the server must not be in the middle of a write: it waits for the lock). */
export async function query<T = Record<string, unknown>>(db: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const w = await openWarehouse(db, { readOnly: true, waitMs: 30_000 });
  try {
    return await queryRows<T>(w, sql, params);
  } finally {
    await w.close();
  }
}

/** A long-format CSV for a unit's indicator: one row per (year, value). */
export function csv(rows: [string, number, number | string, string][]): string {
  return `指标,年份,数值,单位\n${rows.map((r) => r.join(",")).join("\n")}\n`;
}
