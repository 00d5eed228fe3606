/**
 * Progress reports end to end: the demo's synthetic report file and its evidence folder through
 * `ingest` (the function start.ts uses), read back by the engine as of the end of the plan.
 */
import { existsSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { TasksAssessment } from "../../assessment/milestones.ts";
import { renderChaseList, renderTasks } from "../../pipelines/commands/tasks.ts";
import { DEFAULT_PLAN_FILE, DEMO_DIR, loadAndStorePlan } from "../../pipelines/context.ts";
import { expandPaths, type FileReport, ingestFiles } from "../../pipelines/ingest.ts";
import { tasksFromWarehouse } from "../../pipelines/tasks.ts";
import { archivedPath } from "../../warehouse/archive.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { readReports } from "../../warehouse/progress.ts";
import { tempWarehouse } from "../helpers.ts";
import type { Plan } from "../../domain/plan.ts";

let w: Warehouse;
let cleanup: () => Promise<void>;
let plan: Plan;
let report: FileReport;
let t: TasksAssessment;

beforeAll(async () => {
  ({ w, cleanup } = await tempWarehouse());
  plan = await loadAndStorePlan(w, DEFAULT_PLAN_FILE, "en");
  const files = expandPaths([DEMO_DIR]).files;
  expect(files.some((f) => f.includes(".evidence"))).toBe(false); // evidence folders are not data
  const reports = await ingestFiles(w, plan, files);
  report = reports.find((r) => r.name.includes("任务进展")) as FileReport;
  t = await tasksFromWarehouse(w, plan, { today: "2026-11-30" });
}, 120_000);
afterAll(async () => cleanup());

const find = (id: string, year: number | null = null) => t.tasks.flatMap((x) => x.milestones).find((m) => m.id === id && m.year === year);

describe("demo progress reports", () => {
  it("land with one rejected row (a unit not responsible) and one missing evidence file", () => {
    expect(report).toMatchObject({ layout: "progress", outcome: "partial" });
    expect(report.summary?.accepted).toBe(14);
    expect(report.summary?.superseded).toBe(1);
    expect(report.rejected.map((r) => [r.row, r.code])).toEqual([[17, "UNIT_NOT_RESPONSIBLE"]]);
    expect(report.evidenceMissing?.map((m) => m.name)).toEqual(["demo-座谈会纪要.pdf"]);
  });

  it("store each evidence file in the archive by sha256 with its sniffed type", async () => {
    const reports = await readReports(w, plan.id);
    const files = reports.flatMap((r) => r.evidence_files);
    const pdf = files.find((f) => f.name === "demo-政策措施印发文件.pdf");
    expect(pdf).toMatchObject({ type: "pdf", missing: false });
    expect(pdf?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(existsSync(archivedPath(w.path, pdf?.sha256 ?? "", ".pdf"))).toBe(true);
    expect(files.find((f) => f.name.endsWith(".jpg"))?.type).toBe("jpeg");
    expect(files.find((f) => f.name === "demo-座谈会纪要.pdf")).toMatchObject({ sha256: null, missing: true });
  });

  it("show every milestone state as of the end of the plan, an approved extension and a superseded report", () => {
    expect(t.as_of).toBe("2020-12-31");
    for (const s of ["done", "done_late", "on_schedule", "at_risk", "overdue", "not_reported"] as const)
      expect(t.counts[s]).toBeGreaterThan(0);
    expect(find("8.1")).toMatchObject({ state: "done", due: "2019-09-30", original_due: "2019-06-30" });
    expect(find("18.1")?.state).toBe("done_late");
    expect(find("18.1")?.evidence.map((e) => e.missing)).toEqual([false, true]);
    expect(find("14.1")).toMatchObject({ state: "at_risk", reports: 2, superseded: 1 });
    expect(find("16.1")).toMatchObject({ state: "overdue", days_overdue: 366 });
    expect(find("6.1")?.state).toBe("not_reported");
  });

  it("give tasks 16 and 17 (no indicators) a status", () => {
    const byId = new Map(t.tasks.map((x) => [x.id, x]));
    expect(byId.get(16)).toMatchObject({ indicator_status: null, status: "behind" });
    expect(byId.get(17)).toMatchObject({ indicator_status: null, status: "on_track" });
    expect(byId.get(4)?.indicator_status).not.toBeNull();
  });

  it("print the task table and the chase list in both languages", () => {
    const units = new Map(plan.units.map((u) => [u.id, u.zh]));
    expect(renderTasks(t, "table", "zh", units)).toContain("已逾期");
    expect(renderTasks(t, "csv", "en", units)).toContain("Done late");
    const chase = renderChaseList(t, "table", "zh");
    expect(chase).toContain("催办清单");
    expect(chase).toContain("市人社局");
    expect(t.overdue[0].days_overdue).toBeGreaterThanOrEqual(t.overdue[t.overdue.length - 1].days_overdue);
  });
});
