/**
 * The words of the end-of-plan grades (assessment/final.ts) and the one summary sentence that
 * counts them, shared by the engine, the CLI, the exports and the site (through src/lib). DOM-free;
 * it takes plain shapes, so it needs nothing from the engine.
 *
 * @example
 *   GRADE_LABELS.no_data.zh; // "数据暂缺，无法作出终期结论"
 *   finalSummary({ indicators, final }).zh; // "终期评估：5项主要指标中，1项超额完成，……2项数据暂缺（待2020年数值）。"
 */
import type { Status } from "./status.ts";

export type Grade = "exceeded" | "completed" | "basically_completed" | "not_completed" | "no_data";

/** Best first. */
export const GRADE_ORDER: Grade[] = ["exceeded", "completed", "basically_completed", "not_completed", "no_data"];

export const GRADE_LABELS: Record<Grade, { zh: string; en: string }> = {
  exceeded: { zh: "超额完成", en: "Exceeded" },
  completed: { zh: "完成", en: "Completed" },
  basically_completed: { zh: "基本完成", en: "Basically completed" },
  not_completed: { zh: "未完成", en: "Not completed" },
  no_data: { zh: "数据暂缺，无法作出终期结论", en: "Data missing: no final verdict possible" },
};

/** The short words of badges and table cells (数据暂缺 without its explanation). */
export const GRADE_SHORT: Record<Grade, { zh: string; en: string }> = {
  ...GRADE_LABELS,
  no_data: { zh: "数据暂缺", en: "Data missing" },
};

/** Each grade drawn like the status it resembles (Okabe-Ito hue, glyph and word; colours in the CLI). */
export const GRADE_STYLE: Record<Grade, Status> = {
  exceeded: "achieved",
  completed: "achieved",
  basically_completed: "on_track",
  not_completed: "off_track",
  no_data: "insufficient_data",
};

interface Graded {
  indicators: { id: string; headline: boolean }[];
  final: { indicators: { id: string; grade: Grade; missing: { year: number } | null }[] };
}

/**
 * The end-of-plan summary sentence, counting the headline indicators' grades (all indicators when
 * none is headline). The overview and `plan-monitor assess` print this one sentence.
 */
export function finalSummary(a: Graded): { zh: string; en: string } {
  const headline = a.indicators.filter((d) => d.headline);
  const scope = headline.length > 0 ? headline : a.indicators;
  const grades = scope.flatMap((d) => a.final.indicators.filter((v) => v.id === d.id));
  const years = [...new Set(grades.map((v) => v.missing?.year).filter((y): y is number => y != null))];
  const parts = GRADE_ORDER.map((g) => ({ g, n: grades.filter((v) => v.grade === g).length })).filter((x) => x.n > 0);
  const awaiting = (g: Grade, zh: boolean) =>
    g === "no_data" && years.length ? (zh ? `（待${years.join("、")}年数值）` : ` (awaiting the ${years.join(", ")} figure)`) : "";
  const zh = parts.map(({ g, n }) => `${n}项${GRADE_SHORT[g].zh}${awaiting(g, true)}`);
  const en = parts.map(({ g, n }) => `${n} ${GRADE_SHORT[g].en.toLowerCase()}${awaiting(g, false)}`);
  const head = headline.length > 0;
  return {
    zh: `终期评估：${scope.length}${head ? "项主要指标" : "项指标"}中，${zh.join("，")}。`,
    en: `End-of-plan assessment: of ${scope.length}${head ? " headline indicators" : " indicators"}, ${en.join(", ")}.`,
  };
}
