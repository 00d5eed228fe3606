/**
 * Records → observations (in the indicator's unit) and rejected rows. Every record either
 * yields observations or rejected rows, except cells meaning "no data", which yield neither.
 * Row-level problems (unknown indicator, region, status, date) reject the row once; cell-level
 * problems (number, year, unit) reject that cell. Conflicting duplicates in one file keep the first.
 *
 * @example
 *   const { observations, rejected } = normaliseRecords(records, plan, { tableUnit: null });
 */
import type { Indicator, Plan } from "../domain/plan.ts";
import type { Observation, VintageStatus } from "../domain/observation.ts";
import { type Reason, type RejectedRow, reasons } from "./errors.ts";
import { IndicatorMatcher, normaliseName } from "./indicator-match.ts";
import { halfWidth, type NumberParse, parseNumberCell } from "./numbers.ts";
import type { Cell, FieldCell, RowRecord } from "./table.ts";
import { cellText } from "./table.ts";
import { conversionFactor, convertValue, isNonNegativeUnit, parseUnit } from "./units.ts";

export interface NormaliseOptions {
  /** A "单位：万元" line above the table: used when nothing closer gives a unit and it fits the indicator. */
  tableUnit?: string | null;
  matcher?: IndicatorMatcher;
}

export interface Normalised {
  observations: Observation[];
  rejected: RejectedRow[];
}

/** Figures beyond these magnitudes (in the indicator's unit) are export errors, not statistics. */
export const MAX_MAGNITUDE = 1e15;
export const MIN_MAGNITUDE = 1e-9;

/** Plausible years of an observation (the messages say so). */
const YEAR_MIN = 1949;
const YEAR_MAX = 2100;

type Result<T> = { ok: true; value: T } | { ok: false; reason: Reason };
const ok = <T>(value: T): Result<T> => ({ ok: true, value });
const fail = <T>(reason: Reason): Result<T> => ({ ok: false, reason });

/** A cell → number parse, taking Excel formula and error cells into account. */
export function parseValueCell(cell: Cell | null): NumberParse {
  if (!cell) return { kind: "missing" };
  if (cell.error) return { kind: "invalid", reason: reasons.excelError(cell.error) };
  if (cell.noResult) return { kind: "invalid", reason: reasons.formulaNoResult(cell.formula ?? "") };
  return parseNumberCell(cell.value);
}

export function parseYear(cell: Cell | null): Result<number> {
  if (!cell || cellText(cell) === "") return fail(reasons.missingYear());
  const v = cell.value;
  let year: number;
  if (typeof v === "number") year = v;
  else if (v instanceof Date) year = v.getUTCFullYear();
  else {
    const m = /^(\d{4})(?:\.0+)?(?:年|年度|年末|年底)?$/.exec(halfWidth(String(v)));
    if (!m) return fail(reasons.badYear(cell.text));
    year = Number(m[1]);
  }
  if (!Number.isInteger(year) || year < YEAR_MIN || year > YEAR_MAX) return fail(reasons.badYear(cell.text));
  return ok(year);
}

const STATUS = new Map<string, VintageStatus>();
for (const s of ["初步", "初步数", "快报", "快报数", "初步核算", "初步核算数", "初值", "preliminary", "prelim", "provisional", "p"])
  STATUS.set(s, "preliminary");
for (const s of ["正式", "正式数", "最终", "最终数", "终核", "最终核实", "核实", "核实数", "定稿", "final", "f"]) STATUS.set(s, "final");
for (const s of ["修订", "修订数", "修正", "调整", "revised", "revision", "r"]) STATUS.set(s, "revised");

export function parseStatus(cell: Cell | null): Result<VintageStatus> {
  const t = normaliseName(cellText(cell));
  if (t === "") return ok("final");
  const s = STATUS.get(t);
  return s ? ok(s) : fail(reasons.unknownStatus(cellText(cell)));
}

function regionNames(plan: Plan): Set<string> {
  const names = new Set<string>([plan.region.code, "全市", "本市", "合计"]);
  for (const n of [plan.region.zh, plan.region.en]) {
    const k = normaliseName(n);
    names.add(k);
    names.add(k.replace(/(市|县|区|city)$/, ""));
    names.add(`${k.replace(/(市|县|区|city)$/, "")}city`);
    names.add(`${k.replace(/(市|县|区|city)$/, "")}市`);
  }
  names.delete("");
  return names;
}

