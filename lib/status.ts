/**
 * The assessment's vocabulary: the statuses and method categories the engine gives, their order and
 * their words in Chinese and English. Here (not in assessment/) so the site's components, which can
 * only import under src/, show the very words the engine and the report use.
 *
 * @example
 *   STATUS_LABELS.needs_acceleration.zh; // "需加快"
 *   STATUS_ORDER[0];                     // "missed" (worst first)
 */

export type Status = "achieved" | "on_track" | "needs_acceleration" | "off_track" | "regressing" | "insufficient_data" | "missed";

/** Worst first: the order used to pick a roll-up's worst status and to sort. */
export const STATUS_ORDER: Status[] = [
  "missed",
  "regressing",
  "off_track",
  "needs_acceleration",
  "insufficient_data",
  "on_track",
  "achieved",
];

export type EurostatCategory = "achieved" | "on_track" | "needs_acceleration" | "off_track" | "regressing" | null;
export type EscapCategory = "achieved" | "on_track" | "needs_acceleration" | "regressing" | null;
/** 提前实现 / 快于序时 / 基本符合 / 滞后 */
export type CnCategory = "ahead_achieved" | "ahead_of_schedule" | "on_schedule" | "behind" | null;

export interface Label {
  zh: string;
  en: string;
}

export const STATUS_LABELS: Record<Status, Label> = {
  achieved: { zh: "已完成", en: "Achieved" },
  on_track: { zh: "进度正常", en: "On track" },
  needs_acceleration: { zh: "需加快", en: "Needs acceleration" },
  off_track: { zh: "进展不足", en: "Off track" },
  regressing: { zh: "倒退", en: "Regressing" },
  insufficient_data: { zh: "数据不足", en: "Insufficient data" },
  missed: { zh: "未完成", en: "Missed" },
};

/** Chinese planning-review categories (实现程度与序时进度对比). */
export const CN_LABELS: Record<Exclude<CnCategory, null>, Label> = {
  ahead_achieved: { zh: "提前实现", en: "Achieved ahead of time" },
  ahead_of_schedule: { zh: "快于序时", en: "Ahead of schedule" },
  on_schedule: { zh: "基本符合", en: "Broadly on schedule" },
  behind: { zh: "滞后", en: "Behind schedule" },
};

/** Eurostat SDG monitoring report wording for the growth-ratio categories. */
export const EUROSTAT_LABELS: Record<Exclude<EurostatCategory, null>, Label> = {
  achieved: { zh: "目标已实现", en: "Target achieved" },
  on_track: { zh: "显著进展", en: "Significant progress" },
  needs_acceleration: { zh: "中等进展", en: "Moderate progress" },
  off_track: { zh: "进展不足", en: "Insufficient progress" },
  regressing: { zh: "背离目标", en: "Movement away from target" },
};

/** UN ESCAP Asia-Pacific SDG Progress Report wording for anticipated progress. */
export const ESCAP_LABELS: Record<Exclude<EscapCategory, null>, Label> = {
  achieved: { zh: "目标已实现", en: "Target achieved" },
  on_track: { zh: "保持现有进度", en: "Maintain progress to achieve target" },
  needs_acceleration: { zh: "需加快进度", en: "Accelerate progress to achieve target" },
  regressing: { zh: "需扭转趋势", en: "Reverse trend to achieve target" },
};
