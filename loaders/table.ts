/**
 * A grid of cells (from CSV, xlsx or JSON) → the table in it: finds the header row among the
 * first 20 rows (title and "单位：万元" rows above it are fine), decides long vs wide layout,
 * and turns each data row into a record of field cells and value cells. Blank rows, repeated
 * header rows and note rows ("注：…", "数据来源：…", "填表人：…") are skipped. Pure.
 *
 * @example
 *   const shape = findTable(rows);          // { layout: "wide", headerRow: 3, yearColumns: [...], ... }
 *   const { records } = toRecords(rows, shape);
 */
import { type Field, matchHeader, yearLikeHeader } from "./headers.ts";
import { halfWidth } from "./numbers.ts";
import { looksLikeUnit } from "./units.ts";

/** One cell as a reader produced it. `text` is what a person sees (used in messages). */
export interface Cell {
  value: string | number | boolean | Date | null;
  text: string;
  /** Formula text, for xlsx formula cells (value is then the cached result). */
  formula?: string;
  /** A formula cell saved without a cached result. */
  noResult?: boolean;
  /** An Excel error value such as "#DIV/0!". */
  error?: string;
}

export interface GridRow {
  /** 1-based row number as a person sees it (spreadsheet row, CSV record, JSON record index). */
  row: number;
  cells: (Cell | null)[];
}

export interface ColumnRef {
  index: number;
  /** Header text as written in the file. */
  header: string;
  /** Unit given in the header, e.g. "数值（万元）". */
  unit: string | null;
}

export interface TableShape {
  layout: "long" | "wide";
  headerRow: number;
  /** Position of the header row in the rows array. */
  headerIndex: number;
  fields: Partial<Record<Field, ColumnRef>>;
  /** Indicator columns (an id column and a name column may both be present). */
  indicatorColumns: ColumnRef[];
  yearColumns: (ColumnRef & { year: number })[];
  /** A table-wide unit from a "单位：万元" line above or in the header row. */
  tableUnit: string | null;
  /** Header cells that repeat a field or a year already given by an earlier column (the file is ambiguous). */
  duplicates?: { header: string; column: number; first: string; firstColumn: number }[];
}

export interface FieldCell {
  column: string;
  cell: Cell | null;
}

export interface ValueCell {
  column: string;
  cell: Cell | null;
  /** Wide layout: the year from the header; long layout: the year cell of the row. */
  year: number | FieldCell | null;
  headerUnit: string | null;
}

export interface RowRecord {
  row: number;
  fields: Partial<Record<Field, FieldCell>>;
  indicators: FieldCell[];
  values: ValueCell[];
}

export const HEADER_SCAN_ROWS = 20;

export function cellText(c: Cell | null | undefined): string {
  return c ? c.text.trim() : "";
}

const isBlank = (r: GridRow): boolean => r.cells.every((c) => cellText(c) === "");

const UNIT_LINE = /^单位[:：](.+)$/;

function tableUnitIn(cells: (Cell | null)[]): string | null {
  for (const c of cells) {
    const m = UNIT_LINE.exec(halfWidth(cellText(c)));
    if (m && looksLikeUnit(m[1])) return m[1];
  }
  return null;
}

/** The table in the first rows, or null when no row looks like a header. */
export function findTable(rows: GridRow[], scan = HEADER_SCAN_ROWS): TableShape | null {
  let tableUnit: string | null = null;
  const limit = Math.min(rows.length, scan);
  for (let i = 0; i < limit; i++) {
    const cells = rows[i].cells;
    tableUnit = tableUnitIn(cells) ?? tableUnit;
    const fields: Partial<Record<Field, ColumnRef>> = {};
    const indicatorColumns: ColumnRef[] = [];
    const yearColumns: (ColumnRef & { year: number })[] = [];
    const seenYears = new Map<number, ColumnRef>();
    const oddYears: (ColumnRef & { year: number })[] = [];
    const duplicates: NonNullable<TableShape["duplicates"]> = [];
    const dup = (header: string, index: number, first: ColumnRef) =>
      duplicates.push({ header, column: index + 1, first: first.header, firstColumn: first.index + 1 });
    cells.forEach((c, index) => {
      if (!c) return;
      const input = c.value instanceof Date ? c.text : typeof c.value === "number" ? c.value : c.text;
      const m = matchHeader(input);
      const header = c.text.trim();
      if (m.kind === "field") {
        const first = fields[m.field];
        if (m.field === "indicator" && indicatorColumns.length < 2) indicatorColumns.push({ index, header, unit: m.unit });
        else if (first) dup(header, index, first);
        if (!first) fields[m.field] = { index, header, unit: m.unit };
      } else if (m.kind === "year") {
        const first = seenYears.get(m.year);
        if (first) dup(header, index, first);
        else {
          seenYears.set(m.year, { index, header, unit: m.unit });
          yearColumns.push({ index, header, unit: m.unit, year: m.year });
        }
      } else {
        const year = yearLikeHeader(input);
        if (year !== null) oddYears.push({ index, header, unit: null, year });
      }
    });
    const base = {
      headerRow: rows[i].row,
      headerIndex: i,
      fields,
      indicatorColumns,
      tableUnit,
      ...(duplicates.length ? { duplicates } : {}),
    };
    if (fields.indicator && fields.value && fields.year) return { ...base, layout: "long", yearColumns: [] };
    if (!fields.value && fields.indicator && yearColumns.length + oddYears.length > 0) {
      // Implausible years (1601年) stay as columns, so each of their figures is rejected by name rather than ignored.
      return { ...base, layout: "wide", yearColumns: [...yearColumns, ...oddYears].sort((a, b) => a.index - b.index) };
    }
    if (!fields.value && yearColumns.length > 0) {
      if (yearColumns.length >= 2) {
        // No indicator header (often a blank top-left cell): use the first free column left of the years.
        const firstYear = Math.min(...yearColumns.map((y) => y.index));
        const used = new Set(Object.values(fields).map((f) => f.index));
        for (let j = 0; j < firstYear; j++) {
          if (used.has(j)) continue;
          const col = { index: j, header: cellText(cells[j]) || `第${j + 1}列`, unit: null };
          fields.indicator = col;
          indicatorColumns.push(col);
          return { ...base, layout: "wide", yearColumns };
        }
      }
    }
  }
  return null;
}

