/**
 * Open the DuckDB warehouse, create its schema, and wait a bounded time when another process
 * holds it. DuckDB itself locks the file: a second writer gets a lock error naming the holder's
 * PID, which we turn into a clear message.
 */
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { WarehouseError } from "./errors.ts";
import { applyMigrations, checkNotNewer, type Runner, schemaVersion } from "./migrate.ts";
import { SCHEMA_VERSION } from "./migrations/index.ts";

import { REPO_ROOT } from "../lib/paths.ts";

export { REPO_ROOT };

export function defaultDbPath(): string {
  return resolve(process.env.PLAN_MONITOR_DB ?? resolve(REPO_ROOT, "data/warehouse.duckdb"));
}

export { WarehouseError } from "./errors.ts";

export interface Warehouse {
  path: string;
  readOnly: boolean;
  connection: DuckDBConnection;
  close(): Promise<void>;
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

interface Opened {
  instance: DuckDBInstance;
  connection: DuckDBConnection;
}

/** Open the DuckDB file, waiting up to `waitMs` while another process holds its lock. */
async function openInstance(full: string, readOnly: boolean, waitMs: number): Promise<Opened> {
  const started = Date.now();
  for (;;) {
    try {
      const instance = await DuckDBInstance.create(full, readOnly ? { access_mode: "READ_ONLY" } : {});
      const connection = await instance.connect();
      // DuckDB's default limit is 80 % of RAM: a national-scale ingest then held 4.9 GiB. With a
      // limit it spills to disk instead (measured: 1.4 GiB peak, ~10 % slower).
      await connection.run(`SET memory_limit = '${memoryLimit()}'`);
      return { instance, connection };
    } catch (error) {
      const message = String((error as Error).message ?? error);
      if (/lock/i.test(message) && Date.now() - started < waitMs) {
        await sleep(250);
        continue;
      }
      throw openError(full, message, readOnly, waitMs);
    }
  }
}

function openError(full: string, message: string, readOnly: boolean, waitMs: number): WarehouseError {
  if (/lock/i.test(message)) {
    const pid = lockHolder(message);
    const [zhWait, enWait] =
      waitMs < 1000 ? [`${waitMs} 毫秒`, `${waitMs} ms`] : [`${Math.round(waitMs / 1000)} 秒`, `${Math.round(waitMs / 1000)} s`];
    return new WarehouseError(
      `仓库 ${full} 正被另一个进程${pid ? `（PID ${pid}）` : ""}使用，等待 ${zhWait}后仍未释放。请等它结束后重试（或用环境变量 PLAN_MONITOR_LOCK_WAIT_MS 设置更长的等待毫秒数），或用 --db 指定另一个仓库。`,
      `the warehouse ${full} is in use by another process${pid ? ` (PID ${pid})` : ""} and was not released within ${enWait}. Wait for it to finish and retry (or wait longer: PLAN_MONITOR_LOCK_WAIT_MS, in ms), or pass --db PATH for another warehouse.`,
    );
  }
  if (readOnly && /does not exist|No such file|Cannot open/i.test(message)) {
    return new WarehouseError(
      `仓库 ${full} 不存在。请先运行 npm start 或 plan-monitor ingest 导入数据。`,
      `the warehouse ${full} does not exist. Run \`npm start\` or \`plan-monitor ingest\` first.`,
    );
  }
  return new WarehouseError(
    `无法打开仓库 ${full}：${message}。如文件已损坏，可用 plan-monitor rebuild 从归档重建。`,
    `cannot open the warehouse ${full}: ${message}. If the file is damaged, \`plan-monitor rebuild\` recreates it from the archive.`,
  );
}

/** A Runner (see migrate.ts) over one connection. */
export function runnerFor(connection: DuckDBConnection): Runner {
  return async (sql, params = []) => {
    const reader = await connection.runAndReadAll(sql, params as never);
    return reader.getRowObjectsJson() as Record<string, unknown>[];
  };
}

const closeOpened = (o: Opened) => {
  o.connection.closeSync();
  o.instance.closeSync();
};

/**
 * Bring the warehouse at `full` to SCHEMA_VERSION. A warehouse that holds data is first copied,
 * untouched, to `<file>.before-migration-v<old>`; the upgrade itself is one transaction.
 */
async function upgrade(opened: Opened, full: string, waitMs: number): Promise<Opened> {
  const from = await schemaVersion(runnerFor(opened.connection));
  checkNotNewer(from, full);
  if (from === SCHEMA_VERSION) return opened;
  if (from === 0) {
    await applyMigrations(runnerFor(opened.connection), 0);
    return opened;
  }
  await opened.connection.run("CHECKPOINT");
  closeOpened(opened);
  const copy = `${full}.before-migration-v${from}`;
  if (!existsSync(copy)) {
    copyFileSync(full, `${copy}.tmp`);
    rmSync(copy, { force: true });
    copyFileSync(`${copy}.tmp`, copy);
    rmSync(`${copy}.tmp`, { force: true });
  }
  const reopened = await openInstance(full, false, waitMs);
  try {
    await applyMigrations(runnerFor(reopened.connection), await schemaVersion(runnerFor(reopened.connection)));
  } catch (error) {
    closeOpened(reopened);
    throw new WarehouseError(
      `仓库 ${full} 升级到结构版本 ${SCHEMA_VERSION} 失败（${(error as Error).message}），未作任何改动；升级前的副本在 ${copy}。请用 --verbose 重试并报告此问题。`,
      `upgrading the warehouse ${full} to schema version ${SCHEMA_VERSION} failed (${(error as Error).message}); nothing was changed, and a copy from before is at ${copy}. Retry with --verbose and report it.`,
    );
  }
  return reopened;
}

/**
 * Open the warehouse at `path`, creating it or upgrading its schema when needed (warehouse/
 * migrate.ts). A read-only open of an older warehouse upgrades it first, then opens it read-only.
 */
export async function openWarehouse(path: string = defaultDbPath(), opts: OpenOptions = {}): Promise<Warehouse> {
  const readOnly = opts.readOnly ?? false;
  const fromEnv = Number(process.env.PLAN_MONITOR_LOCK_WAIT_MS ?? Number.NaN);
  const waitMs = opts.waitMs ?? (Number.isFinite(fromEnv) && fromEnv >= 0 ? fromEnv : 30_000);
  const full = resolve(path);
  if (!readOnly) mkdirSync(dirname(full), { recursive: true });
  let opened = await openInstance(full, readOnly, waitMs);
  if (readOnly) {
    const version = await schemaVersion(runnerFor(opened.connection));
    checkNotNewer(version, full);
    if (version < SCHEMA_VERSION) {
      closeOpened(opened);
      await (await openWarehouse(full, { ...opts, readOnly: false })).close();
      opened = await openInstance(full, true, waitMs);
    }
  } else {
    opened = await upgrade(opened, full, waitMs);
  }
  const { instance, connection } = opened;
  return {
    path: full,
    readOnly,
    connection,
    async close() {
      connection.closeSync();
      instance.closeSync();
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
