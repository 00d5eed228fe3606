/**
 * Writes the synthetic demo inputs in data/demo/ (all figures INVENTED for demonstration,
 * 合成示例数据，非官方统计 / synthetic demo data, not official statistics).
 *
 *   npx tsx scripts/make-demo.ts          write the files and print the expected statuses
 *   npx tsx scripts/make-demo.ts --check  only print the expected statuses (arithmetic check)
 *
 * The files imitate what statistics bureaus and offices send: a GB18030 wide CSV with a title
 * row and footnotes, a UTF-8-with-BOM long CSV, JSON rows, an .xlsx with a merged title, a
 * formula cell, a number stored as text and a value with a magnitude unit in the cell.
 * FIGURES below is the single source of the numbers; data/demo/README.md repeats them.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";

const OUT = join(dirname(fileURLToPath(import.meta.url)), "..", "data", "demo");
const NOTE_ZH = "合成示例数据，非官方统计";
const NOTE_EN = "synthetic demo data, not official statistics";
const YEARS = [2015, 2016, 2017, 2018, 2019, 2020] as const;

type Year = (typeof YEARS)[number];
type Series = Partial<Record<Year, number>>;

interface Fig {
  id: string;
  unit: string;
  target: number;
  cumulative?: boolean;
  /** Figures as finally known (the final vintage where a preliminary one exists). Absent year = no figure. */
  values: Series;
}

/** Plan parameters (data/plans/wafangdian-2018-2020.yaml). */
const BASE = 2017;
const START = 2018;
const TARGET_YEAR = 2020;

export const FIGURES: Fig[] = [
  { id: "rd_expenditure", unit: "亿元", target: 8, values: { 2015: 4.6, 2016: 5.0, 2017: 5.4, 2018: 6.2, 2019: 7.1 } },
  { id: "high_tech_enterprises", unit: "家", target: 100, values: { 2015: 38, 2016: 45, 2017: 52, 2018: 66, 2019: 84, 2020: 103 } },
  { id: "rd_institutions", unit: "家", target: 30, values: { 2015: 14, 2016: 16, 2017: 18, 2019: 23 } },
  {
    id: "converted_achievements",
    unit: "项",
    target: 50,
    cumulative: true,
    values: { 2015: 9, 2016: 11, 2017: 12, 2018: 14, 2019: 17, 2020: 16 },
  },
  { id: "tech_contract_turnover", unit: "亿元", target: 2, values: { 2015: 0.9, 2016: 1.05, 2017: 1.2, 2018: 1.45, 2019: 1.8, 2020: 2.3 } },
  { id: "maker_spaces", unit: "个", target: 2, values: { 2015: 0, 2016: 0, 2017: 1, 2018: 1, 2019: 2, 2020: 2 } },
  { id: "incubators", unit: "个", target: 2, values: { 2015: 0, 2016: 1, 2017: 1, 2018: 1, 2019: 1, 2020: 1 } },
  { id: "star_innovation_bases", unit: "个", target: 2, values: { 2015: 0, 2016: 0, 2017: 1, 2018: 1, 2019: 2 } },
  { id: "tech_smes", unit: "家", target: 70, values: { 2015: 30, 2016: 41, 2017: 48, 2018: 45, 2019: 42 } },
  { id: "industry_alliances", unit: "个", target: 2, values: { 2015: 0, 2016: 1, 2017: 1, 2018: 1, 2019: 1 } },
  { id: "enterprise_tech_centers", unit: "家", target: 15, values: { 2015: 8, 2016: 9, 2017: 10, 2018: 11, 2019: 13, 2020: 16 } },
  { id: "patent_alliances", unit: "个", target: 1, values: { 2015: 0, 2016: 0, 2017: 0, 2018: 0, 2019: 1, 2020: 1 } },
  {
    id: "fry_release",
    unit: "亿尾",
    target: 5.8,
    cumulative: true,
    values: { 2015: 1.5, 2016: 1.6, 2017: 1.7, 2018: 1.85, 2019: 2.0 },
  },
];

/** The preliminary vintage that the final one supersedes. */
const RD_2019_PRELIMINARY = 6.9;

// ---------------------------------------------------------------------------------------------
// Expected statuses (docs/methods.md §2 Eurostat rule, §4 cumulative pace, §5 final verdicts)

