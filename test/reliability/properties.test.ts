/**
 * Property tests (fast-check) for what the loaders promise: for any input, a value or a reason,
 * never an uncaught error. Extends test/loaders/*.test.ts (parseNumberCell over strings and any JS
 * value, convertValue over strings, matchHeader over anything, readObservationBytes over random
 * bytes) with: the number → unit chain, the table finder and record builder over arbitrary grids,
 * the wide/long reader over structured but hostile CSV, damaged workbooks, and the new guards.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { FileError } from "../../loaders/errors.ts";
import { matchHeader, yearLikeHeader } from "../../loaders/headers.ts";
import { MAX_MAGNITUDE, MIN_MAGNITUDE, normaliseRecords } from "../../loaders/normalise.ts";
import { parseNumberCell } from "../../loaders/numbers.ts";
import { checkLineLength, countRecords, readObservationBytes } from "../../loaders/read-file.ts";
import { type Cell, closestHeader, findTable, type GridRow, isNoteRow, toRecords } from "../../loaders/table.ts";
import { conversionFactor, convertValue, parseUnit } from "../../loaders/units.ts";
import { checkZipSize } from "../../loaders/xlsx.ts";
import { loadPlan } from "../loaders/helpers.ts";
import { sheetRow, xlsx } from "./helpers.ts";

const plan = loadPlan();
const utf8 = (s: string) => new TextEncoder().encode(s);

/** Strings an office file (or an attacker) might put in a cell. */
const nasty = fc.oneof(
  fc.string(),
  fc.string({ unit: "grapheme" }),
  fc.constantFrom(
    "",
    "—",
    "-0",
    "1e308",
    "1e-320",
    "NaN",
    "-Infinity",
    "1,234.5万元",
    "２．３亿元",
    "12.5%",
    "约50",
    "<img src=x onerror=alert(1)>",
    "'); DROP TABLE observations;--",
    '=HYPERLINK("http://x")',
    "@SUM(1)",
    "+1",
    "__proto__",
    "constructor",
    "2019年",
    "1601年",
    "99999年",
    "单位：万元",
    "注：数据为初步数",
    "\u0000",
    "\uFEFF",
    "\u202E",
  ),
);
const unitText = fc.oneof(
  fc.string(),
  fc.constantFrom("万元", "亿元", "元", "千元", "亿尾", "万尾", "家", "个", "项", "%", "万", "亿", "十亿元", "吨", "yuan", ""),
);
const INDICATOR_UNITS = [...new Set(plan.indicators.map((i) => i.unit))];

