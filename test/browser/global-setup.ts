/**
 * Build the dashboard once for every browser test (vitest globalSetup of the "browser" project):
 * a warehouse from data/demo plus one hostile file, made by the pipeline's own `ingest`, and the
 * site built from it. Tests read the paths with builtSite() (helpers.ts).
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
  const ingest = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "pipelines", "cli.ts"), "ingest", join(REPO_ROOT, "data", "demo"), extra, "--db", db],
    { cwd: REPO_ROOT, encoding: "utf-8" },
  );
  // Exit 1 means "some rows rejected": the demo data and the hostile file both have such rows on purpose.
  if (ingest.status !== 0 && ingest.status !== 1) throw new Error(`ingest failed (${ingest.status}):\n${ingest.stdout}\n${ingest.stderr}`);
  const dist = HAS_CHROMIUM ? await buildSite({ db, outDir: join(tmp, "dist") }) : "";
  project.provide("siteDb", db);
  project.provide("siteDist", dist);
  project.provide("siteTmp", tmp);
  return () => rmSync(tmp, { recursive: true, force: true });
}
