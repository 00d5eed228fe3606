/**
 * The `plan-monitor` command line. Each command opens the warehouse (--db), finds the plan
 * (--plan or the stored one), does one job and exits with a documented code (see EXIT).
 */
import { Command, CommanderError, Option } from "commander";
import { readPlanFile } from "../loaders/plan-file.ts";
import { defaultDbPath } from "../warehouse/connection.ts";
import { bilingual, EXIT, formatPlanProblems, type Lang, toUserError, UserError } from "./context.ts";
import { assessCommand } from "./commands/assess.ts";
import { ingestCommand } from "./commands/ingest.ts";
import { backupCommand, rebuildCommand, restoreCommand } from "./commands/maintenance.ts";
import { buildCommand, serveCommand } from "./commands/site.ts";
import { showCommand } from "./commands/show.ts";
import { startCommand } from "./commands/start.ts";
import { registerDemoCommands } from "./commands/demo.ts";
import { registerRecordCommands } from "./commands/records.ts";
import { registerCascadeCommands } from "./commands/cascade.ts";
import { registerCollectCommands } from "./commands/collect.ts";
import { dateArg, registerCollectKeyCommands } from "./commands/collect-keys.ts";

const lang = (value: string): Lang => {
  if (value !== "zh" && value !== "en")
    throw new UserError(`--lang 只能是 zh 或 en（收到 ${value}）`, `--lang must be zh or en (got ${value})`, EXIT.usage);
  return value;
};
const positiveInt = (name: string) => (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n <= 0)
    throw new UserError(`${name} 应为正整数（收到 ${value}）`, `${name} must be a positive integer (got ${value})`, EXIT.usage);
  return n;
};
const year = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1900 || n > 2200)
    throw new UserError(`--year 应为四位年份（收到 ${value}）`, `--year must be a four-digit year (got ${value})`, EXIT.usage);
  return n;
};
const date = (value: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(value)))
    throw new UserError(`--as-of 应为日期 YYYY-MM-DD（收到 ${value}）`, `--as-of must be a date YYYY-MM-DD (got ${value})`, EXIT.usage);
  return value;
};

