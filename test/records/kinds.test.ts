import { describe, expect, it } from "vitest";
import { detectKind, splitHeaderUnit } from "../../domain/records.ts";
import { creditCodeCheckChar, isValidCreditCode, parseRecordDate, parseRecordNumber } from "../../loaders/records/validate.ts";
import { code } from "./helpers.ts";

describe("record kinds", () => {
  it("detects each kind from Chinese or English headers", () => {
    expect(detectKind(["企业名称", "统一社会信用代码", "证书编号", "发证日期", "乡镇/街道"]).kind).toBe("certificates");
    expect(detectKind(["contract_id", "registered_on", "seller", "buyer", "transaction_value", "contract_type"]).kind).toBe("contracts");
    expect(detectKind(["合同编号", "登记日期", "卖方", "买方", "技术交易额（万元）", "合同类型", "技术领域"]).kind).toBe("contracts");
    expect(detectKind(["企业名称", "统一社会信用代码", "年份", "研发费用(万元)", "企业规模"]).kind).toBe("rd");
    expect(detectKind(["enterprise", "credit_code", "year", "amount"]).kind).toBe("rd");
    expect(detectKind(["名录类别", "名称", "认定日期", "终止日期"]).kind).toBe("lists");
  });

  it("reports the missing required columns of the closest kind", () => {
    const m = detectKind(["合同编号", "登记日期", "卖方", "技术交易额"]);
    expect(m.kind).toBe("contracts");
    expect(m.missing.map((f) => f.key).sort()).toEqual(["buyer", "contract_type"]);
  });

  it("reads a unit from a header", () => {
    expect(splitHeaderUnit("技术交易额（万元）")).toEqual({ base: "技术交易额", unit: "万元" });
    expect(splitHeaderUnit("transaction_value (亿元)")).toEqual({ base: "transaction_value", unit: "亿元" });
    expect(splitHeaderUnit("卖方（技术输出方）").unit).toBeNull();
  });
});

describe("unified social credit code (GB 32100-2015)", () => {
  it("accepts codes with the right check digit and refuses others", () => {
    // A published example code (check digit computed by the standard's weights).
    expect(creditCodeCheckChar("91350100M000100Y4")).toBe("3");
    expect(isValidCreditCode("91350100M000100Y43")).toBe(true);
    const good = code(42);
    expect(isValidCreditCode(good)).toBe(true);
    const wrong = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    expect(isValidCreditCode(wrong)).toBe(false);
    expect(isValidCreditCode(good.slice(0, 17))).toBe(false);
    expect(isValidCreditCode(`${good.slice(0, 16)}I${good[17]}`)).toBe(false); // I is not allowed
    expect(isValidCreditCode(good.toLowerCase())).toBe(false);
  });
});

describe("cells", () => {
  it("parses dates in the accepted spellings only", () => {
    expect(parseRecordDate("2016-06-01")).toBe("2016-06-01");
    expect(parseRecordDate("2016/6/1")).toBe("2016-06-01");
    expect(parseRecordDate("2016.06.01")).toBe("2016-06-01");
    expect(parseRecordDate("2016年6月1日")).toBe("2016-06-01");
    expect(parseRecordDate("20160601")).toBe("2016-06-01");
    expect(parseRecordDate("2019-02-29")).toBeNull();
    expect(parseRecordDate("2020-02-29")).toBe("2020-02-29");
    expect(parseRecordDate("2019-13-01")).toBeNull();
    expect(parseRecordDate("1900-01-01")).toBeNull();
    expect(parseRecordDate("2019-05-01x")).toBeNull();
    expect(parseRecordDate("infinity")).toBeNull();
  });
  it("parses plain numbers with thousands commas", () => {
    expect(parseRecordNumber("1,234.5")).toBe(1234.5);
    expect(parseRecordNumber("-3")).toBe(-3);
    expect(parseRecordNumber("1e3")).toBe(1000);
    expect(parseRecordNumber("2.3亿元")).toBeNull();
    expect(parseRecordNumber("inf")).toBeNull();
    expect(parseRecordNumber("1e999")).toBeNull();
    expect(parseRecordNumber("")).toBeNull();
  });
});
