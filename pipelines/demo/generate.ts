/**
 * Synthetic record files (合成示例数据，非官方统计 / synthetic demo data, not official statistics):
 * `plan-monitor demo generate --scale county|province|national --seed N --out DIR`.
 *
 * - county: Wafangdian (210281) with towns and sectors, consistent with the demo indicator figures
 *   in data/demo (derived and reported totals reconcile) except ONE deliberate discrepancy
 *   (technology contract turnover 2019: records 1.71 亿元 against 1.8 reported, -5%). Each file
 *   states the date it covers through (数据截至, see COVERAGE): certificates, contracts and the
 *   lists whose 2020 figures are reported cover 2020; the R&D reports and the lists behind R&D
 *   institutions, 星创天地, tech-based SMEs, industry alliances and fry release cover only 2019
 *   (their 2020 figures are "not yet published" in data/demo, and the records do not have them
 *   either), so the demo keeps its mixed outcomes. The records fill one year the demo does not
 *   report (R&D institutions 2018), and hold an enterprise certified on 2016-06-01 and never
 *   renewed (counts at the end of 2016-2018, not 2019).
 * - province: ~100 counties, 10,000 enterprises, 100,000 contracts a year (2015-2020).
 * - national: ~3,000 counties, 400,000 enterprises, 1,000,000 contracts a year (6M contracts).
 *   These are clean (DuckDB's own read_csv reads them, for the benchmark); `withErrors` puts an
 *   impossible date in one contract row in 100,003.
 *
 * Deterministic: the same scale and seed give the same bytes. Files are written in chunks
 * (streaming); no large array of row objects is ever built. Every file name says "synthetic" and
 * every row carries 备注 = 合成示例数据.
 */
import { createWriteStream, mkdirSync, type WriteStream } from "node:fs";
import { join } from "node:path";
import iconv from "iconv-lite";
import { CREDIT_CODE_CHARS, creditCodeCheckChar } from "../../loaders/records/validate.ts";

export type Scale = "county" | "province" | "national";
export const SYNTHETIC_NOTE = "合成示例数据";
export const COUNTY_REGION = "210281";
export const YEARS = [2015, 2016, 2017, 2018, 2019, 2020] as const;

/**
 * County figures (2015-2020) the records add up to. Reported figures are those of
 * scripts/make-demo.ts (FIGURES). null: not in the records (the file covers through 2019-12-31,
 * as the demo has no 2020 figure for them either).
 */
export const COUNTY_FIGURES = {
  high_tech_enterprises: [38, 45, 52, 66, 84, 103],
  /** 2019 reported 1.8: the records hold 1.71 (the deliberate discrepancy). */
  tech_contract_turnover: [0.9, 1.05, 1.2, 1.45, 1.71, 2.3],
  rd_expenditure: [4.6, 5.0, 5.4, 6.2, 7.1, null],
  /** 2018 derived only (missing in the demo). */
  rd_institutions: [14, 16, 18, 20, 23, null],
  converted_achievements: [9, 11, 12, 14, 17, 16],
  maker_spaces: [0, 0, 1, 1, 2, 2],
  incubators: [0, 1, 1, 1, 1, 1],
  star_innovation_bases: [0, 0, 1, 1, 2, null],
  tech_smes: [30, 41, 48, 45, 42, null],
  industry_alliances: [0, 1, 1, 1, 1, null],
  enterprise_tech_centers: [8, 9, 10, 11, 13, 16],
  patent_alliances: [0, 0, 0, 0, 1, 1],
  /** In 亿尾. */
  fry_release: [1.5, 1.6, 1.7, 1.85, 2.0, null],
} as const;

/** The date each county file covers through (数据截至), and how the file states it. */
export const COVERAGE = {
  certificates: { through: "2020-12-31", stated: "title row 截至2020年12月31日" },
  contracts: { through: "2020-12-31", stated: "title row 数据截至：2020-12-31" },
  rd: { through: "2019-12-31", stated: "title row 数据截至：2019-12-31" },
  /** Maker spaces, incubators, enterprise technology centres, patent alliances, converted achievements. */
  lists: { through: "2020-12-31", stated: "a 数据截至 column" },
  /** R&D institutions, 星创天地, industry alliances, tech-based SMEs, fry release. */
  lists2019: { through: "2019-12-31", stated: "title row 截至2019年底" },
} as const;

