/**
 * The enterprise list of a plan over many counties (pipelines/site/enterprise-parts.ts): the counties
 * and their counts, each county's part (written in one pass per province, or one by one by the
 * loader: the same rows), and the region's largest enterprises first (warehouse enterpriseList).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Plan } from "../../../domain/plan.ts";
import { ROOT_REGION } from "../../../domain/region.ts";
import {
  enterpriseCounties,
  enterpriseNamer,
  enterprisePart,
  linkEnterpriseParts,
  partPath,
  partsCached,
  partsInputs,
  writeEnterpriseParts,
} from "../../../pipelines/site/enterprise-parts.ts";
import type { Warehouse } from "../../../warehouse/connection.ts";
import { type EnterpriseRow, enterpriseList } from "../../../warehouse/records-analysis.ts";
import { code, ingest, setup, writeCsv } from "../../records/helpers.ts";

let w: Warehouse;
let dir: string;
let plan: Plan;
let cleanup: () => Promise<void>;
beforeEach(async () => {
  ({ w, dir, plan, cleanup } = await setup());
  await ingest(
    w,
    plan,
    writeCsv(dir, "certs.csv", [
      "区划代码,企业名称,统一社会信用代码,证书编号,发证日期,乡镇/街道,行业",
      `210281,a,${code(1)},N1,2016-01-01,共济街道,轴承`,
      `210282,b,${code(2, "210282")},N2,2016-02-01,某镇,轴承`,
      `110105,c,${code(3, "110105")},N3,2016-03-01,某街道,软件`,
    ]),
    { through: "2018-12-31" },
  );
  await ingest(
    w,
    plan,
    writeCsv(dir, "contracts.csv", [
      "区划代码,合同编号,登记日期,卖方,卖方统一社会信用代码,买方,合同金额(万元),技术交易额(万元),合同类型",
      `210281,K1,2019-01-01,a,${code(1)},x,100,90,技术开发`,
      `210281,K2,2019-02-01,a,${code(1)},x,100,10,技术服务`,
      `110105,K3,2019-03-01,c,${code(3, "110105")},x,500,500,技术开发`,
    ]),
  );
});
afterEach(async () => {
  vi.unstubAllEnvs();
  await cleanup();
});

const country = () => ({ ...plan, region: { code: ROOT_REGION, zh: "全国", en: "China" } });

describe("a plan over many counties", () => {
  it("lists its counties with their enterprises; a county plan has none", async () => {
    expect(await enterpriseCounties(w, country())).toEqual([
      { code: "110105", enterprises: 1 },
      { code: "210281", enterprises: 1 },
      { code: "210282", enterprises: 1 },
    ]);
    expect(await enterpriseCounties(w, { ...plan, region: { code: "210000", zh: "辽宁省", en: "Liaoning" } })).toHaveLength(2);
    expect(await enterpriseCounties(w, plan)).toEqual([]);
  });

  it("writes each county's part in one pass, the same as the loader's one by one, contracts counted", async () => {
    const p = country();
    const counties = (await enterpriseCounties(w, p)).map((c) => c.code);
    expect(partsCached(dir, counties)).toBe(false);
    expect(await writeEnterpriseParts(w, p, dir, counties)).toBe(3);
    expect(partsCached(dir, counties)).toBe(true);
    for (const county of counties)
      expect(JSON.parse(readFileSync(join(dir, partPath(county)), "utf-8"))).toEqual(await enterprisePart(w, p, county));
    const wafangdian = await enterprisePart(w, p, "210281");
    expect(wafangdian.enterprises).toMatchObject([
      { enterprise: "a", region_code: "210281", contracts: [], contract_count: 2, turnover: 1_000_000 },
    ]);
  });

  it("links the prefilled parts into a built site, which keeps them when the cache is written again", async () => {
    const p = country();
    const counties = (await enterpriseCounties(w, p)).map((c) => c.code);
    const cache = join(dir, "cache");
    const site = join(dir, "site");
    expect(linkEnterpriseParts(cache, site)).toBe(0); // nothing prefilled (a county plan): nothing to place
    expect(existsSync(join(site, "data", "enterprises"))).toBe(false);
    await writeEnterpriseParts(w, p, cache, counties);
    writeFileSync(join(cache, "data", "enterprises", ".counties.json"), JSON.stringify(counties));
    writeFileSync(join(cache, "data", "enterprises", ".inputs.json"), "{}");
    expect(linkEnterpriseParts(cache, site)).toBe(3);
    for (const county of counties) {
      expect(readFileSync(join(site, partPath(county)), "utf-8")).toBe(readFileSync(join(cache, partPath(county)), "utf-8"));
      expect(statSync(join(site, partPath(county))).ino).toBe(statSync(join(cache, partPath(county))).ino);
    }
    const before = readFileSync(join(site, partPath("210281")), "utf-8");
    // prefillEnterpriseParts removes the folder before writing, so new files never reach the built site.
    rmSync(join(cache, "data", "enterprises"), { recursive: true });
    mkdirSync(join(cache, "data", "enterprises"));
    writeFileSync(join(cache, partPath("210281")), JSON.stringify({ county: "210281", enterprises: [] }));
    expect(readFileSync(join(site, partPath("210281")), "utf-8")).toBe(before);
    expect(JSON.parse(before).enterprises).toHaveLength(1);
  });

  it("depends on the record files and the plan, not on other files landing", async () => {
    const p = country();
    const before = await partsInputs(w, p, "code-1");
    expect(await partsInputs(w, p, "code-1")).toBe(before);
    expect(await partsInputs(w, p, "code-2")).not.toBe(before);
    expect(await partsInputs(w, { ...p, region: { code: "210000", zh: "辽宁省", en: "Liaoning" } }, "code-1")).not.toBe(before);
    await ingest(
      w,
      plan,
      writeCsv(dir, "more.csv", ["区划代码,企业名称,统一社会信用代码,证书编号,发证日期", `210281,d,${code(4)},N4,2017-01-01`]),
    );
    expect(await partsInputs(w, p, "code-1")).not.toBe(before);
  });

  it("names each enterprise's sector in English from the sector names table, and depends on that table", async () => {
    const p = country();
    const sectors = join(dir, "sectors.csv");
    writeFileSync(sectors, "name_zh,name_en,basis\n轴承,Bearings,x\n");
    vi.stubEnv("PLAN_MONITOR_SECTOR_NAMES", sectors);
    const before = await partsInputs(w, p, "code-1");
    expect((await enterprisePart(w, p, "210281")).enterprises).toMatchObject([{ enterprise: "a", sector: "轴承", sector_en: "Bearings" }]);
    expect((await enterprisePart(w, p, "110105")).enterprises).toMatchObject([{ enterprise: "c", sector: "软件", sector_en: null }]);
    writeFileSync(sectors, "name_zh,name_en,basis\n轴承,Bearing manufacturing,x\n");
    expect(await partsInputs(w, p, "code-1")).not.toBe(before);
  });

  it("names each contract's type and technology field in English (null: none), and depends on the field table", async () => {
    const p = country();
    const fields = join(dir, "fields.csv");
    writeFileSync(fields, "name_zh,name_en,basis\n先进制造,Advanced manufacturing,x\n");
    vi.stubEnv("PLAN_MONITOR_FIELD_NAMES", fields);
    const before = await partsInputs(w, p, "code-1");
    const contract = { contract_id: "K", registered_on: "2019-01-01", role: "seller" as const, transaction_value: 1 };
    const row = {
      ...(await enterpriseList(w, p))[0],
      contracts: [
        { ...contract, contract_type: "技术许可", field: "先进制造" },
        { ...contract, contract_type: "其他", field: "核应用" },
      ],
      rd: [
        { year: 2019, amount: 1, size: "中型" },
        { year: 2020, amount: 1, size: "规上" },
      ],
    } satisfies EnterpriseRow;
    expect(enterpriseNamer(p)([row])[0].contracts).toMatchObject([
      { contract_type: "技术许可", contract_type_en: "Technology licensing", field: "先进制造", field_en: "Advanced manufacturing" },
      { contract_type: "其他", contract_type_en: null, field: "核应用", field_en: null },
    ]);
    expect(enterpriseNamer(p)([row])[0].rd).toMatchObject([
      { size: "中型", size_en: "Medium-sized" },
      { size: "规上", size_en: null },
    ]);
    writeFileSync(fields, "name_zh,name_en,basis\n先进制造,Advanced manufacturing industry,x\n");
    expect(await partsInputs(w, p, "code-1")).not.toBe(before);
  });

  it("gives the largest enterprises first, the same with a limit as without", async () => {
    const p = country();
    const all = await enterpriseList(w, p);
    expect(all.map((e) => [e.enterprise, e.contract_count, e.contracts.length])).toEqual([
      ["c", 1, 1],
      ["a", 2, 2],
      ["b", 0, 0],
    ]);
    expect(await enterpriseList(w, p, { limit: 2 })).toEqual(all.slice(0, 2));
    expect(await enterpriseList(w, p, { limit: 2, contracts: false })).toEqual(all.slice(0, 2).map((e) => ({ ...e, contracts: [] })));
  });
});
