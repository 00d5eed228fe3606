/**
 * A returned 填报表 → what it says, checked against the template as issued. Pure: sheets in
 * (from any office format, see read-file.ts `readSheets`), a ReturnedRead out.
 *
 * `templateMeta(sheets)` recognises a template by its hidden pm_meta sheet (file names do not
 * matter). `checkTemplate` refuses a whole file made for another plan, plan version, period or unit.
 * `readReturned` takes only the unit's own items: a row for another unit's indicator, a changed
 * indicator name, a value typed into a locked cell, a bad number or status is a rejected cell with
 * a reason and a fix in zh and en; the rest lands.
 *
 * The 任务进展 sheet's filled rows go through the progress-report loader (loaders/progress-report.ts).
 *
 * @example
 *   const meta = templateMeta(sheets);                           // TemplateMeta | null
 *   const read = readReturned(sheets, issued, plan, "2021-01-20"); // { landed, rejected, empty, reports, ... }
 */
import {
  columnLetter,
  INDICATOR_SHEET,
  type IssuedTemplate,
  type LandedItem,
  META_MARK,
  META_SHEET,
  type ReceiptProblem,
  type RejectedCell,
  type ReturnedRead,
  SHEETS,
  TASK_SHEET,
  type TemplateMeta,
  unitsForIndicator,
} from "../domain/collection.ts";
import type { Plan } from "../domain/plan.ts";
import type { ProgressReport } from "../domain/progress.ts";
import { findProgressHeader, parseProgressRows } from "./progress-report.ts";
import { IndicatorMatcher, normaliseName } from "./indicator-match.ts";
import { parseStatus, parseValueCell } from "./normalise.ts";
import type { Cell, GridRow } from "./table.ts";
import type { SheetGrid } from "./xlsx.ts";

const text = (c: Cell | null | undefined): string => (c ? c.text.trim() : "");

/** The template's meta, or null when the workbook is no plan-monitor template. */
export function templateMeta(sheets: SheetGrid[]): TemplateMeta | null {
  const sheet = sheets.find((s) => s.name === META_SHEET);
  if (!sheet) return null;
  const kv = new Map<string, string>();
  for (const r of sheet.rows) {
    const k = text(r.cells[0]);
    if (k) kv.set(k, text(r.cells[1]));
  }
  if (kv.get("format") !== META_MARK) return null;
  const period = Number(kv.get("period"));
  const deadline = kv.get("deadline") || null;
  return {
    template_id: kv.get("template_id") ?? "",
    plan_id: kv.get("plan_id") ?? "",
    plan_sha256: kv.get("plan_sha256") ?? "",
    unit_id: kv.get("unit_id") ?? "",
    period: Number.isInteger(period) ? period : Number.NaN,
    issued: kv.get("issued") ?? "",
    deadline: deadline ? deadline.slice(0, 10) : null,
    lang: kv.get("lang") === "en" ? "en" : "zh",
  };
}

const problem = (code: string, zh: string, en: string, fix_zh: string, fix_en: string): ReceiptProblem => ({
  code,
  zh,
  en,
  fix_zh,
  fix_en,
});

