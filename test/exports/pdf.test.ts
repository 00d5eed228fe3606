import { execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync, writeFileSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../../exports/pdf.ts";
import { reportCommand } from "../../pipelines/commands/report.ts";
import { EXIT } from "../../pipelines/context.ts";
import { type DemoWarehouse, demoWarehouse } from "./helpers.ts";

const haveChromium = existsSync(chromiumPath());
const HAS_TRUETYPE_CJK = (() => {
  try {
    return execFileSync("fc-list", [":family=WenQuanYi Zen Hei"], { encoding: "utf8" }).trim() !== "";
  } catch {
    return false;
  }
})();
const havePoppler = (() => {
  try {
    execFileSync("pdftotext", ["-v"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();
const canPrint = haveChromium && havePoppler;
if (!canPrint) {
  const why = `PDF tests skipped: ${haveChromium ? "" : `no Chromium at ${chromiumPath()} `}${havePoppler ? "" : "no pdftotext "}(apt-get install -y chromium fonts-noto-cjk poppler-utils)`;
  if (process.env.CI === "true") throw new Error(why);
  console.warn(why);
}

let demo: DemoWarehouse;
const out = (name: string) => join(demo.dir, name);

beforeAll(async () => {
  demo = await demoWarehouse();
});
afterAll(() => demo?.cleanup());

const pdfText = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
const pdfInfo = (file: string) => execFileSync("pdfinfo", [file], { encoding: "utf8" });

describe.skipIf(!canPrint)("PDF", () => {
  it("prints the Chinese report on A4 with page numbers, every indicator and its figures", async () => {
    expect(await reportCommand({ db: demo.dbPath, lang: "zh", format: "pdf", out: out("report.pdf"), quiet: true })).toBe(0);
    const info = pdfInfo(out("report.pdf"));
    expect(info).toMatch(/Page size:\s+59[45](\.\d+)? x 84[12](\.\d+)? pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(13);
    const text = pdfText(out("report.pdf"));
    const flat = text.replace(/\s+/g, "");
    for (const name of ["技术交易合同成交额", "转化科技成果", "高新技术企业数量", "增殖放流水产苗种", "科技型中小企业备案数量"]) {
      expect(flat).toContain(name);
    }
    expect(flat).toContain("技术交易合同成交额2020年达到2.3亿元，完成目标的115.0%，实现目标。");
    expect(flat).toContain("瓦政办发〔2019〕5号");
    expect(flat).toContain(`第1页，共${pages}页`);
    expect(flat).toContain(`第${pages}页，共${pages}页`);
    expect(flat).toContain("责任单位");
    expect(flat).toContain("数据质量");
    expect(flat).toContain("合成示例数据");
    // The 目录 has page numbers: each section with the page it starts on.
    const pageTexts = text.split("\f");
    const contents = pageTexts[1].replace(/[ \t]+/g, " ");
    const annex4 = Number(/附件4 分指标技术表 (\d+)/.exec(contents)?.[1]);
    expect(annex4).toBeGreaterThan(5);
    expect(pageTexts[annex4 - 1].replace(/\s+/g, "")).toContain("附件4分指标技术表");
    // A parenthesised year range never breaks across lines.
    expect(text).not.toMatch(/（2018-\s*\n/);
    // Fonts are embedded (the glyphs travel with the file).
    const fonts = execFileSync("pdffonts", [out("report.pdf")], { encoding: "utf8" });
    expect(
      fonts
        .split("\n")
        .slice(2)
        .filter((l) => l.trim() && !/\byes\b/.test(l)),
    ).toEqual([]);
    // With a TrueType CJK font installed (fonts-wqy-zenhei; .ci/run installs it), the text is set
    // in embedded CID TrueType fonts, searchable and checkable, not Chromium's Type 3 glyphs of the
    // CFF Noto fonts (about 200 Type 3 fonts before). A glyph the font lacks may still fall back.
    if (HAS_TRUETYPE_CJK || process.env.CI === "true") {
      const types = fonts.split("\n").slice(2);
      expect(types.filter((l) => /CID TrueType/.test(l)).length).toBeGreaterThan(0);
      expect(types.filter((l) => /Type 3/.test(l)).length).toBeLessThanOrEqual(2);
    }
  });

  it("prints the English report", async () => {
    expect(await reportCommand({ db: demo.dbPath, lang: "en", format: "pdf", out: out("report-en.pdf"), quiet: true })).toBe(0);
    const flat = pdfText(out("report-en.pdf")).replace(/\s+/g, " ");
    expect(flat).toContain("Technology contract turnover reached CNY 230 million in 2020");
    expect(flat).toMatch(/Page 1 of \d+/);
  });

  it("an export killed half-way leaves no file, or a whole one, never a broken one", async () => {
    const target = out("killed.pdf");
    const child = spawn(
      process.execPath,
      ["--import", "tsx", resolve("pipelines/cli.ts"), "report", "--db", demo.dbPath, "--format", "pdf", "--out", target],
      { detached: true, stdio: "ignore" },
    );
    // Kill while Chromium is starting or printing: long before the file is renamed into place.
    await new Promise((r) => setTimeout(r, 2500));
    process.kill(-child.pid!, "SIGKILL");
    await new Promise((r) => child.once("exit", r));
    // The file appears only by renaming a complete temporary file into place.
    if (existsSync(target)) expect(pdfInfo(target)).toMatch(/Pages:\s+\d+/);
    expect(readdirSync(demo.dir).filter((f) => f.startsWith(".killed.pdf") && !f.endsWith(".tmp"))).toEqual([]);
  });
});

describe("without Chromium", () => {
  it("refuses with exit code 2 and a bilingual message naming the packages; nothing is written", async () => {
    const saved = process.env.PLAN_MONITOR_CHROMIUM;
    process.env.PLAN_MONITOR_CHROMIUM = "/nonexistent/chromium";
    try {
      writeFileSync(out("kept.pdf"), "previous report");
      const err = await reportCommand({ db: demo.dbPath, lang: "zh", format: "pdf", out: out("kept.pdf"), quiet: true }).catch((e) => e);
      expect(err.exitCode).toBe(EXIT.inputRefused);
      expect(err.zh).toContain("apt-get install -y chromium fonts-noto-cjk");
      expect(err.en).toContain("apt-get install -y chromium fonts-noto-cjk");
      expect(readFileSync(out("kept.pdf"), "utf8")).toBe("previous report");
      const err2 = await reportCommand({ db: demo.dbPath, lang: "en", format: "pdf", out: out("new.pdf"), quiet: true }).catch((e) => e);
      expect(err2.exitCode).toBe(2);
      expect(existsSync(out("new.pdf"))).toBe(false);
      expect(readdirSync(demo.dir).filter((f) => f.endsWith(".tmp"))).toEqual([]);
    } finally {
      if (saved === undefined) delete process.env.PLAN_MONITOR_CHROMIUM;
      else process.env.PLAN_MONITOR_CHROMIUM = saved;
    }
  });
});
