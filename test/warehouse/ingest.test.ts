import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { type FileToLand, landFile } from "../../warehouse/ingest.ts";
import { storePlan } from "../../warehouse/plans.ts";
import { readFiles, readObservationPoints, readObservations, readPlan, readRejected } from "../../warehouse/read.ts";
import { obs, tempWarehouse, wafangdian } from "../helpers.ts";

let w: Warehouse;
let cleanup: () => Promise<void>;
let plan: Plan;

beforeEach(async () => {
  ({ w, cleanup } = await tempWarehouse());
  plan = await wafangdian();
  await storePlan(w, plan, { sha256: "p1", path: null });
});
afterEach(async () => cleanup());

const file = (sha256: string, observations: FileToLand["observations"], extra: Partial<FileToLand> = {}): FileToLand => ({
  planId: plan.id,
  sha256,
  path: `/in/${sha256}.csv`,
  name: `${sha256}.csv`,
  size: 10,
  format: "csv",
  encoding: "utf-8",
  layout: "long",
  sheet: null,
  headerRow: 1,
  rowsRead: observations.length,
  observations,
  rejected: [],
  ...extra,
});

describe("landFile", () => {
  it("stores and reads back the plan", async () => {
    const back = await readPlan(w);
    expect(back.id).toBe("wafangdian-2018-2020");
    expect(back.indicators).toHaveLength(13);
    expect(await storePlan(w, plan, { sha256: "p1", path: null })).toBe(false);
  });

  it("lets a final figure published later supersede a preliminary one, and keeps the history", async () => {
    const a = await landFile(
      w,
      file("a", [obs({ indicator_id: "rd_expenditure", year: 2019, value: 6.9, status: "preliminary", published: "2020-03-20" })]),
    );
    expect(a).toMatchObject({ outcome: "accepted", accepted: 1, superseded: 0 });
    const b = await landFile(
      w,
      file("b", [obs({ indicator_id: "rd_expenditure", year: 2019, value: 7.1, status: "final", published: "2020-10-15" })]),
    );
    expect(b).toMatchObject({ outcome: "accepted", accepted: 1, superseded: 1 });
    const current = await readObservations(w, { planId: plan.id });
    expect(current.map((r) => [r.value, r.status])).toEqual([[7.1, "final"]]);
    const history = await readObservations(w, { planId: plan.id, history: true });
    expect(history.map((r) => [r.value, r.current])).toEqual([
      [6.9, false],
      [7.1, true],
    ]);
    const points = await readObservationPoints(w, plan);
    expect(points.map((p) => p.published)).toEqual(["2020-03-20", "2020-10-15"]);
  });

  it("keeps an older vintage in the history without letting it replace the current figure", async () => {
    await landFile(
      w,
      file("b", [obs({ indicator_id: "rd_expenditure", year: 2019, value: 7.1, status: "final", published: "2020-10-15" })]),
    );
    const a = await landFile(
      w,
      file("a", [obs({ indicator_id: "rd_expenditure", year: 2019, value: 6.9, status: "preliminary", published: "2020-03-20" })]),
    );
    expect(a).toMatchObject({ accepted: 1, superseded: 0, older: 1 });
    expect((await readObservations(w, { planId: plan.id })).map((r) => r.value)).toEqual([7.1]);
  });

  it("changes nothing when the same file lands again, or when a new file repeats the figures held", async () => {
    const rows = [obs({ indicator_id: "high_tech_enterprises", year: 2018, value: 66, unit: "家" })];
    await landFile(w, file("a", rows));
    expect(await landFile(w, file("a", rows))).toMatchObject({ outcome: "unchanged", accepted: 0 });
    expect(await landFile(w, file("c", rows))).toMatchObject({ outcome: "accepted", accepted: 0, unchanged: 1 });
    expect(await readObservations(w, { planId: plan.id, history: true })).toHaveLength(1);
    expect(await readFiles(w)).toHaveLength(2);
  });

  it("records rejected rows with the file, and marks the file partial", async () => {
    const s = await landFile(
      w,
      file("r", [obs({ indicator_id: "incubators", year: 2018, value: 1, unit: "个" })], {
        rejected: [{ row: 4, column: "数值", value: "abc", code: "BAD_NUMBER", zh: "不是数字", en: "not a number" }],
      }),
    );
    expect(s).toMatchObject({ outcome: "partial", accepted: 1, rejected: 1 });
    expect(await readRejected(w)).toEqual([
      { file: "r.csv", sha256: "r", row: 4, column: "数值", value: "abc", code: "BAD_NUMBER", zh: "不是数字", en: "not a number" },
    ]);
  });

  it("lands a file whole or not at all", async () => {
    const bad = obs({ indicator_id: "incubators", year: 2019, value: 2, unit: "个" });
    // A null indicator violates NOT NULL after the first row was written: the whole file must roll back.
    const broken = [
      obs({ indicator_id: "incubators", year: 2018, value: 1, unit: "个" }),
      { ...bad, indicator_id: null as unknown as string },
    ];
    await expect(landFile(w, file("x", broken))).rejects.toThrow();
    expect(await readObservations(w, { planId: plan.id, history: true })).toHaveLength(0);
    expect(await readFiles(w)).toHaveLength(0);
  });

  it("binds hostile text as data, never as SQL", async () => {
    const evil = "'); DROP TABLE observations;--";
    await landFile(w, file("evil", [obs({ indicator_id: "incubators", year: 2018, value: 1, unit: "个", source: evil, note: evil })]));
    const rows = await readObservations(w, { planId: plan.id });
    expect(rows[0].source).toBe(evil);
  });
});
