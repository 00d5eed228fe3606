/**
 * Land a returned 填报表: check it is a current template of this plan (else the whole file is
 * refused), read the unit's own items, land the figures as observations (source: the unit; the
 * file in source_files), record the submission (a resubmission of the same template supersedes
 * the earlier one; both stay), and build the receipt.
 *
 * `ingestReturn(warehouse, filePath, {expectedUnit})` is the stable entry point for one file (the
 * submission server calls it); `ingest` reaches `landReturned` for any workbook with a template sheet.
 *
 * @example
 *   const { receipt } = await ingestReturn(w, "uploads/经信局.xls", { expectedUnit: "jxj" });
 *   receipt.state; // "landed" | "partial" | "refused"
 */
import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { basename, extname, resolve } from "node:path";
import { type IssuedTemplate, type Receipt, type ReceiptProblem, SHEETS, TASK_SHEET, type TemplateMeta } from "../../domain/collection.ts";
import type { ProgressReport } from "../../domain/progress.ts";
import { landProgressFile } from "../../warehouse/progress.ts";
import { collectEvidence, evidenceFolders } from "../progress.ts";
import type { Observation } from "../../domain/observation.ts";
import type { Plan } from "../../domain/plan.ts";
import { FileError } from "../../loaders/errors.ts";
import { readSheets } from "../../loaders/read-file.ts";
import { checkTemplate, readReturned, refusals, templateMeta } from "../../loaders/returned.ts";
import { sniffBytes } from "../../loaders/sniff.ts";
import type { SheetGrid } from "../../loaders/xlsx.ts";
import { receiptFor } from "../../exports/receipt.ts";
import { appendManifest, archiveBytes } from "../../warehouse/archive.ts";
import { countSubmissions, findTemplate, recordSubmission, storeTemplate } from "../../warehouse/collection.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { landFile, type LandingSummary } from "../../warehouse/ingest.ts";
import { findPlan } from "../../warehouse/plans.ts";

export interface ReturnOptions {
  /** Accept only this unit's template (the server knows who uploads). */
  expectedUnit?: string;
  /** Accept only a template for this period. */
  expectedPeriod?: number;
  /** When the file was received, local "YYYY-MM-DDTHH:MM:SS"; default now. */
  submittedAt?: string;
  /** Keep a copy in the archive beside the warehouse (default true). */
  archive?: boolean;
}

export interface ReturnResult {
  receipt: Receipt;
  sha256: string;
  /** The landing of the figures (null when the file was refused). */
  summary: LandingSummary | null;
}

