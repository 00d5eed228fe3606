/** Test helpers for collection: a warehouse with the plan and the demo data, templates issued for 2020. */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { IssuedTemplate } from "../../domain/collection.ts";
import type { Plan } from "../../domain/plan.ts";
import { issueTemplates } from "../../pipelines/collect/templates.ts";
import { loadAndStorePlan } from "../../pipelines/context.ts";
import { type Fill, fillTemplate } from "../../pipelines/demo/fill-template.ts";
import { expandPaths, ingestFiles } from "../../pipelines/ingest.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { DEMO_DIR, PLAN_FILE, tempWarehouse } from "../helpers.ts";

export interface Round {
  w: Warehouse;
  dir: string;
  dbPath: string;
  plan: Plan;
  issued: { template: IssuedTemplate; path: string }[];
  cleanup: () => Promise<void>;
  /** Fill the template of `unit` and write it as `name` in the temp dir; returns the path. */
  returned: (unit: string, fill: Fill, name?: string) => Promise<string>;
}

export async function round(opts: { deadline?: string; demo?: boolean; units?: string[] } = {}): Promise<Round> {
  const t = await tempWarehouse();
  const plan = await loadAndStorePlan(t.w, PLAN_FILE, "zh");
  if (opts.demo !== false) await ingestFiles(t.w, plan, expandPaths([DEMO_DIR]).files, { archive: false });
  const issued = await issueTemplates(t.w, plan, {
    period: 2020,
    deadline: opts.deadline ?? "2021-01-31",
    outDir: join(t.dir, "templates"),
    lang: "zh",
    units: opts.units,
    issued: "2021-01-05",
  });
  return {
    ...t,
    plan,
    issued,
    returned: async (unit, fill, name) => {
      const f = issued.find((x) => x.template.unit.id === unit);
      if (!f) throw new Error(`no template for ${unit}`);
      const path = join(t.dir, name ?? `${unit}-returned.xlsx`);
      writeFileSync(path, await fillTemplate(readFileSync(f.path), fill));
      return path;
    },
  };
}
