/**
 * The SQL that parses and validates record files inside DuckDB (large files: no row ever becomes
 * a JavaScript object). The rules are those of loaders/records/validate.ts (the JS reference),
 * written as SQL: the same regular expressions, the same order of checks, the same codes.
 *
 * What goes into SQL text: our own constants (unit names, contract types, list names, codes),
 * column positions, and the file path as an escaped string literal. What never does: a value
 * from a file (cells, headers) or from the command line other than the path. Those travel as
 * bound parameters or through small temporary tables filled with parameters.
 */
import { sqlString } from "../lib/sql.ts";
import {
  AMOUNT_UNITS,
  CONTRACT_TYPES,
  type FieldSpec,
  KINDS,
  type KindMatch,
  LISTS,
  QUANTITY_UNITS,
  type RecordKind,
} from "../domain/records.ts";
import { cellLabel, CREDIT_CODE_CHARS, CREDIT_CODE_WEIGHTS, TRIM_CHARS } from "../domain/record-rules.ts";

/** The parameters a statement uses: DuckDB refuses more than the highest $n it names. */
export function usedParams(sql: string, params: unknown[]): unknown[] {
  let max = 0;
  for (const m of sql.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]));
  return params.slice(0, max);
}

/** A SQL string literal (lib/sql.ts). Used for paths and our own constants only. */
export const lit = sqlString;

const SQL_TYPE: Record<FieldSpec["type"], string> = {
  text: "VARCHAR",
  credit_code: "VARCHAR",
  date: "DATE",
  amount: "DOUBLE",
  quantity: "DOUBLE",
  year: "INTEGER",
  region: "VARCHAR",
  contract_type: "VARCHAR",
  list: "VARCHAR",
  unit: "VARCHAR",
};

export const ERRORS_TYPE = "STRUCT(col INTEGER, val VARCHAR, code VARCHAR)[]";

/** The table of one record kind: every version of every record (current = the latest version). */
export function recordTableSql(kind: RecordKind): string {
  const spec = KINDS[kind];
  const cols = spec.fields.map((f) => `  ${f.key} ${SQL_TYPE[f.type]}`);
  if (kind === "lists") cols.push("  item_key VARCHAR");
  return `CREATE TABLE IF NOT EXISTS ${spec.table} (
  file_no INTEGER NOT NULL, row_number BIGINT NOT NULL,
${cols.join(",\n")},
  current BOOLEAN NOT NULL DEFAULT true,
  errors ${ERRORS_TYPE}
);`;
}

/** Natural key of a record kind as a SQL expression over its table (alias `t`). */
export function keyExpr(kind: RecordKind, t = ""): string {
  const p = t ? `${t}.` : "";
  if (kind === "certificates") return `${p}certificate_no`;
  if (kind === "contracts") return `${p}contract_id`;
  if (kind === "rd") return `${p}credit_code || '|' || CAST(${p}year AS VARCHAR)`;
  return `${p}item_key`;
}

/** The column whose header a duplicate-key rejection names (as validate.ts). */
export function keyField(kind: RecordKind): string {
  return kind === "certificates" ? "certificate_no" : kind === "contracts" ? "contract_id" : kind === "rd" ? "credit_code" : "name";
}

/** The value columns compared to tell a changed record from the same one (the unit as written is not one). */
export function valueColumnsSql(kind: RecordKind): string[] {
  return KINDS[kind].fields.map((f) => f.key).filter((k) => k !== "unit");
}

// ---------------------------------------------------------------------------------------------
// Macros (per connection; created before each landing).

const re = (s: string) => lit(s);
const DATE_RE = "(\\d{4})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?";
const NUMBER_RE = "[ \t\r\n]*[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?[ \t\r\n]*";

