/**
 * Build the dashboard from a warehouse (pipelines/site buildSite: fills Framework's npm cache from
 * node_modules, drops the loaders' outputs, runs `observable build`) into a fresh output folder.
 * Cold: Framework's whole cache (src/.observablehq/cache: the npm cache, the bundles of its client
 * and the data loaders' outputs) is removed first, so all of it is made again. Warm: it is kept.
 * `plan`: the plan the site shows (default: the warehouse's most recent).
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildSite, SITE_ROOT, withBuildLock } from "../../pipelines/site/index.ts";

/** Files and bytes under a folder. */
export function folderSize(dir: string): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files += 1;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

export default async function site(args: { db: string; outDir: string; cold: boolean; plan?: string }): Promise<Record<string, unknown>> {
  if (args.cold) {
    // Under the build lock (it lives in the cache): another build on this tree must not lose its cache midway.
    const cache = join(SITE_ROOT, ".observablehq", "cache");
    await withBuildLock(async () => {
      for (const entry of existsSync(cache) ? readdirSync(cache) : [])
        if (entry !== "build.lock") rmSync(join(cache, entry), { recursive: true, force: true });
    });
  }
  // Framework clears its output folder only inside the working tree: a second build elsewhere would
  // stop on "file conflict". Removing it is part of any build.
  rmSync(args.outDir, { recursive: true, force: true });
  // buildSite waits while another build on this tree holds the lock: time the build from when it
  // holds the lock (its pid in the lock folder), not the wait.
  const pidFile = join(SITE_ROOT, ".observablehq", "cache", "build.lock", "pid");
  let locked: number | null = null;
  const watch = setInterval(() => {
    try {
      if (locked === null && readFileSync(pidFile, "utf-8").trim() === String(process.pid)) locked = performance.now();
    } catch {
      // not (yet) ours
    }
  }, 10);
  const started = performance.now();
  let dir: string;
  try {
    dir = await buildSite({ db: args.db, outDir: args.outDir, plan: args.plan });
  } finally {
    clearInterval(watch);
  }
  const ended = performance.now();
  const size = folderSize(dir);
  return {
    seconds: (ended - (locked ?? started)) / 1000,
    lock_wait_s: ((locked ?? started) - started) / 1000,
    dir,
    files: size.files,
    bytes: size.bytes,
    cold: args.cold,
  };
}