export const refusals = {
  notTemplate: () =>
    problem(
      "NOT_A_TEMPLATE",
      "该文件不是本系统下发的填报表（缺少隐藏的模板信息表）。",
      "the file is not a return form issued by plan-monitor (its hidden template sheet is missing).",
      "请在下发的填报表中填写后报送，不要复制到新工作簿。",
      "fill in the form you were sent and return that file; do not copy it into a new workbook.",
    ),
  unknownTemplate: (id: string) =>
    problem(
      "UNKNOWN_TEMPLATE",
      `模板编号 ${id} 不在本仓库的下发记录中。`,
      `template id ${id} was not issued from this warehouse.`,
      "请确认报送给了正确的单位，或向计划牵头部门索取新的填报表。",
      "check the form was returned to the right office, or ask the planning office for a new form.",
    ),
  otherPlan: (got: string, want: string) =>
    problem(
      "OTHER_PLAN",
      `该填报表属于另一个计划（${got}），而不是本计划（${want}）。`,
      `the form belongs to another plan (${got}), not this one (${want}).`,
      "请使用本计划下发的填报表。",
      "use the form issued for this plan.",
    ),
  otherPlanVersion: () =>
    problem(
      "OTHER_PLAN_VERSION",
      "该填报表是按计划文件的旧版本生成的，计划已修改。",
      "the form was made from an earlier version of the plan file; the plan has changed since.",
      "请向计划牵头部门索取按现行计划生成的新填报表，重新填写后报送。",
      "ask the planning office for a new form made from the current plan, fill it in and return it.",
    ),
  otherPeriod: (got: number, want: number) =>
    problem(
      "OTHER_PERIOD",
      `该填报表是${got}年度的，而本次收集的是${want}年度。`,
      `the form is for ${got}, but this collection is for ${want}.`,
      `请使用${want}年度的填报表。`,
      `use the form for ${want}.`,
    ),
  otherUnit: (got: string, want: string) =>
    problem(
      "OTHER_UNIT",
      `该填报表是下发给${got}的，不是${want}的。`,
      `the form was issued to ${got}, not to ${want}.`,
      "请报送本单位的填报表。",
      "return your own unit's form.",
    ),
  tampered: (field: string) =>
    problem(
      "TEMPLATE_CHANGED",
      `隐藏的模板信息（${field}）与下发时不一致。`,
      `the hidden template information (${field}) differs from what was issued.`,
      "请在下发的填报表中重新填写，不要修改隐藏工作表。",
      "fill in the form as issued again; do not edit its hidden sheet.",
    ),
  noSheet: (name: string) =>
    problem(
      "SHEET_MISSING",
      `找不到"${name}"工作表（可能被删除或改名）。`,
      `the "${name}" sheet is missing (deleted or renamed).`,
      "请在下发的填报表中填写，不要删除或改名工作表。",
      "fill in the form as issued; do not delete or rename its sheets.",
    ),
};

export interface Expectation {
  /** The plan in the warehouse and the sha256 of its current file. */
  plan: Plan;
  planSha256: string;
  /** Only this unit's form is accepted (the submission server knows who uploads). */
  unitId?: string;
  period?: number;
}

/** Why the whole file is refused, or null when it is a current template of this plan, period and unit. */
export function checkTemplate(meta: TemplateMeta, issued: IssuedTemplate | null, e: Expectation): ReceiptProblem | null {
  if (meta.plan_id !== e.plan.id) return refusals.otherPlan(meta.plan_id, e.plan.id);
  if (!issued) return refusals.unknownTemplate(meta.template_id);
  for (const k of ["plan_id", "plan_sha256", "unit_id", "period"] as const) {
    if (String(meta[k]) !== String(issued.meta[k])) return refusals.tampered(k);
  }
  if (meta.plan_sha256 !== e.planSha256) return refusals.otherPlanVersion();
  if (e.period !== undefined && meta.period !== e.period) return refusals.otherPeriod(meta.period, e.period);
  if (e.unitId !== undefined && meta.unit_id !== e.unitId) {
    const name = (id: string) => e.plan.units.find((u) => u.id === id)?.zh ?? id;
    return refusals.otherUnit(name(meta.unit_id), name(e.unitId));
  }
  return null;
}

