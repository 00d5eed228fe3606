/**
 * The plan as data: the schema of a plan file (YAML), validated with zod at the edge,
 * and the types every other layer uses. Pure: no I/O.
 *
 * @example
 *   const plan = normalisePlan(PlanFileSchema.parse(yaml.parse(text)));
 *   plan.indicators[0].comparator; // ">=" (defaulted from direction)
 */
import { z } from "zod";
import { DEFAULT_GRADE_THRESHOLDS, type GradeThresholds } from "../lib/thresholds.ts";
import { type Derive, DeriveSchema, deriveProblems } from "./derive.ts";

const idPattern = /^[a-z0-9_]+$/;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Chinese and English text. English may be omitted in a plan file; Chinese may not. */
export const BilingualSchema = z.object({
  zh: z.string().min(1, "zh: Chinese text is required / 需要中文名称"),
  en: z.string().optional(),
});

export const MeasureSchema = z.enum(["level", "cumulative"]);
export const DirectionSchema = z.enum(["increase", "decrease"]);
export const ComparatorSchema = z.enum([">=", "<=", ">", "<", "="]);
/** How often the figure is published. */
export const PeriodicitySchema = z.enum(["annual", "semiannual", "quarterly", "monthly"]);
export type Periodicity = z.infer<typeof PeriodicitySchema>;
export const RollupSchema = z.enum(["sum", "ratio"]);

export const IndicatorSchema = z
  .object({
    id: z.string().regex(idPattern, "id: use lower-case letters, digits and _ only / 只能用小写字母、数字和下划线"),
    zh: z.string().min(1),
    en: z.string().min(1),
    aliases: z.array(z.string().min(1)).default([]),
    unit: z.string().min(1),
    unit_en: z.string().optional(),
    measure: MeasureSchema.default("level"),
    direction: DirectionSchema.default("increase"),
    target: z.number().finite(),
    /** Year the target is for; defaults to the plan's target_year. */
    target_year: z.number().int().optional(),
    comparator: ComparatorSchema.optional(),
    headline: z.boolean().default(false),
    wording: z.string().optional(),
    /** Why the indicator is modelled as it is (an ambiguity resolved, a source). */
    note: z.string().optional(),
    note_en: z.string().optional(),
    /** Values with unit '%' are percentages; say so for clarity. */
    percent: z.boolean().optional(),
    /** Indicator metadata shown on its page (all optional): definition and 口径, source agency, periodicity, next release. */
    definition: z.string().min(1).optional(),
    definition_en: z.string().min(1).optional(),
    source_agency: z.string().min(1).optional(),
    source_agency_en: z.string().min(1).optional(),
    periodicity: PeriodicitySchema.optional(),
    next_release: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, "next_release: write a date as YYYY-MM-DD / 下次发布日期请写成 YYYY-MM-DD")
      .refine((d) => !Number.isNaN(Date.parse(`${d}T00:00:00Z`)) && new Date(`${d}T00:00:00Z`).toISOString().startsWith(d), {
        message: "next_release: not a real date / 下次发布日期不是有效日期",
      })
      .optional(),
    /**
     * How child regions' figures combine into this one (the cascade): "sum" (enterprises, turnover:
     * the children add up) or "ratio" (R&D as a share of GDP: no sum). Default: ratio for '%', else sum.
     */
    rollup: RollupSchema.optional(),
    /** How the indicator is derived from record files (domain/derive.ts); absent: never derived. */
    derive: DeriveSchema.optional(),
  })
  .strict();

export const UnitSchema = z
  .object({
    id: z.string().regex(idPattern),
    zh: z.string().min(1),
    en: z.string().min(1),
    /** Other spellings the document or files use for the same office. */
    aliases: z.array(z.string()).default([]),
  })
  .strict();

export const TaskGroupSchema = z.object({ id: z.number().int(), zh: z.string().min(1), en: z.string().optional() }).strict();

