/**
 * `plan-monitor build --all-plans [--out DIR]`: one dashboard per plan in the warehouse, each in
 * DIR/<plan id>/, and DIR/index.html listing them. Each dashboard's header then switches between the
 * plans (links to the sibling folders), so one intranet folder serves every plan.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { openWarehouse, queryRows, REPO_ROOT } from "../../warehouse/connection.ts";
import { type Lang, UserError, EXIT } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { type BuildCommandOptions, buildCommand } from "./site.ts";

export interface PlanEntry {
  id: string;
  title_zh: string;
  title_en: string;
  document: string;
  region: string;
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** The static page that lists the plans' dashboards (no script; every text escaped). */
export function plansIndexHtml(plans: PlanEntry[]): string {
  const items = plans
    .map(
      (p) =>
        `<li><a href="${encodeURIComponent(p.id)}/index.html">${escapeHtml(p.title_zh)}</a> <small>${escapeHtml(p.document)} · ${escapeHtml(p.region)}</small><br><span lang="en"><a href="${encodeURIComponent(p.id)}/index.html?lang=en">${escapeHtml(p.title_en)}</a></span></li>`,
    )
    .join("\n");
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>行动计划监测 · Plan monitor</title>
<style>body{font-family:system-ui,sans-serif;max-width:50rem;margin:2rem auto;padding:0 1rem;line-height:1.6}li{margin:0.75rem 0}small{color:#666}</style>
</head><body><h1>行动计划监测 <small lang="en">Plan monitor</small></h1>
<p>本仓库中的计划 · Plans in this warehouse</p>
<ul>
${items}
</ul></body></html>
`;
}

export async function buildAllCommand(opts: BuildCommandOptions & { lang: Lang }): Promise<string> {
  const w = await openWarehouse(opts.db, { readOnly: true });
  let plans: PlanEntry[];
  try {
    plans = await queryRows<PlanEntry>(w, "SELECT id, title_zh, title_en, document, region_code AS region FROM plans ORDER BY id");
  } finally {
    await w.close();
  }
  if (plans.length === 0) throw new UserError("仓库中没有计划。", "the warehouse holds no plan.", EXIT.warehouse);
  const out = resolve(opts.out ?? join(REPO_ROOT, "dist"));
  mkdirSync(out, { recursive: true });
  const before = process.env.PLAN_MONITOR_SITE_SET;
  process.env.PLAN_MONITOR_SITE_SET = "1";
  try {
    for (const p of plans) await buildCommand({ ...opts, plan: p.id, out: join(out, p.id) });
  } finally {
    if (before === undefined) delete process.env.PLAN_MONITOR_SITE_SET;
    else process.env.PLAN_MONITOR_SITE_SET = before;
  }
  writeFileAtomic(join(out, "index.html"), plansIndexHtml(plans));
  return out;
}
