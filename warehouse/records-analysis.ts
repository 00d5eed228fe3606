/**
 * What the records say beyond the totals: reconciliation of derived with reported figures, the
 * risk ahead (certificates lapsing before the target year; contract turnover still to register),
 * the drill-down by town and sector, and the enterprise list. For the CLI, the site and the report.
 */
import type { Plan } from "../domain/plan.ts";
import { regionPrefixLength } from "../domain/region.ts";
import { queryRows, type Warehouse } from "./connection.ts";
import { computeDerived, type DerivedRow, derivations, readDerived, recordTablesExist } from "./records-derive.ts";

export const DEFAULT_RECONCILE_TOLERANCE = 0.02;

export interface ReconciliationRow {
  indicator_id: string;
  zh: string;
  en: string;
  unit: string;
  /** The unit in English (the plan's unit_en). */
  unit_en: string;
  year: number;
  reported: number;
  derived: number;
  /** derived - reported, in the indicator's unit. */
  difference: number;
  /** difference / |reported| (null when reported is 0 and derived is not). */
  relative: number | null;
  records: number;
  flagged: boolean;
}

/** Pure: pair the current reported figures with the derived ones; flag differences above `tolerance` (a share). */
export function reconcileFigures(
  plan: Plan,
  reported: { indicator_id: string; year: number; value: number }[],
  derived: DerivedRow[],
  tolerance = DEFAULT_RECONCILE_TOLERANCE,
): ReconciliationRow[] {
  const rep = new Map(reported.map((r) => [`${r.indicator_id}|${r.year}`, r.value]));
  const out: ReconciliationRow[] = [];
  for (const d of derived) {
    const r = rep.get(`${d.indicator_id}|${d.year}`);
    if (r === undefined) continue;
    const ind = plan.indicators.find((i) => i.id === d.indicator_id);
    const difference = Number((d.value - r).toPrecision(12));
    const relative = r === 0 ? (d.value === 0 ? 0 : null) : difference / Math.abs(r);
    out.push({
      indicator_id: d.indicator_id,
      zh: ind?.zh ?? d.indicator_id,
      en: ind?.en ?? d.indicator_id,
      unit: d.unit,
      unit_en: ind?.unit_en ?? d.unit,
      year: d.year,
      reported: r,
      derived: d.value,
      difference,
      relative,
      records: d.records,
      flagged: relative === null || Math.abs(relative) > tolerance + 1e-12,
    });
  }
  const order = new Map(plan.indicators.map((i, n) => [i.id, n]));
  return out.sort((a, b) => (order.get(a.indicator_id) ?? 0) - (order.get(b.indicator_id) ?? 0) || a.year - b.year);
}

/** Reconciliation for the plan's region: every indicator and year with both a reported and a derived figure. */
export async function reconcile(w: Warehouse, plan: Plan, opts: { tolerance?: number } = {}): Promise<ReconciliationRow[]> {
  const derived = await readDerived(w, plan);
  if (derived.length === 0) return [];
  const reported = await queryRows<{ indicator_id: string; year: number; value: number }>(
    w,
    "SELECT indicator_id, year, value FROM current_observations WHERE plan_id = $1 AND region_code = $2",
    [plan.id, plan.region.code],
  );
  return reconcileFigures(plan, reported, derived, opts.tolerance);
}

// ---------------------------------------------------------------------------------------------
// Risk ahead

export interface LapsingCertificate {
  enterprise: string;
  credit_code: string;
  certificate_no: string;
  certified_on: string;
  /** The first day the certificate no longer counts (three years on, or the revocation date). */
  lapses_on: string;
  /** "lapsed": before the as-of date and not renewed; "lapsing": after it, before the target year's end. */
  state: "lapsed" | "lapsing";
  town: string | null;
  sector: string | null;
}

export interface CountIfNotRenewed {
  year: number;
  /** Enterprises holding a valid certificate at year end if none of them renews (no new certificates either). */
  count: number;
  /** Certificates among them lapsing during that year. */
  lapsing: number;
}

export interface CertificateRisk {
  as_of: string;
  target_year: number;
  /** Enterprises counting on the as-of date. */
  current: number;
  certificates: LapsingCertificate[];
  by_year: CountIfNotRenewed[];
}

const inPlanRegion = (plan: Plan, alias = "") => {
  const n = regionPrefixLength(plan.region.code);
  const col = `${alias ? `${alias}.` : ""}region_code`;
  return n === 6 ? `${col} = $1` : n === 0 ? "$1 IS NOT NULL" : `substr(${col}, 1, ${n}) = substr($1, 1, ${n})`;
};

