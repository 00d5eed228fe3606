/**
 * Word export (.docx, with the `docx` package): the report in 公文 layout (GB/T 9704-2012) for the
 * evaluator to edit and submit. A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm; title
 * 方正小标宋简体 二号 (22 pt); body 仿宋_GB2312 三号 (16 pt) on a 22-line grid; level-1 headings
 * 黑体 三号 (一、), level-2 楷体_GB2312 三号 (（一）); page numbers 4号 "— N —" at the foot. Body lines
 * are exactly 28.95 pt apart (22 lines a page); tables use 五号 (10.5 pt) single-spaced.
 *
 * Fonts are named as government machines have them, each with a fallback (w:altName in the font
 * table, and a Latin font for digits), so the file reads anywhere. Tables are real Word tables
 * whose header row repeats on every page; charts are PNG images of the site's own SVG charts
 * (exports/chart-png.ts); the 目录 is a Word TOC field; drafted text is brown for the evaluator to
 * edit. No text boxes, no text in images.
 *
 * @example
 *   const bytes = await reportToDocx(report, { charts: await chartsToPng(...) });
 */
import {
  AlignmentType,
  Document,
  Footer,
  HeadingLevel,
  ImageRun,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableOfContents,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import JSZip from "jszip";
import { displayWidth } from "../lib/text.ts";
import { cellText, isNumeric } from "./cells.ts";
import { CHART_SIZE } from "./chart-png.ts";
import { type Block, type Report, rowCells, type Section, type Table as ReportTable } from "./report.ts";

/** Millimetres to twips (1 mm = 56.7 twips). */
const mm = (x: number) => Math.round(x * 56.7);

/** GB/T 9704-2012 page, fonts and sizes (half-points). */
export const GONGWEN = {
  margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
  /** 22 lines on a 225 mm body: 28.95 pt a line. */
  linePitch: 579,
  fonts: { title: "方正小标宋简体", body: "仿宋_GB2312", h1: "黑体", h2: "楷体_GB2312", page: "宋体", latin: "Times New Roman" },
  size: { title: 44, body: 32, table: 21, page: 28 },
} as const;

/** What each font falls back to where it is not installed (w:altName). */
export const FONT_FALLBACK: Record<string, string> = {
  方正小标宋简体: "宋体",
  仿宋_GB2312: "仿宋",
  楷体_GB2312: "楷体",
  黑体: "SimHei",
  宋体: "SimSun",
};

const font = (eastAsia: string) => ({ ascii: GONGWEN.fonts.latin, hAnsi: GONGWEN.fonts.latin, eastAsia, cs: GONGWEN.fonts.latin });
const DRAFT_COLOR = "7A4D00";
const WARNING_COLOR = "C0392B";
/** Text width: 210 − 28 − 26 = 156 mm ≈ 589 px at 96 dpi. */
const IMAGE_WIDTH = 580;

function body(text: string, opts: { draft?: boolean; indent?: boolean; bold?: boolean; color?: string } = {}): Paragraph {
  return new Paragraph({
    indent: opts.indent === false ? undefined : { firstLine: 640 },
    alignment: AlignmentType.JUSTIFIED,
    children: [new TextRun({ text, bold: opts.bold, color: opts.draft ? DRAFT_COLOR : opts.color })],
  });
}

function cellParagraph(text: string, opts: { header?: boolean; right?: boolean; small?: boolean }): Paragraph[] {
  return text.split("\n").map(
    (line) =>
      new Paragraph({
        style: "TableText",
        alignment: opts.header ? AlignmentType.CENTER : opts.right ? AlignmentType.RIGHT : AlignmentType.LEFT,
        children: [new TextRun({ text: line, bold: opts.header, size: opts.small ? SMALL_TABLE_SIZE : undefined })],
      }),
  );
}

/** Text width in twips (156 mm). */
const TEXT_WIDTH = mm(156);

/** Cell margins left and right: 1 mm each (Word's default is 1.9 mm), so narrow number columns keep their digits on one line. */
const CELL_MARGIN_TWIPS = 57;
const CELL_MARGINS_MM = 2 * (CELL_MARGIN_TWIPS / 56.7);
/** Half-points of a table's text: 9 pt in a table of more than 7 columns, else 五号 (10.5 pt). */
const SMALL_TABLE_SIZE = 18;
const manyColumns = (t: ReportTable): boolean => t.columns.length > 7;
const tableSize = (t: ReportTable): number => (manyColumns(t) ? SMALL_TABLE_SIZE : GONGWEN.size.table);

/**
 * A line's width in em: a CJK character 1 em, a digit or sign 0.72 em, a letter 0.6 em (generous:
 * bold digits, and the wider Latin fallback where Times New Roman is missing, as in LibreOffice).
 */
const ems = (s: string): number =>
  [...s].reduce((a, ch) => a + (displayWidth(ch) === 2 ? 1 : displayWidth(ch) === 0 ? 0 : /[A-Za-z]/.test(ch) ? 0.6 : 0.72), 0);

/**
 * What a header needs on one line: its longest word. A CJK header may wrap after 3.9 em ("2018年"
 * stays whole, never "201/8年"; "2017年（基期）" wraps after 年); an English word stays whole up to 6 em.
 */
const headerEm = (label: string): number =>
  Math.max(...label.split(/\s+/).map((w) => Math.min(ems(w), displayWidth(w) > w.length ? 3.9 : 6)));

/**
 * Column widths in twips. A number or date column, or one whose text is short, is rigid: it gets
 * what its longest line and its header need at the table's font size, plus the cell margins. Text
 * columns (names, reasons) share what is left, in proportion to their typical long line (80th
 * percentile, not one outlier), and wrap. Only when the rigid columns alone leave a text column
 * less than 3 em is every column scaled down alike.
 */
export function columnTwips(t: ReportTable): number[] {
  const emMm = (tableSize(t) / 2) * 0.3528;
  const texts = t.rows.map((r) => rowCells(t, r).map((v, i) => cellText(v, t.columns[i].kind, t.lang)));
  const lines = (i: number) => texts.map((r) => Math.max(...r[i].split("\n").map(ems))).sort((a, b) => a - b);
  const longest = (i: number) => Math.max(1, ...lines(i));
  const typical = (i: number) => Math.max(1, lines(i)[Math.floor(0.8 * (texts.length - 1))] ?? 1);
  const cap = manyColumns(t) ? 9 : 18;
  const widthEm = t.columns.map((c, i) => Math.max(Math.min(c.wide ? cap : 7, longest(i)), headerEm(c.label), isNumeric(c.kind) ? 2 : 1));
  const rigid = t.columns.map((c, i) => isNumeric(c.kind) || c.kind === "date" || (!c.wide && widthEm[i] <= 5));
  const mm = (em: number) => em * emMm + CELL_MARGINS_MM + 1;
  const need = widthEm.map(mm);
  const share = t.columns.map((c, i) => Math.max(Math.min(cap, typical(i)), headerEm(c.label), 2));
  const textMm = 156;
  const room = textMm - need.reduce((a, n, i) => a + (rigid[i] ? n : 0), 0);
  const flexible = share.reduce((a, n, i) => a + (rigid[i] ? 0 : n), 0);
  const fits = room >= rigid.filter((r) => !r).length * mm(3);
  const mmWidths =
    flexible > 0 && fits
      ? need.map((n, i) => (rigid[i] ? n : (share[i] / flexible) * room))
      : need.map((n) => (n / need.reduce((a, b) => a + b, 0)) * textMm);
  const widths = mmWidths.map((w) => Math.floor((w / textMm) * TEXT_WIDTH));
  widths[widths.length - 1] += TEXT_WIDTH - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/** A real Word table: the header row repeats on every page; numbers right-aligned. */
export function docxTable(t: ReportTable): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  if (t.title)
    out.push(
      new Paragraph({ alignment: AlignmentType.CENTER, keepNext: true, children: [new TextRun({ text: t.title, bold: true, size: 24 })] }),
    );
  if (!t.rows.length) return [...out, body(t.empty, { indent: false })];
  const small = manyColumns(t);
  const header = new TableRow({
    tableHeader: true,
    cantSplit: true,
    children: t.columns.map(
      (c) =>
        new TableCell({
          shading: { type: ShadingType.CLEAR, fill: "E8EEF6", color: "auto" },
          children: cellParagraph(c.label, { header: true, small }),
        }),
    ),
  });
  const rows = t.rows.map(
    (r) =>
      new TableRow({
        cantSplit: true,
        children: rowCells(t, r).map(
          (v, i) =>
            new TableCell({
              children: cellParagraph(cellText(v, t.columns[i].kind, t.lang), { right: isNumeric(t.columns[i].kind), small }),
            }),
        ),
      }),
  );
  const columnWidths = columnTwips(t);
  out.push(
    new Table({
      width: { size: TEXT_WIDTH, type: WidthType.DXA },
      columnWidths,
      layout: TableLayoutType.FIXED,
      margins: { left: CELL_MARGIN_TWIPS, right: CELL_MARGIN_TWIPS },
      rows: [header, ...rows],
    }),
  );
  out.push(new Paragraph({ children: [] }));
  return out;
}

function chartImage(png: Uint8Array | undefined, caption: string): Paragraph[] {
  if (!png) return [];
  const height = Math.round((IMAGE_WIDTH * CHART_SIZE.height) / CHART_SIZE.width);
  return [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      children: [
        new ImageRun({
          type: "png",
          data: png,
          transformation: { width: IMAGE_WIDTH, height },
          altText: { name: caption, description: caption, title: caption },
        }),
      ],
    }),
    new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ text: caption, size: 21 })] }),
  ];
}

