/**
 * The one headline verdict per indicator, the same on every card, table, chart label and page.
 * In an end-of-plan assessment (`mode: "final"`, the engine's rule in assessment/final.ts) it is
 * the final grade: 超额完成 / 完成 / 基本完成 / 未完成, or 数据暂缺 naming the figure that would
 * settle it, never a trend word without a target-year figure. Before the end it is the trend status.
 * The method columns on an indicator page stay as evidence.
 *
 * @example
 *   verdictOf(assessment, ind).label.zh; // "数据暂缺，无法作出终期结论" for R&D expenditure with 2019 as latest
 */
import type { IndicatorVerdict } from "../../assessment/final.ts";
import { finalSummary, GRADE_SHORT, GRADE_STYLE, type Grade } from "../lib/grades.js";
import type { IndicatorAssessment, PlanAssessment, Status } from "../../assessment/types.ts";
import { h } from "./dom.js";
import type { Lang } from "./i18n.js";
import { STATUS_GLYPHS, STATUS_LABELS, statusRank } from "./status.js";

const GRADE_RANK: Record<Grade, number> = { not_completed: 0, no_data: 1, basically_completed: 2, completed: 3, exceeded: 4 };

export interface Verdict {
  kind: "grade" | "status";
  key: Grade | Status;
  /** The status whose colour and glyph the badge uses. */
  style: Status;
  label: { zh: string; en: string };
  /** For a grade of no_data: the figure that would settle it. */
  missing: { indicator: string; year: number } | null;
  /** Worst first. */
  rank: number;
}

type A = Pick<PlanAssessment, "mode" | "final"> | Partial<Pick<PlanAssessment, "mode" | "final">>;

/** The final grade of an indicator when the assessment is an end-of-plan one, else null. */
export function finalGrade(a: A, id: string): IndicatorVerdict | null {
  if (a.mode !== "final" || !a.final) return null;
  return a.final.indicators.find((v) => v.id === id) ?? null;
}

export function verdictOf(a: A, ind: Pick<IndicatorAssessment, "id" | "status">): Verdict {
  const grade = finalGrade(a, ind.id);
  if (grade)
    return {
      kind: "grade",
      key: grade.grade,
      style: GRADE_STYLE[grade.grade],
      label: GRADE_SHORT[grade.grade],
      missing: grade.missing,
      rank: GRADE_RANK[grade.grade],
    };
  return {
    kind: "status",
    key: ind.status,
    style: ind.status,
    label: STATUS_LABELS[ind.status],
    missing: null,
    rank: statusRank(ind.status),
  };
}

export function verdictLabel(a: A, ind: Pick<IndicatorAssessment, "id" | "status">, lang: Lang): string {
  return verdictOf(a, ind).label[lang];
}

/** What would settle a 数据暂缺 verdict, in words ("需2020年数值" / "needs the 2020 figure"). */
export function settleText(v: Verdict, lang: Lang): string {
  if (!v.missing) return "";
  return lang === "zh" ? `待${v.missing.year}年数值发布后定论` : `settled once the ${v.missing.year} figure is published`;
}

/** The badge: colour, glyph and word; the same shape for grades and statuses. */
export function verdictBadge(
  a: A,
  ind: Pick<IndicatorAssessment, "id" | "status">,
  lang: Lang,
  { compact = false }: { compact?: boolean } = {},
): HTMLElement {
  const v = verdictOf(a, ind);
  const word = v.label[lang];
  return h(
    "span",
    {
      class: `status status--${v.style}${compact ? " status--compact" : ""}`,
      "data-verdict": v.key,
      "data-status": ind.status,
      title: v.missing ? `${word}: ${settleText(v, lang)}` : null,
    },
    h("span", { class: "status__glyph", "aria-hidden": "true" }, STATUS_GLYPHS[v.style]),
    " ",
    word,
  );
}

/**
 * The overview's one-sentence summary, counting the same verdicts the cards show: final grades at
 * the end of the plan ("5项主要指标中，1项超额完成，……2项数据暂缺（待2020年数值）。"), else the engine's sentence.
 */
export function verdictSummary(
  a: Partial<Pick<PlanAssessment, "mode" | "final">> & Pick<PlanAssessment, "indicators" | "summary">,
  lang: Lang,
): string {
  if (a.mode !== "final" || !a.final) return a.summary.sentence[lang];
  return finalSummary({ indicators: a.indicators, final: a.final })[lang];
}

/** The worst verdict among some indicators (a task's, a unit's, a group's), or null when there are none. */
export function worstVerdict(
  a: A,
  inds: Pick<IndicatorAssessment, "id" | "status">[],
): { ind: Pick<IndicatorAssessment, "id" | "status">; verdict: Verdict } | null {
  let worst: { ind: Pick<IndicatorAssessment, "id" | "status">; verdict: Verdict } | null = null;
  for (const ind of inds) {
    const verdict = verdictOf(a, ind);
    if (!worst || verdict.rank < worst.verdict.rank) worst = { ind, verdict };
  }
  return worst;
}

/** The badge of the worst verdict among some indicators ("—" when there are none). */
export function worstVerdictBadge(a: A, inds: Pick<IndicatorAssessment, "id" | "status">[], lang: Lang): HTMLElement {
  const worst = worstVerdict(a, inds);
  return worst ? verdictBadge(a, worst.ind, lang) : h("span", { class: "status status--none" }, "—");
}

/** How many indicators have each verdict, worst first: "未完成2项，数据暂缺3项" / "2 not completed, 3 data missing". */
export function verdictCountsText(a: A, inds: Pick<IndicatorAssessment, "id" | "status">[], lang: Lang): string {
  const counts = new Map<string, { v: Verdict; n: number }>();
  for (const ind of inds) {
    const v = verdictOf(a, ind);
    const c = counts.get(v.key) ?? { v, n: 0 };
    c.n++;
    counts.set(v.key, c);
  }
  const parts = [...counts.values()]
    .sort((x, y) => x.v.rank - y.v.rank)
    .map(({ v, n }) => (lang === "zh" ? `${v.label.zh}${n}项` : `${n} ${v.label.en.toLowerCase()}`));
  return parts.join(lang === "zh" ? "，" : ", ");
}
