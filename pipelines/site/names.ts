/**
 * English names for the towns and regions the site's data loaders emit, from the region names
 * table (loaders/region-names.ts). A name the table lacks gets null: the page shows the Chinese name.
 *
 * @example
 *   const en = regionNamer(plan); en("复州城镇"); // "Fuzhoucheng Town"
 */
import type { Plan } from "../../domain/plan.ts";
import { regionNameEn } from "../../domain/region.ts";
import { readRegionNames } from "../../loaders/region-names.ts";

/** Code or Chinese name -> English name (or null), within the plan's region; the plan's own subregions first. */
export function regionNamer(plan: Plan): (codeOrName: string | null | undefined) => string | null {
  const names = readRegionNames();
  const own = new Map(
    (plan.subregions ?? [])
      .filter((r) => r.en && r.en !== r.zh)
      .flatMap(
        (r) =>
          [
            [r.code, r.en],
            [r.zh, r.en],
          ] as const,
      ),
  );
  return (s) => (s ? (own.get(s) ?? regionNameEn(names, s, plan.region.code)) : null);
}