export function parseRegion(cell: Cell | null, plan: Plan, names = regionNames(plan)): Result<string> {
  const raw = cellText(cell);
  if (raw === "") return ok(plan.region.code);
  const v = cell?.value;
  const t = typeof v === "number" && Number.isInteger(v) ? String(v) : normaliseName(raw);
  if (/^\d{6}$/.test(t)) return ok(t);
  if (/^\d{6}0{6}$/.test(t)) return ok(t.slice(0, 6));
  if (names.has(t)) return ok(plan.region.code);
  return fail(reasons.unknownRegion(raw, plan.region));
}

const pad = (n: number): string => String(n).padStart(2, "0");

function ymd(y: number, m: number, d: number): string | null {
  if (y < 1949 || y > 2100 || m < 1 || m > 12 || d < 1) return null;
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

function fromSerial(n: number): string | null {
  if (!(n >= 1 && n < 2958466)) return null;
  const dt = new Date(Date.UTC(1899, 11, 30) + Math.floor(n) * 86_400_000);
  return ymd(dt.getUTCFullYear(), dt.getUTCMonth() + 1, dt.getUTCDate());
}

/** Publication date → YYYY-MM-DD: 2021-03-15, 2021/3/15, 2021.3.15, 2021年3月15日, 20210315, Excel dates and serials. */
export function parseDate(cell: Cell | null): Result<string | null> {
  const raw = cellText(cell);
  if (!cell || raw === "") return ok(null);
  const v = cell.value;
  let out: string | null = null;
  if (v instanceof Date) {
    out = Number.isNaN(v.getTime()) ? null : ymd(v.getUTCFullYear(), v.getUTCMonth() + 1, v.getUTCDate());
  } else if (typeof v === "number") {
    out =
      Number.isInteger(v) && v >= 19490101 && v <= 21001231
        ? ymd(Math.floor(v / 10000), Math.floor(v / 100) % 100, v % 100)
        : fromSerial(v);
  } else {
    const t = String(v).normalize("NFKC").trim().split(/[\sT]/)[0];
    let m: RegExpExecArray | null;
    if ((m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(t))) out = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    else if ((m = /^(\d{4})(\d{2})(\d{2})$/.exec(t))) out = ymd(Number(m[1]), Number(m[2]), Number(m[3]));
    else if (/^\d{5}(\.\d+)?$/.test(t)) out = fromSerial(Number(t));
  }
  return out ? ok(out) : fail(reasons.badDate(raw));
}

const textOrNull = (f: FieldCell | undefined): string | null => {
  const t = cellText(f?.cell);
  return t === "" ? null : t;
};

export function normaliseRecords(records: RowRecord[], plan: Plan, options: NormaliseOptions = {}): Normalised {
  const matcher = options.matcher ?? new IndicatorMatcher(plan);
  const names = regionNames(plan);
  const observations: Observation[] = [];
  const rejected: RejectedRow[] = [];
  const firstSeen = new Map<string, { row: number; value: number }>();

  const reject = (row: number, f: FieldCell | null, reason: Reason): void => {
    rejected.push({ row, column: f?.column ?? null, value: f?.cell ? f.cell.text : null, ...reason });
  };

  for (const rec of records) {
    const parsed = rec.values.map((v) => ({ v, p: parseValueCell(v.cell) })).filter((x) => x.p.kind !== "missing");
    if (parsed.length === 0) continue; // no figures in the row: nothing to load, nothing to reject

    // ---- row-level fields ----
    const named = rec.indicators.filter((f) => cellText(f.cell) !== "");
    if (named.length === 0) {
      reject(rec.row, rec.indicators[0] ?? null, reasons.missingIndicator());
      continue;
    }
    let indicator: Indicator | null = null;
    let nameUnit: string | null = null;
    let suggestions: string[] = [];
    for (const f of named) {
      const m = matcher.match(cellText(f.cell));
      if (m.ok) {
        indicator = m.indicator;
        nameUnit = m.unit;
        break;
      }
      if (suggestions.length === 0) suggestions = m.suggestions;
    }
    if (!indicator) {
      reject(rec.row, named[named.length - 1], reasons.unknownIndicator(cellText(named[named.length - 1].cell), suggestions));
      continue;
    }
    const region = parseRegion(rec.fields.region?.cell ?? null, plan, names);
    if (!region.ok) {
      reject(rec.row, rec.fields.region ?? null, region.reason);
      continue;
    }
    const status = parseStatus(rec.fields.status?.cell ?? null);
    if (!status.ok) {
      reject(rec.row, rec.fields.status ?? null, status.reason);
      continue;
    }
    const published = parseDate(rec.fields.published?.cell ?? null);
    if (!published.ok) {
      reject(rec.row, rec.fields.published ?? null, published.reason);
      continue;
    }
    const unitColumn = textOrNull(rec.fields.unit);
    const source = textOrNull(rec.fields.source);
    const note = textOrNull(rec.fields.note);
    const indUnit = parseUnit(indicator.unit);
    const isPercentIndicator = indUnit?.kind === "percent";

    // ---- each figure ----
    for (const { v, p } of parsed) {
      const valueField: FieldCell = { column: v.column, cell: v.cell };
      if (p.kind === "invalid") {
        reject(rec.row, valueField, p.reason);
        continue;
      }
      if (p.kind !== "number") continue;
      let year: number;
      if (typeof v.year === "number") {
        // A wide table's year column, named in the header: "1601年" is read, then rejected here.
        if (v.year < YEAR_MIN || v.year > YEAR_MAX) {
          reject(rec.row, { column: v.column, cell: v.cell }, reasons.badYear(v.column));
          continue;
        }
        year = v.year;
      } else {
        const y = parseYear(v.year?.cell ?? null);
        if (!y.ok) {
          reject(rec.row, v.year ?? null, y.reason);
          continue;
        }
        year = y.value;
      }
      let unit: string | null;
      let unitFrom: FieldCell = valueField;
      if (p.percent) {
        if (!isPercentIndicator) {
          reject(rec.row, valueField, reasons.percentForNonPercent(cellText(v.cell), indicator.unit));
          continue;
        }
        unit = "%";
      } else if (p.unit) unit = p.unit;
      else if (unitColumn) {
        unit = unitColumn;
        unitFrom = rec.fields.unit!;
      } else if (nameUnit) {
        unit = nameUnit;
        unitFrom = named[0];
      } else if (v.headerUnit) unit = v.headerUnit;
      else if (options.tableUnit && conversionFactor(options.tableUnit, indicator.unit) !== null) unit = options.tableUnit;
      else unit = null;
      const converted = convertValue(p.value, unit, indicator.unit);
      if (!converted.ok) {
        reject(rec.row, unitFrom, converted.reason);
        continue;
      }
      const value = converted.value;
      if (!Number.isFinite(value)) {
        reject(rec.row, valueField, reasons.nonFinite(cellText(v.cell)));
        continue;
      }
      // 1e308 万元, 1e-320 (a denormal): finite, but no statistic. Also keeps Infinity/NaN out of sums later.
      if (Math.abs(value) > MAX_MAGNITUDE) {
        reject(rec.row, valueField, reasons.outOfRange(cellText(v.cell), indicator.unit, "large"));
        continue;
      }
      if ((value !== 0 && Math.abs(value) < MIN_MAGNITUDE) || (value === 0 && p.value !== 0)) {
        reject(rec.row, valueField, reasons.outOfRange(cellText(v.cell), indicator.unit, "small"));
        continue;
      }
      if (value < 0 && isNonNegativeUnit(indicator.unit)) {
        reject(rec.row, valueField, reasons.negative(cellText(v.cell), indicator.unit));
        continue;
      }
      const key = `${indicator.id}\u0000${region.value}\u0000${year}\u0000${status.value}`;
      const first = firstSeen.get(key);
      if (first) {
        if (first.value !== value) reject(rec.row, valueField, reasons.conflict(first.row, first.value, indicator.unit));
        continue;
      }
      firstSeen.set(key, { row: rec.row, value });
      observations.push({
        indicator_id: indicator.id,
        region_code: region.value,
        year,
        value: value === 0 ? 0 : value,
        unit: indicator.unit,
        status: status.value,
        published: published.value,
        source,
        note,
        row: rec.row,
      });
    }
  }
  return { observations, rejected };
}
