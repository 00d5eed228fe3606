/**
 * The cascade of a plan as the CLI and the site show it: the warehouse's figures for the plan
 * region and its children (warehouse/cascade.ts), the plan's allocations applied
 * (assessment/allocation.ts), then the cascade (assessment/cascade.ts), with a sentence per indicator;
 * for one plan, or for a plan and every plan below it (`cascadeTree`; `cascadeTreeFigures` yields
 * them one plan at a time, without the sentences, for a CSV of a national tree).
 *
 * @example
 *   const report = await cascadeReport(w, plan, { year: 2020 });
 *   report.indicators[0].summary.zh;
 */
import { type AllocationSpec, applyAllocations } from "../assessment/allocation.ts";
import { cascade, cascadeSummary } from "../assessment/cascade.ts";
import { type Plan, rollupOf } from "../domain/plan.ts";
import { type RegionNames, regionNameEn } from "../domain/region.ts";
import { readRegionNames } from "../loaders/region-names.ts";
import type { Warehouse } from "../warehouse/connection.ts";
import { type CascadeSource, readCascadeData, readPlanTree } from "../warehouse/cascade.ts";
import type { CascadeReport } from "./site/types.ts";

export type { CascadeReport } from "./site/types.ts";

export interface CascadeOptions {
  year?: number;
  /** An allocation rule given on the command line, for every summable indicator without one in the plan. */
  allocate?: { by: "baseline-share" | "equal"; indicator?: string };
  /** English region names (default: the region names table, loaders/region-names.ts). */
  names?: RegionNames;
}

/**
 * A child without an English name of its own (its `en` repeats its Chinese name or code) takes the
 * names table's; one the table lacks keeps its Chinese name.
 */
function withEnglishNames<C extends { code: string; zh: string; en: string }>(children: C[], names: RegionNames, within: string): C[] {
  return children.map((c) => {
    if (c.en !== c.zh && c.en !== c.code) return c;
    const en = regionNameEn(names, c.code, within) ?? regionNameEn(names, c.zh, within);
    return en ? { ...c, en } : c;
  });
}

/** The allocations to apply: the plan file's, plus the command line's rule where the plan has none. */
function allocationSpecs(plan: Plan, opts: CascadeOptions): ({ indicator: string } & AllocationSpec)[] {
  const specs: ({ indicator: string } & AllocationSpec)[] = [...(plan.allocations ?? [])];
  if (opts.allocate) {
    for (const ind of plan.indicators) {
      if (opts.allocate.indicator && ind.id !== opts.allocate.indicator) continue;
      if (rollupOf(ind) !== "sum" || specs.some((s) => s.indicator === ind.id)) continue;
      specs.push({ indicator: ind.id, by: opts.allocate.by });
    }
  }
  return specs;
}

/** A plan's cascade without the sentence per indicator: all that the CSV shows. */
export type CascadeFigures = Omit<CascadeReport, "indicators"> & {
  indicators: Omit<CascadeReport["indicators"][number], "summary">[];
};

/** The cascade of `plan`: its figures, children, allocations and links, without the sentences. */
export async function cascadeFigures(w: Warehouse, plan: Plan, opts: CascadeOptions = {}, source?: CascadeSource): Promise<CascadeFigures> {
  const raw = await readCascadeData(w, plan, source);
  const data = { ...raw, children: withEnglishNames(raw.children, opts.names ?? readRegionNames(), plan.region.code) };
  const allocations = applyAllocations(plan.indicators, allocationSpecs(plan, opts), data.children, plan.baseline_year);
  const result = cascade({
    plan: { id: plan.id, start_year: plan.start_year, region: plan.region },
    indicators: plan.indicators.map((i) => ({ ...i, rollup: rollupOf(i) })),
    parentSeries: data.parentSeries,
    children: data.children,
    year: opts.year,
  });
  return {
    ...result,
    plan: { id: plan.id, title: plan.title, document: plan.document, parent: plan.parent?.plan ?? null },
    indicators: result.indicators.map((r) => ({ ...r, unit_en: plan.indicators.find((i) => i.id === r.id)?.unit_en ?? r.unit })),
    allocations,
    linked: data.linked,
  };
}

/** The figures with a sentence per indicator (assessment/cascade.ts cascadeSummary): the report the CLI and the site show. */
export function withSummaries(f: CascadeFigures): CascadeReport {
  return { ...f, indicators: f.indicators.map((r) => ({ ...r, summary: cascadeSummary(r, r.unit_en) })) };
}

export async function cascadeReport(w: Warehouse, plan: Plan, opts: CascadeOptions = {}, source?: CascadeSource): Promise<CascadeReport> {
  return withSummaries(await cascadeFigures(w, plan, opts, source));
}

/**
 * The figures of `plan`'s cascade and of every plan below it (linked by `parent.plan`), parents
 * before children, one plan at a time: a national tree of 3,000 counties in one pass, its plans and
 * figures read once, each plan's cascade free to be written out and dropped before the next.
 */
export async function* cascadeTreeFigures(w: Warehouse, plan: Plan, opts: CascadeOptions = {}): AsyncGenerator<CascadeFigures> {
  const tree = await readPlanTree(w, plan);
  // The names table is read once for the whole tree (parsing it per plan cost 0.7 s of a national tree's 3,442).
  const withNames = { ...opts, names: opts.names ?? readRegionNames() };
  for (const p of tree.plans) yield await cascadeFigures(w, p, withNames, tree.source);
}

/** The cascade of `plan` and of every plan below it, parents before children, each with its sentences. */
export async function cascadeTree(w: Warehouse, plan: Plan, opts: CascadeOptions = {}): Promise<CascadeReport[]> {
  const out: CascadeReport[] = [];
  for await (const f of cascadeTreeFigures(w, plan, opts)) out.push(withSummaries(f));
  return out;
}
