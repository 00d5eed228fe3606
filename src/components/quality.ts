/** Data-quality views: the coverage grid (indicator x year) and the figures later vintages replaced. */
import type { ObservationRow } from "../../pipelines/site/types.ts";
import type { CoverageCell } from "./charts.js";

/** Every indicator x year from the first year with data (or the baseline) to the target year. */
export function coverageCells(
  observations: Pick<ObservationRow, "indicator" | "year" | "status" | "current">[],
  indicators: { id: string; name: string }[],
  { from, to }: { from: number; to: number },
): CoverageCell[] {
  const state = new Map<string, CoverageCell["state"]>();
  for (const o of observations) if (o.current) state.set(`${o.indicator}|${o.year}`, o.status);
  const cells: CoverageCell[] = [];
  for (const ind of indicators) {
    for (let year = from; year <= to; year++) {
      cells.push({ indicator: ind.id, name: ind.name, year, state: state.get(`${ind.id}|${year}`) ?? "missing" });
    }
  }
  return cells;
}

export interface SupersededRow {
  old: ObservationRow;
  current: ObservationRow | null;
}

/** Vintages that are no longer current, each with the figure that replaced it. */
export function supersededRows(observations: ObservationRow[]): SupersededRow[] {
  const current = new Map<string, ObservationRow>();
  for (const o of observations) if (o.current) current.set(`${o.indicator}|${o.region}|${o.year}`, o);
  return observations
    .filter((o) => !o.current)
    .map((old) => ({ old, current: current.get(`${old.indicator}|${old.region}|${old.year}`) ?? null }));
}
