/**
 * The hostile corpus (issue 7): every bad or malicious input file, generated here into a temp dir.
 * For a refused file: exit 2, a message saying what, where and how to fix it in Chinese and
 * English, no stack trace, and a warehouse (every table, plus the archive manifest) exactly as
 * before. For a file with bad rows: exit 1 and a reason per row, the rest landed.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_DIR, tempDir } from "../helpers.ts";
import { assemble, cli, dump, type Run, run, SHEET, STACK, sheetRow, xlsx, xlsxParts } from "./helpers.ts";

let dir: string;
let cleanup: () => void;
let db: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir("pm-hostile-"));
  db = join(dir, "w.duckdb");
  expect((await run("--db", db, "ingest", DEMO_DIR)).code).toBe(1); // the demo has deliberate bad rows
});
afterAll(() => cleanup());

function file(name: string, content: string | Uint8Array): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

/** Ingest a file that must be refused: exit 2, the message fragments, no stack trace, nothing changed. */
async function refused(path: string, fragments: { zh: string[]; en: string[] }, ...flags: string[]): Promise<Run> {
  const before = await dump(db);
  const r = await run("--db", db, "ingest", ...flags, path);
  expect(r.code, r.out + r.err).toBe(2);
  expect(r.out).toContain(`✗ ${path}`); // where: the file
  for (const f of [...fragments.zh, ...fragments.en]) expect(r.out).toContain(f);
  expect(r.out + r.err).not.toMatch(STACK);
  expect(await dump(db)).toEqual(before);
  return r;
}

