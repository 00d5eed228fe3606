/**
 * Build and serve the dashboard (src/, Observable Framework) for any warehouse and plan.
 * `plan-monitor build` and `plan-monitor serve` call these; so does `npm start`.
 *
 * @example
 *   const dir = await buildSite({ db: "data/warehouse.duckdb" });
 *   await serveSite({ dir, port: 3000 });
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { delimiter, dirname, join, resolve } from "node:path";
import { REPO_ROOT } from "../../lib/paths.ts";
import { defaultDbPath } from "../../warehouse/connection.ts";
import { linkEnterpriseParts, prefillEnterpriseParts } from "./enterprise-parts.ts";
import { fillOfflineCache } from "./offline-cache.ts";
import { PARTS_LINKED } from "./paths.ts";
import { ensureSiteLib } from "./lib-link.ts";
import { namesStamp } from "./names.ts";

export { type RunningSite, serveSite } from "./server.ts";

export { REPO_ROOT };
export const SITE_ROOT = join(REPO_ROOT, "src");

export interface BuildOptions {
  /** Warehouse to read (default: PLAN_MONITOR_DB, else data/warehouse.duckdb). */
  db?: string;
  /** Plan id in the warehouse (default: the only or most recent plan). */
  plan?: string;
  /** Output directory (default: dist/ in the repository). */
  outDir?: string;
  /** Only vintages published on or before this date (YYYY-MM-DD). */
  asOf?: string;
  /** Print Framework's own progress lines (default: only on failure). */
  verbose?: boolean;
}

/**
 * Data loaders' outputs are cached under src/.observablehq/cache and reused while newer than the
 * loader script, whatever the warehouse holds now: drop them so every build reads the warehouse.
 */
export async function clearLoaderCache(root = SITE_ROOT): Promise<void> {
  await rm(join(root, ".observablehq", "cache", "data"), { recursive: true, force: true });
}

/** The folders whose code the data loaders run (a change there can change their outputs). */
const LOADER_CODE = ["src/data", "pipelines/site", "warehouse", "assessment", "domain", "lib", "loaders", "exports"];

/** The latest modification time and the count of the files under the loaders' code folders. */
export function codeStamp(root = REPO_ROOT): { latest: number; files: number } {
  let latest = 0;
  let files = 0;
  for (const dir of LOADER_CODE) {
    const full = join(root, dir);
    if (!existsSync(full)) continue;
    for (const e of readdirSync(full, { withFileTypes: true, recursive: true })) {
      if (!e.isFile() || !/\.(ts|js|json|ya?ml|css|md)$/.test(e.name)) continue;
      files += 1;
      latest = Math.max(latest, statSync(join(e.parentPath, e.name)).mtimeMs);
    }
  }
  return { latest, files };
}

/**
 * What the loaders' outputs depend on: the warehouse file and its WAL (size and modification time),
 * the plan and as-of date chosen, the code the loaders run and the names tables they read (a town's
 * or sector's English name). Equal inputs give equal outputs.
 */
export function loaderInputs(opts: { db?: string; plan?: string; asOf?: string }): string {
  const db = resolve(opts.db ?? process.env.PLAN_MONITOR_DB ?? join(REPO_ROOT, "data", "warehouse.duckdb"));
  const file = (path: string) => {
    if (!existsSync(path)) return null;
    const st = statSync(path);
    return { size: st.size, mtime: st.mtimeMs };
  };
  const plan = opts.plan ?? process.env.PLAN_MONITOR_PLAN ?? null;
  const asOf = opts.asOf ?? process.env.PLAN_MONITOR_AS_OF ?? null;
  return JSON.stringify({ db, warehouse: file(db), wal: file(`${db}.wal`), plan, asOf, code: codeStamp(), names: namesStamp() });
}

/** Outputs redone at every build even when the inputs are unchanged: meta.json states when the site was built. */
const ALWAYS_RELOADED = /^meta\.json/;

/**
 * Outputs with inputs of their own, checked apart (enterprise-parts.ts): the per-county enterprise
 * lists depend on the record files, the plan and the code only, so a new file of reported figures,
 * progress reports or a returned form keeps them.
 */
const CHECKED_APART = /^enterprises$/;

/**
 * Keep the loaders' outputs of the previous build when their inputs (loaderInputs) are unchanged,
 * except the build time (meta.json); otherwise drop them all but those checked apart. Returns whether they were kept.
 */
export async function reuseLoaderCache(inputs: string, root = SITE_ROOT): Promise<boolean> {
  const dir = join(root, ".observablehq", "cache", "data");
  const stamp = join(root, ".observablehq", "cache", "data-inputs.json");
  const same = existsSync(dir) && existsSync(stamp) && readFileSync(stamp, "utf-8") === inputs;
  if (same) {
    for (const name of readdirSync(dir)) if (ALWAYS_RELOADED.test(name)) await rm(join(dir, name), { recursive: true, force: true });
  } else {
    if (existsSync(dir))
      for (const name of readdirSync(dir)) if (!CHECKED_APART.test(name)) await rm(join(dir, name), { recursive: true, force: true });
    await mkdir(dirname(stamp), { recursive: true });
    await writeFile(stamp, inputs);
  }
  return same;
}

/**
 * Everything `observable build` needs first: the npm cache filled from node_modules, loader outputs
 * dropped (or, given the loaders' inputs, kept while those are unchanged: see reuseLoaderCache).
 */
