/**
 * `plan-monitor records ingest|derived|reconcile|risk`: record-level data (certificates, contracts,
 * R&D, lists). See README.md, "Record files".
 */
import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";
import { type Command, Option } from "commander";
import { formatNumber, formatPercent } from "../../lib/format.ts";
import { parseRecordKind, type RecordKind } from "../../domain/records.ts";
import { parseThrough } from "../../loaders/records/coverage.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { certificateRisk, DEFAULT_RECONCILE_TOLERANCE, drilldown, reconcile, turnoverPace } from "../../warehouse/records-analysis.ts";
import { readDerived } from "../../warehouse/records-derive.ts";
import { bilingual, DEFAULT_PLAN_FILE, EXIT, type Lang, loadAndStorePlan, resolvePlan, UserError } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { textTable, toCsv } from "../output.ts";
import { regionNamer, sectorNamer } from "../site/names.ts";
import { ingestRecordFiles, RECORD_EXTENSIONS, recordExitCode, type RecordFileReport } from "../records.ts";

interface Common {
  db: string;
  lang: Lang;
}

/** Every record file under the given paths (folders expanded, hidden files skipped), sorted. */
export function expandRecordPaths(paths: string[]): { files: string[]; missing: string[] } {
  const files: string[] = [];
  const missing: string[] = [];
  const walk = (p: string) => {
    for (const entry of readdirSync(p, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (entry.name.startsWith(".") || entry.name.startsWith("~$")) continue;
      const full = join(p, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (RECORD_EXTENSIONS.has(extname(entry.name).toLowerCase())) files.push(full);
    }
  };
  for (const p of paths) {
    try {
      if (statSync(p).isDirectory()) walk(p);
      else files.push(p);
    } catch {
      missing.push(p);
    }
  }
  return { files, missing };
}

const fmt = (x: number | null | undefined) => formatNumber(x, "en");
const pct = (x: number | null) => formatPercent(x);

const KIND_NAMES: Record<RecordKind, { zh: string; en: string }> = {
  certificates: { zh: "高企证书", en: "certificates" },
  contracts: { zh: "技术合同", en: "contracts" },
  rd: { zh: "研发费用", en: "R&D" },
  lists: { zh: "名录", en: "lists" },
};

export function formatRecordReports(reports: RecordFileReport[], lang: Lang): string {
  const zh = lang === "zh";
  const outcome = (r: RecordFileReport) =>
    ({
      accepted: zh ? "已导入" : "landed",
      partial: zh ? "部分导入" : "partly landed",
      unchanged: zh ? "未变（已导入过）" : "unchanged (already landed)",
      refused: zh ? "拒绝" : "refused",
    })[r.outcome];
  const table = textTable(reports, [
    { header: zh ? "文件" : "file", value: (r) => r.name, max: 48 },
    { header: zh ? "类型" : "kind", value: (r) => (r.kind ? KIND_NAMES[r.kind][lang] : "") },
    { header: zh ? "结果" : "outcome", value: outcome },
    { header: zh ? "读入行" : "rows", value: (r) => String(r.summary?.rows_read ?? 0), align: "right" },
    { header: zh ? "新增" : "accepted", value: (r) => String(r.summary?.accepted ?? 0), align: "right" },
    { header: zh ? "拒绝行" : "rejected", value: (r) => String(r.summary?.rejected ?? 0), align: "right" },
    { header: zh ? "取代旧值" : "superseded", value: (r) => String(r.summary?.superseded ?? 0), align: "right" },
    { header: zh ? "相同" : "unchanged", value: (r) => String((r.summary?.unchanged ?? 0) + (r.summary?.duplicates ?? 0)), align: "right" },
    { header: zh ? "数据截至" : "through", value: (r) => coverageLabel(r, zh) },
    {
      header: zh ? "行/秒" : "rows/s",
      value: (r) => (r.summary && r.ms > 0 ? String(Math.round((r.summary.rows_read / r.ms) * 1000)) : ""),
      align: "right",
    },
  ]);
  const inferred = reports.filter((r) => r.summary?.coverage_basis === "records");
  const notes: string[] = [];
  if (inferred.length > 0)
    notes.push(
      zh
        ? `* 文件未写明数据截至日期（无 --through、标题行或「数据截至」列），按记录中最晚的日期计：${inferred.map((r) => `${r.name} → ${r.summary!.covered_through}`).join("；")}。只有截至12月31日的年份才汇总出年度数。`
        : `* no coverage date stated (no --through, title row or 数据截至 column), so the latest record date is taken: ${inferred.map((r) => `${r.name} → ${r.summary!.covered_through}`).join("; ")}. Yearly figures are derived only for years covered to 31 December.`,
    );
  const details = reports.filter((r) => r.error).map((r) => `✗ ${r.path}\n  ${bilingual(lang, r.error!.zh, r.error!.en)}`);
  const rejected = reports.filter((r) => (r.summary?.rejected ?? 0) > 0);
  if (rejected.length > 0)
    details.push(
      zh
        ? `! 有 ${rejected.reduce((a, r) => a + (r.summary?.rejected ?? 0), 0)} 行被拒绝，原因见 plan-monitor show rejected。`
        : `! ${rejected.reduce((a, r) => a + (r.summary?.rejected ?? 0), 0)} row(s) rejected; see the reasons with plan-monitor show rejected.`,
    );
  return [table, ...notes, ...details].join("\n");
}

const BASIS: Record<string, { zh: string; en: string }> = {
  flag: { zh: "--through", en: "--through" },
  title: { zh: "标题行", en: "title row" },
  column: { zh: "数据截至列", en: "column" },
  records: { zh: "最晚记录日期*", en: "latest record*" },
};

function coverageLabel(r: RecordFileReport, zh: boolean): string {
  const s = r.summary;
  if (!s?.covered_through) return "";
  const basis = s.coverage_basis ? BASIS[s.coverage_basis] : null;
  return basis ? `${s.covered_through} (${zh ? basis.zh : basis.en})` : s.covered_through;
}

function output(text: string, out: string | undefined): void {
  if (out) writeFileAtomic(out, text);
  else process.stdout.write(text);
}

export function registerRecordCommands(program: Command): void {
  const records = program.command("records").description("record-level data: certificates, contracts, R&D, lists / 明细记录");
  const common = () => program.opts<Common>();
  const kindArg = (v: string) => {
    const k = parseRecordKind(v);
    if (!k)
      throw new UserError(
        `--kind 只能是 certificates、contracts、rd 或 lists（收到 ${v}）`,
        `--kind must be certificates, contracts, rd or lists (got ${v})`,
        EXIT.usage,
      );
    return k;
  };
  const share = (v: string) => {
    const n = Number(v);
    if (!Number.isFinite(n) || n < 0 || n > 1)
      throw new UserError(
        `--tolerance 应为0到1之间的比例，如 0.02（收到 ${v}）`,
        `--tolerance must be a share between 0 and 1, e.g. 0.02 (got ${v})`,
        EXIT.usage,
      );
    return n;
  };

  records
    .command("ingest <paths...>")
    .description("read record files (CSV UTF-8/GB18030, .xlsx, Parquet; a folder means every such file) / 导入明细记录")
    .option("--plan <file>", "plan file / 计划文件")
    .addOption(new Option("--kind <kind>", "certificates | contracts | rd | lists (default: from the header)").argParser(kindArg))
    .option("--unit <unit>", "unit of the amounts when the file does not say (e.g. 万元) / 金额单位")
    .option("--list <id>", "list of a list file without a list column (e.g. maker_spaces) / 名录类别")
    .option(
      "--through <date>",
      "the date the files cover through (数据截至), e.g. 2019-12-31; default: a title row or column saying so, else the latest record date / 数据截至日期",
    )
    .option("--quiet", "print only problems", false)
    .action(async (paths: string[], opts) => {
      const o = { ...common(), ...opts };
      const { files, missing } = expandRecordPaths(paths);
      if (files.length === 0 && missing.length === 0) {
        process.stderr.write(
          `${bilingual(o.lang, "没有找到可导入的记录文件（.csv .xlsx .parquet）。", "no record files found (.csv, .xlsx, .parquet).")}\n`,
        );
        process.exitCode = EXIT.inputRefused;
        return;
      }
      if (o.through && !parseThrough(o.through))
        throw new UserError(
          `--through 应为日期 YYYY-MM-DD，如 2019-12-31（收到 ${o.through}）`,
          `--through must be a date YYYY-MM-DD, e.g. 2019-12-31 (got ${o.through})`,
          EXIT.usage,
        );
      const w = await openWarehouse(o.db);
      try {
        const plan = await loadAndStorePlan(w, o.plan ?? DEFAULT_PLAN_FILE, o.lang);
        const reports = await ingestRecordFiles(w, plan, files, { kind: o.kind, unit: o.unit, list: o.list, through: o.through });
        for (const m of missing)
          reports.push({
            path: m,
            name: m,
            sha256: null,
            kind: null,
            outcome: "refused",
            summary: null,
            error: { code: "not_found", zh: `找不到 ${m}，请检查路径。`, en: `${m} not found; check the path.` },
            format: null,
            encoding: null,
            bytes: 0,
            ms: 0,
          });
        const code = recordExitCode(reports);
        if (!o.quiet || code !== 0) process.stdout.write(`${formatRecordReports(reports, o.lang)}\n`);
        process.exitCode = code;
      } finally {
        await w.close();
      }
    });

  records
    .command("reconcile")
    .description("derived vs reported figures per indicator and year, flagged above a tolerance / 明细汇总与上报数核对")
    .option("--plan <file>", "plan file (default: the plan in the warehouse)")
    .addOption(new Option("--tolerance <share>", "flag differences above this share").argParser(share).default(DEFAULT_RECONCILE_TOLERANCE))
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (opts) => {
      const o = { ...common(), ...opts };
      const w = await openWarehouse(o.db, { readOnly: true });
      try {
        const plan = await resolvePlan(w, o.plan, o.lang);
        const rows = await reconcile(w, plan, { tolerance: o.tolerance });
        const zh = o.lang === "zh";
        if (o.format === "json") output(`${JSON.stringify({ tolerance: o.tolerance, rows }, null, 2)}\n`, o.out);
        else if (o.format === "csv")
          output(
            toCsv(
              ["indicator", "indicator_zh", "year", "unit", "reported", "derived", "difference", "relative", "records", "flagged"],
              rows.map((r) => [
                r.indicator_id,
                r.zh,
                r.year,
                r.unit,
                r.reported,
                r.derived,
                r.difference,
                r.relative,
                r.records,
                r.flagged,
              ]),
            ),
            o.out,
          );
        else {
          const flagged = rows.filter((r) => r.flagged).length;
          const table = textTable(rows, [
            { header: zh ? "指标" : "indicator", value: (r) => (zh ? r.zh : r.en), max: 28 },
            { header: zh ? "年份" : "year", value: (r) => String(r.year), align: "right" },
            { header: zh ? "上报" : "reported", value: (r) => fmt(r.reported), align: "right" },
            { header: zh ? "明细汇总" : "derived", value: (r) => fmt(r.derived), align: "right" },
            { header: zh ? "差额" : "difference", value: (r) => fmt(r.difference), align: "right" },
            { header: zh ? "差异率" : "relative", value: (r) => pct(r.relative), align: "right" },
            { header: zh ? "单位" : "unit", value: (r) => r.unit },
            { header: zh ? "记录数" : "records", value: (r) => String(r.records), align: "right" },
            { header: zh ? "核对" : "check", value: (r) => (r.flagged ? (zh ? "✗ 超出容差" : "✗ above tolerance") : "✓") },
          ]);
          const head = zh
            ? `明细汇总与上报数核对（容差 ${pct(o.tolerance)}）：${rows.length} 项，${flagged} 项超出容差。`
            : `Derived vs reported (tolerance ${pct(o.tolerance)}): ${rows.length} pairs, ${flagged} above tolerance.`;
          output(`${head}\n${rows.length ? table : zh ? "（没有可核对的数据）" : "(nothing to reconcile)"}\n`, o.out);
        }
        process.exitCode = EXIT.ok;
      } finally {
        await w.close();
      }
    });

  records
    .command("risk")
    .description("certificates lapsing before the target year; contract turnover still to register / 证书到期风险与技术合同登记进度")
    .option("--plan <file>", "plan file (default: the plan in the warehouse)")
    .option("--as-of <date>", "as if on this date (default: the latest record date)")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (opts) => {
      const o = { ...common(), ...opts };
      if (o.asOf && !/^\d{4}-\d{2}-\d{2}$/.test(o.asOf))
        throw new UserError(
          `--as-of 应为日期 YYYY-MM-DD（收到 ${o.asOf}）`,
          `--as-of must be a date YYYY-MM-DD (got ${o.asOf})`,
          EXIT.usage,
        );
      const w = await openWarehouse(o.db, { readOnly: true });
      try {
        const plan = await resolvePlan(w, o.plan, o.lang);
        const certs = await certificateRisk(w, plan, { asOf: o.asOf });
        const pace = await turnoverPace(w, plan, { asOf: o.asOf });
        if (o.format === "json") {
          output(`${JSON.stringify({ certificates: certs, turnover: pace }, null, 2)}\n`, o.out);
          return;
        }
        const zh = o.lang === "zh";
        const townEn = regionNamer(plan);
        const parts: string[] = [];
        if (certs) {
          parts.push(
            zh
              ? `高新技术企业证书（截至 ${certs.as_of}，目标年 ${certs.target_year}）：当前有效 ${certs.current} 家；${certs.target_year}年底前到期且未续期的证书 ${certs.certificates.length} 张。`
              : `High-tech certificates (as of ${certs.as_of}, target year ${certs.target_year}): ${certs.current} enterprises hold a valid one; ${certs.certificates.length} certificate(s) lapse by the end of ${certs.target_year} without renewal.`,
          );
          parts.push(
            textTable(certs.certificates, [
              { header: zh ? "企业" : "enterprise", value: (r) => r.enterprise, max: 30 },
              { header: zh ? "信用代码" : "credit code", value: (r) => r.credit_code },
              { header: zh ? "证书编号" : "certificate", value: (r) => r.certificate_no },
              { header: zh ? "发证日期" : "certified", value: (r) => r.certified_on },
              { header: zh ? "失效日期" : "lapses on", value: (r) => r.lapses_on },
              {
                header: zh ? "状态" : "state",
                value: (r) => (r.state === "lapsed" ? (zh ? "已失效未续期" : "lapsed, not renewed") : zh ? "将到期" : "lapsing"),
              },
              { header: zh ? "乡镇/街道" : "town", value: (r) => (zh ? r.town : (townEn(r.town) ?? r.town)) ?? "" },
            ]),
          );
          parts.push(
            textTable(certs.by_year, [
              { header: zh ? "年末" : "year end", value: (r) => String(r.year) },
              { header: zh ? "若均不续期的有效企业数" : "valid if none renews", value: (r) => String(r.count), align: "right" },
              { header: zh ? "当年到期" : "lapsing that year", value: (r) => String(r.lapsing), align: "right" },
            ]),
          );
        }
        if (pace) {
          parts.push(
            zh
              ? `技术合同成交额 ${pace.year}年（截至 ${pace.as_of}，已过全年 ${pct(pace.elapsed)}）：已登记 ${fmt(pace.registered)} ${pace.unit}，按当前进度全年约 ${fmt(pace.projected)} ${pace.unit}${
                  pace.target !== null
                    ? `；目标 ${pace.target} ${pace.unit}，尚需登记 ${fmt(pace.still_to_register)} ${pace.unit}，按当前进度缺口 ${fmt(pace.shortfall_at_pace)} ${pace.unit}`
                    : ""
                }；上年同期 ${fmt(pace.previous_same_period)} ${pace.unit}。`
              : `Technology contract turnover ${pace.year} (as of ${pace.as_of}, ${pct(pace.elapsed)} of the year): ${fmt(pace.registered)} ${pace.unit} registered; at this pace about ${fmt(pace.projected)} for the year${
                  pace.target !== null
                    ? `; target ${pace.target}, still to register ${fmt(pace.still_to_register)}, shortfall at this pace ${fmt(pace.shortfall_at_pace)}`
                    : ""
                }; same period last year ${fmt(pace.previous_same_period)}.`,
          );
        }
        if (parts.length === 0) parts.push(zh ? "仓库中没有明细记录。" : "the warehouse holds no records.");
        output(`${parts.join("\n\n")}\n`, o.out);
      } finally {
        await w.close();
      }
    });

  records
    .command("derived")
    .description("the indicators derived from the records, per region, town or sector / 由明细记录汇总的指标")
    .option("--plan <file>", "plan file (default: the plan in the warehouse)")
    .addOption(new Option("--by <by>", "region | town | sector").choices(["region", "town", "sector"]).default("region"))
    .option("--all-regions", "every region, not only the plan's", false)
    .addOption(new Option("--format <format>", "output format").choices(["table", "csv", "json"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (opts) => {
      const o = { ...common(), ...opts };
      const w = await openWarehouse(o.db, { readOnly: true });
      try {
        const plan = await resolvePlan(w, o.plan, o.lang);
        const rows =
          o.by === "region"
            ? (await readDerived(w, plan, { region: o.allRegions ? null : plan.region.code })).map((r) => ({
                indicator_id: r.indicator_id,
                group: r.region_code,
                year: r.year,
                value: r.value,
                records: r.records,
              }))
            : await drilldown(w, plan, o.by);
        // A region's, town's or sector's English name from the region or sector names table (empty: none; never invented).
        const groupEn = o.by === "sector" ? sectorNamer() : regionNamer(plan);
        const shown = (g: string) => (o.lang === "en" ? (groupEn(g) ?? g) : g);
        if (o.format === "json")
          output(
            `${JSON.stringify(
              rows.map((r) => ({ ...r, group_en: groupEn(r.group) })),
              null,
              2,
            )}\n`,
            o.out,
          );
        else if (o.format === "csv")
          output(
            toCsv(
              ["indicator", o.by, `${o.by}_en`, "year", "value", "records"],
              rows.map((r) => [r.indicator_id, r.group, groupEn(r.group) ?? "", r.year, r.value, r.records]),
            ),
            o.out,
          );
        else
          output(
            `${textTable(rows, [
              { header: "indicator", value: (r) => r.indicator_id },
              { header: o.by, value: (r) => (r.group ? shown(r.group) : "—") },
              { header: o.lang === "zh" ? "年份" : "year", value: (r) => String(r.year), align: "right" },
              { header: o.lang === "zh" ? "数值" : "value", value: (r) => fmt(r.value), align: "right" },
              { header: o.lang === "zh" ? "记录数" : "records", value: (r) => String(r.records), align: "right" },
            ])}\n`,
            o.out,
          );
      } finally {
        await w.close();
      }
    });
}
