// Table cells in the report write their numbers for the report's language (lib/format.ts): Chinese
// without thousands separators, as 统计公报 do; ratios with two decimals.
import { describe, expect, it } from "vitest";
import { cellText } from "../../exports/cells.ts";

describe("exports/cells: numbers in report tables", () => {
  it("groups thousands in English only", () => {
    expect(cellText(18500, "number", "zh")).toBe("18500");
    expect(cellText(18500, "number", "en")).toBe("18,500");
    expect(cellText(1234567, "integer", "zh")).toBe("1234567");
    expect(cellText(2019, "year", "en")).toBe("2019");
  });
  it("shares with one decimal, ratios with two, missing as a dash", () => {
    expect(cellText(0.8875, "percent", "zh")).toBe("88.8%");
    expect(cellText(1.0476467592, "ratio", "zh")).toBe("1.05");
    expect(cellText(null, "ratio", "zh")).toBe("—");
  });
});
