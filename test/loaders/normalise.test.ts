import { describe, expect, it } from "vitest";
import { normaliseRecords, parseDate, parseRegion, parseStatus, parseYear, parseValueCell } from "../../loaders/normalise.ts";
import type { Cell, RowRecord } from "../../loaders/table.ts";
import { loadPlan, planWithPercent } from "./helpers.ts";

const plan = loadPlan();
const c = (v: Cell["value"], extra: Partial<Cell> = {}): Cell => ({
  value: v,
  text: v instanceof Date ? v.toISOString() : String(v ?? ""),
  ...extra,
});
const okValue = <T>(r: { ok: true; value: T } | { ok: false }) => (r.ok ? r.value : "REJECTED");

/** A long-layout record: indicator, year, value (+ optional unit/status/region). */
function rec(row: number, indicator: string, year: string | number, value: string | number, more: Record<string, string> = {}): RowRecord {
  const fields: RowRecord["fields"] = { indicator: { column: "指标", cell: c(indicator) }, year: { column: "年份", cell: c(year) } };
  for (const [k, v] of Object.entries(more)) (fields as Record<string, unknown>)[k] = { column: k, cell: v === "" ? null : c(v) };
  return {
    row,
    fields,
    indicators: [fields.indicator!],
    values: [{ column: "数值", cell: value === "" ? null : c(value), year: fields.year!, headerUnit: null }],
  };
}

describe("field parsers", () => {
  it("parseYear", () => {
    expect(okValue(parseYear(c("2019")))).toBe(2019);
    expect(okValue(parseYear(c("2019年")))).toBe(2019);
    expect(okValue(parseYear(c("２０１９年度")))).toBe(2019);
    expect(okValue(parseYear(c(2019)))).toBe(2019);
    expect(okValue(parseYear(c("2019.0")))).toBe(2019);
    for (const bad of ["19", "2019.5", "1900", "2101", "二〇一九", "abc"]) expect(parseYear(c(bad)).ok, bad).toBe(false);
    expect(parseYear(c(2019.5)).ok).toBe(false);
    const missing = parseYear(null);
    expect(!missing.ok && missing.reason.code).toBe("MISSING_YEAR");
  });

  it("parseStatus", () => {
    for (const s of ["初步", "快报", "初步核算", "preliminary", "Preliminary"]) expect(okValue(parseStatus(c(s)))).toBe("preliminary");
    for (const s of ["正式", "最终", "终核", "final", ""]) expect(okValue(parseStatus(s === "" ? null : c(s)))).toBe("final");
    for (const s of ["修订", "revised"]) expect(okValue(parseStatus(c(s)))).toBe("revised");
    expect(parseStatus(c("估计")).ok).toBe(false);
  });

  it("parseRegion: plan region by code or name, other 6-digit codes kept, others rejected", () => {
    for (const s of ["210281", "瓦房店", "瓦房店市", "Wafangdian", "wafangdian city", "", "210281000000"]) {
      expect(okValue(parseRegion(s === "" ? null : c(s), plan)), s).toBe("210281");
    }
    expect(okValue(parseRegion(c(210281), plan))).toBe("210281");
    expect(okValue(parseRegion(c("210282"), plan))).toBe("210282");
    const r = parseRegion(c("大连"), plan);
    expect(!r.ok && r.reason.code).toBe("UNKNOWN_REGION");
  });

  it("parseDate: ISO, slashes, Chinese, Excel dates and serials", () => {
    expect(okValue(parseDate(c("2021-03-15")))).toBe("2021-03-15");
    expect(okValue(parseDate(c("2021/3/15")))).toBe("2021-03-15");
    expect(okValue(parseDate(c("2021年3月15日")))).toBe("2021-03-15");
    expect(okValue(parseDate(c("2021.3.15")))).toBe("2021-03-15");
    expect(okValue(parseDate(c("20210315")))).toBe("2021-03-15");
    expect(okValue(parseDate(c("2021-03-15 00:00:00")))).toBe("2021-03-15");
    expect(okValue(parseDate(c(new Date(Date.UTC(2021, 2, 15)))))).toBe("2021-03-15");
    expect(okValue(parseDate(c(44270)))).toBe("2021-03-15");
    expect(okValue(parseDate(c("44270")))).toBe("2021-03-15");
    expect(okValue(parseDate(null))).toBeNull();
    for (const bad of ["2021-02-30", "昨天", "2021-13-01", "15/03/2021"]) expect(parseDate(c(bad)).ok, bad).toBe(false);
  });

  it("parseValueCell: formula without result and Excel errors are reasons", () => {
    expect(parseValueCell(c(null, { formula: "B2*2", noResult: true }))).toMatchObject({
      kind: "invalid",
      reason: { code: "FORMULA_NO_RESULT" },
    });
    expect(parseValueCell(c(null, { error: "#DIV/0!" }))).toMatchObject({ kind: "invalid", reason: { code: "EXCEL_ERROR" } });
    expect(parseValueCell(c(12, { formula: "B2*2" }))).toMatchObject({ kind: "number", value: 12 });
  });
});

