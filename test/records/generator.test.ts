import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Plan } from "../../domain/plan.ts";
import { expandPaths, ingestFiles } from "../../pipelines/ingest.ts";
import {
  COUNTY_REGION,
  COVERAGE,
  DELIBERATE_DISCREPANCY,
  generateRecords,
  NOT_RENEWED,
  regionCodes,
} from "../../pipelines/demo/generate.ts";
import { ingestRecordFiles } from "../../pipelines/records.ts";
import type { Warehouse } from "../../warehouse/connection.ts";
import { certificateRisk, reconcile } from "../../warehouse/records-analysis.ts";
import { readObservationPoints } from "../../warehouse/read.ts";
import { assessPlan } from "../../assessment/engine.ts";
import { DEMO_DIR, tempDir } from "../helpers.ts";
import { setup } from "./helpers.ts";

const bytes = (dir: string) => Object.fromEntries(readdirSync(dir).map((f) => [f, readFileSync(join(dir, f)).toString("base64")]));

describe("demo generate", () => {
  it("is deterministic: the same seed gives the same bytes, another seed other bytes", async () => {
    const a = tempDir();
    const b = tempDir();
    const c = tempDir();
    try {
      await generateRecords({ scale: "county", seed: 7, out: a.dir });
      await generateRecords({ scale: "county", seed: 7, out: b.dir });
      await generateRecords({ scale: "county", seed: 8, out: c.dir });
      expect(Object.keys(bytes(a.dir)).every((f) => f.includes("synthetic"))).toBe(true);
      expect(bytes(a.dir)).toEqual(bytes(b.dir));
      expect(bytes(a.dir)).not.toEqual(bytes(c.dir));
    } finally {
      a.cleanup();
      b.cleanup();
      c.cleanup();
    }
  });

  it("uses six-digit region codes: ~100 counties in a province, ~3,000 nationally, Wafangdian among them", () => {
    const p = regionCodes("province");
    const n = regionCodes("national");
    expect(p.length).toBe(100);
    expect(n.length).toBeGreaterThanOrEqual(2900);
    expect(new Set(n).size).toBe(n.length);
    expect([...p, ...n].every((c) => /^\d{6}$/.test(c))).toBe(true);
    expect(p).toContain(COUNTY_REGION);
    expect(n).toContain(COUNTY_REGION);
  });
});

describe("county-scale records against the demo figures", () => {
  let w: Warehouse;
  let plan: Plan;
  let cleanup: () => Promise<void>;
  beforeAll(async () => {
    let dir: string;
    ({ w, plan, dir, cleanup } = await setup());
    await ingestFiles(w, plan, expandPaths([DEMO_DIR]).files);
    const files = await generateRecords({ scale: "county", seed: 2018, out: join(dir, "records") });
    const reports = await ingestRecordFiles(
      w,
      plan,
      files.map((f) => f.path),
    );
    expect(reports.map((r) => r.outcome)).toEqual(["accepted", "partial", "accepted", "accepted", "accepted"]);
    expect(reports[1].summary?.rejected).toBe(2); // the two deliberate bad contract rows
    // Every file states its coverage (数据截至): in a title row, or a column.
    expect(reports.map((r) => [r.summary?.covered_through, r.summary?.coverage_basis])).toEqual([
      [COVERAGE.certificates.through, "title"],
      [COVERAGE.contracts.through, "title"],
      [COVERAGE.rd.through, "title"],
      [COVERAGE.lists.through, "column"],
      [COVERAGE.lists2019.through, "title"],
    ]);
  });
  afterAll(async () => cleanup());

  it("reconciles with every reported figure except the one deliberate discrepancy", async () => {
    const rows = await reconcile(w, plan);
    expect(rows.length).toBeGreaterThan(50);
    const flagged = rows.filter((r) => r.flagged);
    expect(flagged.map((r) => [r.indicator_id, r.year, r.reported, r.derived])).toEqual([
      [DELIBERATE_DISCREPANCY.indicator, DELIBERATE_DISCREPANCY.year, DELIBERATE_DISCREPANCY.reported, DELIBERATE_DISCREPANCY.derived],
    ]);
    for (const r of rows.filter((x) => !x.flagged)) expect(Math.abs(r.difference)).toBeLessThan(1e-6);
    // 2020 is reconciled where the records cover it and the demo reports it.
    expect(
      rows
        .filter((r) => r.year === 2020)
        .map((r) => r.indicator_id)
        .sort(),
    ).toEqual([
      "converted_achievements",
      "enterprise_tech_centers",
      "high_tech_enterprises",
      "incubators",
      "maker_spaces",
      "patent_alliances",
      "tech_contract_turnover",
    ]);
    // Every indicator of the plan is derivable from the county records.
    expect(new Set(rows.map((r) => r.indicator_id)).size).toBe(plan.indicators.length);
  });

  it("holds the enterprise certified in 2016 and not renewed, which the risk list shows", async () => {
    const risk = (await certificateRisk(w, plan))!;
    const it2016 = risk.certificates.find((c) => c.enterprise === NOT_RENEWED.enterprise);
    expect(it2016).toMatchObject({ certified_on: NOT_RENEWED.certified_on, lapses_on: "2019-06-01", state: "lapsed" });
  });

  it("lets the assessment use derived figures where nothing is reported (and the records cover the year), and says so", async () => {
    const points = await readObservationPoints(w, plan);
    const a = assessPlan(plan, points);
    const rd = a.indicators.find((i) => i.id === "rd_expenditure")!;
    // The R&D reports cover through 2019-12-31: no 2020 figure is derived.
    expect(rd.series.map((p) => [p.year, p.origin])).toEqual([
      [2015, "reported"],
      [2016, "reported"],
      [2017, "reported"],
      [2018, "reported"],
      [2019, "reported"],
    ]);
    const inst = a.indicators.find((i) => i.id === "rd_institutions")!;
    expect(inst.series.filter((p) => p.origin === "derived").map((p) => p.year)).toEqual([2018]);
    for (const id of ["star_innovation_bases", "tech_smes", "industry_alliances", "fry_release"])
      expect(Math.max(...a.indicators.find((i) => i.id === id)!.series.map((p) => p.year))).toBe(2019);
    const hte = a.indicators.find((i) => i.id === "high_tech_enterprises")!;
    expect(hte.series.every((p) => p.origin === "reported")).toBe(true);
  });
});
