/**
 * The plan's indicators derived from the current records, in SQL: per region (or town, or sector)
 * and year. Which indicator a record kind derives, and by which rule, is what the plan file says
 * (`derive:` on the indicator, domain/derive.ts); no indicator id or name is known here.
 *
 *   certificates            enterprises holding a valid certificate at year end: a certificate
 *                           counts from its date for three years (2016-06-01 → end of 2016, 2017,
 *                           2018; not 2019), until revoked; a renewal continues it; an enterprise
 *                           counts once. Years from the first certificate year + 2 (earlier year
 *                           ends would miss certificates older than the records).
 *   contracts               technology-transaction value by registration year, in the indicator's unit
 *   rd                      the enterprises' amounts by year, in the indicator's unit
 *   lists                   stock lists (maker spaces, ...): items existing at year end; yearly lists
 *                           (tech-based SMEs): registrations in the year; events (converted
 *                           achievements; fry released, summed): per year. For a total over the plan
 *                           years, a stock list takes count_in_year (the items added each year).
 *
 * Coverage (数据截至): a figure for year Y is derived only when the files feeding the indicator
 * cover through Y-12-31 (record_files.covered_through; loaders/records/coverage.ts). Up to that
 * year, a year without records is a real zero (or, for stocks, the stock carried on).
 *
 * Derived figures are stored in derived_observations (refreshed when record files land) and read
 * back beside the reported figures: the assessment uses a reported figure where one exists.
 */
import type { Indicator, Plan } from "../domain/plan.ts";
import { regionPrefixLength } from "../domain/region.ts";
import { AMOUNT_UNITS, LISTS, type ListSpec, QUANTITY_UNITS, type RecordKind } from "../domain/records.ts";
import { queryRows, type Warehouse } from "./connection.ts";
import { lit, usedParams } from "./records-sql.ts";

export type DerivationRule =
  | { kind: "certificates"; rule: "stock" }
  | { kind: "contracts"; rule: "sum"; factor: number }
  | { kind: "rd"; rule: "sum"; factor: number }
  | { kind: "lists"; list: ListSpec; rule: "stock" | "yearly" | "count" | "sum"; factor: number };

export interface Derivation {
  indicator: Indicator;
  source: DerivationRule;
  basis: { zh: string; en: string };
}

const BASIS: Record<string, (list?: ListSpec) => { zh: string; en: string }> = {
  valid_at_year_end: () => ({
    zh: "年末有效期内（3年）的高新技术企业证书，按企业计",
    en: "enterprises holding a valid (3-year) certificate at year end",
  }),
  sum_by_registration_year: () => ({ zh: "按登记年度合计的技术交易额", en: "technology-transaction value by registration year" }),
  sum_by_year: () => ({ zh: "企业填报的年度研发费用合计", en: "enterprises' R&D expenditure summed by year" }),
  stock_at_year_end: (l) => ({ zh: `${l?.zh}：年末存量`, en: `${l?.en}: number existing at year end` }),
  registered_in_year: (l) => ({ zh: `${l?.zh}：当年备案数`, en: `${l?.en}: registered in the year` }),
  count_in_year: (l) => ({ zh: `${l?.zh}：当年新增数`, en: `${l?.en}: added in the year` }),
  sum_quantity_in_year: (l) => ({ zh: `${l?.zh}：按年份合计数量`, en: `${l?.en}: quantity summed by year` }),
};

const LIST_RULE = {
  stock_at_year_end: "stock",
  registered_in_year: "yearly",
  count_in_year: "count",
  sum_quantity_in_year: "sum",
} as const;

/** The SQL-level rule for an indicator's `derive` (validated by domain/derive.ts), or null when it cannot apply. */
function ruleFor(ind: Indicator): DerivationRule | null {
  const d = ind.derive;
  if (!d) return null;
  if (d.from === "certificates") return { kind: "certificates", rule: "stock" };
  if (d.from === "contracts" || d.from === "rd")
    return ind.unit in AMOUNT_UNITS ? { kind: d.from, rule: "sum", factor: AMOUNT_UNITS[ind.unit] } : null;
  const list = LISTS.find((l) => l.id === d.list);
  if (!list) return null;
  if (d.rule === "sum_quantity_in_year") {
    return ind.unit in QUANTITY_UNITS ? { kind: "lists", list, rule: "sum", factor: QUANTITY_UNITS[ind.unit] } : null;
  }
  return { kind: "lists", list, rule: LIST_RULE[d.rule], factor: 1 };
}

