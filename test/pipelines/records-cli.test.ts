/**
 * `plan-monitor records derived --by sector` through the CLI (in process): sectors named in English
 * from the sector names table with --lang en (table, CSV, JSON), Chinese otherwise, a sector the
 * table lacks left in Chinese, `$PLAN_MONITOR_SECTOR_NAMES` read, a bad table (sector or region names)
 * refused with exit 2.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { code } from "../records/helpers.ts";
import { run, tempDir } from "../helpers.ts";

let dir: string;
let cleanup: () => void;
let db: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir("pm-records-cli-"));
  db = join(dir, "w.duckdb");
  const certs = join(dir, "certs.csv");
  writeFileSync(
    certs,
    [
      "区划代码,企业名称,统一社会信用代码,证书编号,发证日期,乡镇/街道,行业",
      `210281,甲公司,${code(1)},N1,2016-01-10,复州城镇,新材料`,
      `210281,乙公司,${code(2)},N2,2016-02-10,李官镇,现代渔业`,
      `210281,丙公司,${code(3)},N3,2016-03-10,李官镇,文化旅游`,
      "",
    ].join("\n"),
  );
  // Certified in 2016, valid at the ends of 2016-2018; the register counts from its third year (2018).
  const r = await run("--db", db, "records", "ingest", certs, "--through", "2018-12-31");
  expect(r.code, r.out + r.err).toBe(0);
}, 60_000);
afterAll(() => cleanup());
afterEach(() => vi.unstubAllEnvs());

const derived = (...args: string[]) => run("--db", db, ...args, "records", "derived", "--by", "sector");

describe("plan-monitor records derived --by sector", () => {
  it("names sectors in English with --lang en, from data/sectors/names.csv; one the table lacks stays Chinese", async () => {
    const en = await derived("--lang", "en");
    expect(en.code).toBe(0);
    expect(en.out).toContain("New materials");
    expect(en.out).toContain("Modern fisheries");
    expect(en.out).toContain("文化旅游");
    expect(en.out).not.toContain("新材料");
    const zh = await derived();
    expect(zh.out).toContain("新材料");
    expect(zh.out).not.toContain("New materials");
  });

  it("gives the English name beside the Chinese one in CSV and JSON", async () => {
    const csv = (await run("--db", db, "--lang", "en", "records", "derived", "--by", "sector", "--format", "csv")).out;
    expect(csv.replace(/^\uFEFF/, "").split(/\r?\n/)[0]).toBe("indicator,sector,sector_en,year,value,records");
    expect(csv).toContain("high_tech_enterprises,新材料,New materials,2018,1,1");
    expect(csv).toContain("high_tech_enterprises,文化旅游,,2018,1,1");
    const json = JSON.parse((await run("--db", db, "records", "derived", "--by", "sector", "--format", "json")).out);
    expect(json.find((r: { group: string; year: number }) => r.group === "现代渔业" && r.year === 2018)).toMatchObject({
      indicator_id: "high_tech_enterprises",
      group_en: "Modern fisheries",
      value: 1,
    });
  });

  it("reads $PLAN_MONITOR_SECTOR_NAMES, and refuses a bad table with its line and exit 2", async () => {
    const other = join(dir, "sectors.csv");
    writeFileSync(other, "name_zh,name_en,basis\n文化旅游,Culture and tourism,本项目译名，非官方 / project's rendering, not official\n");
    vi.stubEnv("PLAN_MONITOR_SECTOR_NAMES", other);
    const ok = await derived("--lang", "en");
    expect(ok.code).toBe(0);
    expect(ok.out).toContain("Culture and tourism");
    expect(ok.out).toContain("新材料"); // not in this table: Chinese, never invented
    writeFileSync(other, "name_zh,name_en,basis\n新材料,New materials,x\n现代渔业,Modern fisheries,\n");
    const bad = await derived("--lang", "en");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`sector names table "${other}", line 3: an English name needs its basis`);
    expect(bad.out).toBe("");
    const badZh = await derived();
    expect(badZh.err).toContain(`行业名称表"${other}"第3行`);
  });

  it("refuses a bad region names table the same way (exit 2, not an internal error)", async () => {
    const regions = join(dir, "regions.csv");
    writeFileSync(regions, "code,parent,name_zh,name_en,basis\n2102,,大连市,Dalian,x\n");
    vi.stubEnv("PLAN_MONITOR_REGION_NAMES", regions);
    const bad = await run("--db", db, "--lang", "en", "records", "derived", "--by", "town");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain(`region names table "${regions}", line 2: code "2102"`);
  });
});