/** The deliberate discrepancy the reconciliation must flag. */
export const DELIBERATE_DISCREPANCY = { indicator: "tech_contract_turnover", year: 2019, reported: 1.8, derived: 1.71 };
/** The enterprise certified in 2016 and not renewed. */
export const NOT_RENEWED = { enterprise: "瓦房店示例精工轴承有限公司", certified_on: "2016-06-01" };

// ---------------------------------------------------------------------------------------------

/** mulberry32: a small deterministic PRNG. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, w: number) => String(n).padStart(w, "0");
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Day `d` (0-based) of year `y` as YYYY-MM-DD. */
export function dayOfYear(y: number, d: number): string {
  let m = 0;
  let rest = d;
  for (;;) {
    const len = MONTH_DAYS[m] + (m === 1 && isLeap(y) ? 1 : 0);
    if (rest < len || m === 11) break;
    rest -= len;
    m++;
  }
  return `${y}-${pad(m + 1, 2)}-${pad(rest + 1, 2)}`;
}

/** A valid credit code for enterprise `i` of a region (GB 32100-2015 check digit). */
export function creditCode(region: string, i: number): string {
  let s = "";
  let n = i;
  for (let k = 0; k < 7; k++) {
    s = CREDIT_CODE_CHARS[n % 31] + s;
    n = Math.floor(n / 31);
  }
  const base = `91${region}MA${s}`;
  return base + creditCodeCheckChar(base);
}

/** Split `total` units into `n` positive integer parts (random weights). */
function split(total: number, n: number, r: () => number): number[] {
  if (n <= 0) return [];
  const w = Array.from({ length: n }, () => 0.2 + r());
  const sum = w.reduce((a, b) => a + b, 0);
  const parts = w.map((x) => Math.max(1, Math.floor((x / sum) * total)));
  let diff = total - parts.reduce((a, b) => a + b, 0);
  for (let i = 0; diff !== 0; i = (i + 1) % n) {
    if (diff > 0) {
      parts[i]++;
      diff--;
    } else if (parts[i] > 1) {
      parts[i]--;
      diff++;
    }
  }
  return parts;
}

const cell = (v: string | number | null | undefined): string => {
  if (v === null || v === undefined) return "";
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
};

/** A CSV file written in chunks, with back-pressure. */
class CsvOut {
  private stream: WriteStream;
  private buffer: string[] = [];
  private size = 0;
  rows = 0;
  constructor(
    readonly path: string,
    private encoding: "utf-8" | "utf-8-bom" | "gb18030",
  ) {
    this.stream = createWriteStream(path);
    if (encoding === "utf-8-bom") this.stream.write("\uFEFF");
  }
  private encode(text: string): Buffer | string {
    return this.encoding === "gb18030" ? iconv.encode(text, "gb18030") : text;
  }
  async line(cells: (string | number | null | undefined)[]): Promise<void> {
    const text = `${cells.map(cell).join(",")}\r\n`;
    this.buffer.push(text);
    this.size += text.length;
    this.rows++;
    if (this.size > 1 << 20) await this.flush();
  }
  async flush(): Promise<void> {
    if (this.buffer.length === 0) return;
    const chunk = this.encode(this.buffer.join(""));
    this.buffer = [];
    this.size = 0;
    if (!this.stream.write(chunk)) await new Promise<void>((resolve) => this.stream.once("drain", () => resolve()));
  }
  async close(): Promise<void> {
    await this.flush();
    await new Promise<void>((resolve, reject) => this.stream.end((e?: Error | null) => (e ? reject(e) : resolve())));
  }
}

export interface GeneratedFile {
  path: string;
  kind: "certificates" | "contracts" | "rd" | "lists";
  rows: number;
}

// ---------------------------------------------------------------------------------------------
// County scale