/** Which of the plan's indicators are derived from records, and how: what the plan file's `derive` says. */
export function derivations(plan: Plan): Derivation[] {
  const out: Derivation[] = [];
  for (const indicator of plan.indicators) {
    const source = ruleFor(indicator);
    if (!source || !indicator.derive) continue;
    out.push({ indicator, source, basis: BASIS[indicator.derive.rule](source.kind === "lists" ? source.list : undefined) });
  }
  return out;
}

export type GroupBy = "region" | "town" | "sector";

/** The SQL expression of a region filter and grouping; the plan region travels as parameter $1. */
function scope(plan: Plan, by: GroupBy): { where: string; group: string; aggregate: boolean } {
  const prefixLen = regionPrefixLength(plan.region.code);
  const inPlan =
    prefixLen === 6
      ? "region_code = $1"
      : prefixLen === 0
        ? "$1 IS NOT NULL"
        : `substr(region_code, 1, ${prefixLen}) = substr($1, 1, ${prefixLen})`;
  if (by === "town") return { where: inPlan, group: "coalesce(town, '')", aggregate: false };
  if (by === "sector") return { where: inPlan, group: "coalesce(sector, '')", aggregate: false };
  return { where: "true", group: "region_code", aggregate: prefixLen !== 6 };
}

/** The SQL test that a record's county lies below the plan's region (above county level); the region is $1. */
function inRegionBelow(plan: Plan): string {
  const n = regionPrefixLength(plan.region.code);
  return n === 0 ? "$1 IS NOT NULL" : `substr(region_code, 1, ${n}) = substr($1, 1, ${n})`;
}

/**
 * One derivation as SQL: rows (grp, year, value, records). With by = "region" and a plan region
 * above county level (XXXX00, XX0000), the plan region's own total is added over its counties.
 */
export function derivationSql(plan: Plan, d: Derivation, by: GroupBy): string {
  const s = scope(plan, by);
  const src = d.source;
  // items: g, ident, start (DATE), ends (DATE, exclusive), amount
  let items: string;
  let all: string; // every current record of the source (for the year range)
  let y0: string;
  let y1: string;
  if (src.kind === "certificates") {
    all = "SELECT * FROM rec_certificates WHERE current";
    items = `SELECT region_code, town, sector, credit_code AS ident, certified_on AS start,
      least(certified_on + INTERVAL 3 YEAR, coalesce(revoked_on, DATE '9999-12-31'))::DATE AS ends, 0.0 AS amount FROM (${all})`;
    y0 = "min(year(certified_on)) + 2";
    y1 = "max(year(certified_on))";
  } else if (src.kind === "contracts") {
    all = "SELECT * FROM rec_contracts WHERE current";
    items = `SELECT region_code, town, sector, contract_id AS ident, registered_on AS start, NULL::DATE AS ends, transaction_value AS amount FROM (${all})`;
    y0 = "min(year(registered_on))";
    y1 = "max(year(registered_on))";
  } else if (src.kind === "rd") {
    all = "SELECT * FROM rec_rd WHERE current";
    items = `SELECT region_code, town, sector, credit_code AS ident, make_date(year, 7, 1) AS start, NULL::DATE AS ends, amount FROM (${all})`;
    y0 = "min(year)";
    y1 = "max(year)";
  } else {
    all = `SELECT * FROM rec_list_items WHERE current AND list = ${lit(src.list.id)}`;
    const ends = src.rule === "yearly" ? "least(make_date(year(start_on) + 1, 1, 1), coalesce(ends_on, DATE '9999-12-31'))" : "ends_on";
    items = `SELECT region_code, town, sector, item_key AS ident, start_on AS start, ${ends}::DATE AS ends, coalesce(quantity, 0) AS amount FROM (${all})`;
    y0 = "min(year(start_on))";
    // Without a coverage date (a warehouse from before coverage), a list register is taken to be
    // complete up to the latest year any list item mentions.
    y1 = "(SELECT max(year(start_on)) FROM rec_list_items WHERE current)";
  }
  // Coverage: a year is derived only when the files feeding the indicator cover it to 31 December
  // (the latest coverage among them; for a list, the files holding that list).
  y1 = `coalesce(${coveredYearSql(src)}, ${y1})`;
  const grouped = s.aggregate
    ? `SELECT ${s.group} AS g, * FROM (${items})
       UNION ALL SELECT $1 AS g, * FROM (${items}) WHERE region_code <> $1 AND ${inRegionBelow(plan)}`
    : `SELECT ${s.group} AS g, * FROM (${items}) WHERE ${s.where}`;
  const years = `SELECT unnest(range(lo, hi + 1)) AS year FROM (SELECT ${y0} AS lo, ${y1} AS hi FROM (${all})) WHERE lo IS NOT NULL AND hi IS NOT NULL`;
  const yearEnd = "make_date(y.year, 12, 31)";
  if (src.rule === "stock" || src.rule === "yearly") {
    return `WITH i AS (${grouped}), y AS (${years})
      SELECT i.g AS grp, y.year, CAST(count(DISTINCT i.ident) FILTER (WHERE i.start <= ${yearEnd} AND (i.ends IS NULL OR i.ends > ${yearEnd})) AS DOUBLE) AS value,
             count(DISTINCT i.ident) FILTER (WHERE i.start <= ${yearEnd} AND (i.ends IS NULL OR i.ends > ${yearEnd})) AS records
      FROM i CROSS JOIN y GROUP BY i.g, y.year`;
  }
  const measure = src.rule === "count" ? "CAST(count(*) AS DOUBLE)" : `sum(amount) / ${src.factor}`;
  return `WITH i AS (${grouped}), y AS (${years}),
      a AS (SELECT g, year(start) AS year, ${measure} AS value, count(*) AS records FROM i GROUP BY ALL)
      SELECT gr.g AS grp, y.year, coalesce(a.value, 0) AS value, coalesce(a.records, 0) AS records
      FROM (SELECT DISTINCT g FROM i) gr CROSS JOIN y LEFT JOIN a ON a.g = gr.g AND a.year = y.year`;
}

