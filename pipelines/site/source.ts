/**
 * What the site's data loaders (src/data/*.ts) share: open the warehouse read-only with a clear
 * message when it is missing, write JSON to stdout, log to stderr, fail loudly.
 *
 * @example
 *   // src/data/files.json.ts
 *   await emit(async (w) => readFiles(w, (await readPlan(w)).id));
 */
import { existsSync } from "node:fs";
import { isSyntheticName, isSyntheticText } from "../../lib/synthetic.ts";
import { defaultDbPath, openWarehouse, type Warehouse } from "../../warehouse/connection.ts";
import type { ObservationRow, SourceFileRow } from "../../warehouse/read.ts";

export { SYNTHETIC_FILE, SYNTHETIC_NOTE } from "../../lib/synthetic.ts";

/** Whether a figure is synthetic demo data: its file's name or its note says so (lib/synthetic.ts). */
export function isSyntheticRow(row: { file?: string | null; note?: string | null; source?: string | null }): boolean {
  return isSyntheticName(row.file) || isSyntheticText(`${row.source ?? ""} ${row.note ?? ""}`);
}

export function syntheticReasons(planSynthetic: boolean, observations: ObservationRow[], files: SourceFileRow[]): string[] {
  const reasons = new Set<string>();
  if (planSynthetic) reasons.add("plan");
  for (const f of files) if (isSyntheticName(f.name)) reasons.add(f.name);
  for (const o of observations) if (isSyntheticRow(o)) reasons.add(o.file);
  return [...reasons];
}

/**
 * The sources behind official published figures: when nothing is synthetic and every current figure
 * names its source, the distinct sources (publisher, title, date, URL or document number); else null.
 */
export function officialSources(syntheticReasonsFound: string[], current: ObservationRow[]): { sources: string[] } | null {
  if (syntheticReasonsFound.length > 0 || current.length === 0) return null;
  if (current.some((o) => !o.source?.trim())) return null;
  return { sources: [...new Set(current.map((o) => o.source!.trim()))].sort() };
}

export class SiteDataError extends Error {}

/** Open the warehouse the site is built from (PLAN_MONITOR_DB, else data/warehouse.duckdb), read-only. */
export async function openSiteWarehouse(path = defaultDbPath()): Promise<Warehouse> {
  if (!existsSync(path)) {
    throw new SiteDataError(
      `仓库 ${path} 不存在：请先运行 \`npm start\` 或 \`plan-monitor ingest\` 导入数据。\n` +
        `the warehouse ${path} does not exist: run \`npm start\` or \`plan-monitor ingest\` first.`,
    );
  }
  return openWarehouse(path, { readOnly: true });
}

function describe(error: unknown): string {
  if (error && typeof error === "object" && "zh" in error && "en" in error) {
    const e = error as { zh: string; en: string };
    return `${e.zh}\n${e.en}`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Run a loader body against the warehouse and print its result as JSON on stdout; exit 1 with a message on failure. */
export async function emit(body: (w: Warehouse) => Promise<unknown>, name = process.argv[1] ?? "loader"): Promise<void> {
  const started = Date.now();
  let w: Warehouse | undefined;
  try {
    w = await openSiteWarehouse();
    const value = await body(w);
    const text = JSON.stringify(value);
    await new Promise<void>((resolve, reject) => process.stdout.write(text, (e) => (e ? reject(e) : resolve())));
    process.stderr.write(`${name.replace(/^.*\//, "")}: ${text.length} bytes in ${Date.now() - started} ms from ${w.path}\n`);
  } catch (error) {
    process.stderr.write(`\n${name.replace(/^.*\//, "")}: ${describe(error)}\n`);
    process.exitCode = 1;
  } finally {
    await w?.close();
  }
}
