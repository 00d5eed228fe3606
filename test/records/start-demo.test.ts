/**
 * End to end: what `npm start` does (the demo indicator files, then the county-scale records it
 * generates and ingests), through the functions start.ts uses. The record files state their
 * coverage, so derived figures fill only what the demo's story allows and the assessment keeps the
 * mixed outcomes of data/demo/README.md ("What the demo shows").
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import type { PlanAssessment } from "../../assessment/types.ts";
import { assessFromWarehouse } from "../../pipelines/commands/assess.ts";
import { ingestDemoRecords } from "../../pipelines/commands/demo.ts";
import { DEFAULT_PLAN_FILE, DEMO_DIR, loadAndStorePlan } from "../../pipelines/context.ts";
import { expandPaths, ingestFiles } from "../../pipelines/ingest.ts";
import { DELIBERATE_DISCREPANCY } from "../../pipelines/demo/generate.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { reconcile } from "../../warehouse/records-analysis.ts";
import { tempWarehouse } from "../helpers.ts";

let w: Warehouse;
let dir: string;
let cleanup: () => Promise<void>;
let a: PlanAssessment;
let flagged: [string, number][];

beforeAll(async () => {
  ({ w, dir, cleanup } = await tempWarehouse());
  const plan = await loadAndStorePlan(w, DEFAULT_PLAN_FILE, "en");
  await ingestFiles(w, plan, expandPaths([DEMO_DIR]).files);
  await ingestDemoRecords(w, plan, "en", `${dir}/demo-records`);
  a = await assessFromWarehouse(w, plan);
  flagged = (await reconcile(w, plan)).filter((r) => r.flagged).map((r) => [r.indicator_id, r.year]);
}, 120_000);
afterAll(async () => cleanup());

it("start: the demo with its records keeps the mixed statuses of data/demo/README.md", () => {
  const statuses = Object.fromEntries(a.indicators.map((i) => [i.id, [i.status, i.latest?.year]]));
  expect(statuses).toEqual({
    rd_expenditure: ["on_track", 2019],
    high_tech_enterprises: ["achieved", 2020],
    rd_institutions: ["needs_acceleration", 2019],
    converted_achievements: ["missed", 2020],
    tech_contract_turnover: ["achieved", 2020],
    maker_spaces: ["achieved", 2020],
    incubators: ["missed", 2020],
    star_innovation_bases: ["achieved", 2019],
    tech_smes: ["regressing", 2019],
    industry_alliances: ["off_track", 2019],
    enterprise_tech_centers: ["achieved", 2020],
    patent_alliances: ["achieved", 2020],
    fry_release: ["on_track", 2019],
  });
  // The reconciliation flags exactly the one deliberate discrepancy.
  expect(flagged).toEqual([[DELIBERATE_DISCREPANCY.indicator, DELIBERATE_DISCREPANCY.year]]);
});
