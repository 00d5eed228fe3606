/**
 * The contract types' English words (domain/records.ts CONTRACT_TYPE_EN): one for each canonical type,
 * none for other text; and the enterprise sizes' (ENTERPRISE_SIZE_EN).
 */
import { describe, expect, it } from "vitest";
import { REASON_TEMPLATES } from "../../domain/record-rules.ts";
import { CONTRACT_TYPE_EN, CONTRACT_TYPES, contractTypeEn, enterpriseSizeEn } from "../../domain/records.ts";

describe("contract types in English", () => {
  it("gives each canonical contract type its English words, and no other", () => {
    expect(Object.keys(CONTRACT_TYPE_EN).sort()).toEqual(Object.keys(CONTRACT_TYPES).sort());
    expect(contractTypeEn("技术开发")).toBe("Technology development");
    expect(contractTypeEn("技术转让")).toBe("Technology transfer");
    expect(contractTypeEn("技术许可")).toBe("Technology licensing");
    expect(contractTypeEn("技术咨询")).toBe("Technical consultancy");
    expect(contractTypeEn("技术服务")).toBe("Technical services");
    // The message refusing an unknown type names the same words.
    expect(REASON_TEMPLATES.BAD_CONTRACT_TYPE.en).toContain(
      "技术许可 (technology licensing), 技术咨询 (technical consultancy) or 技术服务",
    );
  });

  it("gives none for a spelling that is not canonical, other text or nothing", () => {
    for (const t of ["开发", "development", "其他", "toString", "", null, undefined]) expect(contractTypeEn(t), String(t)).toBeNull();
  });
});

describe("enterprise sizes in English", () => {
  it("names the four size classes, with or without 企业, and nothing else", () => {
    expect(["大型", "中型企业", " 小型 ", "微型"].map(enterpriseSizeEn)).toEqual(["Large", "Medium-sized", "Small", "Micro"]);
    for (const t of ["规上", "large", "企业", "", null, undefined]) expect(enterpriseSizeEn(t), String(t)).toBeNull();
  });
});
