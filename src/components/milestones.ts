/**
 * Milestones on the tasks page: a Plot timeline per task (due dates against the as-of date and the
 * end of the target year, coloured and labelled by state), the milestone table with the latest
 * report and the evidence (names and sha256), and one unit's report card (本单位任务清单) that prints
 * on A4. Data first, options last; everything shown comes from src/data/tasks.json (the engine).
 */
import * as Plot from "@observablehq/plot";
import type { MilestoneResult, MilestoneState, TaskMilestones, TaskStatus, TasksAssessment } from "../../assessment/milestones.ts";
import { h } from "./dom.js";
import { plot } from "./figure.js";
import { formatDate, type Lang, pick } from "./i18n.js";

interface Label {
  zh: string;
  en: string;
}

export type TasksData = TasksAssessment & {
  start_year: number;
  target_year: number;
  notes: string[];
  unit_names: { id: string; zh: string; en: string }[];
  labels: { states: Record<MilestoneState, Label>; statuses: Record<TaskStatus, Label>; executions: Record<string, Label> };
};

/** Okabe-Ito colours; each state also has a word and a glyph, so nothing depends on colour alone. */
export const STATE_STYLE: Record<MilestoneState, { color: string; glyph: string }> = {
  done: { color: "#009E73", glyph: "✓" },
  done_late: { color: "#56B4E9", glyph: "✓" },
  on_schedule: { color: "#0072B2", glyph: "→" },
  at_risk: { color: "#E69F00", glyph: "!" },
  overdue: { color: "#D55E00", glyph: "✗" },
  not_reported: { color: "#999999", glyph: "?" },
};
const STATUS_STYLE: Record<TaskStatus, string> = {
  behind: "#D55E00",
  at_risk: "#E69F00",
  unreported: "#999999",
  on_track: "#0072B2",
  done: "#009E73",
};

/** The same hues darkened for text on the page background (>= 4.5:1, WCAG AA); the charts keep the palette. */
const TEXT_COLOR: Record<string, string> = {
  "#009E73": "#00795a",
  "#56B4E9": "#1f6f99",
  "#E69F00": "#8a6508",
  "#D55E00": "#b34f00",
  "#999999": "#696969",
};
const textColor = (c: string) => TEXT_COLOR[c] ?? c;

export function stateBadge(state: MilestoneState, data: TasksData, lang: Lang): HTMLElement {
  const s = STATE_STYLE[state];
  return h(
    "span",
    { class: "pm-ms-state", "data-state": state, style: { color: textColor(s.color), fontWeight: "600" } },
    `${s.glyph} ${pick(data.labels.states[state], lang)}`,
  );
}

export function taskStatusBadge(status: TaskStatus | null, data: TasksData, lang: Lang): HTMLElement {
  if (!status) return h("span", { class: "pm-muted" }, "—");
  return h(
    "span",
    { class: "pm-task-status", "data-status": status, style: { color: textColor(STATUS_STYLE[status]), fontWeight: "600" } },
    pick(data.labels.statuses[status], lang),
  );
}

const msName = (m: MilestoneResult, lang: Lang) => `${m.id}${m.year ? `（${m.year}）` : ""} ${lang === "zh" ? m.zh : m.en}`;
const date = (s: string) => new Date(`${s}T00:00:00Z`);
const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
/** A time-axis tick: the year at January, else the month ("2019年", "4月" / "2019", "Apr"). */
const monthTick = (d: Date, lang: Lang) => {
  const m = d.getUTCMonth();
  if (m === 0) return lang === "zh" ? `${d.getUTCFullYear()}年` : String(d.getUTCFullYear());
  return lang === "zh" ? `${m + 1}月` : MONTHS_EN[m];
};

