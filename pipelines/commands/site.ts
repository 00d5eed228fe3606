/**
 * `plan-monitor build` and `plan-monitor serve`: the dashboard for any warehouse and plan.
 */
import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import { openWarehouse } from "../../warehouse/connection.ts";
import { bilingual, EXIT, type Lang, loadAndStorePlan, resolvePlan, UserError } from "../context.ts";

export interface BuildCommandOptions {
  db: string;
  lang: Lang;
  plan?: string;
  asOf?: string;
  out?: string;
  verbose?: boolean;
}

/** The site reports problems as "中文\nEnglish" errors; give them the CLI's shape and exit code. */
function asUserError(error: unknown, exitCode: number): unknown {
  if (!(error instanceof Error) || error instanceof UserError) return error;
  const [zh, ...rest] = error.message.split("\n");
  return new UserError(zh, rest.join(" ") || zh, exitCode);
}

export async function buildCommand(opts: BuildCommandOptions): Promise<string> {
  if (!existsSync(opts.db)) {
    throw new UserError(
      `仓库 ${opts.db} 不存在。请先运行 npm start 或 plan-monitor ingest 导入数据。`,
      `the warehouse ${opts.db} does not exist. Run \`npm start\` or \`plan-monitor ingest\` first.`,
      EXIT.warehouse,
    );
  }
  // Make sure the plan the site should show is the one stored in the warehouse.
  const w = await openWarehouse(opts.db, { readOnly: !opts.plan });
  let planId: string;
  try {
    planId = opts.plan ? (await loadAndStorePlan(w, opts.plan, opts.lang)).id : (await resolvePlan(w, undefined, opts.lang)).id;
  } finally {
    await w.close();
  }
  const site = await import("../site/index.ts");
  try {
    return await site.buildSite({ db: opts.db, plan: planId, asOf: opts.asOf, outDir: opts.out, verbose: opts.verbose });
  } catch (error) {
    throw asUserError(error, EXIT.inputRefused);
  }
}

export interface ServeCommandOptions {
  dir?: string;
  port: number;
  db: string;
  lang: Lang;
  build?: boolean;
  host?: string;
  collect?: boolean;
  private?: boolean;
  deadline?: string;
  period?: number;
  maxUploadBytes?: number;
  trustProxy?: boolean;
}

export async function serveCommand(opts: ServeCommandOptions): Promise<number> {
  const site = await import("../site/index.ts");
  const dir = resolve(opts.dir ?? join(site.REPO_ROOT, "dist"));
  const built = existsSync(join(dir, "index.html"));
  if (!built || opts.build) await buildCommand({ db: opts.db, lang: opts.lang, out: dir });
  const host = opts.host ?? "127.0.0.1";
  let handler: Parameters<typeof site.serveSite>[0]["handler"];
  if (opts.collect || opts.private) {
    const { CollectServer } = await import("../collect/server.ts");
    const collect = new CollectServer({
      dbPath: resolve(opts.db),
      siteDir: dir,
      deadline: opts.deadline ?? null,
      period: opts.period ?? null,
      maxUploadBytes: opts.maxUploadBytes,
      private: opts.private,
      trustProxy: opts.trustProxy,
    });
    const { swept, pending } = await collect.start();
    if (swept || pending) {
      process.stdout.write(`${bilingual(opts.lang, `收件箱：清除 ${swept} 个未传完的文件，待导入 ${pending} 个。`, `inbox: removed ${swept} unfinished uploads, ${pending} pending submissions.`)}
`);
    }
    handler = (req, res) => collect.handle(req, res);
    // A server that takes uploads must not stop for one request's error: log it and go on.
    process.on("uncaughtException", (error) => process.stderr.write(`uncaught: ${error.stack ?? error}\n`));
    process.on("unhandledRejection", (error) => process.stderr.write(`unhandled: ${(error as Error)?.stack ?? error}\n`));
    const stop = () => {
      void collect.close().then(() => process.exit(0));
    };
    process.once("SIGINT", stop);
    process.once("SIGTERM", stop);
  }
  try {
    const running = await site.serveSite({ dir, port: opts.port, host, handler });
    if (opts.collect) process.stdout.write(`报送页面 Submission page: ${running.url}collect\n`);
  } catch (error) {
    throw asUserError(error, EXIT.usage);
  }
  return EXIT.ok;
}