describe("files that are refused whole (exit 2, warehouse untouched)", () => {
  it("an empty file", async () => {
    await refused(file("empty.csv", ""), {
      zh: ['文件"empty.csv"是空的', "请检查是否选错了文件"],
      en: ['file "empty.csv" is empty', "Check that you chose the right file"],
    });
  });

  it("a header with no rows", async () => {
    await refused(file("header-only.csv", "\uFEFF指标,年份,数值,单位\n"), {
      zh: ["只有表头（第1行）", "请在表头下方填写数据"],
      en: ["has a header (row 1) but no data rows", "Add the data below the header"],
    });
  });

  it("a PNG renamed .csv", async () => {
    const png = Buffer.from("89504e470d0a1a0a0000000d4948445200000001000000010806000000", "hex");
    await refused(file("chart.csv", png), {
      zh: ["实际上是PNG图片", "请提供 CSV、Excel（.xlsx/.xls）、WPS（.et）、OpenDocument（.ods）或 JSON 文件"],
      en: ['file "chart.csv" is really a PNG image', "Provide a CSV, Excel (.xlsx/.xls), WPS (.et), OpenDocument (.ods) or JSON file"],
    });
  });

  it("a truncated .xlsx (and the same workbook whole lands)", async () => {
    const rows = () => [
      Buffer.from(sheetRow(1, ["指标", "年份", "数值"]) + sheetRow(2, ["高新技术企业数量", 2011, 42]) + sheetRow(3, ["众创空间", 2011, 1])),
    ];
    const whole = await xlsx(rows);
    await refused(file("cut.xlsx", whole.subarray(0, Math.floor(whole.length * 0.6))), {
      zh: ['无法读取 Excel 文件"cut.xlsx"', "请在 Excel 中打开并重新保存为 .xlsx"],
      en: ["the file is cut short or damaged", "open it in Excel and save it again as .xlsx"],
    });
    // The generator makes real workbooks: the uncut file lands (so the bombs below are real workbooks too).
    const ok = await run("--db", db, "--lang", "en", "ingest", file("whole.xlsx", whole));
    expect(ok.code, ok.out).toBe(0);
    expect(ok.out).toMatch(/whole\.xlsx\s+landed\s+2\s/);
  });

  it("a device or a named pipe (which would be read forever, or block)", async () => {
    const fifo = join(dir, "pipe.csv");
    execFileSync("mkfifo", [fifo]);
    for (const path of ["/dev/zero", fifo]) {
      await refused(path, {
        zh: [`"${path}"不是普通文件`, "请指定一个数据文件"],
        en: [`"${path}" is not a regular file (a device, pipe or socket)`, "Name a data file"],
      });
    }
  });

  it("unbalanced quotes", async () => {
    await refused(file("quotes.csv", '指标,年份,数值\n"高新技术企业数量,2012,80\n高新技术企业数量,2013,90\n'), {
      zh: ["第2行附近格式错误", "通常是引号未闭合", "请用 Excel 打开检查该行后另存为 CSV"],
      en: ['CSV file "quotes.csv" is malformed near row 2', "usually an unclosed quote", "check that row and save as CSV again"],
    });
  });

  it("invalid UTF-8 in the middle of a file", async () => {
    const head = Buffer.from("指标,年份,数值,来源\n高新技术企业数量,2012,80,科技局统计\n高新技术企业数量,2013,9", "utf8");
    const bytes = Buffer.concat([head, Buffer.from([0xff, 0xfe, 0x80]), Buffer.from("0,科技局统计\n众创空间,2013,3,科技局\n")]);
    await refused(file("damaged.csv", bytes), {
      zh: ["既不是 UTF-8 也不是 GB18030/GBK 编码", `第3行（第${head.length}字节处）有无效字节`, "另存为"],
      en: [`invalid byte at offset ${head.length} (line 3)`, "Save it again as CSV UTF-8"],
    });
  });

  it("duplicate header names (a value column twice, a year twice)", async () => {
    await refused(file("dup-long.csv", "指标,年份,数值,单位,数值\n高新技术企业数量,2012,80,家,90\n"), {
      zh: ['第5列"数值"与第3列"数值"', "请删除或改名多余的列"],
      en: ['column 5 "数值" repeats column 3 "数值"', "Delete or rename the extra column"],
    });
    await refused(file("dup-wide.csv", "指标名称,2018年,2019年,2019\n高新技术企业数量,60,70,75\n"), {
      zh: ['第4列"2019"与第3列"2019年"'],
      en: ['column 4 "2019" repeats column 3 "2019年"', "duplicate columns in its header (row 1)"],
    });
  });

  it("more rows than --max-rows, a file over --max-bytes", async () => {
    const rows = Array.from({ length: 60 }, (_, i) => `高新技术企业数量,${110001 + i},2012,${i + 1}`).join("\n");
    const path = file("sixty.csv", `指标,地区,年份,数值\n${rows}\n`);
    await refused(
      path,
      { zh: ["有超过 30 行数据", "--max-rows"], en: ["has more than 30 data rows (at least 4", "raise the limit with --max-rows"] },
      "--max-rows",
      "30",
    );
    await refused(
      path,
      { zh: ["超过上限 1000 bytes", "--max-bytes"], en: ["over the limit of 1000 bytes", "raise the limit with --max-bytes"] },
      "--max-bytes",
      "1000",
    );
    // Raised limits let it through.
    expect((await run("--db", db, "ingest", "--max-rows", "60", "--max-bytes", "100000", path)).code).toBe(0);
    // A bad flag value is a usage error.
    expect((await run("--db", db, "ingest", "--max-rows", "-1", path)).code).toBe(64);
  });

  it("a line over --max-line-bytes; raising the limit reads it", async () => {
    const line = `高新技术企业数量,2014,${"9".repeat(5000)}`;
    const path = file("long-line.csv", `指标,年份,数值\n${line}\n`);
    await refused(
      path,
      {
        zh: ['文件"long-line.csv"第2行长度超过', "超过每行上限 4096 bytes", "--max-line-bytes"],
        en: ['line 2 of file "long-line.csv"', "over the limit of 4096 bytes per line", "raise the limit with --max-line-bytes"],
      },
      "--max-line-bytes",
      "4096",
    );
    const raised = await run("--db", db, "--lang", "en", "ingest", "--max-line-bytes", "10000", path);
    expect(raised.code).toBe(1); // read now; the 5000-digit number overflows to Infinity and is rejected
    expect(raised.out).toContain('row 2 [数值]: value "99999999999999999999');
    expect(raised.out).toContain("is not a finite number");
  });
});

