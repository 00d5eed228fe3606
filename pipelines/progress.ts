/**
 * Ingest a progress-report file: its rows through loaders/progress-report.ts, the evidence files it
 * names from the evidence folder (--evidence DIR, else `<report>.evidence/` or `佐证材料/` beside
 * the report) into the archive by sha256, then one landing transaction (warehouse/progress.ts).
 * Used by `ingest` (which routes a file here when its header is a progress report) and `rebuild`.
 *
 * @example
 *   const header = findProgressHeader(grids.sheets[0].rows);
 *   if (header) await ingestProgressGrids(w, plan, file, grids, 0, header, { evidenceDir });
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";
import type { Plan } from "../domain/plan.ts";
import { safeEvidenceName, sniffEvidenceType } from "../loaders/evidence.ts";
import { findProgressHeader, type ProgressHeader, parseProgressRows } from "../loaders/progress-report.ts";
import { DEFAULT_MAX_BYTES, type FileGrids, readGrids } from "../loaders/read-file.ts";
import { archiveBytes, type ManifestEntry } from "../warehouse/archive.ts";
import type { Warehouse } from "../warehouse/connection.ts";
import type { LandingSummary, RejectedInput } from "../warehouse/ingest.ts";
import { landProgressFile, type StoredEvidence } from "../warehouse/progress.ts";

export interface ProgressFileInfo {
  path: string;
  name: string;
  sha256: string;
  size: number;
}

export interface ProgressIngestOptions {
  /** Folder holding the evidence files (--evidence). */
  evidenceDir?: string;
  maxBytes?: number;
  archive?: boolean;
  ingestedAt?: string;
  /** The date rows are checked against (default: today, or the date of ingestedAt). */
  today?: string;
  /** Evidence already archived (rebuild replays the manifest): no folder is searched. */
  evidence?: StoredEvidence[];
}

export interface ProgressIngestResult {
  summary: LandingSummary;
  rejected: RejectedInput[];
  /** Evidence named but not found (or refused: too large, an unsafe name). */
  missing: { name: string; zh: string; en: string }[];
  evidence: StoredEvidence[];
  headerRow: number;
  sheet: string | null;
  rowsRead: number;
}

/** Folders searched for evidence, first hit wins. */
export function evidenceFolders(reportPath: string, evidenceDir?: string): string[] {
  if (evidenceDir) return [evidenceDir];
  const dir = dirname(reportPath);
  return [join(dir, `${basename(reportPath, extname(reportPath))}.evidence`), join(dir, "佐证材料"), join(dir, "evidence")];
}

/** Read, sniff and archive each named evidence file; what cannot be found is reported missing. */
export function collectEvidence(
  w: Warehouse,
  names: string[],
  folders: string[],
  opts: { maxBytes?: number; archive?: boolean } = {},
): { found: Map<string, StoredEvidence>; missing: ProgressIngestResult["missing"] } {
  const found = new Map<string, StoredEvidence>();
  const missing: ProgressIngestResult["missing"] = [];
  const max = opts.maxBytes ?? DEFAULT_MAX_BYTES;
  for (const raw of new Set(names)) {
    const name = safeEvidenceName(raw);
    if (!name) {
      missing.push({
        name: raw,
        zh: `佐证材料名"${raw}"含路径或非法字符，只能写文件名`,
        en: `evidence name "${raw}" has a path or illegal characters; write the file name only`,
      });
      continue;
    }
    const path = folders.map((f) => join(f, name)).find((p) => existsSync(p) && statSync(p).isFile());
    if (!path) {
      missing.push({
        name,
        zh: `佐证材料缺失：找不到 ${name}（已查找 ${folders.join("、")}）`,
        en: `evidence missing: ${name} not found (looked in ${folders.join(", ")})`,
      });
      continue;
    }
    const size = statSync(path).size;
    if (size > max) {
      missing.push({
        name,
        zh: `佐证材料 ${name} 超过大小上限（${size} 字节 > ${max}），未保存`,
        en: `evidence ${name} is over the size limit (${size} bytes > ${max}); not stored`,
      });
      continue;
    }
    const bytes = readFileSync(path);
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const ext = extname(name).toLowerCase();
    if (opts.archive !== false) archiveBytes(w.path, sha256, ext, bytes);
    found.set(raw, { name, sha256, ext, size: bytes.byteLength, type: sniffEvidenceType(bytes) });
  }
  return { found, missing };
}

/** Parse the report rows of one sheet, archive their evidence and land them. */
export async function ingestProgressGrids(
  w: Warehouse,
  plan: Plan,
  file: ProgressFileInfo,
  grids: FileGrids,
  sheetIndex: number,
  header: ProgressHeader,
  opts: ProgressIngestOptions = {},
): Promise<ProgressIngestResult> {
  const sheet = grids.sheets[sheetIndex];
  const today = opts.today ?? (opts.ingestedAt ?? new Date().toISOString()).slice(0, 10);
  const { reports, rejected, rowsRead } = parseProgressRows(sheet.rows, header, plan, { today });
  const names = reports.flatMap((r) => r.evidence);
  const { found, missing } = opts.evidence
    ? knownEvidence(names, opts.evidence)
    : collectEvidence(w, names, evidenceFolders(file.path, opts.evidenceDir), opts);
  const summary = await landProgressFile(w, {
    planId: plan.id,
    sha256: file.sha256,
    path: file.path,
    name: file.name,
    size: file.size,
    format: grids.format,
    encoding: grids.encoding,
    sheet: sheet.name,
    headerRow: header.headerRow,
    rowsRead,
    reports,
    rejected,
    evidence: found,
    ingestedAt: opts.ingestedAt,
  });
  return { summary, rejected, missing, evidence: [...found.values()], headerRow: header.headerRow, sheet: sheet.name, rowsRead };
}

function knownEvidence(names: string[], known: StoredEvidence[]): ReturnType<typeof collectEvidence> {
  const found = new Map<string, StoredEvidence>();
  const missing: ProgressIngestResult["missing"] = [];
  for (const name of new Set(names)) {
    const hit = known.find((e) => e.name === name);
    if (hit) found.set(name, hit);
    else missing.push({ name, zh: `佐证材料缺失：${name}`, en: `evidence missing: ${name}` });
  }
  return { found, missing };
}

/** Rebuild: land an archived progress-report file again, with the evidence its manifest entry lists. */
export async function replayProgressFile(
  w: Warehouse,
  plan: Plan,
  entry: Extract<ManifestEntry, { kind: "file" }>,
  bytes: Uint8Array,
): Promise<ProgressIngestResult | null> {
  const grids = await readGrids(bytes, entry.name);
  const index = grids.sheets.findIndex((s) => findProgressHeader(s.rows) !== null);
  const header = index >= 0 ? findProgressHeader(grids.sheets[index].rows) : null;
  if (!header) return null;
  const file = { path: entry.path, name: entry.name, sha256: entry.sha256, size: bytes.byteLength };
  return ingestProgressGrids(w, plan, file, grids, index, header, { ingestedAt: entry.at, evidence: entry.evidence ?? [], archive: false });
}
