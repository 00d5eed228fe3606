/** The tasks page: tasks by group with units, linked indicators and status; one responsible unit's view. */
import type { PlanAssessment, StatusCounts, TaskAssessment, UnitAssessment } from "../../assessment/types.ts";
import { indicatorHref } from "./cards.js";
import { h } from "./dom.js";
import { type Lang, pick } from "./i18n.js";
import { STATUS_ORDER, statusBadge, statusLabel } from "./status.js";
import { sortableTable } from "./table.js";
import { t } from "./ui.js";
import { stateCounts, type TasksData, taskStatusBadge } from "./milestones.js";

type A = Pick<PlanAssessment, "indicators" | "units" | "tasks">;

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
        ind ? statusBadge(ind.status, lang, { compact: true }) : null,
      );
    }),
  );
}

export function unitNames(a: A, ids: string[], lang: Lang): string {
  return ids.map((id) => pick(a.units.find((u) => u.id === id) ?? { zh: id, en: id }, lang)).join(lang === "zh" ? "、" : ", ");
}

/** "2 achieved, 1 needs acceleration" in the reader's language. */
export function countsText(counts: StatusCounts, lang: Lang): string {
  const parts = STATUS_ORDER.filter((s) => counts[s] > 0).map((s) =>
    lang === "zh" ? `${statusLabel(s, lang)}${counts[s]}项` : `${counts[s]} ${statusLabel(s, lang).toLowerCase()}`,
  );
  return parts.join(lang === "zh" ? "，" : ", ") || t("noIndicator", lang);
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
        value: (d) => (d.worst ? STATUS_ORDER.indexOf(d.worst) : null),
        format: (d) => statusBadge(d.worst, lang),
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
    h("h3", null, pick(unit, lang), " ", statusBadge(unit.worst, lang)),
    h(
      "p",
      { class: "pm-muted" },
      `${t("task", lang)} ${tasks.length} · ${t("indicators", lang)} ${unit.indicators.length} · ${countsText(unit.counts, lang)}`,
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
    `${lang === "zh" ? "本单位负责的里程碑" : "Milestones it is responsible for"}: ${stateCounts(u.milestone_counts, milestones, lang) || "—"} · ${lang === "zh" ? "综合状态" : "combined status"}: `,
    taskStatusBadge(u.status, milestones, lang),
  );
}