describe("huge and explosive files (child process: time and peak memory measured)", () => {
  it("a single 100 MB line is refused in well under a second of work, with bounded memory", async () => {
    const path = join(dir, "one-line.csv");
    const big = Buffer.alloc(100 * 1024 * 1024, "9,");
    big.write("指标,年份,数值\n", 0);
    writeFileSync(path, big);
    const before = await dump(db);
    const r = await cli(["--db", db, "--lang", "en", "ingest", path]);
    expect(r.code, r.err).toBe(2);
    expect(r.out).toContain('line 2 of file "one-line.csv" is longer than 100.0 MB, over the limit of 1.0 MB per line');
    expect(r.out).toContain("--max-line-bytes");
    expect(r.out + r.err).not.toMatch(STACK);
    expect(await dump(db)).toEqual(before);
    // The file is read once (100 MB) and scanned with memchr; never decoded or parsed.
    expect(r.maxRssMb).toBeLessThan(450);
    console.info(`100 MB line: refused in ${r.ms} ms (process total), peak RSS ${r.maxRssMb.toFixed(0)} MB`);
    // Under --max-bytes it is refused before it is read at all.
    const small = await run("--db", db, "--lang", "en", "ingest", "--max-bytes", "50000000", path);
    expect(small.code).toBe(2);
    expect(small.out).toContain('file "one-line.csv" is 100.0 MB, over the limit of 47.7 MB');
    expect(await dump(db)).toEqual(before);
  });

  it("an .xlsx zip bomb: 1 GB of sheet XML in a few MB, honest or lying about its size", async () => {
    const row = Buffer.from(sheetRow(2, ["高新技术企业数量", 2015, 70]).repeat(20_000));
    const gigabyte = () =>
      (function* () {
        yield Buffer.from(sheetRow(1, ["指标", "年份", "数值"]));
        for (let n = 0; n < 2 ** 30 / row.length; n++) yield row;
      })();
    const t = Date.now();
    const parts = await xlsxParts(gigabyte);
    const honest = assemble(parts);
    const liar = assemble(parts, { [SHEET]: 5000 }); // claims 5 kB: only inflating finds it out
    console.info(`zip bomb generated in ${Date.now() - t} ms`);
    expect(honest.length).toBeLessThan(16 * 1024 * 1024);
    const before = await dump(db);
    for (const [name, bytes] of [
      ["bomb.xlsx", honest],
      ["liar-bomb.xlsx", liar],
    ] as const) {
      const r = await cli(["--db", db, "ingest", file(name, bytes)]);
      expect(r.code, r.err).toBe(2);
      expect(r.out).toContain(`Excel 文件"${name}"解压后超过`);
      expect(r.out).toContain("压缩炸弹");
      expect(r.out).toContain("over the limit of 200.0 MB");
      expect(r.out).toContain("raise the limit with --max-bytes");
      expect(r.out + r.err).not.toMatch(STACK);
      expect(r.maxRssMb).toBeLessThan(400);
      console.info(
        `${name} (${(bytes.length / 1048576).toFixed(1)} MB → 1 GB): refused in ${r.ms} ms, peak RSS ${r.maxRssMb.toFixed(0)} MB`,
      );
    }
    expect(await dump(db)).toEqual(before);
  });
});