const TOWNS = ["共济街道", "岗店街道", "祝华街道", "文兰街道", "太阳街道", "复州城镇", "李官镇", "谢屯镇", "炮台经济区", "西杨乡"];
/** The demo's sectors (行业); data/sectors/names.csv gives each its English name. */
export const SECTORS = ["轴承及装备制造", "新材料", "电子信息", "生物医药", "农产品加工", "现代渔业", "节能环保"];
const CONTRACT_TYPES = ["技术开发", "技术开发", "技术服务", "技术服务", "技术咨询", "技术转让", "技术许可"];
/** The demo's technology fields (技术领域) of contracts; data/fields/names.csv gives each its English name. */
export const FIELDS = ["先进制造", "新材料", "电子信息", "生物医药", "现代农业", "资源与环境", "城市建设与社会发展"];
const SIZES = ["大型", "中型", "中型", "小型", "小型", "小型"];
const NAME_PARTS = ["华", "瑞", "鑫", "盛", "嘉", "泰", "宏", "博", "恒", "信", "通", "达", "诚", "汇", "远", "兴", "德", "隆", "科", "海"];
const NAME_KINDS = ["轴承", "精工", "机械", "新材料", "电子", "生物", "食品", "水产", "环保", "智能装备", "电力设备", "化工"];

function countyEnterprise(i: number, r: () => number) {
  const a = NAME_PARTS[Math.floor(r() * NAME_PARTS.length)];
  const b = NAME_PARTS[Math.floor(r() * NAME_PARTS.length)];
  const kind = NAME_KINDS[Math.floor(r() * NAME_KINDS.length)];
  return {
    name: `瓦房店${a}${b}${kind}有限公司${pad(i, 3)}`,
    code: creditCode(COUNTY_REGION, 1000 + i),
    town: TOWNS[Math.floor(r() * TOWNS.length)],
    sector: SECTORS[Math.floor(r() * SECTORS.length)],
  };
}

