/**
 * The README's figures from benchmark results: `tsx bench/markdown.ts bench/results/A.json [B.json ...]`
 * prints the machine, a table with each result's scale side by side, and the goals judged on the
 * largest scale given. Pure apart from reading the files.
 */
import { readFileSync } from "node:fs";
import type { Machine } from "./machine.ts";
import {
  evaluateGoals,
  type Scale,
  SCALES,
  STEP_LABELS,
  STEP_ORDER,
  type StepFigures,
  type StepKey,
  TOTAL_LABEL,
  tableRows,
  verdict,
} from "./report.ts";
import { formatBytes, formatMarkdownTable } from "./table.ts";

export interface ResultFile {
  scale: Scale;
  started_at: string;
  machine: Machine;
  steps: Partial<Record<StepKey, StepFigures>>;
}

/** Machine, side-by-side table and goals, as Markdown. */
export function markdownReport(results: ResultFile[]): string {
  const sorted = [...results].sort((a, b) => SCALES.indexOf(a.scale) - SCALES.indexOf(b.scale));
  const m = sorted[0].machine;
  const tables = sorted.map((r) => new Map(tableRows(r.steps, r.scale).map((row) => [row[0], row])));
  // Every row of any result, in the order of the steps; each pages step brings a row per page before its own.
  const order = [...STEP_ORDER.map((k) => STEP_LABELS[k]), TOTAL_LABEL];
  const labels: string[] = [];
  for (const label of order) {
    if (label === STEP_LABELS.pages)
      for (const t of tables) for (const l of t.keys()) if (l.startsWith("page ") && !labels.includes(l)) labels.push(l);
    if (label === STEP_LABELS.pages_whole)
      for (const t of tables) for (const l of t.keys()) if (l.startsWith("whole plan: page ") && !labels.includes(l)) labels.push(l);
    if (tables.some((t) => t.has(label))) labels.push(label);
  }
  const headers = ["step", ...sorted.flatMap((r) => [`${r.scale}: time`, "rate / size", "peak RSS"])];
  const rows = labels.map((label) => [
    label,
    ...tables.flatMap((t) => {
      const row = t.get(label);
      if (!row) return ["", "", ""];
      // [step, rows, time, rate, process, cpu, peak, goal]; the total has only its processes' wall clock.
      const time = label === TOTAL_LABEL ? `${row[4]} (cpu ${row[5]})` : row[2] === "" && row[7].startsWith("failed") ? "failed" : row[2];
      return [time, row[3], row[6]];
    }),
  ]);
  const largest = sorted[sorted.length - 1];
  const goals = evaluateGoals(largest.steps).map((g) => [g.text, g.target, g.shown, verdict(g, largest.scale)]);
  const when = sorted.map((r) => `${r.scale} ${r.started_at.slice(0, 16).replace("T", " ")} UTC`).join(", ");
  const load = sorted.map((r) => {
    const busy = Object.values(r.steps).flatMap((s) => (s?.others_cores == null ? [] : [s.others_cores]));
    return busy.length === 0 ? `${r.scale} —` : `${r.scale} ${Math.min(...busy).toFixed(1)}–${Math.max(...busy).toFixed(1)}`;
  });
  return [
    `Machine: ${m.cpu}, ${m.cores} cores, ${formatBytes(m.memory_bytes)} memory, ${m.os}, Node ${m.node.replace(/^v/, "")}, DuckDB ${m.duckdb.replace(/^v/, "")} (@duckdb/node-api ${m.duckdb_node_api}); commit ${m.commit ?? "?"}${m.dirty ? " with local changes" : ""}; ${when}.`,
    "",
    formatMarkdownTable(headers, rows, ["left", ...sorted.flatMap(() => ["right", "right", "right"] as const)]),
    "",
    `Load: cores other processes kept busy beside the steps (of ${m.cores}), least to most: ${load.join(", ")}.`,
    "",
    `Goals, at ${largest.scale} scale:`,
    "",
    formatMarkdownTable(["goal", "target", "measured", "met"], goals),
  ].join("\n");
}

if (process.argv[1] && /bench[\\/]markdown\.ts$/.test(process.argv[1])) {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    process.stderr.write("usage: tsx bench/markdown.ts bench/results/<file>.json [...]\n");
    process.exitCode = 64;
  } else process.stdout.write(`${markdownReport(files.map((f) => JSON.parse(readFileSync(f, "utf-8")) as ResultFile))}\n`);
}