const FIELD_ZH: Record<Field, string> = {
  indicator: "指标",
  region: "地区",
  year: "年份",
  value: "数值",
  unit: "单位",
  status: "状态",
  source: "来源",
  published: "发布日期",
  note: "备注",
};

/** The row that came closest to a header, what it had and what it lacked (for the "no header" message). */
export function closestHeader(rows: GridRow[], scan = HEADER_SCAN_ROWS): { row: number; found: string[]; missing: Field[] } | null {
  let best: { row: number; found: string[]; missing: Field[]; score: number } | null = null;
  for (const r of rows.slice(0, scan)) {
    const found = new Set<Field>();
    let years = 0;
    for (const c of r.cells) {
      if (!c) continue;
      const m = matchHeader(typeof c.value === "number" ? c.value : c.text);
      if (m.kind === "field") found.add(m.field);
      else if (m.kind === "year") years++;
    }
    const score = found.size + years;
    if (score === 0 || (best && best.score >= score)) continue;
    const missing = (["indicator", "year", "value"] as Field[]).filter((f) => !found.has(f));
    const names = [...found].map((f) => FIELD_ZH[f]);
    if (years) names.push(`${years}个年份列`);
    best = { row: r.row, found: names, missing: years && !found.has("value") ? missing.filter((f) => f === "indicator") : missing, score };
  }
  return best && { row: best.row, found: best.found, missing: best.missing };
}

export const fieldZh = (f: Field): string => FIELD_ZH[f];

const NOTE_ROW =
  /^(?:(?:注|附注)\s*\d*\s*[:：.、]|(?:备注|说明|数据来源|资料来源|来源|填报说明|填表说明)(?:\s*\d*\s*[:：.、]|$)|(?:notes?|sources?)\s*[:：])/i;
const SIGN_OFF = /^(单位负责人|负责人|统计负责人|填表人|制表人|审核人|填报人|报出日期|填表日期|填报日期|联系电话|电话|联系人)\s*[:：]/;

/**
 * A footnote or sign-off row: its first non-empty cell starts with 注：/数据来源：/说明..., or every
 * non-empty cell is a "填表人：..." sign-off. (A footnote split by commas in a CSV is still one note.)
 */
export function isNoteRow(r: GridRow): boolean {
  const texts = r.cells.map((c) => cellText(c).normalize("NFKC")).filter((t) => t !== "");
  if (texts.length === 0) return false;
  if (NOTE_ROW.test(texts[0])) return true;
  return texts.every((t) => SIGN_OFF.test(t));
}

export interface Records {
  records: RowRecord[];
  /** Data rows seen: non-blank rows below the header, excluding note rows and repeated headers. */
  rowsRead: number;
}

export function toRecords(rows: GridRow[], shape: TableShape): Records {
  const records: RowRecord[] = [];
  const headerTexts = rows[shape.headerIndex].cells.map((c) => cellText(c));
  const fieldEntries = Object.entries(shape.fields) as [Field, ColumnRef][];
  let rowsRead = 0;
  for (let i = shape.headerIndex + 1; i < rows.length; i++) {
    const r = rows[i];
    if (isBlank(r) || isNoteRow(r)) continue;
    if (r.cells.every((c, j) => cellText(c) === "" || cellText(c) === headerTexts[j])) continue;
    rowsRead++;
    const fields: Partial<Record<Field, FieldCell>> = {};
    for (const [field, col] of fieldEntries) fields[field] = { column: col.header, cell: r.cells[col.index] ?? null };
    const indicators = shape.indicatorColumns.map((col) => ({ column: col.header, cell: r.cells[col.index] ?? null }));
    const values: ValueCell[] =
      shape.layout === "wide"
        ? shape.yearColumns.map((y) => ({ column: y.header, cell: r.cells[y.index] ?? null, year: y.year, headerUnit: y.unit }))
        : [
            {
              column: shape.fields.value!.header,
              cell: r.cells[shape.fields.value!.index] ?? null,
              year: fields.year ?? null,
              headerUnit: shape.fields.value!.unit,
            },
          ];
    records.push({ row: r.row, fields, indicators, values });
  }
  return { records, rowsRead };
}
