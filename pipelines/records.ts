/**
 * Ingest record files (certificates, contracts, R&D, lists): hash the file (streaming), probe it,
 * keep a copy in the archive, land it through SQL (warehouse/records.ts) and record it in the
 * manifest so `rebuild` replays it. Never throws for a bad file: the report says what happened.
 */
import { createHash } from "node:crypto";
import { constants, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { copyFile, open } from "node:fs/promises";
import { basename, dirname, extname, resolve } from "node:path";
import type { Plan } from "../domain/plan.ts";
import { FileError } from "../loaders/errors.ts";
import { AMOUNT_UNITS, KINDS, QUANTITY_UNITS, type RecordKind } from "../domain/records.ts";
import { coverageColumn, coverageFromPreamble, parseThrough } from "../loaders/records/coverage.ts";
import { probeRecordFile, type RecordSource } from "../loaders/records/read.ts";
import { headerUnit } from "../loaders/records/validate.ts";
import { appendManifest, archivedPath, type ManifestEntry } from "../warehouse/archive.ts";
import { inTransaction, queryRows, type Warehouse } from "../warehouse/connection.ts";
import { refreshDerived } from "../warehouse/records-derive.ts";
import { landRecordFile, recordFileLanded, type RecordLandingSummary } from "../warehouse/records.ts";
import { lit, type SourceSpec } from "../warehouse/records-sql.ts";

export const RECORD_EXTENSIONS = new Set([".csv", ".txt", ".tsv", ".xlsx", ".parquet"]);

export interface RecordIngestOptions {
  kind?: RecordKind;
  unit?: string | null;
  list?: string | null;
  /** The date the file covers through (数据截至), YYYY-MM-DD (--through); else from a title row, a column or the records. */
  through?: string | null;
  /** Keep a copy in the archive and a manifest entry (default true). */
  archive?: boolean;
  /** Recompute the derived indicators after the file (default true). */
  derive?: boolean;
  /** Original landing time (rebuild). */
  ingestedAt?: string;
  /** Name and path to record (rebuild reads the archived copy of a file first ingested as `name` from `displayPath`). */
  name?: string;
  displayPath?: string;
}

export interface RecordFileReport {
  path: string;
  name: string;
  sha256: string | null;
  kind: RecordKind | null;
  outcome: RecordLandingSummary["outcome"] | "refused";
  summary: RecordLandingSummary | null;
  error: { code: string; zh: string; en: string } | null;
  format: string | null;
  encoding: string | null;
  bytes: number;
  ms: number;
}

/**
 * sha256 of a file, read in 4 MiB pieces into one reused buffer (a read stream allocates a new
 * buffer per piece: measured 40-48 ms of CPU for a 27 MB file against 25-28 ms this way).
 */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  const file = await open(path, "r");
  try {
    const buffer = Buffer.allocUnsafe(4 * 1024 * 1024);
    for (;;) {
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
  return hash.digest("hex");
}

/** Copy a file into the archive under its sha256 (temporary name, then rename; idempotent). */
async function archiveFile(dbPath: string, sha256: string, ext: string, from: string): Promise<{ target: string; created: boolean }> {
  const target = archivedPath(dbPath, sha256, ext);
  if (existsSync(target)) return { target, created: false };
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  // A copy-on-write clone where the filesystem offers one (btrfs, XFS: instant, and still a copy the
  // original's later edits do not reach), else a plain copy. Never a hard link: a file edited in place
  // afterwards would change the archived copy that rebuild replays.
  await copyFile(from, tmp, constants.COPYFILE_FICLONE);
  renameSync(tmp, target);
  return { target, created: true };
}

async function parquetColumns(w: Warehouse, path: string): Promise<{ names: string[]; types: string[] }> {
  const rows = await queryRows<{ column_name: string; column_type: string }>(w, `DESCRIBE SELECT * FROM read_parquet(${lit(path)})`);
  return { names: rows.map((r) => r.column_name), types: rows.map((r) => r.column_type) };
}

/** How the landing's SQL reads a probed file (warehouse/records-sql.ts sourceSql). */
export function sourceSpec(src: RecordSource, parquetTypes?: string[], tolerant = false): SourceSpec {
  return {
    format: src.format,
    readPath: src.readPath,
    delimiter: src.delimiter,
    skipLines: src.skipLines,
    headerRow: src.headerRow,
    width: src.headers.length,
    parquetTypes,
    tolerant,
  };
}

/** A file that states no unit for its amounts (no unit in a header, no unit column, no --unit) cannot be read safely. */
function checkUnit(src: RecordSource, unit: string | null | undefined): void {
  const kind = src.match.kind;
  const units = kind === "lists" ? QUANTITY_UNITS : AMOUNT_UNITS;
  if (unit && !(unit in units)) {
    throw new FileError(
      "BAD_UNIT",
      `--unit ${unit} 无法识别：可用 ${Object.keys(units).join("、")}。`,
      `--unit ${unit} is not known: use ${Object.keys(units).join(", ")}.`,
    );
  }
  if (kind === "lists" || kind === "certificates") return;
  const hasUnitColumn = src.match.columns.some((c) => c.field.key === "unit");
  if (headerUnit(src.match) || hasUnitColumn || unit) return;
  const amounts = KINDS[kind].fields.filter((f) => f.type === "amount").map((f) => f.zh);
  throw new FileError(
    "MISSING_UNIT",
    `文件 ${src.name} 没有写明金额单位：请在表头写明（如「${amounts[amounts.length - 1]}（万元）」），或加一列「金额单位」，或用 --unit 万元 指定。`,
    `${src.name} does not say which unit its amounts are in: write it in the header (e.g. "${amounts[amounts.length - 1]}（万元）"), add a unit column (金额单位), or pass --unit 万元.`,
  );
}

const isCsvStructureError = (e: unknown) =>
  /CSV Error|Invalid Input Error|Conversion Error|quoted new lines|Expected Number of Columns/i.test(String((e as Error)?.message ?? e));

/** Ingest one record file. */
export async function ingestRecordFile(w: Warehouse, plan: Plan, path: string, opts: RecordIngestOptions = {}): Promise<RecordFileReport> {
  const started = Date.now();
  const name = opts.name ?? basename(path);
  const report: RecordFileReport = {
    path,
    name,
    sha256: null,
    kind: null,
    outcome: "refused",
    summary: null,
    error: null,
    format: null,
    encoding: null,
    bytes: 0,
    ms: 0,
  };
  const done = (r: Partial<RecordFileReport>) => ({ ...report, ...r, ms: Date.now() - started });
  // PLAN_MONITOR_TIMING=1: each phase's end, in ms since the file's start.
  const mark = process.env.PLAN_MONITOR_TIMING
    ? (label: string) => process.stderr.write(`  ${label}: ${Date.now() - started} ms\n`)
    : () => {};
  let src: RecordSource | null = null;
  let archived: { target: string; created: boolean } | null = null;
  let copying: Promise<{ target: string; created: boolean }> | null = null;
  try {
    report.bytes = statSync(path).size;
    const sha256 = await sha256File(path);
    mark("sha256");
    report.sha256 = sha256;
    if (await recordFileLanded(w, sha256)) {
      const [row] = await queryRows<{ kind: RecordKind }>(w, "SELECT kind FROM record_files WHERE sha256 = $1", [sha256]);
      return done({ outcome: "unchanged", kind: row?.kind ?? null });
    }
    let pq: { names: string[]; types: string[] } | undefined;
    src = await probeRecordFile(path, opts, async () => {
      pq = await parquetColumns(w, path);
      return pq.names;
    });
    mark("probe");
    report.kind = src.match.kind;
    report.format = src.format;
    report.encoding = src.encoding;
    checkUnit(src, opts.unit);
    const through = opts.through ? parseThrough(opts.through) : null;
    if (opts.through && !through)
      throw new FileError(
        "BAD_THROUGH",
        `--through ${opts.through} 不是有效日期：请写 YYYY-MM-DD，如 2019-12-31。`,
        `--through ${opts.through} is not a date: write YYYY-MM-DD, e.g. 2019-12-31.`,
      );
    const ext = extname(name).toLowerCase() || `.${src.format}`;
    copying = opts.archive === false ? null : archiveFile(w.path, sha256, ext, path);
    const land = (tolerant: boolean) =>
      landRecordFile(w, {
        plan,
        sha256,
        path: opts.displayPath ?? resolve(path),
        name,
        size: report.bytes,
        encoding: src!.encoding,
        sheet: src!.sheet,
        headers: src!.headers,
        match: src!.match,
        source: sourceSpec(src!, pq?.types, tolerant),
        unit: opts.unit ?? null,
        list: opts.list ?? null,
        ingestedAt: opts.ingestedAt,
        derive: opts.derive,
        through,
        titleThrough: coverageFromPreamble(src!.preamble),
        coverageColumn: coverageColumn(src!.headers),
      });
    let summary: RecordLandingSummary;
    try {
      summary = await land(false);
    } catch (error) {
      // Ragged rows or quoted line breaks: retry with DuckDB's tolerant single-threaded scanner.
      if (src.format !== "parquet" && isCsvStructureError(error)) summary = await land(true);
      else throw error;
    }
    mark("landed");
    archived = copying ? await copying : null;
    mark("archived");
    if (archived && summary.outcome !== "unchanged") {
      appendManifest(w.path, {
        kind: "file",
        plan_id: plan.id,
        sha256,
        name,
        path: resolve(path),
        ext,
        at: summary.ingested_at ?? new Date().toISOString(),
        record_kind: src.match.kind,
        unit: opts.unit ?? null,
        list: opts.list ?? null,
        through,
      } as ManifestEntry);
    }
    return done({ outcome: summary.outcome, summary });
  } catch (error) {
    // Nothing of a refused file is kept, not even its archived copy.
    if (!archived && copying) archived = await copying.catch(() => null);
    if (archived?.created) rmSync(archived.target, { force: true });
    if (error instanceof FileError) return done({ error: { code: error.code, zh: error.zh, en: error.en } });
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "EACCES" || code === "EISDIR")
      return done({
        error: {
          code,
          zh: `无法读取文件 ${path}（${code}）。请检查路径和权限。`,
          en: `cannot read file ${path} (${code}). Check the path and permissions.`,
        },
      });
    const message = String((error as Error).message ?? error).split("\n")[0];
    if (/CSV Error|Invalid Input|Parquet|Conversion|IO Error/i.test(message))
      return done({
        error: {
          code: "UNREADABLE",
          zh: `无法读取文件 ${name}：${message}。文件未导入任何内容。`,
          en: `cannot read ${name}: ${message}. Nothing of it was kept.`,
        },
      });
    throw error;
  } finally {
    src?.cleanup();
  }
}

/** Ingest many record files, one transaction each (derived indicators refreshed once at the end). */
export async function ingestRecordFiles(
  w: Warehouse,
  plan: Plan,
  files: string[],
  opts: RecordIngestOptions & { onFile?: (path: string, i: number, n: number) => void } = {},
): Promise<RecordFileReport[]> {
  const reports: RecordFileReport[] = [];
  for (const [i, file] of files.entries()) {
    opts.onFile?.(file, i, files.length);
    reports.push(await ingestRecordFile(w, plan, file, { ...opts, derive: false }));
  }
  if (opts.derive !== false && reports.some((r) => r.summary && r.summary.outcome !== "unchanged")) {
    await inTransaction(w, () => refreshDerived(w));
  }
  return reports;
}

export function recordExitCode(reports: RecordFileReport[]): 0 | 1 | 2 {
  if (reports.some((r) => r.outcome === "refused")) return 2;
  if (reports.some((r) => (r.summary?.rejected ?? 0) > 0)) return 1;
  return 0;
}

/** Replay an archived record file (rebuild): same kind, unit, list, coverage flag and landing time as the first time. */
export async function replayRecordFile(
  w: Warehouse,
  plan: Plan,
  archived: string,
  entry: {
    name: string;
    path: string;
    at: string;
    record_kind?: RecordKind;
    unit?: string | null;
    list?: string | null;
    through?: string | null;
  },
): Promise<RecordFileReport> {
  return ingestRecordFile(w, plan, archived, {
    archive: false,
    derive: false,
    kind: entry.record_kind,
    unit: entry.unit ?? null,
    list: entry.list ?? null,
    through: entry.through ?? null,
    ingestedAt: entry.at,
    name: entry.name,
    displayPath: entry.path,
  });
}

/** After a rebuild: the derived indicators from the replayed records. */
export async function refreshDerivedAfterRebuild(w: Warehouse): Promise<void> {
  await refreshDerived(w);
}
