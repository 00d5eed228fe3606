/**
 * The national plan tree's warehouse (bench/plan-tree.ts): writes the plan files and figure files,
 * then stores every plan (one transaction: warehouse/plans.ts storePlans) and ingests each plan's
 * figures into a fresh warehouse of its own, as `ingest --plan FILE FIGURES` would, one file after
 * the other in one process; then issues the country plan's 2020 forms (one per unit: every province
 * and every county; `collect templates`), so that `collect status` has a round of ~3,000 units to
 * report on. Reports how long each part took, and writes the record of what it built last
 * (bench/plan-tree.ts treeRecipe). The record warehouse is left alone: every plan stored there would
 * be derived again from its records after each record ingest.
 */
import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { planFromFile } from "../../pipelines/context.ts";
import { ingestFile } from "../../pipelines/ingest.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { findPlan, storePlans } from "../../warehouse/plans.ts";
import { issueTemplates } from "../../pipelines/collect/templates.ts";
import { cpuSeconds } from "../machine.ts";
import { TREE_MARKER, type TreeScale, treeRecipe, writePlanTree } from "../plan-tree.ts";

export default async function tree(args: { dir: string; scale: TreeScale; seed: number }): Promise<Record<string, unknown>> {
  const started = performance.now();
  const cpu = process.cpuUsage();
  rmSync(args.dir, { recursive: true, force: true });
  const t = writePlanTree(join(args.dir, "files"), args.scale, args.seed);
  const written = performance.now();
  const w = await openWarehouse(join(args.dir, "warehouse.duckdb"));
  let loadS = 0;
  let forms = 0;
  let formsS = 0;
  let planS = 0;
  let figureS = 0;
  let rows = 0;
  try {
    const a = performance.now();
    const plans = [];
    for (const f of t.files) plans.push({ ...(await planFromFile(f.plan, "zh")), path: f.plan });
    loadS = (performance.now() - a) / 1000;
    const b = performance.now();
    await storePlans(w, plans);
    planS = (performance.now() - b) / 1000;
    const c = performance.now();
    for (const [i, f] of t.files.entries()) {
      const r = await ingestFile(w, plans[i].plan, f.figures);
      if (r.error || r.rejected.length > 0)
        throw new Error(`${f.figures}: ${r.error?.en ?? `${r.rejected.length} rows rejected: ${r.rejected[0]?.en}`}`);
      rows += r.summary?.accepted ?? 0;
    }
    figureS = (performance.now() - c) / 1000;
    const d = performance.now();
    const root = await findPlan(w, t.root);
    if (!root) throw new Error(`${t.root} not stored`);
    forms = (
      await issueTemplates(w, root, {
        period: 2020,
        deadline: "2021-01-31",
        issued: "2021-01-05",
        outDir: join(args.dir, "forms"),
        lang: "zh",
      })
    ).length;
    formsS = (performance.now() - d) / 1000;
  } finally {
    await w.close();
  }
  const levels: Record<string, number> = {};
  for (const p of t.plans) levels[p.level] = (levels[p.level] ?? 0) + 1;
  const built = {
    root: t.root,
    plans: t.plans.length,
    levels,
    counties: t.counties,
    root_units: (t.plans[0].file.units as unknown[]).length,
    figures: rows,
    root_forms: forms,
    root_forms_s: formsS,
    write_s: (written - started) / 1000,
    load_plans_s: loadS,
    store_plans_s: planS,
    figures_s: figureS,
    seconds: (performance.now() - started) / 1000,
    cpu_s: cpuSeconds(cpu),
  };
  // Written last: a tree whose build stopped halfway has no record and is built again.
  writeFileSync(join(args.dir, TREE_MARKER), JSON.stringify({ ...treeRecipe(args.scale, args.seed), built }, null, 2));
  return built;
}
