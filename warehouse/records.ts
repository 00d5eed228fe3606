/**
 * Land one record file in the warehouse, whole or not at all, with every step in SQL:
 *   1. read_csv / read_parquet → typed rows in the kind's table, each invalid row carrying its errors;
 *   2. the invalid rows → rejected_rows (reasons filled from templates), then removed;
 *   3. keys repeated within the file: with different values every such row is rejected, with the
 *      same values the first row is kept;
 *   4. keys already held: the same values → the new row is dropped (unchanged); different values →
 *      the new row becomes current and the old one is kept as history (superseded);
 *   5. record_files and source_files rows; the derived indicators refreshed.
 * All in one transaction. Re-landing a file with the same sha256 changes nothing.
 */
import { type CoverageBasis, KINDS, type KindMatch, type RecordKind } from "../domain/records.ts";
import { headerUnit, REASON_TEMPLATES } from "../domain/record-rules.ts";
import type { Plan } from "../domain/plan.ts";
import { inTransaction, queryRows, type Warehouse } from "./connection.ts";
import { refreshDerived } from "./records-derive.ts";
import {
  columnIndex,
  headerRows,
  keyExpr,
  keyField,
  landingSql,
  lookupChecks,
  lookupSql,
  macrosSql,
  type SourceSpec,
  sourceSql,
  usedParams,
  valueColumnsSql,
} from "./records-sql.ts";

export interface RecordFileToLand {
  plan: Plan;
  sha256: string;
  path: string;
  name: string;
  size: number;
  encoding: string | null;
  sheet: string | null;
  headers: string[];
  match: KindMatch;
  source: SourceSpec;
  /** Unit for amounts when neither the header nor a unit column gives one (--unit). */
  unit?: string | null;
  /** List for a list file without a list column (--list). */
  list?: string | null;
  /** When the file landed (rebuild passes the original time); default now. */
  ingestedAt?: string;
  /** Recompute the derived indicators after landing (default true). */
  derive?: boolean;
  /** Coverage (数据截至) given with --through (YYYY-MM-DD). */
  through?: string | null;
  /** Coverage stated in a title or note row above the header (YYYY-MM-DD). */
  titleThrough?: string | null;
  /** Index of a 数据截至 / data-through column, or -1. */
  coverageColumn?: number;
}

export interface RecordLandingSummary {
  outcome: "accepted" | "partial" | "unchanged";
  kind: RecordKind;
  file_no: number | null;
  rows_read: number;
  /** New record versions written. */
  accepted: number;
  /** Rows rejected (each with one or more reasons in rejected_rows). */
  rejected: number;
  /** Rows repeating an earlier row of the file exactly (dropped). */
  duplicates: number;
  /** Rows identical to the record already held (nothing written). */
  unchanged: number;
  /** New versions that replaced a record already held. */
  superseded: number;
  ingested_at: string | null;
  /** The date the file covers through (数据截至), and where it came from. */
  covered_through: string | null;
  coverage_basis: CoverageBasis | null;
  ms: number;
}

const num = (v: unknown) => Number(v ?? 0);

/** Whether a record file with this content has already landed. */
export async function recordFileLanded(w: Warehouse, sha256: string): Promise<boolean> {
  const rows = await queryRows(w, "SELECT 1 FROM record_files WHERE sha256 = $1", [sha256]);
  return rows.length > 0;
}

