/**
 * The benchmark's figures: one record per step, the goals of issue 8 judged against them, and the
 * printed table. Pure: bench/run.ts gathers the figures, this module only reads them.
 */
import { formatBytes, formatCount, formatRate, formatRatio, formatSeconds } from "./table.ts";

export type Scale = "county" | "province" | "national";
export const SCALES: Scale[] = ["county", "province", "national"];

/** One step as the results JSON holds it. */
export interface StepFigures {
  label: string;
  ok: boolean;
  error: string | null;
  /** The step's own time (e.g. opening the warehouse to closing it), seconds. */
  seconds: number | null;
  /** Wall clock of the step's whole process (Node and tsx start-up included), seconds. */
  process_s: number | null;
  peak_rss_bytes: number | null;
  rss_method: "gnu-time" | "self" | null;
  user_s: number | null;
  system_s: number | null;
  /** Cores other processes kept busy during the step (contention). */
  others_cores: number | null;
  rows: number | null;
  /** Rows (or series) per second of `seconds`. */
  rate_per_s: number | null;
  /** Everything the step reported. */
  detail: Record<string, unknown>;
}

/** Step keys, in the order they run. */
export const STEP_ORDER = [
  "generate",
  "ingest_reported",
  "ceiling_contracts",
  "ingest_contracts",
  "ceiling_certificates",
  "ingest_certificates",
  "ingest_others",
  "derive",
  "assess",
  "tasks",
  "tasks_overdue",
  "cascade",
  "collect_templates",
  "collect_returned",
  "collect_status",
  "tree",
  "tree_cascade",
  "tree_cascade_all",
  "tree_tasks",
  "tree_collect_templates",
  "tree_collect_returned",
  "tree_collect_status",
  "uploads",
  "site_cold",
  "site_warm",
  "overview",
  "pages",
  "whole_plan",
  "site_whole_cold",
  "site_whole_warm",
  "pages_whole",
] as const;
export type StepKey = (typeof STEP_ORDER)[number];

export interface Goal {
  id: string;
  text: string;
  /** The scale issue 8 sets the goal for ("any": every scale). */
  scale: Scale | "any";
  measured: number | null;
  shown: string;
  target: string;
  /** null: not measured (a step failed or was skipped). */
  met: boolean | null;
}

type Steps = Partial<Record<StepKey, StepFigures>>;

const num = (x: unknown): number | null => (typeof x === "number" && Number.isFinite(x) ? x : null);
const ratio = (a: number | null | undefined, b: number | null | undefined) => (a != null && b != null && b > 0 ? a / b : null);

/** ingest rows/s over read_csv rows/s of the same file. */
export function ingestRatio(steps: Steps, kind: "contracts" | "certificates"): number | null {
  return ratio(steps[`ingest_${kind}`]?.rate_per_s, steps[`ceiling_${kind}`]?.rate_per_s);
}

/** Ingest of every record file, derive and assess: wall clock of their processes, summed, and the peak of any. */
export function pipelineTotals(steps: Steps): { seconds: number | null; cpu_s: number | null; peak_rss_bytes: number | null } {
  const parts = [
    steps.ingest_contracts,
    steps.ingest_certificates,
    ...(steps.ingest_others ? [steps.ingest_others] : []),
    steps.derive,
    steps.assess,
  ];
  if (parts.some((p) => !p?.ok || p.process_s == null)) return { seconds: null, cpu_s: null, peak_rss_bytes: null };
  const peaks = parts.map((p) => p!.peak_rss_bytes).filter((x): x is number => x != null);
  const cpu = parts.map(cpuSeconds);
  return {
    seconds: parts.reduce((s, p) => s + p!.process_s!, 0),
    cpu_s: cpu.every((x) => x !== null) ? cpu.reduce((a, b) => a! + b!, 0) : null,
    peak_rss_bytes: peaks.length === parts.length ? Math.max(...peaks) : null,
  };
}

const GIB = 2 ** 30;
const below = (x: number | null, limit: number) => (x === null ? null : x < limit);

