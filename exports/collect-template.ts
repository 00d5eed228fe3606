/**
 * The 填报表 a responsible unit fills in: one .xlsx per unit (exceljs) with
 *   填报说明 — what to fill, the deadline, units of measure, whom to contact, the rules;
 *   指标数据 — one row per indicator the unit is responsible for: labels and reference figures
 *             locked and greyed, the period's value, 数据状态 and 备注 unlocked and highlighted, with
 *             data validation (decimal ≥ 0, a status drop-down);
 *   pm_meta  — hidden and protected: template id, plan id and sha256, unit, period, dates.
 * Sheets are protected without a password (a guard against slips, not a lock). A4 print setup.
 *
 * @example
 *   const bytes = await writeTemplateXlsx(issued, { contact: "市科技局 规划科 0411-0000000" });
 */
import type ExcelJS from "exceljs";
import { excel } from "../lib/exceljs.ts";
import {
  INDICATOR_SHEET,
  type IssuedTemplate,
  META_MARK,
  META_SHEET,
  META_VERSION,
  SHEETS,
  STATUS_CHOICES,
  TASK_SHEET,
  EXECUTION_CHOICES,
  type TemplateMeta,
} from "../domain/collection.ts";

export interface TemplateOptions {
  /** Whom to contact (name, office, phone); default: the plan's issuer. */
  contact?: string;
  /** Plan title and document number, shown in the instructions. */
  planTitle: string;
  planDocument: string;
}

const INPUT_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFFFF2CC" } };
const REF_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFEDEDED" } };
const HEAD_FILL: ExcelJS.Fill = { type: "pattern", pattern: "solid", fgColor: { argb: "FFDDE4EE" } };
const THIN: Partial<ExcelJS.Borders> = {
  top: { style: "thin", color: { argb: "FF999999" } },
  bottom: { style: "thin", color: { argb: "FF999999" } },
  left: { style: "thin", color: { argb: "FF999999" } },
  right: { style: "thin", color: { argb: "FF999999" } },
};
const FONT = { name: "SimSun", size: 11 };

/** Protection that lets a user select and fill unlocked cells and nothing else (no password). */
const PROTECT: Partial<ExcelJS.WorksheetProtection> = {
  selectLockedCells: true,
  selectUnlockedCells: true,
  formatColumns: true,
  formatRows: true,
};

