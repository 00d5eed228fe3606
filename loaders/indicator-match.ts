/**
 * Indicator name → the plan's indicator, by id, Chinese name, English name or alias, after
 * normalising (NFKC full-/half-width, no spaces, case-insensitive). A trailing unit in brackets
 * ("技术合同成交额（亿元）") is stripped and returned as the unit; leading list numbering and
 * "其中：" are tolerated. Unknown names get the three closest names as suggestions.
 *
 * @example
 *   const m = new IndicatorMatcher(plan);
 *   m.match("技术合同成交额（万元）"); // { ok: true, indicator: tech_contract_turnover, unit: "万元" }
 *   m.match("高新企业");               // { ok: false, suggestions: ["高新技术企业数量（high_tech_enterprises）", ...] }
 */
import type { Indicator, Plan } from "../domain/plan.ts";
import { conversionFactor, looksLikeUnit } from "./units.ts";

export type IndicatorMatch = { ok: true; indicator: Indicator; unit: string | null } | { ok: false; suggestions: string[] };

export function normaliseName(s: string): string {
  return s
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\u00a0\u3000\u200b\ufeff]+/g, "");
}

/** Variants of a normalised name under which it is also indexed: without brackets, or without bracketed parts. */
function variants(n: string): string[] {
  return [n, n.replace(/[()[\]【】]/g, ""), n.replace(/[([【][^()[\]【】]*[)\]】]/g, "")];
}

const LIST_PREFIX = /^(?:其中[:：]?|[(]?(?:[一二三四五六七八九十]+|\d{1,2})[)、.]|\d{1,2}、)+/;

export class IndicatorMatcher {
  private readonly byKey = new Map<string, Indicator>();
  private readonly names: { key: string; indicator: Indicator }[] = [];
  private readonly cache = new Map<string, IndicatorMatch>();

  constructor(plan: Plan) {
    for (const ind of plan.indicators) {
      for (const name of [ind.id, ind.zh, ind.en, ...ind.aliases]) {
        const n = normaliseName(name);
        if (!n) continue;
        this.names.push({ key: n, indicator: ind });
        for (const v of variants(n)) if (v && !this.byKey.has(v)) this.byKey.set(v, ind);
      }
    }
  }

  match(raw: string): IndicatorMatch {
    const cached = this.cache.get(raw);
    if (cached) return cached;
    const result = this.matchUncached(raw);
    if (this.cache.size < 10_000) this.cache.set(raw, result);
    return result;
  }

  private lookup(n: string, loose = false): Indicator | undefined {
    for (const v of loose ? variants(n) : [n, n.replace(/[()[\]【】]/g, "")]) {
      const hit = this.byKey.get(v);
      if (hit) return hit;
    }
    return undefined;
  }

  private matchUncached(raw: string): IndicatorMatch {
    try {
      let n = normaliseName(raw);
      for (let attempt = 0; attempt < 2; attempt++) {
        const direct = this.lookup(n);
        if (direct) return { ok: true, indicator: direct, unit: null };
        // A trailing "(unit)" / "（单位：万元）" supplies the unit.
        const m = /^(.+?)[([【]([^()[\]【】]*)[)\]】]$/.exec(n);
        if (m) {
          const unitText = m[2].replace(/^单位[:：]?/, "");
          const hit = this.lookup(m[1]);
          if (hit && (looksLikeUnit(unitText) || conversionFactor(unitText, hit.unit) !== null))
            return { ok: true, indicator: hit, unit: unitText };
        }
        const loose = this.lookup(n, true);
        if (loose) return { ok: true, indicator: loose, unit: null };
        const stripped = n.replace(LIST_PREFIX, "");
        if (stripped === n || stripped === "") break;
        n = stripped;
      }
      return { ok: false, suggestions: this.suggest(normaliseName(raw)) };
    } catch {
      return { ok: false, suggestions: [] };
    }
  }

  /** Up to three indicators whose names are closest (edit distance and shared characters). */
  suggest(n: string, top = 3): string[] {
    const best = new Map<string, { score: number; indicator: Indicator }>();
    const q = n.slice(0, 200);
    for (const { key, indicator } of this.names) {
      const score = similarity(q, key);
      const prev = best.get(indicator.id);
      if (!prev || score > prev.score) best.set(indicator.id, { score, indicator });
    }
    return [...best.values()]
      .filter((b) => b.score > 0)
      .sort((a, b) => b.score - a.score)
      .slice(0, top)
      .map((b) => `${b.indicator.zh}（${b.indicator.id}）`);
  }
}

/** 0..1: the better of normalised edit similarity and character overlap (Dice on characters). */
export function similarity(a: string, b: string): number {
  if (!a || !b) return 0;
  const lev = 1 - levenshtein(a, b) / Math.max(a.length, b.length);
  const ca = [...a];
  const cb = new Map<string, number>();
  for (const c of b) cb.set(c, (cb.get(c) ?? 0) + 1);
  let shared = 0;
  for (const c of ca) {
    const k = cb.get(c);
    if (k) {
      shared++;
      cb.set(c, k - 1);
    }
  }
  const dice = (2 * shared) / (ca.length + [...b].length);
  return Math.max(lev, dice);
}

export function levenshtein(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  let prev = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const cur = [i];
    for (let j = 1; j <= t.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (s[i - 1] === t[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[t.length];
}
