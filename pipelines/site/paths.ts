/**
 * The indicator pages to build (Framework's dynamicPaths): one per indicator of the plan in the
 * warehouse. Kept apart from observablehq.config.ts so the config stays declarative.
 */
import { readPlan } from "../../warehouse/read.ts";
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