export function macrosSql(): string {
  const terms = CREDIT_CODE_WEIGHTS.map((w, i) => `(instr(${lit(CREDIT_CODE_CHARS)}, substr(s, ${i + 1}, 1)) - 1) * ${w}`).join(" + ");
  return `
CREATE OR REPLACE TEMP MACRO pm_clean(s) AS nullif(trim(s, ${lit(TRIM_CHARS)}), '');
CREATE OR REPLACE TEMP MACRO pm_label(s) AS lower(regexp_replace(s, ${re("[ \t\r\n\u3000()（）\\[\\]【】*＊:：]")}, '', 'g'));
CREATE OR REPLACE TEMP MACRO pm_date(s) AS CASE
  WHEN regexp_full_match(s, ${re(DATE_RE)}) THEN try_cast(regexp_replace(s, ${re(`^${DATE_RE}$`)}, '\\1-\\2-\\3') AS DATE)
  WHEN regexp_full_match(s, ${re("\\d{8}")}) THEN try_cast(substr(s, 1, 4) || '-' || substr(s, 5, 2) || '-' || substr(s, 7, 2) AS DATE)
END;
CREATE OR REPLACE TEMP MACRO pm_date_ok(d) AS d IS NOT NULL AND year(d) BETWEEN 1949 AND 2100;
CREATE OR REPLACE TEMP MACRO pm_num(s) AS CASE
  WHEN regexp_full_match(replace(s, ',', ''), ${re(NUMBER_RE)}) THEN try_cast(replace(s, ',', '') AS DOUBLE)
END;
CREATE OR REPLACE TEMP MACRO pm_year(s) AS CASE WHEN s LIKE '____' OR s LIKE '____年' THEN try_cast(substr(s, 1, 4) AS INTEGER) END;
CREATE OR REPLACE TEMP MACRO pm_num_fast(s) AS CASE
  WHEN NOT (ascii(s) BETWEEN 48 AND 57) THEN pm_num(s)
  WHEN contains(s, '_') THEN NULL
  WHEN contains(s, ',') THEN try_cast(replace(s, ',', '') AS DOUBLE)
  ELSE try_cast(s AS DOUBLE)
END;
CREATE OR REPLACE TEMP MACRO pm_ucc_ok(s) AS regexp_full_match(s, ${re("[0-9A-HJ-NPQRTUWXY]{18}")})
  AND substr(${lit(CREDIT_CODE_CHARS)}, ((31 - ((${terms}) % 31)) % 31) + 1, 1) = substr(s, 18, 1);
`;
}

/**
 * Whether a cell may start or end with a character of TRIM_CHARS, without copying it: the first
 * code point (every code up to 32 counts, a superset of the trim characters below 33), then a
 * suffix test per trim character (right(cell, 1) counts the cell's characters, which cost twice as
 * much). No IN list: DuckDB plans an IN list of six or more constants as a join, and a join makes
 * the insert append in whatever order its threads finish, so a large file's rows got the row
 * numbers of other lines. A superset is exact here: pm_clean of a cell with no trim character at
 * either end is nullif(cell, '').
 */
function edgeTest(c: string): string {
  const chars = [...TRIM_CHARS];
  const high = chars.map((ch) => ch.codePointAt(0) as number).filter((code) => code > 32);
  const first = [`ascii(${c}) <= 32`, ...high.map((code) => `ascii(${c}) = ${code}`)];
  return [...first, ...chars.map((ch) => `suffix(${c}, ${lit(ch)})`)].join(" OR ");
}

function caseOf(expr: string, pairs: [string, string | number][], otherwise = "NULL"): string {
  const whens = pairs.map(([k, v]) => `WHEN ${lit(k)} THEN ${typeof v === "number" ? String(v) : lit(v)}`).join(" ");
  return `CASE ${expr} ${whens} ELSE ${otherwise} END`;
}

const contractTypeCase = (expr: string) =>
  caseOf(
    `pm_label(${expr})`,
    Object.entries(CONTRACT_TYPES).flatMap(([canonical, spellings]) =>
      [...new Set(spellings.map(cellLabel))].map((s) => [s, canonical] as [string, string]),
    ),
  );
const listCase = (expr: string) => {
  const seen = new Set<string>();
  const pairs: [string, string][] = [];
  for (const l of LISTS)
    for (const a of l.aliases) {
      const k = cellLabel(a);
      if (!seen.has(k)) {
        seen.add(k);
        pairs.push([k, l.id]);
      }
    }
  return caseOf(`pm_label(${expr})`, pairs);
};

