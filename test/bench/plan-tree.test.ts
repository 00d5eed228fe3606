// The benchmark's synthetic plan tree (bench/plan-tree.ts): every file it writes says it is synthetic
// and loads as a valid plan; the links, targets and allocations hold; a slice of it (country, a
// province, a city and its counties) stored in a warehouse gives the same cascade for each plan read
// one by one as read for the whole tree at once (cascade --tree), with the province directly below
// the country.
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtTree, firstProvincePlan, planTree, ROOT_ID, TREE_MARKER, treeRecipe, writePlanTree } from "../../bench/plan-tree.ts";
import { isDirectChild } from "../../domain/region.ts";
import type { Plan } from "../../domain/plan.ts";
import { loadPlanFile } from "../../loaders/plan-file.ts";
import { cascadeReport, cascadeTree } from "../../pipelines/cascade.ts";
import { ingestFile } from "../../pipelines/ingest.ts";
import { storePlans } from "../../warehouse/plans.ts";
import { run, tempDir, tempWarehouse } from "../helpers.ts";

describe("the synthetic plan tree", () => {
  const tmp = tempDir("pm-tree-");
  const tree = writePlanTree(tmp.dir, "province", 1);
  afterAll(() => tmp.cleanup());

  it("writes a country, Liaoning, its 13 cities and 100 counties, each file saying it is synthetic", () => {
    const levels = tree.plans.map((p) => p.level);
    expect(levels.filter((l) => l === "country")).toHaveLength(1);
    expect(levels.filter((l) => l === "province")).toHaveLength(1);
    expect(levels.filter((l) => l === "city")).toHaveLength(13);
    expect(levels.filter((l) => l === "county")).toHaveLength(100);
    for (const dir of ["plans", "figures"])
      for (const f of readdirSync(join(tmp.dir, dir))) expect(readFileSync(join(tmp.dir, dir, f), "utf-8"), f).toMatch(/合成示例/);
    expect(readFileSync(join(tmp.dir, "README.md"), "utf-8")).toMatch(/synthetic/);
    expect(firstProvincePlan("province")).toBe("synthetic-p210000");
  });

  it("every plan file loads as a valid plan, linked directly below its parent", async () => {
    const byId = new Map<string, Plan>();
    for (const f of tree.files) {
      const { plan } = await loadPlanFile(f.plan);
      expect(plan.synthetic).toBe(true);
      byId.set(plan.id, plan);
    }
    for (const plan of byId.values()) {
      if (plan.id === ROOT_ID) {
        expect(plan.parent).toBeUndefined();
        continue;
      }
      const parent = byId.get(plan.parent?.plan ?? "");
      expect(parent, plan.id).toBeDefined();
      expect(isDirectChild(plan.region.code, parent!.region.code), plan.id).toBe(true);
      for (const [mine, theirs] of Object.entries(plan.parent!.indicators)) {
        expect(plan.indicators.some((i) => i.id === mine)).toBe(true);
        expect(parent!.indicators.some((i) => i.id === theirs)).toBe(true);
      }
    }
    const root = byId.get(ROOT_ID)!;
    // The country hears from its province and from every county; each unit owes milestones.
    expect(root.units).toHaveLength(3 + 1 + 100);
    expect(root.tasks.flatMap((t) => t.milestones).length).toBeGreaterThan(0);
    expect(root.indicators).toHaveLength(13);
  });

  it("each level's targets are its children's summed; a city allocates the fry target its counties lack", () => {
    const t = planTree("province", 1);
    const target = (id: string, ind: string) =>
      (t.plans.find((p) => p.id === id)!.file.indicators as { id: string; target: number }[]).find((i) => i.id === ind)?.target;
    const city = t.plans.find((p) => p.level === "city")!;
    const counties = t.plans.filter((p) => p.parent === city.id);
    expect(counties).toHaveLength(8);
    const sum = counties.reduce((a, c) => a + (target(c.id, "tech_smes") ?? 0), 0);
    expect(target(city.id, "tech_smes")).toBe(sum);
    expect(counties.every((c) => target(c.id, "fry_release") === undefined)).toBe(true);
    expect(city.file.allocations).toEqual([{ indicator: "fry_release", by: "equal" }]);
  });
});

