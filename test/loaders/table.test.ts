import { describe, expect, it } from "vitest";
import { type Cell, findTable, type GridRow, isNoteRow, toRecords } from "../../loaders/table.ts";

const c = (v: string | number | null): Cell | null => (v === null || v === "" ? null : { value: v, text: String(v) });
const grid = (rows: (string | number | null)[][]): GridRow[] => rows.map((cells, i) => ({ row: i + 1, cells: cells.map(c) }));

describe("findTable", () => {
  it("finds a long header below title rows", () => {
    const shape = findTable(grid([["瓦房店市科技指标"], [], ["指标", "年份", "数值", "单位"], ["研发经费", "2019", "6.1", "亿元"]]));
    expect(shape).toMatchObject({ layout: "long", headerRow: 3, headerIndex: 2 });
    expect(shape?.fields.value?.header).toBe("数值");
  });

  it("finds a wide header with year columns and a table-wide unit", () => {
    const shape = findTable(grid([["标题"], ["单位：万元"], ["指标名称", "2018年", "2019年度", "2020", "2020年目标"], ["x", 1, 2, 3, 4]]));
    expect(shape?.layout).toBe("wide");
    expect(shape?.yearColumns.map((y) => y.year)).toEqual([2018, 2019, 2020]);
    expect(shape?.tableUnit).toBe("万元");
  });

  it("uses the first column as indicator when its header is blank", () => {
    const shape = findTable(
      grid([
        ["", 2018, 2019],
        ["高新技术企业数量", 60, 80],
      ]),
    );
    expect(shape?.layout).toBe("wide");
    expect(shape?.fields.indicator?.index).toBe(0);
    expect(shape?.fields.indicator?.header).toBe("第1列");
  });

  it("returns null when no header is found in the first 20 rows", () => {
    expect(
      findTable(
        grid([
          ["a", "b"],
          ["1", "2"],
        ]),
      ),
    ).toBeNull();
    const late = [...Array.from({ length: 25 }, () => ["x"]), ["指标", "年份", "数值"]];
    expect(findTable(grid(late))).toBeNull();
  });
});

describe("toRecords", () => {
  it("skips blank rows, note rows and repeated headers; counts source rows", () => {
    const rows = grid([
      ["指标", "2018", "2019"],
      ["研发经费", "5", "6"],
      [],
      ["指标", "2018", "2019"],
      ["高新技术企业数量", "60", "—"],
      ["注：2019年为快报数", "", ""],
      ["数据来源：统计局", "2", "3"],
      ["填表人：张三", "审核人：李四"],
    ]);
    const shape = findTable(rows)!;
    const { records, rowsRead } = toRecords(rows, shape);
    expect(rowsRead).toBe(2);
    expect(records.map((r) => r.row)).toEqual([2, 5]);
    expect(records[0].values.map((v) => [v.column, v.year, v.cell?.text])).toEqual([
      ["2018", 2018, "5"],
      ["2019", 2019, "6"],
    ]);
  });

  it("isNoteRow does not take indicator names for notes", () => {
    expect(isNoteRow({ row: 1, cells: [c("注：口径调整")] })).toBe(true);
    expect(isNoteRow({ row: 1, cells: [c("说明")] })).toBe(true);
    expect(isNoteRow({ row: 1, cells: [c("注册企业数"), c("5")] })).toBe(false);
    expect(isNoteRow({ row: 1, cells: [c("高新技术企业数量"), c("5")] })).toBe(false);
  });
});