export function buildProgram(): Command {
  const program = new Command("plan-monitor")
    .description(
      "Track an action plan against its targets: ingest office files, assess progress, build the dashboard, export reports.\n跟踪行动计划目标完成情况：导入数据、评估进度、生成看板、导出报告。",
    )
    .option("--db <path>", "warehouse file (DuckDB) / 数据仓库文件", defaultDbPath())
    .addOption(new Option("--lang <lang>", "language of messages and tables: zh | en / 输出语言").default("zh").argParser(lang))
    .option("--verbose", "show stack traces for unexpected errors / 显示调试信息", false)
    .showHelpAfterError()
    .exitOverride();

  const plan = program.command("plan").description("work with plan files / 计划文件");
  plan
    .command("check <file>")
    .description("validate a plan file and report each error with its line / 校验计划文件")
    .action(async (file: string) => {
      const { lang } = program.opts<{ lang: Lang }>();
      const result = await readPlanFile(file);
      if (!result.ok) {
        process.stderr.write(`${formatPlanProblems(file, result.problems, lang)}\n`);
        process.exitCode = EXIT.inputRefused;
        return;
      }
      const p = result.plan;
      const milestones = p.tasks.reduce((n, t) => n + t.milestones.length, 0);
      process.stdout.write(
        `${bilingual(
          lang,
          `✓ ${file}：计划有效 — ${p.title.zh}（${p.document}），${p.indicators.length}项指标，${p.tasks.length}项任务（${milestones}个里程碑），${p.units.length}个责任单位。`,
          `✓ ${file}: valid plan — ${p.title.en} (${p.document}), ${p.indicators.length} indicators, ${p.tasks.length} tasks (${milestones} milestones), ${p.units.length} responsible units.`,
        )}\n`,
      );
    });

  program
    .command("ingest <paths...>")
    .description(
      "read data files or progress reports (CSV, XLSX, XLS, ET, ODS, JSON, returned forms; a folder means every file in it) into the warehouse / 导入数据文件、工作进展报送表或收回的填报表",
    )
    .option("--plan <file>", "plan file the files belong to / 计划文件", undefined)
    .addOption(new Option("--max-bytes <n>", "refuse files larger than this (bytes)").argParser(positiveInt("--max-bytes")))
    .addOption(new Option("--max-rows <n>", "refuse files with more rows than this").argParser(positiveInt("--max-rows")))
    .addOption(new Option("--max-line-bytes <n>", "refuse CSV files with a longer line (bytes)").argParser(positiveInt("--max-line-bytes")))
    .option("--quiet", "print only problems", false)
    .option("--receipts <dir>", "write each returned form's receipt (回执, .md and .xlsx) here instead of beside it / 回执输出文件夹")
    .option("--evidence <dir>", "folder with the evidence files progress reports name / 佐证材料所在文件夹")
    .action(async (paths: string[], opts) => {
      process.exitCode = await ingestCommand(paths, { ...program.opts(), ...opts });
    });

  program
    .command("show <what>")
    .description("print what the warehouse holds: observations | rejected | files / 查看仓库内容")
    .option("--indicator <id>", "only this indicator")
    .option("--history", "every vintage, not only the current one", false)
    .option("--plan <file>", "plan file (default: the plan in the warehouse)")
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (what: string, opts) => {
      process.exitCode = await showCommand(what, { ...program.opts(), ...opts });
    });

  program
    .command("assess")
    .description("assess every indicator, task and responsible unit against the targets / 评估目标完成情况")
    .option("--plan <file>", "plan file (default: the plan in the warehouse)")
    .addOption(new Option("--year <year>", "assess as at this year (default: the latest with data)").argParser(year))
    .addOption(new Option("--as-of <date>", "use only figures published on or before this date").argParser(date))
    .addOption(new Option("--tolerance <share>", "tolerance for 基本符合 (e.g. 0.05)").argParser(Number))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (opts) => {
      process.exitCode = await assessCommand({ ...program.opts(), ...opts });
    });

  program
    .command("tasks [what]")
    .description("tasks and milestones as of a date; `tasks overdue` prints the chase list / 任务与里程碑；tasks overdue 打印催办清单")
    .option("--plan <file>", "plan file (default: the plan in the warehouse)")
    .addOption(
      new Option("--as-of <date>", "judge milestones as of this date (default: today, at most the end of the target year)").argParser(date),
    )
    .addOption(new Option("--year <year>", "as of the end of this year").argParser(year))
    .option("--unit <unit>", "only what this responsible unit owes (id or name) / 只看本单位")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (what: string | undefined, opts) => {
      const { tasksCommand } = await import("./commands/tasks.ts");
      process.exitCode = await tasksCommand(what, { ...program.opts(), ...opts });
    });

  program
    .command("report")
    .description("the evaluation report (终期/中期评估报告) as docx, xlsx, pdf, md, csv or json / 导出评估报告")
    .option("--plan <file>", "plan file (default: the plan in the warehouse)")
    .addOption(new Option("--year <year>", "assess as at this year (default: the latest with data)").argParser(year))
    .addOption(new Option("--as-of <date>", "use only figures published on or before this date").argParser(date))
    .addOption(new Option("--tolerance <share>", "tolerance for 基本符合 (e.g. 0.05)").argParser(Number))
    .addOption(
      new Option("--format <format>", "output format / 格式")
        .choices(["docx", "xlsx", "pdf", "md", "csv", "json", "html"])
        .makeOptionMandatory(),
    )
    .requiredOption("--out <file>", "file to write / 输出文件")
    .addOption(
      new Option(
        "--final",
        "end-of-plan report with final grades (default once the as-of date is after the target year) / 终期评估",
      ).conflicts("interim"),
    )
    .addOption(new Option("--interim", "mid-term report with trend verdicts / 中期评估").conflicts("final"))
    .option("--author <name>", "编制单位 on the cover (default: the plan's issuer)")
    .option("--number <text>", "the report's own document number for the cover / 报告文号")
    .option("--release", "mark the report final (定稿) instead of a draft for comment (征求意见稿)")
    .action(async (opts) => {
      const { reportCommand } = await import("./commands/report.ts");
      process.exitCode = await reportCommand({ ...program.opts(), ...opts });
    });

  program
    .command("build")
    .description("build the dashboard from the warehouse into a static folder / 生成看板")
    .option("--plan <file|id>", "plan file or id to show (default: the plan in the warehouse)")
    .addOption(new Option("--as-of <date>", "use only figures published on or before this date").argParser(date))
    .option("--out <dir>", "output folder (default: dist/)")
    .option("--all-plans", "one dashboard per plan in the warehouse, in <out>/<plan id>/, with a plan switch", false)
    .action(async (opts) => {
      const dir = opts.allPlans
        ? await (await import("./commands/build-all.ts")).buildAllCommand({ ...program.opts(), ...opts })
        : await buildCommand({ ...program.opts(), ...opts });
      process.stdout.write(`✓ ${dir}\n`);
    });
  program
    .command("serve")
    .description("serve the built dashboard on 127.0.0.1 (builds it first when needed) / 启动看板")
    .addOption(new Option("--port <port>", "port").argParser(positiveInt("--port")).default(3000))
    .option("--dir <dir>", "built site folder (default: dist/)")
    .option("--build", "rebuild before serving", false)
    .option("--collect", "also serve the submission page for the responsible units (README: Submission page) / 同时提供报送页面", false)
    .option("--host <host>", "address to listen on (default 127.0.0.1; 0.0.0.0 for the intranet)", "127.0.0.1")
    .option("--private", "a submission key is needed to view the dashboard too / 查看看板也需要密钥", false)
    .addOption(new Option("--deadline <date>", "submission deadline for on-time receipts (YYYY-MM-DD)").argParser(dateArg("--deadline")))
    .addOption(new Option("--period <year>", "accept returned forms for this year only").argParser(year))
    .addOption(new Option("--max-upload-bytes <n>", "largest upload (bytes, default 20 MB)").argParser(positiveInt("--max-upload-bytes")))
    .option("--trust-proxy", "take the client address from X-Forwarded-For (only behind your own reverse proxy)", false)
    .action(async (opts) => {
      process.exitCode = await serveCommand({ ...program.opts(), ...opts });
    });

  registerRecordCommands(program);
  registerCollectCommands(program);
  registerCollectKeyCommands(program);
  registerDemoCommands(program);
  registerCascadeCommands(program, year);

  program
    .command("rebuild")
    .description("recreate the warehouse from the archive of ingested files / 从归档重建数据仓库")
    .action(async () => {
      process.exitCode = await rebuildCommand(program.opts());
    });
  program
    .command("backup <dir>")
    .description("write the whole warehouse as Parquet with a manifest / 备份数据仓库")
    .action(async (dir: string) => {
      process.exitCode = await backupCommand(dir, program.opts());
    });
  program
    .command("restore <dir>")
    .description("restore the warehouse from a backup folder / 从备份恢复")
    .action(async (dir: string) => {
      process.exitCode = await restoreCommand(dir, program.opts());
    });

  program
    .command("start")
    .description("the main job on the demo data: ingest, assess, build and serve the dashboard / 用示例数据运行全流程")
    .addOption(new Option("--port <port>", "port for the dashboard").argParser(positiveInt("--port")).default(3000))
    .option("--no-serve", "stop after building the site")
    .option("--no-build", "stop after the assessment")
    .option("--plan <file|id>", "run on this plan and its data/real/<id>/ figures instead of the demo (e.g. liaoning-2018-2020)")
    .action(async (opts) => {
      process.exitCode = await startCommand({ ...program.opts(), ...opts });
    });

  return program;
}

export async function main(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return Number(process.exitCode ?? 0);
  } catch (error) {
    const verbose = argv.includes("--verbose");
    // The parsed options may not exist when parsing itself failed: read --lang from argv.
    const lang: Lang = argv.includes("--lang=en") || argv[argv.indexOf("--lang") + 1] === "en" ? "en" : "zh";
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version" || error.code === "commander.help") return 0;
      return EXIT.usage;
    }
    const known = toUserError(error);
    if (known) {
      process.stderr.write(`✗ ${known.zh === known.en ? known.zh : bilingual(lang, known.zh, known.en)}\n`);
      if (verbose) process.stderr.write(`${(error as Error).stack}\n`);
      return known.exitCode;
    }
    process.stderr.write(
      `✗ ${bilingual(lang, "内部错误，请用 --verbose 重试并报告此问题：", "internal error; rerun with --verbose and report it:")} ${(error as Error).message}\n`,
    );
    if (verbose) process.stderr.write(`${(error as Error).stack}\n`);
    return EXIT.internal;
  }
}

// Run when executed directly (tsx pipelines/cli.ts ...), not when imported by tests.
if (process.argv[1] && /pipelines[\\/]cli\.ts$/.test(process.argv[1])) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
