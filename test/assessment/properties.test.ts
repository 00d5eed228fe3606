import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { assessPlan, whatIf } from "../../assessment/index.ts";
import { STATUS_ORDER, type Status } from "../../assessment/types.ts";
import type { ObservationPoint } from "../../domain/observation.ts";
import type { Comparator, Indicator } from "../../domain/plan.ts";
import { indicator, numbersIn, plan, unexplained } from "./helpers.ts";

// Random inputs on every run. A failure prints fast-check's `seed` and `path`; rerun with
// FC_SEED=<seed> to reproduce it, and add the counterexample to the property's `examples`.
const seed = process.env.FC_SEED ? Number(process.env.FC_SEED) : undefined;
if (seed !== undefined) fc.configureGlobal({ seed });

const rank = (s: Status) => STATUS_ORDER.indexOf(s); // higher is better

const anyValue = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(0, -0, 1, -1, 0.001, 1e-300, 1e300, -1e300, Number.POSITIVE_INFINITY, Number.NaN),
  fc.integer({ min: -1000, max: 1000 }),
);
const date = fc.option(
  fc.date({ min: new Date("2015-01-01"), max: new Date("2024-12-31"), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);
const observation = fc.record({
  indicator_id: fc.constantFrom("a", "b"),
  year: fc.integer({ min: 2012, max: 2024 }),
  value: anyValue,
  status: fc.constantFrom("preliminary", "final", "revised") as fc.Arbitrary<ObservationPoint["status"]>,
  published: date,
  seq: fc.option(fc.integer({ min: 0, max: 5 }), { nil: undefined }),
});
const anyIndicator = (id: string) =>
  fc
    .record({
      measure: fc.constantFrom("level", "cumulative") as fc.Arbitrary<Indicator["measure"]>,
      direction: fc.constantFrom("increase", "decrease") as fc.Arbitrary<Indicator["direction"]>,
      comparator: fc.constantFrom(">=", "<=", ">", "<", "=") as fc.Arbitrary<Comparator>,
      target: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom(0, -0, 1, -5, 70)),
      target_year: fc.integer({ min: 2016, max: 2022 }),
      headline: fc.boolean(),
    })
    .map((o) => indicator({ id, ...o }));

describe("properties", () => {
  it("no NaN or Infinity anywhere, and every null explained, for arbitrary inputs", () => {
    fc.assert(
      fc.property(
        anyIndicator("a"),
        anyIndicator("b"),
        fc.array(observation, { maxLength: 25 }),
        fc.option(date.filter((d) => d !== null)),
        fc.option(fc.integer({ min: 2010, max: 2026 })),
        fc.option(fc.double()),
        fc.integer({ min: 2015, max: 2018 }),
        (ia, ib, observations, asOf, year, tolerance, base) => {
          const p = plan([ia, ib], { baseline_year: base, start_year: base + 1 });
          const a = assessPlan(p, observations, {
            asOf: asOf ?? undefined,
            year: year ?? undefined,
            tolerance: tolerance ?? undefined,
          });
          const json = JSON.parse(JSON.stringify(a));
          expect(json).toEqual(a); // nothing JSON cannot carry (NaN and Infinity become null)
          for (const n of numbersIn(a)) expect(Number.isFinite(n)).toBe(true);
          for (const ind of a.indicators) expect(unexplained(ind)).toEqual([]);
          const w = whatIf(p, ia, a.indicators[0].series, { growth: tolerance ?? 0.1, nextValue: year ?? undefined });
          for (const n of numbersIn(w)) expect(Number.isFinite(n)).toBe(true);
        },
      ),
      {
        numRuns: 400,
        // Found by a random run (seed -263435282): the final grade's gap overflowed to Infinity.
        examples: [
          [
            indicator({ id: "a", target: 0, target_year: 2016 }),
            indicator({ id: "b", target: -1.797693124862316e308, target_year: 2016 }),
            [{ indicator_id: "b" as const, year: 2016, value: 1e300, status: "preliminary" as const, published: null, seq: undefined }],
            null,
            null,
            null,
            2015,
          ],
        ],
      },
    );
  });

  const positive = fc.double({ min: 0.01, max: 1e6, noNaN: true });

  it("a worse latest value never gives a better status (level, increase and decrease)", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("increase", "decrease") as fc.Arbitrary<Indicator["direction"]>,
        fc.boolean(),
        positive,
        fc.option(positive),
        positive,
        positive,
        positive,
        fc.constantFrom(2019, 2020),
        (direction, strict, y0, mid, v1, v2, target, t) => {
          const comparator: Comparator = direction === "increase" ? (strict ? ">" : ">=") : strict ? "<" : "<=";
          const p = plan([indicator({ direction, comparator, target })]);
          const run = (yt: number) => {
            const o: ObservationPoint[] = [{ indicator_id: "x", year: 2017, value: y0, status: "final", published: null }];
            if (mid !== null) o.push({ indicator_id: "x", year: 2018, value: mid, status: "final", published: null });
            o.push({ indicator_id: "x", year: t, value: yt, status: "final", published: null });
            return assessPlan(p, o).indicators[0].status;
          };
          const [better, worse] = (direction === "increase") === v1 >= v2 ? [v1, v2] : [v2, v1];
          expect(rank(run(worse))).toBeLessThanOrEqual(rank(run(better)));
        },
      ),
      { numRuns: 500 },
    );
  });

  it("a smaller yearly amount never gives a better status (cumulative)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 0, max: 1000, noNaN: true }), { minLength: 0, maxLength: 2 }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0, max: 1000, noNaN: true }),
        fc.double({ min: 0.5, max: 3000, noNaN: true }),
        (earlier, v1, v2, target) => {
          const p = plan([indicator({ measure: "cumulative", target })]);
          const run = (last: number) => {
            const o = [...earlier, last].map((value, i) => ({
              indicator_id: "x",
              year: 2018 + i,
              value,
              status: "final" as const,
              published: null,
            }));
            return assessPlan(p, o).indicators[0].status;
          };
          const [lo, hi] = v1 <= v2 ? [v1, v2] : [v2, v1];
          expect(rank(run(lo))).toBeLessThanOrEqual(rank(run(hi)));
        },
      ),
      { numRuns: 300 },
    );
  });

  const nonzero = fc.double({ min: 0.01, max: 1e5, noNaN: true }).chain((v) => fc.constantFrom(v, -v));

  it("a decrease indicator with negated values mirrors the increase one", () => {
    fc.assert(
      fc.property(fc.array(nonzero, { minLength: 1, maxLength: 4 }), nonzero, fc.boolean(), (values, target, strict) => {
        const inc = plan([indicator({ direction: "increase", comparator: strict ? ">" : ">=", target })]);
        const dec = plan([indicator({ direction: "decrease", comparator: strict ? "<" : "<=", target: -target })]);
        const o = (sgn: number) =>
          values.map((v, i) => ({ indicator_id: "x", year: 2017 + i, value: sgn * v, status: "final" as const, published: null }));
        const a = assessPlan(inc, o(1)).indicators[0];
        const b = assessPlan(dec, o(-1)).indicators[0];
        expect(b.status).toBe(a.status);
        expect(b.growth_ratio).toEqual(a.growth_ratio);
        expect(b.progress).toEqual(a.progress);
        expect(b.anticipated_progress).toEqual(a.anticipated_progress);
        expect(b.methods.cn.category).toBe(a.methods.cn.category);
        expect(b.methods.escap.category).toBe(a.methods.escap.category);
        expect(b.gap).toEqual(a.gap);
      }),
      { numRuns: 400 },
    );
  });

  it("a decrease indicator with reciprocal values has the same completion", () => {
    fc.assert(
      fc.property(fc.double({ min: 0.01, max: 1e5, noNaN: true }), fc.double({ min: 0.01, max: 1e5, noNaN: true }), (yt, target) => {
        const inc = assessPlan(plan([indicator({ target })]), [
          { indicator_id: "x", year: 2019, value: yt, status: "final", published: null },
        ]);
        const dec = assessPlan(plan([indicator({ direction: "decrease", target: 1 / target })]), [
          { indicator_id: "x", year: 2019, value: 1 / yt, status: "final", published: null },
        ]);
        expect(dec.indicators[0].completion! / inc.indicators[0].completion!).toBeCloseTo(1, 9);
        expect(dec.indicators[0].status).toBe(inc.indicators[0].status);
      }),
      // Found by a random run (issue 16): the target comparison needs the shared tolerance.
      { examples: [[99999.99999999978, 99999.9999999998]] },
    );
  });

  it("cumulative totals equal the sum of the plan years", () => {
    fc.assert(
      fc.property(
        fc.dictionary(fc.integer({ min: 2015, max: 2023 }).map(String), fc.double({ min: -1e6, max: 1e6, noNaN: true })),
        fc.integer({ min: 2018, max: 2022 }),
        (byYear, target_year) => {
          const p = plan([indicator({ measure: "cumulative", target: 50, target_year })]);
          const o = Object.entries(byYear).map(([y, value]) => ({
            indicator_id: "x",
            year: Number(y),
            value,
            status: "final" as const,
            published: null,
          }));
          const a = assessPlan(p, o, { year: 2023 }).indicators[0];
          const inPlan = o.filter((x) => x.year >= 2018 && x.year <= target_year).sort((x, y) => x.year - y.year);
          if (inPlan.length === 0) expect(a.latest).toBeNull();
          else
            expect(a.latest!.value).toBeCloseTo(
              inPlan.reduce((s, x) => s + x.value, 0),
              6,
            );
          let run = 0;
          for (const pt of a.series) {
            if (pt.year < 2018) expect(pt.cumulative).toBeNull();
            else {
              run += pt.value;
              expect(pt.cumulative).toBeCloseTo(run, 6);
            }
          }
        },
      ),
    );
  });

  // With dates on every row (or on none), supersedes is a total order, so the order of the rows cannot
  // matter. (Mixing dated and undated rows can make it cyclic: see the report in engine.ts selectVintages.)
  it("the vintage chosen does not depend on the order of the rows (distinct vintages)", () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(observation, { maxLength: 8, selector: (o) => `${o.year}|${o.published}|${o.status}|${o.seq ?? 0}` }),
        fc.boolean(),
        fc.nat(),
        (distinct, dated, seed) => {
          const rows = distinct
            .map((o) => ({ ...o, published: dated ? (o.published ?? "2020-01-01") : null }))
            .filter(
              (o, i, all) =>
                all.findIndex(
                  (x) => `${x.year}|${x.published}|${x.status}|${x.seq ?? 0}` === `${o.year}|${o.published}|${o.status}|${o.seq ?? 0}`,
                ) === i,
            );
          const p = plan([indicator({ id: "a" }), indicator({ id: "b" })]);
          const shuffled = [...rows].sort((x, y) => ((x.year * 31 + seed) % 7) - ((y.year * 31 + seed) % 7) || x.value - y.value);
          const s1 = assessPlan(p, rows, { year: 2024 }).indicators.map((i) => i.series);
          const s2 = assessPlan(p, shuffled, { year: 2024 }).indicators.map((i) => i.series);
          expect(JSON.stringify(s2)).toBe(JSON.stringify(s1));
        },
      ),
    );
  });
});
