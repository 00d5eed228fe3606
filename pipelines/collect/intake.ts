/**
 * The one function the submission server calls to ingest a file for a unit, and the receipt it
 * returns. A returned 填报表 (a workbook with the template sheet) goes to the collection round
 * trip's `landReturned` with the uploading unit as the expected unit: another unit's template is
 * refused whole, and only the template's own items land. Any other data file goes through the
 * ordinary ingest (loaders -> landFile) with the unit rule on top: a file with a row for an
 * indicator the unit is not responsible for (through its tasks) is refused whole, each such row
 * listed with its reason (the archive then never holds rows a rebuild would land for another unit).
 */
import { readFile } from "node:fs/promises";
import { extname } from "node:path";
import type { Plan } from "../../domain/plan.ts";
import type { Receipt as CollectionReceipt } from "../../domain/collection.ts";
import { FileError, readObservationBytes, readSheets } from "../../loaders/read-file.ts";
import { templateMeta } from "../../loaders/returned.ts";
import { sniffBytes } from "../../loaders/sniff.ts";
import { landReturned, localNow } from "./returned.ts";
import { appendManifest, archiveBytes } from "../../warehouse/archive.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { landFile, type RejectedInput } from "../../warehouse/ingest.ts";
import type { Receipt } from "../../domain/receipt.ts";

export type { Receipt } from "../../domain/receipt.ts";

export interface IntakeInput {
  id: string;
  /** The stored file (inbox path, never a client path). */
  path: string;
  /** The client's file name, cleaned (for messages and the format's extension only). */
  name: string;
  sha256: string;
  size: number;
  unit: string;
  receivedAt: string;
  deadline: string | null;
  /** Accept returned forms for this period only (null: any). */
  period?: number | null;
  maxBytes: number;
}

/** The indicators a unit reports: those of the tasks it is responsible for. */
export function unitIndicators(plan: Plan, unit: string): Set<string> {
  return new Set(plan.tasks.filter((t) => t.responsible.includes(unit)).flatMap((t) => t.indicators));
}

export function onTime(receivedAt: string, deadline: string | null): boolean | null {
  if (!deadline) return null;
  // The deadline day counts whole, in China Standard Time (UTC+8).
  return Date.parse(receivedAt) < Date.parse(`${deadline}T24:00:00+08:00`);
}

function notYours(unit: string, indicator: string, plan: Plan): RejectedInput {
  const u = plan.units.find((x) => x.id === unit);
  const i = plan.indicators.find((x) => x.id === indicator);
  return {
    row: 0,
    column: null,
    value: i?.zh ?? indicator,
    code: "NOT_UNITS_ITEM",
    zh: `指标"${i?.zh ?? indicator}"不属于${u?.zh ?? unit}的填报范围，此行未导入。请只填报本单位负责的指标；其他单位的数据由其自行报送。`,
    en: `indicator "${i?.en ?? indicator}" is not among the items ${u?.en ?? unit} reports, so this row was not taken. Report only your unit's indicators; other units submit their own.`,
  };
}