const A4 = (ws: ExcelJS.Worksheet, landscape: boolean) => {
  ws.pageSetup = {
    paperSize: 9,
    orientation: landscape ? "landscape" : "portrait",
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0,
    margins: { left: 0.5, right: 0.5, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
};

export const templateFileName = (t: IssuedTemplate): string =>
  t.meta.lang === "zh" ? `${t.meta.period}-${t.unit.zh}-填报表.xlsx` : `${t.meta.period}-${t.unit.id}-return-form.xlsx`;

export async function writeTemplateXlsx(t: IssuedTemplate, opts: TemplateOptions): Promise<Uint8Array> {
  const wb = new (await excel()).Workbook();
  wb.creator = "plan-monitor";
  wb.title = templateFileName(t);
  const zh = t.meta.lang === "zh";
  await instructionsSheet(wb, t, opts, zh);
  await indicatorSheet(wb, t, zh);
  if (t.tasks.length > 0) await taskSheet(wb, t, zh);
  await metaSheet(wb, t.meta);
  wb.views = [{ x: 0, y: 0, width: 20000, height: 12000, firstSheet: 0, activeTab: 0, visibility: "visible" }];
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

function instructionLines(t: IssuedTemplate, opts: TemplateOptions, zh: boolean): string[] {
  const { period, deadline } = t.meta;
  const contact = opts.contact ?? (zh ? "计划牵头部门" : "the planning office");
  const units = t.items.map((i) => (zh ? `${i.zh}：${i.unit}` : `${i.en}: ${i.unit}`));
  if (zh)
    return [
      `${opts.planTitle}（${opts.planDocument}）`,
      `${period}年度数据填报表 — ${t.unit.zh}`,
      "",
      `一、填报内容：请在"${SHEETS.indicators.zh}"表黄色单元格中填写本单位负责指标${period}年的数值、数据状态（初步/正式）和备注。灰色单元格为已有数据和目标，仅供参考，不能修改。`,
      ...(t.tasks.length
        ? [
            `　　并在"${SHEETS.tasks.zh}"表中逐个里程碑填写执行情况（按计划/提前/延期/未启动/已完成）、完成日期、工作进展、存在问题、下一步和佐证材料文件名（共${t.tasks.length}个里程碑）。`,
          ]
        : []),
      `二、报送时限：${deadline ? `请于${deadline}前（含当日）报送。` : "请尽快报送。"}`,
      `三、计量单位：${units.join("；")}。请按所列单位填写，不要换算成其他单位。`,
      "四、填写要求：数值只填阿拉伯数字（可带小数点），不填文字、单位或公式；暂无数据的留空或填“—”，不要填0。不要增删行、列或工作表，不要修改指标名称，不要改动灰色单元格。",
      "五、文件格式：可用 Excel、WPS 或 LibreOffice 填写，保存为 .xlsx、.xls、.et 或 .ods 均可；文件名可以修改。",
      `六、联系方式：${contact}。`,
      `七、报送后将收到回执，列明已采用的数据、需更正的单元格和尚未填写的项目。`,
    ];
  return [
    `${opts.planTitle} (${opts.planDocument})`,
    `Return form for ${period} — ${t.unit.en}`,
    "",
    `1. What to fill: in the yellow cells of the "${SHEETS.indicators.en}" sheet, the ${period} value of each indicator your unit is responsible for, its status (preliminary/final) and any remark. Grey cells hold figures already held and targets, for reference; they cannot be changed.`,
    ...(t.tasks.length
      ? [
          `   Also, in the "${SHEETS.tasks.en}" sheet, for each of the ${t.tasks.length} milestones: the execution (on schedule/ahead/delayed/not started/done), the completion date, progress, problems, next steps and the evidence file names.`,
        ]
      : []),
    `2. Deadline: ${deadline ? `return the form by ${deadline} (inclusive).` : "return the form as soon as you can."}`,
    `3. Units of measure: ${units.join("; ")}. Write each figure in the unit shown.`,
    '4. Rules: figures in digits only (a decimal point is fine), no words, units or formulas; where there is no figure leave the cell empty or write "—", never 0. Do not add or delete rows, columns or sheets, rename indicators or change grey cells.',
    "5. File format: fill it in Excel, WPS or LibreOffice and save as .xlsx, .xls, .et or .ods; the file may be renamed.",
    `6. Contact: ${contact}.`,
    "7. You will receive a receipt listing the figures taken, any cell to correct and the items still empty.",
  ];
}

async function instructionsSheet(wb: ExcelJS.Workbook, t: IssuedTemplate, opts: TemplateOptions, zh: boolean): Promise<void> {
  const ws = wb.addWorksheet(zh ? SHEETS.instructions.zh : SHEETS.instructions.en);
  // About 40 Chinese characters a line: fits A4 portrait at 100 % in Excel, WPS and LibreOffice.
  ws.getColumn(1).width = 82;
  instructionLines(t, opts, zh).forEach((line, i) => {
    const cell = ws.getCell(i + 1, 1);
    cell.value = line;
    cell.alignment = { wrapText: true, vertical: "top" };
    cell.font = { ...FONT, size: i < 2 ? 14 : 11, bold: i < 2 };
    if (i >= 3) ws.getRow(i + 1).height = Math.max(20, Math.ceil(line.length / (zh ? 38 : 80)) * 17);
  });
  A4(ws, false);
  await ws.protect("", PROTECT);
}

async function indicatorSheet(wb: ExcelJS.Workbook, t: IssuedTemplate, zh: boolean): Promise<void> {
  const ws = wb.addWorksheet(zh ? SHEETS.indicators.zh : SHEETS.indicators.en, {
    views: [{ state: "frozen", ySplit: INDICATOR_SHEET.headerRow, xSplit: 3 }],
  });
  const c = INDICATOR_SHEET.columns;
  const { period } = t.meta;
  ws.getCell(1, 1).value = zh ? `${t.unit.zh} ${period}年指标数据` : `${t.unit.en}: indicator data for ${period}`;
  ws.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  ws.mergeCells(1, 1, 1, INDICATOR_SHEET.lastColumn);
  ws.getCell(2, 1).value = zh
    ? `只填黄色单元格。数值填数字；暂无数据留空或填“—”。${t.meta.deadline ? `截止日期：${t.meta.deadline}。` : ""}`
    : `Fill the yellow cells only. Figures in digits; no figure: leave empty or write "—".${t.meta.deadline ? ` Deadline: ${t.meta.deadline}.` : ""}`;
  ws.getCell(2, 1).font = { ...FONT, color: { argb: "FF9C5700" } };
  ws.mergeCells(2, 1, 2, INDICATOR_SHEET.lastColumn);
  const headers = headerTexts(t, zh);
  headers.forEach((h, i) => {
    const cell = ws.getCell(INDICATOR_SHEET.headerRow, i + 1);
    cell.value = h;
    cell.font = { ...FONT, bold: true };
    cell.fill = i + 1 >= c.value ? INPUT_FILL : HEAD_FILL;
    cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
    cell.border = THIN;
  });
  ws.getRow(INDICATOR_SHEET.headerRow).height = 34;
  const widths = [6, 22, 40, 10, 11, 11, 11, 11, 16, 12, 28];
  widths.forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  ws.getColumn(c.id).hidden = false;
  for (const [n, item] of t.items.entries()) {
    const r = item.row;
    const values: (string | number | null)[] = [
      n + 1,
      item.indicator_id,
      zh ? item.zh : item.en,
      item.unit,
      item.target,
      ...item.reference,
    ];
    values.forEach((v, i) => {
      const cell = ws.getCell(r, i + 1);
      cell.value = v;
      cell.font = i >= 4 ? { ...FONT, color: { argb: "FF555555" } } : FONT;
      cell.fill = REF_FILL;
      cell.border = THIN;
      cell.alignment = { vertical: "middle", wrapText: i === 2 };
    });
    const value = ws.getCell(r, c.value);
    value.protection = { locked: false };
    value.fill = INPUT_FILL;
    value.border = THIN;
    value.numFmt = "#,##0.####";
    value.dataValidation = {
      type: "decimal",
      operator: "greaterThanOrEqual",
      formulae: [0],
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: "warning",
      errorTitle: zh ? "请填写数字" : "A number, please",
      error: zh
        ? "请填写不小于0的数字；暂无数据请留空或填“—”。"
        : 'Write a number of at least 0; for no figure leave it empty or write "—".',
      showInputMessage: true,
      promptTitle: zh ? `${period}年数值` : `${period} value`,
      prompt: zh ? `单位：${item.unit}` : `unit: ${item.unit}`,
    };
    const status = ws.getCell(r, c.status);
    status.protection = { locked: false };
    status.fill = INPUT_FILL;
    status.border = THIN;
    status.dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${(zh ? STATUS_CHOICES.zh : STATUS_CHOICES.en).join(",")}"`],
      showErrorMessage: true,
      errorTitle: zh ? "数据状态" : "Status",
      error: zh ? "请选择“初步”或“正式”。" : "Choose preliminary or final.",
    };
    const note = ws.getCell(r, c.note);
    note.protection = { locked: false };
    note.fill = INPUT_FILL;
    note.border = THIN;
    note.alignment = { wrapText: true, vertical: "middle" };
    ws.getRow(r).height = 30;
  }
  A4(ws, true);
  ws.pageSetup.printTitlesRow = `${INDICATOR_SHEET.headerRow}:${INDICATOR_SHEET.headerRow}`;
  await ws.protect("", PROTECT);
}

/** Headers of the 任务进展 sheet: the words loaders/progress-report.ts reads (任务, 里程碑, 报送单位, ...). */
export function taskHeaders(zh: boolean): string[] {
  return zh
    ? ["任务", "里程碑", "工作内容", "完成时限", "报送单位", "报告期", "执行情况", "完成日期", "工作进展", "存在问题", "下一步", "佐证材料"]
    : ["task", "milestone", "work", "due", "unit", "period", "execution", "completed", "progress", "problems", "next_steps", "evidence"];
}

async function taskSheet(wb: ExcelJS.Workbook, t: IssuedTemplate, zh: boolean): Promise<void> {
  const ws = wb.addWorksheet(zh ? SHEETS.tasks.zh : SHEETS.tasks.en, {
    views: [{ state: "frozen", ySplit: TASK_SHEET.headerRow, xSplit: 3 }],
  });
  const c = TASK_SHEET.columns;
  ws.getCell(1, 1).value = zh ? `${t.unit.zh} ${t.meta.period}年任务进展` : `${t.unit.en}: task progress for ${t.meta.period}`;
  ws.getCell(1, 1).font = { ...FONT, size: 14, bold: true };
  ws.mergeCells(1, 1, 1, TASK_SHEET.lastColumn);
  ws.getCell(2, 1).value = zh
    ? "每个里程碑一行：选择执行情况；已完成的填完成日期；简述工作进展、存在问题和下一步；佐证材料填文件名（文件随表一并报送）。"
    : "One row per milestone: choose the execution; give the completion date when done; describe progress, problems and next steps; list evidence file names (send the files with the form).";
  ws.getCell(2, 1).font = { ...FONT, color: { argb: "FF9C5700" } };
  ws.getCell(2, 1).alignment = { wrapText: true };
  ws.mergeCells(2, 1, 2, TASK_SHEET.lastColumn);
  ws.getRow(2).height = 30;
  taskHeaders(zh).forEach((h, i) => {
    const cell = ws.getCell(TASK_SHEET.headerRow, i + 1);
    cell.value = h;
    cell.font = { ...FONT, bold: true };
    cell.fill = i + 1 >= c.execution ? INPUT_FILL : HEAD_FILL;
    cell.alignment = { wrapText: true, vertical: "middle", horizontal: "center" };
    cell.border = THIN;
  });
  [6, 8, 36, 12, 14, 8, 11, 12, 36, 28, 28, 22].forEach((w, i) => {
    ws.getColumn(i + 1).width = w;
  });
  for (const m of t.tasks) {
    const due = m.recurring ? (zh ? `每年${m.due.slice(5)}` : `each year ${m.due.slice(5)}`) : m.due;
    const locked = [m.task_id, m.milestone_id, zh ? m.zh : m.en, due, zh ? t.unit.zh : t.unit.en, String(t.meta.period)];
    locked.forEach((v, i) => {
      const cell = ws.getCell(m.row, i + 1);
      cell.value = v;
      cell.font = FONT;
      cell.fill = REF_FILL;
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: true };
    });
    for (let col = c.execution; col <= c.evidence; col++) {
      const cell = ws.getCell(m.row, col);
      cell.protection = { locked: false };
      cell.fill = INPUT_FILL;
      cell.border = THIN;
      cell.alignment = { vertical: "top", wrapText: true };
    }
    ws.getCell(m.row, c.execution).dataValidation = {
      type: "list",
      allowBlank: true,
      formulae: [`"${(zh ? EXECUTION_CHOICES.zh : EXECUTION_CHOICES.en).join(",")}"`],
      showErrorMessage: true,
      errorTitle: zh ? "执行情况" : "Execution",
      error: zh ? `请从列表中选择：${EXECUTION_CHOICES.zh.join("、")}。` : `Choose one of: ${EXECUTION_CHOICES.en.join(", ")}.`,
    };
    const completed = ws.getCell(m.row, c.completed);
    completed.numFmt = "yyyy-mm-dd";
    completed.dataValidation = {
      type: "date",
      operator: "between",
      allowBlank: true,
      formulae: [new Date(Date.UTC(2000, 0, 1)), new Date(Date.UTC(2100, 11, 31))],
      showErrorMessage: true,
      errorTitle: zh ? "完成日期" : "Completion date",
      error: zh ? "请填写日期，如 2020-06-30。" : "Write a date such as 2020-06-30.",
    };
    ws.getRow(m.row).height = 48;
  }
  A4(ws, true);
  ws.pageSetup.printTitlesRow = `${TASK_SHEET.headerRow}:${TASK_SHEET.headerRow}`;
  await ws.protect("", PROTECT);
}

/** The header row of the 指标数据 sheet; the reader checks returned files against the same texts. */
export function headerTexts(t: IssuedTemplate, zh: boolean): string[] {
  const refs = t.reference_years.map((y) => (zh ? `${y}年\n已有数` : `${y}\nheld`));
  return zh
    ? ["序号", "指标编码", "指标名称", "计量单位", "目标值", ...refs, `${t.meta.period}年数值`, "数据状态", "备注"]
    : ["No.", "Code", "Indicator", "Unit", "Target", ...refs, `${t.meta.period} value`, "Status", "Remark"];
}

/** Key/value rows of the hidden meta sheet; read back by loaders/returned.ts. */
export function metaRows(meta: TemplateMeta): [string, string | number][] {
  return [
    ["format", META_MARK],
    ["format_version", META_VERSION],
    ["template_id", meta.template_id],
    ["plan_id", meta.plan_id],
    ["plan_sha256", meta.plan_sha256],
    ["unit_id", meta.unit_id],
    ["period", meta.period],
    ["issued", meta.issued],
    ["deadline", meta.deadline ?? ""],
    ["lang", meta.lang],
  ];
}

async function metaSheet(wb: ExcelJS.Workbook, meta: TemplateMeta): Promise<void> {
  const ws = wb.addWorksheet(META_SHEET, { state: "hidden" });
  metaRows(meta).forEach(([k, v], i) => {
    ws.getCell(i + 1, 1).value = k;
    // Text, so that LibreOffice and WPS keep ids and dates exactly as written.
    ws.getCell(i + 1, 2).value = String(v);
  });
  ws.getColumn(1).width = 16;
  ws.getColumn(2).width = 70;
  await ws.protect("", PROTECT);
}