// ---------------------------------------------------------------------------------------------

export interface SourceSpec {
  format: "csv" | "xlsx" | "parquet";
  readPath: string;
  delimiter: string;
  skipLines: number;
  headerRow: number;
  /** Number of columns in the file. */
  width: number;
  /** Parquet: each column's DuckDB type (to turn dates and timestamps into YYYY-MM-DD). */
  parquetTypes?: string[];
  /** Read with the tolerant, single-threaded CSV scanner (ragged rows, quoted newlines). */
  tolerant?: boolean;
}

/** The file as rows of text cells: rn (spreadsheet row), c0..cN (VARCHAR). */
export function sourceSql(src: SourceSpec): string {
  if (src.format === "parquet") {
    const cells = Array.from({ length: src.width }, (_, i) => {
      const type = (src.parquetTypes?.[i] ?? "VARCHAR").toUpperCase();
      const cell =
        type.startsWith("TIMESTAMP") || type === "DATE" ? `CAST(CAST(#${i + 1} AS DATE) AS VARCHAR)` : `CAST(#${i + 1} AS VARCHAR)`;
      return `${cell} AS c${i}`;
    });
    return `SELECT CAST(file_row_number AS BIGINT) + ${src.headerRow + 1} AS rn, ${cells.join(", ")} FROM read_parquet(${lit(src.readPath)}, file_row_number = true)`;
  }
  const columns = Array.from({ length: src.width }, (_, i) => `'c${i}': 'VARCHAR'`).join(", ");
  const tolerant = src.tolerant ? ", strict_mode = false, null_padding = true, parallel = false" : "";
  // No row_number() here: a window would make the whole insert single-threaded. Rows are inserted in
  // file order and numbered afterwards from their row ids. DuckDB keeps the reader's order only when
  // the insert's plan preserves order (a batch insert): no join anywhere in the landing, see edgeTest
  // and test/warehouse/records-order.test.ts.
  return `SELECT 0::BIGINT AS rn, * FROM read_csv(${lit(src.readPath)},
    header = false, skip = ${src.skipLines}, auto_detect = false, delim = ${lit(src.delimiter)}, quote = '"', escape = '"',
    columns = {${columns}}${tolerant})`;
}

/**
 * Pseudo column index for a field the file does not have (its header is the field's Chinese name,
 * registered in pm_headers). Real columns keep their index in the file.
 */
export const VIRTUAL_COLUMN_BASE = 100000;

export function columnIndex(match: KindMatch, key: string): number {
  const c = match.columns.find((x) => x.field.key === key);
  if (c) return c.index;
  return VIRTUAL_COLUMN_BASE + KINDS[match.kind].fields.findIndex((f) => f.key === key);
}

/** Headers for reasons: every file column, and every field's Chinese name for the columns it lacks. */
export function headerRows(match: KindMatch, headers: string[]): [number, string][] {
  const rows: [number, string][] = headers.map((h, i) => [i, h]);
  KINDS[match.kind].fields.forEach((f, i) => {
    if (!match.columns.some((c) => c.field.key === f.key)) rows.push([VIRTUAL_COLUMN_BASE + i, f.key === "unit" ? "单位" : f.zh]);
  });
  return rows;
}

/**
 * Every row of the file, typed, into the kind's table (in file order), with `errors` set on the rows that break a
 * rule, and a SKIP marker on blank and footnote rows (deleted once rows are numbered). Parameters: $1 file_no, $2 default region, $3 file unit (or NULL),
 * $4 default list (or NULL).
 */
