// Who has reported (报送情况) for the latest period with issued forms: the reporting-status engine's
// output as of today (or PLAN_MONITOR_AS_OF), the chase list, and the cells to correct in each unit's latest return.
import { collectionStatus } from "../../pipelines/services.ts";
import { emit } from "../../pipelines/site/source.ts";
import { collectionPeriods, readSubmissions } from "../../warehouse/collection.ts";
import { readPlan } from "../../warehouse/read.ts";

await emit(async (w) => {
  const plan = await readPlan(w);
  const periods = await collectionPeriods(w, plan.id);
  if (periods.length === 0) return { periods, status: null, chase: [], corrections: [] };
  const period = periods[0];
  const status = await collectionStatus(w, plan.id, period, { asOf: process.env.PLAN_MONITOR_AS_OF || undefined });
  const latest = new Map<string, Awaited<ReturnType<typeof readSubmissions>>[number]>();
  for (const s of await readSubmissions(w, plan.id, period)) if (s.submitted_at.slice(0, 10) <= status.as_of) latest.set(s.unit_id, s);
  const corrections = [...latest.values()].flatMap((s) =>
    s.receipt.rejected.map((c) => ({ unit: s.unit_id, file: s.file_name, submitted_at: s.submitted_at, ...c })),
  );
  const chase = status.units.filter((u) => u.state === "missing" || u.missing.length > 0);
  return { periods, status, chase, corrections };
});
