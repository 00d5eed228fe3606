import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../domain/progress.ts";
import { parseJson } from "../../loaders/json.ts";
import { findProgressHeader, parseProgressRows, progressFromSheets, splitEvidence } from "../../loaders/progress-report.ts";
import { ingestFile } from "../../pipelines/ingest.ts";
import { loadAndStorePlan } from "../../pipelines/context.ts";
import { readReports } from "../../warehouse/progress.ts";
import { PLAN_FILE, tempWarehouse, wafangdian } from "../helpers.ts";

describe("progress-report rows", () => {
  it("reads English JSON keys, splits evidence on ; and ；, and rejects bad rows with reasons in zh and en", async () => {
    const plan = await wafangdian();
    const rows = parseJson(
      JSON.stringify([
        {
          task: "4",
          milestone: "4.1",
          unit: "Bureau of Industry and Information Technology",
          period: "2019H1",
          execution: "done",
          completed: "2019/6/20",
          evidence: "a.pdf；b.pdf; a.pdf",
          reported: "2019年7月5日",
        },
        { task: "加强市本级财政科技投入", milestone: "出台政策", unit: "市经信局", period: "2019", execution: "on_schedule" },
        { task: "16", unit: "人社局", period: "2019年13月", execution: "按计划" },
        { task: "16", unit: "人社局", period: "2019", execution: "已完成" },
        {
          task: "8",
          milestone: "8.1",
          unit: "市经信局",
          period: "2019Q2",
          execution: "按计划",
          new_due: "2019-09-30",
          approved_by: "瓦政办〔2019〕30号",
        },
        { task: "16", unit: "人社局", period: "2019", execution: "按计划", reported: "2030-01-01" },
      ]),
      "r.json",
    );
    const header = findProgressHeader(rows);
    expect(header).not.toBeNull();
    if (!header) return;
    const { reports, rejected } = parseProgressRows(rows, header, plan, { today: "2020-01-01" });
    expect(reports[0]).toMatchObject({
      task_id: 4,
      milestone_id: "4.1",
      unit_id: "jxj",
      period: "2019H1",
      completed: "2019-06-20",
      reported: "2019-07-05",
      evidence: ["a.pdf", "b.pdf"],
    });
    expect(reports[1]).toMatchObject({ task_id: 8, new_due: "2019-09-30", approved_by: "瓦政办〔2019〕30号" });
    expect(rejected.map((r) => [r.row, r.code, r.column])).toEqual([
      [2, "UNKNOWN_MILESTONE", "milestone"],
      [3, "BAD_PERIOD", "period"],
      [4, "MISSING_COMPLETED", "completed"],
      [6, "REPORTED_IN_FUTURE", "reported"],
    ]);
    expect(rejected[0].zh).toContain("4.1 出台《瓦房店市支持科技创新若干政策措施》");
    // the same rows as the second sheet of a workbook
    const found = progressFromSheets(
      [
        { name: "填报说明", rows: parseJson('[["说明"],["请填写"]]', "x.json") },
        { name: "任务进展", rows },
      ],
      plan,
      { today: "2020-01-01" },
    );
    expect(found).toMatchObject({ sheet: "任务进展", sheetIndex: 1 });
    expect(found?.reports).toHaveLength(2);
    expect(rejected[0].en).toContain("Closest");
  });

  it("periods and evidence lists as offices write them", () => {
    expect(parsePeriod("2019")?.end).toBe("2019-12-31");
    expect(parsePeriod("2019Q3")).toMatchObject({ period: "2019Q3", start: "2019-07-01", end: "2019-09-30" });
    expect(parsePeriod("2019-06")).toMatchObject({ period: "2019-06", end: "2019-06-30" });
    expect(parsePeriod("2019年上半年")).toMatchObject({ period: "2019H1", end: "2019-06-30" });
    expect(parsePeriod("2019年第四季度")?.period).toBe("2019Q4");
    expect(parsePeriod("明年")).toBeNull();
    expect(splitEvidence("甲.pdf；乙.pdf;丙.jpg")).toEqual(["甲.pdf", "乙.pdf", "丙.jpg"]);
  });

  it("an xlsx report with a title row lands through ingest; a second copy of it lands nothing", async () => {
    const { w, dir, cleanup } = await tempWarehouse();
    try {
      const plan = await loadAndStorePlan(w, PLAN_FILE, "en");
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet("任务进展");
      ws.addRow(["2019年工作进展（测试）"]);
      ws.addRow(["任务", "里程碑", "报送单位", "报告期", "执行情况", "完成日期", "工作进展", "填报日期"]);
      ws.addRow([18, "18.1", "市经信局", "2019", "已完成", new Date(Date.UTC(2019, 10, 15)), "签订协议", new Date(Date.UTC(2019, 10, 20))]);
      const path = join(dir, "进展.xlsx");
      writeFileSync(path, Buffer.from(await wb.xlsx.writeBuffer()));
      const first = await ingestFile(w, plan, path);
      expect(first).toMatchObject({ layout: "progress", outcome: "accepted", format: "xlsx" });
      expect((await readReports(w, plan.id))[0]).toMatchObject({
        milestone_id: "18.1",
        completed: "2019-11-15",
        reported: "2019-11-20",
        row: 3,
      });
      expect((await ingestFile(w, plan, path)).outcome).toBe("unchanged");
    } finally {
      await cleanup();
    }
  });
});
