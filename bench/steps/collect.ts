/**
 * The collection round trip (plan-monitor collect), one phase per process: `templates` writes the
 * forms of every unit of the plan (collect templates); `returned` fills the first form as a unit
 * would (pipelines/demo/fill-template.ts) and ingests it with its receipt (ingest --receipts);
 * `status` reports who has returned what (collect status). Each phase is timed in-process.
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../pipelines/cli.ts";
import { DEFAULT_PLAN_FILE } from "../../pipelines/context.ts";
import { fillTemplate } from "../../pipelines/demo/fill-template.ts";
import { loadPlanFile } from "../../loaders/plan-file.ts";

async function timed(argv: string[], okCodes: number[]): Promise<number> {
  const started = performance.now();
  const code = await main(["node", "plan-monitor", ...argv]);
  const seconds = (performance.now() - started) / 1000;
  if (!okCodes.includes(code)) throw new Error(`plan-monitor ${argv.join(" ")} exited with ${code}`);
  process.exitCode = 0;
  return seconds;
}

export default async function collect(args: {
  db: string;
  dir: string;
  period: number;
  phase: "templates" | "returned" | "status";
}): Promise<Record<string, unknown>> {
  const forms = join(args.dir, "forms");
  const period = String(args.period);
  if (args.phase === "templates") {
    rmSync(forms, { recursive: true, force: true });
    const seconds = await timed(["--db", args.db, "collect", "templates", "--period", period, "--out", forms], [0]);
    return { seconds, forms: readdirSync(forms).length };
  }
  if (args.phase === "returned") {
    const first = readdirSync(forms)
      .filter((f) => f.endsWith(".xlsx"))
      .sort()[0];
    if (!first) throw new Error(`no form in ${forms}: run the templates phase first`);
    const back = join(args.dir, "back");
    const receipts = join(args.dir, "receipts");
    for (const d of [back, receipts]) rmSync(d, { recursive: true, force: true });
    mkdirSync(back, { recursive: true });
    const { plan } = await loadPlanFile(DEFAULT_PLAN_FILE);
    const values = Object.fromEntries(plan.indicators.map((ind, i) => [ind.id, 10 + i]));
    writeFileSync(join(back, first), await fillTemplate(readFileSync(join(forms, first)), { values, status: "正式" }));
    // 1: some of the figures may be refused (e.g. an indicator the unit does not report); the receipt says which.
    const seconds = await timed(["--db", args.db, "ingest", back, "--receipts", receipts], [0, 1]);
    return { seconds, form: first, receipts: readdirSync(receipts).length };
  }
  const seconds = await timed(
    ["--db", args.db, "collect", "status", "--period", period, "--format", "json", "--out", join(args.dir, "status.json")],
    [0, 1],
  );
  return { seconds };
}
