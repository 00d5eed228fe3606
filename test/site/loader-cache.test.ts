/**
 * Loader outputs kept between builds only while their inputs are unchanged (pipelines/site/index.ts
 * reuseLoaderCache, loaderInputs): a changed warehouse, plan, code or names table drops them; meta.json (the build
 * time) is always made again.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { loaderInputs, reuseLoaderCache } from "../../pipelines/site/index.ts";

const dirs: string[] = [];
afterEach(() => {
  vi.unstubAllEnvs();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function site(): { root: string; data: string; db: string } {
  const root = mkdtempSync(join(tmpdir(), "pm-loader-cache-"));
  dirs.push(root);
  const data = join(root, ".observablehq", "cache", "data");
  mkdirSync(data, { recursive: true });
  const db = join(root, "warehouse.duckdb");
  writeFileSync(db, "v1");
  return { root, data, db };
}

describe("the loaders' cache between builds", () => {
  it("drops every output the first time, then keeps them while the inputs are the same, meta.json excepted", async () => {
    const { root, data, db } = site();
    writeFileSync(join(data, "assessment.json"), "{}");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(false);
    expect(existsSync(join(data, "assessment.json"))).toBe(false);
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "assessment.json"), "{}");
    writeFileSync(join(data, "meta.json"), "{}");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(true);
    expect(existsSync(join(data, "assessment.json"))).toBe(true);
    expect(existsSync(join(data, "meta.json"))).toBe(false);
  });
  it("keeps the per-county enterprise lists, whose inputs are checked apart (enterprise-parts.ts)", async () => {
    const { root, data, db } = site();
    await reuseLoaderCache(loaderInputs({ db }), root);
    mkdirSync(join(data, "enterprises"), { recursive: true });
    writeFileSync(join(data, "enterprises", "210281.json"), "{}");
    writeFileSync(join(data, "assessment.json"), "{}");
    writeFileSync(db, "v2, longer");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(false);
    expect(existsSync(join(data, "assessment.json"))).toBe(false);
    expect(existsSync(join(data, "enterprises", "210281.json"))).toBe(true);
  });
  it("drops them when the warehouse, the plan or the as-of date changes", async () => {
    const { root, data, db } = site();
    await reuseLoaderCache(loaderInputs({ db }), root);
    const keep = () => writeFileSync(join(data, "assessment.json"), "{}");
    mkdirSync(data, { recursive: true });
    keep();
    writeFileSync(db, "v2, longer");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(false);
    mkdirSync(data, { recursive: true });
    keep();
    utimesSync(db, new Date(2020, 0, 1), new Date(2020, 0, 1));
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(false);
    mkdirSync(data, { recursive: true });
    keep();
    expect(await reuseLoaderCache(loaderInputs({ db, plan: "other" }), root)).toBe(false);
    mkdirSync(data, { recursive: true });
    keep();
    expect(await reuseLoaderCache(loaderInputs({ db, plan: "other", asOf: "2020-12-31" }), root)).toBe(false);
    expect(existsSync(join(data, "assessment.json"))).toBe(false);
  });
  it("names the warehouse's WAL and the loaders' code among the inputs", () => {
    const { db } = site();
    const before = JSON.parse(loaderInputs({ db }));
    expect(before.wal).toBeNull();
    expect(before.code.files).toBeGreaterThan(10);
    writeFileSync(`${db}.wal`, "log");
    expect(JSON.parse(loaderInputs({ db })).wal).toMatchObject({ size: 3 });
  });

  it("drops them when a names table the loaders read changes (town_en, sector_en)", async () => {
    const { root, data, db } = site();
    const sectors = join(root, "sectors.csv");
    writeFileSync(sectors, "name_zh,name_en,basis\n新材料,New materials,x\n");
    vi.stubEnv("PLAN_MONITOR_SECTOR_NAMES", sectors);
    await reuseLoaderCache(loaderInputs({ db }), root);
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "records-drilldown.json"), "{}");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(true);
    writeFileSync(sectors, "name_zh,name_en,basis\n新材料,Advanced materials,x\n");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(false);
    expect(existsSync(join(data, "records-drilldown.json"))).toBe(false);
    expect(JSON.parse(loaderInputs({ db })).names.sectors.path).toBe(sectors);
  });

  it("drops them when the technology field names table changes (field_en)", async () => {
    const { root, data, db } = site();
    const fields = join(root, "fields.csv");
    writeFileSync(fields, "name_zh,name_en,basis\n先进制造,Advanced manufacturing,x\n");
    vi.stubEnv("PLAN_MONITOR_FIELD_NAMES", fields);
    await reuseLoaderCache(loaderInputs({ db }), root);
    mkdirSync(data, { recursive: true });
    writeFileSync(join(data, "records-enterprises.json"), "{}");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(true);
    writeFileSync(fields, "name_zh,name_en,basis\n先进制造,Advanced manufacturing industry,x\n");
    expect(await reuseLoaderCache(loaderInputs({ db }), root)).toBe(false);
    expect(existsSync(join(data, "records-enterprises.json"))).toBe(false);
    expect(JSON.parse(loaderInputs({ db })).names.fields.path).toBe(fields);
  });
});