function classify(r: number): string {
  if (r >= 0.95) return "on track";
  if (r >= 0.6) return "needs acceleration";
  if (r >= 0) return "off track";
  return "regressing";
}

export function expected(f: Fig, values: Series = f.values): { year: number; line: string } {
  const years = YEARS.filter((y) => values[y] !== undefined);
  const t = years[years.length - 1];
  const yt = values[t]!;
  if (f.cumulative) {
    const plan = YEARS.filter((y) => y >= START && y <= t);
    const cum = plan.reduce((s, y) => s + (values[y] ?? 0), 0);
    const done = cum >= f.target;
    const completion = cum / f.target;
    if (t >= TARGET_YEAR)
      return {
        year: t,
        line: `cumulative ${fmt(cum)} vs ${f.target}: ${done ? "ACHIEVED" : "MISSED"} (final), completion ${fmt(completion)}`,
      };
    const actual = cum / (t - START + 1);
    const required = f.target / (TARGET_YEAR - START + 1);
    const ratio = actual / required;
    const verdict = done ? "target achieved" : classify(ratio);
    return {
      year: t,
      line: `cumulative ${fmt(cum)}; pace ${fmt(actual)}/yr vs required ${fmt(required)}/yr; ratio ${fmt(ratio)} -> ${verdict}`,
    };
  }
  const done = yt >= f.target;
  const completion = yt / f.target;
  if (t >= TARGET_YEAR)
    return { year: t, line: `${yt} vs ${f.target}: ${done ? "ACHIEVED" : "MISSED"} (final), completion ${fmt(completion)}` };
  const y0 = values[BASE] === 0 ? 0.001 : values[BASE]!;
  const cagrA = (yt / y0) ** (1 / (t - BASE)) - 1;
  const cagrR = (f.target / y0) ** (1 / (TARGET_YEAR - BASE)) - 1;
  const r = cagrA / Math.abs(cagrR);
  const verdict = done ? "target achieved (overrides R)" : classify(r);
  return {
    year: t,
    line: `CAGR_a ${fmt(cagrA)}, CAGR_r ${fmt(cagrR)}, R ${fmt(r)}, completion ${fmt(completion)} -> ${verdict}`,
  };
}

function fmt(x: number): string {
  return Number(x.toFixed(4)).toString();
}

function printExpected(): void {
  for (const f of FIGURES) {
    const e = expected(f);
    console.log(`${f.id.padEnd(24)} @${e.year}: ${e.line}`);
  }
  const rd = FIGURES[0];
  const pre = expected(rd, { ...rd.values, 2019: RD_2019_PRELIMINARY });
  console.log(`${"(rd, preliminary only)".padEnd(24)} @${pre.year}: ${pre.line}`);
}

// ---------------------------------------------------------------------------------------------
// Helpers

const fig = (id: string): Series => {
  const f = FIGURES.find((x) => x.id === id);
  if (!f) throw new Error(`unknown indicator ${id}`);
  return f.values;
};
const v = (id: string, y: Year): number => {
  const x = fig(id)[y];
  if (x === undefined) throw new Error(`${id} has no ${y} figure`);
  return x;
};
/** Round away float noise (e.g. 1.45 * 10000). */
const clean = (x: number): number => Number(x.toPrecision(12));

