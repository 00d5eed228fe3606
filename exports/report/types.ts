/**
 * The report's shape: what every format (Word, PDF/HTML, XLSX, Markdown, CSV, JSON) renders.
 * Text is plain text, never markup; table cells keep real numbers with a `kind` saying how to show
 * them; rows are objects keyed by column.
 */
import type { ReportMode } from "../../assessment/final.ts";
import type { TasksAssessment } from "../../assessment/milestones.ts";
import type { PlanAssessment, Status } from "../../assessment/types.ts";
import type { Plan } from "../../domain/plan.ts";
import type { ObservationRow, RejectedRecord, SourceFileRow } from "../../warehouse/read.ts";
import type { Lang } from "../format.ts";

export type { Lang } from "../format.ts";

/** How a cell is shown: a real number (in the indicator's unit), a share shown as %, a year … */
export type CellKind = "text" | "number" | "integer" | "percent" | "ratio" | "year" | "date";
export type Cell = string | number | null;
/** One table row, keyed by column key. */
export type Row = Record<string, Cell>;

export interface Column {
  key: string;
  label: string;
  kind: CellKind;
  /** Long text (sentences): wrap in spreadsheets. */
  wide?: boolean;
}

export interface Table {
  id: string;
  title: string;
  columns: Column[];
  rows: Row[];
  /** Said instead of an empty table. */
  empty: string;
  /** The report's language: numbers in cells are written for it (Chinese: no thousands separators). */
  lang?: Lang;
}

export interface Field {
  label: string;
  value: string;
}

export interface ChartPoint {
  year: number;
  value: number;
  preliminary: boolean;
  /** Running total for cumulative measures (plan years only). */
  cumulative: number | null;
}

export interface ChartSpec {
  title: string;
  unit: string;
  measure: "level" | "cumulative";
  points: ChartPoint[];
  target: { year: number; value: number; label: string };
  baselineYear: number;
  startYear: number;
  /** Numbers in the chart are written for this language (no thousands separators in Chinese). */
  lang?: Lang;
  /** Words used inside the chart. */
  legend: { value: string; cumulative: string; target: string; preliminary: string; baseline: string; missing: string };
}

export interface IndicatorSection {
  id: string;
  name: string;
  headline: boolean;
  status: Status;
  statusLabel: string;
  /** The generated verdict sentence. */
  sentence: string;
  fields: Field[];
  chart: ChartSpec;
  series: Table;
  metrics: Table;
  methods: Table;
  /** Notes and caveats from the assessment (plain sentences). */
  notes: string[];
}

export type Block =
  /** A heading inside a section: level 2 "（一）", level 3 "1." */
  | { kind: "heading"; text: string; level?: 2 | 3 }
  /** `draft`: text drafted from the data for the evaluator to edit. */
  | { kind: "paragraph"; text: string; style?: "verdict" | "note" | "warning" | "draft" }
  | { kind: "list"; items: string[]; style?: "draft" }
  | { kind: "fields"; items: Field[] }
  | { kind: "table"; table: Table }
  /** A chart (see `Report.indicators[].chart`), by indicator id. */
  | { kind: "chart"; id: string }
  /** An indicator's technical section, by id (see `Report.indicators`). */
  | { kind: "indicator"; id: string };

export type SectionId =
  | "overall"
  | "indicators"
  | "tasks"
  | "problems"
  | "suggestions"
  | "annex-methods"
  | "annex-quality"
  | "annex-evidence"
  | "annex-technical";

export interface Section {
  id: SectionId;
  title: string;
  /** Body sections (一 … 五) or annexes (附件1 … 4). */
  part: "body" | "annex";
  /** The section is drafted from the data and marked for the evaluator to edit. */
  draft?: boolean;
  blocks: Block[];
}

export interface Cover {
  title: string;
  /** The plan's document number (文号) and the report's own number, if given. */
  document: string;
  /** 编制单位: --author, else the plan's issuer. */
  author: string;
  /** 数据截至: the as-of date, else the latest publication date among the figures used. */
  as_of: string;
  /** 报告日期 (YYYY-MM-DD). */
  date: string;
  /** 征求意见稿 / 终稿 (draft / final). */
  mark: string;
  draft: boolean;
  fields: Field[];
  sources: string[];
  files: string[];
}

export interface ReportWords {
  cover: string;
  contents: string;
  series: string;
  raw: string;
  chart: string;
  metrics: string;
  methods: string;
  notes: string;
  page: string;
  of: string;
  none: string;
  draft: string;
  annexes: string;
}

export interface ReportTables {
  overview: Table;
  indicators: Table;
  series: Table;
  raw: Table;
  counts: Table;
  tasks: Table;
  units: Table;
  sources: Table;
  settle: Table;
  evidence: Table;
  files: Table;
  missing: Table;
  preliminary: Table;
  rejected: Table;
  conflicts: Table;
}

export interface Report {
  version: 2;
  lang: Lang;
  mode: ReportMode;
  /** ISO timestamp of generation (metadata: not printed in the body). */
  generated_at: string;
  title: string;
  subtitle: string;
  /** A warning shown on the cover and in every format (synthetic data). */
  warning: string | null;
  synthetic: boolean;
  cover: Cover;
  summary: { sentence: string; sentence_all: string };
  sections: Section[];
  indicators: IndicatorSection[];
  /** Flat tables, as the spreadsheet and CSV show them. */
  tables: ReportTables;
  methodology: { heading: string; paragraphs: string[] }[];
  /** Section, sheet and format words the renderers share. */
  words: ReportWords;
}

export interface ReportInput {
  plan: Plan;
  assessment: PlanAssessment;
  /** Every vintage (readObservations with history: true). */
  history: ObservationRow[];
  files: SourceFileRow[];
  rejected: RejectedRecord[];
  lang: Lang;
  /** When the report is generated (default now). */
  generatedAt?: Date;
  /** 编制单位 (default: the plan's issuer). */
  author?: string;
  /** The report's own document number (default: none). */
  number?: string;
  /** Milestones and progress reports (assessment/milestones.ts), when the plan has them. */
  tasks?: TasksAssessment;
  /** Final (终稿) rather than draft (征求意见稿); default draft. */
  release?: boolean;
}
