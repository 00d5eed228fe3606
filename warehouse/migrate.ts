/**
 * Versioned schema migrations. The version a warehouse is at lives in `meta.schema_version`;
 * opening it applies the missing migrations (warehouse/migrations/) in one transaction, so a
 * warehouse is either at its old version or at the new one, never in between. A warehouse made
 * by a newer plan-monitor is refused: this code cannot know what its tables mean.
 *
 * @example
 *   const from = await schemaVersion(run);          // 0 for a new, empty file
 *   await applyMigrations(run, from, SCHEMA_VERSION);
 */
import { WarehouseError } from "./errors.ts";
import { MIGRATIONS, type Migration, SCHEMA_VERSION } from "./migrations/index.ts";

/** Runs one SQL text and returns its rows as plain objects. */
export type Runner = (sql: string, params?: unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * The warehouse's schema version: `meta.schema_version`; 0 for an empty database; 1 for one
 * with plan-monitor's tables but no version (none was ever written that way, but be safe).
 */
export async function schemaVersion(run: Runner): Promise<number> {
  const tables = await run("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' AND NOT temporary");
  const names = new Set(tables.map((r) => String(r.table_name)));
  if (!names.has("meta")) return names.has("plans") ? 1 : 0;
  const rows = await run("SELECT value FROM meta WHERE key = 'schema_version'");
  if (rows.length === 0) return names.has("plans") ? 1 : 0;
  const version = Number(rows[0].value);
  if (!Number.isInteger(version) || version < 0) {
    throw new WarehouseError(
      `仓库的结构版本 ${JSON.stringify(rows[0].value)} 无法识别。请用 plan-monitor restore 从备份恢复，或用 plan-monitor rebuild 从归档重建。`,
      `the warehouse's schema version ${JSON.stringify(rows[0].value)} is not a version. Restore a backup (plan-monitor restore) or rebuild from the archive (plan-monitor rebuild).`,
    );
  }
  return version;
}

/** Refuse a warehouse (or backup) made by a newer plan-monitor; `what` names it, e.g. its path. */
export function checkNotNewer(version: number, what: string): void {
  if (version <= SCHEMA_VERSION) return;
  throw new WarehouseError(
    `${what} 由较新版本的 plan-monitor 创建（结构版本 ${version}，本版本最高支持 ${SCHEMA_VERSION}）。请升级 plan-monitor 后再打开；本程序未改动它。`,
    `${what} was made by a newer plan-monitor (schema version ${version}; this version knows up to ${SCHEMA_VERSION}). Upgrade plan-monitor to open it; nothing was changed.`,
  );
}

/** The migrations that take a warehouse from version `from` to version `to`, oldest first. */
export function pendingMigrations(from: number, to: number = SCHEMA_VERSION): Migration[] {
  return MIGRATIONS.filter((m) => m.version > from && m.version <= to);
}

/**
 * Apply the migrations after `from` up to `to`, and record the version, in one transaction.
 * Returns the migrations applied.
 */
export async function applyMigrations(run: Runner, from: number, to: number = SCHEMA_VERSION): Promise<Migration[]> {
  checkNotNewer(from, "the warehouse");
  const pending = pendingMigrations(from, to);
  if (pending.length === 0) return [];
  await run("BEGIN TRANSACTION");
  try {
    for (const m of pending) await run(m.sql);
    if (pending[pending.length - 1].version >= 2) {
      for (const m of pending) {
        await run("INSERT OR REPLACE INTO schema_history VALUES ($1, $2, current_timestamp)", [m.version, m.name]);
      }
    }
    await run("CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)");
    await run("INSERT OR REPLACE INTO meta VALUES ('schema_version', $1)", [String(pending[pending.length - 1].version)]);
    await run("COMMIT");
  } catch (error) {
    await run("ROLLBACK").catch(() => {});
    throw error;
  }
  return pending;
}