/**
 * Certificates of the plan region that lapse before the target year ends and were not renewed (by
 * the as-of date: default the latest certificate date held), and the count at each year end from
 * the as-of year to the target year if no certificate renews.
 */
export async function certificateRisk(w: Warehouse, plan: Plan, opts: { asOf?: string } = {}): Promise<CertificateRisk | null> {
  if (!(await recordTablesExist(w))) return null;
  const [{ latest }] = await queryRows<{ latest: string | null }>(
    w,
    `SELECT CAST(max(certified_on) AS VARCHAR) AS latest FROM rec_certificates WHERE current AND ${inPlanRegion(plan)}`,
    [plan.region.code],
  );
  if (!latest) return null;
  const asOf = opts.asOf ?? latest;
  const target = plan.target_year;
  const certs = `SELECT *, least(certified_on + INTERVAL 3 YEAR, coalesce(revoked_on, DATE '9999-12-31'))::DATE AS lapses_on
    FROM rec_certificates WHERE current AND ${inPlanRegion(plan)} AND certified_on <= CAST($2 AS DATE)`;
  const certificates = await queryRows<LapsingCertificate>(
    w,
    `WITH c AS (${certs}),
     last AS (SELECT *, row_number() OVER (PARTITION BY credit_code ORDER BY lapses_on DESC, certified_on DESC) AS k FROM c)
     SELECT enterprise, credit_code, certificate_no, CAST(certified_on AS VARCHAR) AS certified_on, CAST(lapses_on AS VARCHAR) AS lapses_on,
            CASE WHEN lapses_on <= CAST($2 AS DATE) THEN 'lapsed' ELSE 'lapsing' END AS state, town, sector
     FROM last WHERE k = 1 AND lapses_on <= make_date($3, 12, 31) AND year(lapses_on) >= $4
     ORDER BY lapses_on, enterprise`,
    [plan.region.code, asOf, target, plan.start_year],
  );
  const [{ current }] = await queryRows<{ current: number }>(
    w,
    `WITH c AS (${certs}) SELECT CAST(count(DISTINCT credit_code) AS DOUBLE) AS current FROM c WHERE certified_on <= CAST($2 AS DATE) AND lapses_on > CAST($2 AS DATE)`,
    [plan.region.code, asOf],
  );
  const asOfYear = Number(asOf.slice(0, 4));
  const byYear = await queryRows<CountIfNotRenewed>(
    w,
    `WITH c AS (${certs}), y AS (SELECT unnest(range($3, $4 + 1)) AS year),
     last AS (SELECT credit_code, max(lapses_on) AS lapses_on FROM c GROUP BY credit_code)
     SELECT CAST(y.year AS INTEGER) AS year,
            CAST(count(*) FILTER (WHERE last.lapses_on > make_date(y.year, 12, 31)) AS DOUBLE) AS count,
            CAST(count(*) FILTER (WHERE year(last.lapses_on) = y.year AND last.lapses_on > CAST($2 AS DATE)) AS DOUBLE) AS lapsing
     FROM y LEFT JOIN last ON true GROUP BY y.year ORDER BY y.year`,
    [plan.region.code, asOf, asOfYear, Math.max(target, asOfYear)],
  );
  return {
    as_of: asOf,
    target_year: target,
    current: Number(current),
    certificates,
    by_year: byYear.map((r) => ({ year: Number(r.year), count: Number(r.count), lapsing: Number(r.lapsing) })),
  };
}

export interface TurnoverPace {
  as_of: string;
  year: number;
  unit: string;
  target: number | null;
  /** Registered in the year up to the as-of date. */
  registered: number;
  /** Share of the year elapsed at the as-of date. */
  elapsed: number;
  /** The year's total at the pace so far (registered / elapsed). */
  projected: number;
  /** Still to register to reach the target (0 when reached). */
  still_to_register: number | null;
  /** Projected shortfall at the current pace (0 when the pace reaches the target). */
  shortfall_at_pace: number | null;
  /** The same period of the previous year, for comparison. */
  previous_same_period: number;
}

