import { describe, expect, it } from "vitest";
import { IndicatorMatcher, levenshtein, similarity } from "../../loaders/indicator-match.ts";
import { loadPlan } from "./helpers.ts";

const plan = loadPlan();
const m = new IndicatorMatcher(plan);
const id = (s: string) => {
  const r = m.match(s);
  return r.ok ? r.indicator.id : null;
};

describe("IndicatorMatcher", () => {
  it("matches by id, Chinese name, English name and alias", () => {
    expect(id("rd_expenditure")).toBe("rd_expenditure");
    expect(id("规模以上工业企业研究开发与试验发展(R&D)经费")).toBe("rd_expenditure");
    expect(id("R&D expenditure of industrial enterprises above designated size")).toBe("rd_expenditure");
    expect(id("研发经费")).toBe("rd_expenditure");
    expect(id("高企数量")).toBe("high_tech_enterprises");
    expect(id("增殖放流")).toBe("fry_release");
  });

  it("normalises width, spaces and case", () => {
    expect(id("  高新技术 企业数量 ")).toBe("high_tech_enterprises");
    expect(id("Ｒ＆Ｄ经费")).toBe("rd_expenditure");
    expect(id("HIGH-TECH ENTERPRISES")).toBe("high_tech_enterprises");
    expect(id("规模以上工业企业研究开发与试验发展（R&D）经费")).toBe("rd_expenditure");
  });

  it("strips a trailing unit in brackets and returns it", () => {
    expect(m.match("技术合同成交额（亿元）")).toMatchObject({ ok: true, unit: "亿元" });
    expect(m.match("技术合同成交额(万元)")).toMatchObject({ ok: true, unit: "万元" });
    expect(m.match("高新技术企业数量（单位：家）")).toMatchObject({ ok: true, unit: "家" });
    expect(m.match("高新技术企业数量")).toMatchObject({ ok: true, unit: null });
  });

  it("tolerates list numbering and 其中", () => {
    expect(id("1、高新技术企业数量")).toBe("high_tech_enterprises");
    expect(id("（二）各类研发机构")).toBe("rd_institutions");
    expect(id("其中：众创空间")).toBe("maker_spaces");
  });

  it("suggests the three closest indicators for an unknown name", () => {
    const r = m.match("高新企业");
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.suggestions).toHaveLength(3);
      expect(r.suggestions[0]).toContain("high_tech_enterprises");
    }
    const r2 = m.match("技术合同金额");
    if (!r2.ok) expect(r2.suggestions[0]).toContain("tech_contract_turnover");
    else throw new Error("should not match");
  });

  it("never throws on odd input", () => {
    for (const s of ["", "()", "（", "\u0000", "x".repeat(5000)]) expect(() => m.match(s)).not.toThrow();
  });
});

describe("similarity", () => {
  it("edit distance and overlap", () => {
    expect(levenshtein("kitten", "sitting")).toBe(3);
    expect(levenshtein("", "abc")).toBe(3);
    expect(similarity("abc", "abc")).toBe(1);
    expect(similarity("", "abc")).toBe(0);
    expect(similarity("高新企业", "高新技术企业数量")).toBeGreaterThan(similarity("高新企业", "众创空间"));
  });
});
