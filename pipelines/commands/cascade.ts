/**
 * `plan-monitor cascade --plan FILE|ID [--year Y] [--allocate-by R] [--format table|json|csv]`: each
 * child region's figures against its target and its part in the plan's gap; and
 * `plan-monitor allocate --plan FILE|ID --by baseline-share|equal [--indicator ID]`: a target split
 * among the children, with the sums checked. Both read the warehouse only.
 */
import type { AppliedAllocation } from "../../assessment/allocation.ts";
import type { CascadeChildRow, Figure } from "../../assessment/cascade.ts";
import { type Command, Option } from "commander";
import { openWarehouse } from "../../warehouse/connection.ts";
import { type CascadeFigures, type CascadeReport, cascadeReport, cascadeTreeFigures, withSummaries } from "../cascade.ts";
import { EXIT, type Lang, resolvePlan, UserError } from "../context.ts";
import { writeFileAtomic } from "../files.ts";
import { csvLine, textTable, toCsv } from "../output.ts";
import { formatNumber, formatPercent, formatValue } from "../../lib/format.ts";
import { childStatusWord, ORIGIN_LABEL } from "../../lib/cascade-words.ts";

type Format = "table" | "json" | "csv";

type IndicatorReport = CascadeReport["indicators"][number];

/** A value in the indicator's unit, as lib/format.ts writes it ("103家" / "103 enterprises"). */
const amount = (x: number | null | undefined, r: IndicatorReport, lang: Lang): string =>
  formatValue(x, r.unit, lang, { unit_en: r.unit_en });

/** A figure with its year and origin: "103家（2019年，上报）" / "103 enterprises (2019, reported)". */
const fig = (f: Figure | null, r: IndicatorReport, lang: Lang) => {
  if (!f) return "—";
  const origin = `${ORIGIN_LABEL[f.origin][lang]}${f.coverage ? ` ${f.coverage.present}/${f.coverage.children}` : ""}`;
  return lang === "zh" ? `${amount(f.value, r, lang)}（${f.year}年，${origin}）` : `${amount(f.value, r, lang)} (${f.year}, ${origin})`;
};

function childTable(r: IndicatorReport, lang: Lang): string {
  const zh = lang === "zh";
  const ratio = r.rollup === "ratio";
  const cols = [
    { header: zh ? "下级" : "child", value: (c: CascadeChildRow) => `${zh ? c.zh : c.en} ${c.code === c.zh ? "" : c.code}`.trim() },
    { header: zh ? "最新值（来源）" : "latest (origin)", value: (c: CascadeChildRow) => fig(c.latest, r, lang) },
    {
      header: zh ? "目标（来源）" : "target (origin)",
      value: (c: CascadeChildRow) => `${fig(c.target, r, lang)}${c.target_year_differs ? " *" : ""}`,
    },
    { header: zh ? "状态" : "status", value: (c: CascadeChildRow) => childStatusWord(c.status, c.awaiting_year, lang) },
  ];
  const sumCols = [
    {
      header: zh ? "占本级数值" : "share of value",
      value: (c: CascadeChildRow) => formatPercent(c.share_of_parent_value, lang),
      align: "right" as const,
    },
    {
      header: zh ? "占本级目标" : "share of target",
      value: (c: CascadeChildRow) => formatPercent(c.share_of_parent_target, lang),
      align: "right" as const,
    },
    {
      header: zh ? "可补缺口" : "closes of gap",
      value: (c: CascadeChildRow) => amount(c.contribution_to_parent_gap, r, lang),
      align: "right" as const,
    },
    {
      header: zh ? "缺口占比" : "share of gap",
      value: (c: CascadeChildRow) => formatPercent(c.share_of_parent_gap, lang),
      align: "right" as const,
    },
  ];
  const ratioCols = [
    {
      header: zh ? "对照本级目标线" : "vs parent's line",
      value: (c: CascadeChildRow) =>
        c.meets_parent_target === null ? "—" : c.meets_parent_target ? (zh ? "达到" : "meets") : zh ? "低于" : "below",
    },
  ];
  return textTable(r.children, [...cols, ...(ratio ? ratioCols : sumCols)]);
}

