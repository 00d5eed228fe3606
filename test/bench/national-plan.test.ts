/**
 * The benchmark's synthetic plan over every county (bench/national-plan.ts) and the goals judged on
 * its pages (bench/report.ts). Correctness only: nothing here is timed.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEMO_PLAN, WHOLE_PLAN_FILE, WHOLE_PLAN_ID, wholeRegion, wholeRegionPlanYaml } from "../../bench/national-plan.ts";
import { evaluateGoals, type StepFigures, tableRows } from "../../bench/report.ts";
import { ROOT_REGION } from "../../domain/region.ts";
import { isSyntheticName } from "../../lib/synthetic.ts";
import { parsePlanText } from "../../loaders/plan-file.ts";

describe("the synthetic plan over every county", () => {
  it("takes the province when every county lies in one, else the root", () => {
    expect(wholeRegion(["210281", "210282", "211102"]).code).toBe("210000");
    expect(wholeRegion(["210281", "110105"]).code).toBe(ROOT_REGION);
    expect(wholeRegion(["210281", "复州城镇", "210281100"]).code).toBe("210000");
  });

  it("is a valid plan with the demo plan's indicators and tasks, marked synthetic everywhere", () => {
    const demo = parsePlanText(readFileSync(DEMO_PLAN, "utf-8"));
    const text = wholeRegionPlanYaml(readFileSync(DEMO_PLAN, "utf-8"), wholeRegion(["210281", "110105"]));
    const result = parsePlanText(text);
    if (!result.ok || !demo.ok) throw new Error(JSON.stringify(!result.ok ? result.problems : "demo plan invalid"));
    const plan = result.plan;
    expect(plan.id).toBe(WHOLE_PLAN_ID);
    expect(plan.region.code).toBe(ROOT_REGION);
    expect(plan.synthetic).toBe(true);
    expect(isSyntheticName(WHOLE_PLAN_FILE)).toBe(true);
    expect(plan.title.zh).toMatch(/^合成示例/);
    expect(plan.document).toMatch(/合成示例/);
    expect(plan.notes.join(" ")).toMatch(/合成示例.*Synthetic/s);
    expect(plan.indicators.map((i) => [i.id, i.target, i.derive])).toEqual(demo.plan.indicators.map((i) => [i.id, i.target, i.derive]));
    expect(plan.tasks.map((t) => t.id)).toEqual(demo.plan.tasks.map((t) => t.id));
    expect(plan.subregions ?? []).toEqual([]);
    expect(text.split("\n")[0]).toMatch(/合成示例 synthetic/);
  });
});

const step = (label: string, detail: Record<string, unknown>, seconds: number | null = null): StepFigures => ({
  label,
  ok: true,
  error: null,
  seconds,
  process_s: 1,
  peak_rss_bytes: null,
  rss_method: null,
  user_s: null,
  system_s: null,
  others_cores: null,
  rows: null,
  rate_per_s: null,
  detail,
});

describe("goals on the pages of the plan over every county", () => {
  const steps = {
    site_whole_warm: step("site_whole_warm", {}, 9.5),
    pages_whole: step("pages_whole", {
      pages: [
        { path: "index.html", transferred_bytes: 800_000, requests: 20, first_content_ms: 900, error: null },
        { path: "enterprises.html", transferred_bytes: 1_600_000, requests: 12, first_content_ms: 1200, error: null },
        { path: "cascade.html", transferred_bytes: 300_000, requests: 10, first_content_ms: null, error: "timeout" },
      ],
    }),
  };
  const goals = new Map(evaluateGoals(steps).map((g) => [g.id, g]));

  it("judges the heaviest and the slowest page (a page without a time is the slowest)", () => {
    expect(goals.get("pages_whole_bytes")).toMatchObject({ measured: 1_600_000, met: false });
    expect(goals.get("pages_whole_bytes")?.shown).toContain("enterprises");
    expect(goals.get("pages_whole_first_content_ms")).toMatchObject({ met: false, shown: "none (page cascade)" });
    expect(goals.get("site_whole_warm_seconds")).toMatchObject({ measured: 9.5, met: true });
    expect(goals.get("pages_bytes")?.met).toBeNull();
  });

  it("prints a row per page, marked as the whole plan's", () => {
    const labels = tableRows(steps, "national").map((r) => r[0]);
    expect(labels).toContain("whole plan: page enterprises");
    expect(labels).toContain("every page in Chromium, plan over every county");
  });
});
