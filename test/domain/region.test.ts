import { describe, expect, it } from "vitest";
import {
  COUNTRY_CODE,
  childOnPath,
  isDescendant,
  isDirectChild,
  parentRegion,
  ROOT_REGION,
  regionPrefixLength,
} from "../../domain/region.ts";

describe("the root region above the provinces", () => {
  it("is every province's parent and has none itself", () => {
    expect(ROOT_REGION).toBe("100000");
    expect(parentRegion("210000")).toBe(ROOT_REGION);
    expect(parentRegion("650000")).toBe(ROOT_REGION);
    expect(parentRegion(ROOT_REGION)).toBeNull();
  });

  it("holds every county, city and town, and nothing holds it", () => {
    expect(isDescendant("210281", ROOT_REGION)).toBe(true);
    expect(isDescendant("210281100", ROOT_REGION)).toBe(true);
    expect(isDescendant("110000", ROOT_REGION)).toBe(true);
    expect(isDescendant(ROOT_REGION, "210000")).toBe(false);
    expect(isDescendant(ROOT_REGION, ROOT_REGION)).toBe(false);
    expect(isDescendant("复州城镇", ROOT_REGION)).toBe(false);
    expect(childOnPath("210281", ROOT_REGION)).toBe("210000");
  });

  it("gives the prefix every code within a region shares", () => {
    expect(regionPrefixLength(ROOT_REGION)).toBe(0);
    expect(regionPrefixLength("210000")).toBe(2);
    expect(regionPrefixLength("210200")).toBe(4);
    expect(regionPrefixLength("210281")).toBe(6);
  });
});

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
