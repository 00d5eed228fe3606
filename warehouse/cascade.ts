/**
 * What the cascade needs from the warehouse, read for one plan: the plan region's current figures
 * (reported, else derived from records), and its children: the regions one level down that the
 * plan's own files report (by code), the plans whose `parent.plan` is this plan (their region,
 * figures and targets, mapped onto this plan's indicators), and, for a county, its towns as the
 * record files give them (derived by town). Plain data out; the cascade itself is assessment/cascade.ts.
 *
 * @example
 *   const raw = await readCascadeData(w, plan);
 *   raw.children.map((c) => c.code); // ["210100", "210200"]
 */
import type { CascadeChildInput, CascadePoint } from "../domain/cascade.ts";
import type { Plan } from "../domain/plan.ts";
import { isDirectChild } from "../domain/region.ts";
import { queryRows, type Warehouse } from "./connection.ts";
import { computeDerived, readDerived } from "./records-derive.ts";

export interface CascadeData {
  parentSeries: Record<string, CascadePoint[]>;
  children: CascadeChildInput[];
  /** Plans in the warehouse whose parent is this plan, and problems with their links. */
  linked: { plan_id: string; region: string; problems: { zh: string; en: string }[] }[];
}

interface Row {
  indicator_id: string;
  region_code: string;
  year: number;
  value: number;
  source: string | null;
}

/** Current figures of a plan, by region. */
async function currentRows(w: Warehouse, planId: string): Promise<Row[]> {
  return queryRows<Row>(
    w,
    `SELECT indicator_id, region_code, year, value, source FROM current_observations
     WHERE plan_id = $1 ORDER BY indicator_id, region_code, year`,
    [planId],
  );
}

/**
 * Where the cascade reads a plan's figures and its linked child plans: by a query each (one plan's
 * cascade), or from a whole tree read once (`readPlanTree`: thousands of plans, a query or two).
 */
export interface CascadeSource {
  rows(planId: string): Promise<Row[]>;
  childPlans(planId: string): Promise<Plan[]>;
}

/** One query per call: what a single plan's cascade needs. */
export function querySource(w: Warehouse): CascadeSource {
  return { rows: (id) => currentRows(w, id), childPlans: (id) => childPlans(w, id) };
}

/** The order `currentRows` gives: by indicator, region, year. */
function figureOrder(a: Row, b: Row): number {
  if (a.indicator_id !== b.indicator_id) return a.indicator_id < b.indicator_id ? -1 : 1;
  if (a.region_code !== b.region_code) return a.region_code < b.region_code ? -1 : 1;
  return a.year - b.year;
}

/** Rows from a plan's figures column by column (all lists of one length, in the same row order). */
function fromColumns(c: { [K in keyof Row]: Row[K][] }): Row[] {
  return c.indicator_id.map((indicator_id, i) => ({
    indicator_id,
    region_code: c.region_code[i],
    year: c.year[i],
    value: c.value[i],
    source: c.source[i],
  }));
}

/**
 * A plan and every plan below it (by `parent.plan`), parents before children, with all their current
 * figures read in one query: the source of the cascade of a whole tree.
 */
export async function readPlanTree(w: Warehouse, root: Plan): Promise<{ plans: Plan[]; source: CascadeSource }> {
  const all = (await queryRows<{ plan_json: string }>(w, "SELECT plan_json FROM plans ORDER BY id")).map(
    (r) => JSON.parse(r.plan_json) as Plan,
  );
  const byParent = new Map<string, Plan[]>();
  for (const p of all) if (p.parent?.plan && p.id !== root.id) byParent.set(p.parent.plan, [...(byParent.get(p.parent.plan) ?? []), p]);
  const plans: Plan[] = [root];
  const seen = new Set([root.id]);
  for (let i = 0; i < plans.length; i++)
    for (const child of byParent.get(plans[i].id) ?? [])
      if (!seen.has(child.id)) {
        seen.add(child.id);
        plans.push(child);
      }
  // One JSON document per plan, parsed in JS: far cheaper than one JS object per figure from the
  // driver (167,000 figures of a national tree: 0.7 s of CPU against 1.2 s). Column by column
  // ({indicator_id: [...], region_code: [...], ...}): less than half the text of a list of
  // records, so less to decode and parse (0.1 s less CPU).
  const perPlan = await queryRows<{ plan_id: string; rows: string }>(
    w,
    `SELECT plan_id, CAST(to_json({indicator_id: list(indicator_id), region_code: list(region_code), year: list(year), value: list(value), source: list(source)}) AS VARCHAR) AS rows
     FROM current_observations WHERE plan_id IN (SELECT unnest(string_split($1, chr(31)))) GROUP BY plan_id`,
    [plans.map((p) => p.id).join("\u001f")],
  );
  const byPlan = new Map<string, Row[]>();
  for (const r of perPlan) byPlan.set(r.plan_id, fromColumns(JSON.parse(r.rows)).sort(figureOrder));
  return {
    plans,
    source: { rows: async (id) => byPlan.get(id) ?? [], childPlans: async (id) => byParent.get(id) ?? [] },
  };
}

function push(series: Record<string, CascadePoint[]>, id: string, p: CascadePoint): void {
  if (!series[id]) series[id] = [];
  series[id].push(p);
}