/**
 * The last year the record files feeding a derivation cover to 31 December, as a scalar SQL
 * subquery (NULL when no file states a coverage date: then the records' own years bound it).
 */
export function coveredYearSql(src: DerivationRule): string {
  const scope = src.kind === "lists" ? ` AND list_contains(lists, ${lit(src.list.id)})` : "";
  return `(SELECT max(year(covered_through + INTERVAL 1 DAY) - 1) FROM record_files WHERE kind = ${lit(src.kind)}${scope})`;
}

export interface DerivedRow {
  indicator_id: string;
  region_code: string;
  year: number;
  value: number;
  unit: string;
  records: number;
  basis: string;
  known_on: string | null;
}

const KIND_OF: Record<DerivationRule["kind"], RecordKind> = {
  certificates: "certificates",
  contracts: "contracts",
  rd: "rd",
  lists: "lists",
};

/** The derived figures for a plan, computed now from the current records (not the stored table). */
export async function computeDerived(w: Warehouse, plan: Plan, by: GroupBy = "region"): Promise<DerivedRow[]> {
  // A plan none of whose indicators is derived has nothing to compute (and nothing to ask the warehouse).
  if (derivations(plan).length === 0 || !(await recordTablesExist(w))) return [];
  const out: DerivedRow[] = [];
  const knownOn = await knownOnByKind(w);
  for (const d of derivations(plan)) {
    const sql = `SELECT grp, CAST(year AS INTEGER) AS year, round(value, 8) AS value, CAST(records AS DOUBLE) AS records FROM (${derivationSql(plan, d, by)}) ORDER BY grp, year`;
    const rows = await queryRows<{ grp: string; year: number; value: number; records: number }>(
      w,
      sql,
      usedParams(sql, [plan.region.code]),
    );
    for (const r of rows)
      out.push({
        indicator_id: d.indicator.id,
        region_code: r.grp,
        year: Number(r.year),
        value: Number(r.value),
        unit: d.indicator.unit,
        records: Number(r.records),
        basis: `${d.basis.zh} / ${d.basis.en}`,
        known_on: knownOn.get(KIND_OF[d.source.kind]) ?? null,
      });
  }
  return out;
}

