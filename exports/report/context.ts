/**
 * The context every section builder shares: the plan, the assessment and its final verdicts, the
 * vintages (which figure was used, which were superseded), names in the report's language and the
 * small text helpers. Built once per report; pure.
 */
import { GRADE_LABELS, type Grade, type IndicatorVerdict } from "../../assessment/final.ts";
import { STATUS_LABELS } from "../../assessment/labels.ts";
import type { IndicatorAssessment, PlanAssessment, Status } from "../../assessment/types.ts";
import type { Plan } from "../../domain/plan.ts";
import { isSyntheticName, isSyntheticText } from "../../lib/synthetic.ts";
import { t, type Lang } from "../format.ts";
import type { Cell, CellKind, Column, ReportInput, Row, Table } from "./types.ts";
import { key, markVintages, type Vintage } from "./vintages.ts";

export interface ReportContext {
  input: ReportInput;
  plan: Plan;
  A: PlanAssessment;
  lang: Lang;
  /** The assessment year. */
  Y: number;
  final: boolean;
  L: (zh: string, en: string) => string;
  vintages: Vintage[];
  usedBy: Map<string, Vintage>;
  othersBy: Map<string, Vintage[]>;
  assessById: Map<string, IndicatorAssessment>;
  verdictById: Map<string, IndicatorVerdict>;
  unitName: (id: string) => string;
  indName: (a: { zh: string; en: string }) => string;
  synthetic: boolean;
}

export function reportContext(input: ReportInput): ReportContext {
  const { plan, assessment: A, lang } = input;
  const vintages = markVintages(input.history, plan.region.code, A.as_of);
  const usedBy = new Map<string, Vintage>();
  const othersBy = new Map<string, Vintage[]>();
  for (const v of vintages) {
    const k = key(v.indicator, v.year);
    if (v.used) usedBy.set(k, v);
    else othersBy.set(k, [...(othersBy.get(k) ?? []), v]);
  }
  const unitById = new Map(plan.units.map((u) => [u.id, u]));
  const synthetic =
    plan.synthetic ||
    input.files.some((f) => isSyntheticName(f.name)) ||
    input.history.some((r) => isSyntheticText(r.source) || isSyntheticText(r.note));
  return {
    input,
    plan,
    A,
    lang,
    Y: A.year,
    final: A.mode === "final",
    L: (zh, en) => t(lang, zh, en),
    vintages,
    usedBy,
    othersBy,
    assessById: new Map(A.indicators.map((a) => [a.id, a])),
    verdictById: new Map(A.final.indicators.map((v) => [v.id, v])),
    unitName: (id) => {
      const u = unitById.get(id);
      return u ? (lang === "zh" ? u.zh : u.en) : id;
    },
    indName: (a) => (lang === "zh" ? a.zh : a.en),
    synthetic,
  };
}

export const col = (key: string, label: string, kind: CellKind, wide = false): Column => ({ key, label, kind, ...(wide ? { wide } : {}) });

export function table(id: string, title: string, columns: Column[], rows: Row[], empty: string): Table {
  return { id, title, columns, rows, empty };
}

/** A row's cells in column order. */
export const rowCells = (table: Pick<Table, "columns">, row: Row): Cell[] => table.columns.map((c) => row[c.key] ?? null);

export const yes = (ctx: ReportContext, b: boolean) => (b ? ctx.L("是", "yes") : ctx.L("否", "no"));

export const statusLabel = (ctx: ReportContext, s: Status | null) =>
  s ? STATUS_LABELS[s][ctx.lang] : ctx.L("无量化指标", "no quantitative indicator");

export const gradeLabel = (ctx: ReportContext, g: Grade) => GRADE_LABELS[g][ctx.lang];

/** The verdict shown for an indicator: its grade in a final report, its trend status in an interim one. */
export function verdictLabel(ctx: ReportContext, a: IndicatorAssessment): string {
  const v = ctx.verdictById.get(a.id);
  return ctx.final && v ? gradeLabel(ctx, v.grade) : statusLabel(ctx, a.status);
}

/** Sources of the figures used for an indicator up to the assessment year. */
export function sourcesOf(ctx: ReportContext, id: string): string[] {
  return [
    ...new Set(ctx.vintages.filter((v) => v.used && v.indicator === id && v.year <= ctx.Y && v.source).map((v) => v.source as string)),
  ];
}

/** Files the figures used for an indicator came from. */
export function filesOf(ctx: ReportContext, id: string): string[] {
  return [...new Set(ctx.vintages.filter((v) => v.used && v.indicator === id && v.file).map((v) => v.file as string))];
}
