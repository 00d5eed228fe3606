/**
 * The machine a benchmark ran on: CPU model (from /proc/cpuinfo), cores, memory, load, Node and
 * DuckDB versions, the commit. Figures mean little without it.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Machine {
  cpu: string;
  cores: number;
  memory_bytes: number;
  os: string;
  node: string;
  duckdb: string;
  /** The @duckdb/node-api package version (DuckDB's own version is `duckdb`). */
  duckdb_node_api: string;
  /** 1, 5 and 15-minute load averages when the run started: another busy process skews the figures. */
  loadavg: number[];
  commit: string | null;
  /** Whether the working tree had changes beyond the commit. */
  dirty: boolean | null;
}

/** The CPU model of a /proc/cpuinfo text ("model name", else "Hardware"/"cpu model"), or null. */
export function parseCpuModel(cpuinfo: string): string | null {
  for (const key of ["model name", "Hardware", "cpu model", "Processor"]) {
    const m = new RegExp(`^${key}\\s*:\\s*(.+)$`, "mi").exec(cpuinfo);
    if (m?.[1].trim()) return m[1].trim().replace(/\s+/g, " ");
  }
  return null;
}

/** Cores: logical processors in /proc/cpuinfo ("processor" lines), else what Node sees. */
export function countProcessors(cpuinfo: string): number | null {
  const n = cpuinfo.split(/\r?\n/).filter((l) => /^processor\s*:/.test(l)).length;
  return n > 0 ? n : null;
}

function git(args: string[], cwd: string): string | null {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf-8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return null;
  }
}

/** The machine this process runs on. */
export async function describeMachine(repo: string): Promise<Machine> {
  let cpuinfo = "";
  try {
    cpuinfo = readFileSync("/proc/cpuinfo", "utf-8");
  } catch {
    // not Linux: fall back to what Node reports
  }
  const { version } = await import("@duckdb/node-api");
  const pkg = JSON.parse(readFileSync(new URL("../node_modules/@duckdb/node-api/package.json", import.meta.url), "utf-8")) as {
    version: string;
  };
  const status = git(["status", "--porcelain", "--untracked-files=no"], repo);
  return {
    cpu: parseCpuModel(cpuinfo) ?? os.cpus()[0]?.model ?? "unknown",
    cores: countProcessors(cpuinfo) ?? os.cpus().length,
    memory_bytes: os.totalmem(),
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    duckdb: version(),
    duckdb_node_api: pkg.version,
    loadavg: os.loadavg().map((x) => Math.round(x * 100) / 100),
    commit: git(["rev-parse", "--short", "HEAD"], repo),
    dirty: status === null ? null : status.length > 0,
  };
}

/** Busy CPU time of the whole machine (all cores), seconds, from /proc/stat's "cpu" line (USER_HZ = 100). */
export function parseBusyCpuSeconds(procStat: string, hz = 100): number | null {
  const line = procStat.split(/\r?\n/).find((l) => /^cpu\s/.test(l));
  if (!line) return null;
  // user nice system idle iowait irq softirq steal guest guest_nice (guest time is already in user)
  const [user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).slice(1).map(Number);
  if ([user, nice, system].some((x) => !Number.isFinite(x))) return null;
  return (user + nice + system + (irq || 0) + (softirq || 0) + (steal || 0)) / hz;
}

/** The machine's busy CPU seconds now, or null off Linux. */
export function busyCpuSeconds(): number | null {
  try {
    return parseBusyCpuSeconds(readFileSync("/proc/stat", "utf-8"));
  } catch {
    return null;
  }
}

/** CPU seconds (user + system, all threads) this process has used since `since` (process.cpuUsage()). */
export function cpuSeconds(since: NodeJS.CpuUsage): number {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
}