/** A calendar date YYYY-MM-DD that exists (YAML may hand over a Date when the value is unquoted). */
export const DateSchema = z.union([z.string(), z.date()]).transform((v, ctx) => {
  const text = v instanceof Date ? v.toISOString().slice(0, 10) : v;
  if (!isoDate.test(text) || Number.isNaN(Date.parse(text)) || new Date(`${text}T00:00:00Z`).toISOString().slice(0, 10) !== text) {
    ctx.addIssue({
      code: "custom",
      message: `write a real date as YYYY-MM-DD, e.g. 2019-06-30 (got "${text}") / 日期写作YYYY-MM-DD，如 2019-06-30（现为"${text}"）`,
    });
    return z.NEVER;
  }
  return text;
});

/** A deliverable of a task (what a responsible unit owes, by when). See README "Milestones". */
export const MilestoneSchema = z
  .object({
    id: z.string({ message: 'id: write the milestone id as quoted text, e.g. id: "4.1" / 里程碑 id 请加引号，如 id: "4.1"' }).min(1),
    zh: z.string().min(1, "zh: Chinese text is required / 需要中文名称"),
    en: z.string().optional(),
    /** The document's own words for this deliverable. */
    wording: z.string().optional(),
    due: DateSchema,
    /** Units owing this milestone; default: the task's units. */
    responsible: z.array(z.string().min(1)).optional(),
    /** What counts as proof (佐证材料). */
    evidence: z.string().optional(),
    /** true: owed once per year, on the month/day of `due`, from the year of `due` through the plan's target year. */
    recurring: z.boolean().default(false),
    note: z.string().optional(),
    note_en: z.string().optional(),
  })
  .strict();

export const TaskSchema = z
  .object({
    id: z.number().int(),
    group: TaskGroupSchema,
    zh: z.string().min(1),
    en: z.string().optional(),
    /** Responsible units as the document names them, or unit ids. */
    responsible: z.array(z.string().min(1)).default([]),
    /** The lead unit(s) (牵头单位), named as in `responsible`; default: the first named. */
    lead: z.union([z.string().min(1), z.array(z.string().min(1)).min(1)]).optional(),
    indicators: z.array(z.string()).default([]),
    summary: z.string().optional(),
    milestones: z.array(MilestoneSchema).default([]),
  })
  .strict();

/**
 * Final-verdict thresholds on completion (实现程度, a share): target met and completion at or above
 * `exceeded` → 超额完成; target not met and completion at or above `basic` → 基本完成.
 */
export const GradesSchema = z
  .object({
    exceeded: z.number().min(1, "grades.exceeded: a share of at least 1 (1.05 = 105%) / 超额完成阈值应不小于1（1.05即105%）").max(10),
    basic: z
      .number()
      .gt(0, "grades.basic: a share between 0 and 1 (0.9 = 90%) / 基本完成阈值应在0到1之间（0.9即90%）")
      .max(1, "grades.basic: a share between 0 and 1 (0.9 = 90%) / 基本完成阈值应在0到1之间（0.9即90%）"),
  })
  .partial()
  .strict();

export { DEFAULT_GRADE_THRESHOLDS, type GradeThresholds };

export const ParentSchema = z.object({ document: z.string().min(1), zh: z.string().optional(), en: z.string().optional() }).strict();

/** The plan this one implements, by id, and which of its indicators each of ours feeds. */
export const ParentLinkSchema = z
  .object({
    plan: z.string().regex(/^[a-z0-9_-]+$/, "parent.plan: the id of the parent plan / 上级计划的 id"),
    /** child indicator id -> parent indicator id */
    indicators: z.record(z.string(), z.string()).default({}),
  })
  .strict();

/** A region (or town) below the plan's own: code by the region tree, or a town's name as record files write it. */
export const SubregionSchema = z
  .object({
    code: z
      .string()
      .regex(/^(\d{6}|\d{9}|\d{12}|[^\s]+)$/, "subregions[].code: a region code (6, 9 or 12 digits) or a town name / 区划代码或乡镇名称"),
    zh: z.string().min(1),
    en: z.string().optional(),
  })
  .strict();

