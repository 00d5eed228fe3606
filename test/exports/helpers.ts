/** Shared setup for the export tests: a warehouse with the demo data (and, optionally, hostile text). */
import { join } from "node:path";
import type { Plan } from "../../domain/plan.ts";
import { loadAndStorePlan } from "../../pipelines/context.ts";
import { expandPaths, ingestFiles } from "../../pipelines/ingest.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { landFile } from "../../warehouse/ingest.ts";
import { DEMO_DIR, obs, PLAN_FILE, tempDir } from "../helpers.ts";

/** Text that must come out neutralised (spreadsheets) or escaped (HTML, Markdown). */
export const HOSTILE_SOURCE = '=HYPERLINK("http://evil.example/x","click")<script>alert(1)</script>';
export const HOSTILE_NOTE = "@SUM(1+1)*[link](http://evil.example)";
export const HOSTILE_REJECTED = "=cmd|' /C calc'!A0";

export interface DemoWarehouse {
  dir: string;
  dbPath: string;
  plan: Plan;
  cleanup: () => void;
}

/**
 * The demo files ingested into a fresh warehouse (closed again, so commands can open it).
 * With `hostile`, one more file lands: a 2020 figure for 各类研发机构 whose source and note are
 * formula and markup, and a rejected row whose raw value is a formula.
 */
export async function demoWarehouse(opts: { hostile?: boolean } = {}): Promise<DemoWarehouse> {
  const { dir, cleanup } = tempDir("pm-exports-");
  const dbPath = join(dir, "w.duckdb");
  const w = await openWarehouse(dbPath, { waitMs: 0 });
  let plan: Plan;
  try {
    plan = await loadAndStorePlan(w, PLAN_FILE, "zh");
    const reports = await ingestFiles(w, plan, expandPaths([DEMO_DIR]).files, { archive: false });
    const refused = reports.filter((r) => r.outcome === "refused");
    if (refused.length) throw new Error(`demo files refused: ${refused.map((r) => `${r.name}: ${r.error?.en}`).join("; ")}`);
    if (opts.hostile) {
      await landFile(w, {
        planId: plan.id,
        sha256: "hostile",
        path: "/in/=hostile.csv",
        name: "=hostile.csv",
        size: 10,
        format: "csv",
        encoding: "utf-8",
        layout: "long",
        sheet: null,
        headerRow: 1,
        rowsRead: 2,
        observations: [
          obs({
            indicator_id: "rd_institutions",
            year: 2020,
            value: 31,
            unit: "家",
            source: HOSTILE_SOURCE,
            note: HOSTILE_NOTE,
            row: 2,
            published: "2021-02-01",
          }),
        ],
        rejected: [{ row: 3, column: "数值", value: HOSTILE_REJECTED, code: "not_a_number", zh: "-不是数字", en: "+not a number" }],
      });
    }
  } finally {
    await w.close();
  }
  return { dir, dbPath, plan, cleanup };
}
