/**
 * Ingest files into the warehouse: expand folders, read each file with the loaders, archive it,
 * land it in one transaction, and report a summary per file.
 */
import { createHash } from "node:crypto";
import { readdirSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { basename, extname, join, resolve } from "node:path";
import type { Plan } from "../domain/plan.ts";
import { fileErrors } from "../loaders/errors.ts";
import type { Receipt } from "../domain/collection.ts";
import { findProgressHeader } from "../loaders/progress-report.ts";
import { DEFAULT_MAX_BYTES, FileError, type FileGrids, observationsFromGrids, type ReadLimits, readGrids } from "../loaders/read-file.ts";
import { templateMeta } from "../loaders/returned.ts";
import { landReturned, type ReturnedFile, type ReturnResult } from "./collect/returned.ts";
import { appendManifest, archiveBytes } from "../warehouse/archive.ts";
import type { Warehouse } from "../warehouse/connection.ts";
import { landFile, type LandingSummary, type RejectedInput } from "../warehouse/ingest.ts";
import { ingestProgressGrids } from "./progress.ts";

export const DATA_EXTENSIONS = new Set([".csv", ".txt", ".tsv", ".xlsx", ".xls", ".et", ".ods", ".json"]);

export interface FileReport {
  path: string;
  name: string;
  sha256: string | null;
  /** "refused": the file could not be read at all; nothing of it was kept. */
  outcome: LandingSummary["outcome"] | "refused";
  summary: LandingSummary | null;
  rejected: RejectedInput[];
  error: { code: string; zh: string; en: string } | null;
  format: string | null;
  layout: string | null;
  encoding: string | null;
  /** For a returned 填报表: its receipt (回执). */
  receipt?: Receipt;
  /** Progress-report files only: evidence named but not found ("evidence missing"), and evidence stored. */
  evidenceMissing?: { name: string; zh: string; en: string }[];
  evidenceStored?: number;
}

/** `<report>.evidence`, `佐证材料` or `evidence`: where a progress report's evidence files are kept. */
export function isEvidenceFolder(name: string): boolean {
  return name.endsWith(".evidence") || name === "佐证材料" || name.toLowerCase() === "evidence";
}

/** Every data file under the given paths (folders expanded recursively, hidden files skipped), sorted. */
export function expandPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string) => {
    for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || entry.name.startsWith("~$")) continue;
      const full = join(p, entry.name);
      // Evidence folders beside progress reports hold proof documents, not data (pipelines/progress.ts).
      if (entry.isDirectory()) {
        if (!isEvidenceFolder(entry.name)) walk(full);
      } else if (DATA_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(full);
    }
  };
  for (const p of paths) {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(p);
    } catch {
      missing.push(p);
      continue;
    }
    if (st.isDirectory()) walk(p);
    else files.push(p);
  }
  return { files, missing };
}

export interface IngestOptions {
  limits?: ReadLimits;
  /** Called with the file being read (for a progress display). */
  onFile?: (path: string, index: number, total: number) => void;
  /** Keep a copy in the archive beside the warehouse (default true). */
  archive?: boolean;
  /** Folder with the evidence files progress reports name (--evidence). */
  evidenceDir?: string;
}

