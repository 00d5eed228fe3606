/**
 * The Word report read back: its XML (page, fonts, headings, tables with repeated header rows, TOC
 * field, page-number footer, images) and its text through mammoth; then, where LibreOffice is
 * installed, the .docx and the .xlsx converted to PDF and checked (text, page count, A4).
 * Skipped locally without soffice; with CI=true a missing soffice fails.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import JSZip from "jszip";
import mammoth from "mammoth";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath } from "../../exports/pdf.ts";
import { reportCommand } from "../../pipelines/commands/report.ts";
import { type DemoWarehouse, demoWarehouse } from "./helpers.ts";

const which = (cmd: string) => {
  try {
    return execFileSync("which", [cmd], { encoding: "utf8" }).trim() || null;
  } catch {
    return null;
  }
};
const soffice = which("soffice");
const havePoppler = which("pdftotext") !== null;
if (!soffice || !havePoppler) {
  const why = `LibreOffice checks skipped: ${soffice ? "" : "no soffice "}${havePoppler ? "" : "no pdftotext "}(apt-get install -y --no-install-recommends libreoffice-writer-nogui libreoffice-calc-nogui poppler-utils)`;
  if (process.env.CI === "true") throw new Error(why);
  console.warn(why);
}
const haveChromium = existsSync(chromiumPath());

let demo: DemoWarehouse;
const out = (name: string) => join(demo.dir, name);
let xml: Record<string, string> = {};
let media: string[] = [];

beforeAll(async () => {
  demo = await demoWarehouse();
  expect(
    await reportCommand({ db: demo.dbPath, lang: "zh", format: "docx", out: out("report.docx"), quiet: true, author: "瓦房店市科技局" }),
  ).toBe(0);
  expect(await reportCommand({ db: demo.dbPath, lang: "en", format: "docx", out: out("report-en.docx"), quiet: true })).toBe(0);
  const zip = await JSZip.loadAsync(readFileSync(out("report.docx")));
  xml = {};
  for (const name of ["word/document.xml", "word/styles.xml", "word/fontTable.xml", "word/settings.xml"])
    xml[name] = await zip.file(name)!.async("string");
  for (const f of Object.keys(zip.files).filter((n) => /^word\/footer\d*\.xml$/.test(n)))
    xml.footer = (xml.footer ?? "") + (await zip.file(f)!.async("string"));
  media = Object.keys(zip.files).filter((n) => n.startsWith("word/media/"));
}, 180_000);
afterAll(() => demo?.cleanup());

describe("Word report (.docx)", () => {
  it("is A4 with the GB/T 9704-2012 margins", () => {
    const doc = xml["word/document.xml"];
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/);
    // 37, 35, 28, 26 mm in twips (56.7 a millimetre).
    expect(doc).toContain('w:top="2098"');
    expect(doc).toContain('w:bottom="1985"');
    expect(doc).toContain('w:left="1588"');
    expect(doc).toContain('w:right="1474"');
  });

  it("names the 公文 fonts with fallbacks: 方正小标宋简体 title, 仿宋_GB2312 body, 黑体 and 楷体_GB2312 headings", () => {
    const styles = xml["word/styles.xml"];
    for (const f of ["方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"]) expect(styles).toContain(`w:eastAsia="${f}"`);
    // Sizes in half-points: 二号 22 pt title, 三号 16 pt body.
    expect(styles).toMatch(/w:styleId="Title"[\s\S]*?<w:sz w:val="44"\/>/);
    expect(styles).toMatch(/<w:docDefaults>[\s\S]*?<w:sz w:val="32"\/>/);
    expect(styles).toMatch(/w:line="579" w:lineRule="exact"/);
    const fonts = xml["word/fontTable.xml"];
    expect(fonts).toMatch(/<w:font w:name="仿宋_GB2312"><w:altName w:val="仿宋"\/>/);
    expect(fonts).toMatch(/<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"\/>/);
  });

  it("has the outline as headings, a TOC field and '— N —' page numbers", () => {
    const doc = xml["word/document.xml"];
    expect(doc).toMatch(/TOC \\h \\o &quot;1-1&quot;/);
    expect(xml["word/settings.xml"]).toContain("<w:updateFields");
    expect(xml.footer).toContain("— ");
    expect(xml.footer).toMatch(/PAGE/);
    expect(xml.footer).toContain('w:val="28"');
    const h1 = [...doc.matchAll(/<w:pStyle w:val="Heading1"\/>[\s\S]*?<w:t[^>]*>([^<]+)<\/w:t>/g)].map((m) => m[1]);
    expect(h1).toEqual([
      "一、总体完成情况（草稿）",
      "二、主要指标完成情况",
      "三、重点任务完成情况",
      "四、存在问题（草稿）",
      "五、下一步工作建议（草稿）",
      "附件1　评估方法",
      "附件2　数据来源与质量",
      "附件3　佐证材料清单",
      "附件4　分指标技术表",
    ]);
    expect(doc).toContain('<w:pStyle w:val="Heading2"/>');
  });

  it("has real tables whose header row repeats on every page, and no text boxes", () => {
    const doc = xml["word/document.xml"];
    expect((doc.match(/<w:tbl>/g) ?? []).length).toBeGreaterThan(20);
    expect((doc.match(/<w:tblHeader\/>|<w:tblHeader w:val="true"\/>/g) ?? []).length).toBeGreaterThan(20);
    expect(doc).not.toMatch(/<w:txbxContent|<v:textbox/);
  });

  it.skipIf(!haveChromium)("embeds the charts as PNG images", () => {
    expect(media.filter((m) => m.endsWith(".png")).length).toBe(13);
    expect(xml["word/document.xml"]).toContain("<pic:pic");
  });

  it("reads back as text: cover, grades, drafts and annexes, in each language", async () => {
    const { value } = await mammoth.extractRawText({ path: out("report.docx") });
    expect(value).toContain("瓦房店市实施科技成果转移转化三年行动计划（2018-2020年）终期评估报告");
    expect(value).toContain("编制单位：瓦房店市科技局");
    expect(value).toContain("征求意见稿");
    expect(value).toContain("合成示例数据");
    expect(value).toContain("高新技术企业数量2020年为103家，完成目标（100家以上）的103.0%，超额3家，评价为完成。");
    expect(value).toContain("【请评估人员补充其他建议】");
    const en = (await mammoth.extractRawText({ path: out("report-en.docx") })).value;
    expect(en).toContain("1. Overall");
    expect(en).toContain("Annex 4. Technical tables by indicator");
    expect(en).not.toContain("终期评估报告");
  });
});

const pdfInfo = (file: string) => execFileSync("pdfinfo", [file], { encoding: "utf8" });
const pdfText = (file: string) => execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
const convert = (file: string) => {
  execFileSync(soffice as string, ["--headless", "--convert-to", "pdf", "--outdir", demo.dir, file], { stdio: "ignore", timeout: 170_000 });
  return file.replace(/\.(docx|xlsx)$/, ".pdf");
};

describe.skipIf(!soffice || !havePoppler)("in LibreOffice", () => {
  it("the .docx opens and prints on A4 with the text, the tables and page numbers", () => {
    const pdf = convert(out("report.docx"));
    const info = pdfInfo(pdf);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    expect(pages).toBeGreaterThan(20);
    expect(pages).toBeLessThan(120);
    const text = pdfText(pdf);
    // LibreOffice spaces digits from Chinese text: compare without white space.
    const flat = text.replace(/\s+/g, "");
    for (const s of ["目录", "一、总体完成情况", "主要指标完成情况表", "牵头单位：市经信局", "附件4分指标技术表", "—1—"])
      expect(flat).toContain(s);
  }, 180_000);

  it("the .xlsx prints on A4 pages, with the warning and page numbers", async () => {
    expect(await reportCommand({ db: demo.dbPath, lang: "zh", format: "xlsx", out: out("report.xlsx"), quiet: true })).toBe(0);
    const pdf = convert(out("report.xlsx"));
    const info = pdfInfo(pdf);
    expect(info).toMatch(/Page size:\s+595\.\d+ x 841\.\d+ pts \(A4\)|Page size:\s+841\.\d+ x 595\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)![1]);
    // One page wide: far fewer pages than the 52 US Letter pages before.
    expect(pages).toBeLessThan(45);
    const text = pdfText(pdf);
    expect(text).toContain("合成示例数据");
    expect(text).toMatch(/第 1 页，共 \d+ 页/);
  }, 180_000);
});