describe("the record of a built tree", () => {
  it("is reused only for the same scale, seed and code", () => {
    const tmp = tempDir("pm-tree-m-");
    try {
      expect(builtTree(tmp.dir, "province", 1)).toBeNull();
      writeFileSync(join(tmp.dir, TREE_MARKER), JSON.stringify({ ...treeRecipe("province", 1), built: { plans: 115 } }));
      expect(builtTree(tmp.dir, "province", 1)).toEqual({ plans: 115 });
      expect(builtTree(tmp.dir, "province", 2)).toBeNull();
      expect(builtTree(tmp.dir, "national", 1)).toBeNull();
      writeFileSync(join(tmp.dir, TREE_MARKER), JSON.stringify({ ...treeRecipe("province", 1), generator: "older" }));
      expect(builtTree(tmp.dir, "province", 1)).toBeNull();
    } finally {
      tmp.cleanup();
    }
  });
});

describe("a slice of the tree in a warehouse", () => {
  const tmp = tempDir("pm-tree-w-");
  const tree = writePlanTree(tmp.dir, "province", 1);
  const city = tree.plans.find((p) => p.level === "city")!;
  const slice = tree.files.filter((f) => {
    const p = tree.plans.find((x) => x.id === f.id)!;
    return p.level === "country" || p.level === "province" || p.id === city.id || p.parent === city.id;
  });
  let t: Awaited<ReturnType<typeof tempWarehouse>>;
  const plans: Plan[] = [];

  beforeAll(async () => {
    t = await tempWarehouse();
    const loaded = [];
    for (const f of slice) loaded.push({ ...(await loadPlanFile(f.plan)), path: f.plan });
    expect(await storePlans(t.w, loaded)).toEqual(loaded.map(() => true));
    // Stored again unchanged: nothing to do.
    expect(await storePlans(t.w, loaded)).toEqual(loaded.map(() => false));
    for (const [i, f] of slice.entries()) {
      const r = await ingestFile(t.w, loaded[i].plan, f.figures, { archive: false });
      expect(r.error, f.figures).toBeNull();
      expect(r.rejected, f.figures).toEqual([]);
      plans.push(loaded[i].plan);
    }
  }, 120_000);
  afterAll(async () => {
    await t?.cleanup();
    tmp.cleanup();
  });

  it("cascade --tree gives, for each plan, what its own cascade gives; the province sits below the country", async () => {
    const root = plans.find((p) => p.id === ROOT_ID)!;
    const all = await cascadeTree(t.w, root);
    expect(all.map((r) => r.plan_id)).toEqual([
      ROOT_ID,
      "synthetic-p210000",
      city.id,
      ...plans.filter((p) => p.parent?.plan === city.id).map((p) => p.id),
    ]);
    for (const r of all) expect(r).toEqual(await cascadeReport(t.w, plans.find((p) => p.id === r.plan_id)!));
    expect(all[0].linked).toEqual([{ plan_id: "synthetic-p210000", region: "210000", problems: [] }]);
    const fry = all[2].indicators.find((i) => i.id === "fry_release")!;
    expect(fry.children).toHaveLength(8);
    for (const c of fry.children) expect(c.target?.origin).toBe("allocated");
    expect(all[2].allocations[0].adds_up).toBe(true);
  });

  it("the CLI writes one CSV for the whole tree, with one header", async () => {
    await t.w.close();
    const out = join(tmp.dir, "tree.csv");
    const r = await run("--db", t.dbPath, "cascade", "--plan", ROOT_ID, "--tree", "--format", "csv", "--out", out);
    expect(r.code, r.err).toBe(0);
    const lines = readFileSync(out, "utf-8").trim().split(/\r?\n/);
    expect(lines.filter((l) => l.replace(/^\uFEFF/, "").startsWith("plan,indicator,")).length).toBe(1);
    expect(new Set(lines.slice(1).map((l) => l.split(",")[0])).size).toBe(slice.length);
  });
});
