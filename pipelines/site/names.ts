/**
 * English names for the towns, regions, sectors and technology fields the site's data loaders and
 * the CLI emit, from the region names table (loaders/region-names.ts) and the sector and field
 * names tables (loaders/term-names.ts). A name a table lacks
 * gets null: the page shows the Chinese name.
 *
 * @example
 *   const en = regionNamer(plan); en("复州城镇"); // "Fuzhoucheng Town"
 *   const sector = sectorNamer(); sector("现代渔业"); // "Modern fisheries"
 *   const field = fieldNamer(); field("先进制造"); // "Advanced manufacturing"
 */
import { existsSync, statSync } from "node:fs";
import type { Plan } from "../../domain/plan.ts";
import { regionNameEn } from "../../domain/region.ts";
import { termNameEn } from "../../domain/term-names.ts";
import { namesTablePath } from "../../loaders/names-table.ts";
import { readRegionNames, regionNamesPath } from "../../loaders/region-names.ts";
import { FIELD_NAMES, readTermNames, SECTOR_NAMES } from "../../loaders/term-names.ts";

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

/** A sector as the records write it -> its English name (or null). */
export function sectorNamer(): (zh: string | null | undefined) => string | null {
  const names = readTermNames(SECTOR_NAMES);
  return (s) => termNameEn(names, s);
}

/** A technology field as the contract records write it -> its English name (or null). */
export function fieldNamer(): (zh: string | null | undefined) => string | null {
  const names = readTermNames(FIELD_NAMES);
  return (s) => termNameEn(names, s);
}

/**
 * What the names tables the loaders read are now (path, size, modification time): a build whose
 * loader outputs were made from other tables must not reuse them.
 */
export function namesStamp(): Record<string, { path: string; size: number; mtime: number } | { path: string; absent: true }> {
  const stamp = (path: string) => {
    if (!existsSync(path)) return { path, absent: true as const };
    const st = statSync(path);
    return { path, size: st.size, mtime: st.mtimeMs };
  };
  return { regions: stamp(regionNamesPath()), sectors: stamp(namesTablePath(SECTOR_NAMES)), fields: stamp(namesTablePath(FIELD_NAMES)) };
}