/** Now as local "YYYY-MM-DDTHH:MM:SS" (an office's deadline is a local date). */
export function localNow(d = new Date()): string {
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())}T${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

async function planSha(w: Warehouse, planId: string): Promise<string> {
  const rows = await queryRows<{ sha256: string }>(w, "SELECT sha256 FROM plans WHERE id = $1", [planId]);
  return rows[0]?.sha256 ?? "";
}

const refusedReceipt = (
  fileName: string,
  submittedAt: string,
  problem: ReceiptProblem,
  meta: TemplateMeta | null = null,
): ReturnResult => ({
  receipt: receiptFor({ issued: null, read: null, refused: problem, meta, fileName, submittedAt, earlier: 0 }),
  sha256: "",
  summary: null,
});

/** Read, check and land one returned template file. Never throws for a bad file: the receipt says why. */
export async function ingestReturn(w: Warehouse, filePath: string, opts: ReturnOptions = {}): Promise<ReturnResult> {
  const name = basename(filePath);
  const submittedAt = opts.submittedAt ?? localNow();
  const plan = await findPlan(w);
  if (!plan)
    throw new FileError("NO_PLAN", "仓库中还没有计划，无法接收填报表。", "the warehouse holds no plan, so no return form can be taken.");
  let bytes: Uint8Array;
  let sheets: SheetGrid[];
  try {
    bytes = await readFile(filePath);
    const kind = bytes.length > 0 ? sniffBytes(bytes, name).kind : "text";
    if (kind === "text") return refusedReceipt(name, submittedAt, refusals.notTemplate());
    sheets = await readSheets(bytes, name, kind);
  } catch (error) {
    if (error instanceof FileError)
      return refusedReceipt(name, submittedAt, { code: error.code, zh: error.zh, en: error.en, fix_zh: "", fix_en: "" });
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    return refusedReceipt(name, submittedAt, {
      code,
      zh: `无法读取文件 ${name}（${code}）。`,
      en: `cannot read file ${name} (${code}).`,
      fix_zh: "请重新上传文件。",
      fix_en: "upload the file again.",
    });
  }
  const meta = templateMeta(sheets);
  if (!meta) return refusedReceipt(name, submittedAt, refusals.notTemplate());
  return landReturned(w, plan, { bytes, name, path: resolve(filePath), sheets, meta }, { ...opts, submittedAt });
}

export interface ReturnedFile {
  bytes: Uint8Array;
  name: string;
  path: string;
  sheets: SheetGrid[];
  meta: TemplateMeta;
}

/**
 * The 任务进展 rows as progress reports (warehouse/progress.ts), with the evidence found beside the
 * file (<name>.evidence/, 佐证材料/, evidence/). They are kept under their own key (the file's
 * sha256 of the task sheet) so the indicator landing and the report landing each happen once.
 */
async function landTaskReports(
  w: Warehouse,
  plan: Plan,
  file: ReturnedFile,
  sha256: string,
  reports: ProgressReport[],
  submittedAt: string,
  opts: ReturnOptions,
): Promise<void> {
  const key = createHash("sha256").update(`${sha256}:任务进展`).digest("hex");
  const { found } = collectEvidence(
    w,
    reports.flatMap((r) => r.evidence),
    evidenceFolders(file.path),
    { archive: opts.archive },
  );
  await landProgressFile(w, {
    planId: plan.id,
    sha256: key,
    path: file.path,
    name: `${file.name}#${SHEETS.tasks.zh}`,
    size: file.bytes.byteLength,
    format: "template",
    encoding: null,
    sheet: SHEETS.tasks.zh,
    headerRow: TASK_SHEET.headerRow,
    rowsRead: reports.length,
    reports: reports.map((r) => ({ ...r, reported: r.reported ?? submittedAt.slice(0, 10) })),
    rejected: [],
    evidence: found,
    ingestedAt: submittedAt.replace("T", " "),
  });
}

/** Rebuild: land an archived returned form again, restoring the form as issued first. */
export async function replayReturned(
  w: Warehouse,
  plan: Plan,
  entry: { name: string; path: string; returned: { template: unknown; submitted_at: string } },
  bytes: Uint8Array,
): Promise<ReturnResult | null> {
  const issued = entry.returned.template as IssuedTemplate;
  await storeTemplate(w, issued);
  const kind = sniffBytes(bytes, entry.name).kind;
  if (kind === "text") return null;
  const sheets = await readSheets(bytes, entry.name, kind);
  const meta = templateMeta(sheets);
  if (!meta) return null;
  return landReturned(
    w,
    plan,
    { bytes, name: entry.name, path: entry.path, sheets, meta },
    { submittedAt: entry.returned.submitted_at, archive: false },
  );
}

/** Land a workbook already known to carry a template sheet. */
export async function landReturned(w: Warehouse, plan: Plan, file: ReturnedFile, opts: ReturnOptions = {}): Promise<ReturnResult> {
  const submittedAt = opts.submittedAt ?? localNow();
  const sha256 = createHash("sha256").update(file.bytes).digest("hex");
  const issued = file.meta.template_id ? await findTemplate(w, file.meta.template_id) : null;
  const refused = checkTemplate(file.meta, issued, {
    plan,
    planSha256: await planSha(w, plan.id),
    unitId: opts.expectedUnit,
    period: opts.expectedPeriod,
  });
  const read = refused || !issued ? refused : readReturned(file.sheets, issued, plan, submittedAt.slice(0, 10));
  if (!issued || !read || !("landed" in read)) {
    const problem = (read ?? refusals.unknownTemplate(file.meta.template_id)) as ReceiptProblem;
    const receipt = receiptFor({ issued, read: null, refused: problem, meta: file.meta, fileName: file.name, submittedAt, earlier: 0 });
    if (issued) await recordSubmission(w, sha256, receipt);
    return { receipt, sha256, summary: null };
  }
  const earlier = await countSubmissions(w, issued.meta.template_id);
  const receipt = receiptFor({ issued, read, refused: null, fileName: file.name, submittedAt, earlier });
  const observations: Observation[] = read.landed.map((x) => ({
    indicator_id: x.indicator_id,
    region_code: plan.region.code,
    year: issued.meta.period,
    value: x.value,
    unit: x.unit,
    status: x.status,
    published: null,
    source: issued.unit.zh,
    note: x.note,
    row: x.row,
  }));
  const ext = extname(file.name).toLowerCase() || ".xlsx";
  if (opts.archive !== false) archiveBytes(w.path, sha256, ext, file.bytes);
  const summary = await landFile(w, {
    planId: plan.id,
    sha256,
    path: file.path,
    name: file.name,
    size: file.bytes.byteLength,
    format: ext.slice(1),
    encoding: null,
    layout: "template",
    sheet: SHEETS.indicators[issued.meta.lang],
    headerRow: 3,
    rowsRead: read.landed.length + read.rejected.length,
    observations,
    rejected: read.rejected.map((c) => ({ row: c.row, column: c.column_name, value: c.value, code: c.code, zh: c.zh, en: c.en })),
    ingestedAt: submittedAt.replace("T", " "),
  });
  if (read.reports.length > 0) await landTaskReports(w, plan, file, sha256, read.reports, submittedAt, opts);
  if (summary.outcome !== "unchanged") {
    await recordSubmission(w, sha256, receipt);
    if (opts.archive !== false)
      appendManifest(w.path, {
        kind: "file",
        plan_id: plan.id,
        sha256,
        name: file.name,
        path: file.path,
        ext,
        at: summary.ingested_at ?? submittedAt,
        // Rebuild needs the form as issued to check and land the return again.
        returned: { template: issued, submitted_at: submittedAt },
      });
  }
  return { receipt, sha256, summary };
}