function indicatorBlock(r: IndicatorReport, lang: Lang): string {
  const zh = lang === "zh";
  const lines = [
    zh
      ? `${r.zh}（${r.unit}，${r.rollup === "sum" ? "可加总" : "比率，不可加总"}）`
      : `${r.en} (${r.unit_en}, ${r.rollup === "sum" ? "summable" : "ratio, not summable"})`,
    zh
      ? `  本级：${fig(r.parent.latest ?? r.parent.rolled_up, r, lang)}  目标：${fig(r.parent.target, r, lang)}  ${childStatusWord(r.parent.status, r.parent.awaiting_year, lang)}`
      : `  this level: ${fig(r.parent.latest ?? r.parent.rolled_up, r, lang)}  target: ${fig(r.parent.target, r, lang)}  ${childStatusWord(r.parent.status, r.parent.awaiting_year, lang)}`,
  ];
  if (r.parent.latest && r.parent.rolled_up) lines.push(`  ${zh ? "下级合计：" : "children summed: "}${fig(r.parent.rolled_up, r, lang)}`);
  lines.push(`  ${zh ? r.summary.zh : r.summary.en}`);
  const t = r.targets_add_up;
  if (t && t.children_with_target === 0)
    lines.push(
      zh
        ? "  下级均无目标（无下级计划或分解），无法核对下级目标是否相加等于本级目标"
        : "  no child has a target (no child plan or allocation): nothing to check against this level's target",
    );
  else if (t)
    lines.push(
      zh
        ? `  下级目标合计${amount(t.sum, r, lang)}（${t.children_with_target}/${t.children}个下级有目标），本级目标${amount(t.parent_target, r, lang)}，差${amount(t.shortfall, r, lang)}：${t.adds_up ? "相符" : "不相符"}`
        : `  children's targets sum to ${amount(t.sum, r, lang)} (${t.children_with_target}/${t.children} children have one), this level's target ${amount(t.parent_target, r, lang)}, shortfall ${amount(t.shortfall, r, lang)}: ${t.adds_up ? "adds up" : "does not add up"}`,
    );
  if (r.children.length) lines.push(childTable(r, lang).replace(/^/gm, "  "));
  return lines.join("\n");
}

function allocationBlock(a: AppliedAllocation, lang: Lang): string {
  const zh = lang === "zh";
  const head = zh
    ? `分解 ${a.indicator}（${a.basis}）：目标 ${formatNumber(a.target, lang)}，合计 ${formatNumber(a.sum, lang)}，差 ${formatNumber(a.difference, lang)}：${a.adds_up ? "相符" : "不相符"}`
    : `allocation of ${a.indicator} (${a.basis}): target ${formatNumber(a.target, lang)}, allocated ${formatNumber(a.sum, lang)}, difference ${formatNumber(a.difference, lang)}: ${a.adds_up ? "adds up" : "does not add up"}`;
  const table = textTable(a.rows, [
    { header: zh ? "单位" : "unit", value: (r) => r.code },
    { header: zh ? "基期数" : "baseline", value: (r) => formatNumber(r.baseline, lang), align: "right" },
    { header: zh ? "比例" : "share", value: (r) => formatPercent(r.share, lang), align: "right" },
    { header: zh ? "分得目标" : "allocated", value: (r) => formatNumber(r.amount, lang), align: "right" },
  ]);
  const problems = a.problems.map((p) => `  ! ${zh ? p.zh : p.en}`);
  return [head, table.replace(/^/gm, "  "), ...problems].join("\n");
}

export function renderCascadeTable(c: CascadeReport, lang: Lang): string {
  const zh = lang === "zh";
  const head = zh
    ? `${c.plan.title.zh}（${c.plan.document}）— ${c.region.zh} ${c.region.code}，评估年份${c.year === null ? "—" : `${c.year}年`}`
    : `${c.plan.title.en} (${c.plan.document}) — ${c.region.en} ${c.region.code}, year ${c.year ?? "—"}`;
  const blocks = c.indicators.map((r) => indicatorBlock(r, lang));
  const links = c.linked.flatMap((l) => l.problems.map((p) => `! ${zh ? p.zh : p.en}`));
  const allocations = c.allocations.map((a) => allocationBlock(a, lang));
  const note = zh ? "* 该下级的目标年份与本级不同" : "* the child's target year differs from this level's";
  return [head, "", ...blocks.flatMap((b) => [b, ""]), ...allocations, ...links, note].join("\n");
}

