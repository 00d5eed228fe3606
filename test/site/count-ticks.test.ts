import { describe, expect, it } from "vitest";
import { countTicks } from "../../src/components/charts.ts";

describe("countTicks: whole-number axes for counts", () => {
  it("gives whole numbers about five apart steps, never 0.1个", () => {
    expect(countTicks("个", [0, 1, 2])).toEqual([0, 1, 2]);
    expect(countTicks("个", [0, 1])).toEqual([0, 1]);
    expect(countTicks("家", [52, 103, 100])).toEqual([0, 50, 100]);
    expect(countTicks("家", [10, 16, 15])).toEqual([0, 5, 10, 15]);
    for (const max of [1, 2, 3, 7, 13, 30, 99, 250, 4321]) {
      const ticks = countTicks("项", [max]) as number[];
      expect(ticks.every(Number.isInteger), String(max)).toBe(true);
      expect(ticks.length, String(max)).toBeGreaterThanOrEqual(2);
      expect(ticks.length, String(max)).toBeLessThanOrEqual(11);
    }
  });

  it("leaves other units to Plot", () => {
    expect(countTicks("亿元", [8])).toBeUndefined();
    expect(countTicks("%", [2.3])).toBeUndefined();
  });
});