/** Ingest one submitted file for a unit; never throws for a bad file (the receipt says why). */
export async function collectIngest(w: Warehouse, plan: Plan, input: IntakeInput): Promise<Receipt> {
  const unit = plan.units.find((u) => u.id === input.unit);
  const mine = unitIndicators(plan, input.unit);
  const base: Receipt = {
    id: input.id,
    plan_id: plan.id,
    unit: input.unit,
    unit_zh: unit?.zh ?? input.unit,
    unit_en: unit?.en ?? input.unit,
    state: "refused",
    file: { name: input.name, sha256: input.sha256, size: input.size },
    received_at: input.receivedAt,
    processed_at: new Date().toISOString(),
    landed: [],
    rejected: [],
    missing: [],
    deadline: input.deadline,
    on_time: onTime(input.receivedAt, input.deadline),
    error: null,
  };
  const bytes = await readFile(input.path);
  const template = await asTemplate(w, plan, input, bytes);
  if (template) return { ...base, ...template };
  let read: Awaited<ReturnType<typeof readObservationBytes>>;
  try {
    read = await readObservationBytes(bytes, input.name, plan, { maxBytes: input.maxBytes });
  } catch (error) {
    if (!(error instanceof FileError)) throw error;
    return { ...base, error: { code: error.code, zh: error.zh, en: error.en } };
  }
  const own = read.observations.filter((o) => mine.has(o.indicator_id));
  const refusedRows = read.observations
    .filter((o) => !mine.has(o.indicator_id))
    .map((o) => ({ ...notYours(input.unit, o.indicator_id, plan), row: o.row }));
  const rejected = [...read.rejected, ...refusedRows].sort((a, b) => a.row - b.row);
  if (refusedRows.length > 0) {
    // Refused whole, so the archive never holds a file whose other units' rows a rebuild would land.
    return {
      ...base,
      rejected,
      error: {
        code: "OTHER_UNITS_ITEMS",
        zh: `文件中有 ${refusedRows.length} 行不属于${unit?.zh ?? input.unit}的填报范围（见下表），整个文件未导入。请删去这些行，只报送本单位负责的指标后重新上传。`,
        en: `${refusedRows.length} rows of the file are not among the items ${unit?.en ?? input.unit} reports (see below), so nothing was taken. Delete those rows, keep only your unit's indicators, and upload again.`,
      },
    };
  }
  const observations = own.map((o) => ({ ...o, source: o.source ?? unit?.zh ?? input.unit }));
  const ext = extname(input.name).toLowerCase() || `.${read.format}`;
  archiveBytes(w.path, input.sha256, ext, bytes);
  const summary = await landFile(w, {
    planId: plan.id,
    sha256: input.sha256,
    path: input.path,
    name: input.name,
    size: bytes.byteLength,
    format: read.format,
    encoding: read.encoding,
    layout: read.layout,
    sheet: read.sheet,
    headerRow: read.headerRow,
    rowsRead: read.rowsRead,
    observations,
    rejected,
  });
  if (summary.outcome !== "unchanged") {
    appendManifest(w.path, {
      kind: "file",
      plan_id: plan.id,
      sha256: input.sha256,
      name: input.name,
      path: input.path,
      ext,
      at: summary.ingested_at ?? base.processed_at ?? "",
    });
  }
  const byId = new Map(plan.indicators.map((i) => [i.id, i]));
  const landed = observations.map((o) => ({
    row: o.row,
    indicator: o.indicator_id,
    zh: byId.get(o.indicator_id)?.zh ?? o.indicator_id,
    en: byId.get(o.indicator_id)?.en ?? o.indicator_id,
    year: o.year,
    value: o.value,
    unit: o.unit,
  }));
  const given = new Set(observations.map((o) => o.indicator_id));
  const missing = [...mine]
    .filter((id) => !given.has(id))
    .map((id) => ({ indicator: id, zh: byId.get(id)?.zh ?? id, en: byId.get(id)?.en ?? id }));
  return { ...base, state: "landed", landed, rejected, missing };
}

/** Ingest a returned 填报表 for the uploading unit; null when the file is no template. */
async function asTemplate(w: Warehouse, plan: Plan, input: IntakeInput, bytes: Uint8Array): Promise<Partial<Receipt> | null> {
  const kind = bytes.length > 0 ? sniffBytes(bytes, input.name).kind : "text";
  if (kind !== "xlsx" && kind !== "xls" && kind !== "ods") return null;
  let sheets: Awaited<ReturnType<typeof readSheets>>;
  try {
    sheets = await readSheets(bytes, input.name, kind, input.maxBytes);
  } catch {
    return null; // the ordinary reader says why in the receipt
  }
  const meta = templateMeta(sheets);
  if (!meta) return null;
  const { receipt } = await landReturned(
    w,
    plan,
    { bytes, name: input.name, path: input.path, sheets, meta },
    { expectedUnit: input.unit, expectedPeriod: input.period ?? undefined, submittedAt: localNow(new Date(input.receivedAt)) },
  );
  return fromCollectionReceipt(receipt);
}

/** The submission page's receipt fields from a collection (issue 12) receipt. */
export function fromCollectionReceipt(r: CollectionReceipt): Partial<Receipt> {
  const year = r.period ?? 0;
  return {
    state: r.state === "refused" ? "refused" : "landed",
    landed: r.landed.map((x) => ({ row: x.row, indicator: x.indicator_id, zh: x.zh, en: x.en, year, value: x.value, unit: x.unit })),
    rejected: r.rejected.map((c) => ({
      row: c.row,
      column: `${c.column} ${c.column_name}`.trim(),
      value: c.value,
      code: c.code,
      zh: `${c.zh}${c.fix_zh ? ` ${c.fix_zh}` : ""}`,
      en: `${c.en}${c.fix_en ? ` ${c.fix_en}` : ""}`,
    })),
    missing: r.empty.map((e) => ({ indicator: e.indicator_id, zh: e.zh, en: e.en })),
    deadline: r.deadline,
    on_time: r.timeliness === "no_deadline" ? null : r.timeliness === "on_time",
    error: r.refused
      ? { code: r.refused.code, zh: `${r.refused.zh} ${r.refused.fix_zh}`.trim(), en: `${r.refused.en} ${r.refused.fix_en}`.trim() }
      : null,
    template: { template_id: r.template_id, period: r.period, earlier_submissions: r.earlier_submissions, receipt: r },
  };
}
