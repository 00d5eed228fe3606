// Several plans in one warehouse, linked by `parent:` (test/fixtures/cascade: a synthetic province,
// city and county), through the CLI: each plan keeps its own figures, --plan takes a file or an id,
// the cascade shows the linked child's targets, a region's figures from the parent's own files, a
// missing child, ratios against the parent's line, a child target year that differs, towns with
// allocated targets that do not add up, and a bad link.
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CascadeReport } from "../../pipelines/cascade.ts";
import { run, tempDir } from "../helpers.ts";

const FIX = new URL("../fixtures/cascade/", import.meta.url).pathname;

describe("cascade across linked plans", () => {
  const tmp = tempDir("pm-cascade-");
  const db = join(tmp.dir, "w.duckdb");
  const cli = (...args: string[]) => run("--db", db, "--lang", "en", ...args);

  beforeAll(async () => {
    for (const level of ["province", "city", "county"]) {
      const r = await cli("ingest", "--plan", join(FIX, `${level}.yaml`), join(FIX, `synthetic-${level}.csv`));
      expect(r.code, r.out + r.err).toBe(0);
    }
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it("keeps each plan's figures apart and takes --plan as an id", async () => {
    const province = await cli("assess", "--plan", "t-province", "--format", "json");
    const city = await cli("assess", "--plan", "t-city", "--format", "json");
    expect(JSON.parse(province.out).indicators.find((i: { id: string }) => i.id === "hte").latest.value).toBe(80);
    expect(JSON.parse(city.out).indicators.find((i: { id: string }) => i.id === "city_hte").latest.value).toBe(35);
  });

  it("an unknown --plan id says which plans the warehouse holds (exit 2)", async () => {
    const r = await cli("cascade", "--plan", "no-such-plan");
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/t-city, t-county, t-province/);
  });

  it("the province's cascade: linked city, a region from its own files, a missing child", async () => {
    const r = await cli("cascade", "--plan", "t-province", "--format", "json");
    expect(r.code).toBe(0);
    const c = JSON.parse(r.out) as CascadeReport;
    expect(c.year).toBe(2020);
    const hte = c.indicators.find((i) => i.id === "hte")!;
    expect(hte.children.map((x) => x.code)).toEqual(["990100", "990200", "990300"]);
    const [a, b, cc] = hte.children;
    expect(a).toMatchObject({ plan_id: "t-city", latest: { value: 35, origin: "reported" }, target: { value: 40, origin: "plan" } });
    expect(a).toMatchObject({ status: "missed", contribution_to_parent_gap: 5, share_of_parent_gap: 0.25 });
    expect(b).toMatchObject({ plan_id: null, latest: { value: 30 }, status: "no_target" });
    expect(cc).toMatchObject({ status: "no_data", latest: null });
    expect(hte.parent.rolled_up).toMatchObject({ value: 65, coverage: { present: 2, children: 3 } });
    expect(hte.targets_add_up).toMatchObject({ sum: 40, children_with_target: 1, shortfall: 60, adds_up: false });
    const rd = c.indicators.find((i) => i.id === "rd_ratio")!;
    expect(rd.targets_add_up).toBeNull();
    expect(rd.children[0]).toMatchObject({ meets_parent_target: true, target_year_differs: true, status: "missed" });
    expect(rd.children[1]).toMatchObject({ meets_parent_target: false });
    const conv = c.indicators.find((i) => i.id === "converted")!;
    expect(conv.parent.latest?.value).toBe(22);
    expect(conv.children[0].latest?.value).toBe(5);
    expect(hte.summary.en).toMatch(/City A 5 enterprises \(25.0%\)/);
  });

  it("the county's towns get allocated targets; shares that do not add up and a bad link are reported (exit 1)", async () => {
    const r = await cli("cascade", "--plan", "t-county", "--format", "json");
    expect(r.code).toBe(1);
    const c = JSON.parse(r.out) as CascadeReport;
    const hte = c.indicators.find((i) => i.id === "county_hte")!;
    expect(hte.children.map((x) => [x.code, x.target?.value, x.target?.origin])).toEqual([
      ["乙镇", 3, "allocated"],
      ["甲镇", 5, "allocated"],
    ]);
    expect(c.allocations[0]).toMatchObject({ basis: "shares", sum: 8, difference: 2, adds_up: false });
    const city = await cli("cascade", "--plan", "t-city", "--format", "json");
    const linked = (JSON.parse(city.out) as CascadeReport).linked;
    expect(linked[0].problems[0].en).toMatch(/no_such_indicator/);
    expect(city.code).toBe(1);
  });

  it("prints a table in both languages and a CSV", async () => {
    const en = await cli("cascade", "--plan", "t-province");
    expect(en.out).toMatch(/children's targets sum to 40 enterprises \(1\/3 children have one\)/);
    const zh = await run("--db", db, "cascade", "--plan", "t-province");
    expect(zh.out).toMatch(/下级目标合计40家（1\/3个下级有目标）/);
    const csv = await cli("cascade", "--plan", "t-province", "--format", "csv");
    expect(csv.out.split("\r\n")[0]).toMatch(/^\uFEFFplan,indicator,rollup,level,region/);
    expect(csv.out).toMatch(/t-province,hte,sum,child,990100,甲市,City A,t-city,2020,35,reported/);
  });

  it("plan check names a parent mapping or allocation with an unknown indicator, and an allocation with two rules", async () => {
    const { readFileSync, writeFileSync } = await import("node:fs");
    const bad = readFileSync(join(FIX, "county.yaml"), "utf-8")
      .replace("county_hte: city_hte", "county_htx: city_hte")
      .replace("{indicator: county_hte, shares: {甲镇: 0.5, 乙镇: 0.3}}", "{indicator: county_hte, by: equal, shares: {甲镇: 1}}");
    const file = join(tmp.dir, "bad.yaml");
    writeFileSync(file, bad);
    const r = await cli("plan", "check", file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/parent\.indicators names "county_htx", which is not an indicator of this plan/);
    expect(r.err).toMatch(/give each allocation exactly one of/);
  });

  it("cascade --tree writes, in every format, what each plan's own cascade writes, parents first (exit 1: a bad link below)", async () => {
    for (const format of ["csv", "json", "table"]) {
      const tree = await cli("cascade", "--plan", "t-province", "--tree", "--format", format);
      expect(tree.code, tree.err).toBe(1);
      const each = [];
      for (const id of ["t-province", "t-city", "t-county"]) each.push((await cli("cascade", "--plan", id, "--format", format)).out);
      if (format === "csv") expect(tree.out).toBe(each.map((o, i) => (i === 0 ? o : o.replace(/^[^\n]*\n/, ""))).join(""));
      else if (format === "json") expect(JSON.parse(tree.out)).toEqual(each.map((o) => JSON.parse(o)));
      else expect(tree.out).toBe(`${each.map((o) => o.replace(/\n$/, "")).join("\n\n")}\n`);
    }
  });

  it("allocate --by equal splits a target the plan does not allocate", async () => {
    const r = await cli("allocate", "--plan", "t-province", "--by", "equal", "--indicator", "hte", "--format", "json");
    const a = JSON.parse(r.out);
    expect(a).toHaveLength(1);
    expect(a[0].rows.map((x: { amount: number }) => Math.round(x.amount * 100) / 100)).toEqual([33.33, 33.33, 33.33]);
  });
});

describe("cascade --tree reads each plan's current figures", () => {
  const tmp = tempDir("pm-cascade-tree-");
  const db = join(tmp.dir, "w.duckdb");
  const cli = (...args: string[]) => run("--db", db, "--lang", "en", ...args);

  beforeAll(async () => {
    for (const level of ["province", "city"]) {
      const r = await cli("ingest", "--plan", join(FIX, `${level}.yaml`), join(FIX, `synthetic-${level}.csv`));
      expect(r.code, r.out + r.err).toBe(0);
    }
    // A later file corrects the city's 2020 figure: the newer vintage is the current one.
    const { readFileSync, writeFileSync } = await import("node:fs");
    const fixed = join(tmp.dir, "synthetic-city-fixed.csv");
    writeFileSync(fixed, readFileSync(join(FIX, "synthetic-city.csv"), "utf-8").replace("高企数量,2020,35,", "高企数量,2020,38,"));
    const r = await cli("ingest", "--plan", join(FIX, "city.yaml"), fixed);
    expect(r.code, r.out + r.err).toBe(0);
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it("the newer vintage, as each plan's own cascade reads it", async () => {
    const tree = JSON.parse((await cli("cascade", "--plan", "t-province", "--tree", "--format", "json")).out) as CascadeReport[];
    expect(tree.map((c) => c.plan_id)).toEqual(["t-province", "t-city"]);
    const city = tree[0].indicators.find((i) => i.id === "hte")!.children.find((c) => c.plan_id === "t-city")!;
    expect(city.latest).toMatchObject({ year: 2020, value: 38, origin: "reported" });
    expect(tree[1].indicators.find((i) => i.id === "city_hte")!.parent.latest?.value).toBe(38);
    for (const c of tree) expect(c).toEqual(JSON.parse((await cli("cascade", "--plan", c.plan_id, "--format", "json")).out));
  });
});
