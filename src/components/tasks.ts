/** The tasks page: tasks by group with units, linked indicators and status; one responsible unit's view. */
import type { PlanAssessment, TaskAssessment, UnitAssessment } from "../../assessment/types.ts";
import { indicatorHref } from "./cards.js";
import { h } from "./dom.js";
import { type Lang, pick } from "./i18n.js";
import { sortableTable } from "./table.js";
import { t } from "./ui.js";
import { stateCounts, type TasksData, taskStatusBadge } from "./milestones.js";
import { verdictBadge, verdictCountsText, worstVerdict, worstVerdictBadge } from "./verdict.js";

/** The assessment; with its mode and final grades, every badge is the one verdict (verdict.ts). */
type A = Pick<PlanAssessment, "indicators" | "units" | "tasks"> & Partial<Pick<PlanAssessment, "mode" | "final">>;

/** The indicators of some ids, in the assessment's order. */
export function indicatorsOf(a: A, ids: string[]) {
  return a.indicators.filter((d) => ids.includes(d.id));
}

function indicatorList(a: A, ids: string[], lang: Lang, base: string): HTMLElement | string {
  if (!ids.length) return h("span", { class: "pm-muted" }, t("noIndicator", lang));
  return h(
    "ul",
    { class: "pm-reasons" },
    ids.map((id) => {
      const ind = a.indicators.find((d) => d.id === id);
      return h(
        "li",
        null,
        ind ? h("a", { href: indicatorHref(id, base, lang) }, pick(ind, lang)) : id,
        " ",
        ind ? verdictBadge(a, ind, lang, { compact: true }) : null,
      );
    }),
  );
}

export function unitNames(a: A, ids: string[], lang: Lang): string {
  return ids.map((id) => pick(a.units.find((u) => u.id === id) ?? { zh: id, en: id }, lang)).join(lang === "zh" ? "、" : ", ");
}

export function taskTable(
  tasks: TaskAssessment[],
  a: A,
  { lang = "zh" as Lang, base = "./", milestones = null as TasksData | null } = {},
): HTMLElement {
  const ms = (d: TaskAssessment) => milestones?.tasks.find((x) => x.id === d.id);
  // With the milestone engine's output: the milestone part and the combined status beside the indicator part.
  const extra = milestones
    ? [
        {
          key: "milestones",
          label: lang === "zh" ? "里程碑" : "Milestones",
          value: (d: TaskAssessment) => ms(d)?.milestones.length ?? 0,
          format: (d: TaskAssessment) => stateCounts(ms(d)?.milestone_counts ?? ({} as never), milestones, lang) || "—",
          sortable: false,
        },
        {
          key: "status",
          label: lang === "zh" ? "任务状态" : "Task status",
          value: (d: TaskAssessment) => ms(d)?.status ?? null,
          format: (d: TaskAssessment) => taskStatusBadge(ms(d)?.status ?? null, milestones, lang),
          sortable: false,
        },
      ]
    : [];
  return sortableTable(tasks, {
    className: "pm-tasks",
    columns: [
      { key: "id", label: "#", value: (d) => d.id, align: "right" },
      { key: "name", label: t("task", lang), value: (d) => pick(d, lang) },
      { key: "units", label: t("responsible", lang), value: (d) => unitNames(a, d.responsible, lang) },
      {
        key: "indicators",
        label: t("indicators", lang),
        value: (d) => d.indicators.length,
        format: (d) => indicatorList(a, d.indicators, lang, base),
        sortable: false,
      },
      {
        key: "worst",
        label: t("worst", lang),
        value: (d) => worstVerdict(a, indicatorsOf(a, d.indicators))?.verdict.rank ?? null,
        format: (d) => worstVerdictBadge(a, indicatorsOf(a, d.indicators), lang),
      },
      ...extra,
    ],
  });
}

/** What one responsible unit is answerable for: its tasks and their indicators, worst first. */
export function unitView(
  unit: UnitAssessment,
  a: A,
  { lang = "zh" as Lang, base = "./", milestones = null as TasksData | null } = {},
): HTMLElement {
  const tasks = a.tasks.filter((task) => unit.tasks.includes(task.id));
  return h(
    "div",
    { class: "card", "data-unit": unit.id },
    h("h3", null, pick(unit, lang), " ", worstVerdictBadge(a, indicatorsOf(a, unit.indicators), lang)),
    h(
      "p",
      { class: "pm-muted" },
      `${t("task", lang)} ${tasks.length} · ${t("indicators", lang)} ${unit.indicators.length} · ${verdictCountsText(a, indicatorsOf(a, unit.indicators), lang) || t("noIndicator", lang)}`,
    ),
    unitMilestoneLine(unit.id, milestones, lang),
    taskTable(tasks, a, { lang, base, milestones }),
  );
}

/** The unit's milestone roll-up (the milestones it is responsible for) and its combined status, from the engine. */
function unitMilestoneLine(unitId: string, milestones: TasksData | null, lang: Lang): HTMLElement | null {
  const u = milestones?.units.find((x) => x.id === unitId);
  if (!milestones || !u) return null;
  return h(
    "p",
    { class: "pm-muted", "data-unit-milestones": unitId },
    lang === "zh"
      ? `本单位负责的里程碑：${stateCounts(u.milestone_counts, milestones, lang) || "—"} · 综合状态：`
      : `Milestones it is responsible for: ${stateCounts(u.milestone_counts, milestones, lang) || "—"} · combined status: `,
    taskStatusBadge(u.status, milestones, lang),
  );
}