/** The task's milestones on a time axis: due (filled), original due (hollow, after an extension), completion (tick). */
export function milestoneTimeline(
  task: TaskMilestones,
  data: TasksData,
  { lang = "zh" as Lang, width = 640 } = {},
): HTMLElement | SVGSVGElement {
  const rows = task.milestones.map((m) => ({
    ...m,
    label: `${m.id}${m.year ? ` ${m.year}` : ""}`,
    word: pick(data.labels.states[m.state], lang),
  }));
  const end = `${data.target_year}-12-31`;
  return plot({
    ariaLabel:
      lang === "zh"
        ? `任务${task.id}的${rows.length}个里程碑时间线：到期日、完成日与截至日期`
        : `Task ${task.id}: timeline of ${rows.length} milestones, due and completion dates against the as-of date`,
    width,
    height: 40 + rows.length * 26,
    marginLeft: 80,
    x: {
      type: "utc",
      domain: [date(`${data.start_year}-01-01`), date(`${data.target_year + 1}-03-31`)],
      label: null,
      // Years and months in the reader's language ("2019年", "4月"); on a phone, years only.
      ticks: width < 560 ? "year" : "3 months",
      tickFormat: (d: Date) => monthTick(d, lang),
    },
    y: { domain: rows.map((r) => r.label), label: null },
    marks: [
      Plot.ruleX([date(end)], { stroke: "currentColor", strokeDasharray: "4,3" }),
      Plot.text([date(end)], {
        x: (d: Date) => d,
        frameAnchor: "top",
        dy: -2,
        text: () => (lang === "zh" ? `${data.target_year}年末` : `end of ${data.target_year}`),
        fontSize: 10,
      }),
      Plot.ruleX([date(data.as_of)], { stroke: "#CC79A7", strokeWidth: 2 }),
      Plot.text([date(data.as_of)], {
        x: (d: Date) => d,
        frameAnchor: "bottom",
        dy: 2,
        text: () => (lang === "zh" ? `截至${formatDate(data.as_of, lang)}` : `as of ${formatDate(data.as_of, lang)}`),
        fill: "#CC79A7",
        fontSize: 10,
      }),
      Plot.link(
        rows.filter((r) => r.due !== r.original_due),
        { x1: (r) => date(r.original_due), x2: (r) => date(r.due), y1: "label", y2: "label", stroke: "#888", strokeDasharray: "2,2" },
      ),
      Plot.dot(
        rows.filter((r) => r.due !== r.original_due),
        { x: (r) => date(r.original_due), y: "label", r: 5, stroke: "#888", fill: "none" },
      ),
      Plot.tickX(
        rows.filter((r) => r.completed),
        { x: (r) => date(r.completed as string), y: "label", stroke: "#009E73", strokeWidth: 2 },
      ),
      Plot.dot(rows, {
        x: (r) => date(r.due),
        y: "label",
        r: 6,
        fill: (r) => STATE_STYLE[r.state as MilestoneState].color,
        title: (r) => `${msName(r, lang)}\n${r.word} · ${r.due}`,
      }),
      Plot.text(rows, { x: (r) => date(r.due), y: "label", text: "word", dx: 10, textAnchor: "start", fontSize: 11 }),
    ],
  });
}

function reportText(m: MilestoneResult, data: TasksData, lang: Lang): HTMLElement | string {
  const r = m.last_report;
  if (!r) return h("span", { class: "pm-muted" }, lang === "zh" ? "无报告" : "no report");
  const unit = pick(data.unit_names.find((u) => u.id === r.unit) ?? { zh: r.unit, en: r.unit }, lang);
  const parts: [string, string | null][] = [
    [lang === "zh" ? "工作进展" : "Progress", r.progress],
    [lang === "zh" ? "存在问题" : "Problems", r.problems],
    [lang === "zh" ? "下一步" : "Next steps", r.next_steps],
  ];
  return h(
    "div",
    { class: "pm-ms-report" },
    h(
      "div",
      { class: "pm-muted" },
      `${r.period} · ${unit} · ${pick(data.labels.executions[r.execution], lang)}${r.reported ? ` · ${r.reported}` : ""}`,
    ),
    parts.filter(([, v]) => v).map(([k, v]) => h("div", null, h("strong", null, `${k}：`), v)),
  );
}

function evidenceList(m: MilestoneResult, lang: Lang): HTMLElement | string {
  if (!m.evidence.length)
    return h("span", { class: "pm-muted" }, m.evidence_expected ? `${lang === "zh" ? "应有" : "expected"}: ${m.evidence_expected}` : "—");
  return h(
    "ul",
    { class: "pm-evidence" },
    m.evidence.map((e) =>
      h(
        "li",
        { "data-missing": e.missing ? "true" : "false" },
        e.name,
        " ",
        e.missing
          ? h(
              "span",
              { class: "pm-ms-missing", style: { color: textColor("#D55E00"), fontWeight: "600" } },
              lang === "zh" ? "✗ 佐证材料缺失" : "✗ evidence missing",
            )
          : h("code", { class: "pm-sha", title: e.sha256 ?? "" }, `sha256 ${e.sha256 ?? ""}`),
      ),
    ),
  );
}

function dueText(m: MilestoneResult, lang: Lang): (HTMLElement | string)[] {
  if (m.due === m.original_due) return [m.due];
  return [
    m.due,
    h(
      "div",
      { class: "pm-muted" },
      lang === "zh"
        ? `原定 ${m.original_due}，经批准调整（${m.extension?.approved_by ?? ""}）`
        : `originally ${m.original_due}; extension approved (${m.extension?.approved_by ?? ""})`,
    ),
  ];
}