export function landingSql(kind: RecordKind, match: KindMatch, src: SourceSpec, opts: { fastPath?: boolean } = {}): string {
  const spec = KINDS[kind];
  const col = new Map(match.columns.map((c) => [c.field.key, c.index]));
  const width = src.width;
  // Trim only the cells that need it: a cheap test of the first and last character, then pm_clean.
  // Date and number cells are parsed as they are (DuckDB's casts ignore ASCII spaces) and cleaned
  // only when the fast parse fails; other cells are trimmed when their first or last character
  // needs it (cheap prefix/suffix tests), so most cells are never copied.
  const parsedAsIs = new Set(
    match.columns.filter((c) => ["date", "amount", "quantity", "year"].includes(c.field.type)).map((c) => c.index),
  );
  const cells = Array.from({ length: width }, (_, i) =>
    parsedAsIs.has(i)
      ? `nullif(c${i}, '') AS c${i}`
      : `CASE WHEN ${edgeTest(`c${i}`)} THEN pm_clean(c${i}) ELSE nullif(c${i}, '') END AS c${i}`,
  ).join(", ");
  // Blank rows and footnote rows (注：…) are skipped. Cheap first: a COALESCE over the cells; the
  // date and number cells (not cleaned up front) are cleaned only for rows that are otherwise empty.
  const allCols = Array.from({ length: width }, (_, i) => i);
  const emptyAll = (cols: number[]) => {
    const plain = cols.filter((i) => !parsedAsIs.has(i)).map((i) => `c${i}`);
    const asis = cols.filter((i) => parsedAsIs.has(i)).map((i) => `pm_clean(c${i})`);
    const first = plain.length ? `coalesce(${plain.join(", ")}, NULL) IS NULL` : "true";
    return asis.length ? `CASE WHEN ${first} THEN coalesce(${asis.join(", ")}, NULL) IS NULL ELSE false END` : first;
  };
  const c0 = parsedAsIs.has(0) ? "pm_clean(c0)" : "c0";
  const skip = `${emptyAll(allCols)} OR (c0 IS NOT NULL AND ${emptyAll(allCols.slice(1))} AND regexp_matches(${c0}, ${lit("^(注|说明|数据来源|填报说明|资料来源)")}))`;

  // r_<key>: the cleaned cell of each field (NULL when the file lacks the column).
  const raw = spec.fields.map((f) => {
    let e = col.has(f.key) ? `c${col.get(f.key)}` : "NULL::VARCHAR";
    if (f.key === "list") e = `coalesce(${e}, $4::VARCHAR)`;
    return `${e} AS r_${f.key}`;
  });

  const units = kind === "lists" ? QUANTITY_UNITS : AMOUNT_UNITS;
  const unitName = "coalesce(r_unit, $3::VARCHAR)";
  const factor = caseOf(unitName, Object.entries(units));
  const typed: string[] = [];
  for (const f of spec.fields) {
    const r = `r_${f.key}`;
    switch (f.type) {
      case "text":
      case "credit_code":
      case "contract_type":
        // Credit codes and contract types are checked and made canonical afterwards, once per distinct value.
        typed.push(`${r} AS t_${f.key}`);
        break;
      case "region":
        typed.push(`coalesce(${r}, $2::VARCHAR) AS t_${f.key}`);
        break;
      case "date":
        // Fast path for YYYY-MM-DD; any other spelling goes through the regular expressions of pm_date.
        typed.push(
          `coalesce(CASE WHEN regexp_full_match(${r}, ${lit("\\d{4}-\\d{2}-\\d{2}")}) THEN try_cast(${r} AS DATE) END, pm_date(pm_clean(${r}))) AS t_${f.key}`,
        );
        break;
      case "amount":
      case "quantity":
        typed.push(`coalesce(pm_num_fast(${r}), pm_num_fast(pm_clean(${r}))) AS n_${f.key}`);
        break;
      case "year":
        typed.push(`pm_year(coalesce(CASE WHEN ${r} LIKE '____' OR ${r} LIKE '____年' THEN ${r} END, pm_clean(${r}))) AS t_${f.key}`);
        break;
      case "list":
        typed.push(`${listCase(r)} AS t_${f.key}`);
        break;
      case "unit":
        typed.push(`${factor} AS factor`, `${unitName} AS unit_name`);
        break;
    }
  }

  // Error conditions in the order of validate.ts. Date and number cells were not cleaned up front:
  // "present" means present after cleaning, tested only where the fast parse failed.
  const asIs = (key: string) => {
    const c = match.columns.find((x) => x.field.key === key);
    return c !== undefined && parsedAsIs.has(c.index);
  };
  const parsedOf = (f: FieldSpec) => (f.type === "amount" || f.type === "quantity" ? `n_${f.key}` : `t_${f.key}`);
  const present = (f: FieldSpec) =>
    asIs(f.key)
      ? `(r_${f.key} IS NOT NULL AND (${parsedOf(f)} IS NOT NULL OR pm_clean(r_${f.key}) IS NOT NULL))`
      : `r_${f.key} IS NOT NULL`;
  const absent = (f: FieldSpec) => `NOT ${present(f)}`;
  const shown = (f: FieldSpec) => (asIs(f.key) ? `pm_clean(r_${f.key})` : `r_${f.key}`);
  const field = (key: string) => spec.fields.find((f) => f.key === key)!;
  const checks: { cond: string; key: string; val: string; code: string }[] = [];
  for (const f of spec.fields) {
    if (f.key === "unit") continue;
    const r = `r_${f.key}`;
    if (f.required) checks.push({ cond: absent(f), key: f.key, val: "NULL", code: "MISSING_VALUE" });
    switch (f.type) {
      case "date":
        checks.push({
          cond: `${r} IS NOT NULL AND NOT pm_date_ok(t_${f.key}) AND ${present(f)}`,
          key: f.key,
          val: shown(f),
          code: "BAD_DATE",
        });
        break;
      case "amount":
      case "quantity":
        checks.push({
          cond: `${r} IS NOT NULL AND (n_${f.key} IS NULL OR NOT isfinite(n_${f.key})) AND ${present(f)}`,
          key: f.key,
          val: shown(f),
          code: "BAD_NUMBER",
        });
        checks.push({ cond: `isfinite(n_${f.key}) AND n_${f.key} < 0`, key: f.key, val: shown(f), code: "NEGATIVE_AMOUNT" });
        break;
      case "year":
        checks.push({
          cond: `${r} IS NOT NULL AND coalesce(t_${f.key} NOT BETWEEN 1949 AND 2100, true) AND ${present(f)}`,
          key: f.key,
          val: shown(f),
          code: "BAD_YEAR",
        });
        break;
      case "list":
        checks.push({ cond: `${r} IS NOT NULL AND t_${f.key} IS NULL`, key: f.key, val: r, code: "UNKNOWN_LIST" });
        break;
    }
  }
  const amountFields = spec.fields.filter((f) => f.type === "amount" || f.type === "quantity");
  if (spec.fields.some((f) => f.key === "unit")) {
    const hasAmount = amountFields.map(present).join(" OR ") || "false";
    checks.push({ cond: `r_unit IS NOT NULL AND factor IS NULL`, key: "unit", val: "r_unit", code: "BAD_UNIT" });
    checks.push({
      cond: `unit_name IS NULL AND NOT (r_unit IS NOT NULL AND factor IS NULL) AND (${hasAmount})`,
      key: "unit",
      val: "NULL",
      code: "MISSING_VALUE",
    });
  }
  if (kind === "contracts") {
    checks.push({
      cond: "isfinite(n_contract_value) AND isfinite(n_transaction_value) AND n_contract_value >= 0 AND n_transaction_value >= 0 AND n_transaction_value > n_contract_value",
      key: "transaction_value",
      val: shown(field("transaction_value")),
      code: "TRANSACTION_ABOVE_CONTRACT",
    });
  }
  if (kind === "certificates")
    checks.push({
      cond: "t_revoked_on IS NOT NULL AND t_certified_on IS NOT NULL AND t_revoked_on < t_certified_on",
      key: "revoked_on",
      val: shown(field("revoked_on")),
      code: "BAD_DATE_ORDER",
    });
  if (kind === "lists") {
    checks.push({
      cond: "t_ends_on IS NOT NULL AND t_start_on IS NOT NULL AND t_ends_on < t_start_on",
      key: "ends_on",
      val: shown(field("ends_on")),
      code: "BAD_DATE_ORDER",
    });
    checks.push({ cond: `t_list = 'fry_release' AND ${absent(field("quantity"))}`, key: "quantity", val: "NULL", code: "MISSING_VALUE" });
  }
  const anyError = checks.map((c) => `(${c.cond})`).join(" OR ");
  const fine = opts.fastPath === false ? null : fineSql(kind, spec.fields);
  const errorList = `list_filter([${checks
    .map((c) => `CASE WHEN ${c.cond} THEN {'col': ${columnIndex(match, c.key)}, 'val': ${c.val}::VARCHAR, 'code': ${lit(c.code)}} END`)
    .join(", ")}], x -> x IS NOT NULL)`;

  // Final values, in the table's column order.
  const out = spec.fields.map((f) => {
    if (f.type === "amount" || f.type === "quantity") return `n_${f.key} * factor`;
    if (f.type === "unit") return "CASE WHEN factor IS NOT NULL THEN unit_name END";
    return `t_${f.key}`;
  });
  const columns = spec.fields.map((f) => f.key);
  if (kind === "lists") {
    const nature = caseOf(
      "t_list",
      LISTS.map((l) => [l.id, l.nature]),
    );
    const who = "coalesce(t_credit_code, t_name)";
    out.push(`t_list || '|' || CASE WHEN t_item_id IS NOT NULL THEN t_item_id
      WHEN ${nature} = 'stock' THEN ${who}
      WHEN ${nature} = 'yearly' THEN ${who} || '|' || CAST(year(t_start_on) AS VARCHAR)
      ELSE ${who} || '|' || strftime(t_start_on, '%Y-%m-%d') END`);
    columns.push("item_key");
  }
  // Straight into the kind's table, in file order (one write, no staging copy): inside the landing's
  // transaction the rows are numbered, checked and sorted out there, and removed when they fail.
  return `INSERT INTO ${spec.table} (file_no, row_number, ${columns.join(", ")}, current, errors)
SELECT $1::INTEGER AS file_no, rn AS row_number, ${out.map((e, i) => `${e} AS ${columns[i]}`).join(", ")}, true AS current,
  CASE WHEN skip THEN [{'col': -1, 'val': NULL::VARCHAR, 'code': 'SKIP'}]${fine ? ` WHEN ${fine} THEN NULL` : ""} WHEN ${anyError} THEN ${errorList} END AS errors
FROM (
  SELECT *, ${typed.join(", ")}
  FROM (
    SELECT rn, ${skip} AS skip, ${raw.join(", ")}
    FROM (SELECT rn, ${cells} FROM (${sourceSql(src)}))
  )
)`;
}

