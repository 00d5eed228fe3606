/**
 * `npm start -- --plan ID|FILE`: the main job on a plan other than the demo, e.g. Liaoning's plan on
 * its official published figures (`npm start -- --plan liaoning-2018-2020`): store the plan, ingest
 * its data folder data/real/<plan id>/ when there is one, print the assessment and the cascade,
 * build the dashboard for that plan and serve it.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { openWarehouse, REPO_ROOT } from "../../warehouse/connection.ts";
import { cascadeReport } from "../cascade.ts";
import { bilingual, EXIT, type Lang, loadAndStorePlan } from "../context.ts";
import { expandPaths, ingestFiles } from "../ingest.ts";
import { assessFromWarehouse, renderAssessment } from "./assess.ts";
import { renderCascadeTable } from "./cascade.ts";
import { formatReports } from "./ingest.ts";
import { buildCommand, serveCommand } from "./site.ts";

export interface StartPlanOptions {
  db: string;
  lang: Lang;
  port: number;
  serve: boolean;
  build: boolean;
  plan: string;
}

/** The folder of official figures shipped for a plan id. */
export function realDataDir(planId: string): string {
  return resolve(REPO_ROOT, "data", "real", planId);
}

export async function startPlanCommand(opts: StartPlanOptions): Promise<number> {
  const say = (zh: string, en: string) => process.stdout.write(`\n${opts.lang === "zh" ? zh : en}\n`);
  const w = await openWarehouse(opts.db);
  let planId: string;
  try {
    const plan = await loadAndStorePlan(w, opts.plan, opts.lang);
    planId = plan.id;
    const dir = realDataDir(plan.id);
    if (existsSync(dir)) {
      say(`▶ 导入官方公布数据：${dir}`, `▶ Ingesting the official published figures: ${dir}`);
      const reports = await ingestFiles(w, plan, expandPaths([dir]).files);
      process.stdout.write(`${formatReports(reports, opts.lang)}\n`);
    } else say(`（没有 ${dir}，使用仓库中已有的数据）`, `(no ${dir}: using the figures already in the warehouse)`);
    say(`▶ 评估：${plan.title.zh}（${plan.document}）`, `▶ Assessment: ${plan.title.en} (${plan.document})`);
    process.stdout.write(renderAssessment(await assessFromWarehouse(w, plan), "table", opts.lang, process.stdout.isTTY === true));
    say("▶ 逐级分解", "▶ Cascade");
    process.stdout.write(`${renderCascadeTable(await cascadeReport(w, plan), opts.lang)}\n`);
    process.stdout.write(`\n${bilingual(opts.lang, `仓库：${w.path}`, `warehouse: ${w.path}`)}\n`);
  } finally {
    await w.close();
  }
  if (!opts.build) return EXIT.ok;
  say("▶ 生成看板", "▶ Building the dashboard");
  const dir = await buildCommand({ db: opts.db, lang: opts.lang, plan: planId });
  if (!opts.serve) return EXIT.ok;
  return serveCommand({ dir, port: opts.port, db: opts.db, lang: opts.lang });
}
