/**
 * The indicator pages to build (Framework's dynamicPaths): one per indicator of the plan in the
 * warehouse; and, for a plan over many counties, each county's enterprise list (enterprise-parts.ts). Kept apart from observablehq.config.ts so the config stays declarative.
 */
import { readPlan } from "../../warehouse/read.ts";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/paths.ts";
import { cachedPartCounties, enterpriseCounties, partPath } from "./enterprise-parts.ts";
import { openSiteWarehouse } from "./source.ts";

/** Indicator ids of the plan the site is built for; the error says how to fill the warehouse. */
export async function indicatorIds(): Promise<string[]> {
  const w = await openSiteWarehouse();
  try {
    return (await readPlan(w)).indicators.map((i) => i.id);
  } finally {
    await w.close();
  }
}

/**
 * Each county's enterprise list of the plan in the warehouse ("/data/enterprises/210281.json"); none
 * for a county plan. The counties buildSite wrote just before (enterprise-parts.ts), else the warehouse's.
 */
export async function enterprisePartPaths(cacheRoot = join(REPO_ROOT, "src", ".observablehq", "cache")): Promise<string[]> {
  const cached = cachedPartCounties(cacheRoot);
  if (cached) return cached.map((c) => `/${partPath(c)}`);
  const w = await openSiteWarehouse();
  try {
    return (await enterpriseCounties(w, await readPlan(w))).map((c) => `/${partPath(c.code)}`);
  } finally {
    await w.close();
  }
}
