/**
 * `plan-monitor collect templates|status`: issue a 填报表 per responsible unit for a period, and see
 * who has reported (报送情况). Returned files go through `plan-monitor ingest` (receipts with
 * --receipts). See README.md, "Collecting data from the units".
 */
import { basename, extname, join, dirname } from "node:path";
import { type Command, Option } from "commander";
import type { ReportingStatus } from "../../assessment/reporting.ts";
import type { Receipt } from "../../domain/collection.ts";
import { receiptMarkdown, writeReceiptXlsx } from "../../exports/receipt.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { issueTemplates } from "../collect/templates.ts";
import { bilingual, DEFAULT_PLAN_FILE, EXIT, type Lang, loadAndStorePlan, resolvePlan, UserError } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { collectionStatus } from "../services.ts";
import { textTable, toCsv } from "../output.ts";

interface Common {
  db: string;
  lang: Lang;
}

export const periodArg = (v: string): number => {
  const n = Number(v);
  if (!/^\d{4}$/.test(v) || n < 1900 || n > 2200)
    throw new UserError(
      `--period 应为四位年份，如 2020（收到 ${v}）`,
      `--period must be a four-digit year such as 2020 (got ${v})`,
      EXIT.usage,
    );
  return n;
};
const dateArg = (name: string) => (v: string) => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(v) || Number.isNaN(Date.parse(v)))
    throw new UserError(`${name} 应为日期 YYYY-MM-DD（收到 ${v}）`, `${name} must be a date YYYY-MM-DD (got ${v})`, EXIT.usage);
  return v;
};

export function registerCollectCommands(program: Command): void {
  const collect = program
    .command("collect")
    .description("collect data from the responsible units: templates and who has reported / 数据填报");
  const common = () => program.opts<Common>();
  collect
    .command("templates")
    .description("write one return form (.xlsx) per responsible unit for a period / 生成各责任单位填报表")
    .addOption(new Option("--period <year>", "the year asked for / 填报年度").argParser(periodArg).makeOptionMandatory())
    .option("--units <ids>", "only these units (ids or Chinese names, comma-separated) / 只为这些单位生成")
    .addOption(new Option("--deadline <date>", "deadline YYYY-MM-DD / 报送截止日期").argParser(dateArg("--deadline")))
    .option("--contact <text>", "whom to contact, shown in the instructions / 联系人及电话")
    .option("--plan <file>", "plan file (default: the demo plan) / 计划文件")
    .requiredOption("--out <dir>", "folder to write the forms to / 输出文件夹")
    .action(async (opts) => {
      process.exitCode = await templatesCommand({ ...common(), ...opts });
    });
  collect
    .command("status")
    .description("who has reported for a period: requested, received, missing, on time or late / 报送情况")
    .addOption(new Option("--period <year>", "the year asked for / 填报年度").argParser(periodArg).makeOptionMandatory())
    .addOption(new Option("--deadline <date>", "deadline (default: the templates' own)").argParser(dateArg("--deadline")))
    .addOption(new Option("--as-of <date>", "count returns received up to this date (default: today)").argParser(dateArg("--as-of")))
    .option("--plan <file|id>", "plan file or the id of a plan in the warehouse (default: the stored plan) / 计划")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (opts) => {
      process.exitCode = await statusCommand({ ...common(), ...opts });
    });
}

interface TemplatesOptions extends Common {
  period: number;
  units?: string;
  deadline?: string;
  contact?: string;
  plan?: string;
  out: string;
}

async function templatesCommand(opts: TemplatesOptions): Promise<number> {
  const w = await openWarehouse(opts.db);
  try {
    const plan = await loadAndStorePlan(w, opts.plan ?? DEFAULT_PLAN_FILE, opts.lang);
    const units = opts.units
      ?.split(/[,，、]/)
      .map((s) => s.trim())
      .filter(Boolean);
    const files = await issueTemplates(w, plan, {
      period: opts.period,
      units,
      deadline: opts.deadline ?? null,
      outDir: opts.out,
      lang: opts.lang,
      contact: opts.contact,
    });
    const zh = opts.lang === "zh";
    const table = textTable(files, [
      { header: zh ? "责任单位" : "unit", value: (f) => (zh ? f.template.unit.zh : f.template.unit.en) },
      { header: zh ? "指标数" : "items", value: (f) => String(f.template.items.length), align: "right" },
      { header: zh ? "文件" : "file", value: (f) => f.path },
    ]);
    process.stdout.write(
      `${table}\n${bilingual(
        opts.lang,
        `✓ 已生成${files.length}份${opts.period}年度填报表${opts.deadline ? `（截止${opts.deadline}）` : ""}。发给各单位；收回后用 plan-monitor ingest 导入，用 plan-monitor collect status --period ${opts.period} 查看报送情况。`,
        `✓ ${files.length} return forms for ${opts.period}${opts.deadline ? ` (deadline ${opts.deadline})` : ""}. Send them out; ingest the returned files with plan-monitor ingest and see who has reported with plan-monitor collect status --period ${opts.period}.`,
      )}\n`,
    );
    return EXIT.ok;
  } finally {
    await w.close();
  }
}

interface StatusOptions extends Common {
  period: number;
  plan?: string;
  deadline?: string;
  asOf?: string;
  format: "table" | "json" | "csv";
  out?: string;
}

