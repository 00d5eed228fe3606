/**
 * `plan-monitor ingest PATH...`: read files into the warehouse and print a summary per file.
 */
import { SingleBar } from "cli-progress";
import { openWarehouse } from "../../warehouse/connection.ts";
import { bilingual, DEFAULT_PLAN_FILE, EXIT, type Lang, loadAndStorePlan } from "../context.ts";
import { expandPaths, type FileReport, ingestExitCode, ingestFiles } from "../ingest.ts";
import { textTable } from "../output.ts";
import { writeReceipt } from "./collect.ts";

export interface IngestCommandOptions {
  db: string;
  lang: Lang;
  plan?: string;
  maxBytes?: number;
  maxRows?: number;
  maxLineBytes?: number;
  quiet?: boolean;
  /** Folder for receipts of returned forms (default: beside each file). */
  receipts?: string;
  evidence?: string;
}

/** How many rejected rows to print per file (the rest: `plan-monitor show rejected`). */
const SHOW_REJECTED = 10;

export function formatReports(reports: FileReport[], lang: Lang): string {
  const zh = lang === "zh";
  const outcome = (r: FileReport) =>
    ({
      accepted: zh ? "已导入" : "landed",
      partial: zh ? "部分导入" : "partly landed",
      unchanged: zh ? "未变（已导入过）" : "unchanged (already landed)",
      refused: zh ? "拒绝" : "refused",
    })[r.outcome];
  const table = textTable(reports, [
    { header: zh ? "文件" : "file", value: (r) => r.name, max: 48 },
    { header: zh ? "结果" : "outcome", value: outcome },
    { header: zh ? "新增" : "accepted", value: (r) => String(r.summary?.accepted ?? 0), align: "right" },
    { header: zh ? "拒绝行" : "rejected", value: (r) => String(r.rejected.length), align: "right" },
    { header: zh ? "取代旧值" : "superseded", value: (r) => String(r.summary?.superseded ?? 0), align: "right" },
    { header: zh ? "相同" : "unchanged", value: (r) => String(r.summary?.unchanged ?? 0), align: "right" },
  ]);
  const details: string[] = [];
  for (const r of reports) {
    if (r.error) details.push(`✗ ${r.path}\n  ${bilingual(lang, r.error.zh, r.error.en)}`);
    for (const m of r.evidenceMissing ?? []) details.push(`! ${r.path}: ${lang === "zh" ? m.zh : m.en}`);
    if (r.rejected.length > 0) {
      details.push(`! ${r.path}: ${zh ? `${r.rejected.length} 行被拒绝：` : `${r.rejected.length} row(s) rejected:`}`);
      for (const x of r.rejected.slice(0, SHOW_REJECTED)) {
        const where = `${zh ? "第" : "row "}${x.row}${zh ? "行" : ""}${x.column ? ` [${x.column}]` : ""}`;
        details.push(`  ${where}: ${lang === "zh" ? x.zh : x.en}`);
      }
      if (r.rejected.length > SHOW_REJECTED)
        details.push(
          zh
            ? `  ……另有 ${r.rejected.length - SHOW_REJECTED} 行，用 plan-monitor show rejected 查看全部。`
            : `  … ${r.rejected.length - SHOW_REJECTED} more; see them all with plan-monitor show rejected.`,
        );
    }
  }
  return [table, ...details].join("\n");
}

export async function ingestCommand(paths: string[], opts: IngestCommandOptions): Promise<number> {
  const { files, missing } = expandPaths(paths);
  const w = await openWarehouse(opts.db);
  try {
    const plan = await loadAndStorePlan(w, opts.plan ?? DEFAULT_PLAN_FILE, opts.lang);
    const bar =
      process.stderr.isTTY && files.length > 3 && !opts.quiet
        ? new SingleBar({ format: " {bar} {value}/{total} {file}", hideCursor: true, clearOnComplete: true })
        : null;
    bar?.start(files.length, 0, { file: "" });
    const reports = await ingestFiles(w, plan, files, {
      limits: { maxBytes: opts.maxBytes, maxRows: opts.maxRows, maxLineBytes: opts.maxLineBytes },
      onFile: (file, i) => bar?.update(i, { file }),
      evidenceDir: opts.evidence,
    });
    bar?.stop();
    for (const m of missing) {
      reports.push({
        path: m,
        name: m,
        sha256: null,
        outcome: "refused",
        summary: null,
        rejected: [],
        error: { code: "not_found", zh: `找不到 ${m}，请检查路径。`, en: `${m} not found; check the path.` },
        format: null,
        layout: null,
        encoding: null,
      });
    }
    if (reports.length === 0) {
      process.stderr.write(
        `${bilingual(opts.lang, "没有找到可导入的文件（支持 .csv .txt .xlsx .xls .et .ods .json）。", "no files to ingest found (.csv, .txt, .xlsx, .xls, .et, .ods, .json are read).")}\n`,
      );
      return EXIT.inputRefused;
    }
    const receipts: string[] = [];
    for (const r of reports) if (r.receipt) receipts.push(...(await writeReceipt(r.receipt, r.path, opts.receipts, opts.lang)));
    const text =
      formatReports(reports, opts.lang) +
      (receipts.length ? `\n${bilingual(opts.lang, `回执：${receipts.join("、")}`, `receipts: ${receipts.join(", ")}`)}` : "");
    if (!opts.quiet || reports.some((r) => r.error || r.rejected.length > 0 || r.evidenceMissing?.length))
      process.stdout.write(`${text}\n`);
    return ingestExitCode(reports);
  } finally {
    await w.close();
  }
}