/** Ingest one file. Never throws for a bad file: the report says what happened. */
export async function ingestFile(w: Warehouse, plan: Plan, path: string, opts: IngestOptions = {}): Promise<FileReport> {
  const name = basename(path);
  const base: FileReport = {
    path,
    name,
    sha256: null,
    outcome: "refused",
    summary: null,
    rejected: [],
    error: null,
    format: null,
    layout: null,
    encoding: null,
  };
  let bytes: Uint8Array;
  try {
    const st = statSync(path);
    // /dev/zero, a pipe or a socket would be read forever (or block): only regular files are data.
    if (!st.isFile()) {
      throw new FileError(
        "NOT_A_FILE",
        `"${path}"不是普通文件（可能是设备、管道或套接字），无法导入。请指定一个数据文件。`,
        `"${path}" is not a regular file (a device, pipe or socket) and cannot be ingested. Name a data file.`,
      );
    }
    const size = st.size;
    const maxBytes = opts.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
    // Checked before reading, so a huge file costs no memory.
    if (size > maxBytes) throw fileErrors.tooLarge(name, size, maxBytes);
    bytes = await readFile(path);
  } catch (error) {
    if (error instanceof FileError) return { ...base, error: { code: error.code, zh: error.zh, en: error.en } };
    const code = (error as NodeJS.ErrnoException).code ?? "unreadable";
    return {
      ...base,
      error: {
        code,
        zh: `无法读取文件 ${path}（${code}）。请检查路径和权限。`,
        en: `cannot read file ${path} (${code}). Check the path and permissions.`,
      },
    };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  let read: ReturnType<typeof observationsFromGrids> | null = null;
  let grids: FileGrids;
  let progress = -1;
  let returned: ReturnedFile | null = null;
  try {
    grids = await readGrids(bytes, name, opts.limits);
    // A returned 填报表 is recognised by its hidden template sheet, whatever the file is called.
    const sheets = grids.sheets.map((s) => ({ name: s.name ?? "", rows: s.rows }));
    const meta = grids.encoding === null ? templateMeta(sheets) : null;
    if (meta) returned = { bytes, name, path: resolve(path), sheets, meta };
    else {
      progress = grids.sheets.findIndex((s) => findProgressHeader(s.rows) !== null);
      if (progress < 0) read = observationsFromGrids(grids, name, plan, opts.limits);
    }
  } catch (error) {
    if (error instanceof FileError) return { ...base, sha256, error: { code: error.code, zh: error.zh, en: error.en } };
    const e = fileErrors.unexpected(name, error);
    return { ...base, sha256, error: { code: e.code, zh: e.zh, en: e.en } };
  }
  if (returned) return reportReturned(base, await landReturned(w, plan, returned, { archive: opts.archive }));
  if (!read) return ingestProgressFile(w, plan, { path, name, sha256, bytes }, grids, progress, base, opts);
  const ext = extname(name).toLowerCase() || `.${read.format}`;
  if (opts.archive !== false) archiveBytes(wPath(w), sha256, ext, bytes);
  const summary = await landFile(w, {
    planId: plan.id,
    sha256,
    path: resolve(path),
    name,
    size: bytes.byteLength,
    format: read.format,
    encoding: read.encoding,
    layout: read.layout,
    sheet: read.sheet,
    headerRow: read.headerRow,
    rowsRead: read.rowsRead,
    observations: read.observations,
    rejected: read.rejected,
  });
  if (summary.outcome !== "unchanged" && opts.archive !== false) {
    appendManifest(wPath(w), {
      kind: "file",
      plan_id: plan.id,
      sha256,
      name,
      path: resolve(path),
      ext,
      at: summary.ingested_at ?? new Date().toISOString(),
    });
  }
  return {
    ...base,
    sha256,
    outcome: summary.outcome,
    summary,
    rejected: summary.outcome === "unchanged" ? [] : read.rejected,
    format: read.format,
    layout: read.layout,
    encoding: read.encoding,
  };
}

const wPath = (w: Warehouse) => w.path;

/** A file whose header is a progress report: its reports and evidence land (pipelines/progress.ts). */
async function ingestProgressFile(
  w: Warehouse,
  plan: Plan,
  file: { path: string; name: string; sha256: string; bytes: Uint8Array },
  grids: FileGrids,
  sheetIndex: number,
  base: FileReport,
  opts: IngestOptions,
): Promise<FileReport> {
  const header = findProgressHeader(grids.sheets[sheetIndex].rows);
  if (!header) throw new Error("unreachable: no progress header");
  const ext = extname(file.name).toLowerCase() || `.${grids.format}`;
  if (opts.archive !== false) archiveBytes(wPath(w), file.sha256, ext, file.bytes);
  const r = await ingestProgressGrids(
    w,
    plan,
    { path: resolve(file.path), name: file.name, sha256: file.sha256, size: file.bytes.byteLength },
    grids,
    sheetIndex,
    header,
    { evidenceDir: opts.evidenceDir, maxBytes: opts.limits?.maxBytes, archive: opts.archive },
  );
  if (r.summary.outcome !== "unchanged" && opts.archive !== false) {
    appendManifest(wPath(w), {
      kind: "file",
      plan_id: plan.id,
      sha256: file.sha256,
      name: file.name,
      path: resolve(file.path),
      ext,
      at: r.summary.ingested_at ?? new Date().toISOString(),
      progress: true,
      evidence: r.evidence,
    });
  }
  const unchanged = r.summary.outcome === "unchanged";
  return {
    ...base,
    sha256: file.sha256,
    outcome: r.summary.outcome,
    summary: r.summary,
    rejected: unchanged ? [] : r.rejected,
    format: grids.format,
    layout: "progress",
    encoding: grids.encoding,
    evidenceMissing: unchanged ? [] : r.missing,
    evidenceStored: r.evidence.length,
  };
}

function reportReturned(base: FileReport, r: ReturnResult): FileReport {
  const refused = r.receipt.refused;
  return {
    ...base,
    sha256: r.sha256 || null,
    outcome: refused ? "refused" : (r.summary?.outcome ?? "refused"),
    summary: r.summary,
    rejected:
      r.summary?.outcome === "unchanged"
        ? []
        : r.receipt.rejected.map((c) => ({
            row: c.row,
            column: `${c.column} ${c.column_name}`,
            value: c.value,
            code: c.code,
            zh: c.zh,
            en: c.en,
          })),
    error: refused ? { code: refused.code, zh: `${refused.zh}${refused.fix_zh}`, en: `${refused.en} ${refused.fix_en}` } : null,
    format: "template",
    layout: "template",
    receipt: r.receipt,
  };
}

/** Ingest many files, one transaction each. */
export async function ingestFiles(w: Warehouse, plan: Plan, files: string[], opts: IngestOptions = {}): Promise<FileReport[]> {
  const reports: FileReport[] = [];
  for (const [i, file] of files.entries()) {
    opts.onFile?.(file, i, files.length);
    reports.push(await ingestFile(w, plan, file, opts));
  }
  return reports;
}

/** Exit code for a set of reports: 2 when a file could not be read, 1 when rows were rejected, else 0. */
export function ingestExitCode(reports: FileReport[]): 0 | 1 | 2 {
  if (reports.some((r) => r.outcome === "refused")) return 2;
  if (reports.some((r) => r.rejected.length > 0)) return 1;
  return 0;
}