/**
 * The fast path of the row checks: a condition on the parsed values alone (no regular expression, no
 * cleaning of a cell) that holds only for a row none of the checks of landingSql can flag. Most rows
 * of a real file meet it, and skip the full list of checks; a row that does not (or where it is NULL)
 * goes through every check, as before, so the errors and their order are unchanged. Each term is the
 * negation of a check, made stricter where that is simpler:
 * - a required cell is present (a parsed date or number implies a present cell);
 * - a date is in 1949-2100, a year too, a number finite and not negative (or the cell is empty);
 * - a list is known (or empty); the unit is known, or there is no unit and no amount;
 * - the transaction value is not above the contract value, an end date not before the start,
 *   a fry release has its quantity.
 */
export function fineSql(kind: RecordKind, fields: FieldSpec[]): string {
  const terms: string[] = [];
  const optional = (f: FieldSpec, ok: string) => (f.required ? ok : `(r_${f.key} IS NULL OR ${ok})`);
  for (const f of fields) {
    const r = `r_${f.key}`;
    switch (f.type) {
      case "text":
      case "credit_code":
      case "contract_type":
        if (f.required) terms.push(`${r} IS NOT NULL`);
        break;
      case "date":
        terms.push(optional(f, `t_${f.key} BETWEEN DATE '1949-01-01' AND DATE '2100-12-31'`));
        break;
      case "amount":
      case "quantity":
        terms.push(optional(f, `(isfinite(n_${f.key}) AND n_${f.key} >= 0)`));
        break;
      case "year":
        terms.push(optional(f, `t_${f.key} BETWEEN 1949 AND 2100`));
        break;
      case "list":
        terms.push(`t_${f.key} IS NOT NULL`);
        break;
      case "region":
        break;
      case "unit": {
        const amounts = fields.filter((x) => x.type === "amount" || x.type === "quantity").map((x) => `r_${x.key} IS NULL`);
        terms.push(`(factor IS NOT NULL OR (unit_name IS NULL AND ${amounts.join(" AND ") || "true"}))`);
        break;
      }
    }
  }
  if (kind === "contracts") terms.push("(n_contract_value IS NULL OR n_transaction_value <= n_contract_value)");
  if (kind === "certificates") terms.push("(t_revoked_on IS NULL OR t_revoked_on >= t_certified_on)");
  if (kind === "lists") {
    terms.push("(t_ends_on IS NULL OR t_ends_on >= t_start_on)");
    terms.push("(t_list <> 'fry_release' OR n_quantity IS NOT NULL)");
  }
  return terms.join(" AND ") || "true";
}

