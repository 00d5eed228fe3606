import { describe, expect, it } from "vitest";
import { REASON_TEMPLATES } from "../../domain/record-rules.ts";
import { AMOUNT_UNITS, QUANTITY_UNITS } from "../../domain/records.ts";

describe("the reason for an unknown unit in a record file", () => {
  const chinese = [...Object.keys(AMOUNT_UNITS), ...Object.keys(QUANTITY_UNITS)].filter((u) => /\p{Script=Han}/u.test(u));

  it("lists every Chinese unit the records accept, in both languages", () => {
    expect(chinese).toEqual(["元", "千元", "万元", "百万元", "亿元", "尾", "万尾", "亿尾"]);
    for (const u of chinese) {
      expect(REASON_TEMPLATES.BAD_UNIT.zh).toContain(u);
      expect(REASON_TEMPLATES.BAD_UNIT.en).toContain(`${u} (`);
    }
  });

  it("glosses each in English beside the Chinese word the user must write", () => {
    const en = REASON_TEMPLATES.BAD_UNIT.en;
    for (const [u, gloss] of [
      ["元", "yuan"],
      ["千元", "1,000 yuan"],
      ["万元", "10,000 yuan"],
      ["百万元", "1 million yuan"],
      ["亿元", "100 million yuan"],
      ["尾", "fry"],
      ["万尾", "10,000 fry"],
      ["亿尾", "100 million fry"],
    ])
      expect(en).toContain(`${u} (${gloss})`);
  });
});