async function statusCommand(opts: StatusOptions): Promise<number> {
  const w = await openWarehouse(opts.db, { readOnly: true });
  let status: ReportingStatus;
  try {
    const plan = await resolvePlan(w, opts.plan, opts.lang);
    status = await collectionStatus(w, plan.id, opts.period, { asOf: opts.asOf, deadline: opts.deadline });
  } finally {
    await w.close();
  }
  if (status.expected === 0)
    throw new UserError(
      `${opts.period}年度还没有下发填报表。请先运行 plan-monitor collect templates --period ${opts.period} --out 文件夹。`,
      `no return forms were issued for ${opts.period}. Run plan-monitor collect templates --period ${opts.period} --out DIR first.`,
      EXIT.inputRefused,
    );
  const text = renderStatus(status, opts.format, opts.lang);
  if (opts.out) writeFileAtomic(opts.out, text);
  else process.stdout.write(text);
  return EXIT.ok;
}

const pct = (x: number | null) => (x === null ? "—" : `${(x * 100).toFixed(1)}%`);

export function renderStatus(s: ReportingStatus, format: "table" | "json" | "csv", lang: Lang): string {
  const zh = lang === "zh";
  const stateWord = (st: string) =>
    zh ? ({ on_time: "按时", late: "逾期", missing: "未报" } as Record<string, string>)[st] : st.replace("_", " ");
  if (format === "json") {
    const units = s.units.map((u) => ({
      unit: u.unit,
      unit_zh: u.unit_zh,
      unit_en: u.unit_en,
      requested: u.requested,
      received: u.received,
      missing: u.missing,
      first_submitted: u.first_submitted,
      last_submitted: u.last_submitted,
      state: u.state,
      refused_returns: u.refused,
    }));
    const { units: _, ...rest } = s;
    return `${JSON.stringify({ ...rest, units }, null, 2)}\n`;
  }
  const header = zh
    ? ["单位编码", "责任单位", "征集项", "已收到", "缺", "首次报送", "最近报送", "状态", "缺报项目"]
    : ["unit", "unit name", "requested", "received", "missing", "first submitted", "last submitted", "state", "missing items"];
  const rows = s.units.map((u) => [
    u.unit,
    zh ? u.unit_zh : u.unit_en,
    u.requested,
    u.received,
    u.missing.length,
    u.first_submitted?.replace("T", " ") ?? "",
    u.last_submitted?.replace("T", " ") ?? "",
    u.state,
    u.missing_items.map((m) => (zh ? m.zh : m.en)).join(zh ? "、" : "; "),
  ]);
  if (format === "csv") return toCsv(header, rows);
  const table = textTable(s.units, [
    { header: header[1], value: (u) => (zh ? u.unit_zh : u.unit_en), max: 24 },
    { header: header[2], value: (u) => String(u.requested), align: "right" },
    { header: header[3], value: (u) => String(u.received), align: "right" },
    { header: header[4], value: (u) => String(u.missing.length), align: "right" },
    { header: header[5], value: (u) => u.first_submitted?.replace("T", " ") ?? "—" },
    { header: header[6], value: (u) => u.last_submitted?.replace("T", " ") ?? "—" },
    { header: header[7], value: (u) => stateWord(u.state) },
  ]);
  const summary = zh
    ? `${s.period}年度报送情况（截至${s.as_of}${s.deadline ? `，截止日期${s.deadline}` : ""}）：应报${s.expected}个单位，已报${s.reported}个（报送率${pct(s.reporting_rate)}），按时${s.on_time}个（及时率${pct(s.reporting_rate_on_time)}），逾期${s.late}个，未报${s.missing}个。`
    : `Reporting for ${s.period} (as of ${s.as_of}${s.deadline ? `, deadline ${s.deadline}` : ""}): ${s.expected} units expected, ${s.reported} reported (reporting rate ${pct(s.reporting_rate)}), ${s.on_time} on time (on-time rate ${pct(s.reporting_rate_on_time)}), ${s.late} late, ${s.missing} missing.`;
  const chase = s.units.filter((u) => u.state === "missing" || u.missing.length > 0);
  const chaseText = chase.length
    ? `\n${zh ? "催报名单：" : "To chase:"}\n${chase
        .map(
          (u) =>
            `  ${zh ? u.unit_zh : u.unit_en}: ${u.state === "missing" ? (zh ? "未报送" : "nothing returned") : `${zh ? "缺" : "missing"} ${u.missing_items.map((m) => (zh ? m.zh : m.en)).join(zh ? "、" : "; ")}`}`,
        )
        .join("\n")}\n`
    : "";
  return `${summary}\n${table}\n${chaseText}`;
}

/** Write a returned file's receipt (.md and .xlsx) beside it or into `dir`; returns the paths. */
export async function writeReceipt(receipt: Receipt, filePath: string, dir: string | undefined, lang: Lang): Promise<string[]> {
  const stem = basename(filePath, extname(filePath));
  const base = join(dir ?? dirname(filePath), `${stem}-${lang === "zh" ? "回执" : "receipt"}`);
  writeFileAtomic(`${base}.md`, receiptMarkdown(receipt, lang));
  writeFileAtomic(`${base}.xlsx`, await writeReceiptXlsx(receipt, lang));
  return [`${base}.md`, `${base}.xlsx`];
}