/**
 * Checks made once per distinct value after the rows are in (credit codes, region codes, contract
 * types: few distinct values among many rows). `canon` makes the value canonical; `ok` says whether
 * it is valid; invalid values give the row an error with `val` as the reported value.
 */
export interface LookupCheck {
  key: string;
  canon: (raw: string) => string;
  ok: (canon: string) => string;
  val: (raw: string, canon: string) => string;
  code: string;
}

export function lookupChecks(kind: RecordKind): LookupCheck[] {
  const out: LookupCheck[] = [];
  for (const f of KINDS[kind].fields) {
    if (f.type === "credit_code")
      out.push({ key: f.key, canon: (r) => `upper(${r})`, ok: (c) => `pm_ucc_ok(${c})`, val: (_r, c) => c, code: "BAD_CREDIT_CODE" });
    if (f.type === "region")
      out.push({ key: f.key, canon: (r) => r, ok: (c) => `regexp_full_match(${c}, '\\d{6}')`, val: (r) => r, code: "BAD_REGION" });
    if (f.type === "contract_type")
      out.push({ key: f.key, canon: (r) => contractTypeCase(r), ok: (c) => `${c} IS NOT NULL`, val: (r) => r, code: "BAD_CONTRACT_TYPE" });
  }
  return out;
}

