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
import {
  AMOUNT_UNITS,
  CONTRACT_TYPES,
  type FieldSpec,
  KINDS,
  type KindMatch,
  LISTS,
  QUANTITY_UNITS,
  type RecordKind,
} from "../loaders/records/kinds.ts";
import { cellLabel, CREDIT_CODE_CHARS, CREDIT_CODE_WEIGHTS, TRIM_CHARS } from "../loaders/records/validate.ts";

/** The parameters a statement uses: DuckDB refuses more than the highest $n it names. */
export function usedParams(sql: string, params: unknown[]): unknown[] {
  let max = 0;
  for (const m of sql.matchAll(/\$(\d+)/g)) max = Math.max(max, Number(m[1]));
  return params.slice(0, max);
}

/** A SQL string literal (single quotes doubled). Used for paths and our own constants only. */
export function lit(text: string): string {
  if (text.includes("\u0000")) throw new Error("NUL in SQL literal");
  return `'${text.replaceAll("'", "''")}'`;
}

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
const NUMBER_RE = "[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?";

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
CREATE OR REPLACE TEMP MACRO pm_ucc_ok(s) AS regexp_full_match(s, ${re("[0-9A-HJ-NPQRTUWXY]{18}")})
  AND substr(${lit(CREDIT_CODE_CHARS)}, ((31 - ((${terms}) % 31)) % 31) + 1, 1) = substr(s, 18, 1);