function blocks(report: Report, b: Block, charts: Map<string, Uint8Array>): (Paragraph | Table)[] {
  switch (b.kind) {
    case "heading":
      return [new Paragraph({ heading: b.level === 3 ? HeadingLevel.HEADING_3 : HeadingLevel.HEADING_2, children: [new TextRun(b.text)] })];
    case "paragraph":
      return [
        body(b.text, { draft: b.style === "draft", bold: b.style === "verdict", color: b.style === "warning" ? WARNING_COLOR : undefined }),
      ];
    case "list":
      return b.items.map((item, i) => body(`${i + 1}. ${item}`, { draft: b.style === "draft" }));
    case "fields":
      return b.items.map((f) => body(`${f.label}${report.lang === "zh" ? "：" : ": "}${f.value}`, { indent: false }));
    case "table":
      return docxTable(b.table);
    case "chart": {
      const ind = report.indicators.find((i) => i.id === b.id);
      return ind ? chartImage(charts.get(ind.id), ind.chart.title) : [];
    }
    case "indicator": {
      const ind = report.indicators.find((i) => i.id === b.id);
      if (!ind) return [];
      const colon = report.lang === "zh" ? "：" : ": ";
      return [
        new Paragraph({
          heading: HeadingLevel.HEADING_3,
          keepNext: true,
          children: [new TextRun(`${ind.name}${ind.headline ? " ★" : ""}`)],
        }),
        body(ind.sentence),
        ...ind.fields.map((f) => body(`${f.label}${colon}${f.value}`, { indent: false })),
        ...chartImage(charts.get(ind.id), `${report.words.chart}${colon}${ind.chart.title}`),
        ...docxTable(ind.methods),
        ...docxTable(ind.metrics),
        ...docxTable(ind.series),
        ...ind.notes.map((n) => body(n, { indent: false })),
      ];
    }
  }
}

