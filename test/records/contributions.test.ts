import { describe, expect, it } from "vitest";
import { contributions } from "../../warehouse/records-analysis.ts";

describe("contribution, growth and share of the gap", () => {
  const rows = [
    { group: "A", year: 2017, value: 6, records: 6 },
    { group: "B", year: 2017, value: 4, records: 4 },
    { group: "A", year: 2019, value: 9, records: 9 },
    { group: "B", year: 2019, value: 4, records: 4 },
  ];
  it("splits the increase a level target needs by baseline share", () => {
    const out = contributions({ id: "x", measure: "level", target: 20 }, rows, { baseline: 2017, start: 2018 });
    const y = out.filter((r) => r.year === 2019);
    // Needed: 20 - 10 = 10; A's part 6, B's part 4; A added 3, B added 0.
    expect(y.map((r) => [r.group, r.share, r.expected, r.achieved, r.remaining])).toEqual([
      ["A", 9 / 13, 6, 3, 3],
      ["B", 4 / 13, 4, 0, 4],
    ]);
    expect(y.map((r) => r.gap_share)).toEqual([3 / 7, 4 / 7]);
    expect(out.filter((r) => r.year === 2017).every((r) => r.expected === null && r.growth === null)).toBe(true);
  });
  it("has no gap to share once the target is reached, and sums own-year values for cumulative targets", () => {
    const reached = contributions({ id: "x", measure: "level", target: 12 }, rows, { baseline: 2017, start: 2018 });
    expect(reached.filter((r) => r.year === 2019).map((r) => [r.remaining, r.gap_share])).toEqual([
      [0, null],
      [0, null],
    ]);
    const cum = contributions({ id: "c", measure: "cumulative", target: 30 }, rows, { baseline: 2017, start: 2018 });
    expect(cum.filter((r) => r.year === 2019).map((r) => [r.group, r.achieved, r.expected])).toEqual([
      ["A", 9, 18],
      ["B", 4, 12],
    ]);
  });
});
