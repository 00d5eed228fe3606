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

/** Set by buildSite, which links the county enterprise lists into the site itself (enterprise-parts.ts). */
export const PARTS_LINKED = "PLAN_MONITOR_ENTERPRISE_PARTS_LINKED";

/**
 * Each county's enterprise list of the plan in the warehouse ("/data/enterprises/210281.json") for
 * Framework to build and copy; none for a county plan, and none under buildSite (PARTS_LINKED), which
 * links them into the site after the build: Framework's per-file work on 3,007 files cost seconds.
 * The counties buildSite's prefill wrote (enterprise-parts.ts), else the warehouse's.
 */
export async function enterprisePartPaths(cacheRoot = join(REPO_ROOT, "src", ".observablehq", "cache")): Promise<string[]> {
  if (process.env[PARTS_LINKED] === "1") return [];
  const cached = cachedPartCounties(cacheRoot);
  if (cached) return cached.map((c) => `/${partPath(c)}`);
  const w = await openSiteWarehouse();
  try {
    return (await enterpriseCounties(w, await readPlan(w))).map((c) => `/${partPath(c.code)}`);
  } finally {
    await w.close();
  }
}
