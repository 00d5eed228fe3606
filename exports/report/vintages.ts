/**
 * Which vintage of each figure the report shows: the one the engine used (same rule), and why the
 * others lost. Pure.
 */
import { supersedes, type VintageStatus } from "../../domain/observation.ts";
import type { ObservationRow } from "../../warehouse/read.ts";
import { t, type Lang, vintageLabel } from "../format.ts";

export interface Vintage extends ObservationRow {
  known_on: string;
  /** Known on the as-of date (always true without as-of). */
  known: boolean;
  used: boolean;
}

export const key = (indicator: string, year: number) => `${indicator}\u0000${year}`;

/** Mark, per indicator and year, the vintage the assessment used (same rule as the engine). */
export function markVintages(history: ObservationRow[], regionCode: string, asOf: string | null): Vintage[] {
  const rows: Vintage[] = history
    .filter((r) => r.region === regionCode)
    .map((r) => {
      const known_on = (r.published ?? r.ingested_at ?? "").slice(0, 10);
      return { ...r, known_on, known: !asOf || !known_on || known_on <= asOf, used: false };
    });
  const winners = new Map<string, Vintage>();
  const k = (v: Vintage) => ({ published: v.known_on || null, status: v.status, seq: Number(v.seq) || 0 });
  for (const v of rows) {
    if (!v.known || !Number.isFinite(v.value)) continue;
    const cur = winners.get(key(v.indicator, v.year));
    if (!cur || !supersedes(k(cur), k(v))) winners.set(key(v.indicator, v.year), v);
  }
  for (const v of winners.values()) v.used = true;
  return rows;
}

/** Why vintage `a` was used rather than `b`. */
export function whyWins(a: Vintage, b: Vintage, lang: Lang): string {
  if (!b.known)
    return t(lang, `发布于评估截止日期之后（${b.known_on}），未采用`, `published after the as-of date (${b.known_on}), not used`);
  if (a.known_on && b.known_on && a.known_on !== b.known_on)
    return t(lang, `发布日期较晚（${a.known_on}晚于${b.known_on}）`, `published later (${a.known_on} after ${b.known_on})`);
  const rank = { preliminary: 0, final: 1, revised: 2 } as Record<VintageStatus, number>;
  if (rank[a.status] !== rank[b.status])
    return t(
      lang,
      `数据阶段较后（${vintageLabel(a.status, lang)}优先于${vintageLabel(b.status, lang)}）`,
      `later stage (${vintageLabel(a.status, lang)} over ${vintageLabel(b.status, lang)})`,
    );
  return t(lang, "导入较晚", "ingested later");
}