/** Contract turnover of the year being watched (default the target year, or the as-of date's year) against the target. */
export async function turnoverPace(w: Warehouse, plan: Plan, opts: { asOf?: string } = {}): Promise<TurnoverPace | null> {
  if (!(await recordTablesExist(w))) return null;
  const d = derivations(plan).find((x) => x.source.kind === "contracts");
  if (d?.source.kind !== "contracts") return null;
  const [{ latest }] = await queryRows<{ latest: string | null }>(
    w,
    `SELECT CAST(max(registered_on) AS VARCHAR) AS latest FROM rec_contracts WHERE current AND ${inPlanRegion(plan)}`,
    [plan.region.code],
  );
  if (!latest) return null;
  const asOf = opts.asOf ?? latest;
  const year = Number(asOf.slice(0, 4));
  const factor = d.source.factor;
  const [r] = await queryRows<{ registered: number; previous: number }>(
    w,
    `SELECT coalesce(sum(transaction_value) FILTER (WHERE year(registered_on) = $2 AND registered_on <= CAST($3 AS DATE)), 0) / ${factor} AS registered,
            coalesce(sum(transaction_value) FILTER (WHERE year(registered_on) = $2 - 1 AND registered_on <= CAST($3 AS DATE) - INTERVAL 1 YEAR), 0) / ${factor} AS previous
     FROM rec_contracts WHERE current AND ${inPlanRegion(plan)}`,
    [plan.region.code, year, asOf],
  );
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  const elapsed = Math.min(1, Math.max(1 / 366, (Date.parse(`${asOf}T00:00:00Z`) + 86400000 - start) / (end - start)));
  const registered = Number(r.registered);
  const projected = registered / elapsed;
  const target = d.indicator.measure === "level" && year === d.indicator.target_year ? d.indicator.target : null;
  return {
    as_of: asOf,
    year,
    unit: d.indicator.unit,
    target,
    registered,
    elapsed,
    projected,
    still_to_register: target === null ? null : Math.max(0, target - registered),
    shortfall_at_pace: target === null ? null : Math.max(0, target - projected),
    previous_same_period: Number(r.previous),
  };
}

// ---------------------------------------------------------------------------------------------
// Drill-down

export interface DrilldownRow {
  indicator_id: string;
  /** Town (乡镇/街道) or sector; "" when the records do not say. */
  group: string;
  year: number;
  value: number;
  records: number;
}

/** The derived indicators of the plan region by town or by sector, per year. */
export async function drilldown(w: Warehouse, plan: Plan, by: "town" | "sector"): Promise<DrilldownRow[]> {
  const rows = await computeDerived(w, plan, by);
  return rows.map((r) => ({ indicator_id: r.indicator_id, group: r.region_code, year: r.year, value: r.value, records: r.records }));
}

export interface EnterpriseRow {
  credit_code: string;
  enterprise: string;
  /** The county its records name (the first of its certificates, R&D reports, contracts, list items). */
  region_code: string | null;
  town: string | null;
  sector: string | null;
  certificates: { certificate_no: string; certified_on: string; lapses_on: string }[];
  /** Its contracts as seller; empty when the list was asked without them (see contract_count). */
  contracts: {
    contract_id: string;
    registered_on: string;
    role: "seller";
    transaction_value: number;
    contract_type: string;
    field: string | null;
  }[];
  /** How many contracts it sold, and their transaction value in yuan: with or without the contracts listed. */
  contract_count: number;
  turnover: number;
  rd: { year: number; amount: number; size: string | null }[];
  tech_sme_years: number[];
}

export interface EnterpriseListOptions {
  /** Cap the list (largest R&D and turnover first). */
  limit?: number;
  /** Only the records within this region (a county, city or province code within the plan's region). */
  within?: string;
  /** List each contract (default), or give only their count and turnover (for regions of many counties). */
  contracts?: boolean;
}

/**
 * Every enterprise of the plan region known from the records (certificates, contracts as seller,
 * R&D reports, tech-SME registrations), with its records. Amounts in yuan. `limit` caps the list
 * (largest R&D and turnover first) for large regions; `within` keeps one county's (or province's) records;
 * `contracts: false` gives each enterprise's contract count and turnover without the contracts.
 */
