import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { INDICATOR_SHEET, TASK_SHEET } from "../../domain/collection.ts";
import { ingestReturn } from "../../pipelines/collect/returned.ts";
import { rebuildWarehouse } from "../../pipelines/rebuild.ts";
import { openWarehouse, queryRows } from "../../warehouse/connection.ts";
import { DEMO_DIR } from "../helpers.ts";
import { type Round, round } from "./helpers.ts";

let r: Round | undefined;
afterEach(async () => {
  await r?.cleanup();
  r = undefined;
});

const C = INDICATOR_SHEET.columns;
const TASK = TASK_SHEET.columns;

describe("a returned template", () => {
  it("lands the unit's figures as observations for the period, source = the unit", async () => {
    r = await round({ units: ["rsj", "jyj"] });
    const progress = ["按计划", null, "推进中", null, null, null];
    const path = await r.returned("rsj", {
      values: { rd_expenditure: 8.4, high_tech_enterprises: 101, converted_achievements: 19 },
      status: "初步",
      tasks: { "1.1": progress, "16.1": progress, "17.1": progress, "17.2": progress },
    });
    const { receipt } = await ingestReturn(r.w, path, { submittedAt: "2021-01-20T10:00:00" });
    expect(receipt.state).toBe("landed");
    expect(receipt.timeliness).toBe("on_time");
    expect(receipt.landed.map((x) => [x.indicator_id, x.value, x.status])).toEqual([
      ["rd_expenditure", 8.4, "preliminary"],
      ["high_tech_enterprises", 101, "preliminary"],
      ["converted_achievements", 19, "preliminary"],
    ]);
    const rows = await queryRows<{ indicator_id: string; value: number; source: string }>(
      r.w,
      "SELECT indicator_id, value, source FROM observations WHERE year = 2020 AND source = '市人社局' ORDER BY indicator_id",
    );
    expect(rows.map((x) => x.indicator_id)).toEqual(["converted_achievements", "high_tech_enterprises", "rd_expenditure"]);
  });

  it("rejects each kind of foreign or changed cell with a reason in zh and en, and lands the rest", async () => {
    r = await round({ units: ["rsj", "jyj"] });
    const t = r.issued.find((x) => x.template.unit.id === "rsj")!.template;
    const row = (id: string) => t.items.find((i) => i.indicator_id === id)!.row;
    const path = await r.returned("rsj", {
      values: { rd_expenditure: 8.4, high_tech_enterprises: "约100", converted_achievements: -3 },
      edits: [[row("rd_expenditure"), C.target, 999]],
      extraRows: [
        ["fry_release", "增殖放流", 2],
        ["", "自编指标", 5],
      ],
    });
    const { receipt } = await ingestReturn(r.w, path);
    expect(receipt.state).toBe("partial");
    const codes = receipt.rejected.map((c) => c.code).sort();
    expect(codes).toEqual(["BAD_NUMBER", "LOCKED_CELL", "NEGATIVE_VALUE", "NOT_YOUR_ITEM", "UNKNOWN_ITEM"].sort());
    for (const c of receipt.rejected) {
      expect(c.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(c.en).toMatch(/[a-z]/);
      expect(c.fix_zh.length + c.fix_en.length).toBeGreaterThan(0);
      expect(c.row).toBeGreaterThanOrEqual(INDICATOR_SHEET.firstRow);
    }
    const foreign = receipt.rejected.find((c) => c.code === "NOT_YOUR_ITEM")!;
    expect(foreign.zh).toContain("市农发局");
    expect(receipt.landed.map((x) => x.indicator_id)).toEqual(["rd_expenditure"]);
  });

  it("a renamed indicator is rejected; an empty item is listed as still empty", async () => {
    r = await round({ units: ["rsj"] });
    const t = r.issued[0].template;
    const path = await r.returned("rsj", {
      values: { rd_expenditure: 8.4, high_tech_enterprises: 100 },
      edits: [[t.items[1].row, C.name, "高新企业"]],
    });
    const { receipt } = await ingestReturn(r.w, path);
    expect(receipt.rejected.map((c) => c.code)).toEqual(["CHANGED_NAME"]);
    expect(receipt.empty.map((e) => e.indicator_id)).toEqual(["converted_achievements"]);
  });

  it("task rows land as progress reports through the progress-report loader; foreign and bad rows are rejected", async () => {
    r = await round({ units: ["rsj"] });
    const t = r.issued[0].template;
    expect(t.tasks.map((m) => m.milestone_id)).toEqual(["1.1", "16.1", "17.1", "17.2"]);
    const last = t.tasks.at(-1)!.row;
    const path = await r.returned("rsj", {
      values: { rd_expenditure: 8.4, high_tech_enterprises: 100, converted_achievements: 20 },
      tasks: {
        "1.1": ["按计划", null, "已兑现加计扣除", null, "继续落实", null],
        "16.1": ["已完成", "2020-06-30", "出台分配办法", null, null, null],
        "17.1": ["已完成", "2030-01-01", "将来的日期", null, null, null],
      },
      taskEdits: [
        [last + 1, TASK.task, 4],
        [last + 1, TASK.milestone, "4.1"],
        [last + 1, TASK.name, "出台《瓦房店市支持科技创新若干政策措施》"],
        [last + 1, TASK.execution, "已完成"],
      ],
    });
    const { receipt } = await ingestReturn(r.w, path, { submittedAt: "2021-01-20T10:00:00" });
    expect(receipt.tasks_landed.map((x) => [x.milestone_id, x.execution])).toEqual([
      ["1.1", "on_schedule"],
      ["16.1", "done"],
    ]);
    expect(receipt.tasks_empty.map((x) => x.milestone_id)).toEqual(["17.2"]);
    const taskRejections = receipt.rejected.filter((c) => c.sheet === "任务进展");
    expect(taskRejections.map((c) => c.code).sort()).toEqual(["NOT_YOUR_ITEM", expect.any(String)].sort());
    expect(taskRejections.find((c) => c.code === "NOT_YOUR_ITEM")?.zh).toContain("市经信局");
    expect(taskRejections.some((c) => c.row === t.tasks[2].row)).toBe(true);
    const rows = await queryRows<{ milestone_id: string; execution: string; unit_id: string; period: string }>(
      r.w,
      "SELECT milestone_id, execution, unit_id, period FROM progress_reports WHERE ingested_at = TIMESTAMP '2021-01-20 10:00:00' ORDER BY seq",
    );
    expect(rows).toEqual([
      { milestone_id: "1.1", execution: "on_schedule", unit_id: "rsj", period: "2020" },
      { milestone_id: "16.1", execution: "done", unit_id: "rsj", period: "2020" },
    ]);
  });

  it("a template for another plan version, period or unit is refused whole", async () => {
    r = await round({ units: ["rsj", "jyj"] });
    const path = await r.returned("rsj", { values: { rd_expenditure: 8.4 } });
    expect((await ingestReturn(r.w, path, { expectedUnit: "jyj" })).receipt.refused?.code).toBe("OTHER_UNIT");
    expect((await ingestReturn(r.w, path, { expectedPeriod: 2019 })).receipt.refused?.code).toBe("OTHER_PERIOD");
    await r.w.connection.run("UPDATE plans SET sha256 = 'changed'");
    const res = await ingestReturn(r.w, path);
    expect(res.receipt.state).toBe("refused");
    expect(res.receipt.refused?.code).toBe("OTHER_PLAN_VERSION");
    expect(res.receipt.refused?.zh).toContain("旧版本");
    const [{ n }] = await queryRows<{ n: number }>(r.w, "SELECT CAST(count(*) AS DOUBLE) AS n FROM observations WHERE source = '市人社局'");
    expect(n).toBe(0);
  });

  it("a file that is no template is refused as such; a resubmission supersedes and both stay", async () => {
    r = await round({ units: ["rsj"] });
    const demo = join(DEMO_DIR, "demo-synthetic-3-经信局-任务指标.xlsx");
    expect((await ingestReturn(r.w, demo)).receipt.refused?.code).toBe("NOT_A_TEMPLATE");
    const first = await r.returned("rsj", { values: { rd_expenditure: 8.4 } }, "first.xlsx");
    const second = await r.returned(
      "rsj",
      { values: { rd_expenditure: 8.6, high_tech_enterprises: 100, converted_achievements: 20 }, status: "正式" },
      "second.xls.xlsx",
    );
    await ingestReturn(r.w, first, { submittedAt: "2021-01-20T09:00:00" });
    const again = await ingestReturn(r.w, second, { submittedAt: "2021-02-03T09:00:00" });
    expect(again.receipt.earlier_submissions).toBe(1);
    expect(again.receipt.timeliness).toBe("late");
    const subs = await queryRows(r.w, "SELECT file_name FROM collection_submissions ORDER BY submission_id");
    expect(subs.map((s) => (s as { file_name: string }).file_name)).toEqual(["first.xlsx", "second.xls.xlsx"]);
    const [cur] = await queryRows<{ value: number }>(
      r.w,
      "SELECT value FROM current_observations WHERE indicator_id = 'rd_expenditure' AND year = 2020 AND source = '市人社局'",
    );
    expect(cur?.value ?? null).not.toBeNull();
    const hist = await queryRows<{ value: number }>(
      r.w,
      "SELECT value FROM observations WHERE indicator_id = 'rd_expenditure' AND source = '市人社局' ORDER BY seq",
    );
    expect(hist.map((h) => h.value)).toEqual([8.4, 8.6]);
    expect(readFileSync(second).length).toBeGreaterThan(0);
  });

  it("rebuild from the archive restores the form as issued, the return, its figures and its receipt", async () => {
    r = await round({ units: ["rsj"] });
    const path = await r.returned("rsj", { values: { rd_expenditure: 8.4, high_tech_enterprises: "约100" } });
    await ingestReturn(r.w, path, { submittedAt: "2021-01-20T10:00:00" });
    const count = async (sql: string) => (await queryRows<{ n: number }>(r!.w, `SELECT CAST(count(*) AS DOUBLE) AS n FROM ${sql}`))[0].n;
    const before = [
      await count("collection_templates"),
      await count("collection_submissions"),
      await count("observations WHERE source = '市人社局'"),
    ];
    await r.w.close();
    await rebuildWarehouse(r.dbPath);
    r.w = await openWarehouse(r.dbPath, { waitMs: 0 });
    expect([
      await count("collection_templates"),
      await count("collection_submissions"),
      await count("observations WHERE source = '市人社局'"),
    ]).toEqual(before);
    expect(before).toEqual([1, 1, 1]);
    const [sub] = await queryRows<{ receipt_json: string }>(r.w, "SELECT receipt_json FROM collection_submissions");
    expect(JSON.parse(sub.receipt_json).rejected.map((c: { code: string }) => c.code)).toEqual(["BAD_NUMBER"]);
  });

  it("rebuild keeps a form issued but never returned, so collect status still counts that unit", async () => {
    r = await round({ units: ["rsj", "jyj"] });
    const path = await r.returned("rsj", { values: { rd_expenditure: 8.4 } });
    await ingestReturn(r.w, path, { submittedAt: "2021-01-20T10:00:00" });
    await r.w.close();
    await rebuildWarehouse(r.dbPath);
    r.w = await openWarehouse(r.dbPath, { waitMs: 0 });
    const units = await queryRows<{ unit_id: string }>(r.w, "SELECT unit_id FROM collection_templates ORDER BY unit_id");
    expect(units.map((u) => u.unit_id)).toEqual(["jyj", "rsj"]);
    const subs = await queryRows<{ unit_id: string }>(r.w, "SELECT unit_id FROM collection_submissions");
    expect(subs.map((u) => u.unit_id)).toEqual(["rsj"]);
  });
});
