/**
 * The collection round trip (plan-monitor collect), one phase per process: `templates` writes the
 * forms of every unit of the plan (collect templates); `returned` fills the first form as a unit
 * would (pipelines/demo/fill-template.ts) and ingests it with its receipt (ingest --receipts);
 * `status` reports who has returned what (collect status). Each phase is timed in-process. With
 * `plan` (an id in the warehouse: the national tree's country plan), the forms are that plan's, and
 * `returned` then also ingests `more` other units' forms (not timed as the goal: "some returned",
 * for the status of a round where most units have not reported).
 */
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { main } from "../../pipelines/cli.ts";
import { DEFAULT_PLAN_FILE } from "../../pipelines/context.ts";
import { fillTemplate } from "../../pipelines/demo/fill-template.ts";
import { loadPlanFile } from "../../loaders/plan-file.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { findPlan } from "../../warehouse/plans.ts";

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
  plan?: string;
  more?: number;
  /** Where the forms are (default: DIR/forms). */
  forms?: string;
  /** The returned form: the first whose name holds this text (default: the first form by name). */
  pick?: string;
}): Promise<Record<string, unknown>> {
  const forms = args.forms ?? join(args.dir, "forms");
  const period = String(args.period);
  const planArg = args.plan ? ["--plan", args.plan] : [];
  if (args.phase === "templates") {
    rmSync(forms, { recursive: true, force: true });
    const seconds = await timed(["--db", args.db, "collect", "templates", ...planArg, "--period", period, "--out", forms], [0]);
    const n = readdirSync(forms).length;
    return { seconds, forms: n, rows: n, rate: n / seconds };
  }
  if (args.phase === "returned") {
    const all = readdirSync(forms)
      .filter((f) => f.endsWith(".xlsx"))
      .sort();
    if (all.length === 0) throw new Error(`no form in ${forms}: run the templates phase first`);
    const plan = args.plan ? await storedPlan(args.db, args.plan) : (await loadPlanFile(DEFAULT_PLAN_FILE)).plan;
    const values = Object.fromEntries(plan.indicators.map((ind, i) => [ind.id, 10 + i]));
    const ingest = async (names: string[], tag: string) => {
      const back = join(args.dir, `back${tag}`);
      const receipts = join(args.dir, `receipts${tag}`);
      for (const d of [back, receipts]) rmSync(d, { recursive: true, force: true });
      mkdirSync(back, { recursive: true });
      for (const name of names)
        writeFileSync(join(back, name), await fillTemplate(readFileSync(join(forms, name)), { values, status: "正式" }));
      // 1: some of the figures may be refused (e.g. an indicator the unit does not report); the receipt says which.
      const seconds = await timed(["--db", args.db, "ingest", ...planArg, back, "--receipts", receipts], [0, 1]);
      return { seconds, receipts: readdirSync(receipts).length };
    };
    // Spread over the forms (every k-th), so that units of every kind have returned.
    const step = Math.max(1, Math.floor(all.length / ((args.more ?? 0) + 1)));
    const first = all.find((f) => args.pick && f.includes(args.pick)) ?? all[0];
    const one = await ingest([first], "");
    const others = (args.more ?? 0) > 0 ? all.filter((f, i) => f !== first && i % step === 0).slice(0, args.more) : [];
    const more = others.length > 0 ? await ingest(others, "-more") : null;
    return { seconds: one.seconds, form: first, receipts: one.receipts, more: more && { forms: others.length, ...more } };
  }
  const seconds = await timed(
    ["--db", args.db, "collect", "status", ...planArg, "--period", period, "--format", "json", "--out", join(args.dir, "status.json")],
    [0, 1],
  );
  const status = JSON.parse(readFileSync(join(args.dir, "status.json"), "utf-8")) as { expected: number; reported: number };
  return { seconds, rows: status.expected, expected: status.expected, reported: status.reported };
}

async function storedPlan(db: string, id: string) {
  const w = await openWarehouse(db, { readOnly: true });
  try {
    const plan = await findPlan(w, id);
    if (!plan) throw new Error(`no plan ${id} in ${db}`);
    return plan;
  } finally {
    await w.close();
  }
}
