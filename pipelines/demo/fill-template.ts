/**
 * Fill a 填报表 as a unit would, with exceljs: figures in the value cells, a status, a remark, and
 * (for tests and the demo's "one with errors") the mistakes units make: a changed grey cell, a row
 * added for another unit's indicator, a renamed indicator, words instead of digits.
 *
 * @example
 *   const returned = await fillTemplate(bytes, { values: { rd_expenditure: 8.3 }, status: "正式" });
 */
import { excel } from "../../lib/exceljs.ts";
import { INDICATOR_SHEET, SHEETS, TASK_SHEET } from "../../domain/collection.ts";

export interface Fill {
  /** indicator id → what the unit types in the value cell (a number, or text such as "约50" or "—"). */
  values: Record<string, number | string>;
  status?: string;
  notes?: Record<string, string>;
  /** Cells to overwrite anywhere on the indicator sheet: [row, column, value]. */
  edits?: [number, number, string | number][];
  /** Rows appended below the items: [code, name, value]. */
  extraRows?: [string, string, number | string][];
  /** 任务进展: milestone id ("4.1") → [执行情况, 完成日期, 工作进展, 存在问题, 下一步, 佐证材料] (missing ones left empty). */
  tasks?: Record<string, (string | null)[]>;
  /** Cells to overwrite on the 任务进展 sheet: [row, column, value]. */
  taskEdits?: [number, number, string | number][];
}

export async function fillTemplate(bytes: Uint8Array, fill: Fill): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  await wb.xlsx.load(Buffer.from(bytes) as unknown as Parameters<typeof wb.xlsx.load>[0]);
  const ws = wb.getWorksheet(SHEETS.indicators.zh) ?? wb.getWorksheet(SHEETS.indicators.en);
  if (!ws) throw new Error("no indicator sheet");
  const c = INDICATOR_SHEET.columns;
  let last: number = INDICATOR_SHEET.headerRow;
  ws.eachRow((row, n) => {
    if (n < INDICATOR_SHEET.firstRow) return;
    const id = String(row.getCell(c.id).value ?? "");
    if (!id) return;
    last = n;
    if (id in fill.values) {
      row.getCell(c.value).value = fill.values[id];
      if (fill.status) row.getCell(c.status).value = fill.status;
    }
    if (fill.notes?.[id]) row.getCell(c.note).value = fill.notes[id];
  });
  for (const [code, name, value] of fill.extraRows ?? []) {
    last++;
    ws.getCell(last, c.id).value = code;
    ws.getCell(last, c.name).value = name;
    ws.getCell(last, c.value).value = value;
  }
  for (const [r, col, v] of fill.edits ?? []) ws.getCell(r, col).value = v;
  const tasks = wb.getWorksheet(SHEETS.tasks.zh) ?? wb.getWorksheet(SHEETS.tasks.en);
  if (tasks) for (const [r, col, v] of fill.taskEdits ?? []) tasks.getCell(r, col).value = v;
  if (tasks && fill.tasks) {
    const t = TASK_SHEET.columns;
    tasks.eachRow((row, n) => {
      if (n < TASK_SHEET.firstRow) return;
      const values = fill.tasks?.[String(row.getCell(t.milestone).value ?? "")];
      values?.forEach((v, i) => {
        if (v !== null) row.getCell(t.execution + i).value = v;
      });
    });
  }
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
