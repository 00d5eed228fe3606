/**
 * `plan-monitor tasks` and `tasks overdue` through the CLI (in process), and `rebuild` replaying a
 * progress-report file with its evidence from the archive alone.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rebuildWarehouse } from "../../pipelines/rebuild.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { readReports } from "../../warehouse/progress.ts";
import { run } from "../helpers.ts";

const FIXTURE = new URL("../fixtures/progress/reports-2019.csv", import.meta.url).pathname;
let dir: string;
let db: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "pm-tasks-cli-"));
  db = join(dir, "w.duckdb");
  const r = await run("--db", db, "ingest", FIXTURE);
  expect(r.code).toBe(1); // the fixture has bad rows on purpose
}, 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("plan-monitor tasks", () => {
  it("prints JSON with the fields of issue 11 item 7", async () => {
    const r = await run("--db", db, "tasks", "--as-of", "2019-07-10", "--format", "json");
    expect(r.code).toBe(0);
    const t = JSON.parse(r.out);
    expect(t.as_of).toBe("2019-07-10");
    const task4 = t.tasks.find((x: { id: number }) => x.id === 4);
    for (const k of ["id", "zh", "en", "group", "responsible", "indicator_status", "milestone_counts", "status", "milestones"])
      expect(task4).toHaveProperty(k);
    const m = task4.milestones[0];
    for (const k of ["id", "zh", "due", "original_due", "state", "days_overdue", "completed", "last_report", "evidence", "reasons"])
      expect(m).toHaveProperty(k);
    expect(m).toMatchObject({ id: "4.1", state: "done", completed: "2019-06-20" });
    expect(m.last_report).toMatchObject({
      period: "2019H1",
      unit: "jxj",
      execution: "done",
      progress: "政策措施已印发",
      reported: "2019-07-05",
    });
    expect(m.evidence.map((e: { name: string; missing: boolean }) => [e.name, e.missing])).toEqual([
      ["政策文件.pdf", false],
      ["missing.pdf", true],
    ]);
  });

  it("filters by unit, writes CSV to --out, and refuses an unknown unit with exit 64", async () => {
    const out = join(dir, "tasks.csv");
    const r = await run("--db", db, "--lang", "en", "tasks", "--unit", "人社局", "--year", "2019", "--format", "csv", "--out", out);
    expect(r.code).toBe(0);
    const csv = readFileSync(out, "utf8");
    expect(csv.startsWith("\uFEFFtask,")).toBe(true);
    expect(csv).toContain("16.1");
    expect(csv).not.toContain("4.1,");
    const bad = await run("--db", db, "tasks", "--unit", "宣传部");
    expect(bad.code).toBe(64);
    expect(bad.err).toContain("市人社局");
  });

  it("tasks overdue prints the chase list, longest overdue first", async () => {
    const r = await run("--db", db, "tasks", "overdue", "--as-of", "2020-01-10");
    expect(r.code).toBe(0);
    expect(r.out).toContain("催办清单");
    expect(r.out).toContain("市人社局");
    const json = JSON.parse((await run("--db", db, "tasks", "overdue", "--as-of", "2020-01-10", "--format", "json")).out);
    const days = json.overdue.map((c: { days_overdue: number }) => c.days_overdue);
    expect(days).toEqual([...days].sort((a: number, b: number) => b - a));
    expect((await run("--db", db, "tasks", "late")).code).toBe(64);
  });

  it("rebuild replays the progress report and its evidence from the archive", async () => {
    const before = await openWarehouse(db, { readOnly: true });
    const planId = "wafangdian-2018-2020";
    const old = await readReports(before, planId);
    await before.close();
    await rebuildWarehouse(db);
    const w = await openWarehouse(db, { readOnly: true });
    try {
      const again = await readReports(w, planId);
      expect(again.map((r) => [r.milestone_id, r.execution, r.evidence_files.map((e) => e.missing)])).toEqual(
        old.map((r) => [r.milestone_id, r.execution, r.evidence_files.map((e) => e.missing)]),
      );
    } finally {
      await w.close();
    }
    expect(existsSync(`${db}.before-rebuild`)).toBe(true);
  }, 60_000);
});
