/**
 * Validation of record rows, in JavaScript: the reference implementation of the rules that
 * warehouse/records-sql.ts applies inside DuckDB for large files. Both give the same records
 * and the same rejected rows (row, column, code, reason) on the same file; a test holds them to it.
 * Pure: no I/O.
 *
 * Rules, in column order, every failing cell reported:
 *   - a required cell is empty                              MISSING_VALUE
 *   - a credit code is not 18 characters with a valid GB 32100-2015 check digit   BAD_CREDIT_CODE
 *   - a date is not YYYY-MM-DD (or / . 年月日 separators, or YYYYMMDD), or not a real day,
 *     or outside 1949-2100                                  BAD_DATE
 *   - an amount or quantity is not a plain number (thousands commas allowed)    BAD_NUMBER
 *   - an amount or quantity is negative                     NEGATIVE_AMOUNT
 *   - a year is not a four-digit year in 1949-2100          BAD_YEAR
 *   - a region code is not six digits                       BAD_REGION
 *   - a contract type is not 技术开发/转让/许可/咨询/服务       BAD_CONTRACT_TYPE
 *   - a list is not one of the known lists                  UNKNOWN_LIST
 *   - a unit is not a known unit                            BAD_UNIT
 * then across cells:
 *   - technology-transaction value above the contract value  TRANSACTION_ABOVE_CONTRACT
 *   - an end date before the start date                     BAD_DATE_ORDER
 *   - a fry-release batch without a quantity                MISSING_VALUE (quantity)
 * and across rows of one file:
 *   - one key (contract id, certificate number, enterprise+year, list item) twice with
 *     different values: every such row                      DUPLICATE_CONFLICT
 *   - twice with the same values: the first is kept, the others are counted as duplicates.
 */
import {
  AMOUNT_UNITS,
  CONTRACT_TYPES,
  type FieldSpec,
  KINDS,
  type KindMatch,
  LISTS,
  type ListSpec,
  QUANTITY_UNITS,
  type RecordKind,
} from "../../domain/records.ts";
import { cellLabel, headerUnit, isValidCreditCode, REASON_TEMPLATES, TRIM_CHARS } from "../../domain/record-rules.ts";

export {
  CREDIT_CODE_CHARS,
  CREDIT_CODE_WEIGHTS,
  cellLabel,
  creditCodeCheckChar,
  headerUnit,
  isValidCreditCode,
  LABEL_STRIP,
  REASON_TEMPLATES,
  TRIM_CHARS,
} from "../../domain/record-rules.ts";

const TRIM_SET = new Set(TRIM_CHARS);

export interface RecordReason {
  code: string;
  zh: string;
  en: string;
}

export interface RecordRejection {
  /** Row number as a spreadsheet shows it. */
  row: number;
  /** Header of the offending column as written in the file, or null for the whole row. */
  column: string | null;
  value: string | null;
  code: string;
  zh: string;
  en: string;
}

/** A valid record: typed values keyed by field (dates as YYYY-MM-DD, amounts in yuan, quantities in 尾). */
export type RecordValues = Record<string, string | number | null>;

export interface ValidRecord {
  row: number;
  key: string;
  values: RecordValues;
}

export function reason(code: string, column: string | null, value: string | null): RecordReason {
  const t = REASON_TEMPLATES[code];
  const fill = (s: string) => s.replaceAll("{column}", column ?? "").replaceAll("{value}", value ?? "");
  return { code, zh: fill(t.zh), en: fill(t.en) };
}

// ---------------------------------------------------------------------------------------------
// Cell rules (the SQL in warehouse/records-sql.ts mirrors each regular expression).