/** How a target is split among subregions: by a rule, or explicit shares (fractions) or amounts. */
export const AllocationSchema = z
  .object({
    indicator: z.string().min(1),
    by: z.enum(["baseline-share", "equal"]).optional(),
    shares: z.record(z.string(), z.number().finite().nonnegative()).optional(),
    amounts: z.record(z.string(), z.number().finite().nonnegative()).optional(),
  })
  .strict();

export const PlanFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9_-]+$/, "id: lower-case letters, digits, - and _ / 只能用小写字母、数字、-和_"),
    title: BilingualSchema,
    document: z.string().min(1),
    issuer: BilingualSchema.optional(),
    issued: z.union([z.string().regex(isoDate, "issued: write a date as YYYY-MM-DD / 日期写作YYYY-MM-DD"), z.date()]).optional(),
    region: z
      .object({
        code: z.string().regex(/^\d{6}$/, "region.code: six-digit administrative code, quoted / 六位行政区划代码，加引号"),
        zh: z.string().min(1),
        en: z.string().optional(),
      })
      .strict(),
    baseline_year: z.number().int().min(1900).max(2200),
    start_year: z.number().int().min(1900).max(2200),
    target_year: z.number().int().min(1900).max(2200),
    parents: z.array(ParentSchema).default([]),
    parent: ParentLinkSchema.optional(),
    subregions: z.array(SubregionSchema).default([]),
    allocations: z.array(AllocationSchema).default([]),
    synthetic: z.boolean().optional(),
    grades: GradesSchema.optional(),
    notes: z.array(z.string()).default([]),
    units: z.array(UnitSchema).default([]),
    indicators: z.array(IndicatorSchema).min(1, "indicators: a plan needs at least one indicator / 至少需要一个指标"),
    tasks: z.array(TaskSchema).default([]),
  })
  .strict();

export type PlanFile = z.infer<typeof PlanFileSchema>;
export type Comparator = z.infer<typeof ComparatorSchema>;
export type Measure = z.infer<typeof MeasureSchema>;
export type Direction = z.infer<typeof DirectionSchema>;
export type Rollup = z.infer<typeof RollupSchema>;
export type Allocation = z.infer<typeof AllocationSchema>;
export interface Subregion {
  code: string;
  zh: string;
  en: string;
}

export interface Indicator {
  id: string;
  zh: string;
  en: string;
  aliases: string[];
  unit: string;
  unit_en: string;
  measure: Measure;
  direction: Direction;
  target: number;
  target_year: number;
  comparator: Comparator;
  headline: boolean;
  wording?: string;
  note?: string;
  note_en?: string;
  definition?: string;
  definition_en?: string;
  source_agency?: string;
  source_agency_en?: string;
  periodicity?: Periodicity;
  next_release?: string;
  /** How children combine into this indicator in the cascade (see IndicatorSchema.rollup; `rollupOf`). */
  rollup?: Rollup;
  /** How the indicator is derived from record files, as the plan file says (domain/derive.ts). */
  derive?: Derive;
}

export interface ResponsibleUnit {
  id: string;
  zh: string;
  en: string;
  aliases: string[];
}

export interface Milestone {
  id: string;
  task_id: number;
  zh: string;
  en: string;
  wording?: string;
  /** YYYY-MM-DD; for a recurring milestone, the first year's due date. */
  due: string;
  /** Responsible unit ids (the task's units when the plan file names none). */
  responsible: string[];
  evidence?: string;
  recurring: boolean;
  note?: string;
  note_en?: string;
}

export interface Task {
  id: number;
  group: { id: number; zh: string; en: string };
  zh: string;
  en: string;
  /** Responsible unit ids (resolved from the plan's `units` list). */
  responsible: string[];
  /** Lead unit ids (牵头单位); the rest of `responsible` support (配合单位). Absent: the first leads. */
  lead?: string[];
  indicators: string[];
  summary?: string;
  milestones: Milestone[];
}