function sectionChildren(report: Report, s: Section, charts: Map<string, Uint8Array>): (Paragraph | Table)[] {
  const title = `${s.title}${s.draft ? (report.lang === "zh" ? `（${report.words.draft}）` : ` (${report.words.draft})`) : ""}`;
  return [
    new Paragraph({ heading: HeadingLevel.HEADING_1, pageBreakBefore: s.part === "annex", children: [new TextRun(title)] }),
    ...s.blocks.flatMap((b) => blocks(report, b, charts)),
  ];
}

function cover(report: Report): Paragraph[] {
  const c = report.cover;
  const center = (text: string, opts: { size?: number; bold?: boolean; color?: string; eastAsia?: string } = {}) =>
    new Paragraph({
      alignment: AlignmentType.CENTER,
      children: [
        new TextRun({ text, size: opts.size, bold: opts.bold, color: opts.color, font: opts.eastAsia ? font(opts.eastAsia) : undefined }),
      ],
    });
  return [
    new Paragraph({ alignment: AlignmentType.RIGHT, children: [new TextRun({ text: c.mark, font: font(GONGWEN.fonts.h1) })] }),
    ...(c.document ? [center(c.document)] : []),
    new Paragraph({ children: [] }),
    new Paragraph({ children: [] }),
    new Paragraph({ style: "Title", children: [new TextRun(report.title)] }),
    new Paragraph({ children: [] }),
    ...(report.warning ? [center(report.warning, { size: 24, bold: true, color: WARNING_COLOR })] : []),
    new Paragraph({ children: [] }),
    new Paragraph({ children: [] }),
    ...c.fields.map(
      (f) =>
        new Paragraph({ indent: { left: mm(20) }, children: [new TextRun(`${f.label}${report.lang === "zh" ? "：" : ": "}${f.value}`)] }),
    ),
    new Paragraph({ children: [] }),
    center(c.author),
    center(c.date),
  ];
}