export async function prepareBuild({ quiet = false, inputs }: { quiet?: boolean; inputs?: string } = {}): Promise<void> {
  ensureSiteLib(SITE_ROOT);
  await fillOfflineCache({ root: SITE_ROOT, quiet });
  if (inputs === undefined) await clearLoaderCache();
  else await reuseLoaderCache(inputs);
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Builds share src/.observablehq/cache (loader outputs): two at once would read each other's
 * warehouse. Take a lock (a directory, created atomically), wait for a running build, take over
 * a lock whose process has died.
 */
export async function withBuildLock<T>(fn: () => Promise<T>, { waitMs = 10 * 60_000 } = {}): Promise<T> {
  const lock = join(SITE_ROOT, ".observablehq", "cache", "build.lock");
  await mkdir(dirname(lock), { recursive: true });
  const started = Date.now();
  for (;;) {
    try {
      await mkdir(lock);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      let holder = Number.NaN;
      try {
        holder = Number(readFileSync(join(lock, "pid"), "utf-8"));
      } catch {
        // The holder has not written its pid yet.
      }
      if (Number.isInteger(holder) && !alive(holder)) {
        await rm(lock, { recursive: true, force: true });
        continue;
      }
      if (Date.now() - started > waitMs) {
        throw new Error(
          `另一个看板生成进程${Number.isInteger(holder) ? `（PID ${holder}）` : ""}仍在运行，等待超时。请等它结束后重试。\n` +
            `another dashboard build${Number.isInteger(holder) ? ` (PID ${holder})` : ""} is still running; wait for it to finish and retry.`,
        );
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await writeFile(join(lock, "pid"), String(process.pid));
    return await fn();
  } finally {
    await rm(lock, { recursive: true, force: true });
  }
}

/** Build the site into `outDir`; resolves to its absolute path. Fails with Framework's output when the build fails. */
export function buildSite(opts: BuildOptions = {}): Promise<string> {
  return withBuildLock(() => buildSiteUnlocked(opts));
}

async function buildSiteUnlocked(opts: BuildOptions): Promise<string> {
  const outDir = resolve(opts.outDir ?? join(REPO_ROOT, "dist"));
  const db = opts.db ? resolve(opts.db) : undefined;
  if (db && !existsSync(db)) {
    throw new Error(
      `仓库 ${db} 不存在：请先运行 plan-monitor ingest。\nthe warehouse ${db} does not exist: run \`plan-monitor ingest\` first.`,
    );
  }
  // The stamp is taken before the build: a warehouse changed while the loaders run is read again next time.
  await prepareBuild({ quiet: !opts.verbose, inputs: loaderInputs({ db, plan: opts.plan, asOf: opts.asOf }) });
  // A plan over many counties: every county's enterprise list in one pass, not one loader process each.
  const cacheRoot = join(SITE_ROOT, ".observablehq", "cache");
  const parts = await prefillEnterpriseParts({ db: db ?? defaultDbPath(), plan: opts.plan, cacheRoot, code: codeStamp() });
  if (parts.files > 0 && opts.verbose)
    process.stderr.write(`site: ${parts.files} county enterprise lists in ${parts.seconds.toFixed(1)} s\n`);
  const staging = `${outDir}.building-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  const bin = join(REPO_ROOT, "node_modules", ".bin");
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}${delimiter}${process.env.PATH ?? ""}`,
    // Framework writes into a fresh folder beside the target, renamed into place once complete,
    // so an interrupted or failed build never leaves a half-written site.
    PLAN_MONITOR_SITE_OUT: staging,
    // Framework checks for updates and reports telemetry unless told not to; the site is built offline.
    OBSERVABLE_TELEMETRY_DISABLE: "true",
    // The county enterprise lists are linked in below, not copied by Framework (paths.ts, enterprise-parts.ts).
    [PARTS_LINKED]: "1",
  };
  if (db) env.PLAN_MONITOR_DB = db;
  if (opts.plan) env.PLAN_MONITOR_PLAN = opts.plan;
  if (opts.asOf) env.PLAN_MONITOR_AS_OF = opts.asOf;
  const started = Date.now();
  const output: string[] = [];
  const code = await new Promise<number>((resolvePromise, reject) => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, "node_modules", "@observablehq", "framework", "dist", "bin", "observable.js"), "build"],
      {
        cwd: REPO_ROOT,
        env,
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    const collect = (chunk: Buffer) => {
      const text = chunk.toString("utf-8");
      output.push(text);
      if (opts.verbose) process.stderr.write(text);
    };
    child.stdout.on("data", collect);
    child.stderr.on("data", collect);
    child.on("error", reject);
    child.on("close", (c) => resolvePromise(c ?? 1));
  });
  if (code !== 0 || !existsSync(join(staging, "index.html"))) {
    await rm(staging, { recursive: true, force: true });
    const log = output.join("").replace(/\x1b\[[0-9;]*m/g, "");
    const tail = log.split("\n").slice(-40).join("\n");
    throw new Error(
      `看板生成失败（observable build 退出码 ${code}）。\nbuilding the dashboard failed (observable build exited with ${code}):\n${tail}`,
    );
  }
  linkEnterpriseParts(cacheRoot, staging);
  const previous = `${outDir}.previous-${process.pid}`;
  if (existsSync(outDir)) await rename(outDir, previous);
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
  process.stderr.write(`site: built ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return outDir;
}
