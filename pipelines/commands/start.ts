/**
 * `npm start` = `plan-monitor start`: ingest the demo data into the warehouse, print the
 * assessment, build the dashboard and serve it.
 */
import { openWarehouse } from "../../warehouse/connection.ts";
import { bilingual, DEFAULT_PLAN_FILE, DEMO_DIR, EXIT, type Lang, loadAndStorePlan } from "../context.ts";
import { expandPaths, ingestFiles } from "../ingest.ts";
import { assessFromWarehouse, renderAssessment } from "./assess.ts";
import { formatReports } from "./ingest.ts";
import { ingestDemoRecords } from "./demo.ts";
import { demoCollection } from "../demo/collection.ts";
import { buildCommand, serveCommand } from "./site.ts";
import { tasksFromWarehouse } from "../tasks.ts";
import { MILESTONE_STATE_LABELS, MILESTONE_STATES } from "../../assessment/milestones.ts";

export interface StartOptions {
  db: string;
  lang: Lang;
  port: number;
  serve: boolean;
  build: boolean;
  /** A plan other than the demo's (file or id): see start-plan.ts. */
  plan?: string;
}

export async function startCommand(opts: StartOptions): Promise<number> {
  if (opts.plan) return (await import("./start-plan.ts")).startPlanCommand({ ...opts, plan: opts.plan });
  const say = (zh: string, en: string) => process.stdout.write(`\n${opts.lang === "zh" ? zh : en}\n`);
  say("▶ 导入示例数据（合成示例数据，非官方统计）", "▶ Ingesting the demo data (synthetic demo data, not official statistics)");
  const w = await openWarehouse(opts.db);
  let planId: string;
  try {
    const plan = await loadAndStorePlan(w, DEFAULT_PLAN_FILE, opts.lang);
    planId = plan.id;
    const { files } = expandPaths([DEMO_DIR]);
    const reports = await ingestFiles(w, plan, files);
    process.stdout.write(`${formatReports(reports, opts.lang)}\n`);
    say("▶ 生成并导入县级明细记录（合成示例数据）", "▶ Generating and ingesting the county-scale records (synthetic)");
    process.stdout.write(`${await ingestDemoRecords(w, plan, opts.lang)}\n`);
    say(
      "▶ 2020年度数据填报示例：下发填报表、收回、回执（合成示例数据）",
      "▶ The 2020 collection round: forms issued, returned, receipts (synthetic)",
    );
    process.stdout.write(`${await demoCollection(w, plan, opts.lang)}\n`);
    say(`▶ 评估：${plan.title.zh}（${plan.document}）`, `▶ Assessment: ${plan.title.en} (${plan.document})`);
    const a = await assessFromWarehouse(w, plan);
    process.stdout.write(renderAssessment(a, "table", opts.lang, process.stdout.isTTY === true));
    const tasks = await tasksFromWarehouse(w, plan);
    const counts = (lang: Lang) =>
      MILESTONE_STATES.map((s) => `${MILESTONE_STATE_LABELS[s][lang]} ${tasks.counts[s]}`).join(lang === "zh" ? "，" : ", ");
    process.stdout.write(
      `\n${bilingual(
        opts.lang,
        `里程碑（截至 ${tasks.as_of}）：${counts("zh")}。催办清单：plan-monitor tasks overdue`,
        `Milestones as of ${tasks.as_of}: ${counts("en")}. Chase list: plan-monitor tasks overdue`,
      )}\n`,
    );
    process.stdout.write(`\n${bilingual(opts.lang, `仓库：${w.path}`, `warehouse: ${w.path}`)}\n`);
  } finally {
    await w.close();
  }
  if (!opts.build) return EXIT.ok;
  say("▶ 生成看板", "▶ Building the dashboard");
  // The demo's plan, even when the warehouse also holds plans loaded later (npm start -- --plan ID).
  const dir = await buildCommand({ db: opts.db, lang: opts.lang, plan: planId });
  if (!opts.serve) return EXIT.ok;
  return serveCommand({ dir, port: opts.port, db: opts.db, lang: opts.lang });
}
