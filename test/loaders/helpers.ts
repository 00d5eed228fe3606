/** Test helpers for the loaders: the real Wafangdian plan, fixture paths and a temp dir. */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { normalisePlan, type Plan, PlanFileSchema } from "../../domain/plan.ts";

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(here, "..", "..");
export const FIXTURES = join(ROOT, "test", "fixtures", "loaders");

let cached: Plan | null = null;

/** The real plan file, data/plans/wafangdian-2018-2020.yaml, validated and normalised. */
export function loadPlan(): Plan {
  if (cached) return cached;
  const text = readFileSync(join(ROOT, "data", "plans", "wafangdian-2018-2020.yaml"), "utf8");
  const { plan, problems } = normalisePlan(PlanFileSchema.parse(parse(text)));
  if (problems.length) throw new Error(`plan problems: ${JSON.stringify(problems)}`);
  cached = plan;
  return plan;
}

/** The plan plus a percentage indicator, for percent tests (the real plan has none). */
export function planWithPercent(): Plan {
  const plan = loadPlan();
  const base = plan.indicators[0];
  return {
    ...plan,
    indicators: [
      ...plan.indicators,
      { ...base, id: "rd_intensity", zh: "研发投入强度", en: "R&D intensity", aliases: ["R&D投入强度"], unit: "%", unit_en: "%" },
    ],
  };
}

export const fixture = (name: string): string => join(FIXTURES, name);

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), "plan-monitor-loaders-"));
}

export const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