`;
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
  return `SELECT CAST(row_number() OVER () AS BIGINT) + ${src.headerRow} AS rn, * FROM read_csv(${lit(src.readPath)},
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
 * INSERT of every non-blank row of the file into the kind's table, typed, with `errors` set on the
 * rows that break a rule. Parameters: $1 file_no, $2 default region, $3 file unit (or NULL),
 * $4 default list (or NULL).
 */
export function landingSql(kind: RecordKind, match: KindMatch, src: SourceSpec): string {
  const spec = KINDS[kind];
  const col = new Map(match.columns.map((c) => [c.field.key, c.index]));
  const width = src.width;
  const cells = Array.from({ length: width }, (_, i) => `pm_clean(c${i}) AS c${i}`).join(", ");
  const nonNull = Array.from({ length: width }, (_, i) => `(c${i} IS NOT NULL)::INTEGER`).join(" + ");
  const skip = `(${nonNull}) = 0 OR ((${nonNull}) = 1 AND c0 IS NOT NULL AND regexp_matches(c0, ${lit("^(注|说明|数据来源|填报说明|资料来源)")}))`;

  // r_<key>: the cleaned cell of each field (NULL when the file lacks the column).
  const raw = spec.fields.map((f) => {
    let e = col.has(f.key) ? `c${col.get(f.key)}` : "NULL::VARCHAR";
    if (f.type === "credit_code") e = `upper(${e})`;
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
        typed.push(`${r} AS t_${f.key}`);
        break;
      case "region":
        typed.push(`coalesce(${r}, $2::VARCHAR) AS t_${f.key}`);
        break;
      case "date":
        typed.push(`pm_date(${r}) AS t_${f.key}`);
        break;
      case "amount":
      case "quantity":
        typed.push(`pm_num(${r}) AS n_${f.key}`);
        break;
      case "year":
        typed.push(`CASE WHEN regexp_full_match(${r}, ${lit("\\d{4}年?")}) THEN CAST(substr(${r}, 1, 4) AS INTEGER) END AS t_${f.key}`);
        break;
      case "contract_type":
        typed.push(`${contractTypeCase(r)} AS t_${f.key}`);
        break;
      case "list":
        typed.push(`${listCase(r)} AS t_${f.key}`);
        break;
      case "unit":
        typed.push(`${factor} AS factor`, `${unitName} AS unit_name`);
        break;
    }
  }

  // Error conditions in the order of validate.ts.
  const checks: { cond: string; key: string; val: string; code: string }[] = [];
  for (const f of spec.fields) {
    if (f.key === "unit") continue;
    const r = `r_${f.key}`;
    if (f.required) checks.push({ cond: `${r} IS NULL`, key: f.key, val: "NULL", code: "MISSING_VALUE" });
    switch (f.type) {
      case "credit_code":
        checks.push({ cond: `${r} IS NOT NULL AND NOT pm_ucc_ok(${r})`, key: f.key, val: r, code: "BAD_CREDIT_CODE" });
        break;
      case "date":
        checks.push({ cond: `${r} IS NOT NULL AND NOT pm_date_ok(t_${f.key})`, key: f.key, val: r, code: "BAD_DATE" });
        break;
      case "amount":
      case "quantity":
        checks.push({
          cond: `${r} IS NOT NULL AND (n_${f.key} IS NULL OR NOT isfinite(n_${f.key}))`,
          key: f.key,
          val: r,
          code: "BAD_NUMBER",
        });
        checks.push({ cond: `${r} IS NOT NULL AND isfinite(n_${f.key}) AND n_${f.key} < 0`, key: f.key, val: r, code: "NEGATIVE_AMOUNT" });
        break;
      case "year":
        checks.push({
          cond: `${r} IS NOT NULL AND coalesce(t_${f.key} NOT BETWEEN 1949 AND 2100, true)`,
          key: f.key,
          val: r,
          code: "BAD_YEAR",
        });
        break;
      case "region":
        checks.push({ cond: `${r} IS NOT NULL AND NOT regexp_full_match(${r}, '\\d{6}')`, key: f.key, val: r, code: "BAD_REGION" });
        break;
      case "contract_type":
        checks.push({ cond: `${r} IS NOT NULL AND t_${f.key} IS NULL`, key: f.key, val: r, code: "BAD_CONTRACT_TYPE" });
        break;
      case "list":
        checks.push({ cond: `${r} IS NOT NULL AND t_${f.key} IS NULL`, key: f.key, val: r, code: "UNKNOWN_LIST" });
        break;
    }
  }
  const amountFields = spec.fields.filter((f) => f.type === "amount" || f.type === "quantity");
  if (spec.fields.some((f) => f.key === "unit")) {
    const hasAmount = amountFields.map((f) => `r_${f.key} IS NOT NULL`).join(" OR ") || "false";
    checks.push({ cond: `r_unit IS NOT NULL AND factor IS NULL`, key: "unit", val: "r_unit", code: "BAD_UNIT" });
    checks.push({
      cond: `NOT (r_unit IS NOT NULL AND factor IS NULL) AND (${hasAmount}) AND unit_name IS NULL`,
      key: "unit",
      val: "NULL",
      code: "MISSING_VALUE",
    });
  }
  if (kind === "contracts") {
    checks.push({
      cond: "n_contract_value IS NOT NULL AND n_transaction_value IS NOT NULL AND n_contract_value >= 0 AND n_transaction_value >= 0 AND n_transaction_value > n_contract_value",
      key: "transaction_value",
      val: "r_transaction_value",
      code: "TRANSACTION_ABOVE_CONTRACT",
    });
  }
  if (kind === "certificates")
    checks.push({
      cond: "t_revoked_on IS NOT NULL AND t_certified_on IS NOT NULL AND t_revoked_on < t_certified_on",
      key: "revoked_on",
      val: "r_revoked_on",
      code: "BAD_DATE_ORDER",
    });
  if (kind === "lists") {
    checks.push({
      cond: "t_ends_on IS NOT NULL AND t_start_on IS NOT NULL AND t_ends_on < t_start_on",
      key: "ends_on",
      val: "r_ends_on",
      code: "BAD_DATE_ORDER",
    });
    checks.push({ cond: "t_list = 'fry_release' AND r_quantity IS NULL", key: "quantity", val: "NULL", code: "MISSING_VALUE" });
  }
  const anyError = checks.map((c) => `(${c.cond})`).join(" OR ");
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
  return `INSERT INTO ${spec.table} (file_no, row_number, ${columns.join(", ")}, current, errors)
SELECT $1::INTEGER, rn, ${out.join(", ")}, true, CASE WHEN ${anyError} THEN ${errorList} END
FROM (
  SELECT *, ${typed.join(", ")}
  FROM (
    SELECT rn, ${raw.join(", ")}
    FROM (SELECT rn, ${cells} FROM (${sourceSql(src)}))
    WHERE NOT (${skip})
  )
)`;
}
