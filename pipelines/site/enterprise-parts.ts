/**
 * The enterprise list of a plan over many counties, one file per county (issue 17): a national plan
 * holds 400,000 enterprises, tens of MB even without their contracts, so the enterprise page loads
 * the region's largest ones first and a county's file only when the reader picks that county.
 *
 * One loader process per county (src/data/enterprises/[county].json.ts) would take an hour at 3,007
 * counties, so buildSite first writes every county's file into Framework's loader cache in one pass
 * (prefillEnterpriseParts), kept while the record files, the plan and the code are unchanged. After
 * `observable build` it hard-links them into the built site (linkEnterpriseParts): Framework copying
 * 3,007 files itself cost about half of a warm national build (README, issue 17). A plain
 * `observable build` (no buildSite) lists them in dynamicPaths instead and runs the loader per county.
 * A county plan has no parts: its page loads its whole list at once, contracts included.
 *
 * @example
 *   await prefillEnterpriseParts({ db, plan, cacheRoot, code });
 *   // observable build into staging, then:
 *   linkEnterpriseParts(cacheRoot, staging);
 */
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync } from "node:fs";
import { mkdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { Plan } from "../../domain/plan.ts";
import { regionPrefixLength } from "../../domain/region.ts";
import { contractTypeEn, enterpriseSizeEn } from "../../domain/records.ts";
import { queryRows, type Warehouse } from "../../warehouse/connection.ts";
import { type EnterpriseRow, enterpriseList } from "../../warehouse/records-analysis.ts";
import { readPlan } from "../../warehouse/read.ts";
import { recordTablesExist } from "../../warehouse/records-derive.ts";
import { fieldNamer, namesStamp, regionNamer, sectorNamer } from "./names.ts";
import { openSiteWarehouse } from "./source.ts";

/** Where a county's part is, under the site root (and under the loader cache). */
export const partPath = (county: string) => `data/enterprises/${county}.json`;

/** A contract with its type's English words (domain/records.ts) and its field's English name (names.ts); null: none. */
export type NamedContract = EnterpriseRow["contracts"][number] & { contract_type_en: string | null; field_en: string | null };

/**
 * An enterprise with its town's and sector's English names as names.ts gives them, and its contracts
 * named (NamedContract); null: none.
 */
export type NamedEnterprise = Omit<EnterpriseRow, "contracts" | "rd"> & {
  town_en: string | null;
  sector_en: string | null;
  contracts: NamedContract[];
  /** R&D reports with the size's English words (domain/records.ts; null: none). */
  rd: (EnterpriseRow["rd"][number] & { size_en: string | null })[];
};

/** One county's part: its enterprises, contracts counted but not listed. */
export interface EnterprisePart {
  county: string;
  enterprises: NamedEnterprise[];
}

/** The rows with their town's, sector's, contract types' and fields' English names (the tables read once per call). */
export function enterpriseNamer(plan: Plan): (rows: EnterpriseRow[]) => NamedEnterprise[] {
  const town = regionNamer(plan);
  const sector = sectorNamer();
  const field = fieldNamer();
  const contract = (c: EnterpriseRow["contracts"][number]): NamedContract => ({
    ...c,
    contract_type_en: contractTypeEn(c.contract_type),
    field_en: field(c.field),
  });
  return (rows) =>
    rows.map((e) => ({
      ...e,
      town_en: town(e.town),
      sector_en: sector(e.sector),
      contracts: e.contracts.map(contract),
      rd: e.rd.map((r) => ({ ...r, size_en: enterpriseSizeEn(r.size) })),
    }));
}

/**
 * The counties of the plan's region whose records name an enterprise, with how many each holds;
 * none for a county plan (its list is one file).
 */
export async function enterpriseCounties(w: Warehouse, plan: Plan): Promise<{ code: string; enterprises: number }[]> {
  if (regionPrefixLength(plan.region.code) === 6 || !(await recordTablesExist(w))) return [];
  const n = regionPrefixLength(plan.region.code);
  const inRegion = n === 0 ? "region_code IS NOT NULL" : `substr(region_code, 1, ${n}) = ${`'${plan.region.code.slice(0, n)}'`}`;
  const rows = await queryRows<{ code: string; enterprises: number }>(
    w,
    `WITH ids AS (
       SELECT region_code, credit_code FROM rec_certificates WHERE current AND ${inRegion}
       UNION SELECT region_code, seller_code FROM rec_contracts WHERE current AND seller_code IS NOT NULL AND ${inRegion}
       UNION SELECT region_code, credit_code FROM rec_rd WHERE current AND ${inRegion}
       UNION SELECT region_code, credit_code FROM rec_list_items WHERE current AND list = 'tech_smes' AND credit_code IS NOT NULL AND ${inRegion})
     SELECT region_code AS code, CAST(count(DISTINCT credit_code) AS DOUBLE) AS enterprises FROM ids
     WHERE region_code ~ '^\\d{6}$' GROUP BY region_code ORDER BY region_code`,
  );
  return rows.map((r) => ({ code: r.code, enterprises: Number(r.enterprises) }));
}

/** One county's part, read alone (the loader's way, for one file). */
export async function enterprisePart(w: Warehouse, plan: Plan, county: string): Promise<EnterprisePart> {
  return { county, enterprises: enterpriseNamer(plan)(await enterpriseList(w, plan, { within: county, contracts: false })) };
}

/**
 * Every county's part, written as `<cacheRoot>/data/enterprises/<county>.json` from one query per
 * province (the whole country at once needs more than DuckDB's 1 GB; the rows are the same as
 * enterprisePart gives county by county). Returns how many files were written.
 */
export async function writeEnterpriseParts(w: Warehouse, plan: Plan, cacheRoot: string, counties: string[]): Promise<number> {
  await mkdir(join(cacheRoot, "data", "enterprises"), { recursive: true });
  const provinces = [...new Set(counties.map((c) => `${c.slice(0, 2)}0000`))];
  const named = enterpriseNamer(plan);
  for (const province of provinces) {
    const byCounty = new Map<string, EnterpriseRow[]>(counties.filter((c) => c.startsWith(province.slice(0, 2))).map((c) => [c, []]));
    for (const row of await enterpriseList(w, plan, { within: province, contracts: false })) byCounty.get(row.region_code ?? "")?.push(row);
    for (const [county, rows] of byCounty) {
      await writeFile(join(cacheRoot, partPath(county)), JSON.stringify({ county, enterprises: named(rows) } satisfies EnterprisePart));
    }
  }
  return counties.length;
}

/** Whether every county's part is already in the cache (a warm build kept them). */
export function partsCached(cacheRoot: string, counties: string[]): boolean {
  return counties.every((c) => existsSync(join(cacheRoot, partPath(c))));
}

/**
 * What the parts depend on: the plan (its content), the record files landed (their count and the
 * latest number: a new or replaced record file changes it), the code (the caller's stamp of it) and
 * the names tables (town_en, sector_en, field_en). Not the warehouse file: figures, progress reports and forms
 * landing leave the parts as they are.
 */
export async function partsInputs(w: Warehouse, plan: Plan, code: unknown): Promise<string> {
  const [files] = (await recordTablesExist(w))
    ? await queryRows<{ n: number; latest: number | null }>(
        w,
        "SELECT CAST(count(*) AS DOUBLE) AS n, CAST(max(file_no) AS DOUBLE) AS latest FROM record_files",
      )
    : [null];
  const [stored] = await queryRows<{ sha256: string }>(w, "SELECT sha256 FROM plans WHERE id = $1", [plan.id]);
  return JSON.stringify({
    plan: plan.id,
    plan_sha256: stored?.sha256 ?? null,
    region: plan.region.code,
    records: files,
    code,
    names: namesStamp(),
  });
}

/** The parts' folder in the loader cache, the stamp of their inputs and the list of counties written. */
const partsDir = (cacheRoot: string) => join(cacheRoot, "data", "enterprises");
const STAMP = ".inputs.json";
const LISTING = ".counties.json";

/**
 * The counties whose parts the last prefill wrote into this cache (null when it wrote none): the
 * config's dynamicPaths read them here instead of asking the warehouse again (5 s nationwide).
 */
export function cachedPartCounties(cacheRoot: string): string[] | null {
  const file = join(partsDir(cacheRoot), LISTING);
  return existsSync(file) && existsSync(join(partsDir(cacheRoot), STAMP)) ? (JSON.parse(readFileSync(file, "utf-8")) as string[]) : null;
}

/**
 * Before `observable build`: write every county's part into Framework's loader cache, unless the
 * previous build's parts are there for the same inputs (partsInputs). Returns the files written
 * (0: kept, or a county plan) and the seconds taken.
 */
export async function prefillEnterpriseParts(opts: {
  db: string;
  plan?: string;
  cacheRoot: string;
  code: unknown;
}): Promise<{ files: number; seconds: number }> {
  const started = performance.now();
  const done = (files: number) => ({ files, seconds: (performance.now() - started) / 1000 });
  const w = await openSiteWarehouse(opts.db);
  try {
    const plan = await readPlan(w, opts.plan);
    const dir = partsDir(opts.cacheRoot);
    const inputs = await partsInputs(w, plan, opts.code);
    const listed = cachedPartCounties(opts.cacheRoot);
    if (listed && readFileSync(join(dir, STAMP), "utf-8") === inputs && partsCached(opts.cacheRoot, listed)) return done(0);
    await rm(dir, { recursive: true, force: true });
    const counties = (await enterpriseCounties(w, plan)).map((c) => c.code);
    const files = counties.length === 0 ? 0 : await writeEnterpriseParts(w, plan, opts.cacheRoot, counties);
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, LISTING), JSON.stringify(counties));
    await writeFile(join(dir, STAMP), inputs);
    return done(files);
  } finally {
    await w.close();
  }
}

/**
 * After `observable build`: every county's part of the last prefill into the built site, as
 * `<outDir>/data/enterprises/<county>.json`. A hard link to the cache's file (the prefill replaces
 * files, never rewrites them, so the site keeps its own); a copy where the file system refuses a link
 * (another device). Returns the files placed (0 for a county plan).
 */
export function linkEnterpriseParts(cacheRoot: string, outDir: string): number {
  const counties = cachedPartCounties(cacheRoot) ?? [];
  if (counties.length > 0) mkdirSync(join(outDir, "data", "enterprises"), { recursive: true });
  for (const county of counties) {
    const from = join(cacheRoot, partPath(county));
    const to = join(outDir, partPath(county));
    try {
      linkSync(from, to);
    } catch {
      copyFileSync(from, to);
    }
  }
  return counties.length;
}
