/**
 * Schema migrations: a warehouse made by version 1 (generated here from the frozen v1 SQL, not
 * committed as a binary) opens with the current code, its data intact; a newer one is refused.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { backupWarehouse, restoreWarehouse } from "../../warehouse/backup.ts";
import { openWarehouse, queryRows, WarehouseError } from "../../warehouse/connection.ts";
import { pendingMigrations } from "../../warehouse/migrate.ts";
import { baseline } from "../../warehouse/migrations/001-baseline.ts";
import { MIGRATIONS, SCHEMA_VERSION } from "../../warehouse/migrations/index.ts";

let dir: string;
let db: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "pm-migrate-"));
  db = join(dir, "w.duckdb");
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A warehouse as plan-monitor 0.1 (schema version 1) left it: one plan, one observation, one record file. */
async function makeV1(path: string, version = "1"): Promise<void> {
  const instance = await DuckDBInstance.create(path);
  const c = await instance.connect();
  await c.run(baseline.sql);
  await c.run("INSERT INTO meta VALUES ('schema_version', $1)", [version]);
  await c.run(`INSERT INTO plans VALUES ('p', '计划', 'Plan', '文号', '2019-01-15', '210281', '瓦房店市', 'Wafangdian',
    2017, 2018, 2020, true, '{}', NULL, 'abc', TIMESTAMP '2026-11-01 00:00:00')`);
  await c.run(`INSERT INTO observations VALUES (1, 'p', 'rd', '210281', 2019, 7.5, '亿元', 'final', DATE '2020-03-01',
    '统计局', NULL, 'f1', 2, TIMESTAMP '2026-11-01 00:00:00')`);
  await c.run(`INSERT INTO record_files (file_no, sha256, kind, plan_id, path, name, size, format, ingested_at, rows_read,
    accepted, rejected, duplicates, unchanged, superseded, synthetic) VALUES
    (1, 'r1', 'contracts', 'p', '/x.csv', 'x.csv', 10, 'csv', TIMESTAMP '2026-11-01 00:00:00', 1, 1, 0, 0, 0, 0, true)`);
  c.closeSync();
  instance.closeSync();
}

const version = async (path: string) => {
  const w = await openWarehouse(path, { readOnly: true, waitMs: 0 });
  try {
    return Number((await queryRows<{ value: string }>(w, "SELECT value FROM meta WHERE key = 'schema_version'"))[0].value);
  } finally {
    await w.close();
  }
};