/** A validated plan with every default filled in and every reference resolved. */
export interface Plan {
  id: string;
  title: { zh: string; en: string };
  document: string;
  issuer?: { zh: string; en: string };
  issued?: string;
  region: { code: string; zh: string; en: string };
  baseline_year: number;
  start_year: number;
  target_year: number;
  parents: { document: string; zh?: string; en?: string }[];
  /** The parent plan this one implements (cascade), with the indicator mapping child id -> parent id. */
  parent?: { plan: string; indicators: Record<string, string> };
  /** Regions or towns below this plan's region that the plan names (for labels and coverage). */
  subregions?: Subregion[];
  /** Targets split among subregions. */
  allocations?: Allocation[];
  synthetic: boolean;
  /** Final-verdict thresholds from the plan file (absent: DEFAULT_GRADE_THRESHOLDS). */
  grades?: GradeThresholds;
  notes: string[];
  indicators: Indicator[];
  tasks: Task[];
  units: ResponsibleUnit[];
}

/** English names for the units that appear in most Chinese plans, used when a plan file gives none. */
const UNIT_EN: Record<string, string> = {
  亿元: "100 million yuan",
  万元: "10,000 yuan",
  元: "yuan",
  千元: "1,000 yuan",
  家: "enterprises",
  个: "units",
  项: "items",
  件: "items",
  所: "institutions",
  亿尾: "100 million fry",
  万尾: "10,000 fry",
  "%": "%",
};

/** How an indicator's children combine: its `rollup`, else ratio for a '%' unit and sum otherwise. */
export function rollupOf(ind: Pick<Indicator, "unit" | "rollup">): Rollup {
  return ind.rollup ?? (ind.unit === "%" ? "ratio" : "sum");
}

export function defaultComparator(direction: Direction): Comparator {
  return direction === "decrease" ? "<=" : ">=";
}

/** A problem found while resolving references inside a valid-looking plan (path into the YAML). */
export interface PlanProblem {
  path: (string | number)[];
  zh: string;
  en: string;
}

/**
 * Fill defaults and resolve references. Returns the plan and any cross-reference problems
 * (a task naming an unknown indicator, years out of order, duplicate ids).
 */