export async function enterpriseList(w: Warehouse, plan: Plan, opts: EnterpriseListOptions = {}): Promise<EnterpriseRow[]> {
  if (!(await recordTablesExist(w))) return [];
  const n = opts.within ? regionPrefixLength(opts.within) : null;
  const region =
    n === null
      ? inPlanRegion(plan)
      : `${inPlanRegion(plan)} AND ${n === 6 ? "region_code = $2" : `substr(region_code, 1, ${n}) = substr($2, 1, ${n})`}`;
  // With a limit, rank first on the sums alone (cheap), then build the records of those only: the
  // lists of a whole country's 400,000 enterprises would be built to keep 300.
  const top = opts.limit
    ? `AND credit_code IN (SELECT credit_code FROM (
         SELECT credit_code, 0.0 AS amount FROM rec_certificates WHERE current AND ${region}
         UNION ALL SELECT seller_code, transaction_value FROM rec_contracts WHERE current AND seller_code IS NOT NULL AND ${region}
         UNION ALL SELECT credit_code, amount FROM rec_rd WHERE current AND ${region}
         UNION ALL SELECT credit_code, 0.0 FROM rec_list_items WHERE current AND list = 'tech_smes' AND credit_code IS NOT NULL AND ${region})
       GROUP BY credit_code ORDER BY sum(coalesce(amount, 0)) DESC LIMIT ${Math.floor(opts.limit) * 2})`
    : "";
  const contractList =
    opts.contracts === false
      ? "'[]'"
      : `to_json(list({'contract_id': contract_id, 'registered_on': CAST(registered_on AS VARCHAR), 'role': 'seller',
                      'transaction_value': transaction_value, 'contract_type': contract_type, 'field': field} ORDER BY registered_on))`;
  const rows = await queryRows<{
    credit_code: string;
    enterprise: string;
    region_code: string | null;
    town: string | null;
    sector: string | null;
    certificates: string;
    contracts: string;
    contract_count: number;
    turnover: number;
    rd: string;
    smes: string;
  }>(
    w,
    `WITH
     cert AS (SELECT credit_code, any_value(enterprise) AS enterprise, any_value(region_code) AS region_code, any_value(town) AS town, any_value(sector) AS sector,
                     to_json(list({'certificate_no': certificate_no, 'certified_on': CAST(certified_on AS VARCHAR),
                       'lapses_on': CAST(least(certified_on + INTERVAL 3 YEAR, coalesce(revoked_on, DATE '9999-12-31'))::DATE AS VARCHAR)} ORDER BY certified_on)) AS j
              FROM rec_certificates WHERE current AND ${region} ${top} GROUP BY credit_code),
     con AS (SELECT seller_code AS credit_code, any_value(seller) AS enterprise, any_value(region_code) AS region_code, any_value(town) AS town, any_value(sector) AS sector,
                    sum(transaction_value) AS total, count(*) AS n, ${contractList} AS j
             FROM rec_contracts WHERE current AND seller_code IS NOT NULL AND ${region} ${top.replace("credit_code IN", "seller_code IN")} GROUP BY seller_code),
     rd AS (SELECT credit_code, any_value(enterprise) AS enterprise, any_value(region_code) AS region_code, any_value(town) AS town, any_value(sector) AS sector, sum(amount) AS total,
                   to_json(list({'year': year, 'amount': amount, 'size': size} ORDER BY year)) AS j
            FROM rec_rd WHERE current AND ${region} ${top} GROUP BY credit_code),
     sme AS (SELECT credit_code, any_value(name) AS enterprise, any_value(region_code) AS region_code, any_value(town) AS town, any_value(sector) AS sector,
                    to_json(list(DISTINCT year(start_on) ORDER BY year(start_on))) AS j
             FROM rec_list_items WHERE current AND list = 'tech_smes' AND credit_code IS NOT NULL AND ${region} ${top} GROUP BY credit_code),
     ids AS (SELECT credit_code FROM cert UNION SELECT credit_code FROM con UNION SELECT credit_code FROM rd UNION SELECT credit_code FROM sme)
     SELECT ids.credit_code,
            coalesce(cert.enterprise, rd.enterprise, con.enterprise, sme.enterprise) AS enterprise,
            coalesce(cert.region_code, rd.region_code, con.region_code, sme.region_code) AS region_code,
            coalesce(cert.town, rd.town, con.town, sme.town) AS town,
            coalesce(cert.sector, rd.sector, con.sector, sme.sector) AS sector,
            coalesce(cert.j, '[]') AS certificates, coalesce(con.j, '[]') AS contracts,
            CAST(coalesce(con.n, 0) AS DOUBLE) AS contract_count, CAST(coalesce(con.total, 0) AS DOUBLE) AS turnover,
            coalesce(rd.j, '[]') AS rd, coalesce(sme.j, '[]') AS smes
     FROM ids LEFT JOIN cert USING (credit_code) LEFT JOIN con USING (credit_code) LEFT JOIN rd USING (credit_code) LEFT JOIN sme USING (credit_code)
     ORDER BY coalesce(rd.total, 0) + coalesce(con.total, 0) DESC, enterprise
     ${opts.limit ? `LIMIT ${Math.floor(opts.limit)}` : ""}`,
    opts.within ? [plan.region.code, opts.within] : [plan.region.code],
  );
  return rows.map((r) => ({
    credit_code: r.credit_code,
    enterprise: r.enterprise,
    region_code: r.region_code,
    town: r.town,
    sector: r.sector,
    certificates: JSON.parse(r.certificates),
    contracts: JSON.parse(r.contracts),
    contract_count: Number(r.contract_count),
    turnover: Number(r.turnover),
    rd: JSON.parse(r.rd),
    tech_sme_years: JSON.parse(r.smes),
  }));
}