/** One row per milestone: due, state with its reason, the latest report, the evidence. */
export function milestoneTable(milestones: MilestoneResult[], data: TasksData, { lang = "zh" as Lang, compact = false } = {}): HTMLElement {
  const zh = lang === "zh";
  const head = (
    zh ? ["里程碑", "完成时限", "状态", "最近报告", "佐证材料"] : ["Milestone", "Due", "State", "Latest report", "Evidence"]
  ).slice(0, compact ? 3 : 5);
  return h(
    "table",
    { class: "pm-milestones" },
    h(
      "thead",
      null,
      h(
        "tr",
        null,
        head.map((x) => h("th", null, x)),
      ),
    ),
    h(
      "tbody",
      null,
      milestones.map((m) =>
        h(
          "tr",
          { "data-milestone": m.id, "data-state": m.state },
          h("td", null, msName(m, lang)),
          h("td", null, dueText(m, lang)),
          h(
            "td",
            null,
            stateBadge(m.state, data, lang),
            m.days_overdue ? ` ${m.days_overdue}${zh ? "天" : " d"}` : "",
            h("div", { class: "pm-muted" }, m.reasons[0]?.[lang] ?? ""),
          ),
          h("td", null, reportText(m, data, lang)),
          h("td", null, evidenceList(m, lang)),
        ),
      ),
    ),
  );
}

/** "按期完成 7 · 按计划推进 2 · 已逾期 14" for the states that occur. */
export function stateCounts(counts: Record<MilestoneState, number>, data: TasksData, lang: Lang): string {
  const order: MilestoneState[] = ["done", "done_late", "on_schedule", "at_risk", "overdue", "not_reported"];
  return order
    .filter((s) => counts[s] > 0)
    .map((s) => `${pick(data.labels.states[s], lang)} ${counts[s]}`)
    .join(" · ");
}

/** One task: its combined status and both parts, the timeline and the table. */
export function taskMilestones(task: TaskMilestones, data: TasksData, { lang = "zh" as Lang, width = 640 } = {}): HTMLElement {
  const zh = lang === "zh";
  return h(
    "section",
    { class: "card pm-task-ms", "data-task": task.id },
    h("h3", null, `${task.id}. ${pick(task, lang)} `, taskStatusBadge(task.status, data, lang)),
    h(
      "p",
      { class: "pm-muted" },
      `${zh ? "指标部分" : "Indicator part"}: ${task.parts.indicators ? pick(data.labels.statuses[task.parts.indicators], lang) : zh ? "无量化指标" : "no indicator"} · `,
      `${zh ? "里程碑部分" : "Milestone part"}: ${stateCounts(task.milestone_counts, data, lang) || "—"}`,
    ),
    task.milestones.length ? milestoneTimeline(task, data, { lang, width }) : null,
    milestoneTable(task.milestones, data, { lang }),
  );
}

/** Print only the report card (style.css hides the rest while body has pm-print-card). */
function printCard(): void {
  document.body.classList.add("pm-print-card");
  window.addEventListener("afterprint", () => document.body.classList.remove("pm-print-card"), { once: true });
  window.print();
}

/** 本单位任务清单: what the unit owes, what it reported, what is late; prints on A4. */
export function unitReportCard(unitId: string, data: TasksData, { lang = "zh" as Lang } = {}): HTMLElement {
  const zh = lang === "zh";
  const unit = data.unit_names.find((u) => u.id === unitId) ?? { id: unitId, zh: unitId, en: unitId };
  const owed = data.tasks.flatMap((t) => t.milestones.filter((m) => m.responsible.includes(unitId)).map((m) => ({ t, m })));
  const late = owed.filter(({ m }) => m.state === "overdue");
  const reported = owed.filter(({ m }) => m.last_report?.unit === unitId);
  const counts = Object.fromEntries(
    Object.keys(data.labels.states).map((s) => [s, owed.filter(({ m }) => m.state === s).length]),
  ) as Record<MilestoneState, number>;
  // What is late and what is owed: compact (one line each, fits A4); what was reported: with the report text.
  const list = (rows: typeof owed, empty: string, compact = true) =>
    rows.length
      ? milestoneTable(
          rows.map(({ m }) => m),
          data,
          { lang, compact },
        )
      : h("p", { class: "pm-muted" }, empty);
  return h(
    "div",
    { class: "card pm-report-card", "data-unit-card": unitId },
    h(
      "h3",
      null,
      zh ? `${unit.zh} 本单位任务清单` : `${unit.en}: task list`,
      h("span", { class: "pm-muted" }, ` ${zh ? "截至" : "as of"} ${data.as_of}`),
    ),
    h("p", null, `${zh ? "应完成里程碑" : "Milestones owed"} ${owed.length}${owed.length ? `：${stateCounts(counts, data, lang)}` : ""}`),
    h("button", { type: "button", class: "pm-print", onclick: () => printCard() }, zh ? "打印（A4）" : "Print (A4)"),
    h("h4", null, zh ? `逾期事项（${late.length}）` : `Overdue (${late.length})`),
    list(late, zh ? "没有逾期事项。" : "Nothing overdue."),
    h("h4", null, zh ? `本单位已报送（${reported.length}）` : `Reported by the unit (${reported.length})`),
    list(reported, zh ? "尚未报送。" : "Nothing reported yet.", false),
    h("h4", null, zh ? `全部应完成事项（${owed.length}）` : `Everything owed (${owed.length})`),
    list(owed, zh ? "没有应完成的里程碑。" : "No milestones owed."),
  );
}