describe("bad rows in a file that lands (exit 1, a reason per row)", () => {
  it("a wide file with 500 year columns 1601..2100: implausible years rejected by name, in bounded time", async () => {
    const years = Array.from({ length: 500 }, (_, i) => 1601 + i);
    const path = file(
      "wide-500.csv",
      `指标名称,单位,${years.map((y) => `${y}年`).join(",")}\n` +
        `高新技术企业数量,家,${years.map((_, i) => 10 + i).join(",")}\n` +
        `技术合同成交额,万元,${years.map((_, i) => 100 + i).join(",")}\n`,
    );
    const t = Date.now();
    const r = await run("--db", db, "--lang", "en", "ingest", path);
    const ms = Date.now() - t;
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/wide-500\.csv\s+partly landed\s+304\s+696\s/); // 2 × 152 plausible years land; 2 × 348 are rejected
    expect(r.out).toContain('row 2 [1601年]: year "1601年" is not plausible. Write a whole four-digit year between 1949 and 2100');
    expect(r.out).toContain("686 more; see them all with plan-monitor show rejected");
    expect(ms).toBeLessThan(5000);
    console.info(`500 year columns: ingested in ${ms} ms`);
    const rejected = JSON.parse((await run("--db", db, "show", "rejected", "--format", "json")).out) as { file: string; column: string }[];
    const mine = rejected.filter((x) => x.file === "wide-500.csv");
    expect(mine).toHaveLength(696);
    expect(new Set(mine.map((x) => x.column)).size).toBe(348);
  });

  it("numbers 1e308, -0, 1e-320, NaN, Infinity: -0 lands as 0; the rest rejected with a reason; never Inf/NaN in the warehouse", async () => {
    const csv = file(
      "numbers.csv",
      "指标,年份,数值,单位\n" +
        "技术合同成交额,1990,1e308,万元\n" + // → 1e304 亿元: finite but no statistic
        "技术合同成交额,1991,-0,万元\n" +
        "技术合同成交额,1992,1e-320,万元\n" + // a denormal, and 0 once divided by 10^4
        "R&D经费,1990,NaN,亿元\n" +
        "R&D经费,1991,-Infinity,亿元\n" +
        "R&D经费,1992,1e-320,亿元\n" +
        "R&D经费,1993,123456789012,亿元\n", // large but plausible in magnitude: lands as a DOUBLE
    );
    const r = await run("--db", db, "--lang", "en", "ingest", csv);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/numbers\.csv\s+partly landed\s+2\s+5\s/);
    expect(r.out).toContain('row 2 [数值]: value "1e308" exceeds 1e15 once converted to "亿元"');
    expect(r.out).toContain('row 4 [数值]: value "1e-320" is non-zero but under 1e-9 (or underflows to zero)');
    expect(r.out).toContain('row 5 [数值]: value "NaN" is not a finite number');
    expect(r.out).toContain('row 6 [数值]: value "-Infinity" is not a finite number');
    expect(r.out).toContain('row 7 [数值]: value "1e-320" is non-zero but under 1e-9');
    const json = file(
      "numbers.json",
      '[{"指标":"技术合同成交额","年份":1993,"数值":1e400,"单位":"万元"},{"指标":"技术合同成交额","年份":1994,"数值":-0,"单位":"万元"}]',
    );
    const j = await run("--db", db, "--lang", "en", "ingest", json);
    expect(j.code).toBe(1);
    expect(j.out).toContain('value "Infinity" is not a finite number');
    const d = await dump(db);
    const rows = JSON.parse(d.observations) as unknown[][];
    const values = rows.map((row) => row[5]); // seq, plan_id, indicator_id, region_code, year, value
    expect(values.length).toBeGreaterThan(50);
    expect(values.every((v) => typeof v === "number" && Number.isFinite(v))).toBe(true);
    const { w, close } = await readOnly();
    try {
      const q = async (sql: string) => (await w.connection.runAndReadAll(sql)).getRowsJson();
      expect(await q("SELECT count(*) FROM observations WHERE NOT isfinite(value) OR isnan(value)")).toEqual([["0"]]);
      // -0 became a plain 0 (not -0.0), in both files.
      expect(
        await q(`SELECT CAST(value AS VARCHAR) FROM observations WHERE year IN (1991, 1994) AND ${FROM_NUMBERS} ORDER BY year`),
      ).toEqual([["0.0"], ["0.0"]]);
      expect(await q(`SELECT value FROM observations WHERE year = 1993 AND ${FROM_NUMBERS}`)).toEqual([[123456789012]]);
    } finally {
      await close();
    }
  });
});