/** The goals of issue 8, judged on these figures. */
export function evaluateGoals(steps: Steps): Goal[] {
  const total = pipelineTotals(steps);
  const contracts = ingestRatio(steps, "contracts");
  const certificates = ingestRatio(steps, "certificates");
  const assess = steps.assess?.ok ? steps.assess.seconds : null;
  const bytes = steps.overview?.ok ? num(steps.overview.detail.transferred_bytes) : null;
  const chartMs = steps.overview?.ok ? num(steps.overview.detail.first_chart_ms) : null;
  const warm = steps.site_warm?.ok ? steps.site_warm.seconds : null;
  const pages = steps.pages?.ok ? pageFigures(steps) : [];
  const whole = steps.pages_whole?.ok ? pageFigures(steps, "pages_whole") : [];
  const wholeWarm = steps.site_whole_warm?.ok ? steps.site_whole_warm.seconds : null;
  return [
    {
      id: "ingest_ratio_contracts",
      text: "ingest ÷ read_csv, contracts",
      scale: "national",
      measured: contracts,
      shown: formatRatio(contracts),
      target: "≥ 0.5",
      met: contracts === null ? null : contracts >= 0.5,
    },
    {
      id: "ingest_ratio_certificates",
      text: "ingest ÷ read_csv, certificates",
      scale: "national",
      measured: certificates,
      shown: formatRatio(certificates),
      target: "≥ 0.5",
      met: certificates === null ? null : certificates >= 0.5,
    },
    {
      id: "pipeline_seconds",
      text: "ingest + derive + assess, time",
      scale: "national",
      measured: total.seconds,
      shown: formatSeconds(total.seconds),
      target: "< 60 s",
      met: below(total.seconds, 60),
    },
    {
      id: "pipeline_peak_rss",
      text: "ingest + derive + assess, peak memory",
      scale: "national",
      measured: total.peak_rss_bytes,
      shown: formatBytes(total.peak_rss_bytes),
      target: "< 2 GiB",
      met: below(total.peak_rss_bytes, 2 * GIB),
    },
    {
      id: "assess_seconds",
      text: "assessment of every county's series",
      scale: "national",
      measured: assess,
      shown: formatSeconds(assess),
      target: "< 2 s",
      met: below(assess, 2),
    },
    {
      id: "overview_bytes",
      text: "overview page, bytes transferred",
      scale: "any",
      measured: bytes,
      shown: formatBytes(bytes),
      target: "< 1 MB",
      met: below(bytes, 1_000_000),
    },
    {
      id: "overview_first_chart_ms",
      text: "overview page, first chart drawn",
      scale: "any",
      measured: chartMs,
      shown: chartMs === null ? "—" : formatSeconds(chartMs / 1000),
      target: "< 1.5 s",
      met: below(chartMs, 1500),
    },
    {
      id: "site_warm_seconds",
      text: "site build, warm",
      scale: "any",
      measured: warm,
      shown: formatSeconds(warm),
      target: "< 30 s",
      met: below(warm, 30),
    },
    {
      id: "site_warm_seconds_15",
      text: "site build, warm (issue 17)",
      scale: "national",
      measured: warm,
      shown: formatSeconds(warm),
      target: "< 15 s",
      met: below(warm, 15),
    },
    ...pathGoals(steps),
    ...pageGoals(pages, "pages", ""),
    ...pageGoals(whole, "pages_whole", "plan over every county: "),
    {
      id: "site_whole_warm_seconds",
      text: "site build, warm, plan over every county",
      scale: "national",
      measured: wholeWarm,
      shown: formatSeconds(wholeWarm),
      target: "< 15 s",
      met: below(wholeWarm, 15),
    },
  ];
}

type PageFigure = ReturnType<typeof pageFigures>[number];

/** The page with the largest figure (a page without one counts as the worst), or null without pages. */
function worstPage(pages: PageFigure[], pick: (p: PageFigure) => number | null): { path: string; value: number | null } | null {
  return pages.length === 0
    ? null
    : pages.reduce<{ path: string; value: number | null }>(
        (w, p) => (w.value === null || pick(p) === null || (pick(p) as number) > w.value ? { path: p.path, value: pick(p) } : w),
        { path: "", value: -1 },
      );
}

/** The two page goals of issue 17 (bytes, first content) over a set of pages. */
function pageGoals(pages: PageFigure[], id: string, prefix: string): Goal[] {
  const heaviest = worstPage(pages, (p) => p.bytes);
  const slowest = worstPage(pages, (p) => p.ms);
  return [
    {
      id: `${id}_bytes`,
      text: `${prefix}every page, bytes transferred (the heaviest)`,
      scale: "national",
      measured: heaviest?.value ?? null,
      shown: heaviest?.value == null ? "—" : `${formatBytes(heaviest.value)} (${pageLabel(heaviest.path)})`,
      target: "< 1.5 MB",
      met: heaviest ? below(heaviest.value, 1_500_000) : null,
    },
    {
      id: `${id}_first_content_ms`,
      text: `${prefix}every page, first chart or table (the slowest)`,
      scale: "national",
      measured: slowest?.value ?? null,
      shown:
        slowest == null
          ? "—"
          : slowest.value === null
            ? `none (${pageLabel(slowest.path)})`
            : `${formatSeconds(slowest.value / 1000)} (${pageLabel(slowest.path)})`,
      target: "< 1.5 s",
      met: slowest ? (slowest.value === null ? false : slowest.value < 1500) : null,
    },
  ];
}

