// The real files: Liaoning's plan (辽政办发〔2018〕22号, data/plans/liaoning-2018-2020.yaml) and the
// official published figures in data/real/liaoning-2018-2020/ (sources: data/real/README.md).
// Pins the 2020 statuses those figures imply; each expectation cites its source.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Papa from "papaparse";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PlanAssessment } from "../../assessment/types.ts";
import type { CascadeReport } from "../../pipelines/cascade.ts";
import { run, tempDir } from "../helpers.ts";

const ROOT = new URL("../../", import.meta.url).pathname;
const DATA = join(ROOT, "data/real/liaoning-2018-2020/official-figures.csv");
const PLAN = join(ROOT, "data/plans/liaoning-2018-2020.yaml");

describe("Liaoning on its official published figures", () => {
  const tmp = tempDir("pm-real-");
  const db = join(tmp.dir, "w.duckdb");
  let a: PlanAssessment;

  beforeAll(async () => {
    const r = await run("--db", db, "ingest", "--plan", "liaoning-2018-2020", DATA);
    expect(r.code, r.out + r.err).toBe(0);
    a = JSON.parse((await run("--db", db, "assess", "--plan", "liaoning-2018-2020", "--year", "2020", "--format", "json")).out);
  }, 60_000);
  afterAll(() => tmp.cleanup());

  it("the plan file is valid and quotes every target", async () => {
    expect((await run("plan", "check", PLAN)).code).toBe(0);
    expect(readFileSync(PLAN, "utf-8")).toMatch(/wording: 技术交易合同成交额达到600亿元/);
  });

  it("every row names its source and quotes the published wording; roundings say so", () => {
    const rows = Papa.parse<Record<string, string>>(readFileSync(DATA, "utf-8").replace(/^\uFEFF/, ""), {
      header: true,
      skipEmptyLines: true,
    }).data;
    // 16 rows, plus Liaoning's 2016 contract turnover (340.8亿元) and Dalian's 2020 high-tech count (超过2400家).
    expect(rows).toHaveLength(18);
    for (const r of rows) {
      expect(r.来源.trim().length, JSON.stringify(r)).toBeGreaterThan(10);
      expect(r.备注, JSON.stringify(r)).toMatch(/原文/);
    }
    // The five published roundings (突破7000家, 超过2400家, 超过3000项, 近5000项, 突破500亿元) and only they are marked as such.
    const roundings = rows.filter((r) => /约数/.test(r.备注)).map((r) => `${r.指标} ${r.地区} ${r.年份} ${r.数值}`);
    expect(roundings.sort()).toEqual(
      [
        "技术合同成交额 210000 2019 500",
        "转化科技成果 210000 2019 3000",
        "转化科技成果 210000 2020 5000",
        "高新技术企业数量 210000 2020 7000",
        "高新技术企业数量 210200 2020 2400",
      ].sort(),
    );
  });

  it("pins the 2020 statuses the published figures imply", () => {
    const status = Object.fromEntries(a.indicators.map((i) => [i.id, i.status]));
    expect(a.year).toBe(2020);
    expect(status).toEqual({
      // 2.19% (辽宁省“十四五”科技创新规划: “全省R&D经费支出占地区生产总值（GDP）比重达到2.19%”) < 2.3%.
      rd_ratio: "missed",
      // Only 2017 (54.5%, 省政府新闻办发布会 2018-12-10) is published: no 2020 figure found.
      tech_progress_contribution: "insufficient_data",
      // “全省高新技术企业突破7000家” (十四五规划), a rounding (more than 7000) ≥ 4000.
      high_tech_enterprises: "achieved",
      // “2020年全省19家省级以上高新区” (十四五规划) < 20.
      high_tech_zones: "missed",
      // No published figure found.
      rd_institutions: "insufficient_data",
      // 2019 “超过3000项” (2020年省科技工作会议) + 2020 “近5000项” (辽宁日报 2021-01-29), 2018 missing: ≥ 6000 over the plan years.
      converted_achievements: "achieved",
      // 645.1亿元 (十四五规划: “2020年，全省技术合同成交额达到645.1亿元”) ≥ 600.
      tech_contract_turnover: "achieved",
    });
  });

  it("the cascade: Shenyang's share of the province's contract turnover matches the published 47%", async () => {
    const r = await run("--db", db, "cascade", "--plan", "liaoning-2018-2020", "--year", "2020", "--format", "json");
    const c = JSON.parse(r.out) as CascadeReport;
    const turnover = c.indicators.find((i) => i.id === "tech_contract_turnover")!;
    const shenyang = turnover.children.find((x) => x.code === "210100")!;
    // 沈阳市科学技术局《2020年工作总结和2021年工作安排》: “2020年达到303.93亿元，占全省47%”.
    expect(shenyang.latest).toMatchObject({ year: 2020, value: 303.93, origin: "reported" });
    expect(Math.round((shenyang.share_of_parent_value ?? 0) * 100)).toBe(47);
    // Dalian's latest published figure is for 2019 (210.39亿元): no 2020 share.
    expect(turnover.children.find((x) => x.code === "210200")).toMatchObject({
      latest: { year: 2019, value: 210.39 },
      share_of_parent_value: null,
    });
    expect(turnover.parent.rolled_up).toMatchObject({ value: 303.93, coverage: { present: 1, children: 2 } });
    // High-tech enterprises at the end of 2020: Shenyang 2560 (沈阳市科学技术局, 2021-01-15) and Dalian
    // “超过2400家” (国际在线辽宁频道, 2021-03-18), both cities present; together above the province's 4000 target.
    const htes = c.indicators.find((i) => i.id === "high_tech_enterprises")!;
    expect(htes.children.find((x) => x.code === "210200")?.latest).toMatchObject({ year: 2020, value: 2400, origin: "reported" });
    expect(htes.parent.rolled_up).toMatchObject({ value: 4960, coverage: { present: 2, children: 2 } });
    const rd = c.indicators.find((i) => i.id === "rd_ratio")!;
    // Shenyang's 2019 intensity 2.64% is above the province's 2.3% line.
    expect(rd.children.find((x) => x.code === "210100")?.meets_parent_target).toBe(true);
  });
});