const FROM_NUMBERS = "file_sha256 IN (SELECT sha256 FROM source_files WHERE name LIKE 'numbers.%')";

async function readOnly() {
  const { openWarehouse } = await import("../../warehouse/connection.ts");
  const w = await openWarehouse(db, { readOnly: true, waitMs: 0 });
  return { w, close: () => w.close() };
}

const HTML = "<img src=x onerror=alert(1)>";
const SQL = "'); DROP TABLE observations;--";
const ANSI = "\u001b[2J\u001b[31m红";
const FROM_SQL_FILE = "file_sha256 IN (SELECT sha256 FROM source_files WHERE name = $1)";
const FORMULAS = ['=HYPERLINK("http://x.example","click")', "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0"];

describe("hostile text: HTML, SQL and formulas are stored literally and defused in every CSV output", () => {
  let hostileDir: string;
  const sqlName = `${SQL} ${HTML}.csv`;
  const formulaName = "=HYPERLINK(1).csv";

  beforeAll(async () => {
    hostileDir = join(dir, "hostile");
    mkdirSync(hostileDir);
    const q = (s: string) => `"${s.replace(/"/g, '""')}"`;
    const lines = [
      "指标,地区,年份,数值,单位,状态,发布日期,来源,备注",
      // Landing rows: the text fields (source, note) carry the payloads.
      `高新技术企业数量,,2001,11,家,正式,2002-03-01,${q(HTML)},${q(SQL)}`,
      `高新技术企业数量,,2002,12,家,正式,,${q(SQL)},${q(HTML)}`,
      ...FORMULAS.map((f, i) => `高新技术企业数量,,${2003 + i},${13 + i},家,,,${q(f)},${q(f)}`),
      // Rejected rows: a payload in each of the other fields.
      `${q(HTML)},,2010,1,家,,,,`,
      `${q(SQL)},,2010,1,家,,,,`,
      `${q(FORMULAS[0])},,2010,1,家,,,,`,
      `高新技术企业数量,${q(SQL)},2010,1,家,,,,`,
      `高新技术企业数量,,${q(SQL)},1,家,,,,`,
      `高新技术企业数量,,2011,${q(SQL)},家,,,,`,
      `高新技术企业数量,,2012,1,${q(SQL)},,,,`,
      `高新技术企业数量,,2013,1,家,${q(HTML)},,,`,
      `高新技术企业数量,,2014,1,家,,${q(SQL)},,`,
      `高新技术企业数量,,2015,1,家,,,,`, // a plain row, so the file is not all payload
      `高新技术企业数量,,2016,2,家,,,${q(ANSI)},`, // terminal escapes: clear the screen, turn red
    ];
    writeFileSync(join(hostileDir, sqlName), `${lines.join("\n")}\n`);
    writeFileSync(join(hostileDir, formulaName), "指标,年份,数值,来源\n众创空间,2001,1,@cmd\n");
    const r = await run("--db", db, "--lang", "en", "ingest", hostileDir);
    expect(r.code, r.out).toBe(1);
    expect(r.out + r.err).not.toMatch(STACK);
  });

  it("stores every payload literally, through bound parameters; every table survives", async () => {
    const { w, close } = await readOnly();
    try {
      const rows = async (sql: string, params: unknown[] = []) => (await w.connection.runAndReadAll(sql, params as never)).getRowsJson();
      const tables = (await rows("SELECT table_name FROM duckdb_tables() ORDER BY 1")).flat();
      expect(tables).toEqual(
        expect.arrayContaining([
          "indicators",
          "meta",
          "observations",
          "plans",
          "rejected_rows",
          "responsible_units",
          "source_files",
          "task_indicators",
          "task_units",
          "tasks",
        ]),
      );
      expect(await rows(`SELECT source, note FROM observations WHERE year = 2001 AND ${FROM_SQL_FILE}`, [sqlName])).toEqual([[HTML, SQL]]);
      expect(await rows(`SELECT source, note FROM observations WHERE year = 2002 AND ${FROM_SQL_FILE}`, [sqlName])).toEqual([[SQL, HTML]]);
      for (const [i, f] of FORMULAS.entries()) {
        expect(await rows(`SELECT source, note FROM observations WHERE year = $2 AND ${FROM_SQL_FILE}`, [sqlName, 2003 + i])).toEqual([
          [f, f],
        ]);
      }
      const raw = (await rows(
        "SELECT column_name, raw_value FROM rejected_rows WHERE file_sha256 IN (SELECT sha256 FROM source_files WHERE name = $1) ORDER BY row_number",
        [sqlName],
      )) as string[][];
      expect(raw).toEqual([
        ["指标", HTML],
        ["指标", SQL],
        ["指标", FORMULAS[0]],
        ["地区", SQL],
        ["年份", SQL],
        ["数值", SQL],
        ["单位", SQL],
        ["状态", HTML],
        ["发布日期", SQL],
      ]);
      expect(await rows("SELECT name FROM source_files WHERE name IN ($1, $2) ORDER BY name", [sqlName, formulaName])).toEqual(
        [[sqlName], [formulaName]].sort(),
      );
      // The demo data are still there: nothing was dropped.
      const [[n]] = await rows(
        "SELECT count(*) FROM observations WHERE file_sha256 IN (SELECT sha256 FROM source_files WHERE name LIKE 'demo-synthetic-%')",
      );
      expect(Number(n)).toBeGreaterThan(50);
    } finally {
      await close();
    }
  });

  it("the terminal table shows the payloads as text (and control characters made visible)", async () => {
    const r = await run("--db", db, "show", "observations", "--indicator", "high_tech_enterprises", "--history");
    expect(r.out).toContain("\\x1b[2J\\x1b[31m红");
    expect(r.out).not.toContain("\u001b");
    expect(r.out).toContain("<img src=x onerror=…");
    expect(r.out).toContain("'); DROP TABLE obse…");
  });

  it("defuses formulas in show observations|rejected|files --format csv, and keeps numbers numeric", async () => {
    for (const what of ["observations", "rejected", "files"]) {
      const r = await run("--db", db, "show", what, "--history", "--format", "csv");
      expect(r.code).toBe(0);
      const cells = parseCsv(r.out);
      expect(cells.length).toBeGreaterThan(1);
      for (const cell of cells.flat()) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, `${what}: ${cell}`).toMatch(/^-?\d/);
      if (what === "observations") for (const f of FORMULAS) expect(cells.flat()).toContain(`'${f}`);
      if (what === "rejected") expect(cells.flat()).toContain(`'${FORMULAS[0]}`);
      if (what === "files") expect(cells.flat()).toContain(`'${formulaName}`);
    }
    // --out writes the same guarded text.
    const out = join(dir, "obs.csv");
    expect((await run("--db", db, "show", "observations", "--format", "csv", "--out", out)).code).toBe(0);
  });

  it("a hostile plan file: names stored literally, assess and report --format csv defused", async () => {
    const plan = join(hostileDir, "plan.yaml");
    writeFileSync(
      plan,
      [
        "id: hostile-plan",
        `title: {zh: '${HTML}', en: "${SQL.replace(/"/g, '\\"')}"}`,
        `document: '=cmd|'' /C calc''!A0'`,
        `region: {code: "110000", zh: '@SUM(1)', en: '+1'}`,
        "baseline_year: 2020",
        "start_year: 2021",
        "target_year: 2025",
        "indicators:",
        `  - {id: patents, zh: '${FORMULAS[0].replace(/'/g, "''")}', en: '-cmd', unit: 件, target: 500, note: '${HTML}', wording: "${SQL}"}`,
        "",
      ].join("\n"),
    );
    const data = join(dir, "hostile-plan-data.csv");
    writeFileSync(data, "指标,年份,数值\npatents,2020,300\npatents,2021,360\n");
    const odb = join(dir, "hostile-plan.duckdb");
    const r = await run("--db", odb, "ingest", "--plan", plan, data);
    expect(r.code, r.out + r.err).toBe(0);
    for (const lang of ["zh", "en"]) {
      const a = await run("--db", odb, "--lang", lang, "assess", "--format", "csv");
      expect(a.code).toBe(0);
      const cells = parseCsv(a.out);
      for (const cell of cells.flat()) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, cell).toMatch(/^-?\d/);
      expect(cells.flat()).toContain(lang === "zh" ? `'${FORMULAS[0]}` : "'-cmd");
    }
    // The report's CSV export uses the same guard.
    const report = join(dir, "hostile-report.csv");
    const rep = await run("--db", odb, "report", "--format", "csv", "--out", report);
    expect(rep.code, rep.err).toBe(0);
    const reportCells = parseCsv(readFileSync(report, "utf8")).flat();
    for (const cell of reportCells) if (/^[=+\-@\t\r]/.test(cell)) expect(cell, cell).toMatch(/^-?\d/);
    expect(reportCells).toContain(`'${FORMULAS[0]}`);
    const { openWarehouse } = await import("../../warehouse/connection.ts");
    const w = await openWarehouse(odb, { readOnly: true, waitMs: 0 });
    try {
      const rows = (
        await w.connection.runAndReadAll(
          "SELECT p.title_zh, p.title_en, i.zh, i.note, i.wording FROM plans p JOIN indicators i ON i.plan_id = p.id",
        )
      ).getRowsJson();
      expect(rows).toEqual([[HTML, SQL, FORMULAS[0], HTML, SQL]]);
    } finally {
      await w.close();
    }
  });
});

