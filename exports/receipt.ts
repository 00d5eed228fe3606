/**
 * The receipt (回执) for one returned 填报表: what landed, each rejected cell with row, column,
 * reason and fix, the requested items still empty, and whether it came before the deadline.
 * `receiptFor` is a pure function of the request (the issued template) and what was read, so the
 * CLI and the submission server build the same receipt; `receiptMarkdown` is the short message an
 * office forwards, `writeReceiptXlsx` the same as a workbook.
 *
 * @example
 *   const r = receiptFor({ issued, read, refused: null, fileName: "经信局.xls", submittedAt: "2021-01-20T09:30:00", earlier: 0 });
 *   await writeFile("经信局-回执.md", receiptMarkdown(r, "zh"));
 */
import { excel } from "../lib/exceljs.ts";
import { EXECUTION_LABELS, type Execution } from "../domain/progress.ts";
import type { IssuedTemplate, Receipt, ReceiptProblem, ReturnedRead, TemplateMeta, Timeliness } from "../domain/collection.ts";

export interface ReceiptInput {
  /** The template as issued (null when the file is no known template). */
  issued: IssuedTemplate | null;
  /** What was read (null when the whole file was refused). */
  read: ReturnedRead | null;
  refused: ReceiptProblem | null;
  /** The meta found in the file, when there was one (for a refused file's receipt). */
  meta?: TemplateMeta | null;
  fileName: string;
  /** When the file was received, ISO "YYYY-MM-DDTHH:MM:SS" (local time of the office). */
  submittedAt: string;
  /** Earlier submissions of the same template (this one supersedes them). */
  earlier: number;
}

/** on_time when received on or before the deadline day; late after it; no_deadline when none was set. */
export function timeliness(submittedAt: string, deadline: string | null): Timeliness {
  if (!deadline) return "no_deadline";
  return submittedAt.slice(0, 10) <= deadline ? "on_time" : "late";
}

export function receiptFor(input: ReceiptInput): Receipt {
  const { issued, read, refused } = input;
  const meta = issued?.meta ?? input.meta ?? null;
  const deadline = meta?.deadline ?? null;
  const names = new Map(issued?.items.map((i) => [i.indicator_id, i]) ?? []);
  const empty = (read?.empty ?? []).map((id) => ({ indicator_id: id, zh: names.get(id)?.zh ?? id, en: names.get(id)?.en ?? id }));
  const complete = read !== null && read.rejected.length === 0 && read.empty.length === 0 && read.tasks_empty.length === 0;
  const state: Receipt["state"] = refused || !read ? "refused" : complete ? "landed" : "partial";
  return {
    template_id: meta?.template_id ?? null,
    plan_id: meta?.plan_id ?? null,
    unit: issued ? issued.unit : null,
    period: meta && Number.isFinite(meta.period) ? meta.period : null,
    deadline,
    submitted_at: input.submittedAt,
    file_name: input.fileName,
    state,
    timeliness: timeliness(input.submittedAt, deadline),
    refused: refused ?? null,
    landed: read?.landed ?? [],
    rejected: read?.rejected ?? [],
    empty,
    tasks_landed: read?.tasks_landed ?? [],
    tasks_empty: (read?.tasks_empty ?? []).map((key) => {
      const t = issued?.tasks.find((x) => `${x.task_id}.${x.milestone_id}` === key || x.milestone_id === key);
      return { milestone_id: t?.milestone_id ?? key, task_id: t?.task_id ?? 0, zh: t?.zh ?? key, en: t?.en ?? key };
    }),
    earlier_submissions: input.earlier,
    requested: issued ? issued.items.length + issued.tasks.length : 0,
  };
}

