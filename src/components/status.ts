/**
 * Status words, colours and badges. Colours are Okabe-Ito (safe for the common colour-vision
 * deficiencies) and always come with a word and a glyph, so nothing depends on colour alone.
 * The words match assessment/labels.ts (a unit test keeps them in step).
 */
import type { CnCategory, EscapCategory, EurostatCategory, Status } from "../../assessment/types.ts";
import { h } from "./dom.js";
import type { Lang } from "./i18n.js";

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

export const CN_LABELS: Record<Exclude<CnCategory, null>, Label> = {
  ahead_achieved: { zh: "提前实现", en: "Achieved ahead of time" },
  ahead_of_schedule: { zh: "快于序时", en: "Ahead of schedule" },
  on_schedule: { zh: "基本符合", en: "Broadly on schedule" },
  behind: { zh: "滞后", en: "Behind schedule" },
};

export const EUROSTAT_LABELS: Record<Exclude<EurostatCategory, null>, Label> = {
  achieved: { zh: "目标已实现", en: "Target achieved" },
  on_track: { zh: "显著进展", en: "Significant progress" },
  needs_acceleration: { zh: "中等进展", en: "Moderate progress" },
  off_track: { zh: "进展不足", en: "Insufficient progress" },
  regressing: { zh: "背离目标", en: "Movement away from target" },
};

export const ESCAP_LABELS: Record<Exclude<EscapCategory, null>, Label> = {
  achieved: { zh: "目标已实现", en: "Target achieved" },
  on_track: { zh: "保持现有进度", en: "Maintain progress to achieve target" },
  needs_acceleration: { zh: "需加快进度", en: "Accelerate progress to achieve target" },
  regressing: { zh: "需扭转趋势", en: "Reverse trend to achieve target" },
};

/** Worst first, as in assessment/types.ts STATUS_ORDER. */
export const STATUS_ORDER: Status[] = [
  "missed",
  "regressing",
  "off_track",
  "needs_acceleration",
  "insufficient_data",
  "on_track",
  "achieved",
];

/** Okabe-Ito: green, blue, orange, vermillion, reddish purple, grey, black. */
export const STATUS_COLORS: Record<Status, string> = {
  achieved: "#009E73",
  on_track: "#0072B2",
  needs_acceleration: "#E69F00",
  off_track: "#D55E00",
  regressing: "#CC79A7",
  insufficient_data: "#999999",
  missed: "#000000",
};

/** Colours for charts: "missed" is drawn in the text colour so it shows in dark mode too. */
export const STATUS_CHART_COLORS: Record<Status, string> = { ...STATUS_COLORS, missed: "currentColor" };

/** A shape for each status, so a printout in grey still tells them apart. */
export const STATUS_GLYPHS: Record<Status, string> = {
  achieved: "✔",
  on_track: "●",
  needs_acceleration: "▲",
  off_track: "▼",
  regressing: "↓",
  insufficient_data: "?",
  missed: "✘",
};

export function statusLabel(status: Status, lang: Lang): string {
  return STATUS_LABELS[status]?.[lang] ?? status;
}

/** Sort key: worst first. */
export function statusRank(status: Status | null): number {
  const i = status ? STATUS_ORDER.indexOf(status) : -1;
  return i < 0 ? STATUS_ORDER.length : i;
}

/** The worst of several statuses (null when there are none). */
export function worstStatus(statuses: (Status | null | undefined)[]): Status | null {
  let worst: Status | null = null;
  for (const s of statuses) if (s && (worst === null || statusRank(s) < statusRank(worst))) worst = s;
  return worst;
}

/** A status badge: glyph + word on the status colour. */
export function statusBadge(status: Status | null, lang: Lang, { compact = false }: { compact?: boolean } = {}): HTMLElement {
  if (!status) return h("span", { class: "status status--none" }, "—");
  return h(
    "span",
    { class: `status status--${status}${compact ? " status--compact" : ""}`, "data-status": status },
    h("span", { class: "status__glyph", "aria-hidden": "true" }, STATUS_GLYPHS[status]),
    " ",
    statusLabel(status, lang),
  );
}

/** A method's own category word (Eurostat, ESCAP, Chinese practice), neutral colour. */
export function categoryLabel(method: "eurostat" | "escap" | "cn", category: string | null, lang: Lang): string {
  if (!category) return lang === "zh" ? "无法判断" : "Not assessed";
  const table = (method === "eurostat" ? EUROSTAT_LABELS : method === "escap" ? ESCAP_LABELS : CN_LABELS) as Record<string, Label>;
  return table[category]?.[lang] ?? category;
}
