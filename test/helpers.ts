/** Shared test helpers: the real plan file, temporary warehouses. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { vi } from "vitest";
import type { Observation } from "../domain/observation.ts";
import type { Plan } from "../domain/plan.ts";
import { loadPlanFile } from "../loaders/plan-file.ts";
import { main } from "../pipelines/cli.ts";
import { openWarehouse, type Warehouse } from "../warehouse/connection.ts";

export const PLAN_FILE = new URL("../data/plans/wafangdian-2018-2020.yaml", import.meta.url).pathname;
export const DEMO_DIR = new URL("../data/demo", import.meta.url).pathname;

export async function wafangdian(): Promise<Plan> {
  return (await loadPlanFile(PLAN_FILE)).plan;
}

export function tempDir(prefix = "pm-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export async function tempWarehouse(): Promise<{ w: Warehouse; dir: string; dbPath: string; cleanup: () => Promise<void> }> {
  const { dir, cleanup } = tempDir();
  const dbPath = join(dir, "w.duckdb");
  const w = await openWarehouse(dbPath, { waitMs: 0 });
  return {
    w,
    dir,
    dbPath,
    cleanup: async () => {
      await w.close().catch(() => {});
      cleanup();
    },
  };
}

export function obs(partial: Partial<Observation> & Pick<Observation, "indicator_id" | "year" | "value">): Observation {
  return {
    region_code: "210281",
    unit: "亿元",
    status: "final",
    published: null,
    source: null,
    note: null,
    row: 1,
    ...partial,
  };
}

export interface Run {
  code: number;
  out: string;
  err: string;
}

/** Run the CLI in-process and capture what it prints. */
export async function run(...args: string[]): Promise<Run> {
  let out = "";
  let err = "";
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => {
    out += String(s);
    return true;
  });
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => {
    err += String(s);
    return true;
  });
  process.exitCode = 0;
  try {
    const code = await main(["node", "plan-monitor", ...args]);
    return { code, out, err };
  } finally {
    o.mockRestore();
    e.mockRestore();
    process.exitCode = 0;
  }
}
