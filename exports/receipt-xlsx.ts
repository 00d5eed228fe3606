/**
 * A submission receipt (回执) as an .xlsx workbook in Chinese and English: a summary sheet, what
 * landed, the rejected cells with reason and fix, and the items still missing. Every value is
 * written as a plain cell value (text stays text: a cell reading "=1+1" is not a formula).
 */
import type ExcelJS from "exceljs";
import { excel } from "../lib/exceljs.ts";
import type { Receipt } from "../domain/receipt.ts";

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: (string | number | null)[][], widths: number[]) {
  const ws = wb.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((v) => (v === null ? "" : v)));
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.views = [{ state: "frozen", ySplit: 1 }];
  return ws;
}

export async function receiptXlsx(r: Receipt): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = "plan-monitor";
  const state = r.state === "landed" ? "已导入 Landed" : r.state === "pending" ? "排队中 Pending" : "未导入 Refused";
  const onTime = r.on_time === null ? "未设截止日期 no deadline" : r.on_time ? "按时 on time" : "逾期 late";
  sheet(
    wb,
    "回执 Receipt",
    ["项目 Item", "内容 Value"],
    [
      ["回执编号 Receipt id", r.id],
      ["单位 Unit", `${r.unit_zh} ${r.unit_en}`],
      ["状态 State", state],
      ["文件 File", r.file.name],
      ["sha256", r.file.sha256],
      ["收到时间 Received", r.received_at],
      ["截止日期 Deadline", `${r.deadline ?? "—"} ${onTime}`],
      ["已导入 Landed", r.landed.length],
      ["未导入 Rejected", r.rejected.length],
      ["尚缺 Missing", r.missing.length],
      ["原因 Reason", r.error ? `${r.error.zh} ${r.error.en}` : ""],
    ],
    [22, 90],
  );
  sheet(
    wb,
    "已导入 Landed",
    ["行 Row", "指标 Indicator", "Indicator", "年份 Year", "数值 Value", "单位 Unit"],
    r.landed.map((i) => [i.row, i.zh, i.en, i.year, i.value, i.unit]),
    [8, 40, 40, 10, 14, 10],
  );
  sheet(
    wb,
    "未导入 Rejected",
    ["行 Row", "列 Column", "内容 Cell", "原因 Reason", "Reason"],
    r.rejected.map((x) => [x.row, x.column, x.value, x.zh, x.en]),
    [8, 16, 24, 60, 60],
  );
  sheet(
    wb,
    "尚缺 Missing",
    ["指标 Indicator", "Indicator"],
    r.missing.map((m) => [m.zh, m.en]),
    [40, 40],
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
