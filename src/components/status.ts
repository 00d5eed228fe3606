/**
 * Status words, colours and badges. Colours are Okabe-Ito (safe for the common colour-vision
 * deficiencies) and always come with a word and a glyph, so nothing depends on colour alone.
 * The words are lib/status.ts, the same the engine and the report use.
 */
import type { Status } from "../../assessment/types.ts";
import { CN_LABELS, ESCAP_LABELS, EUROSTAT_LABELS, type Label, STATUS_LABELS, STATUS_ORDER } from "../lib/status.js";
import { h } from "./dom.js";
import type { Lang } from "./i18n.js";

export {
  CN_LABELS,
  ESCAP_LABELS,
  EUROSTAT_LABELS,
  type Label,
  STATUS_LABELS,
  STATUS_ORDER,
} from "../lib/status.js";

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