/** Land a record file (see the module comment). Throws (after rolling back) when DuckDB cannot read it. */
export async function landRecordFile(w: Warehouse, f: RecordFileToLand): Promise<RecordLandingSummary> {
  const started = Date.now();
  const kind = f.match.kind;
  const spec = KINDS[kind];
  const table = spec.table;
  if (await recordFileLanded(w, f.sha256)) {
    return {
      outcome: "unchanged",
      kind,
      file_no: null,
      rows_read: 0,
      accepted: 0,
      rejected: 0,
      duplicates: 0,
      unchanged: 0,
      superseded: 0,
      ingested_at: null,
      covered_through: null,
      coverage_basis: null,
      ms: Date.now() - started,
    };
  }
  const c = w.connection;
  // PLAN_MONITOR_TIMING=1: each step's end, in ms since the start, and the process's CPU time so far
  // (DuckDB's threads included), which a busy machine distorts less than the wall clock.
  const cpu0 = process.cpuUsage();
  const timing = process.env.PLAN_MONITOR_TIMING
    ? (label: string) => {
        const cpu = process.cpuUsage(cpu0);
        process.stderr.write(`  ${label}: ${Date.now() - started} ms (cpu ${Math.round((cpu.user + cpu.system) / 1000)} ms)\n`);
      }
    : () => {};
  await prepareConnection(w);
  return inTransaction(w, async () => {
    const [{ file_no, now }] = await queryRows<{ file_no: number; now: string }>(
      w,
      `SELECT CAST(coalesce(max(file_no), 0) + 1 AS INTEGER) AS file_no,
              CAST(coalesce(CAST($1 AS TIMESTAMP), CAST(current_timestamp AS TIMESTAMP)) AS VARCHAR) AS now FROM record_files`,
      [f.ingestedAt ?? null],
    );
    // The file's headers reach SQL as parameters, through a small temporary table (one statement).
    const headers = headerRows(f.match, f.headers);
    await c.run("CREATE OR REPLACE TEMP TABLE pm_headers (idx INTEGER, header VARCHAR)");
    await c.run(
      `INSERT INTO pm_headers VALUES ${headers.map((_, i) => `($${2 * i + 1}, $${2 * i + 2})`).join(", ")}`,
      headers.flat() as never,
    );

    // 1. Every row, typed, with its errors.
    const landing = landingSql(kind, f.match, f.source);
    await c.run(
      landing,
      usedParams(landing, [file_no, f.plan.region.code, headerUnit(f.match) ?? f.unit ?? null, f.list ?? null]) as never,
    );
    timing("insert");
    // Number the rows as a spreadsheet shows them. CSV rows were inserted in file order (blank and
    // footnote rows included) with consecutive row ids: DuckDB's parallel insert keeps the reader's
    // order (preserve_insertion_order, on by default) when the landing's plan is a batch insert with no
    // join (test/warehouse/records-order.test.ts), so no window and no sort is needed. Parquet rows
    // carry their own numbers.
    if (f.source.format !== "parquet") {
      await c.run(
        `UPDATE ${table} SET row_number = rowid - (SELECT min(rowid) FROM ${table} WHERE file_no = $1) + ${Number(f.source.headerRow) + 1} WHERE file_no = $1`,
        [file_no],
      );
    }
    await c.run(`DELETE FROM ${table} WHERE file_no = $1 AND errors IS NOT NULL AND errors[1].code = 'SKIP'`, [file_no]);
    timing("numbered");
    for (const check of lookupChecks(kind)) {
      if (!f.match.columns.some((x) => x.field.key === check.key)) continue;
      const sql = lookupSql(kind, f.match, check);
      await c.run(sql.build, [file_no]);
      const [need] = await queryRows<{ canonical: number; flag: number }>(w, sql.count);
      if (num(need.canonical) > 0) await c.run(sql.canonical, [file_no]);
      if (num(need.flag) > 0) await c.run(sql.flag, [file_no]);
    }
    timing("lookups");
    const [{ rows_read, invalid }] = await queryRows<{ rows_read: number; invalid: number }>(
      w,
      `SELECT count(*) AS rows_read, count(*) FILTER (WHERE errors IS NOT NULL) AS invalid FROM ${table} WHERE file_no = $1`,
      [file_no],
    );

    // 2. Invalid rows → rejected_rows.
    const reject = async (fromSql: string, params: unknown[]) =>
      c.run(
        `INSERT INTO rejected_rows
         SELECT $1, $2, e.rn, h.header, e.val, e.code,
                replace(replace(r.zh, '{column}', coalesce(h.header, '')), '{value}', coalesce(e.val, '')),
                replace(replace(r.en, '{column}', coalesce(h.header, '')), '{value}', coalesce(e.val, ''))
         FROM (${fromSql}) e LEFT JOIN pm_headers h ON h.idx = e.col JOIN pm_reasons r ON r.code = e.code
         ORDER BY e.rn, h.header, e.code`,
        [f.plan.id, f.sha256, ...params] as never,
      );
    if (num(invalid) > 0)
      await reject(
        `SELECT row_number AS rn, x.col AS col, x.val AS val, x.code AS code
       FROM (SELECT row_number, unnest(errors) AS x FROM ${table} WHERE file_no = $3 AND errors IS NOT NULL)`,
        [file_no],
      );
    if (num(invalid) > 0) await c.run(`DELETE FROM ${table} WHERE file_no = $1 AND errors IS NOT NULL`, [file_no]);

    timing("rejected");
    // Coverage (数据截至): --through, else a title row, else a coverage column, else the latest date of the records.
    const coverage = await fileCoverage(w, f, kind, file_no);
    // The lists a list file holds (comma-joined list ids; ids have no commas).
    const [{ lists }] = await queryRows<{ lists: string | null }>(
      w,
      kind === "lists"
        ? `SELECT string_agg(DISTINCT list, ',' ORDER BY list) AS lists FROM ${table} WHERE file_no = $1`
        : "SELECT NULL::VARCHAR AS lists",
      kind === "lists" ? [file_no] : [],
    );
    timing("coverage");
    // 3. Keys repeated within the file.
    const key = keyExpr(kind);
    const values = valueColumnsSql(kind);
    await c.run(
      `CREATE OR REPLACE TEMP TABLE pm_dups AS
       SELECT k, count(DISTINCT sig) AS variants, min(row_number) AS first_row, count(*) AS n
       FROM (SELECT ${key} AS k, row_number, row(${values.join(", ")}) AS sig FROM ${table} WHERE file_no = $1)
       WHERE k IN (SELECT ${key} FROM ${table} WHERE file_no = $1 GROUP BY 1 HAVING count(*) > 1)
       GROUP BY k`,
      [file_no],
    );
    const [{ conflicts, duplicates }] = await queryRows<{ conflicts: number; duplicates: number }>(
      w,
      "SELECT CAST(coalesce(sum(CASE WHEN variants > 1 THEN n END), 0) AS DOUBLE) AS conflicts, CAST(coalesce(sum(CASE WHEN variants = 1 THEN n - 1 END), 0) AS DOUBLE) AS duplicates FROM pm_dups",
    );
    if (num(conflicts) > 0) {
      await reject(
        `SELECT t.row_number AS rn, ${columnIndex(f.match, keyField(kind))} AS col, d.k AS val, 'DUPLICATE_CONFLICT' AS code
         FROM ${table} t JOIN pm_dups d ON d.k = ${keyExpr(kind, "t")} AND d.variants > 1 WHERE t.file_no = $3`,
        [file_no],
      );
      await c.run(`DELETE FROM ${table} WHERE file_no = $1 AND ${key} IN (SELECT k FROM pm_dups WHERE variants > 1)`, [file_no]);
    }
    if (num(duplicates) > 0) {
      await c.run(
        `DELETE FROM ${table} t USING pm_dups d WHERE t.file_no = $1 AND d.variants = 1 AND d.k = ${keyExpr(kind, "t")} AND t.row_number <> d.first_row`,
        [file_no],
      );
    }

    timing("duplicates");
    // 4. Against the records already held.
    let unchanged = 0;
    let superseded = 0;
    const [{ held }] = await queryRows<{ held: boolean }>(w, `SELECT EXISTS (SELECT 1 FROM ${table} WHERE file_no <> $1) AS held`, [
      file_no,
    ]);
    if (held) {
      const same = values.map((v) => `n.${v} IS NOT DISTINCT FROM o.${v}`).join(" AND ");
      await c.run(
        `CREATE OR REPLACE TEMP TABLE pm_cmp AS
         SELECT n.row_number AS new_row, o.file_no AS old_file, o.row_number AS old_row, (${same}) AS same
         FROM ${table} n JOIN ${table} o ON ${keyExpr(kind, "o")} = ${keyExpr(kind, "n")}
         WHERE n.file_no = $1 AND o.file_no <> $1 AND o.current`,
        [file_no],
      );
      const [cmp] = await queryRows<{ same: number; changed: number }>(
        w,
        "SELECT CAST(count(*) FILTER (WHERE same) AS DOUBLE) AS same, CAST(count(*) FILTER (WHERE NOT same) AS DOUBLE) AS changed FROM pm_cmp",
      );
      unchanged = num(cmp.same);
      superseded = num(cmp.changed);
      if (unchanged > 0)
        await c.run(`DELETE FROM ${table} WHERE file_no = $1 AND row_number IN (SELECT new_row FROM pm_cmp WHERE same)`, [file_no]);
      if (superseded > 0)
        await c.run(
          `UPDATE ${table} SET current = false FROM pm_cmp p WHERE ${table}.file_no = p.old_file AND ${table}.row_number = p.old_row AND NOT p.same`,
        );
    }

    timing("held");
    // 5. Bookkeeping.
    const [{ accepted }] = await queryRows<{ accepted: number }>(w, `SELECT count(*) AS accepted FROM ${table} WHERE file_no = $1`, [
      file_no,
    ]);
    const [{ rejected }] = await queryRows<{ rejected: number }>(
      w,
      "SELECT count(DISTINCT row_number) AS rejected FROM rejected_rows WHERE plan_id = $1 AND file_sha256 = $2",
      [f.plan.id, f.sha256],
    );
    const synthetic = /synthetic|合成/i.test(f.name);
    await c.run(
      `INSERT INTO record_files (file_no, sha256, kind, plan_id, path, name, size, format, encoding, sheet, header_row, ingested_at,
         rows_read, accepted, rejected, duplicates, unchanged, superseded, synthetic, covered_through, coverage_basis, lists)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CAST($12 AS TIMESTAMP), $13, $14, $15, $16, $17, $18, $19,
               CAST($20 AS DATE), $21, CASE WHEN $22::VARCHAR IS NULL THEN NULL ELSE string_split($22::VARCHAR, ',') END)`,
      [
        file_no,
        f.sha256,
        kind,
        f.plan.id,
        f.path,
        f.name,
        f.size,
        f.source.format,
        f.encoding,
        f.sheet,
        f.source.headerRow,
        now,
        num(rows_read),
        num(accepted),
        num(rejected),
        num(duplicates),
        unchanged,
        superseded,
        synthetic,
        coverage.through,
        coverage.basis,
        lists,
      ] as never,
    );
    const outcome = num(rejected) > 0 ? "partial" : "accepted";
    await c.run(
      `INSERT OR REPLACE INTO source_files VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, CAST($11 AS TIMESTAMP), $12, $13, $14, $15, $16, $17)`,
      [
        f.plan.id,
        f.sha256,
        f.path,
        f.name,
        f.size,
        f.source.format,
        f.encoding,
        `records:${kind}`,
        f.sheet,
        f.source.headerRow,
        now,
        Math.min(num(rows_read), 2 ** 31 - 1),
        Math.min(num(accepted), 2 ** 31 - 1),
        Math.min(num(rejected), 2 ** 31 - 1),
        superseded,
        unchanged + num(duplicates),
        outcome,
      ] as never,
    );
    timing("bookkeeping");
    if (f.derive !== false) await refreshDerived(w);
    return {
      outcome,
      kind,
      file_no,
      rows_read: num(rows_read),
      accepted: num(accepted),
      rejected: num(rejected),
      duplicates: num(duplicates),
      unchanged,
      superseded,
      ingested_at: now,
      covered_through: coverage.through,
      coverage_basis: coverage.basis,
      ms: Date.now() - started,
    };
  });
}

