/**
 * Build the dashboard once for every browser test (vitest globalSetup of the "browser" project):
 * a warehouse from data/demo plus one hostile file and the county-scale demo records, made by the
 * pipeline's own `ingest`, `demo generate` and `records ingest`, and the site built from it. Tests read the paths with builtSite() (helpers.ts).
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { REPO_ROOT } from "../../lib/paths.ts";
import { buildSite } from "../../pipelines/site/index.ts";
import { HAS_CHROMIUM, HOSTILE_CSV } from "./helpers.ts";

export default async function setup(project: TestProject): Promise<() => void> {
  const tmp = mkdtempSync(join(tmpdir(), "pm-browser-"));
  const extra = join(tmp, "extra");
  mkdirSync(extra);
  writeFileSync(join(extra, "hostile-text.csv"), HOSTILE_CSV);
  const db = join(tmp, "w.duckdb");
  const cli = (...args: string[]) => {
    const r = spawnSync(process.execPath, ["--import", "tsx", join(REPO_ROOT, "pipelines", "cli.ts"), ...args], {
      cwd: REPO_ROOT,
      encoding: "utf-8",
    });
    // Exit 1 means "some rows rejected": the demo data, the hostile file and the records all have such rows on purpose.
    if (r.status !== 0 && r.status !== 1) throw new Error(`${args[0]} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
  };
  cli("ingest", join(REPO_ROOT, "data", "demo"), extra, "--db", db);
  // The county-scale demo records (as npm start ingests them): the drill-down, enterprise and cascade
  // pages then show towns and sectors, and their tables, charts and English town names get tested.
  const records = join(tmp, "records");
  cli("demo", "generate", "--scale", "county", "--out", records);
  cli("records", "ingest", records, "--db", db);
  const dist = HAS_CHROMIUM ? await buildSite({ db, outDir: join(tmp, "dist") }) : "";
  project.provide("siteDb", db);
  project.provide("siteDist", dist);
  project.provide("siteTmp", tmp);
  return () => rmSync(tmp, { recursive: true, force: true });
}