const cellProblems = {
  lockedCell: (was: string) =>
    problem(
      "LOCKED_CELL",
      `灰色（锁定）单元格被改动，原为"${was}"，改动未采用。`,
      `a grey (locked) cell was changed; it held "${was}". The change was not taken.`,
      "灰色单元格无需填写；本期数值请填在黄色单元格中。",
      "grey cells need nothing from you; write the period's figure in the yellow cell.",
    ),
  outsideTemplate: () =>
    problem(
      "OUTSIDE_TEMPLATE",
      "在填报区域以外填写了内容，未采用。",
      "something was written outside the form's cells; it was not taken.",
      "只在黄色单元格中填写；需要说明的内容请写在备注列。",
      "write only in the yellow cells; put explanations in the remark column.",
    ),
  changedName: (was: string) =>
    problem(
      "CHANGED_NAME",
      `指标名称被修改（下发时为"${was}"），该行数值未采用。`,
      `the indicator name was changed (it was issued as "${was}"); the row's figure was not taken.`,
      "请恢复原指标名称后重新报送；口径有变化请写在备注中。",
      "restore the indicator's name and return the form again; note any change of definition in the remark.",
    ),
  otherUnitsItem: (name: string, units: string) =>
    problem(
      "NOT_YOUR_ITEM",
      `"${name}"不是向本单位征集的指标${units ? `（由${units}报送）` : ""}，该行未采用。`,
      `"${name}" is not an indicator asked of your unit${units ? ` (it is reported by ${units})` : ""}; the row was not taken.`,
      "请删除该行；如需提供该指标数据，请与计划牵头部门联系。",
      "delete the row; to supply that indicator, contact the planning office.",
    ),
  unknownItem: (name: string) =>
    problem(
      "UNKNOWN_ITEM",
      `"${name}"不是本填报表中的项目，该行未采用。`,
      `"${name}" is not an item of this form; the row was not taken.`,
      "请不要增加行；只填写下发的项目。",
      "do not add rows; fill in only the items issued.",
    ),
  duplicate: (first: number) =>
    problem(
      "DUPLICATE_ITEM",
      `该指标在第${first}行已填写，重复行未采用。`,
      `the indicator was already filled in on row ${first}; the repeated row was not taken.`,
      "请删除重复的行。",
      "delete the repeated row.",
    ),
  negative: () =>
    problem(
      "NEGATIVE_VALUE",
      "数值为负数，本表只接受不小于0的数字。",
      "the figure is negative; this form takes numbers of at least 0.",
      "请核对后填写正确的数值；暂无数据请留空或填“—”。",
      'check and write the correct figure; for no figure leave it empty or write "—".',
    ),
  otherUnitOfMeasure: (got: string, want: string) =>
    problem(
      "WRONG_UNIT",
      `数值带有单位"${got}"，本指标的计量单位是"${want}"。`,
      `the figure carries the unit "${got}"; this indicator is measured in "${want}".`,
      `请换算为${want}后只填数字。`,
      `convert it to ${want} and write the number only.`,
    ),
  fromReason: (r: { code: string; zh: string; en: string }) =>
    problem(r.code, r.zh, r.en, "请按填报说明更正后重新报送。", "correct it as the instructions say and return the form again."),
};

/** Read the indicator sheet of a returned template against the issued one. */
export function readReturned(sheets: SheetGrid[], issued: IssuedTemplate, plan: Plan, today: string): ReturnedRead | ReceiptProblem {
  const zh = issued.meta.lang === "zh";
  const name = zh ? SHEETS.indicators.zh : SHEETS.indicators.en;
  const sheet =
    sheets.find((s) => s.name === name) ?? sheets.find((s) => s.name === SHEETS.indicators.zh || s.name === SHEETS.indicators.en);
  if (!sheet) return refusals.noSheet(name);
  const c = INDICATOR_SHEET.columns;
  const byId = new Map(issued.items.map((i) => [i.indicator_id, i]));
  const byRow = new Map(issued.items.map((i) => [i.row, i]));
  const matcher = new IndicatorMatcher(plan);
  const rejected: RejectedCell[] = [];
  const landed: LandedItem[] = [];
  const seen = new Map<string, number>();
  const reject = (row: GridRow, col: number, header: string, p: ReceiptProblem) =>
    rejected.push({
      sheet: sheet.name,
      row: row.row,
      column: columnLetter(col),
      column_name: header,
      value: text(row.cells[col - 1]) || null,
      ...p,
    });
  const headers = sheet.rows.find((r) => r.row === INDICATOR_SHEET.headerRow)?.cells.map(text) ?? [];
  const header = (col: number) => headers[col - 1] ?? columnLetter(col);

  for (const row of sheet.rows) {
    if (row.row < INDICATOR_SHEET.firstRow) continue;
    row.cells.forEach((cell, i) => {
      if (i + 1 > INDICATOR_SHEET.lastColumn && text(cell) !== "") reject(row, i + 1, columnLetter(i + 1), cellProblems.outsideTemplate());
    });
    const cells = row.cells.slice(0, INDICATOR_SHEET.lastColumn);
    if (cells.every((x) => text(x) === "")) continue;
    const id = text(cells[c.id - 1]);
    const shown = text(cells[c.name - 1]);
    const item = byId.get(id) ?? (id === "" ? byRow.get(row.row) : undefined);
    if (!item) {
      const m = matcher.match(id || shown);
      const label = shown || id;
      if (m.ok && !issued.items.some((x) => x.indicator_id === m.indicator.id)) {
        const units = unitsForIndicator(plan, m.indicator.id)
          .map((u) => plan.units.find((x) => x.id === u)?.[zh ? "zh" : "en"] ?? u)
          .join(zh ? "、" : ", ");
        reject(row, c.name, header(c.name), cellProblems.otherUnitsItem(label, units));
      } else reject(row, c.name, header(c.name), cellProblems.unknownItem(label));
      continue;
    }
    if (seen.has(item.indicator_id)) {
      reject(row, c.name, header(c.name), cellProblems.duplicate(seen.get(item.indicator_id) ?? 0));
      continue;
    }
    seen.set(item.indicator_id, row.row);
    const issuedName = zh ? item.zh : item.en;
    if (normaliseName(shown) !== normaliseName(issuedName)) {
      reject(row, c.name, header(c.name), cellProblems.changedName(issuedName));
      continue;
    }
    const locked: [number, string | number | null][] = [
      [c.seq, null],
      [c.unit, item.unit],
      [c.target, item.target],
      ...item.reference.map((v, k) => [c.ref0 + k, v] as [number, number | null]),
    ];
    for (const [col, was] of locked) {
      if (was === null) {
        if (col !== c.seq && text(cells[col - 1]) !== "") reject(row, col, header(col), cellProblems.lockedCell(""));
        continue;
      }
      if (!sameValue(cells[col - 1], was)) reject(row, col, header(col), cellProblems.lockedCell(String(was)));
    }
    const v = figureOf(cells[c.value - 1], item.unit);
    if (v.kind === "missing") continue;
    if (v.kind === "invalid") {
      reject(row, c.value, header(c.value), v.problem);
      continue;
    }
    const st = parseStatus(cells[c.status - 1] ?? null);
    if (!st.ok) {
      reject(row, c.status, header(c.status), cellProblems.fromReason(st.reason));
      continue;
    }
    landed.push({
      indicator_id: item.indicator_id,
      zh: item.zh,
      en: item.en,
      value: v.value,
      unit: item.unit,
      status: st.value,
      note: text(cells[c.note - 1]) || null,
      row: row.row,
    });
  }
  const filled = new Set(landed.map((l) => l.indicator_id));
  const rejectedIds = new Set(
    rejected
      .filter((r) => r.column === columnLetter(c.value) || r.column === columnLetter(c.status) || r.code === "CHANGED_NAME")
      .map((r) => r.row),
  );
  const empty = issued.items
    .filter((i) => !filled.has(i.indicator_id) && !rejectedIds.has(seen.get(i.indicator_id) ?? -1))
    .map((i) => i.indicator_id);
  const tasks = readTaskSheet(sheets, issued, plan, today);
  return { meta: issued.meta, landed, rejected: [...rejected, ...tasks.rejected], empty, ...tasks.read };
}