async function county(out: string, seed: number): Promise<GeneratedFile[]> {
  const r = rng(seed);
  const enterprises = Array.from({ length: 400 }, (_, i) => countyEnterprise(i, r));
  enterprises[0] = { name: NOT_RENEWED.enterprise, code: creditCode(COUNTY_REGION, 999), town: "共济街道", sector: "轴承及装备制造" };
  const randomDay = (y: number) => dayOfYear(y, Math.floor(r() * (isLeap(y) ? 366 : 365)));
  const files: GeneratedFile[] = [];

  // Certificates: n(Y) issued in Y counts at the ends of Y, Y+1, Y+2, so stock(Y) = n(Y) + n(Y-1) + n(Y-2).
  const stock = COUNTY_FIGURES.high_tech_enterprises;
  const issued = new Map<number, number>([
    [2013, 12],
    [2014, 12],
  ]);
  for (const [i, y] of YEARS.entries()) issued.set(y, stock[i] - (issued.get(y - 1) ?? 0) - (issued.get(y - 2) ?? 0));
  const certs = new CsvOut(join(out, "demo-synthetic-records-1-高新技术企业证书.csv"), "gb18030");
  await certs.line(["瓦房店市高新技术企业认定名单（合成示例数据，非官方统计）"]);
  await certs.line(["截至2020年12月31日"]);
  await certs.line(["企业名称", "统一社会信用代码", "证书编号", "发证日期", "乡镇/街道", "行业", "备注"]);
  const cohorts = new Map<number, number[]>();
  let nextNew = 1;
  let certSeq = 0;
  for (let y = 2013; y <= 2020; y++) {
    const n = issued.get(y)!;
    const previous = (cohorts.get(y - 3) ?? []).filter((e) => e !== 0);
    const renew = previous.slice(0, Math.min(n, Math.floor(previous.length * 0.7)));
    const cohort = [...renew];
    if (y === 2016) cohort.push(0); // the enterprise certified 2016-06-01, never renewed
    while (cohort.length < n) cohort.push(nextNew++);
    cohorts.set(y, cohort);
    for (const e of cohort) {
      const ent = enterprises[e];
      const date = e === 0 ? NOT_RENEWED.certified_on : randomDay(y);
      await certs.line([ent.name, ent.code, `GR${y}21${pad(++certSeq, 6)}`, date, ent.town, ent.sector, SYNTHETIC_NOTE]);
    }
  }
  await certs.close();
  files.push({ path: certs.path, kind: "certificates", rows: certs.rows - 3 });

  // Contracts: transaction values (万元, 2 decimals) adding up to the turnover of each year.
  const contracts = new CsvOut(join(out, "demo-synthetic-records-2-技术合同登记.csv"), "utf-8-bom");
  await contracts.line(["瓦房店市技术合同登记表（合成示例数据，非官方统计）"]);
  await contracts.line([`数据截至：${COVERAGE.contracts.through}`]);
  await contracts.line([
    "合同编号",
    "登记日期",
    "卖方",
    "卖方统一社会信用代码",
    "买方",
    "合同金额(万元)",
    "技术交易额(万元)",
    "合同类型",
    "技术领域",
    "乡镇/街道",
    "行业",
    "备注",
  ]);
  const buyers = [
    "大连理工大学",
    "东北大学",
    "大连海事大学",
    "沈阳某装备有限公司",
    "大连某轴承研究所",
    "鞍山某钢铁有限公司",
    "营口某电子有限公司",
  ];
  let seq = 0;
  for (const [i, y] of YEARS.entries()) {
    const cents = Math.round(COUNTY_FIGURES.tech_contract_turnover[i] * 1e6); // 亿元 → 0.01 万元
    const n = 50 + Math.floor(r() * 30) + i * 8;
    for (const part of split(cents, n, r)) {
      const ent = enterprises[1 + Math.floor(r() * 250)];
      const contractValue = Math.ceil(part * (1 + r() * 0.3));
      await contracts.line([
        `${y}2102${pad(++seq, 5)}`,
        randomDay(y),
        ent.name,
        ent.code,
        buyers[Math.floor(r() * buyers.length)],
        (contractValue / 100).toFixed(2),
        (part / 100).toFixed(2),
        CONTRACT_TYPES[Math.floor(r() * CONTRACT_TYPES.length)],
        FIELDS[Math.floor(r() * FIELDS.length)],
        ent.town,
        ent.sector,
        SYNTHETIC_NOTE,
      ]);
    }
  }
  // Two rows the validation must reject (they are not part of any total).
  await contracts.line([
    "2019210299001",
    "2019-02-30",
    enterprises[5].name,
    enterprises[5].code,
    buyers[0],
    "10.00",
    "8.00",
    "技术开发",
    FIELDS[0],
    enterprises[5].town,
    enterprises[5].sector,
    `${SYNTHETIC_NOTE}（错误示例：日期不存在）`,
  ]);
  await contracts.line([
    "2020210299002",
    "2020-03-15",
    enterprises[6].name,
    `${enterprises[6].code.slice(0, 17)}${enterprises[6].code[17] === "0" ? "1" : "0"}`,
    buyers[1],
    "12.00",
    "9.50",
    "技术服务",
    FIELDS[1],
    enterprises[6].town,
    enterprises[6].sector,
    `${SYNTHETIC_NOTE}（错误示例：信用代码校验位错）`,
  ]);
  await contracts.close();
  files.push({ path: contracts.path, kind: "contracts", rows: contracts.rows - 3 });

  // R&D expenditure of industrial enterprises above designated size (万元).
  const rd = new CsvOut(join(out, "demo-synthetic-records-3-规上工业企业研发费用.csv"), "utf-8");
  await rd.line(["瓦房店市规上工业企业研发费用（合成示例数据，非官方统计）"]);
  await rd.line([`数据截至：${COVERAGE.rd.through}（2020年度研发费用尚未填报）`]);
  await rd.line(["企业名称", "统一社会信用代码", "年份", "研发费用(万元)", "企业规模", "乡镇/街道", "行业", "备注"]);
  for (const [i, y] of YEARS.entries()) {
    const figure = COUNTY_FIGURES.rd_expenditure[i];
    if (figure === null) continue;
    const cents = Math.round(figure * 1e6);
    const n = 40 + i * 4;
    const parts = split(cents, n, r);
    for (const [k, part] of parts.entries()) {
      const ent = enterprises[1 + ((k * 7 + i) % 300)];
      await rd.line([ent.name, ent.code, y, (part / 100).toFixed(2), SIZES[(k + i) % SIZES.length], ent.town, ent.sector, SYNTHETIC_NOTE]);
    }
  }
  await rd.close();
  files.push({ path: rd.path, kind: "rd", rows: rd.rows - 3 });

  // Lists: the registers covered through 2020 (with a 数据截至 column) and those covered through 2019 (title row).
  const listHeader = [
    "名录类别",
    "名称",
    "编号",
    "统一社会信用代码",
    "认定日期",
    "终止日期",
    "数量",
    "数量单位",
    "级别",
    "乡镇/街道",
    "行业",
    "备注",
  ];
  const lists2020 = new CsvOut(join(out, "demo-synthetic-records-4-名录.csv"), "utf-8");
  await lists2020.line([...listHeader, "数据截至"]);
  const lists2019 = new CsvOut(join(out, "demo-synthetic-records-5-名录-截至2019年底.csv"), "utf-8");
  await lists2019.line(["瓦房店市科技创新名录（合成示例数据，非官方统计）"]);
  await lists2019.line(["截至2019年底"]);
  await lists2019.line(listHeader);
  const lists = {
    async line(cells: (string | number)[]) {
      if (LISTS_2019.has(String(cells[0]))) await lists2019.line(cells);
      else await lists2020.line([...cells, COVERAGE.lists.through]);
    },
  };
  let item = 0;
  const stockList = async (
    list: string,
    zh: string,
    values: readonly (number | null)[],
    closures: { start: number; end: string }[] = [],
  ) => {
    let prev = 0;
    for (const [i, y] of YEARS.entries()) {
      const value = values[i];
      if (value === null) continue;
      const added = value - prev + closures.filter((c) => Number(c.end.slice(0, 4)) === y).length;
      for (let k = 0; k < added; k++) {
        const ent = enterprises[1 + Math.floor(r() * 250)];
        const closing = closures.find((c) => c.start === y && !("used" in c));
        if (closing) (closing as { used?: boolean }).used = true;
        await lists.line([
          list,
          `${ent.name.replace(/有限公司\d+$/, "")}${zh}`,
          `L${pad(++item, 5)}`,
          ent.code,
          randomDay(y),
          closing ? closing.end : "",
          "",
          "",
          ["市级", "省级", "国家级"][Math.floor(r() * 3)],
          ent.town,
          ent.sector,
          SYNTHETIC_NOTE,
        ]);
      }
      prev = value;
    }
  };
  await stockList("研发机构", "研发中心", COUNTY_FIGURES.rd_institutions);
  await stockList("众创空间", "众创空间", COUNTY_FIGURES.maker_spaces);
  await stockList("科技企业孵化器", "孵化器", COUNTY_FIGURES.incubators);
  await stockList("星创天地", "星创天地", COUNTY_FIGURES.star_innovation_bases);
  await stockList("企业技术中心", "技术中心", COUNTY_FIGURES.enterprise_tech_centers, [{ start: 2015, end: "2018-09-30" }]);
  await stockList("产业技术创新联盟", "产业技术创新联盟", COUNTY_FIGURES.industry_alliances);
  await stockList("专利技术产业联盟", "专利技术产业联盟", COUNTY_FIGURES.patent_alliances);
  for (const [i, y] of YEARS.entries()) {
    const smes = COUNTY_FIGURES.tech_smes[i];
    const fry = COUNTY_FIGURES.fry_release[i];
    for (let k = 0; k < COUNTY_FIGURES.converted_achievements[i]; k++) {
      const ent = enterprises[1 + Math.floor(r() * 250)];
      await lists.line([
        "科技成果转化",
        `成果转化项目${y}-${pad(k + 1, 2)}`,
        `CG${y}${pad(k + 1, 3)}`,
        ent.code,
        randomDay(y),
        "",
        "",
        "",
        "",
        ent.town,
        ent.sector,
        SYNTHETIC_NOTE,
      ]);
    }
    for (let k = 0; k < (smes ?? 0); k++) {
      const ent = enterprises[1 + ((k * 5 + i * 11) % 350)];
      await lists.line(["科技型中小企业", ent.name, "", ent.code, randomDay(y), "", "", "", "", ent.town, ent.sector, SYNTHETIC_NOTE]);
    }
    const batches = fry === null ? [] : split(Math.round(fry * 1e4), 6 + (i % 3), r); // 亿尾 → 万尾
    for (const [k, q] of batches.entries()) {
      await lists.line([
        "增殖放流",
        `增殖放流${y}年第${k + 1}批`,
        `FL${y}${pad(k + 1, 2)}`,
        "",
        dayOfYear(y, 120 + k * 20),
        "",
        q,
        "万尾",
        "",
        TOWNS[[6, 7, 9][k % 3]],
        "现代渔业",
        SYNTHETIC_NOTE,
      ]);
    }
  }
  await lists2020.close();
  await lists2019.close();
  files.push({ path: lists2020.path, kind: "lists", rows: lists2020.rows - 1 });
  files.push({ path: lists2019.path, kind: "lists", rows: lists2019.rows - 3 });
  return files;
}

