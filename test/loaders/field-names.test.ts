/** The technology field names table (FIELD_NAMES in loaders/term-names.ts): the demo's fields named, none invented, its file and its errors. */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { indexTermNames, termNameEn } from "../../domain/term-names.ts";
import { FIELD_NAMES, FIELD_NAMES_FILE, parseTermNames, readTermNames } from "../../loaders/term-names.ts";
import { FIELDS } from "../../pipelines/demo/generate.ts";
import { tempDir } from "../helpers.ts";

const HEAD = "name_zh,name_en,basis\n";

afterEach(() => vi.unstubAllEnvs());

describe("technology field names table", () => {
  it("names every field of the demo in English, and says the names are the project's renderings", () => {
    const names = readTermNames(FIELD_NAMES, FIELD_NAMES_FILE);
    expect(termNameEn(names, "先进制造")).toBe("Advanced manufacturing");
    expect(termNameEn(names, "城市建设与社会发展")).toBe("Urban construction and social development");
    for (const f of FIELDS) expect(termNameEn(names, f), f).toMatch(/^[A-Z][a-z ,]+$/);
    for (const r of names.values()) expect(r.basis).toBe("本项目译名，非官方 / project's rendering, not official");
  });

  it("never invents a name: an unlisted field and a row without an English name get none", () => {
    const names = indexTermNames(parseTermNames(FIELD_NAMES, `${HEAD}新材料,New materials,x\n核应用,,\n`, "t.csv"));
    expect(termNameEn(names, " 新材料 ")).toBe("New materials");
    expect(termNameEn(names, "核应用")).toBeNull();
    expect(termNameEn(names, "现代交通")).toBeNull();
    expect(termNameEn(names, null)).toBeNull();
  });

  it("reads the file $PLAN_MONITOR_FIELD_NAMES names, and refuses one that is missing", () => {
    const { dir, cleanup } = tempDir();
    try {
      const other = join(dir, "fields.csv");
      writeFileSync(other, `${HEAD}核应用,Nuclear applications,x\n`);
      vi.stubEnv("PLAN_MONITOR_FIELD_NAMES", other);
      expect(termNameEn(readTermNames(FIELD_NAMES), "核应用")).toBe("Nuclear applications");
      expect(termNameEn(readTermNames(FIELD_NAMES), "先进制造")).toBeNull();
      vi.stubEnv("PLAN_MONITOR_FIELD_NAMES", join(dir, "none.csv"));
      expect(() => readTermNames(FIELD_NAMES)).toThrow(expect.objectContaining({ exitCode: 2, code: "FIELD_NAMES_MISSING" }));
    } finally {
      cleanup();
    }
  });

  it.each([
    ["a wrong header", "name_zh,name_en\n新材料,New materials\n", /line 1: the header must be name_zh,name_en,basis/],
    ["an English name without basis", `${HEAD}新材料,New materials,\n`, /line 2: an English name needs its basis/],
    ["a field twice", `${HEAD}新材料,New materials,x\n新材料,Advanced materials,x\n`, /line 3: "新材料" is listed twice/],
  ])("refuses %s whole with its line, in both languages", (_, text, en) => {
    let err: unknown;
    try {
      parseTermNames(FIELD_NAMES, text, "t.csv");
    } catch (e) {
      err = e;
    }
    expect(err).toMatchObject({ exitCode: 2, code: "BAD_FIELD_NAMES" });
    expect((err as { en: string }).en).toMatch(/^technology field names table "t.csv", /);
    expect((err as { en: string }).en).toMatch(en);
    expect((err as { zh: string }).zh).toMatch(/^技术领域名称表"t.csv"第\d行：/);
  });
});
