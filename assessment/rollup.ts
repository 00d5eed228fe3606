/**
 * Roll-ups: indicator statuses counted per task, task group and responsible unit, and the plan's
 * summary with a generated sentence in Chinese and English. Pure.
 *
 * @example
 *   summarySentence(counts, 5, "headline").zh; // "5项主要指标中，2项已完成，1项进度正常，2项进展不足。"
 */
import type { Plan } from "../domain/plan.ts";
import type {
  GroupAssessment,
  IndicatorAssessment,
  PlanAssessment,
  Status,
  StatusCounts,
  TaskAssessment,
  UnitAssessment,
} from "./types.ts";
import { STATUS_ORDER } from "./types.ts";

export function emptyCounts(): StatusCounts {
  return { achieved: 0, on_track: 0, needs_acceleration: 0, off_track: 0, regressing: 0, insufficient_data: 0, missed: 0 };
}

export function countStatuses(statuses: Status[]): StatusCounts {
  const c = emptyCounts();
  for (const s of statuses) c[s] += 1;
  return c;
}

/** The worst status by STATUS_ORDER (worst first); null for none. */
export function worstStatus(statuses: Status[]): Status | null {
  let best: number | null = null;
  for (const s of statuses) {
    const i = STATUS_ORDER.indexOf(s);
    if (best === null || i < best) best = i;
  }
  return best === null ? null : STATUS_ORDER[best];
}

const unique = <T>(xs: T[]): T[] => [...new Set(xs)];

/** Per task, per task group and per responsible unit. Each indicator counts once per roll-up. */
export function rollUp(
  plan: Plan,
  indicators: IndicatorAssessment[],
): { tasks: TaskAssessment[]; groups: GroupAssessment[]; units: UnitAssessment[] } {
  const statusOf = new Map(indicators.map((a) => [a.id, a.status]));
  const known = (ids: string[]) => unique(ids.filter((id) => statusOf.has(id)));
  const statuses = (ids: string[]) => ids.map((id) => statusOf.get(id)!);

  const tasks: TaskAssessment[] = plan.tasks.map((t) => {
    const ids = known(t.indicators);
    return {
      id: t.id,
      zh: t.zh,
      en: t.en,
      group: { ...t.group },
      responsible: [...t.responsible],
      indicators: ids,
      counts: countStatuses(statuses(ids)),
      worst: worstStatus(statuses(ids)),
    };
  });

  const groups: GroupAssessment[] = [];
  for (const t of tasks) {
    let g = groups.find((x) => x.id === t.group.id);
    if (!g) {
      g = { id: t.group.id, zh: t.group.zh, en: t.group.en, tasks: [], indicators: [], counts: emptyCounts(), worst: null };
      groups.push(g);
    }
    g.tasks.push(t.id);
    g.indicators = unique([...g.indicators, ...t.indicators]);
  }
  for (const g of groups) {
    g.counts = countStatuses(statuses(g.indicators));
    g.worst = worstStatus(statuses(g.indicators));
  }

  const units: UnitAssessment[] = plan.units.map((u) => {
    const own = tasks.filter((t) => t.responsible.includes(u.id));
    const ids = unique(own.flatMap((t) => t.indicators));
    return {
      id: u.id,
      zh: u.zh,
      en: u.en,
      tasks: own.map((t) => t.id),
      indicators: ids,
      counts: countStatuses(statuses(ids)),
      worst: worstStatus(statuses(ids)),
    };
  });

  return { tasks, groups, units };
}

/** Order in which categories are mentioned in the sentence: good news first. */
const SENTENCE_ORDER: Status[] = ["achieved", "on_track", "needs_acceleration", "off_track", "regressing", "missed", "insufficient_data"];

const ZH_PART: Record<Status, string> = {
  achieved: "已完成",
  on_track: "进度正常",
  needs_acceleration: "需加快",
  off_track: "进展不足",
  regressing: "倒退",
  insufficient_data: "数据不足",
  missed: "未完成",
};

/** English: a count followed by what it does (plural and singular). */
const EN_PART: Record<Status, (k: number) => string> = {
  achieved: (k) => `${k} achieved`,
  on_track: (k) => `${k} on track`,
  needs_acceleration: (k) => `${k} ${k === 1 ? "needs" : "need"} to speed up`,
  off_track: (k) => `${k} off track`,
  regressing: (k) => `${k} ${k === 1 ? "is" : "are"} moving backwards`,
  insufficient_data: (k) => `${k} without enough data`,
  missed: (k) => `${k} missed`,
};

const EN_ALL: Record<Status, [one: string, many: string]> = {
  achieved: ["has been achieved", "have been achieved"],
  on_track: ["is on track", "are on track"],
  needs_acceleration: ["needs to speed up", "need to speed up"],
  off_track: ["is off track", "are off track"],
  regressing: ["is moving backwards", "are moving backwards"],
  insufficient_data: ["lacks enough data", "lack enough data"],
  missed: ["was missed", "were missed"],
};

function joinEn(parts: string[]): string {
  if (parts.length <= 1) return parts.join("");
  return `${parts.slice(0, -1).join(", ")} and ${parts[parts.length - 1]}`;
}

/**
 * One sentence in each language, naming only the categories that occur.
 * `kind` says whether the counts are for headline indicators (主要指标) or all indicators (指标).
 */
export function summarySentence(counts: StatusCounts, total: number, kind: "headline" | "all"): { zh: string; en: string } {
  const zhNoun = kind === "headline" ? "主要指标" : "指标";
  const enNoun = kind === "headline" ? "headline indicator" : "indicator";
  if (total === 0) return { zh: `暂无可评估的${zhNoun}。`, en: `There are no ${enNoun}s to assess.` };
  const present = SENTENCE_ORDER.filter((s) => counts[s] > 0);
  if (present.length === 1) {
    const s = present[0];
    if (total === 1) return { zh: `1项${zhNoun}${ZH_PART[s]}。`, en: `The only ${enNoun} ${EN_ALL[s][0]}.` };
    return { zh: `${total}项${zhNoun}全部${ZH_PART[s]}。`, en: `All ${total} ${enNoun}s ${EN_ALL[s][1]}.` };
  }
  const zh = `${total}项${zhNoun}中，${present.map((s) => `${counts[s]}项${ZH_PART[s]}`).join("，")}。`;
  const en = `Of ${total} ${enNoun}${total === 1 ? "" : "s"}, ${joinEn(present.map((s) => EN_PART[s](counts[s])))}.`;
  return { zh, en };
}

/** Counts for headline indicators and for all, and the sentence (about headline indicators when there are any). */
export function summarise(indicators: IndicatorAssessment[]): PlanAssessment["summary"] {
  const head = indicators.filter((a) => a.headline);
  const headline = { ...countStatuses(head.map((a) => a.status)), total: head.length };
  const all = { ...countStatuses(indicators.map((a) => a.status)), total: indicators.length };
  const sentence = head.length > 0 ? summarySentence(headline, headline.total, "headline") : summarySentence(all, all.total, "all");
  return { headline, all, sentence };
}