describe("migrations", () => {
  it("are listed oldest first with unique versions, starting at the frozen baseline", () => {
    const versions = MIGRATIONS.map((m) => m.version);
    expect(versions[0]).toBe(1);
    expect([...versions].sort((a, b) => a - b)).toEqual(versions);
    expect(new Set(versions).size).toBe(versions.length);
    expect(SCHEMA_VERSION).toBe(versions[versions.length - 1]);
    expect(pendingMigrations(1).map((m) => m.version)).toEqual(versions.slice(1));
  });

  it("create a new warehouse at the current version, with its history", async () => {
    const w = await openWarehouse(db, { waitMs: 0 });
    const history = await queryRows<{ version: number }>(w, "SELECT version FROM schema_history ORDER BY version");
    await w.close();
    expect(history.map((r) => r.version)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(await version(db)).toBe(SCHEMA_VERSION);
    expect(existsSync(`${db}.before-migration-v0`)).toBe(false);
  });

  it("upgrade a version-1 warehouse with its data intact and keep a copy of it", async () => {
    await makeV1(db);
    const w = await openWarehouse(db, { waitMs: 0 });
    const plans = await queryRows<{ id: string; title_zh: string }>(w, "SELECT id, title_zh FROM plans");
    const obs = await queryRows<{ value: number; published: string }>(w, "SELECT value, published FROM current_observations");
    const files = await queryRows<{ sha256: string }>(w, "SELECT sha256 FROM record_files");
    const history = await queryRows<{ version: number; applied_at: string | null }>(
      w,
      "SELECT version, applied_at FROM schema_history ORDER BY version",
    );
    await w.close();
    expect(plans).toEqual([{ id: "p", title_zh: "计划" }]);
    expect(obs).toEqual([{ value: 7.5, published: "2020-03-01" }]);
    expect(files).toEqual([{ sha256: "r1" }]);
    expect(history[0]).toEqual({ version: 1, applied_at: null });
    expect(history.slice(1).every((h) => h.applied_at !== null)).toBe(true);
    expect(await version(db)).toBe(SCHEMA_VERSION);
    // The copy is the version-1 file, untouched.
    const copy = `${db}.before-migration-v1`;
    expect(statSync(copy).size).toBeGreaterThan(0);
    expect(await versionOfRaw(copy)).toBe("1");
  });

  it("upgrade an older warehouse also when it is first opened read-only", async () => {
    await makeV1(db);
    expect(await version(db)).toBe(SCHEMA_VERSION);
  });

  it("refuse a warehouse made by a newer plan-monitor, and leave it untouched", async () => {
    await makeV1(db, String(SCHEMA_VERSION + 1));
    const before = readFileSync(db);
    for (const readOnly of [false, true]) {
      const error = await openWarehouse(db, { readOnly, waitMs: 0 }).catch((e) => e);
      expect(error).toBeInstanceOf(WarehouseError);
      expect(error.exitCode).toBe(3);
      expect(error.zh).toContain("较新版本");
      expect(error.en).toContain(`schema version ${SCHEMA_VERSION + 1}`);
    }
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it("restore a backup of a version-1 warehouse into the current schema", async () => {
    await makeV1(db);
    const backup = join(dir, "backup");
    mkdirSync(backup);
    // A backup as version 1 wrote it: one Parquet file per table and a manifest with schema_version 1.
    const instance = await DuckDBInstance.create(db);
    const c = await instance.connect();
    const tables = (await c.runAndReadAll("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main'"))
      .getRowObjectsJson()
      .map((r) => String(r.table_name));
    const counts: Record<string, number> = {};
    for (const t of tables) {
      await c.run(`COPY ${t} TO '${join(backup, `${t}.parquet`)}' (FORMAT parquet)`);
      counts[t] = Number((await c.runAndReadAll(`SELECT count(*) AS n FROM ${t}`)).getRowObjectsJson()[0].n);
    }
    c.closeSync();
    instance.closeSync();
    writeFileSync(
      join(backup, "manifest.json"),
      JSON.stringify({ format: "plan-monitor-backup", schema_version: 1, created_at: "2026-11-01", tables: counts }),
    );
    const target = join(dir, "restored.duckdb");
    await restoreWarehouse(backup, target);
    expect(await version(target)).toBe(SCHEMA_VERSION);
    const w = await openWarehouse(target, { readOnly: true, waitMs: 0 });
    const obs = await queryRows<{ value: number }>(w, "SELECT value FROM observations");
    await w.close();
    expect(obs).toEqual([{ value: 7.5 }]);
  });

  it("round-trip a current backup, and refuse one from a newer version", async () => {
    const w = await openWarehouse(db, { waitMs: 0 });
    const backup = join(dir, "b2");
    const manifest = await backupWarehouse(w, backup);
    await w.close();
    expect(manifest.schema_version).toBe(SCHEMA_VERSION);
    await restoreWarehouse(backup, join(dir, "r2.duckdb"));
    expect(await version(join(dir, "r2.duckdb"))).toBe(SCHEMA_VERSION);

    const path = join(backup, "manifest.json");
    writeFileSync(path, JSON.stringify({ ...manifest, schema_version: SCHEMA_VERSION + 1 }));
    const error = await restoreWarehouse(backup, join(dir, "r3.duckdb")).catch((e) => e);
    expect(error).toBeInstanceOf(WarehouseError);
    expect(error.en).toContain("newer plan-monitor");
    expect(existsSync(join(dir, "r3.duckdb"))).toBe(false);
  });
});

async function versionOfRaw(path: string): Promise<string> {
  const instance = await DuckDBInstance.create(path, { access_mode: "READ_ONLY" });
  const c = await instance.connect();
  const v = String((await c.runAndReadAll("SELECT value FROM meta WHERE key = 'schema_version'")).getRowObjectsJson()[0].value);
  c.closeSync();
  instance.closeSync();
  return v;
}
