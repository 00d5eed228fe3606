/** Column widths of the Word report's tables (exports/docx.ts columnTwips): numbers and years stay on one line. */
import { describe, expect, it } from "vitest";
import { columnTwips } from "../../exports/docx.ts";
import { col, table } from "../../exports/report/context.ts";

const MM = 56.7; // twips per mm
const mainTable = () =>
  table(
    "main",
    "主要指标完成情况表",
    [
      col("no", "序号", "integer"),
      col("name", "指标", "text", true),
      col("unit", "单位", "text"),
      col("target", "目标", "text"),
      col("y2017", "2017年（基期）", "number"),
      col("y2018", "2018年", "number"),
      col("y2019", "2019年", "number"),
      col("y2020", "2020年", "number"),
      col("ratio", "完成程度", "percent"),
      col("grade", "评价", "text", true),
    ],
    [1, 2, 3].map((no) => ({
      no,
      name: "规模以上工业企业研究开发与试验发展(R&D)经费★",
      unit: "亿元",
      target: "100 以上",
      y2017: 5.4,
      y2018: 6.2,
      y2019: 7.1,
      y2020: null,
      ratio: 1.03,
      grade: "数据暂缺，无法作出终期结论",
    })),
    "—",
  );

describe("columnTwips", () => {
  it("fills the 156 mm text width", () => {
    const w = columnTwips(mainTable());
    expect(w.reduce((a, b) => a + b, 0)).toBe(Math.round(156 * MM));
  });

  it("keeps a year header such as 2018年 on one line at 9 pt (3.9 em plus margins), and text columns wider than numbers", () => {
    const w = columnTwips(mainTable());
    const oneLine = (3.9 * 9 * 0.3528 + 2) * MM;
    for (const k of [5, 6, 7]) expect(w[k]).toBeGreaterThanOrEqual(oneLine);
    expect(w[1]).toBeGreaterThan(w[5]);
    expect(w[9]).toBeGreaterThan(w[5]);
  });

  it("shares the room between text columns by their typical line, not one long outlier", () => {
    const t = table(
      "evidence",
      "佐证材料清单",
      [col("material", "材料", "text", true), col("file", "文件:行", "text")],
      [
        ...Array.from({ length: 9 }, () => ({ material: "报送数据", file: "demo-synthetic-1-统计局-主要指标-宽表.csv:4" })),
        { material: "一段很长很长很长很长很长很长很长很长很长很长很长的说明", file: "x.csv:1" },
      ],
      "—",
    );
    const [material, file] = columnTwips(t);
    expect(file).toBeGreaterThan(material);
  });
});