const L = {
  zh: {
    title: "数据报送回执",
    unit: "报送单位",
    period: "年度",
    file: "文件",
    received: "收到时间",
    deadline: "截止日期",
    on_time: "按时报送",
    late: "逾期报送",
    no_deadline: "未设截止日期",
    refused: "整份文件未被采用",
    landed: "已采用的数据",
    rejected: "需更正的单元格",
    empty: "尚未填写的项目",
    none: "无",
    resub: (n: number) => `本次报送取代此前的${n}次报送（历史记录保留）。`,
    summary: (r: Receipt) =>
      `共征集${r.requested}项，已采用${r.landed.length + r.tasks_landed.length}项，需更正${r.rejected.length}处，尚未填写${r.empty.length + r.tasks_empty.length}项。`,
    cols: ["工作表", "行", "列", "填写内容", "原因", "更正方法"],
    landedCols: ["行", "指标", "数值", "单位", "状态"],
    status: { preliminary: "初步", final: "正式", revised: "修订" },
    fixLine: "更正后请将整份填报表重新报送，新报送的数据将取代本次报送。",
  },
  en: {
    title: "Receipt for returned data",
    unit: "Unit",
    period: "Period",
    file: "File",
    received: "Received",
    deadline: "Deadline",
    on_time: "on time",
    late: "late",
    no_deadline: "no deadline set",
    refused: "The file was not taken",
    landed: "Figures taken",
    rejected: "Cells to correct",
    empty: "Items still empty",
    none: "none",
    resub: (n: number) => `This return supersedes ${n} earlier return(s) of the same form (kept in the history).`,
    summary: (r: Receipt) =>
      `${r.requested} item(s) requested: ${r.landed.length + r.tasks_landed.length} taken, ${r.rejected.length} cell(s) to correct, ${r.empty.length + r.tasks_empty.length} still empty.`,
    cols: ["Sheet", "Row", "Column", "Written", "Reason", "How to fix"],
    landedCols: ["Row", "Indicator", "Value", "Unit", "Status"],
    status: { preliminary: "preliminary", final: "final", revised: "revised" },
    fixLine: "Correct the form and return the whole file again: the new return replaces this one.",
  },
} as const;

const execution = (code: string, lang: "zh" | "en") => EXECUTION_LABELS[code as Execution]?.[lang] ?? code;

const md = (s: string | number | null) =>
  String(s ?? "")
    .replace(/\|/g, "\\|")
    .replace(/[\r\n]+/g, " ");

/** The receipt as a short Markdown message (also fine as plain text). */
export function receiptMarkdown(r: Receipt, lang: "zh" | "en"): string {
  const l = L[lang];
  const zh = lang === "zh";
  const unit = r.unit ? (zh ? r.unit.zh : r.unit.en) : "—";
  const out = [
    `# ${l.title}`,
    "",
    `- ${l.unit}: ${unit}`,
    `- ${l.period}: ${r.period ?? "—"}`,
    `- ${l.file}: ${r.file_name}`,
    `- ${l.received}: ${r.submitted_at.replace("T", " ")}`,
    `- ${l.deadline}: ${r.deadline ?? "—"} (${l[r.timeliness]})`,
    "",
  ];
  if (r.refused) {
    out.push(`## ${l.refused}`, "", `${zh ? r.refused.zh : r.refused.en}`, "", `${zh ? r.refused.fix_zh : r.refused.fix_en}`, "");
    return `${out.join("\n")}\n`;
  }
  out.push(l.summary(r), "");
  if (r.earlier_submissions > 0) out.push(l.resub(r.earlier_submissions), "");
  out.push(`## ${l.rejected}`, "");
  if (r.rejected.length === 0) out.push(l.none, "");
  else {
    out.push(`| ${l.cols.join(" | ")} |`, `|${l.cols.map(() => "---").join("|")}|`);
    for (const c of r.rejected)
      out.push(
        `| ${md(c.sheet)} | ${c.row} | ${c.column} (${md(c.column_name)}) | ${md(c.value ?? "")} | ${md(zh ? c.zh : c.en)} | ${md(zh ? c.fix_zh : c.fix_en)} |`,
      );
    out.push("", l.fixLine, "");
  }
  out.push(`## ${l.empty}`, "");
  const emptyLines = [
    ...r.empty.map((e) => `- ${zh ? e.zh : e.en}`),
    ...r.tasks_empty.map((t) => `- ${zh ? `任务进展 ${t.milestone_id}` : `progress on ${t.milestone_id}`}: ${zh ? t.zh : t.en}`),
  ];
  out.push(emptyLines.length === 0 ? l.none : emptyLines.join("\n"), "");
  out.push(`## ${l.landed}`, "");
  if (r.landed.length === 0 && r.tasks_landed.length === 0) out.push(l.none, "");
  for (const x of r.landed) out.push(`- ${zh ? x.zh : x.en}: ${x.value} ${x.unit} (${l.status[x.status]})`);
  for (const x of r.tasks_landed)
    out.push(
      `- ${zh ? `任务进展 ${x.milestone_id}` : `progress on ${x.milestone_id}`} ${zh ? x.zh : x.en}: ${execution(x.execution, lang)}`,
    );
  return `${out.join("\n").trimEnd()}\n`;
}

