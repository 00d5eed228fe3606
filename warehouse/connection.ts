/**
 * Open the DuckDB warehouse, create its schema, and wait a bounded time when another process
 * holds it. DuckDB itself locks the file: a second writer gets a lock error naming the holder's
 * PID, which we turn into a clear message.
 */
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { SCHEMA_SQL, SCHEMA_VERSION } from "./schema.ts";

import { REPO_ROOT } from "../lib/paths.ts";

export { REPO_ROOT };

export function defaultDbPath(): string {
  return resolve(process.env.PLAN_MONITOR_DB ?? resolve(REPO_ROOT, "data/warehouse.duckdb"));
}

export interface Warehouse {
  path: string;
  readOnly: boolean;
  connection: DuckDBConnection;
  close(): Promise<void>;
}

export class WarehouseError extends Error {
  readonly exitCode = 3;
  constructor(
    readonly zh: string,
    readonly en: string,
  ) {
    super(en);
  }
}

export interface OpenOptions {
  readOnly?: boolean;
  /** How long to wait for another process to release the warehouse (ms). Default 30 s, env PLAN_MONITOR_LOCK_WAIT_MS. */
  waitMs?: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function lockHolder(message: string): string | null {
  const m = /PID (\d+)/.exec(message);
  return m ? m[1] : null;
}

/** DuckDB's memory limit: PLAN_MONITOR_MEMORY_LIMIT (e.g. "4GB"), default 1GB. Validated, as it goes into SQL text. */
export function memoryLimit(value = process.env.PLAN_MONITOR_MEMORY_LIMIT): string {
  const v = value?.trim();
  return v && /^\d+(\.\d+)?\s*(KB|MB|GB|TB|KiB|MiB|GiB|TiB)$/i.test(v) ? v : "1GB";
}

/** Open (and, unless read-only, create or migrate) the warehouse at `path`. */
export async function openWarehouse(path: string = defaultDbPath(), opts: OpenOptions = {}): Promise<Warehouse> {
  const readOnly = opts.readOnly ?? false;
  const fromEnv = Number(process.env.PLAN_MONITOR_LOCK_WAIT_MS ?? Number.NaN);
  const waitMs = opts.waitMs ?? (Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 30_000);
  const full = resolve(path);
  if (!readOnly) mkdirSync(dirname(full), { recursive: true });
  const started = Date.now();
  let instance: DuckDBInstance | undefined;
  for (;;) {
    try {
      instance = await DuckDBInstance.create(full, readOnly ? { access_mode: "READ_ONLY" } : {});
      break;
    } catch (error) {
      const message = String((error as Error).message ?? error);
      if (/lock/i.test(message)) {
        if (Date.now() - started < waitMs) {
          await sleep(250);
          continue;
        }
        const pid = lockHolder(message);
        const [zhWait, enWait] =
          waitMs < 1000 ? [`${waitMs} 毫秒`, `${waitMs} ms`] : [`${Math.round(waitMs / 1000)} 秒`, `${Math.round(waitMs / 1000)} s`];
        throw new WarehouseError(
          `仓库 ${full} 正被另一个进程${pid ? `（PID ${pid}）` : ""}使用，等待 ${zhWait}后仍未释放。请等它结束后重试（或用环境变量 PLAN_MONITOR_LOCK_WAIT_MS 设置更长的等待毫秒数），或用 --db 指定另一个仓库。`,
          `the warehouse ${full} is in use by another process${pid ? ` (PID ${pid})` : ""} and was not released within ${enWait}. Wait for it to finish and retry (or wait longer: PLAN_MONITOR_LOCK_WAIT_MS, in ms), or pass --db PATH for another warehouse.`,
        );
      }
      if (readOnly && /does not exist|No such file|Cannot open/i.test(message)) {
        throw new WarehouseError(
          `仓库 ${full} 不存在。请先运行 npm start 或 plan-monitor ingest 导入数据。`,
          `the warehouse ${full} does not exist. Run \`npm start\` or \`plan-monitor ingest\` first.`,
        );
      }
      throw new WarehouseError(
        `无法打开仓库 ${full}：${message}。如文件已损坏，可用 plan-monitor rebuild 从归档重建。`,
        `cannot open the warehouse ${full}: ${message}. If the file is damaged, \`plan-monitor rebuild\` recreates it from the archive.`,
      );
    }
  }
  const connection = await instance.connect();
  // DuckDB's default limit is 80 % of RAM: a national-scale ingest then held 4.9 GiB. With a
  // limit it spills to disk instead (measured: 1.4 GiB peak, ~10 % slower).
  await connection.run(`SET memory_limit = '${memoryLimit()}'`);
  if (!readOnly) {
    await connection.run(SCHEMA_SQL);
    await connection.run("INSERT OR REPLACE INTO meta VALUES ('schema_version', $1)", [String(SCHEMA_VERSION)]);
  }
  return {
    path: full,
    readOnly,
    connection,
    async close() {
      connection.closeSync();
      instance?.closeSync();
    },
  };
}

/** Run `fn` inside one transaction: everything or nothing. */
export async function inTransaction<T>(w: Warehouse, fn: () => Promise<T>): Promise<T> {
  await w.connection.run("BEGIN TRANSACTION");
  try {
    const result = await fn();
    await w.connection.run("COMMIT");
    return result;
  } catch (error) {
    await w.connection.run("ROLLBACK").catch(() => {});
    throw error;
  }
}

/** Rows of a query as plain JS objects (BIGINT as number, DATE/TIMESTAMP as ISO strings). */
export async function queryRows<T = Record<string, unknown>>(w: Warehouse, sql: string, params: unknown[] = []): Promise<T[]> {
  const reader = await w.connection.runAndReadAll(sql, params as never);
  return reader.getRowObjectsJson() as unknown as T[];
}