describe("normaliseRecords", () => {
  it("converts units from the cell, the unit column and the indicator name", () => {
    const { observations, rejected } = normaliseRecords(
      [
        rec(2, "技术合同成交额", 2019, "15000万元"),
        rec(3, "技术合同成交额", 2020, "23000", { unit: "万元" }),
        rec(4, "技术合同成交额（万元）", 2018, "9800"),
        rec(5, "增殖放流", 2019, "19000", { unit: "万尾" }),
        rec(6, "研发机构", 2019, "22", { unit: "个" }),
      ],
      plan,
    );
    expect(rejected).toEqual([]);
    expect(observations.map((o) => [o.indicator_id, o.year, o.value, o.unit])).toEqual([
      ["tech_contract_turnover", 2019, 1.5, "亿元"],
      ["tech_contract_turnover", 2020, 2.3, "亿元"],
      ["tech_contract_turnover", 2018, 0.98, "亿元"],
      ["fry_release", 2019, 1.9, "亿尾"],
      ["rd_institutions", 2019, 22, "家"],
    ]);
  });

  it("missing markers give neither an observation nor a rejection", () => {
    const { observations, rejected } = normaliseRecords(
      ["—", "-", "－", "…", "...", "N/A", "NA", "无", "暂无", "/", ""].map((v, i) => rec(i + 2, "高新技术企业数量", 2019, v)),
      plan,
    );
    expect(observations).toEqual([]);
    expect(rejected).toEqual([]);
  });

  it("percent values: accepted for % indicators, rejected otherwise", () => {
    const p = planWithPercent();
    const { observations, rejected } = normaliseRecords([rec(2, "研发投入强度", 2019, "2.5%"), rec(3, "研发经费", 2019, "2.5%")], p);
    expect(observations.map((o) => [o.indicator_id, o.value, o.unit])).toEqual([["rd_intensity", 2.5, "%"]]);
    expect(rejected.map((r) => [r.row, r.code])).toEqual([[3, "PERCENT_NOT_ALLOWED"]]);
  });

  it("a table-wide unit applies only where it fits", () => {
    const { observations } = normaliseRecords([rec(2, "研发经费", 2019, "60000"), rec(3, "高新技术企业数量", 2019, "82")], plan, {
      tableUnit: "万元",
    });
    expect(observations.map((o) => o.value)).toEqual([6, 82]);
  });

  it("conflicting duplicates keep the first; exact duplicates are kept once silently", () => {
    const { observations, rejected } = normaliseRecords(
      [
        rec(2, "高新技术企业数量", 2019, "82"),
        rec(3, "high_tech_enterprises", 2019, "82"),
        rec(4, "高新技术企业数量", 2019, "85"),
        rec(5, "高新技术企业数量", 2019, "80", { status: "初步" }),
      ],
      plan,
    );
    expect(observations.map((o) => [o.row, o.value, o.status])).toEqual([
      [2, 82, "final"],
      [5, 80, "preliminary"],
    ]);
    expect(rejected).toHaveLength(1);
    expect(rejected[0]).toMatchObject({ row: 4, column: "数值", value: "85", code: "CONFLICTING_DUPLICATE" });
    expect(rejected[0].zh).toContain("与第2行冲突");
  });
});

describe("prototype-looking status text", () => {
  it("is rejected, not taken for a status", () => {
    for (const s of ["constructor", "__proto__", "toString"]) expect(parseStatus(c(s)).ok).toBe(false);
  });
});