export const DATE_PATTERN = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/;
export const COMPACT_DATE_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;
/** A plain number once thousands commas are removed (ASCII spaces around it are allowed, as DuckDB's cast allows them). */
export const NUMBER_PATTERN = /^[ \t\r\n]*[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?[ \t\r\n]*$/;
export const YEAR_PATTERN = /^(\d{4})年?$/;
export const REGION_PATTERN = /^\d{6}$/;

/** A date cell as YYYY-MM-DD, or null when it is not a real day in 1949-2100. */
export function parseRecordDate(text: string): string | null {
  const m = DATE_PATTERN.exec(text) ?? COMPACT_DATE_PATTERN.exec(text);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (y < 1949 || y > 2100 || mo < 1 || mo > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  if (d > days) return null;
  return `${m[1]}-${String(mo).padStart(2, "0")}-${String(d).padStart(2, "0")}`;
}

/** A number cell (thousands commas removed), or null. */
export function parseRecordNumber(text: string): number | null {
  const s = text.replaceAll(",", "");
  if (!NUMBER_PATTERN.test(s)) return null;
  const n = Number(s);
  return Number.isFinite(n) ? n : null;
}

/** Characters trimmed from every cell (the SQL path trims the same set). */
export function parseContractType(text: string): string | null {
  const label = cellLabel(text);
  for (const [canonical, spellings] of Object.entries(CONTRACT_TYPES)) {
    if (spellings.some((s) => cellLabel(s) === label)) return canonical;
  }
  return null;
}

export function parseList(text: string): ListSpec | null {
  const label = cellLabel(text);
  return LISTS.find((l) => l.aliases.some((a) => cellLabel(a) === label)) ?? null;
}

/** Clean a text cell: TRIM_CHARS trimmed from both ends; empty → null. */
export function cleanCell(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  let a = 0;
  let b = value.length;
  while (a < b && TRIM_SET.has(value[a])) a++;
  while (b > a && TRIM_SET.has(value[b - 1])) b--;
  return a === b ? null : value.slice(a, b);
}

// ---------------------------------------------------------------------------------------------

export interface ValidateOptions {
  /** Unit for amounts (or fry quantities) when neither the header nor a unit column gives one. */
  unit?: string | null;
  /** Region code for rows without one (the plan's region). */
  defaultRegion: string;
  /** List for a list file without a list column (--list). */
  defaultList?: string | null;
}

export interface RowsToValidate {
  match: KindMatch;
  /** Data rows as text cells (the file's columns, in order) with their spreadsheet row numbers. */
  rows: { row: number; cells: (string | null)[] }[];
}

export interface ValidationResult {
  kind: RecordKind;
  records: ValidRecord[];
  rejected: RecordRejection[];
  /** Rows identical to an earlier row of the same file (dropped). */
  duplicates: number;
  /** Data rows read (blank and note rows excluded). */
  rowsRead: number;
}

/** Natural key of a record (what a re-sent record is matched on). */
export function recordKey(kind: RecordKind, v: RecordValues, list?: ListSpec | null): string {
  if (kind === "certificates") return String(v.certificate_no);
  if (kind === "contracts") return String(v.contract_id);
  if (kind === "rd") return `${v.credit_code}|${v.year}`;
  const who = (v.item_id as string | null) ?? (v.credit_code as string | null) ?? (v.name as string);
  const nature = list?.nature ?? "stock";
  const id = v.item_id
    ? (v.item_id as string)
    : nature === "stock"
      ? who
      : nature === "yearly"
        ? `${who}|${String(v.start_on).slice(0, 4)}`
        : `${who}|${v.start_on}`;
  return `${v.list}|${id}`;
}

/** Whether a row is blank or a footnote (注：…, 数据来源：…): skipped, not counted. */
export function isSkippableRow(cells: (string | null)[]): boolean {
  const filled = cells.map(cleanCell).filter((c): c is string => c !== null);
  if (filled.length === 0) return true;
  return filled.length === 1 && /^(注|说明|数据来源|填报说明|资料来源)/.test(filled[0]) && cleanCell(cells[0]) === filled[0];
}

/** Validate rows of one file (the JS reference; also used for small files in tests). */
export function validateRecordRows(input: RowsToValidate, opts: ValidateOptions): ValidationResult {
  const { match } = input;
  const kind = match.kind;
  const spec = KINDS[kind];
  const fileUnit = headerUnit(match) ?? cleanCell(opts.unit ?? null);
  const col = new Map(match.columns.map((c) => [c.field.key, c]));
  const records: ValidRecord[] = [];
  const rejected: RecordRejection[] = [];
  let rowsRead = 0;
  for (const { row, cells } of input.rows) {
    if (isSkippableRow(cells)) continue;
    rowsRead++;
    const errors: RecordRejection[] = [];
    const fail = (field: FieldSpec, raw: string | null, code: string) => {
      const header = col.get(field.key)?.header ?? field.zh;
      const r = reason(code, header, raw);
      errors.push({ row, column: header, value: raw, ...r });
    };
    const raw = (key: string): string | null => {
      const c = col.get(key);
      return c ? cleanCell(cells[c.index] ?? null) : null;
    };
    const values: RecordValues = {};
    const unitCell = raw("unit");
    let factor: number | null = null;
    const units = kind === "lists" ? QUANTITY_UNITS : AMOUNT_UNITS;
    const unitName = unitCell ?? fileUnit;
    if (unitName !== null) factor = units[unitName] ?? null;
    let listSpec: ListSpec | null = null;
    for (const field of spec.fields) {
      if (field.key === "unit") continue;
      let v = raw(field.key);
      if (field.key === "list" && v === null && opts.defaultList) v = opts.defaultList;
      if (field.type === "credit_code" && v !== null) v = v.toUpperCase();
      if (v === null) {
        if (field.required) fail(field, null, "MISSING_VALUE");
        values[field.key] = field.key === "region_code" ? opts.defaultRegion : null;
        continue;
      }
      switch (field.type) {
        case "text":
          values[field.key] = v;
          break;
        case "credit_code":
          if (!isValidCreditCode(v)) fail(field, v, "BAD_CREDIT_CODE");
          values[field.key] = v;
          break;
        case "date": {
          const d = parseRecordDate(v);
          if (d === null) fail(field, v, "BAD_DATE");
          values[field.key] = d;
          break;
        }
        case "amount":
        case "quantity": {
          const n = parseRecordNumber(v);
          if (n === null) fail(field, v, "BAD_NUMBER");
          else if (n < 0) fail(field, v, "NEGATIVE_AMOUNT");
          values[field.key] = n === null || factor === null ? null : n * factor;
          values[`${field.key}_raw`] = n;
          break;
        }
        case "year": {
          const m = YEAR_PATTERN.exec(v);
          const y = m ? Number(m[1]) : Number.NaN;
          if (!(y >= 1949 && y <= 2100)) fail(field, v, "BAD_YEAR");
          values[field.key] = Number.isNaN(y) ? null : y;
          break;
        }
        case "region":
          if (!REGION_PATTERN.test(v)) fail(field, v, "BAD_REGION");
          values[field.key] = v;
          break;
        case "contract_type": {
          const t = parseContractType(v);
          if (t === null) fail(field, v, "BAD_CONTRACT_TYPE");
          values[field.key] = t;
          break;
        }
        case "list": {
          listSpec = parseList(v);
          if (listSpec === null) fail(field, v, "UNKNOWN_LIST");
          values[field.key] = listSpec?.id ?? null;
          break;
        }
      }
    }
    // The unit: a bad unit cell is the row's fault; no unit at all is the file's (checked before).
    const hasAmount = spec.fields.some((f) => (f.type === "amount" || f.type === "quantity") && raw(f.key) !== null);
    const unitHeader = col.get("unit")?.header ?? "单位";
    if (unitCell !== null && !(unitCell in units)) {
      errors.push({ row, column: unitHeader, value: unitCell, ...reason("BAD_UNIT", unitHeader, unitCell) });
    } else if (hasAmount && unitName === null) {
      errors.push({ row, column: unitHeader, value: null, ...reason("MISSING_VALUE", unitHeader, null) });
    }
    values.unit = unitName !== null && unitName in units ? unitName : null;
    // Across cells.
    if (kind === "contracts") {
      const cv = values.contract_value_raw as number | null | undefined;
      const tv = values.transaction_value_raw as number | null | undefined;
      if (cv != null && tv != null && cv >= 0 && tv >= 0 && tv > cv) {
        const f = spec.fields.find((x) => x.key === "transaction_value")!;
        fail(f, raw("transaction_value"), "TRANSACTION_ABOVE_CONTRACT");
      }
    }
    const startKey = kind === "lists" ? "start_on" : kind === "certificates" ? "certified_on" : null;
    const endKey = kind === "lists" ? "ends_on" : kind === "certificates" ? "revoked_on" : null;
    if (startKey && endKey && values[startKey] && values[endKey] && (values[endKey] as string) < (values[startKey] as string)) {
      fail(spec.fields.find((x) => x.key === endKey)!, raw(endKey), "BAD_DATE_ORDER");
    }
    if (kind === "lists" && (listSpec as ListSpec | null)?.sumQuantity && raw("quantity") === null) {
      fail(spec.fields.find((x) => x.key === "quantity")!, null, "MISSING_VALUE");
    }
    if (errors.length > 0) {
      rejected.push(...errors);
      continue;
    }
    delete values.contract_value_raw;
    delete values.transaction_value_raw;
    delete values.amount_raw;
    delete values.quantity_raw;
    records.push({ row, key: recordKey(kind, values, listSpec), values });
  }
  // Duplicates within the file.
  const byKey = new Map<string, ValidRecord[]>();
  for (const r of records) {
    const list = byKey.get(r.key);
    if (list) list.push(r);
    else byKey.set(r.key, [r]);
  }
  const kept: ValidRecord[] = [];
  let duplicates = 0;
  const keyField =
    kind === "certificates" ? "certificate_no" : kind === "contracts" ? "contract_id" : kind === "rd" ? "credit_code" : "name";
  const keyHeader = col.get(keyField)?.header ?? spec.fields.find((f) => f.key === keyField)!.zh;
  for (const group of byKey.values()) {
    if (group.length === 1) {
      kept.push(group[0]);
      continue;
    }
    const signatures = new Set(group.map((r) => signature(kind, r.values)));
    if (signatures.size > 1) {
      for (const r of group)
        rejected.push({ row: r.row, column: keyHeader, value: r.key, ...reason("DUPLICATE_CONFLICT", keyHeader, r.key) });
    } else {
      kept.push(group[0]);
      duplicates += group.length - 1;
    }
  }
  kept.sort((a, b) => a.row - b.row);
  rejected.sort((a, b) => a.row - b.row || (a.column ?? "").localeCompare(b.column ?? "") || a.code.localeCompare(b.code));
  return { kind, records: kept, rejected, duplicates, rowsRead };
}

/** The value columns of a record kind's table, in order (what "the same record" compares; the unit as written is not one: amounts are compared in yuan). */
export function valueColumns(kind: RecordKind): string[] {
  return KINDS[kind].fields.map((f) => f.key).filter((k) => k !== "unit");
}

export function signature(kind: RecordKind, v: RecordValues): string {
  return JSON.stringify(valueColumns(kind).map((k) => v[k] ?? null));
}