/** Connections that already hold the macros and the reason templates (both the same for every file). */
const prepared = new WeakSet<object>();

/** Create the SQL macros and the reason templates (pm_reasons, filled through parameters) once per connection. */
async function prepareConnection(w: Warehouse): Promise<void> {
  const c = w.connection;
  if (prepared.has(c)) return;
  await c.run(macrosSql());
  const reasons = Object.entries(REASON_TEMPLATES);
  await c.run("CREATE OR REPLACE TEMP TABLE pm_reasons (code VARCHAR, zh VARCHAR, en VARCHAR)");
  await c.run(
    `INSERT INTO pm_reasons VALUES ${reasons.map((_, i) => `($${3 * i + 1}, $${3 * i + 2}, $${3 * i + 3})`).join(", ")}`,
    reasons.flatMap(([code, t]) => [code, t.zh, t.en]) as never,
  );
  prepared.add(c);
}

/** The latest date of a kind's own date column (R&D: 31 December of the latest year), as SQL over the file's rows in the kind's table. */
const OWN_DATE: Record<RecordKind, string> = {
  certificates: "max(certified_on)",
  contracts: "max(registered_on)",
  rd: "make_date(max(year), 12, 31)",
  lists: "max(start_on)",
};

/** Where a file's coverage comes from: --through, a title row, a 数据截至 column, else the latest record date. */
async function fileCoverage(
  w: Warehouse,
  f: RecordFileToLand,
  kind: RecordKind,
  fileNo: number,
): Promise<{ through: string | null; basis: CoverageBasis | null }> {
  if (f.through) return { through: f.through, basis: "flag" };
  if (f.titleThrough) return { through: f.titleThrough, basis: "title" };
  const col = f.coverageColumn ?? -1;
  if (col >= 0) {
    const cell = `pm_clean(c${col})`;
    const [{ d }] = await queryRows<{ d: string | null }>(
      w,
      `SELECT CAST(max(x) AS VARCHAR) AS d FROM (
         SELECT coalesce(try_cast(${cell} AS DATE), pm_date(${cell})) AS x FROM (${sourceSql(f.source)})
       ) WHERE pm_date_ok(x)`,
    );
    if (d) return { through: d, basis: "column" };
  }
  const [{ d }] = await queryRows<{ d: string | null }>(
    w,
    `SELECT CAST(${OWN_DATE[kind]} AS VARCHAR) AS d FROM ${KINDS[kind].table} WHERE file_no = $1`,
    [fileNo],
  );
  return d ? { through: d, basis: "records" } : { through: null, basis: null };
}
