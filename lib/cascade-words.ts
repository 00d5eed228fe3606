/**
 * The cascade's words (assessment/cascade.ts): where a figure comes from and a level's status,
 * with the one rule for a status once the target year has come, shared by the CLI
 * (`plan-monitor cascade`) and the cascade page (through src/lib). DOM-free.
 *
 * @example
 *   childStatusWord("in_progress", 2020, "zh"); // "数据暂缺（待2020年数值）"
 *   childStatusWord("in_progress", null, "en"); // "in progress"
 */
import type { Lang } from "./lang.ts";

export type Origin = "reported" | "derived" | "rolled_up" | "plan" | "allocated";

export type ChildStatus = "achieved" | "missed" | "in_progress" | "no_target" | "no_data";

export const ORIGIN_LABEL: Record<Origin, { zh: string; en: string }> = {
  reported: { zh: "上报", en: "reported" },
  derived: { zh: "明细汇总", en: "derived from records" },
  rolled_up: { zh: "下级汇总", en: "rolled up" },
  plan: { zh: "计划目标", en: "plan target" },
  allocated: { zh: "分解目标", en: "allocated" },
};

export const CHILD_STATUS_LABEL: Record<ChildStatus, { zh: string; en: string; colour: string }> = {
  achieved: { zh: "已完成", en: "achieved", colour: "#009e73" },
  missed: { zh: "未完成", en: "missed", colour: "#d55e00" },
  in_progress: { zh: "进行中", en: "in progress", colour: "#e69f00" },
  no_target: { zh: "无目标", en: "no target", colour: "#999999" },
  no_data: { zh: "无数据", en: "no data", colour: "#999999" },
};

/**
 * The target year whose figure a level awaits: its status is "in progress" (its latest figure is
 * from before the target year) while the cascade's year has reached the target year. Else null.
 */
export function awaitingYear(status: ChildStatus, cascadeYear: number | null, targetYear: number | null | undefined): number | null {
  if (status !== "in_progress" || cascadeYear === null || targetYear === null || targetYear === undefined) return null;
  return cascadeYear >= targetYear ? targetYear : null;
}

/** A level's status word: "in progress" reads "data missing (awaiting the 2020 figure)" once that year has come. */
export function childStatusWord(status: ChildStatus, awaiting: number | null, lang: Lang): string {
  if (status === "in_progress" && awaiting !== null)
    return lang === "zh" ? `数据暂缺（待${awaiting}年数值）` : `data missing (awaiting the ${awaiting} figure)`;
  return CHILD_STATUS_LABEL[status][lang];
}

/** The status word's colour (an awaited figure is shown as missing data). */
export function childStatusColour(status: ChildStatus, awaiting: number | null): string {
  return CHILD_STATUS_LABEL[status === "in_progress" && awaiting !== null ? "no_data" : status].colour;
}