const CSV_HEADER = [
  "plan",
  "indicator",
  "rollup",
  "level",
  "region",
  "name_zh",
  "name_en",
  "plan_id",
  "year",
  "value",
  "value_origin",
  "coverage",
  "target",
  "target_year",
  "target_origin",
  "status",
  "share_of_parent_value",
  "share_of_parent_target",
  "gap",
  "contribution_to_parent_gap",
  "share_of_parent_gap",
  "meets_parent_target",
];

/** The CSV rows of one plan's cascade: the plan region, then each child, per indicator. */
function cascadeCsvRows(c: CascadeFigures): unknown[][] {
  const rows: unknown[][] = [];
  for (const r of c.indicators) {
    const p = r.parent.latest ?? r.parent.rolled_up;
    rows.push([
      c.plan_id,
      r.id,
      r.rollup,
      "parent",
      c.region.code,
      c.region.zh,
      c.region.en,
      c.plan_id,
      p?.year,
      p?.value,
      p?.origin,
      p?.coverage ? `${p.coverage.present}/${p.coverage.children}` : "",
      r.parent.target.value,
      r.parent.target.year,
      "plan",
      r.parent.status,
      "",
      "",
      r.parent.gap,
      "",
      "",
      "",
    ]);
    for (const ch of r.children)
      rows.push([
        c.plan_id,
        r.id,
        r.rollup,
        "child",
        ch.code,
        ch.zh,
        ch.en,
        ch.plan_id ?? "",
        ch.latest?.year,
        ch.latest?.value,
        ch.latest?.origin,
        "",
        ch.target?.value,
        ch.target?.year,
        ch.target?.origin,
        ch.status,
        ch.share_of_parent_value,
        ch.share_of_parent_target,
        ch.gap,
        ch.contribution_to_parent_gap,
        ch.share_of_parent_gap,
        ch.meets_parent_target ?? "",
      ]);
  }
  return rows;
}

/** One plan's cascade as CSV: BOM, header, rows (lib/csv.ts). */
export function cascadeToCsv(c: CascadeFigures): string {
  return toCsv(CSV_HEADER, cascadeCsvRows(c));
}

interface Opts {
  db: string;
  lang: Lang;
  plan?: string;
  year?: number;
  format: Format;
  out?: string;
  by?: "baseline-share" | "equal";
  allocateBy?: "baseline-share" | "equal";
  indicator?: string;
  tree?: boolean;
}

/** Whether the cascade found something to fix: an allocation that does not add up, or a bad link. */
const hasProblems = (c: CascadeFigures) => c.allocations.some((a) => !a.adds_up) || c.linked.some((l) => l.problems.length);

async function run(opts: Opts, render: (c: CascadeReport) => string, tree?: TreeOutput): Promise<number> {
  const w = await openWarehouse(opts.db, { readOnly: true });
  try {
    const plan = await resolvePlan(w, opts.plan, opts.lang);
    if (opts.indicator && !plan.indicators.some((i) => i.id === opts.indicator))
      throw new UserError(
        `--indicator ${opts.indicator}：计划 ${plan.id} 没有这个指标（可用：${plan.indicators.map((i) => i.id).join("、")}）`,
        `--indicator ${opts.indicator}: plan ${plan.id} has no such indicator (known: ${plan.indicators.map((i) => i.id).join(", ")})`,
        EXIT.usage,
      );
    const by = opts.by ?? opts.allocateBy;
    const options = { year: opts.year, allocate: by ? { by, indicator: opts.indicator } : undefined };
    let text: string;
    let problems = false;
    if (opts.tree && tree) {
      // Each plan's cascade is rendered as it comes and then dropped: 3,442 plans' reports are never held at once.
      const parts: string[] = [];
      for await (const c of cascadeTreeFigures(w, plan, options)) {
        problems ||= hasProblems(c);
        parts.push(tree.plan(c, parts.length === 0));
      }
      parts.push(tree.end());
      text = parts.join("");
    } else {
      const report = await cascadeReport(w, plan, options);
      problems = hasProblems(report);
      text = render(report);
    }
    if (opts.out) writeFileAtomic(opts.out, text);
    else process.stdout.write(text);
    return problems ? EXIT.rowsRejected : EXIT.ok;
  } finally {
    await w.close();
  }
}