/** The receipt as a workbook: a summary sheet, the cells to correct, the empty items, the figures taken. */
export async function writeReceiptXlsx(r: Receipt, lang: "zh" | "en"): Promise<Uint8Array> {
  const l = L[lang];
  const zh = lang === "zh";
  const wb = new (await excel()).Workbook();
  wb.creator = "plan-monitor";
  const bold = { bold: true };
  const sum = wb.addWorksheet(zh ? "回执" : "Receipt");
  sum.getColumn(1).width = 16;
  sum.getColumn(2).width = 90;
  sum.addRow([l.title]).font = { bold: true, size: 14 };
  sum.addRow([l.unit, r.unit ? (zh ? r.unit.zh : r.unit.en) : "—"]);
  sum.addRow([l.period, r.period ?? "—"]);
  sum.addRow([l.file, r.file_name]);
  sum.addRow([l.received, r.submitted_at.replace("T", " ")]);
  sum.addRow([l.deadline, `${r.deadline ?? "—"} (${l[r.timeliness]})`]);
  if (r.refused) {
    sum.addRow([l.refused, zh ? r.refused.zh : r.refused.en]).font = bold;
    sum.addRow(["", zh ? r.refused.fix_zh : r.refused.fix_en]);
  } else {
    sum.addRow(["", l.summary(r)]).font = bold;
    if (r.earlier_submissions > 0) sum.addRow(["", l.resub(r.earlier_submissions)]);
    if (r.rejected.length > 0) sum.addRow(["", l.fixLine]);
  }
  sum.getColumn(2).alignment = { wrapText: true, vertical: "top" };
  const table = (name: string, headers: readonly string[], rows: (string | number | null)[][], widths: number[]) => {
    const ws = wb.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
    ws.addRow([...headers]).font = bold;
    for (const row of rows) ws.addRow(row);
    widths.forEach((w, i) => {
      ws.getColumn(i + 1).width = w;
      ws.getColumn(i + 1).alignment = { wrapText: true, vertical: "top" };
    });
  };
  table(
    l.rejected,
    l.cols,
    r.rejected.map((c) => [c.sheet, c.row, `${c.column} ${c.column_name}`, c.value, zh ? c.zh : c.en, zh ? c.fix_zh : c.fix_en]),
    [12, 6, 18, 16, 50, 50],
  );
  table(
    l.empty,
    [zh ? "项目" : "Item"],
    [...r.empty.map((e) => [zh ? e.zh : e.en]), ...r.tasks_empty.map((t) => [`${t.milestone_id} ${zh ? t.zh : t.en}`])],
    [60],
  );
  table(
    l.landed,
    l.landedCols,
    [
      ...r.landed.map((x) => [x.row, zh ? x.zh : x.en, x.value, x.unit, l.status[x.status]]),
      ...r.tasks_landed.map((x) => [x.row, `${x.milestone_id} ${zh ? x.zh : x.en}`, null, null, execution(x.execution, lang)]),
    ],
    [6, 50, 14, 10, 10],
  );
  return new Uint8Array(await wb.xlsx.writeBuffer());
}
