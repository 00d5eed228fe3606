/**
 * `plan-monitor show observations|rejected|files`: print what the warehouse holds.
 */
import { openWarehouse } from "../../warehouse/connection.ts";
import { readFiles, readObservations, readRejected } from "../../warehouse/read.ts";
import { EXIT, type Lang, resolvePlan, UserError } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { type Column, textTable, toCsv } from "../output.ts";

export interface ShowOptions {
  db: string;
  lang: Lang;
  plan?: string;
  indicator?: string;
  history?: boolean;
  format: "table" | "csv" | "json";
  out?: string;
}

const fmtNumber = (v: number) => (Number.isInteger(v) ? String(v) : String(Number(v.toPrecision(12))));

function render<T extends object>(rows: T[], columns: (Column<T> & { key: keyof T })[], format: ShowOptions["format"]): string {
  if (format === "json") return `${JSON.stringify(rows, null, 2)}\n`;
  if (format === "csv")
    return toCsv(
      columns.map((c) => String(c.key)),
      rows.map((r) => columns.map((c) => r[c.key])),
    );
  return `${textTable(rows, columns)}\n`;
}

export async function showCommand(what: string, opts: ShowOptions): Promise<number> {
  if (!["observations", "rejected", "files"].includes(what)) {
    throw new UserError(
      `不认识 "${what}"：可查看 observations（观测值）、rejected（被拒绝的行）或 files（已导入文件）。`,
      `unknown "${what}": show observations, rejected or files.`,
      EXIT.usage,
    );
  }
  const w = await openWarehouse(opts.db, { readOnly: true });
  try {
    const plan = await resolvePlan(w, opts.plan, opts.lang);
    const zh = opts.lang === "zh";
    let text: string;
    if (what === "observations") {
      if (opts.indicator && !plan.indicators.some((i) => i.id === opts.indicator)) {
        throw new UserError(
          `没有指标 "${opts.indicator}"。可用的 id：${plan.indicators.map((i) => i.id).join("、")}`,
          `no indicator "${opts.indicator}". Known ids: ${plan.indicators.map((i) => i.id).join(", ")}`,
          EXIT.usage,
        );
      }
      const rows = await readObservations(w, { planId: plan.id, history: opts.history, indicator: opts.indicator });
      text = render(
        rows,
        [
          { key: "indicator", header: "indicator", value: (r) => r.indicator },
          { key: "indicator_zh", header: zh ? "指标" : "indicator_zh", value: (r) => r.indicator_zh, max: 24 },
          { key: "region", header: zh ? "地区" : "region", value: (r) => r.region },
          { key: "year", header: zh ? "年份" : "year", value: (r) => String(r.year), align: "right" },
          { key: "value", header: zh ? "数值" : "value", value: (r) => fmtNumber(r.value), align: "right" },
          { key: "unit", header: zh ? "单位" : "unit", value: (r) => r.unit },
          { key: "status", header: zh ? "状态" : "status", value: (r) => r.status },
          { key: "source", header: zh ? "来源" : "source", value: (r) => r.source ?? "", max: 20 },
          { key: "published", header: zh ? "发布日期" : "published", value: (r) => r.published ?? "" },
          { key: "file", header: zh ? "文件" : "file", value: (r) => r.file, max: 36 },
          { key: "row", header: zh ? "行" : "row", value: (r) => String(r.row), align: "right" },
          ...(opts.history
            ? [{ key: "current" as const, header: zh ? "当前" : "current", value: (r: (typeof rows)[0]) => (r.current ? "✓" : "") }]
            : []),
        ],
        opts.format,
      );
    } else if (what === "rejected") {
      const rows = await readRejected(w, { planId: plan.id });
      text = render(
        rows,
        [
          { key: "file", header: zh ? "文件" : "file", value: (r) => r.file, max: 36 },
          { key: "row", header: zh ? "行" : "row", value: (r) => String(r.row), align: "right" },
          { key: "column", header: zh ? "列" : "column", value: (r) => r.column ?? "" },
          { key: "value", header: zh ? "原值" : "value", value: (r) => r.value ?? "", max: 20 },
          { key: zh ? "zh" : "en", header: zh ? "原因" : "reason", value: (r) => (zh ? r.zh : r.en), max: 80 },
        ],
        opts.format,
      );
    } else {
      const rows = await readFiles(w, plan.id);
      text = render(
        rows,
        [
          { key: "name", header: zh ? "文件" : "file", value: (r) => r.name, max: 40 },
          { key: "sha256", header: "sha256", value: (r) => r.sha256.slice(0, 12) },
          { key: "ingested_at", header: zh ? "导入时间" : "ingested", value: (r) => r.ingested_at.slice(0, 19) },
          { key: "format", header: zh ? "格式" : "format", value: (r) => `${r.format}${r.encoding ? `/${r.encoding}` : ""}` },
          { key: "layout", header: zh ? "版式" : "layout", value: (r) => r.layout ?? "" },
          { key: "accepted", header: zh ? "导入" : "accepted", value: (r) => String(r.accepted), align: "right" },
          { key: "rejected", header: zh ? "拒绝" : "rejected", value: (r) => String(r.rejected), align: "right" },
          { key: "superseded", header: zh ? "取代" : "superseded", value: (r) => String(r.superseded), align: "right" },
          { key: "outcome", header: zh ? "结果" : "outcome", value: (r) => r.outcome },
        ],
        opts.format,
      );
    }
    if (opts.out) writeFileAtomic(opts.out, text);
    else process.stdout.write(text);
    return EXIT.ok;
  } finally {
    await w.close();
  }
}