async function knownOnByKind(w: Warehouse): Promise<Map<string, string>> {
  const rows = await queryRows<{ kind: string; known_on: string }>(
    w,
    "SELECT kind, CAST(max(CAST(ingested_at AS DATE)) AS VARCHAR) AS known_on FROM record_files GROUP BY kind",
  );
  return new Map(rows.map((r) => [r.kind, r.known_on]));
}

/** Whether this warehouse has the record tables (an older warehouse opened read-only may not). */
export async function recordTablesExist(w: Warehouse): Promise<boolean> {
  const rows = await queryRows(w, "SELECT 1 FROM duckdb_tables() WHERE table_name = 'derived_observations' AND NOT temporary");
  return rows.length > 0;
}

async function recordsVersion(w: Warehouse): Promise<number> {
  const [{ v }] = await queryRows<{ v: number }>(w, "SELECT CAST(coalesce(max(file_no), 0) AS INTEGER) AS v FROM record_files");
  return Number(v);
}

async function planSha(w: Warehouse, planId: string): Promise<string> {
  const rows = await queryRows<{ sha256: string }>(w, "SELECT sha256 FROM plans WHERE id = $1", [planId]);
  return rows[0]?.sha256 ?? "";
}

/** Recompute derived_observations for every plan in the warehouse (inside the caller's transaction, if any). */
export async function refreshDerived(w: Warehouse): Promise<number> {
  const plans = await queryRows<{ plan_json: string; sha256: string }>(w, "SELECT plan_json, sha256 FROM plans");
  const version = await recordsVersion(w);
  let n = 0;
  for (const p of plans) {
    const plan = JSON.parse(p.plan_json) as Plan;
    const rows = await computeDerived(w, plan);
    await w.connection.run("DELETE FROM derived_observations WHERE plan_id = $1", [plan.id]);
    if (rows.length > 0) {
      const appender = await w.connection.createAppender("derived_observations");
      const now = new Date().toISOString().replace("T", " ").replace("Z", "");
      for (const r of rows) {
        appender.appendVarchar(plan.id);
        appender.appendVarchar(r.indicator_id);
        appender.appendVarchar(r.region_code);
        appender.appendInteger(r.year);
        appender.appendDouble(r.value);
        appender.appendVarchar(r.unit);
        appender.appendBigInt(BigInt(r.records));
        appender.appendVarchar(r.basis);
        if (r.known_on) appender.appendVarchar(r.known_on);
        else appender.appendNull();
        appender.appendVarchar(now);
        appender.endRow();
      }
      appender.closeSync();
    }
    await w.connection.run("INSERT OR REPLACE INTO derived_state VALUES ($1, $2, $3, CAST(current_timestamp AS TIMESTAMP))", [
      plan.id,
      version,
      p.sha256,
    ]);
    n += rows.length;
  }
  return n;
}

/**
 * The derived figures of a plan: the stored table when it is up to date with the record files and
 * the plan, else computed now (a read-only warehouse cannot refresh the table).
 */
export async function readDerived(w: Warehouse, plan: Plan, opts: { region?: string | null } = {}): Promise<DerivedRow[]> {
  if (derivations(plan).length === 0 || !(await recordTablesExist(w))) return [];
  const region = opts.region === undefined ? plan.region.code : opts.region;
  const state = await queryRows<{ records_version: number; plan_sha256: string }>(
    w,
    "SELECT records_version, plan_sha256 FROM derived_state WHERE plan_id = $1",
    [plan.id],
  );
  const fresh =
    state.length > 0 &&
    Number(state[0].records_version) === (await recordsVersion(w)) &&
    state[0].plan_sha256 === (await planSha(w, plan.id));
  if (!fresh) {
    const rows = await computeDerived(w, plan);
    return region === null ? rows : rows.filter((r) => r.region_code === region);
  }
  return queryRows<DerivedRow>(
    w,
    `SELECT indicator_id, region_code, year, value, unit, CAST(records AS DOUBLE) AS records, basis, CAST(known_on AS VARCHAR) AS known_on
     FROM derived_observations WHERE plan_id = $1 AND ($2 IS NULL OR region_code = $2) ORDER BY indicator_id, region_code, year`,
    [plan.id, region],
  );
}