/** A whole tree's cascades rendered plan by plan: each plan's text as its cascade comes, then the end. */
interface TreeOutput {
  plan(c: CascadeFigures, first: boolean): string;
  end(): string;
}

/**
 * A whole tree's cascades: a JSON array, one CSV (one header; the CSV has no column for the
 * sentences, so they are not written), or the tables one plan after the other.
 */
function treeOutput(format: Format, lang: Lang): TreeOutput {
  if (format === "json") {
    const all: CascadeReport[] = [];
    return {
      plan: (c) => {
        all.push(withSummaries(c));
        return "";
      },
      end: () => `${JSON.stringify(all, null, 2)}\n`,
    };
  }
  if (format === "csv")
    return {
      plan: (c, first) => {
        const rows = cascadeCsvRows(c).map((r) => `${csvLine(r)}\r\n`);
        return `${first ? `\uFEFF${csvLine(CSV_HEADER)}\r\n` : ""}${rows.join("")}`;
      },
      end: () => "",
    };
  return { plan: (c, first) => `${first ? "" : "\n\n"}${renderCascadeTable(withSummaries(c), lang)}`, end: () => "\n" };
}

function renderer(format: Format, body: (c: CascadeReport) => string): (c: CascadeReport) => string {
  if (format === "json") return (c) => `${JSON.stringify(c, null, 2)}\n`;
  if (format === "csv") return cascadeToCsv;
  return (c) => `${body(c)}\n`;
}

/** Register `cascade` and `allocate`. */
export function registerCascadeCommands(program: Command, year: (v: string) => number): void {
  const global = () => program.opts<{ db: string; lang: Lang }>();
  program
    .command("cascade")
    .description("each child region against its target and its part in the plan's gap / 逐级分解：下级对本级目标的贡献")
    .option("--plan <file|id>", "plan file or the id of a plan in the warehouse (default: the stored plan)")
    .addOption(new Option("--year <year>", "as at this year (default: the latest with data)").argParser(year))
    .addOption(new Option("--allocate-by <rule>", "split targets the plan does not allocate").choices(["baseline-share", "equal"]))
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .option("--tree", "also every plan below this one (linked by parent.plan), parents first / 连同全部下级计划逐级输出")
    .action(async (o: Opts) => {
      const opts = { ...global(), ...o };
      process.exitCode = await run(
        opts,
        renderer(opts.format, (c) => renderCascadeTable(c, opts.lang)),
        treeOutput(opts.format, opts.lang),
      );
    });
  program
    .command("allocate")
    .description("split a target among the child regions or towns / 将目标分解到下级或乡镇")
    .option("--plan <file|id>", "plan file or the id of a plan in the warehouse (default: the stored plan)")
    .addOption(
      new Option("--by <rule>", "baseline-share | equal (the plan file's own allocations always apply)").choices([
        "baseline-share",
        "equal",
      ]),
    )
    .option("--indicator <id>", "only this indicator")
    .addOption(new Option("--format <format>", "output format").choices(["table", "json", "csv"]).default("table"))
    .option("--out <file>", "write to a file instead of the screen")
    .action(async (o: Opts) => {
      const opts = { ...global(), ...o };
      const only = (c: CascadeReport) => c.allocations.filter((a) => !opts.indicator || a.indicator === opts.indicator);
      const body = (c: CascadeReport) =>
        only(c)
          .map((a) => allocationBlock(a, opts.lang))
          .join("\n\n") ||
        (opts.lang === "zh"
          ? "没有分解：计划文件没有 allocations，请用 --by 指定规则。"
          : "nothing allocated: the plan file has no allocations; give a rule with --by.");
      const render =
        opts.format === "json"
          ? (c: CascadeReport) => `${JSON.stringify(only(c), null, 2)}\n`
          : opts.format === "csv"
            ? (c: CascadeReport) =>
                toCsv(
                  ["indicator", "basis", "unit", "baseline", "share", "allocated", "target", "sum", "difference", "adds_up"],
                  only(c).flatMap((a) =>
                    a.rows.map((r) => [
                      a.indicator,
                      a.basis,
                      r.code,
                      r.baseline,
                      r.share,
                      r.amount,
                      a.target,
                      a.sum,
                      a.difference,
                      a.adds_up,
                    ]),
                  ),
                )
            : (c: CascadeReport) => `${body(c)}\n`;
      process.exitCode = await run(opts, render);
    });
}