/** A rate without its "/s", one decimal below 100 (2.4 uploads/s, 1.4 k plans/s). */
const perSecond = (x: number | null) => (x === null ? "—" : x < 100 ? x.toFixed(1) : formatRate(x).replace(/ ?\/s$/, ""));

/** The goals of the newer paths (issue 17 item 4), on the demo plan and on the plan tree. */
function pathGoals(steps: Steps): Goal[] {
  const secs = (key: StepKey) => (steps[key]?.ok ? steps[key].seconds : null);
  const goal = (id: string, key: StepKey, text: string, scale: Goal["scale"], limit: number, target = `< ${limit} s`): Goal => {
    const measured = secs(key);
    return { id, text, scale, measured, shown: formatSeconds(measured), target, met: below(measured, limit) };
  };
  const uploads = steps.uploads?.ok ? steps.uploads : null;
  const slowest = uploads ? num(uploads.detail.slowest_receipt_ms) : null;
  return [
    goal("collect_templates_seconds", "collect_templates", "forms for every unit of the demo plan", "any", 2),
    goal("collect_returned_seconds", "collect_returned", "one returned form ingested with its receipt (demo plan)", "any", 1),
    goal("tree_cascade_all_seconds", "tree_cascade_all", "cascade over the plan tree (every plan)", "national", 2),
    goal("tree_tasks_seconds", "tree_tasks", "tasks of the country plan (every unit)", "national", 2),
    goal("tree_collect_templates_seconds", "tree_collect_templates", "forms for every unit of a province plan (tree)", "any", 2),
    goal("tree_collect_returned_seconds", "tree_collect_returned", "one returned form ingested with its receipt (tree)", "any", 1),
    goal(
      "tree_collect_status_seconds",
      "tree_collect_status",
      "collect status over the country plan's units",
      "national",
      2,
      "< 2 s (the bench's; the issue sets none)",
    ),
    {
      id: "uploads_slowest_receipt",
      text: "50 concurrent uploads: slowest receipt (throughput beside it)",
      scale: "any",
      measured: slowest,
      shown: slowest === null || !uploads ? "—" : `${formatSeconds(slowest / 1000)} (${perSecond(uploads.rate_per_s)} uploads/s)`,
      target: "measured (the issue sets no figure)",
      met: null,
    },
  ];
}

/** "✓", "✗" or "—" for a goal; "(national)" when judged at another scale than its own. */
export function verdict(goal: Goal, scale: Scale): string {
  const mark = goal.met === null ? "—" : goal.met ? "✓" : "✗";
  return goal.scale === "any" || goal.scale === scale ? mark : `${mark} (goal set for ${goal.scale})`;
}

export const TABLE_HEADERS = ["step", "rows", "time", "rate", "process", "cpu", "peak RSS", "goal"];
export const TABLE_ALIGN = ["left", "right", "right", "right", "right", "right", "right", "left"] as const;

/** CPU time (user + system) of a step's process tree, seconds: unlike wall clock, barely moved by other load. */
export function cpuSeconds(s: StepFigures | undefined): number | null {
  return s?.user_s != null && s.system_s != null ? s.user_s + s.system_s : null;
}

/** The table's row of the ingest, derive and assess processes together. */
export const TOTAL_LABEL = "ingest + derive + assess";

