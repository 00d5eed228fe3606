// The region tree's direct children (domain/region.ts isDirectChild): one level up by code, and the
// provinces directly below the country (COUNTRY_CODE, a country-level plan's region).
import { describe, expect, it } from "vitest";
import { COUNTRY_CODE, isDirectChild } from "../../domain/region.ts";

describe("isDirectChild", () => {
  it("follows the code one level up", () => {
    expect(isDirectChild("210281", "210200")).toBe(true);
    expect(isDirectChild("210200", "210000")).toBe(true);
    expect(isDirectChild("210281", "210000")).toBe(false);
    expect(isDirectChild("210281100", "210281")).toBe(true);
  });
  it("puts the provinces, and only they, directly below the country", () => {
    expect(isDirectChild("210000", COUNTRY_CODE)).toBe(true);
    expect(isDirectChild("110000", COUNTRY_CODE)).toBe(true);
    expect(isDirectChild("210200", COUNTRY_CODE)).toBe(false);
    expect(isDirectChild(COUNTRY_CODE, COUNTRY_CODE)).toBe(false);
    expect(isDirectChild("210000", "220000")).toBe(false);
    expect(isDirectChild("复州城镇", COUNTRY_CODE)).toBe(false);
  });
});