// ---------------------------------------------------------------------------------------------
// Contribution, growth and share of the gap by town or sector

export interface ContributionRow {
  indicator_id: string;
  group: string;
  year: number;
  /** The group's figure in the year (for cumulative indicators: that year's own amount). */
  value: number;
  /** Share of the region's total in the year (null when the total is 0). */
  share: number | null;
  /** Change on the previous year (absolute), null when there is no previous year. */
  growth: number | null;
  growth_rate: number | null;
  /** The group's part of the increase the target needs, in proportion to its baseline share. */
  expected: number | null;
  /** What the group has added so far (level: value - baseline; cumulative: sum since the start year). */
  achieved: number;
  /** What it still lacks of its part (0 when it has done its part). */
  remaining: number | null;
  /** Its share of everything still lacking (null when nothing lacks). */
  gap_share: number | null;
  records: number;
}

/**
 * For one indicator, per group and year: contribution (share of the total), growth on the year
 * before, and share of the gap. The increase the target needs over the baseline (level: target -
 * baseline total; cumulative: the target) is split among groups by their share of the baseline
 * year; a group's remaining gap is its part minus what it has added; its share of the gap is its
 * remaining gap over all groups' remaining gaps; once the region as a whole has done what the
 * target needs, no group lacks anything. Pure.
 */
export function contributions(
  ind: { id: string; measure: "level" | "cumulative"; target: number; direction?: "increase" | "decrease" },
  rows: { group: string; year: number; value: number; records: number }[],
  years: { baseline: number; start: number },
): ContributionRow[] {
  const byYear = new Map<number, Map<string, { value: number; records: number }>>();
  for (const r of rows) {
    if (!byYear.has(r.year)) byYear.set(r.year, new Map());
    byYear.get(r.year)!.set(r.group, { value: r.value, records: r.records });
  }
  const groups = [...new Set(rows.map((r) => r.group))].sort();
  const total = (y: number) => [...(byYear.get(y)?.values() ?? [])].reduce((a, b) => a + b.value, 0);
  const baseRow = byYear.get(years.baseline);
  const baseTotal = baseRow ? total(years.baseline) : null;
  const needed = ind.measure === "cumulative" ? ind.target : baseTotal === null ? null : ind.target - baseTotal;
  const out: ContributionRow[] = [];
  for (const y of [...byYear.keys()].sort((a, b) => a - b)) {
    const t = total(y);
    const part = groups.map((g) => {
      const cur = byYear.get(y)?.get(g);
      const value = cur?.value ?? 0;
      const prev = byYear.get(y - 1)?.get(g)?.value;
      const base = baseRow?.get(g)?.value ?? 0;
      const weight = baseTotal && baseTotal > 0 ? base / baseTotal : groups.length ? 1 / groups.length : 0;
      let achieved = 0;
      if (ind.measure === "cumulative") {
        for (let k = years.start; k <= y; k++) achieved += byYear.get(k)?.get(g)?.value ?? 0;
      } else achieved = value - base;
      const expected = needed === null || y < years.start ? null : needed * weight;
      const remaining = expected === null ? null : Math.max(0, expected - achieved);
      return {
        indicator_id: ind.id,
        group: g,
        year: y,
        value,
        share: t > 0 ? value / t : null,
        growth: prev === undefined ? null : value - prev,
        growth_rate: prev === undefined || prev === 0 ? null : value / prev - 1,
        expected,
        achieved,
        remaining,
        gap_share: null as number | null,
        records: cur?.records ?? 0,
      };
    });
    // Once the region as a whole has done what the target needs, there is no gap to share.
    const done = needed !== null && part.reduce((a, p) => a + p.achieved, 0) >= needed;
    if (done) for (const p of part) p.remaining = p.remaining === null ? null : 0;
    const lacking = part.reduce((a, p) => a + (p.remaining ?? 0), 0);
    for (const p of part) p.gap_share = p.remaining === null || lacking <= 0 ? null : p.remaining / lacking;
    out.push(...part);
  }
  return out;
}