export const STEP_LABELS: Record<StepKey, string> = {
  generate: "generate records (demo generate)",
  ingest_reported: "ingest: reported figures (data/demo)",
  ceiling_contracts: "read_csv ceiling: contracts",
  ingest_contracts: "ingest: contracts",
  ceiling_certificates: "read_csv ceiling: certificates",
  ingest_certificates: "ingest: certificates",
  ingest_others: "ingest: R&D and lists",
  derive: "derive per county and year",
  assess: "assess every county's series",
  tasks: "tasks and milestones (plan-monitor tasks)",
  tasks_overdue: "chase list (plan-monitor tasks overdue)",
  cascade: "cascade (plan-monitor cascade)",
  collect_templates: "forms for every unit (collect templates)",
  collect_returned: "one returned form and its receipt (ingest --receipts)",
  collect_status: "who has returned what (collect status)",
  tree: "plan tree: write, store, figures, country forms (setup)",
  tree_cascade: "tree: cascade of the country plan",
  tree_cascade_all: "tree: cascade of every plan (cascade --tree)",
  tree_tasks: "tree: tasks of the country plan (every unit)",
  tree_collect_templates: "tree: forms for every unit of a province plan",
  tree_collect_returned: "tree: one returned form and its receipt",
  tree_collect_status: "tree: collect status over the country plan's units",
  uploads: "50 concurrent uploads (serve --collect)",
  site_cold: "site build, cold",
  site_warm: "site build, warm",
  overview: "overview page in Chromium",
  pages: "every other page in Chromium",
  whole_plan: "plan over every county (bench/national-plan.ts)",
  site_whole_cold: "site build, cold, plan over every county",
  site_whole_warm: "site build, warm, plan over every county",
  pages_whole: "every page in Chromium, plan over every county",
};

/** One page of the `pages` step (bench/steps/browser.ts PageFigures). */
interface PageRow {
  path: string;
  transferred_bytes: number;
  requests: number;
  first_content_ms: number | null;
  largest?: { path: string; bytes: number }[];
  error: string | null;
}

/**
 * Every page measured, with its bytes and time to first content: the overview and the `pages` step's
 * (the bench's city plan), or the `pages_whole` step's (the plan over every county, overview included).
 */
export function pageFigures(
  steps: Steps,
  key: "pages" | "pages_whole" = "pages",
): { path: string; bytes: number | null; ms: number | null }[] {
  const out: { path: string; bytes: number | null; ms: number | null }[] = [];
  if (key === "pages" && steps.overview?.ok)
    out.push({ path: "index.html", bytes: num(steps.overview.detail.transferred_bytes), ms: num(steps.overview.detail.first_chart_ms) });
  const step = steps[key];
  if (step?.ok)
    for (const p of (step.detail.pages ?? []) as PageRow[])
      out.push({ path: p.path, bytes: num(p.transferred_bytes), ms: num(p.first_content_ms) });
  return out;
}

/** The page label of a table row. */
export const pageLabel = (path: string) => `page ${path.replace(/\.html$/, "")}`;

