/**
 * 附件2 数据来源与质量: per indicator the sources used; what is missing for a final verdict and which
 * file would settle it; years missing, preliminary figures, conflicts resolved, rows rejected and
 * the source files. No error codes, no import timestamps. Pure.
 */
import { num, unitLabel, vintageLabel } from "../../format.ts";
import { col, filesOf, type ReportContext, sourcesOf, table } from "../context.ts";
import type { Block, Row, Section, Table } from "../types.ts";
import { key, whyWins } from "../vintages.ts";
import { missingYears } from "./technical.ts";

export function sourcesTable(ctx: ReportContext): Table {
  const { L } = ctx;
  const rows: Row[] = ctx.A.indicators.map((a) => {
    const used = a.series.map((p) => ctx.usedBy.get(key(a.id, p.year))).filter((v) => v !== undefined);
    const dates = used
      .map((v) => v.published)
      .filter((d): d is string => !!d)
      .sort();
    const derived = a.series.some((p) => p.origin === "derived");
    const sources = sourcesOf(ctx, a.id);
    return {
      indicator: ctx.indName(a),
      source:
        [...sources, ...(derived ? [L("由明细记录汇总", "derived from records")] : [])].join(L("；", "; ")) ||
        L("未注明（见文件）", "not stated (see files)"),
      published: dates.length ? `${dates[0]}${dates.length > 1 ? ` — ${dates[dates.length - 1]}` : ""}` : null,
      files: filesOf(ctx, a.id).join(L("、", ", ")) || "—",
    };
  });
  return table(
    "sources",
    L("各指标数据来源", "Sources by indicator"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("source", L("数据来源", "Source"), "text", true),
      col("published", L("发布日期", "Published"), "text"),
      col("files", L("文件", "Files"), "text", true),
    ],
    rows,
    L("没有数据。", "No data."),
  );
}

/** For each indicator without a final verdict: the figure needed and the file that would settle it. */
export function settleTable(ctx: ReportContext): Table {
  const { L } = ctx;
  const rows: Row[] = ctx.A.final.indicators
    .filter((v) => v.missing)
    .map((v) => {
      const a = ctx.assessById.get(v.id)!;
      const files = filesOf(ctx, a.id);
      const lead = ctx.A.final.tasks
        .find((t) => a.tasks.includes(t.id))
        ?.lead.map(ctx.unitName)
        .join(L("、", ", "));
      return {
        indicator: ctx.indName(a),
        needed: L(
          `${v.missing!.year}年${a.measure === "cumulative" ? "当年值" : "数值"}（${a.unit}）`,
          `${v.missing!.year} ${a.measure === "cumulative" ? "yearly amount" : "figure"} (${a.unit_en})`,
        ),
        file: files.length
          ? L(
              `在${files.join("、")}中补报${v.missing!.year}年数据，或报送含该年数据的新文件`,
              `add ${v.missing!.year} to ${files.join(", ")}, or submit a new file with that year`,
            )
          : L(`报送含${v.missing!.year}年数据的文件`, `submit a file with the ${v.missing!.year} figure`),
        who: lead || "—",
      };
    });
  return table(
    "settle",
    L("作出终期结论尚缺的数据", "Figures still needed for a final verdict"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("needed", L("所需数据", "Figure needed"), "text"),
      col("file", L("补充方式", "How to supply it"), "text", true),
      col("who", L("牵头单位", "Lead unit"), "text"),
    ],
    rows,
    L("所有指标都有目标年数据。", "Every indicator has a target-year figure."),
  );
}

