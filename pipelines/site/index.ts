/**
 * Build and serve the dashboard (src/, Observable Framework) for any warehouse and plan.
 * `plan-monitor build` and `plan-monitor serve` call these; so does `npm start`.
 *
 * @example
 *   const dir = await buildSite({ db: "data/warehouse.duckdb" });
 *   await serveSite({ dir, port: 3000 });
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { mkdir, rename, rm, writeFile } from "node:fs/promises";
import { delimiter, dirname, join, resolve } from "node:path";
import { REPO_ROOT } from "../../lib/paths.ts";
import { fillOfflineCache } from "./offline-cache.ts";
import { ensureSiteLib } from "./lib-link.ts";

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

/** Everything `observable build` needs first: the npm cache filled from node_modules, loader outputs dropped. */
export async function prepareBuild({ quiet = false } = {}): Promise<void> {
  ensureSiteLib(SITE_ROOT);
  await fillOfflineCache({ root: SITE_ROOT, quiet });
  await clearLoaderCache();
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
  await prepareBuild({ quiet: !opts.verbose });
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
  const previous = `${outDir}.previous-${process.pid}`;
  if (existsSync(outDir)) await rename(outDir, previous);
  await rename(staging, outDir);
  await rm(previous, { recursive: true, force: true });
  process.stderr.write(`site: built ${outDir} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return outDir;
}
