import { describe, expect, it } from "vitest";
import { indexRegionNames, regionNameEn } from "../../domain/region.ts";
import { parseRegionNames, readRegionNames, REGION_NAMES_FILE } from "../../loaders/region-names.ts";

const HEAD = "code,parent,name_zh,name_en,basis\n";

describe("region names table", () => {
  it("names the demo's towns of Wafangdian in pinyin, and says they are renderings", () => {
    const names = readRegionNames(REGION_NAMES_FILE);
    expect(regionNameEn(names, "复州城镇", "210281")).toBe("Fuzhoucheng Town");
    expect(regionNameEn(names, "西杨乡", "210281")).toBe("Xiyang Township");
    expect(regionNameEn(names, "共济街道", "210281")).toBe("Gongji Subdistrict");
    expect(regionNameEn(names, "210200", "210000")).toBe("Dalian");
    for (const r of [...names.byName.values()].filter((t) => !t.code)) expect(r.basis).toMatch(/not an official translation/);
  });

  it("never invents a name: unknown towns and towns of another county get none", () => {
    const names = indexRegionNames(parseRegionNames(`${HEAD},210281,李官镇,Liguan Town,pinyin\n`, "t.csv"));
    expect(regionNameEn(names, "东城镇", "210281")).toBeNull();
    expect(regionNameEn(names, "李官镇", "210282")).toBeNull();
    expect(regionNameEn(names, "李官镇", "210281")).toBe("Liguan Town");
  });

  it("keeps a row without an English name as none", () => {
    const names = indexRegionNames(parseRegionNames(`${HEAD}210281,210200,瓦房店市,,\n`, "t.csv"));
    expect(regionNameEn(names, "210281", "210200")).toBeNull();
  });

  it.each([
    ["a wrong header", "code,name_zh,name_en\n210281,瓦房店市,Wafangdian\n", /line 1: the header/],
    ["a bad code", `${HEAD}2102,,瓦房店市,Wafangdian,x\n`, /line 2: code "2102"/],
    ["a town without parent", `${HEAD},,李官镇,Liguan Town,x\n`, /line 2: a town without a code needs its parent/],
    ["an English name without basis", `${HEAD},210281,李官镇,Liguan Town,\n`, /line 2: an English name needs its basis/],
    ["a town twice", `${HEAD},210281,李官镇,Liguan Town,x\n,210281,李官镇,Liguan,x\n`, /line 3: "李官镇" is listed twice/],
  ])("refuses %s with its line, in both languages", (_, text, en) => {
    let err: unknown;
    try {
      parseRegionNames(text, "t.csv");
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ exitCode: 2, code: "BAD_REGION_NAMES" });
    expect((err as { en: string }).en).toMatch(en);
    expect((err as { zh: string }).zh).toMatch(/地区名称表"t.csv"第\d行/);
  });
});