/** A region's series: reported figures, and derived ones for indicator-years without a reported figure. */
async function regionSeries(w: Warehouse, plan: Plan, rows: Row[], region: string, map?: Record<string, string>) {
  const series: Record<string, CascadePoint[]> = {};
  const target = (id: string) => (map ? map[id] : id);
  for (const r of rows) {
    if (r.region_code !== region) continue;
    const id = target(r.indicator_id);
    if (id) push(series, id, { year: r.year, value: r.value, origin: "reported", source: r.source });
  }
  const derived = await readDerived(w, plan, { region });
  if (derived.length === 0) return series;
  const have = new Set(Object.entries(series).flatMap(([id, points]) => points.map((p) => `${id}|${p.year}`)));
  for (const d of derived) {
    const id = target(d.indicator_id);
    if (!id || have.has(`${id}|${d.year}`)) continue;
    push(series, id, { year: d.year, value: d.value, origin: "derived", source: d.basis });
  }
  return series;
}

/** Stored plans whose parent.plan is `planId` (filtered in SQL: only those are parsed). */
async function childPlans(w: Warehouse, planId: string): Promise<Plan[]> {
  const rows = await queryRows<{ plan_json: string }>(
    w,
    "SELECT plan_json FROM plans WHERE json_extract_string(plan_json, '$.parent.plan') = $1 ORDER BY id",
    [planId],
  );
  return rows.map((r) => JSON.parse(r.plan_json) as Plan).filter((p) => p.parent?.plan === planId);
}

function linkProblems(parent: Plan, child: Plan): { zh: string; en: string }[] {
  const ids = new Set(parent.indicators.map((i) => i.id));
  const out = Object.entries(child.parent?.indicators ?? {})
    .filter(([, p]) => !ids.has(p))
    .map(([c, p]) => ({
      zh: `计划 ${child.id} 把指标 ${c} 对应到上级计划 ${parent.id} 中不存在的指标 "${p}"`,
      en: `plan ${child.id} maps its indicator ${c} onto "${p}", which ${parent.id} does not have`,
    }));
  if (!isDirectChild(child.region.code, parent.region.code))
    out.push({
      zh: `计划 ${child.id} 的地区 ${child.region.code} 不是 ${parent.region.code} 的直接下级`,
      en: `plan ${child.id}'s region ${child.region.code} is not directly below ${parent.region.code}`,
    });
  return out;
}

/** A linked child plan as a cascade child: its own figures and targets, on the parent's indicator ids. */
async function linkedChild(w: Warehouse, source: CascadeSource, parent: Plan, child: Plan): Promise<CascadeChildInput> {
  const map = child.parent?.indicators ?? {};
  const series = await regionSeries(w, child, await source.rows(child.id), child.region.code, map);
  const targets: CascadeChildInput["targets"] = {};
  for (const ind of child.indicators) {
    const pid = map[ind.id];
    if (pid && parent.indicators.some((i) => i.id === pid))
      targets[pid] = { value: ind.target, year: ind.target_year, comparator: ind.comparator, origin: "plan" };
  }
  return { code: child.region.code, zh: child.region.zh, en: child.region.en, plan_id: child.id, series, targets };
}

const isCounty = (code: string) => /^\d{4}(?!00)\d{2}$/.test(code);
const isTown = (code: string) => /^\d{9}$/.test(code) || !/^\d+$/.test(code);

/**
 * Towns of a county plan: those the plan lists (subregions) and those the record files name (乡镇),
 * with the figures derived by town.
 */
async function townChildren(w: Warehouse, plan: Plan): Promise<CascadeChildInput[]> {
  const towns = new Map<string, CascadeChildInput>();
  for (const r of plan.subregions ?? [])
    if (isTown(r.code)) towns.set(r.code, { code: r.code, zh: r.zh, en: r.en, series: {}, targets: {} });
  const byName = new Map([...towns.values()].map((t) => [t.zh, t]));
  for (const r of await computeDerived(w, plan, "town")) {
    if (r.region_code === "") continue;
    let town = towns.get(r.region_code) ?? byName.get(r.region_code);
    if (!town) {
      town = { code: r.region_code, zh: r.region_code, en: r.region_code, series: {}, targets: {} };
      towns.set(r.region_code, town);
    }
    push(town.series, r.indicator_id, { year: r.year, value: r.value, origin: "derived", source: r.basis });
  }
  return [...towns.values()];
}

/** Everything the cascade of `plan` needs from the warehouse. */
export async function readCascadeData(w: Warehouse, plan: Plan, source: CascadeSource = querySource(w)): Promise<CascadeData> {
  const rows = await source.rows(plan.id);
  const parentSeries = await regionSeries(w, plan, rows, plan.region.code);
  const names = new Map((plan.subregions ?? []).map((r) => [r.code, r]));
  const codes = new Set<string>([...names.keys()].filter((c) => isDirectChild(c, plan.region.code)));
  for (const r of rows) if (isDirectChild(r.region_code, plan.region.code)) codes.add(r.region_code);
  const linkedPlans = await source.childPlans(plan.id);
  const children: CascadeChildInput[] = [];
  for (const child of linkedPlans) {
    codes.delete(child.region.code);
    children.push(await linkedChild(w, source, plan, child));
  }
  for (const code of [...codes].sort()) {
    const n = names.get(code);
    children.push({ code, zh: n?.zh ?? code, en: n?.en ?? code, series: await regionSeries(w, plan, rows, code), targets: {} });
  }
  if (isCounty(plan.region.code)) children.push(...(await townChildren(w, plan)));
  children.sort((a, b) => a.code.localeCompare(b.code));
  return {
    parentSeries,
    children,
    linked: linkedPlans.map((p) => ({ plan_id: p.id, region: p.region.code, problems: linkProblems(plan, p) })),
  };
}
