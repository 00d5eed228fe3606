// Facts about the data behind the site: synthetic or not (for the banner), and how fresh.
import { emit, officialSources, syntheticReasons } from "../../pipelines/site/source.ts";
import type { SiteMeta } from "../../pipelines/site/types.ts";
import { queryRows } from "../../warehouse/connection.ts";
import { readFiles, readObservations, readPlan, readRejected } from "../../warehouse/read.ts";

await emit(async (w): Promise<SiteMeta> => {
  const plan = await readPlan(w);
  const [vintages, files, rejected] = await Promise.all([
    readObservations(w, { planId: plan.id, history: true }),
    readFiles(w, plan.id),
    readRejected(w, { planId: plan.id }),
  ]);
  const current = vintages.filter((o) => o.current);
  const published = current.filter((o) => o.published).sort((a, b) => (a.published! < b.published! ? 1 : -1))[0];
  const ingested = [...files].sort((a, b) => (a.ingested_at < b.ingested_at ? 1 : -1))[0];
  const reasons = syntheticReasons(plan.synthetic, vintages, files);
  return {
    plan_id: plan.id,
    synthetic: reasons.length > 0,
    synthetic_reasons: reasons,
    official: officialSources(reasons, current),
    plan_set: process.env.PLAN_MONITOR_SITE_SET === "1",
    plans: (await queryRows<{ plan_json: string }>(w, "SELECT plan_json FROM plans ORDER BY id")).map((r) => {
      const p = JSON.parse(r.plan_json) as typeof plan;
      return { id: p.id, title_zh: p.title.zh, title_en: p.title.en, region: p.region.code, parent: p.parent?.plan ?? null };
    }),
    latest_published: published ? { date: published.published!, indicator: published.indicator, year: published.year } : null,
    latest_ingest: ingested ? { at: ingested.ingested_at, name: ingested.name } : null,
    counts: { files: files.length, observations: current.length, vintages: vintages.length, rejected: rejected.length },
    built_at: new Date().toISOString(),
  };
});
