/**
 * Backup and restore: the whole warehouse as Parquet (one file per table) plus a manifest
 * with each table's row count, so a restore can be checked.
 */
import { sqlString } from "../lib/sql.ts";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { queryRows, runnerFor, type Warehouse, WarehouseError } from "./connection.ts";
import { applyMigrations, checkNotNewer } from "./migrate.ts";
import { SCHEMA_VERSION } from "./migrations/index.ts";

/** The warehouse's own tables (every base table the schema creates, records and derived figures included). */
const TABLES_SQL = "SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary ORDER BY table_name";

async function tableNames(run: (sql: string) => Promise<{ table_name: string }[]>): Promise<string[]> {
  return (await run(TABLES_SQL)).map((r) => r.table_name);
}

export interface BackupManifest {
  format: "plan-monitor-backup";
  schema_version: number;
  created_at: string;
  tables: Record<string, number>;
}

/** SQL string literal for a file path (paths come from the command line, never from data files). */
const literal = sqlString;

async function counts(w: Warehouse, tables: string[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const [{ n }] = await queryRows<{ n: number }>(w, `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${t}`);
    out[t] = n;
  }
  return out;
}

/** Write the warehouse to `dir` (created; must be empty or absent). */
export async function backupWarehouse(w: Warehouse, dir: string): Promise<BackupManifest> {
  const target = resolve(dir);
  if (existsSync(target) && readdirNonEmpty(target)) {
    throw new WarehouseError(`备份目录 ${target} 不是空的。请指定新目录。`, `the backup folder ${target} is not empty; name a new folder.`);
  }
  const tmp = `${target}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(dirname(target), { recursive: true });
  mkdirSync(tmp, { recursive: true });
  const tables = await tableNames((sql) => queryRows(w, sql));
  for (const table of tables) {
    await w.connection.run(`COPY ${table} TO ${literal(join(tmp, `${table}.parquet`))} (FORMAT parquet)`);
  }
  const manifest: BackupManifest = {
    format: "plan-monitor-backup",
    schema_version: SCHEMA_VERSION,
    created_at: new Date().toISOString(),
    tables: await counts(w, tables),
  };
  // The whole folder is renamed into place below, so a plain write is enough here.
  writeFileSync(join(tmp, "manifest.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(target, { recursive: true, force: true });
  renameSync(tmp, target);
  return manifest;
}

/** The manifest's schema version: a whole number from 1 to this version's. */
function backupVersion(manifest: BackupManifest, manifestPath: string): number {
  const v = manifest.schema_version;
  if (!Number.isInteger(v) || v < 1) {
    throw new WarehouseError(
      `${manifestPath} 的结构版本 ${JSON.stringify(v)} 无效。请换用 plan-monitor backup 生成的备份。`,
      `${manifestPath} has no valid schema version (${JSON.stringify(v)}). Use a backup written by plan-monitor backup.`,
    );
  }
  checkNotNewer(v, manifestPath);
  return v;
}

function readdirNonEmpty(dir: string): boolean {
  try {
    return readdirSync(dir).length > 0;
  } catch {
    return false;
  }
}

/**
 * Restore a backup into a new warehouse file at `dbPath`. The restored file is built under a
 * temporary name at the backup's schema version, filled, checked against the manifest's row
 * counts, upgraded to this version's schema, then renamed into place; an existing warehouse is
 * kept as `<db>.before-restore`. A backup made by a newer plan-monitor is refused.
 */
export async function restoreWarehouse(dir: string, dbPath: string): Promise<BackupManifest> {
  const source = resolve(dir);
  const manifestPath = join(source, "manifest.json");
  if (!existsSync(manifestPath)) {
    throw new WarehouseError(
      `${source} 不是 plan-monitor 备份（缺少 manifest.json）。`,
      `${source} is not a plan-monitor backup (manifest.json is missing).`,
    );
  }
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(readFileSync(manifestPath, "utf8")) as BackupManifest;
  } catch (error) {
    throw new WarehouseError(
      `${manifestPath} 已损坏，无法读取（${(error as Error).message}）。请换用另一份完整的备份。`,
      `${manifestPath} is damaged (${(error as Error).message}); use another, complete backup.`,
    );
  }
  if (manifest?.format !== "plan-monitor-backup") {
    throw new WarehouseError(`${manifestPath} 不是 plan-monitor 备份清单。`, `${manifestPath} is not a plan-monitor backup manifest.`);
  }
  const version = backupVersion(manifest, manifestPath);
  const full = resolve(dbPath);
  const tmp = `${full}.restore-${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  mkdirSync(dirname(full), { recursive: true });
  const instance = await DuckDBInstance.create(tmp);
  const connection = await instance.connect();
  const close = () => {
    connection.closeSync();
    instance.closeSync();
  };
  await applyMigrations(runnerFor(connection), 0, version);
  // The manifest is input: its table names go into SQL below, so only the tables this version's
  // schema creates (read from the fresh database, not from the manifest) pass.
  const known = new Set(
    await tableNames(async (sql) => (await connection.runAndReadAll(sql)).getRowObjectsJson() as unknown as { table_name: string }[]),
  );
  const tables = manifest.tables && typeof manifest.tables === "object" ? Object.entries(manifest.tables) : [];
  const odd = tables.filter(([t, n]) => !known.has(t) || typeof n !== "number").map(([t]) => t);
  if (odd.length > 0 || tables.length === 0) {
    close();
    rmSync(tmp, { force: true });
    throw new WarehouseError(
      `${manifestPath} 不是有效的 plan-monitor 备份清单：未知的表 ${odd.map((t) => JSON.stringify(t)).join("、") || "（无）"}。请换用 plan-monitor backup 生成的备份。`,
      `${manifestPath} is not a valid plan-monitor backup manifest: unknown tables ${odd.map((t) => JSON.stringify(t)).join(", ") || "(none)"}. Use a backup written by plan-monitor backup.`,
    );
  }
  try {
    for (const [table] of tables) {
      const file = join(source, `${table}.parquet`);
      if (!existsSync(file)) throw new WarehouseError(`备份不完整：缺少 ${file}。`, `the backup is incomplete: ${file} is missing.`);
      try {
        // The fresh database already holds its own meta and schema_history rows: the backup's replace them.
        await connection.run(`DELETE FROM ${table}`);
        await connection.run(`INSERT INTO ${table} SELECT * FROM read_parquet(${literal(file)})`);
      } catch (error) {
        throw new WarehouseError(
          `备份文件 ${file} 已损坏或与表 ${table} 不符（${(error as Error).message}）。请换用另一份完整的备份。`,
          `the backup file ${file} is damaged or does not fit table ${table} (${(error as Error).message}); use another, complete backup.`,
        );
      }
    }
    for (const [table, expected] of tables) {
      const reader = await connection.runAndReadAll(`SELECT CAST(count(*) AS DOUBLE) AS n FROM ${table}`);
      const n = (reader.getRowObjectsJson()[0] as { n: number }).n;
      if (n !== expected) {
        throw new WarehouseError(
          `备份不完整：表 ${table} 应有 ${expected} 行，实际 ${n} 行。`,
          `the backup is incomplete: table ${table} should have ${expected} rows, found ${n}.`,
        );
      }
    }
    await applyMigrations(runnerFor(connection), version);
    await connection.run("CHECKPOINT");
  } catch (error) {
    close();
    rmSync(tmp, { force: true });
    throw error;
  }
  close();
  if (existsSync(full)) renameSync(full, `${full}.before-restore`);
  rmSync(`${full}.wal`, { force: true });
  renameSync(tmp, full);
  return manifest;
}