export function qualityTables(ctx: ReportContext) {
  const { L, lang, input } = ctx;
  const miss = missingYears(ctx);
  const missing = table(
    "missing",
    L("缺失年份", "Years missing"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("expected", L("应有年份", "Years expected"), "text"),
      col("missing", L("缺失年份", "Years missing"), "text"),
      col("note", L("说明", "Note"), "text", true),
    ],
    ctx.A.indicators
      .filter((a) => miss.has(a.id))
      .map((a) => ({ indicator: ctx.indName(a), ...miss.get(a.id)!, missing: miss.get(a.id)!.years })),
    L("所有指标在应有年份都有数据。", "Every indicator has figures for every year expected."),
  );
  const preliminary = table(
    "preliminary",
    L("仍为初步数的数据", "Figures still preliminary"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("year", L("年份", "Year"), "year"),
      col("value", L("数值", "Value"), "number"),
      col("unit", L("单位", "Unit"), "text"),
      col("published", L("发布日期", "Published"), "date"),
      col("source", L("数据来源", "Source"), "text", true),
    ],
    ctx.A.indicators.flatMap((a) =>
      a.series
        .filter((p) => p.status === "preliminary")
        .map((p) => ({
          indicator: ctx.indName(a),
          year: p.year,
          value: p.value,
          unit: unitLabel(a.unit, a.unit_en, lang),
          published: ctx.usedBy.get(key(a.id, p.year))?.published ?? p.published,
          source: p.source,
        })),
    ),
    L("评估所用数据中没有初步数。", "None of the figures used is preliminary."),
  );
  const rejected = table(
    "rejected",
    L("导入时未采用的行", "Rows not used at ingestion"),
    [
      col("file", L("文件", "File"), "text"),
      col("row", L("行号", "Row"), "integer"),
      col("column", L("列", "Column"), "text"),
      col("value", L("原值", "Value as given"), "text"),
      col("reason", L("原因", "Reason"), "text", true),
    ],
    input.rejected.map((r) => ({ file: r.file, row: r.row, column: r.column, value: r.value, reason: lang === "zh" ? r.zh : r.en })),
    L("没有未采用的行。", "No rows were rejected."),
  );
  const conflictRows: Row[] = [];
  for (const [k, losers] of ctx.othersBy) {
    const winner = ctx.usedBy.get(k);
    for (const o of losers) {
      const a = ctx.assessById.get(o.indicator);
      const vtext = (v: typeof o) =>
        L(
          `${num(v.value)}（${[vintageLabel(v.status, lang), v.published, `${v.file}:${v.row}`].filter(Boolean).join("，")}）`,
          `${num(v.value)} (${[vintageLabel(v.status, lang), v.published, `${v.file}:${v.row}`].filter(Boolean).join(", ")})`,
        );
      conflictRows.push({
        indicator: a ? ctx.indName(a) : o.indicator,
        year: o.year,
        used_value: winner?.value ?? null,
        used: winner ? vtext(winner) : "—",
        other_value: o.value,
        other: vtext(o),
        why: winner
          ? whyWins(winner, o, lang)
          : L(`发布于评估截止日期之后（${o.known_on}），未采用`, `published after the as-of date (${o.known_on}), not used`),
      });
    }
  }
  conflictRows.sort((x, y) => String(x.indicator).localeCompare(String(y.indicator)) || Number(x.year) - Number(y.year));
  const conflicts = table(
    "conflicts",
    L("数据冲突与修订（同一指标同一年份的多个版本）", "Conflicts and revisions (several vintages of one figure)"),
    [
      col("indicator", L("指标", "Indicator"), "text"),
      col("year", L("年份", "Year"), "year"),
      col("used", L("采用的版本（状态，发布日期，文件:行）", "Vintage used (stage, published, file:row)"), "text", true),
      col("other", L("被取代的版本", "Vintage superseded"), "text", true),
      col("why", L("采用依据", "Why"), "text", true),
    ],
    conflictRows,
    L("没有数据冲突：每个指标每年只有一个版本。", "No conflicts: every figure has a single vintage."),
  );
  const files = table(
    "files",
    L("来源文件", "Source files"),
    [
      col("name", L("文件", "File"), "text"),
      col("format", L("格式", "Format"), "text"),
      col("rows_read", L("读取行数", "Rows read"), "integer"),
      col("accepted", L("采用", "Accepted"), "integer"),
      col("rejected", L("未采用", "Rejected"), "integer"),
      col("superseded", L("取代旧值", "Superseded"), "integer"),
    ],
    input.files.map((f) => ({
      name: f.name,
      format: f.format,
      rows_read: f.rows_read,
      accepted: f.accepted,
      rejected: f.rejected,
      superseded: f.superseded,
    })),
    L("仓库中没有来源文件记录。", "The warehouse records no source files."),
  );
  return { missing, preliminary, rejected, conflicts, files };
}