describe("errors that are not about a file", () => {
  it("no stack trace unless --verbose", async () => {
    const missing = join(dir, "nowhere.duckdb");
    const quiet = await run("--db", missing, "show", "observations");
    expect(quiet.code).toBe(3);
    expect(quiet.err).toContain("npm start");
    expect(quiet.err).not.toMatch(STACK);
    const verbose = await run("--db", missing, "--verbose", "show", "observations");
    expect(verbose.code).toBe(3);
    expect(verbose.err).toMatch(STACK);
  });
});

/** RFC 4180 CSV → cells (BOM dropped). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  const s = text.replace(/^\uFEFF/, "");
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") {
      row.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && s[i + 1] === "\n") i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
    } else cell += ch;
  }
  if (cell !== "" || row.length) rows.push([...row, cell]);
  return rows;
}

describe("a backup folder is input too", () => {
  it("backs up to and restores from a folder whose name holds SQL; a manifest naming odd tables is refused", async () => {
    const backup = join(dir, "it's'); DROP TABLE observations;-- backup");
    expect((await run("--db", db, "backup", backup)).code).toBe(0);
    const restored = join(dir, "restored.duckdb");
    expect((await run("--db", restored, "restore", backup)).code).toBe(0);
    const a = await dump(db);
    const b = await dump(restored);
    for (const t of ["observations", "rejected_rows", "source_files", "plans", "indicators"]) expect(b[t]).toEqual(a[t]);

    // A manifest is read from disk: its table names must never reach SQL.
    const manifest = JSON.parse(readFileSync(join(backup, "manifest.json"), "utf8"));
    const pwned = join(dir, "pwned.csv");
    manifest.tables[`meta; COPY (SELECT 1) TO '${pwned}'; --`] = 0;
    writeFileSync(join(backup, "manifest.json"), JSON.stringify(manifest));
    const before = await dump(restored);
    const r = await run("--db", restored, "--lang", "en", "restore", backup);
    expect(r.code).toBe(3);
    expect(r.err).toContain("is not a valid plan-monitor backup manifest: unknown tables");
    expect(r.err).toContain("Use a backup written by plan-monitor backup");
    expect(r.err).not.toMatch(STACK);
    expect(existsSync(pwned)).toBe(false);
    expect(await dump(restored)).toEqual(before);
    writeFileSync(join(backup, "manifest.json"), "{ cut sho");
    const damaged = await run("--db", restored, "--lang", "en", "restore", backup);
    expect(damaged.code).toBe(3);
    expect(damaged.err).toContain("manifest.json is damaged");
  });
});
