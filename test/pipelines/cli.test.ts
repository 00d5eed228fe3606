import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DIR, PLAN_FILE, run, tempDir } from "../helpers.ts";

let dir: string;
let cleanup: () => void;
let db: string;

beforeAll(() => {
  ({ dir, cleanup } = tempDir());
  db = join(dir, "w.duckdb");
});
afterAll(() => cleanup());

describe("plan-monitor CLI", () => {
  it("plan check accepts the Wafangdian plan and reports a broken one with its line", async () => {
    const ok = await run("plan", "check", PLAN_FILE);
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("13项指标，18项任务");
    const broken = join(dir, "broken.yaml");
    writeFileSync(
      broken,
      'id: x\ntitle: {zh: 测试}\ndocument: d\nregion: {code: "210281", zh: x}\nbaseline_year: 2017\nstart_year: 2018\ntarget_year: 2020\nindicators:\n  - id: a\n    zh: 甲\n    en: A\n    unit: 家\n    target: 一百\n',
    );
    const bad = await run("--lang", "en", "plan", "check", broken);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`${broken}:13`);
    expect(bad.err).toContain("indicators[0].target");
  });

  it("ingests the demo data, reports rejected rows with reasons, and is idempotent", async () => {
    const first = await run("--db", db, "ingest", DEMO_DIR);
    expect(first.code).toBe(1); // the demo's town file has deliberate errors
    expect(first.out).toContain("demo-synthetic-1-统计局-主要指标-宽表.csv");
    expect(first.out).toContain('计划中没有指标"高企数"');
    expect(first.out).toMatch(/demo-synthetic-5-revisions\.json\s+已导入\s+12\s+0\s+1/);
    const again = await run("--db", db, "--lang", "en", "ingest", DEMO_DIR);
    expect(again.out).toMatch(/unchanged \(already landed\)/);
    expect(again.out).not.toContain("landed    ");
  });

  it("lands the right values in the right units from a GB18030 wide CSV, a BOM long CSV and JSON", async () => {
    const obs = JSON.parse((await run("--db", db, "show", "observations", "--format", "json")).out) as {
      indicator: string;
      year: number;
      value: number;
      unit: string;
      status: string;
    }[];
    const get = (id: string, year: number) => obs.find((o) => o.indicator === id && o.year === year);
    expect(get("tech_contract_turnover", 2017)).toMatchObject({ value: 1.2, unit: "亿元" }); // 12000 万元 in the wide GB18030 file
    expect(get("tech_contract_turnover", 2020)).toMatchObject({ value: 2.3 }); // "2.3亿元" in a cell
    expect(get("rd_expenditure", 2019)).toMatchObject({ value: 7.1, status: "final" }); // the final supersedes the preliminary 6.9
    expect(get("rd_institutions", 2018)).toBeUndefined(); // '—' is missing, never zero
    expect(get("fry_release", 2018)).toMatchObject({ value: 1.85, unit: "亿尾" }); // "18500万尾" in the xlsx
    const history = JSON.parse(
      (await run("--db", db, "show", "observations", "--history", "--indicator", "rd_expenditure", "--format", "json")).out,
    );
    expect(
      history.filter((o: { year: number }) => o.year === 2019).map((o: { value: number; current: boolean }) => [o.value, o.current]),
    ).toEqual([
      [6.9, false],
      [7.1, true],
    ]);
  });

  it("shows rejected rows and files as CSV with a BOM", async () => {
    const rejected = await run("--db", db, "show", "rejected", "--format", "csv");
    expect(rejected.out.startsWith("\uFEFF")).toBe(true);
    expect(rejected.out).toContain("待核实");
    const files = await run("--db", db, "show", "files");
    expect(files.out).toContain("gb18030");
  });

  it("assesses the demo data as JSON with the documented fields", async () => {
    const { code, out } = await run("--db", db, "assess", "--format", "json");
    expect(code).toBe(0);
    const a = JSON.parse(out);
    expect(a.plan).toMatchObject({ id: "wafangdian-2018-2020", document: "瓦政办发〔2019〕5号", baseline_year: 2017, target_year: 2020 });
    expect(a.indicators).toHaveLength(13);
    const by = Object.fromEntries(a.indicators.map((i: { id: string; status: string }) => [i.id, i.status]));
    expect(by).toMatchObject({
      high_tech_enterprises: "achieved",
      converted_achievements: "missed",
      tech_smes: "regressing",
      rd_expenditure: "on_track",
    });
    expect(a.summary.sentence.zh).toMatch(/^5项主要指标中/);
  });

  it("answers 'what did we know then' with --as-of", async () => {
    const { out } = await run("--db", db, "assess", "--format", "json", "--as-of", "2020-06-30", "--year", "2019");
    const rd = JSON.parse(out).indicators.find((i: { id: string }) => i.id === "rd_expenditure");
    expect(rd.latest).toMatchObject({ year: 2019, value: 6.9, status: "preliminary" });
  });

  it("gives clear errors and documented exit codes for bad usage", async () => {
    expect((await run("--db", db, "assess", "--year", "twenty")).code).toBe(64);
    expect((await run("--db", db, "show", "nonsense")).code).toBe(64);
    const missing = await run("--db", join(dir, "none.duckdb"), "assess");
    expect(missing.code).toBe(3);
    expect(missing.err).toContain("npm start");
    const refused = join(dir, "image.csv");
    writeFileSync(refused, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
    const r = await run("--db", db, "ingest", refused);
    expect(r.code).toBe(2);
    expect(r.out).toContain("✗");
  });

  it("rebuilds the warehouse from its archive with the same current view and history", async () => {
    const before = (await run("--db", db, "show", "observations", "--history", "--format", "json")).out;
    const rebuilt = await run("--db", db, "rebuild");
    expect(rebuilt.code).toBe(0);
    expect(existsSync(`${db}.before-rebuild`)).toBe(true);
    const after = (await run("--db", db, "show", "observations", "--history", "--format", "json")).out;
    const strip = (s: string) => JSON.parse(s).map(({ seq: _s, ...rest }: { seq: number }) => rest);
    expect(strip(after)).toEqual(strip(before));
  });

  it("backs up to Parquet and restores the same warehouse", async () => {
    const backup = join(dir, "backup");
    expect((await run("--db", db, "backup", backup)).code).toBe(0);
    // Every table, the record-level and derived ones included, not a fixed list.
    const manifest = JSON.parse(readFileSync(join(backup, "manifest.json"), "utf8"));
    expect(Object.keys(manifest.tables)).toEqual(expect.arrayContaining(["observations", "rec_contracts", "derived_observations"]));
    const restored = join(dir, "restored.duckdb");
    expect((await run("--db", restored, "restore", backup)).code).toBe(0);
    const a = (await run("--db", db, "assess", "--format", "json")).out;
    const b = (await run("--db", restored, "assess", "--format", "json")).out;
    expect(b).toEqual(a);
  });

  it("reads a plan from any file: a plan of another region with its own data", async () => {
    const other = join(dir, "other");
    mkdirSync(other);
    copyFileSync(PLAN_FILE, join(other, "unused.yaml"));
    const plan = join(other, "plan.yaml");
    writeFileSync(
      plan,
      'id: test-city\ntitle: {zh: 测试市计划, en: Test plan}\ndocument: 测〔2021〕1号\nregion: {code: "110000", zh: 测试市}\nbaseline_year: 2020\nstart_year: 2021\ntarget_year: 2025\nindicators:\n  - {id: patents, zh: 专利授权量, en: Patents granted, unit: 件, target: 500}\n  - {id: energy, zh: 单位GDP能耗, en: Energy intensity, unit: 吨标准煤/万元, direction: decrease, target: 0.4}\n',
    );
    const data = join(other, "data.csv");
    writeFileSync(
      data,
      iconv.encode("指标,年份,数值\n专利授权量,2020,300\n专利授权量,2021,360\n单位GDP能耗,2020,0.5\n单位GDP能耗,2021,0.47\n", "gb18030"),
    );
    const odb = join(other, "w.duckdb");
    expect((await run("--db", odb, "ingest", "--plan", plan, data)).code).toBe(0);
    const a = JSON.parse((await run("--db", odb, "assess", "--format", "json")).out);
    expect(a.plan.id).toBe("test-city");
    expect(a.indicators.map((i: { id: string; status: string }) => i.status)).toEqual(["on_track", "on_track"]);
  });
});
