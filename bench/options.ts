/** The command line of bench/run.ts, and which generated files it measures. */
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { SCALES, type Scale } from "./report.ts";

export interface Options {
  scale: Scale;
  seed: number;
  work: string;
  regenerate: boolean;
  runs: number;
  /** How many times to measure each ingest and its read_csv ceiling (the fastest counts). */
  repeat: number;
  skip: Set<string>;
}

/** Read the benchmark's options; throws with a usage message on a bad one. */
export function parseOptions(argv: string[]): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      scale: { type: "string", default: "province" },
      seed: { type: "string", default: "1" },
      work: { type: "string" },
      regenerate: { type: "boolean", default: false },
      runs: { type: "string", default: "3" },
      repeat: { type: "string", default: "1" },
      skip: { type: "string", default: "" },
    },
    strict: true,
  });
  const scale = values.scale as Scale;
  if (!SCALES.includes(scale)) throw new Error(`--scale must be one of ${SCALES.join(", ")} (got ${values.scale})`);
  const seed = Number(values.seed);
  const runs = Number(values.runs);
  if (!Number.isInteger(seed) || seed < 0) throw new Error(`--seed must be a non-negative integer (got ${values.seed})`);
  if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer (got ${values.runs})`);
  const repeat = Number(values.repeat);
  if (!Number.isInteger(repeat) || repeat < 1) throw new Error(`--repeat must be a positive integer (got ${values.repeat})`);
  const skip = new Set(
    values.skip
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean),
  );
  const skippable = ["site", "browser", "ceiling", "tree", "uploads"];
  for (const s of skip) if (!skippable.includes(s)) throw new Error(`--skip takes ${skippable.join(", ")} (got ${s})`);
  return {
    scale,
    seed,
    runs,
    repeat,
    skip,
    regenerate: values.regenerate,
    work: resolve(values.work ?? join(tmpdir(), "plan-monitor-bench", `${scale}-${seed}`)),
  };
}

/**
 * The generated record files by what they hold (the generator names the kind in each file name):
 * contracts and certificates, measured against read_csv, and the others (R&D, lists).
 */
export function recordFiles(names: string[]): { contracts: string | null; certificates: string | null; others: string[] } {
  const records = names.filter((n) => /\.(csv|xlsx|parquet)$/i.test(n) && !n.startsWith(".")).sort();
  const contracts = records.find((n) => /contracts|技术合同/i.test(n)) ?? null;
  const certificates = records.find((n) => /certificates|证书/i.test(n)) ?? null;
  return { contracts, certificates, others: records.filter((n) => n !== contracts && n !== certificates) };
}

/** The files `plan-monitor demo generate` lists on its output ("PATH  KIND  ROWS" a line). */
export function parseGeneratedListing(stdout: string): { path: string; kind: string; rows: number }[] {
  return stdout.split(/\r?\n/).flatMap((line) => {
    const m = /^(.+?)\s{2,}(\w+)\s{2,}(\d+)\s*$/.exec(line);
    return m ? [{ path: m[1], kind: m[2], rows: Number(m[3]) }] : [];
  });
}

/**
 * Every page but the overview (the built site's .html files; one indicator page stands for all of
 * them, being the same page with other data), in the order of their paths.
 */
export function sitePages(files: string[]): string[] {
  const html = files.filter((f) => f.endsWith(".html") && f !== "index.html" && f !== "404.html" && !f.startsWith("_")).sort();
  const indicator = html.find((f) => f.startsWith("indicators/"));
  return [...html.filter((f) => !f.includes("/")), ...(indicator ? [indicator] : [])];
}