export function normalisePlan(file: PlanFile): { plan: Plan; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  if (!(file.baseline_year <= file.start_year && file.start_year <= file.target_year)) {
    problems.push({
      path: ["target_year"],
      zh: `年份顺序应为 baseline_year ≤ start_year ≤ target_year，现为 ${file.baseline_year}、${file.start_year}、${file.target_year}`,
      en: `years must satisfy baseline_year <= start_year <= target_year; got ${file.baseline_year}, ${file.start_year}, ${file.target_year}`,
    });
  }
  const seen = new Map<string, number>();
  file.indicators.forEach((ind, i) => {
    if (seen.has(ind.id)) {
      problems.push({
        path: ["indicators", i, "id"],
        zh: `指标 id "${ind.id}" 重复（第${(seen.get(ind.id) ?? 0) + 1}个指标已使用），请改用唯一的 id`,
        en: `indicator id "${ind.id}" is used twice (first by indicator ${(seen.get(ind.id) ?? 0) + 1}); give each indicator its own id`,
      });
    }
    seen.set(ind.id, i);
  });
  const indicators: Indicator[] = file.indicators.map((ind) => ({
    id: ind.id,
    zh: ind.zh,
    en: ind.en,
    aliases: ind.aliases,
    unit: ind.unit,
    unit_en: ind.unit_en ?? UNIT_EN[ind.unit] ?? ind.unit,
    measure: ind.measure,
    direction: ind.direction,
    target: ind.target,
    target_year: ind.target_year ?? file.target_year,
    comparator: ind.comparator ?? defaultComparator(ind.direction),
    headline: ind.headline,
    wording: ind.wording,
    note: ind.note,
    note_en: ind.note_en,
    definition: ind.definition,
    definition_en: ind.definition_en,
    source_agency: ind.source_agency,
    source_agency_en: ind.source_agency_en,
    periodicity: ind.periodicity,
    next_release: ind.next_release,
    rollup: rollupOf(ind),
    ...(ind.derive ? { derive: ind.derive } : {}),
  }));
  problems.push(...linkProblems(file, seen));
  problems.push(...deriveProblems(file.indicators));

  const units: ResponsibleUnit[] = file.units.map((u) => ({ ...u }));
  const unitByName = new Map<string, ResponsibleUnit>();
  for (const u of units) for (const name of [u.id, u.zh, u.en, ...u.aliases]) unitByName.set(name, u);
  const resolveUnit = (name: string): string => {
    const found = unitByName.get(name) ?? unitByName.get(name.replace(/^市/, "")) ?? unitByName.get(`市${name}`);
    if (found) return found.id;
    // A plan without a units list: each distinct name becomes its own unit.
    const made: ResponsibleUnit = { id: name, zh: name, en: name, aliases: [] };
    units.push(made);
    unitByName.set(name, made);
    return made.id;
  };

  const tasks: Task[] = file.tasks.map((t, i) => {
    for (const [j, ref] of t.indicators.entries()) {
      if (!seen.has(ref)) {
        problems.push({
          path: ["tasks", i, "indicators", j],
          zh: `任务${t.id}引用了不存在的指标 "${ref}"；可用的 id：${[...seen.keys()].join("、")}`,
          en: `task ${t.id} names an unknown indicator "${ref}"; known ids: ${[...seen.keys()].join(", ")}`,
        });
      }
    }
    const responsible = [...new Set(t.responsible.map(resolveUnit))];
    const leadNames = t.lead === undefined ? [] : Array.isArray(t.lead) ? t.lead : [t.lead];
    const lead = [...new Set(leadNames.map(resolveUnit))];
    for (const [j, id] of lead.entries()) {
      if (!responsible.includes(id)) {
        problems.push({
          path: ["tasks", i, "lead", ...(Array.isArray(t.lead) ? [j] : [])],
          zh: `任务${t.id}的牵头单位"${leadNames[j]}"不在其责任单位（responsible）中；请在 responsible 中列出它，或改正 lead`,
          en: `task ${t.id}: lead unit "${leadNames[j]}" is not among its responsible units; list it under responsible or correct lead`,
        });
      }
    }
    return {
      id: t.id,
      group: { id: t.group.id, zh: t.group.zh, en: t.group.en ?? t.group.zh },
      zh: t.zh,
      en: t.en ?? t.zh,
      responsible,
      lead: lead.length ? lead : responsible.slice(0, 1),
      indicators: t.indicators,
      summary: t.summary,
      milestones: t.milestones.map((m) => ({
        id: m.id,
        task_id: t.id,
        zh: m.zh,
        en: m.en ?? m.zh,
        wording: m.wording,
        due: m.due,
        responsible: m.responsible ? [...new Set(m.responsible.map(resolveUnit))] : responsible,
        evidence: m.evidence,
        recurring: m.recurring,
        note: m.note,
        note_en: m.note_en,
      })),
    };
  });
  problems.push(...milestoneProblems(file));

  const issued = file.issued instanceof Date ? file.issued.toISOString().slice(0, 10) : file.issued;
  return {
    plan: {
      id: file.id,
      title: { zh: file.title.zh, en: file.title.en ?? file.title.zh },
      document: file.document,
      issuer: file.issuer ? { zh: file.issuer.zh, en: file.issuer.en ?? file.issuer.zh } : undefined,
      issued,
      region: { code: file.region.code, zh: file.region.zh, en: file.region.en ?? file.region.zh },
      baseline_year: file.baseline_year,
      start_year: file.start_year,
      target_year: file.target_year,
      parents: file.parents,
      parent: file.parent ? { plan: file.parent.plan, indicators: file.parent.indicators } : undefined,
      subregions: file.subregions.map((r) => ({ code: r.code, zh: r.zh, en: r.en ?? r.zh })),
      allocations: file.allocations,
      synthetic: file.synthetic ?? false,
      ...(file.grades ? { grades: { ...DEFAULT_GRADE_THRESHOLDS, ...file.grades } } : {}),
      notes: file.notes,
      indicators,
      tasks,
      units,
    },
    problems,
  };
}