function csvLine(cells: (string | number)[]): string {
  return cells
    .map((c) => {
      const s = String(c);
      return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}

// ---------------------------------------------------------------------------------------------
// 1. 统计局 wide table, GB18030, CRLF, title row + blank row + header + footnotes

function statsBureauWide(): Buffer {
  const width = 2 + YEARS.length;
  const pad = (cells: string[]): string[] => [...cells, ...Array(width - cells.length).fill("")];
  const row = (name: string, unit: string, id: string, scale = 1, years: readonly Year[] = YEARS): string[] => [
    name,
    unit,
    ...YEARS.map((y) => {
      if (!years.includes(y)) return "";
      const x = fig(id)[y];
      return x === undefined ? "—" : String(clean(x * scale));
    }),
  ];
  const lines = [
    pad([`瓦房店市科技创新主要指标（${NOTE_ZH}）`]),
    pad([]),
    ["指标名称", "单位", ...YEARS.map((y) => `${y}年`)],
    row("高新技术企业数量", "家", "high_tech_enterprises"),
    row("各类研发机构", "家", "rd_institutions", 1, [2015, 2016, 2017, 2018, 2019]),
    row("技术合同成交额", "万元", "tech_contract_turnover", 10000, [2015, 2016, 2017, 2018, 2019]),
    row("转化科技成果", "项", "converted_achievements"),
    pad([
      `注：①本表为${NOTE_ZH}（${NOTE_EN}），数字为虚构，仅供演示；②“—”表示该年度数据缺失，空白表示数据尚未发布（技术合同成交额2020年数据见科技局报送）；③转化科技成果为当年转化项数，非累计数。`,
    ]),
    pad(["数据来源：瓦房店市统计局（合成示例）"]),
  ];
  return iconv.encode(`${lines.map(csvLine).join("\r\n")}\r\n`, "gb18030");
}

// ---------------------------------------------------------------------------------------------
// 2. 科技局 long table, UTF-8 with BOM, with 状态 and 发布日期 (holds the R&D 2019 preliminary figure)

function scienceBureauLong(): string {
  const header = ["指标", "区划代码", "年份", "数值", "单位", "状态", "数据来源", "发布日期", "备注"];
  const src = "市科技局（合成示例）";
  const rdPublished: Record<number, string> = { 2015: "2016-10-20", 2016: "2017-10-18", 2017: "2018-10-12", 2018: "2019-10-16" };
  const rows: (string | number)[][] = [];
  for (const y of [2015, 2016, 2017, 2018] as const) {
    rows.push(["R&D经费", "210281", y, v("rd_expenditure", y), "亿元", "正式", src, rdPublished[y], NOTE_ZH]);
  }
  rows.push(["R&D经费", "210281", 2019, RD_2019_PRELIMINARY, "亿元", "初步", src, "2020-03-20", `${NOTE_ZH}；初步数，待正式年报`]);
  const smePublished: Record<number, string> = {
    2015: "2016-03-01",
    2016: "2017-02-27",
    2017: "2018年2月26日",
    2018: "2019年2月25日",
    2019: "2020年3月2日",
  };
  for (const y of [2015, 2016, 2017, 2018, 2019] as const) {
    // 2015-2016: 状态 left empty (= final), as offices often do
    rows.push(["科技型中小企业入库数", "210281", y, v("tech_smes", y), "家", y < 2017 ? "" : "正式", src, smePublished[y], NOTE_ZH]);
  }
  rows.push([
    "技术合同成交额",
    "210281",
    2020,
    `${v("tech_contract_turnover", 2020)}亿元`,
    "亿元",
    "正式",
    "市科技局技术合同登记（合成示例）",
    "2021年3月15日",
    NOTE_ZH,
  ]);
  return `\uFEFF${[header, ...rows].map(csvLine).join("\n")}\n`;
}

// ---------------------------------------------------------------------------------------------
// 3. Revisions JSON: array of row objects, English keys (final R&D 2019 + task-level indicators)

function revisionsJson(): string {
  const note = `${NOTE_ZH} / ${NOTE_EN}`;
  const rows: Record<string, unknown>[] = [
    {
      indicator: "rd_expenditure",
      year: 2019,
      value: v("rd_expenditure", 2019),
      unit: "亿元",
      status: "final",
      source: "市统计局 R&D统计年报（synthetic）",
      published: "2020-10-15",
      note: `${note}; final figure, supersedes the preliminary ${RD_2019_PRELIMINARY} published 2020-03-20`,
    },
  ];
  const published: Record<number, string> = {
    2015: "2016-01-15",
    2016: "2017-01-16",
    2017: "2018-01-15",
    2018: "2019-01-14",
    2019: "2020-01-13",
    2020: "2021-01-18",
  };
  for (const y of YEARS) {
    rows.push({
      indicator: "专利技术产业联盟",
      // one year given as a string, as hand-edited JSON often has
      year: y === 2018 ? "2018" : y,
      value: v("patent_alliances", y),
      unit: "个",
      status: "final",
      source: "市市场监管局（synthetic）",
      published: published[y],
      note,
    });
  }
  for (const y of YEARS) {
    const x = fig("star_innovation_bases")[y];
    if (x === undefined) continue; // 2020 not yet published
    rows.push({
      indicator: "star innovation bases",
      year: y,
      value: x,
      unit: "个",
      status: "final",
      source: "市农发局/市经信局（synthetic）",
      published: published[y],
      note,
    });
  }
  return `${JSON.stringify(rows, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// 5. 农发局 JSON, {observations: [...]} with Chinese keys, fry release 2015-2017 in 万尾

function fisheriesJson(): string {
  const doc = {
    title: "瓦房店市增殖放流水产苗种情况（2015-2017年）",
    note: `${NOTE_ZH} / ${NOTE_EN}`,
    source: "市农发局（合成示例）",
    observations: ([2015, 2016, 2017] as const).map((y) => ({
      指标: "增殖放流",
      年份: y,
      数值: clean(v("fry_release", y) * 10000),
      单位: "万尾",
      状态: "正式",
      数据来源: "市农发局（合成示例）",
      发布日期: `${y + 1}-01-20`,
      备注: `${NOTE_ZH}；当年放流量`,
    })),
  };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

// ---------------------------------------------------------------------------------------------
// 4. 经信局 xlsx: merged title, header, task-level indicators wide, formula, text number, 万尾 cell

async function industryBureauXlsx(file: string): Promise<void> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "plan-monitor make-demo.ts (synthetic)";
  wb.created = new Date("2021-03-20T00:00:00Z");
  wb.modified = wb.created;
  const ws = wb.addWorksheet("任务指标");
  // columns: A 指标, B 单位, C..H 2015..2020
  ws.getCell("A1").value = `瓦房店市科技成果转化三年行动计划任务指标完成情况（${NOTE_ZH}）`;
  ws.mergeCells("A1:H1");
  ws.getCell("A1").font = { bold: true, size: 14 };
  ws.getCell("A1").alignment = { horizontal: "center" };
  ws.getCell("A2").value = "填报单位：市经信局（合成示例）　　填报日期：2021年3月20日";
  ws.mergeCells("A2:H2");
  ws.getRow(3).values = ["指标", "单位", ...YEARS]; // year headers as numbers, as Excel users type them
  ws.getRow(3).font = { bold: true };

  const cell = (id: string, y: Year): number | string | null => fig(id)[y] ?? null;
  const put = (r: number, name: string, unit: string, id: string): void => {
    ws.getRow(r).values = [name, unit, ...YEARS.map((y) => cell(id, y))];
  };
  put(4, "众创空间", "个", "maker_spaces");
  put(5, "科技企业孵化器", "个", "incubators");
  put(6, "企业技术中心", "家", "enterprise_tech_centers");
  put(7, "产业技术创新联盟", "个", "industry_alliances");
  put(8, "增殖放流水产苗种", "亿尾", "fry_release");

  // number stored as text: 企业技术中心 2017
  ws.getCell("E6").value = String(v("enterprise_tech_centers", 2017));
  // formula with cached result: 企业技术中心 2020 = 2019 + 3
  const etc2019 = v("enterprise_tech_centers", 2019);
  const etc2020 = v("enterprise_tech_centers", 2020);
  ws.getCell("H6").value = { formula: `G6+${etc2020 - etc2019}`, result: etc2020 };
  // fry release: 2015-2017 reported by 农发局 separately; 2018 given with a magnitude unit in the cell
  for (const c of ["C8", "D8", "E8"]) ws.getCell(c).value = null;
  ws.getCell("F8").value = `${clean(v("fry_release", 2018) * 10000)}万尾`;

  ws.getCell("A10").value =
    `注：①${NOTE_ZH}（${NOTE_EN}），数字为虚构，仅供演示；②空白表示数据尚未发布或由其他单位报送；③增殖放流为当年放流量，2015-2017年见农发局报送。`;
  ws.mergeCells("A10:H10");
  ws.getCell("A11").value = "数据来源：市经信局（合成示例）";
  ws.getColumn(1).width = 20;
  await wb.xlsx.writeFile(file);
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  printExpected();
  if (process.argv.includes("--check")) return;
  mkdirSync(OUT, { recursive: true });
  writeFileSync(join(OUT, "demo-synthetic-1-统计局-主要指标-宽表.csv"), statsBureauWide());
  writeFileSync(join(OUT, "demo-synthetic-2-科技局-long.csv"), scienceBureauLong(), "utf8");
  writeFileSync(join(OUT, "demo-synthetic-5-revisions.json"), revisionsJson(), "utf8");
  writeFileSync(join(OUT, "demo-synthetic-4-农发局-增殖放流.json"), fisheriesJson(), "utf8");
  await industryBureauXlsx(join(OUT, "demo-synthetic-3-经信局-任务指标.xlsx"));
  console.log(`wrote ${OUT}`);
}

await main();
