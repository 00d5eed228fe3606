/**
 * `plan-monitor demo generate --scale county|province|national --seed N --out DIR`: synthetic
 * record files (see pipelines/demo/generate.ts). Generated data is never committed.
 */
import { resolve } from "node:path";
import { type Command, Option } from "commander";
import type { Plan } from "../../domain/plan.ts";
import { queryRows, REPO_ROOT, type Warehouse } from "../../warehouse/connection.ts";
import { bilingual, EXIT, type Lang, UserError } from "../context.ts";
import { generateRecords, type Scale } from "../demo/generate.ts";
import { ingestRecordFiles, sha256File } from "../records.ts";
import { formatRecordReports } from "./records.ts";

/** Where `npm start` writes the county-scale records (git-ignored). */
export const DEMO_RECORDS_DIR = resolve(REPO_ROOT, "data/demo-records");
export const DEMO_RECORDS_SEED = 2018;

export function registerDemoCommands(program: Command): void {
  const demo = program.command("demo").description("synthetic demo data / 合成示例数据");
  demo
    .command("generate")
    .description("write deterministic synthetic record files (not official statistics) / 生成合成明细记录")
    .addOption(new Option("--scale <scale>", "county | province | national").choices(["county", "province", "national"]).default("county"))
    .addOption(
      new Option("--seed <n>", "random seed (same seed, same bytes)").default(DEMO_RECORDS_SEED).argParser((v) => {
        const n = Number(v);
        if (!Number.isInteger(n) || n < 0)
          throw new UserError(`--seed 应为非负整数（收到 ${v}）`, `--seed must be a non-negative integer (got ${v})`, EXIT.usage);
        return n;
      }),
    )
    .option("--out <dir>", "output folder", DEMO_RECORDS_DIR)
    .option("--with-errors", "province/national: put a bad date in one contract row in 100,003", false)
    .action(async (opts: { scale: Scale; seed: number; out: string; withErrors: boolean }) => {
      const { lang } = program.opts<{ lang: Lang }>();
      const started = Date.now();
      const files = await generateRecords(opts);
      for (const f of files) process.stdout.write(`${f.path}  ${f.kind}  ${f.rows}\n`);
      process.stdout.write(
        `${bilingual(
          lang,
          `✓ 已生成${opts.scale === "county" ? "县级" : opts.scale === "province" ? "省级" : "全国"}规模合成明细记录（非官方统计），${((Date.now() - started) / 1000).toFixed(1)} 秒。导入：plan-monitor records ingest ${opts.out}`,
          `✓ wrote ${opts.scale}-scale synthetic records (not official statistics) in ${((Date.now() - started) / 1000).toFixed(1)} s. Ingest with: plan-monitor records ingest ${opts.out}`,
        )}\n`,
      );
    });
}

/**
 * What `npm start` does with records: write the county-scale synthetic records into
 * data/demo-records/ (git-ignored; same seed, same bytes, so a second start changes nothing) and
 * ingest them. Returns the per-file summary to print.
 */
export async function ingestDemoRecords(w: Warehouse, plan: Plan, lang: Lang, dir = DEMO_RECORDS_DIR): Promise<string> {
  const files = await generateRecords({ scale: "county", seed: DEMO_RECORDS_SEED, out: dir });
  const reports = await ingestRecordFiles(
    w,
    plan,
    files.map((f) => f.path),
  );
  // Records of an earlier generator (other bytes) stay in a warehouse and would add to the totals.
  const current = new Set(await Promise.all(files.map((f) => sha256File(f.path))));
  const stale = (
    await queryRows<{ name: string; sha256: string }>(
      w,
      "SELECT name, sha256 FROM record_files WHERE name LIKE 'demo-synthetic-records-%' AND plan_id = $1",
      [plan.id],
    )
  ).filter((r) => !current.has(r.sha256));
  const warning =
    stale.length > 0
      ? `\n${bilingual(
          lang,
          `! 仓库中还有旧版合成明细记录（${stale.map((r) => r.name).join("、")}），会与新记录重复计数。请删除仓库（如 rm ${w.path}*）后重新运行 npm start，或用 --db 指定新仓库。`,
          `! the warehouse still holds synthetic records of an earlier version (${stale.map((r) => r.name).join(", ")}), which add to the new ones. Delete the warehouse (e.g. rm ${w.path}*) and run npm start again, or pass --db for a new one.`,
        )}`
      : "";
  return formatRecordReports(reports, lang) + warning;
}