/**
 * Problems in the cascade fields: a parent mapping or an allocation naming an unknown indicator of
 * this plan, an allocation with no rule or two, a subregion listed twice, a plan its own parent.
 * (Whether the parent's indicator ids exist is checked when the parent plan is at hand: cascade.)
 */
function linkProblems(file: PlanFile, known: Map<string, number>): PlanProblem[] {
  const out: PlanProblem[] = [];
  const ids = [...known.keys()].join(", ");
  if (file.parent?.plan === file.id)
    out.push({
      path: ["parent", "plan"],
      zh: `计划不能以自己（${file.id}）为上级计划`,
      en: `a plan cannot be its own parent (${file.id})`,
    });
  for (const child of Object.keys(file.parent?.indicators ?? {})) {
    if (!known.has(child))
      out.push({
        path: ["parent", "indicators", child],
        zh: `parent.indicators 中的 "${child}" 不是本计划的指标；左边写本计划的指标 id（${ids}），右边写上级计划的指标 id`,
        en: `parent.indicators names "${child}", which is not an indicator of this plan; write this plan's indicator id on the left (${ids}) and the parent's on the right`,
      });
  }
  const codes = new Set<string>();
  file.subregions.forEach((r, i) => {
    if (codes.has(r.code))
      out.push({ path: ["subregions", i, "code"], zh: `下级地区 "${r.code}" 重复`, en: `subregion "${r.code}" is listed twice` });
    codes.add(r.code);
  });
  file.allocations.forEach((a, i) => {
    if (!known.has(a.indicator))
      out.push({
        path: ["allocations", i, "indicator"],
        zh: `分解目标引用了不存在的指标 "${a.indicator}"；可用的 id：${ids}`,
        en: `allocation names an unknown indicator "${a.indicator}"; known ids: ${ids}`,
      });
    const rules = [a.by, a.shares, a.amounts].filter((x) => x !== undefined).length;
    if (rules !== 1)
      out.push({
        path: ["allocations", i],
        zh: "每项分解目标只写一种方式：by（baseline-share 或 equal）、shares（比例）或 amounts（数量）",
        en: "give each allocation exactly one of: by (baseline-share or equal), shares (fractions) or amounts",
      });
  });
  return out;
}

/** Milestone ids unique in the plan; a recurring milestone's first due date inside the plan years. */
function milestoneProblems(file: PlanFile): PlanProblem[] {
  const problems: PlanProblem[] = [];
  const first = new Map<string, number>();
  file.tasks.forEach((t, i) => {
    t.milestones.forEach((m, j) => {
      const before = first.get(m.id);
      if (before !== undefined) {
        problems.push({
          path: ["tasks", i, "milestones", j, "id"],
          zh: `里程碑 id "${m.id}" 重复（任务${before}已使用），每个里程碑的 id 在计划中须唯一，如 "${t.id}.${j + 1}"`,
          en: `milestone id "${m.id}" is used twice (already by task ${before}); each milestone id must be unique in the plan, e.g. "${t.id}.${j + 1}"`,
        });
      } else first.set(m.id, t.id);
      const year = Number(m.due.slice(0, 4));
      if (m.recurring && (year < file.start_year || year > file.target_year)) {
        problems.push({
          path: ["tasks", i, "milestones", j, "due"],
          zh: `每年一次的里程碑 ${m.id} 的首个完成时限 ${m.due} 不在计划期 ${file.start_year}-${file.target_year} 内`,
          en: `recurring milestone ${m.id}: its first due date ${m.due} is outside the plan years ${file.start_year}-${file.target_year}`,
        });
      }
    });
  });
  return problems;
}