/** The table rows: one per step, then the pipeline total. */
export function tableRows(steps: Steps, scale: Scale): string[][] {
  const goals = new Map(evaluateGoals(steps).map((g) => [g.id, g]));
  const mark = (id: string) => {
    const g = goals.get(id)!;
    return `${g.shown} (goal ${g.target}) ${verdict(g, scale)}`;
  };
  const rows: string[][] = [];
  for (const key of STEP_ORDER) {
    const s = steps[key];
    if (!s) continue;
    if (s.ok && typeof s.detail.skipped === "string") {
      rows.push([
        STEP_LABELS[key],
        "",
        "",
        "",
        formatSeconds(s.process_s),
        formatSeconds(cpuSeconds(s)),
        formatBytes(s.peak_rss_bytes),
        `skipped: ${s.detail.skipped}`,
      ]);
      continue;
    }
    if (!s.ok) {
      rows.push([
        STEP_LABELS[key],
        "",
        "",
        "",
        formatSeconds(s.process_s),
        formatSeconds(cpuSeconds(s)),
        formatBytes(s.peak_rss_bytes),
        `failed: ${(s.error ?? "").split("\n")[0].slice(0, 60)}`,
      ]);
      continue;
    }
    let rate = formatRate(s.rate_per_s);
    let goal = "";
    let rows_ = formatCount(s.rows);
    let time = formatSeconds(s.seconds);
    if (key === "ingest_contracts") goal = `ratio ${mark("ingest_ratio_contracts")}`;
    if (key === "ingest_certificates") goal = `ratio ${mark("ingest_ratio_certificates")}`;
    if (key === "assess") {
      rate = s.rate_per_s === null ? "—" : `${formatRate(s.rate_per_s).replace("/s", "")} series/s`;
      goal = mark("assess_seconds");
    }
    if (key === "derive") rate = "";
    if (key === "site_warm") goal = mark("site_warm_seconds");
    const pathGoal: Partial<Record<StepKey, string>> = {
      collect_templates: "collect_templates_seconds",
      collect_returned: "collect_returned_seconds",
      tree_cascade_all: "tree_cascade_all_seconds",
      tree_tasks: "tree_tasks_seconds",
      tree_collect_templates: "tree_collect_templates_seconds",
      tree_collect_returned: "tree_collect_returned_seconds",
      tree_collect_status: "tree_collect_status_seconds",
    };
    const pg = pathGoal[key];
    if (pg) goal = mark(pg);
    if (key === "tree_collect_templates" || key === "collect_templates")
      rate = s.rate_per_s === null ? "" : `${perSecond(s.rate_per_s)} forms/s`;
    if (key === "tree_collect_status") rate = "";
    if (key === "tree") {
      const d = s.detail;
      rate = "";
      goal = `${formatCount(num(d.plans))} plans (${formatCount(num(d.counties))} counties), country plan ${formatCount(num(d.root_units))} units, ${formatCount(num(d.root_forms))} forms in ${formatSeconds(num(d.root_forms_s))}`;
    }
    if (key === "tree_cascade_all") rate = s.rows && s.seconds ? `${perSecond(s.rows / s.seconds)} plans/s` : "";
    if (key === "uploads") {
      rate = `${perSecond(s.rate_per_s)} uploads/s`;
      const slowest = num(s.detail.slowest_receipt_ms);
      const median = num(s.detail.median_receipt_ms);
      goal = `slowest receipt ${formatSeconds(slowest === null ? null : slowest / 1000)}, median ${formatSeconds(median === null ? null : median / 1000)} (no goal set)`;
    }
    if (key === "site_whole_warm") goal = mark("site_whole_warm_seconds");
    if (key === "whole_plan") rate = String(s.detail.plan_id ?? "");
    if (key === "pages" || key === "pages_whole") {
      const prefix = key === "pages_whole" ? "whole plan: " : "";
      for (const p of (s.detail.pages ?? []) as PageRow[])
        rows.push([
          prefix + pageLabel(p.path),
          `${formatCount(p.requests)} requests`,
          p.first_content_ms === null ? "—" : formatSeconds(p.first_content_ms / 1000),
          formatBytes(p.transferred_bytes),
          "",
          "",
          "",
          p.error
            ? `no time: ${p.error.slice(0, 60)}`
            : p.largest?.[0]
              ? `largest: ${p.largest[0].path.split("/").pop()} ${formatBytes(p.largest[0].bytes)}`
              : "",
        ]);
      rows.push([
        STEP_LABELS[key],
        "",
        "",
        "",
        formatSeconds(s.process_s),
        formatSeconds(cpuSeconds(s)),
        formatBytes(s.peak_rss_bytes),
        `bytes ${mark(`${key}_bytes`)}; first content ${mark(`${key}_first_content_ms`)}`,
      ]);
      continue;
    }
    if (key === "overview") {
      rows_ = `${formatCount(num(s.detail.requests))} requests`;
      time = goals.get("overview_first_chart_ms")!.shown;
      rate = formatBytes(num(s.detail.transferred_bytes));
      goal = `chart ${mark("overview_first_chart_ms")}; bytes ${mark("overview_bytes")}`;
    }
    rows.push([
      STEP_LABELS[key],
      rows_,
      time,
      rate,
      formatSeconds(s.process_s),
      formatSeconds(cpuSeconds(s)),
      formatBytes(s.peak_rss_bytes),
      goal,
    ]);
  }
  const total = pipelineTotals(steps);
  if (total.seconds !== null)
    rows.push([
      TOTAL_LABEL,
      "",
      "",
      "",
      formatSeconds(total.seconds),
      formatSeconds(total.cpu_s),
      formatBytes(total.peak_rss_bytes),
      `${mark("pipeline_seconds")}; ${mark("pipeline_peak_rss")}`,
    ]);
  return rows;
}

/** The fastest of repeated measurements, with every repeat's time kept beside it. */
export function fastest(runs: StepFigures[]): StepFigures {
  const best = runs.reduce((a, b) => ((b.seconds ?? Number.POSITIVE_INFINITY) < (a.seconds ?? Number.POSITIVE_INFINITY) ? b : a));
  if (runs.length === 1) return best;
  return {
    ...best,
    detail: { ...best.detail, repeats: runs.map((r) => ({ seconds: r.seconds, process_s: r.process_s, others_cores: r.others_cores })) },
  };
}

/** Steps during which other processes kept more than `threshold` cores busy. */
export function contended(steps: Steps, threshold = 0.25): { key: StepKey; cores: number }[] {
  return STEP_ORDER.flatMap((key) => {
    const c = steps[key]?.others_cores;
    return c != null && c > threshold ? [{ key, cores: c }] : [];
  });
}