/**
 * The 任务进展 sheet: its locked cells (task, milestone, name, due, unit, period) checked against the
 * issue, rows added for another unit's milestone rejected, and the filled rows parsed by the
 * progress-report loader (the same rules as a progress-report file). Rows left empty are still owed.
 */
function readTaskSheet(
  sheets: SheetGrid[],
  issued: IssuedTemplate,
  plan: Plan,
  today: string,
): { read: Pick<ReturnedRead, "tasks_landed" | "tasks_empty" | "reports">; rejected: RejectedCell[] } {
  const none = { read: { tasks_landed: [], tasks_empty: [], reports: [] }, rejected: [] };
  if (issued.tasks.length === 0) return none;
  const zh = issued.meta.lang === "zh";
  const name = zh ? SHEETS.tasks.zh : SHEETS.tasks.en;
  const sheet = sheets.find((s) => s.name === name);
  const keyOf = (t: { task_id: number; milestone_id: string }) => `${t.task_id}.${t.milestone_id}`;
  if (!sheet) return { ...none, read: { ...none.read, tasks_empty: issued.tasks.map(keyOf) } };
  const c = TASK_SHEET.columns;
  const headers = sheet.rows.find((r) => r.row === TASK_SHEET.headerRow)?.cells.map(text) ?? [];
  const header = (col: number) => headers[col - 1] ?? columnLetter(col);
  const rejected: RejectedCell[] = [];
  const reject = (row: GridRow, col: number, p: ReceiptProblem) =>
    rejected.push({
      sheet: sheet.name,
      row: row.row,
      column: columnLetter(col),
      column_name: header(col),
      value: text(row.cells[col - 1]) || null,
      ...p,
    });
  const byKey = new Map(issued.tasks.map((t) => [keyOf(t), t]));
  const filled: GridRow[] = [];
  const rowItem = new Map<number, (typeof issued.tasks)[number]>();
  for (const row of sheet.rows) {
    if (row.row < TASK_SHEET.firstRow) continue;
    row.cells.forEach((cell, i) => {
      if (i + 1 > TASK_SHEET.lastColumn && text(cell) !== "") reject(row, i + 1, cellProblems.outsideTemplate());
    });
    const cells = row.cells.slice(0, TASK_SHEET.lastColumn);
    if (cells.every((x) => text(x) === "")) continue;
    const item = byKey.get(`${text(cells[c.task - 1])}.${text(cells[c.milestone - 1])}`);
    if (!item) {
      const label = text(cells[c.name - 1]) || `${text(cells[c.task - 1])} ${text(cells[c.milestone - 1])}`;
      const owner = plan.tasks.flatMap((t) => t.milestones).find((m) => m.id === text(cells[c.milestone - 1]));
      const units = owner
        ? owner.responsible.map((u) => plan.units.find((x) => x.id === u)?.[zh ? "zh" : "en"] ?? u).join(zh ? "、" : ", ")
        : "";
      reject(row, c.name, owner ? cellProblems.otherUnitsItem(label, units) : cellProblems.unknownItem(label));
      continue;
    }
    const locked: [number, string][] = [
      [c.name, zh ? item.zh : item.en],
      [c.unit, zh ? issued.unit.zh : issued.unit.en],
      [c.period, String(issued.meta.period)],
    ];
    let changed = false;
    for (const [col, was] of locked) {
      if (!sameValue(cells[col - 1], was)) {
        reject(row, col, col === c.name ? cellProblems.changedName(was) : cellProblems.lockedCell(was));
        changed = true;
      }
    }
    const inputs = [c.execution, c.completed, c.progress, c.problems, c.next, c.evidence];
    if (changed || inputs.every((col) => text(cells[col - 1]) === "")) continue;
    filled.push(row);
    rowItem.set(row.row, item);
  }
  const head = sheet.rows.find((r) => r.row === TASK_SHEET.headerRow);
  const progressHeader = head ? findProgressHeader([head, ...filled]) : null;
  const reports: ProgressReport[] = [];
  if (progressHeader && filled.length > 0) {
    const parsed = parseProgressRows([head as GridRow, ...filled], progressHeader, plan, { today });
    reports.push(...parsed.reports);
    for (const r of parsed.rejected) {
      const col = headers.findIndex((h) => h === r.column) + 1;
      rejected.push({
        sheet: sheet.name,
        row: r.row,
        column: col > 0 ? columnLetter(col) : "",
        column_name: r.column ?? "",
        value: r.value,
        ...cellProblems.fromReason(r),
      });
    }
  }
  const done = new Set(reports.map((r) => r.row));
  const tasks_landed = reports.map((r) => {
    const item = rowItem.get(r.row);
    return {
      task_id: r.task_id,
      milestone_id: r.milestone_id ?? "",
      zh: item?.zh ?? "",
      en: item?.en ?? "",
      execution: r.execution,
      row: r.row,
    };
  });
  const reportedKeys = new Set([...rowItem.entries()].filter(([row]) => done.has(row)).map(([, t]) => keyOf(t)));
  const rejectedRows = new Set(rejected.map((r) => r.row));
  const tasks_empty = issued.tasks
    .filter((t) => !reportedKeys.has(keyOf(t)) && ![...rowItem.entries()].some(([row, x]) => x === t && rejectedRows.has(row)))
    .map(keyOf);
  return { read: { tasks_landed, tasks_empty, reports }, rejected };
}

function sameValue(cell: Cell | null | undefined, was: string | number): boolean {
  const t = text(cell);
  if (typeof was === "number") {
    const v = cell?.value;
    const n = typeof v === "number" ? v : Number(t.replace(/,/g, ""));
    return Number.isFinite(n) && Math.abs(n - was) <= 1e-9 * Math.max(1, Math.abs(was));
  }
  return normaliseName(t) === normaliseName(was);
}

type Value = { kind: "missing" } | { kind: "number"; value: number } | { kind: "invalid"; problem: ReceiptProblem };

function figureOf(cell: Cell | null | undefined, unit: string): Value {
  const p = parseValueCell(cell ?? null);
  if (p.kind === "missing") return p;
  if (p.kind === "invalid") return { kind: "invalid", problem: cellProblems.fromReason(p.reason) };
  if (p.unit && normaliseName(p.unit) !== normaliseName(unit))
    return { kind: "invalid", problem: cellProblems.otherUnitOfMeasure(p.unit, unit) };
  if (p.value < 0) return { kind: "invalid", problem: cellProblems.negative() };
  return { kind: "number", value: p.value };
}