const pageFooter = () =>
  new Footer({
    children: [
      new Paragraph({
        alignment: AlignmentType.CENTER,
        children: [new TextRun({ children: ["— ", PageNumber.CURRENT, " —"], size: GONGWEN.size.page, font: font(GONGWEN.fonts.page) })],
      }),
    ],
  });

/** The Document (exported for tests that inspect it before packing). */
export function reportDocument(report: Report, charts: Map<string, Uint8Array> = new Map()): Document {
  const page = {
    size: { width: 11906, height: 16838 },
    margin: { ...GONGWEN.margin, header: mm(15), footer: mm(20) },
  };
  const exact = { line: GONGWEN.linePitch, lineRule: LineRuleType.EXACT, before: 0, after: 0 };
  const heading = (id: string, name: string, eastAsia: string, level: number, extra: object = {}) => ({
    id,
    name,
    basedOn: "Normal",
    next: "Normal",
    quickFormat: true,
    run: { font: font(eastAsia), size: GONGWEN.size.body, bold: false, color: "000000", ...extra },
    paragraph: { outlineLevel: level, keepNext: true, keepLines: true, spacing: exact, indent: { firstLine: 640 } },
  });
  return new Document({
    creator: "plan-monitor",
    title: report.title,
    description: report.warning ?? undefined,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: font(GONGWEN.fonts.body), size: GONGWEN.size.body }, paragraph: { spacing: exact } },
      },
      paragraphStyles: [
        {
          id: "Title",
          name: "Title",
          basedOn: "Normal",
          next: "Normal",
          run: { font: font(GONGWEN.fonts.title), size: GONGWEN.size.title },
          paragraph: { alignment: AlignmentType.CENTER, spacing: { line: 720, lineRule: LineRuleType.EXACT } },
        },
        heading("Heading1", "heading 1", GONGWEN.fonts.h1, 0),
        heading("Heading2", "heading 2", GONGWEN.fonts.h2, 1),
        heading("Heading3", "heading 3", GONGWEN.fonts.body, 2, { bold: true }),
        {
          id: "TableText",
          name: "Table Text",
          basedOn: "Normal",
          run: { size: GONGWEN.size.table },
          paragraph: { spacing: { line: 260, lineRule: LineRuleType.AUTO, before: 20, after: 20 } },
        },
      ],
    },
    sections: [
      { properties: { page }, children: cover(report) },
      {
        properties: { page },
        children: [
          new Paragraph({ style: "Title", children: [new TextRun(report.words.contents)] }),
          new TableOfContents(report.words.contents, { hyperlink: true, headingStyleRange: "1-1" }),
          new Paragraph({ children: [new PageBreak()] }),
        ],
      },
      {
        properties: { page: { ...page, pageNumbers: { start: 1 } } },
        footers: { default: pageFooter() },
        children: report.sections.flatMap((s) => sectionChildren(report, s, charts)),
      },
    ],
  });
}

/** Add each font's fallback (w:altName) to the font table, so a machine without it substitutes well. */
async function addFontFallbacks(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const file = zip.file("word/fontTable.xml");
  if (!file) return bytes;
  let xml = await file.async("string");
  const known = new Set([...xml.matchAll(/<w:font w:name="([^"]+)"/g)].map((m) => m[1]));
  const add = Object.entries(FONT_FALLBACK)
    .filter(([name]) => !known.has(name))
    .map(
      ([name, alt]) =>
        `<w:font w:name="${name}"><w:altName w:val="${alt}"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>`,
    )
    .join("");
  xml = xml.replace(/<w:font w:name="([^"]+)">/g, (m, name: string) =>
    FONT_FALLBACK[name] ? `${m}<w:altName w:val="${FONT_FALLBACK[name]}"/>` : m,
  );
  xml = /<w:fonts[^>]*\/>/.test(xml)
    ? xml.replace(/(<w:fonts[^>]*)\/>/, `$1>${add}</w:fonts>`)
    : xml.replace("</w:fonts>", `${add}</w:fonts>`);
  zip.file("word/fontTable.xml", xml);
  return zip.generateAsync({ type: "uint8array", compression: "DEFLATE" });
}

/** The report as .docx bytes; `charts` maps indicator ids to PNG images (none: no chart images). */
export async function reportToDocx(report: Report, opts: { charts?: Map<string, Uint8Array> } = {}): Promise<Uint8Array> {
  const buffer = await Packer.toBuffer(reportDocument(report, opts.charts ?? new Map()));
  return addFontFallbacks(new Uint8Array(buffer));
}
