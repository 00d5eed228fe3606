import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { indexTermNames, termNameEn } from "../../domain/term-names.ts";
import { SECTOR_NAMES, SECTOR_NAMES_FILE, parseTermNames, readTermNames } from "../../loaders/term-names.ts";
import { SECTORS } from "../../pipelines/demo/generate.ts";
import { tempDir } from "../helpers.ts";

const HEAD = "name_zh,name_en,basis\n";

afterEach(() => vi.unstubAllEnvs());

describe("sector names table", () => {
  it("names every sector of the demo in English, and says the names are the project's renderings", () => {
    const names = readTermNames(SECTOR_NAMES, SECTOR_NAMES_FILE);
    expect(termNameEn(names, "现代渔业")).toBe("Modern fisheries");
    expect(termNameEn(names, "轴承及装备制造")).toBe("Bearings and equipment manufacturing");
    for (const s of SECTORS) expect(termNameEn(names, s), s).toMatch(/^[A-Z][a-z ,]+$/);
    for (const r of names.values()) expect(r.basis).toBe("本项目译名，非官方 / project's rendering, not official");
  });

  it("never invents a name: an unlisted sector and a row without an English name get none", () => {
    const names = indexTermNames(parseTermNames(SECTOR_NAMES, `${HEAD}新材料,New materials,x\n文化旅游,,\n`, "t.csv"));
    expect(termNameEn(names, "新材料")).toBe("New materials");
    expect(termNameEn(names, " 新材料 ")).toBe("New materials");
    expect(termNameEn(names, "文化旅游")).toBeNull();
    expect(termNameEn(names, "电子信息")).toBeNull();
    expect(termNameEn(names, null)).toBeNull();
  });

  it("reads the file $PLAN_MONITOR_SECTOR_NAMES names, and refuses one that is missing", () => {
    const { dir, cleanup } = tempDir();
    try {
      const other = join(dir, "sectors.csv");
      writeFileSync(other, `${HEAD}文化旅游,Culture and tourism,x\n`);
      vi.stubEnv("PLAN_MONITOR_SECTOR_NAMES", other);
      const names = readTermNames(SECTOR_NAMES);
      expect(termNameEn(names, "文化旅游")).toBe("Culture and tourism");
      expect(termNameEn(names, "新材料")).toBeNull();
      vi.stubEnv("PLAN_MONITOR_SECTOR_NAMES", join(dir, "none.csv"));
      expect(() => readTermNames(SECTOR_NAMES)).toThrow(expect.objectContaining({ exitCode: 2, code: "SECTOR_NAMES_MISSING" }));
    } finally {
      cleanup();
    }
  });

  it.each([
    ["a wrong header", "name_zh,name_en\n新材料,New materials\n", /line 1: the header must be name_zh,name_en,basis/],
    ["an empty Chinese name", `${HEAD},New materials,x\n`, /line 2: name_zh \(the Chinese name\) is empty/],
    [
      "an English name without basis",
      `${HEAD}新材料,New materials,\n`,
      /line 2: an English name needs its basis \(e.g. "project's rendering/,
    ],
    ["a sector twice", `${HEAD}新材料,New materials,x\n\n新材料,Advanced materials,x\n`, /line 4: "新材料" is listed twice/],
  ])("refuses %s whole with its line, in both languages", (_, text, en) => {
    let err: unknown;
    try {
      parseTermNames(SECTOR_NAMES, text, "t.csv");
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ exitCode: 2, code: "BAD_SECTOR_NAMES" });
    expect((err as { en: string }).en).toMatch(/^sector names table "t.csv", /);
    expect((err as { en: string }).en).toMatch(en);
    expect((err as { zh: string }).zh).toMatch(/^行业名称表"t.csv"第\d行：/);
  });
});