/** The lists whose county register covers only 2019 (their 2020 figures are not published in the demo). */
const LISTS_2019 = new Set(["研发机构", "星创天地", "产业技术创新联盟", "科技型中小企业", "增殖放流"]);

// ---------------------------------------------------------------------------------------------
// Province and national scale

const PROVINCES = [
  11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42, 43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65,
];
const COUNTY_SUFFIXES = [2, 3, 4, 11, 12, 13, 81, 82];

/** Six-digit county codes: province 21 (Liaoning) for the province scale, 31 provinces for the national one. */
export function regionCodes(scale: "province" | "national"): string[] {
  const provinces = scale === "province" ? [21] : PROVINCES;
  const perProvince = scale === "province" ? 100 : 97;
  const out: string[] = [];
  for (const p of provinces) {
    for (let i = 0; i < perProvince; i++) out.push(`${p}${pad(1 + Math.floor(i / 8), 2)}${pad(COUNTY_SUFFIXES[i % 8], 2)}`);
  }
  return out;
}

const SCALE = {
  province: { enterprises: 10_000, contractsPerYear: 100_000 },
  national: { enterprises: 400_000, contractsPerYear: 1_000_000 },
};

async function large(out: string, scale: "province" | "national", seed: number, withErrors: boolean): Promise<GeneratedFile[]> {
  const r = rng(seed);
  const regions = regionCodes(scale);
  const { enterprises: nEnt, contractsPerYear } = SCALE[scale];
  const tag = scale === "province" ? "province" : "national";
  const entRegion = (i: number) => regions[i % regions.length];
  const entTown = (i: number) => `${["东", "西", "南", "北", "中"][i % 5]}${["城", "山", "河", "湖", "港"][Math.floor(i / 5) % 5]}镇`;
  const entSector = (i: number) => SECTORS[(i * 7) % SECTORS.length];
  const entName = (i: number) => `示例企业${i}有限公司`;
  const codes: string[] = new Array(nEnt);
  for (let i = 0; i < nEnt; i++) codes[i] = creditCode(entRegion(i), i);
  const files: GeneratedFile[] = [];
  const randomDay = (y: number) => dayOfYear(y, Math.floor(r() * 365));

  const certs = new CsvOut(join(out, `demo-synthetic-records-${tag}-certificates.csv`), "utf-8");
  await certs.line(["区划代码", "企业名称", "统一社会信用代码", "证书编号", "发证日期", "乡镇/街道", "行业", "备注"]);
  let certSeq = 0;
  for (let i = 0; i < nEnt; i++) {
    if (r() >= 0.3) continue;
    for (let y = 2012 + Math.floor(r() * 9); y <= 2020; y += 3) {
      await certs.line([
        entRegion(i),
        entName(i),
        codes[i],
        `GR${y}${pad(++certSeq, 8)}`,
        randomDay(y),
        entTown(i),
        entSector(i),
        SYNTHETIC_NOTE,
      ]);
      if (r() >= 0.75) break;
    }
  }
  await certs.close();
  files.push({ path: certs.path, kind: "certificates", rows: certs.rows - 1 });

  const contracts = new CsvOut(join(out, `demo-synthetic-records-${tag}-contracts.csv`), "utf-8");
  await contracts.line([
    "合同编号",
    "登记日期",
    "卖方",
    "卖方统一社会信用代码",
    "买方",
    "合同金额(万元)",
    "技术交易额(万元)",
    "合同类型",
    "技术领域",
    "区划代码",
    "乡镇/街道",
    "行业",
    "备注",
  ]);
  let seq = 0;
  for (const y of YEARS) {
    for (let k = 0; k < contractsPerYear; k++) {
      const e = Math.floor(r() * nEnt);
      const tv = Math.floor(1 + r() * 50000); // 0.01 万元
      const bad = ++seq % 100_003 === 0 && withErrors;
      await contracts.line([
        `${y}${pad(seq, 9)}`,
        bad ? `${y}-02-30` : randomDay(y),
        entName(e),
        codes[e],
        `买方单位${Math.floor(r() * 50000)}`,
        (Math.ceil(tv * (1 + r() * 0.3)) / 100).toFixed(2),
        (tv / 100).toFixed(2),
        CONTRACT_TYPES[seq % CONTRACT_TYPES.length],
        FIELDS[seq % FIELDS.length],
        entRegion(e),
        entTown(e),
        entSector(e),
        SYNTHETIC_NOTE,
      ]);
    }
  }
  await contracts.close();
  files.push({ path: contracts.path, kind: "contracts", rows: contracts.rows - 1 });

  const rd = new CsvOut(join(out, `demo-synthetic-records-${tag}-rd.csv`), "utf-8");
  await rd.line(["区划代码", "企业名称", "统一社会信用代码", "年份", "研发费用(万元)", "企业规模", "乡镇/街道", "行业", "备注"]);
  for (const y of YEARS) {
    for (let i = 0; i < nEnt; i++) {
      if (r() >= 0.5) continue;
      await rd.line([
        entRegion(i),
        entName(i),
        codes[i],
        y,
        (Math.floor(1 + r() * 100000) / 100).toFixed(2),
        SIZES[i % SIZES.length],
        entTown(i),
        entSector(i),
        SYNTHETIC_NOTE,
      ]);
    }
  }
  await rd.close();
  files.push({ path: rd.path, kind: "rd", rows: rd.rows - 1 });

  const lists = new CsvOut(join(out, `demo-synthetic-records-${tag}-lists.csv`), "utf-8");
  await lists.line(["区划代码", "名录类别", "名称", "编号", "认定日期", "数量", "数量单位", "乡镇/街道", "备注"]);
  const stockLists = ["研发机构", "众创空间", "科技企业孵化器", "星创天地", "企业技术中心", "产业技术创新联盟", "专利技术产业联盟"];
  let item = 0;
  for (const region of regions) {
    for (const list of stockLists) {
      const n = Math.floor(r() * (list === "研发机构" || list === "企业技术中心" ? 20 : 4));
      for (let k = 0; k < n; k++)
        await lists.line([region, list, `${list}${++item}`, `L${item}`, randomDay(2015 + Math.floor(r() * 6)), "", "", "", SYNTHETIC_NOTE]);
    }
    for (const y of YEARS) {
      for (let k = Math.floor(r() * 15); k > 0; k--)
        await lists.line([region, "科技成果转化", `成果${++item}`, `C${item}`, randomDay(y), "", "", "", SYNTHETIC_NOTE]);
      for (let k = Math.floor(r() * 40); k > 0; k--)
        await lists.line([region, "科技型中小企业", `企业${++item}`, `S${item}`, randomDay(y), "", "", "", SYNTHETIC_NOTE]);
      for (let k = Math.floor(r() * 3); k > 0; k--)
        await lists.line([
          region,
          "增殖放流",
          `放流${++item}`,
          `F${item}`,
          randomDay(y),
          Math.floor(100 + r() * 5000),
          "万尾",
          "",
          SYNTHETIC_NOTE,
        ]);
    }
  }
  await lists.close();
  files.push({ path: lists.path, kind: "lists", rows: lists.rows - 1 });
  return files;
}

/** Write the synthetic record files of a scale into `out`. */
export async function generateRecords(opts: { scale: Scale; seed: number; out: string; withErrors?: boolean }): Promise<GeneratedFile[]> {
  mkdirSync(opts.out, { recursive: true });
  if (opts.scale === "county") return county(opts.out, opts.seed);
  return large(opts.out, opts.scale, opts.seed, opts.withErrors ?? false);
}
