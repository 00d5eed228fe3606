/**
 * Run one benchmark step in a child process and read its peak resident memory: under GNU time
 * (`/usr/bin/time -v`) when it is installed (the peak of the largest process in the step's tree,
 * e.g. Framework's build or Chromium), else from the step's own process.resourceUsage() (that
 * process only). The step (bench/step.ts) writes its figures as JSON to a file the parent names.
 */
import { spawn } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { join, resolve } from "node:path";
import { busyCpuSeconds } from "./machine.ts";
import { parseTimeReport } from "./rss.ts";

export const REPO = resolve(import.meta.dirname, "..");
export const GNU_TIME = "/usr/bin/time";

export interface StepRun<T> {
  name: string;
  /** What the step reports (its own timings, counts); null when it failed before writing them. */
  result: T | null;
  /** Exit code of the step process. */
  code: number;
  /** Wall clock of the whole child process (start-up of Node and tsx included), seconds. */
  processS: number;
  /** Peak resident set size, bytes. */
  peakRssBytes: number | null;
  /** How the peak was read: "gnu-time" (the step's process tree) or "self" (the step process only). */
  rssMethod: "gnu-time" | "self" | null;
  userS: number | null;
  systemS: number | null;
  /**
   * Cores other processes kept busy on average during the step (the machine's busy CPU time less
   * the step's own, over the wall clock): above ~0.2 on a 2-core machine, the figures are skewed.
   */
  othersCores: number | null;
  /** Log files of the child's stdout and stderr. */
  logs: { stdout: string; stderr: string };
  error: string | null;
}

export interface StepOutput {
  /** The step process's own peak RSS (process.resourceUsage().maxRSS), KiB. */
  self_max_rss_kib: number;
  [key: string]: unknown;
}

/** Run `tsx bench/step.ts <step> <json args>` in a child and collect its figures. */
export async function runStep<T extends StepOutput>(
  step: string,
  args: Record<string, unknown>,
  opts: { logDir: string; label?: string; env?: NodeJS.ProcessEnv; useGnuTime?: boolean },
): Promise<StepRun<T>> {
  const label = opts.label ?? step;
  mkdirSync(opts.logDir, { recursive: true });
  const resultFile = join(opts.logDir, `${label}.result.json`);
  const timeFile = join(opts.logDir, `${label}.time.txt`);
  const logs = { stdout: join(opts.logDir, `${label}.stdout.log`), stderr: join(opts.logDir, `${label}.stderr.log`) };
  rmSync(resultFile, { force: true });
  rmSync(timeFile, { force: true });
  const node = [process.execPath, "--import", "tsx", join(REPO, "bench", "step.ts"), step, JSON.stringify(args)];
  const gnuTime = (opts.useGnuTime ?? true) && existsSync(GNU_TIME);
  const [cmd, ...argv] = gnuTime ? [GNU_TIME, "-v", "-o", timeFile, ...node] : node;
  const busyBefore = busyCpuSeconds();
  const started = performance.now();
  const code = await new Promise<number>((done, fail) => {
    const child = spawn(cmd, argv, {
      cwd: REPO,
      env: { ...process.env, ...opts.env, BENCH_RESULT: resultFile },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.pipe(createWriteStream(logs.stdout));
    child.stderr.pipe(createWriteStream(logs.stderr));
    child.on("error", fail);
    child.on("close", (c, signal) => done(c ?? (signal ? 128 : 1)));
  });
  const processS = (performance.now() - started) / 1000;
  const busyAfter = busyCpuSeconds();
  const result = existsSync(resultFile) ? (JSON.parse(readFileSync(resultFile, "utf-8")) as T & { error?: string }) : null;
  const time = gnuTime && existsSync(timeFile) ? parseTimeReport(readFileSync(timeFile, "utf-8")) : null;
  const selfKiB = result?.self_max_rss_kib;
  const error = code === 0 && result && !result.error ? null : (result?.error ?? `step ${label} exited with ${code}: ${tail(logs.stderr)}`);
  return {
    name: label,
    result: result && !result.error ? result : null,
    code,
    processS,
    peakRssBytes: time ? time.maxRssKiB * 1024 : typeof selfKiB === "number" ? selfKiB * 1024 : null,
    rssMethod: time ? "gnu-time" : typeof selfKiB === "number" ? "self" : null,
    userS: time?.userS ?? null,
    systemS: time?.systemS ?? null,
    othersCores:
      time && busyBefore !== null && busyAfter !== null && processS > 0
        ? Math.max(0, (busyAfter - busyBefore - time.userS - time.systemS) / processS)
        : null,
    logs,
    error,
  };
}

function tail(file: string, lines = 15): string {
  try {
    return readFileSync(file, "utf-8").trim().split("\n").slice(-lines).join("\n");
  } catch {
    return "";
  }
}