/**
 * The statements of one lookup check over the rows of file $1: `build` the table of the distinct
 * values that need something (only those: on a clean file it stays empty), `count` how many need
 * `canonical` (a value to rewrite) and `flag` (an invalid value); the two updates run only when
 * their count is above zero (on a clean file, neither: no pass over the rows).
 */
export function lookupSql(
  kind: RecordKind,
  match: KindMatch,
  check: LookupCheck,
): { build: string; count: string; canonical: string; flag: string } {
  const t = KINDS[kind].table;
  const k = check.key;
  return {
    build: `CREATE OR REPLACE TEMP TABLE pm_lookup AS
     SELECT raw, canon, ${check.ok("canon")} AS ok, ${check.val("raw", "canon")} AS val
     FROM (SELECT raw, ${check.canon("raw")} AS canon FROM (SELECT DISTINCT ${k} AS raw FROM ${t} WHERE file_no = $1 AND ${k} IS NOT NULL))
     WHERE NOT ok OR canon IS DISTINCT FROM raw`,
    count: `SELECT CAST(count(*) FILTER (WHERE ok AND canon <> raw) AS DOUBLE) AS canonical,
     CAST(count(*) FILTER (WHERE NOT ok) AS DOUBLE) AS flag FROM pm_lookup`,
    canonical: `UPDATE ${t} SET ${k} = m.canon FROM pm_lookup m
     WHERE ${t}.file_no = $1 AND ${t}.${k} = m.raw AND m.ok AND m.canon <> m.raw`,
    flag: `UPDATE ${t} SET errors = list_append(coalesce(${t}.errors, []::${ERRORS_TYPE}), {'col': ${columnIndex(match, k)}, 'val': m.val, 'code': ${lit(check.code)}})
     FROM pm_lookup m WHERE ${t}.file_no = $1 AND ${t}.${k} = m.raw AND NOT m.ok`,
  };
}