export function qualitySection(ctx: ReportContext, t: ReturnType<typeof qualityTables> & { sources: Table; settle: Table }): Section {
  const { L } = ctx;
  const blocks: Block[] = [
    {
      kind: "paragraph",
      text: L(
        `数据质量概况：${t.settle.rows.length}项指标缺少目标年数据，${t.missing.rows.length}项指标有缺失年份，${t.preliminary.rows.length}个数据仍为初步数，导入时${t.rejected.rows.length}行未采用，${t.conflicts.rows.length}个数据被更新版本取代（按发布日期、数据阶段、导入顺序确定采用的版本）。`,
        `Data quality at a glance: ${t.settle.rows.length} indicator(s) lack a target-year figure, ${t.missing.rows.length} have years missing, ${t.preliminary.rows.length} figure(s) are still preliminary, ${t.rejected.rows.length} row(s) were not used at ingestion, ${t.conflicts.rows.length} figure(s) were superseded by a newer vintage (by publication date, then stage, then ingestion order).`,
      ),
    },
    ...[t.sources, t.settle, t.missing, t.preliminary, t.conflicts, t.rejected, t.files].map((table): Block => ({ kind: "table", table })),
  ];
  return { id: "annex-quality", part: "annex", title: L("附件2　数据来源与质量", "Annex 2. Data sources and quality"), blocks };
}

/** 附件3 佐证材料清单: each figure used, with its source, publication date and file (the evidence on record). */
export function evidenceTable(ctx: ReportContext): Table {
  const { L } = ctx;
  const rows: Row[] = [];
  for (const a of ctx.A.indicators) {
    for (const p of a.series.filter((x) => x.year >= ctx.plan.baseline_year && x.year <= ctx.Y)) {
      const v = ctx.usedBy.get(key(a.id, p.year));
      rows.push({
        no: rows.length + 1,
        indicator: ctx.indName(a),
        year: p.year,
        material:
          p.origin === "derived" ? L("明细记录汇总", "records, summed") : (p.source ?? v?.source ?? L("报送数据", "submitted figure")),
        published: p.origin === "derived" ? null : (v?.published ?? p.published),
        file: v ? `${v.file}${v.row ? `:${v.row}` : ""}` : "—",
      });
    }
  }
  for (const t of ctx.input.tasks?.tasks ?? []) {
    for (const m of t.milestones) {
      for (const e of m.evidence) {
        rows.push({
          no: rows.length + 1,
          indicator: L(`任务${t.id}：${m.zh}`, `Task ${t.id}: ${m.en}`),
          year: m.year ?? (m.completed ? Number(m.completed.slice(0, 4)) : null),
          material: e.missing ? L(`${e.name}（未找到文件）`, `${e.name} (file missing)`) : e.name,
          published: m.completed,
          file: e.sha256 ? e.sha256.slice(0, 12) : "—",
        });
      }
    }
  }
  return table(
    "evidence",
    L("佐证材料清单", "Evidence"),
    [
      col("no", L("序号", "No."), "integer"),
      col("indicator", L("指标", "Indicator"), "text"),
      col("year", L("年份", "Year"), "year"),
      col("material", L("材料（数据来源）", "Material (source)"), "text", true),
      col("published", L("发布日期", "Published"), "date"),
      col("file", L("文件:行", "File:row"), "text"),
    ],
    rows,
    L("没有佐证材料。", "No evidence on record."),
  );
}

export function evidenceSection(ctx: ReportContext, evidence: Table): Section {
  const { L } = ctx;
  return {
    id: "annex-evidence",
    part: "annex",
    title: L("附件3　佐证材料清单", "Annex 3. Evidence"),
    blocks: [
      {
        kind: "paragraph",
        text: L(
          "评估所用每一数据的出处（统计公报、部门报表等）及所在文件，供核查。",
          "Where each figure used comes from (statistical bulletin, department return …) and the file it is in, for checking.",
        ),
      },
      { kind: "table", table: evidence },
    ],
  };
}
