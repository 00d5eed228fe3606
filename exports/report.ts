/**
 * The evaluation report (终期评估报告, or 中期评估报告 with --interim) as data: a `Report` built from a
 * PlanAssessment, the observation history (every vintage), the source files and the rejected rows.
 * Every format (Word, PDF/HTML, XLSX, Markdown, CSV, JSON) renders this one object, so they agree by
 * construction. The outline:
 *
 *   cover (title, number, 编制单位, 数据截至, date, draft/final mark, synthetic warning)
 *   一、总体完成情况   二、主要指标完成情况   三、重点任务完成情况   四、存在问题（草稿）   五、下一步工作建议（草稿）
 *   附件1 评估方法   附件2 数据来源与质量   附件3 佐证材料清单   附件4 分指标技术表
 *
 * Each part has its own builder in exports/report/sections/, sharing one context (report/context.ts).
 * Pure: no I/O.
 *
 * @example
 *   const report = buildReport({ plan, assessment, history, files, rejected, lang: "zh" });
 *   report.sections.map((s) => s.title); // ["一、总体完成情况", …, "附件4　分指标技术表"]
 */
import { reportContext } from "./report/context.ts";
import { buildCover, synthWarning } from "./report/sections/cover.ts";
import { indicatorsSection, overviewTable } from "./report/sections/indicators.ts";
import { methodology, methodsSection } from "./report/sections/methods.ts";
import { countsTable, overallParagraphs, overallSection } from "./report/sections/overall.ts";
import { problemsSection, suggestionsSection } from "./report/sections/problems.ts";
import { evidenceSection, evidenceTable, qualitySection, qualityTables, settleTable, sourcesTable } from "./report/sections/quality.ts";
import { tasksSection, tasksTable, unitsTable } from "./report/sections/tasks.ts";
import { indicatorSections, indicatorsTable, rawTable, seriesTable, technicalSection } from "./report/sections/technical.ts";
import type { Report, ReportInput } from "./report/types.ts";

export { rowCells } from "./report/context.ts";
export { finalSentence, indicatorSentence } from "./report/sentences.ts";
export type * from "./report/types.ts";
export { markVintages } from "./report/vintages.ts";

export function buildReport(input: ReportInput): Report {
  const ctx = reportContext(input);
  const { L, plan, A, lang } = ctx;
  const generated = input.generatedAt ?? new Date();
  const cover = buildCover(ctx);
  const indicators = indicatorSections(ctx);
  const quality = { ...qualityTables(ctx), sources: sourcesTable(ctx), settle: settleTable(ctx) };
  const evidence = evidenceTable(ctx);
  const methods = methodology(ctx);
  const sections = [
    overallSection(ctx),
    indicatorsSection(ctx),
    tasksSection(ctx),
    problemsSection(ctx),
    suggestionsSection(ctx),
    methodsSection(ctx, methods),
    qualitySection(ctx, quality),
    evidenceSection(ctx, evidence),
    technicalSection(ctx, indicators),
  ];
  return withTableLang({
    version: 2,
    lang,
    mode: A.mode,
    generated_at: generated.toISOString(),
    title: cover.title,
    subtitle: L(`${plan.document}　${plan.region.zh}　评估年份${A.year}年`, `${plan.document} · ${plan.region.en} · assessed at ${A.year}`),
    warning: synthWarning(ctx),
    synthetic: ctx.synthetic,
    cover,
    summary: { sentence: A.summary.sentence[lang], sentence_all: overallParagraphs(ctx).join(lang === "zh" ? "" : " ") },
    sections,
    indicators,
    tables: {
      overview: overviewTable(ctx),
      indicators: indicatorsTable(ctx),
      series: seriesTable(ctx),
      raw: rawTable(ctx),
      counts: countsTable(ctx),
      tasks: tasksTable(ctx),
      units: unitsTable(ctx),
      evidence,
      ...quality,
    },
    methodology: methods,
    words: {
      cover: L("封面", "Cover"),
      contents: L("目录", "Contents"),
      series: L("年度数据", "Yearly figures"),
      raw: L("原始数据", "Raw series"),
      chart: L("图", "Chart"),
      metrics: L("评估指标", "Metrics"),
      methods: L("各方法结论", "Verdicts by method"),
      notes: L("说明", "Notes"),
      page: L("第", "Page"),
      of: L("页，共", "of"),
      none: L("无", "None"),
      draft: L("草稿", "Draft"),
      annexes: L("附件", "Annexes"),
    },
  });
}

/** Every table of the report learns its language, so each format writes its numbers for it (exports/cells.ts). */
function withTableLang(report: Report): Report {
  const tables = [
    ...Object.values(report.tables),
    ...report.indicators.flatMap((i) => [i.series, i.metrics, i.methods]),
    ...report.sections.flatMap((s) => s.blocks.flatMap((b) => (b.kind === "table" ? [b.table] : []))),
  ];
  for (const t of tables) t.lang = report.lang;
  return report;
}