describe("number and unit parsing, chained as the normaliser uses them", () => {
  it("any cell text in any unit gives a finite number or a reason, never an exception", () => {
    fc.assert(
      fc.property(nasty, unitText, fc.constantFrom(...INDICATOR_UNITS), (raw, from, to) => {
        const p = parseNumberCell(raw);
        expect(["missing", "number", "invalid"]).toContain(p.kind);
        if (p.kind === "invalid") expect(p.reason.zh.length * p.reason.en.length).toBeGreaterThan(0);
        if (p.kind !== "number") return;
        expect(Number.isFinite(p.value)).toBe(true);
        expect(Object.is(p.value, -0)).toBe(false);
        const c = convertValue(p.value, p.unit ?? from, to);
        if (c.ok) expect(Number.isNaN(c.value)).toBe(false);
        else expect(c.reason.code).toBe("UNIT_MISMATCH");
      }),
      { numRuns: 2000 },
    );
  });

  it("any double converts between any units without throwing; factors are positive and finite or null", () => {
    fc.assert(
      fc.property(fc.double(), unitText, unitText, (x, from, to) => {
        const f = conversionFactor(from, to);
        if (f !== null) expect(f > 0 && Number.isFinite(f)).toBe(true);
        const c = convertValue(x, from, to);
        expect(typeof c.ok).toBe("boolean");
        const u = parseUnit(from);
        if (u) expect(u.magnitude > 0).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("header matching", () => {
  it("matchHeader and yearLikeHeader never throw, and agree on plausible years", () => {
    fc.assert(
      fc.property(
        fc.oneof(
          nasty,
          fc.anything(),
          fc.integer({ min: 0, max: 10000 }).map((y) => `${y}年`),
        ),
        (h) => {
          const m = matchHeader(h);
          const y = yearLikeHeader(h);
          if (m.kind === "year") {
            expect(m.year).toBeGreaterThanOrEqual(1949);
            expect(m.year).toBeLessThanOrEqual(2100);
            if (typeof h === "string" && !/[([{【〔（]/.test(h)) expect(y).toBe(m.year);
          }
          if (y !== null) expect(y >= 1000 && y <= 9999).toBe(true);
        },
      ),
      { numRuns: 2000 },
    );
  });
});

const cell = fc.oneof(
  { weight: 1, arbitrary: fc.constant(null) },
  { weight: 4, arbitrary: nasty.map((s): Cell | null => (s === "" ? null : { value: s, text: s })) },
  {
    weight: 2,
    arbitrary: fc.oneof(fc.double(), fc.integer({ min: 1600, max: 2200 })).map((n): Cell => ({ value: n, text: String(n) })),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Cell>(
      { value: null, text: "#DIV/0!", error: "#DIV/0!" },
      { value: null, text: "=A1", formula: "A1", noResult: true },
    ),
  },
  {
    weight: 3,
    arbitrary: fc
      .constantFrom(
        "指标",
        "指标名称",
        "年份",
        "数值",
        "单位",
        "地区",
        "状态",
        "来源",
        "备注",
        "2019年",
        "2020",
        "高新技术企业数量",
        "R&D经费",
      )
      .map((s): Cell => ({ value: s, text: s })),
  },
);
const grid = fc
  .array(fc.array(cell, { maxLength: 12 }), { maxLength: 30 })
  .map((rows): GridRow[] => rows.map((cells, i) => ({ row: i + 1, cells })));

describe("the table finder and the record builder (loaders/table.ts) over arbitrary grids", () => {
  it("find a table or null; records account for every data row; normalised figures are finite, in range, in the indicator's unit", () => {
    let found = 0;
    fc.assert(
      fc.property(grid, (rows) => {
        for (const r of rows) expect(typeof isNoteRow(r)).toBe("boolean");
        const hint = closestHeader(rows);
        if (hint) expect(hint.row).toBeGreaterThan(0);
        const shape = findTable(rows);
        if (!shape) return;
        found++;
        expect(["long", "wide"]).toContain(shape.layout);
        const { records, rowsRead } = toRecords(rows, shape);
        expect(records.length).toBe(rowsRead);
        expect(rowsRead).toBeLessThanOrEqual(rows.length - shape.headerIndex - 1);
        const { observations, rejected } = normaliseRecords(records, plan, { tableUnit: shape.tableUnit });
        for (const o of observations) {
          expect(Number.isFinite(o.value)).toBe(true);
          expect(Object.is(o.value, -0)).toBe(false);
          expect(Math.abs(o.value) <= MAX_MAGNITUDE && (o.value === 0 || Math.abs(o.value) >= MIN_MAGNITUDE)).toBe(true);
          expect(o.year >= 1949 && o.year <= 2100).toBe(true);
          expect(plan.indicators.find((i) => i.id === o.indicator_id)?.unit).toBe(o.unit);
        }
        for (const r of rejected) expect(r.code && r.zh && r.en).toBeTruthy();
      }),
      { numRuns: 1000 },
    );
    expect(found).toBeGreaterThan(100);
  });
});

/** A CSV field, quoted when needed. */
const field = (s: string) => (/[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

describe("the wide/long reader (readObservationBytes) over structured, hostile CSV", () => {
  const indicatorName = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...plan.indicators.flatMap((i) => [i.id, i.zh, ...i.aliases])) },
    { weight: 1, arbitrary: nasty },
  );
  const year = fc.oneof(
    { weight: 4, arbitrary: fc.integer({ min: 2010, max: 2025 }).map(String) },
    { weight: 1, arbitrary: fc.integer({ min: 1500, max: 2500 }).map(String) },
    { weight: 1, arbitrary: nasty },
  );
  const value = fc.oneof(
    { weight: 4, arbitrary: fc.oneof(fc.integer({ min: -1000, max: 1_000_000 }).map(String), fc.double({ noNaN: true }).map(String)) },
    { weight: 2, arbitrary: nasty },
  );
  const longFile = fc
    .tuple(
      fc.shuffledSubarray(["地区", "单位", "状态", "来源", "发布日期", "备注"]),
      fc.array(fc.tuple(indicatorName, year, value, fc.array(nasty, { minLength: 6, maxLength: 6 })), { maxLength: 25 }),
    )
    .map(([extra, rows]) =>
      [
        ["指标", "年份", "数值", ...extra].join(","),
        ...rows.map(([ind, year, value, rest]) => [ind, year, value, ...rest.slice(0, extra.length)].map(field).join(",")),
      ].join("\n"),
    );
  const wideFile = fc
    .tuple(
      fc.uniqueArray(fc.oneof(fc.integer({ min: 2010, max: 2025 }), fc.integer({ min: 1500, max: 2500 })), { minLength: 1, maxLength: 20 }),
      fc.boolean(),
      fc.array(fc.tuple(indicatorName, unitText, fc.array(value, { maxLength: 20 })), { maxLength: 15 }),
    )
    .map(([years, suffix, rows]) =>
      [
        ["指标名称", "单位", ...years.map((y) => `${y}${suffix ? "年" : ""}`)].join(","),
        ...rows.map(([ind, unit, values]) => [ind, unit, ...years.map((_, i) => values[i] ?? "")].map(field).join(",")),
      ].join("\n"),
    );

  it("gives observations that are finite, in range and in plausible years, or a FileError; never anything else", async () => {
    const seen = { landed: 0, rejected: 0, refused: 0 };
    await fc.assert(
      fc.asyncProperty(fc.oneof(longFile, wideFile), fc.constantFrom("\n", "\r\n"), fc.boolean(), async (text, eol, bom) => {
        const bytes = utf8(`${bom ? "\uFEFF" : ""}${text.replace(/\n/g, eol)}\n`);
        try {
          const r = await readObservationBytes(bytes, "fuzz.csv", plan, { maxLineBytes: 1 << 20 });
          expect(r.observations.length + r.rejected.length).toBeGreaterThanOrEqual(0);
          for (const o of r.observations) {
            expect(Number.isFinite(o.value)).toBe(true);
            expect(o.year >= 1949 && o.year <= 2100).toBe(true);
          }
          for (const x of r.rejected) expect(x.row).toBeGreaterThan(r.headerRow);
          if (r.observations.length) seen.landed++;
          if (r.rejected.length) seen.rejected++;
        } catch (e) {
          expect(e).toBeInstanceOf(FileError);
          seen.refused++;
        }
      }),
      { numRuns: 400 },
    );
    // The generator reaches every outcome, not only refusals.
    expect(Math.min(seen.landed, seen.rejected, seen.refused), JSON.stringify(seen)).toBeGreaterThan(20);
  });

  it("damaged workbooks (bytes flipped, cut or appended) give a result or a FileError", async () => {
    const good = await xlsx(() => [
      Buffer.from(
        sheetRow(1, ["指标", "年份", "数值"]) + sheetRow(2, ["高新技术企业数量", 2019, 80]) + sheetRow(3, ["R&D经费", 2019, 6.1]),
      ),
    ]);
    const damaged = fc.oneof(
      fc.array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }).map((flips) => {
        const b = Buffer.from(good);
        for (const [i, v] of flips) b[i] = v;
        return b;
      }),
      fc.nat(good.length).map((n) => good.subarray(0, n)),
      fc.uint8Array({ maxLength: 64 }).map((tail) => Buffer.concat([good, tail])),
    );
    await fc.assert(
      fc.asyncProperty(damaged, async (bytes) => {
        try {
          await checkZipSize(bytes, "fuzz.xlsx", 1 << 20);
          const r = await readObservationBytes(bytes, "fuzz.xlsx", plan);
          for (const o of r.observations) expect(Number.isFinite(o.value)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(FileError);
        }
      }),
      { numRuns: 150 },
    );
  });

  it("the byte-level guards (line length, record count) never throw anything but a FileError", () => {
    fc.assert(
      fc.property(fc.oneof(fc.uint8Array({ maxLength: 400 }), nasty.map(utf8)), fc.integer({ min: 1, max: 64 }), (bytes, max) => {
        const n = countRecords(bytes);
        expect(Number.isInteger(n) && n >= -1).toBe(true);
        try {
          checkLineLength(bytes, "fuzz.csv", max);
        } catch (e) {
          expect(e).toBeInstanceOf(FileError);
          expect((e as FileError).code).toBe("LINE_TOO_LONG");
        }
      }),
      { numRuns: 1000 },
    );
  });
});
