/**
 * Bilingual messages for the loaders: why a whole file cannot be read (FileError) and why
 * one row was rejected (Reason → RejectedRow). Every message says what was found and how
 * to fix it, in Chinese for the planner and in English for everyone else. Pure: no I/O.
 *
 * @example
 *   throw fileErrors.empty("data.csv"); // FileError { code: "EMPTY_FILE", exitCode: 2, ... }
 *   const r = reasons.unknownRegion("大连"); // { code: "UNKNOWN_REGION", zh: "...", en: "..." }
 */

/** Why one row (or one cell of a wide row) did not become an observation. */
export interface Reason {
  code: string;
  zh: string;
  en: string;
}

/** A row that did not become an observation, located as a person sees it in the file. */
export interface RejectedRow {
  /** 1-based row number as shown in a spreadsheet (title rows counted); for JSON, the 1-based index of the record. */
  row: number;
  /** Header text of the offending column as written in the file, or null when the whole row is at fault. */
  column: string | null;
  /** The raw cell text, or null. */
  value: string | null;
  code: string;
  zh: string;
  en: string;
}

/** The file cannot be read at all (wrong format, too large, no header, ...). The CLI exits with code 2. */
export class FileError extends Error {
  readonly code: string;
  readonly zh: string;
  readonly en: string;
  readonly exitCode = 2 as const;

  constructor(code: string, zh: string, en: string, options?: { cause?: unknown }) {
    super(`${zh} / ${en}`, options);
    this.name = "FileError";
    this.code = code;
    this.zh = zh;
    this.en = en;
  }
}

const q = (s: string | number): string => `"${s}"`;
const short = (s: string, max = 40): string => (s.length > max ? `${s.slice(0, max)}…` : s);
/** A size for a message: exact bytes below 1 MB (so a small --max-bytes reads right), else MB. */
const mb = (bytes: number): string => (bytes < 1024 * 1024 ? `${bytes} bytes` : `${(bytes / 1024 / 1024).toFixed(1)} MB`);

export const reasons = {
  badNumber: (raw: string): Reason => ({
    code: "BAD_NUMBER",
    zh: `数值${q(short(raw))}不是数字。请填写阿拉伯数字（可带千分位逗号和单位，如 1,234.5 或 2.3亿元）；没有数据请填"—"或留空，不要填0。`,
    en: `value ${q(short(raw))} is not a number. Write digits (thousands separators and a unit are fine, e.g. 1,234.5 or 2.3亿元); for no data leave the cell empty or write "—", never 0.`,
  }),
  nonFinite: (raw: string): Reason => ({
    code: "NON_FINITE",
    zh: `数值${q(short(raw))}不是有限的数（无穷大或NaN），可能是公式或导出出错。请填写实际数值。`,
    en: `value ${q(short(raw))} is not a finite number (infinite or NaN), probably a formula or export error. Write the actual figure.`,
  }),
  notANumberType: (raw: string): Reason => ({
    code: "BAD_NUMBER",
    zh: `数值${q(short(raw))}不是数字（是逻辑值、日期或其他类型）。请填写数字。`,
    en: `value ${q(short(raw))} is not a number (it is a boolean, a date or another type). Write a number.`,
  }),
  percentForNonPercent: (raw: string, unit: string): Reason => ({
    code: "PERCENT_NOT_ALLOWED",
    zh: `数值${q(short(raw))}是百分数，但该指标的单位是${q(unit)}。请填写以${unit}为单位的数值。`,
    en: `value ${q(short(raw))} is a percentage, but this indicator is measured in ${q(unit)}. Write the figure in ${unit}.`,
  }),
  unitMismatch: (from: string, to: string): Reason => ({
    code: "UNIT_MISMATCH",
    zh: `单位${q(from)}无法换算为该指标的单位${q(to)}。请核对是否填错了指标或单位（可用单位如${to}，或带万、亿等数量级的同类单位）。`,
    en: `unit ${q(from)} cannot be converted to this indicator's unit ${q(to)}. Check the indicator and the unit (use ${to}, or the same unit with a magnitude such as 万 or 亿).`,
  }),
  outOfRange: (raw: string, unit: string, too: "large" | "small"): Reason =>
    too === "large"
      ? {
          code: "OUT_OF_RANGE",
          zh: `数值${q(short(raw))}换算为${q(unit)}后超过1e15，不可能是实际统计数，可能是导出出错或单位填错。请核对数值和单位。`,
          en: `value ${q(short(raw))} exceeds 1e15 once converted to ${q(unit)}: no real figure is that large; probably an export error or a wrong unit. Check the figure and its unit.`,
        }
      : {
          code: "OUT_OF_RANGE",
          zh: `数值${q(short(raw))}换算为${q(unit)}后不为零却小于1e-9（或下溢为零），不可能是实际统计数，可能是导出出错。请填写实际数值，没有数据请填"—"。`,
          en: `value ${q(short(raw))} is non-zero but under 1e-9 (or underflows to zero) once converted to ${q(unit)}: no real figure is that small; probably an export error. Write the actual figure, or "—" for no data.`,
        },
  negative: (raw: string, unit: string): Reason => ({
    code: "NEGATIVE_VALUE",
    zh: `数值${q(short(raw))}为负数，但以${q(unit)}计的指标不能为负。请核对数值（是否误填了增减额）。`,
    en: `value ${q(short(raw))} is negative, but an indicator counted in ${q(unit)} cannot be. Check the figure (was a change entered instead of a level?).`,
  }),
  missingYear: (): Reason => ({
    code: "MISSING_YEAR",
    zh: "缺少年份。请在年份列填写四位年份，如 2019。",
    en: "the year is missing. Write a four-digit year in the year column, e.g. 2019.",
  }),
  badYear: (raw: string): Reason => ({
    code: "BAD_YEAR",
    zh: `年份${q(short(raw))}不合理。请填写1949至2100之间的四位整数年份，如 2019 或 2019年。`,
    en: `year ${q(short(raw))} is not plausible. Write a whole four-digit year between 1949 and 2100, e.g. 2019.`,
  }),
  missingIndicator: (): Reason => ({
    code: "MISSING_INDICATOR",
    zh: "该行有数值但没有指标名称。请填写计划中的指标名称或 id。",
    en: "the row has a value but no indicator name. Write the indicator's name or id as the plan gives it.",
  }),
  unknownIndicator: (raw: string, suggestions: string[]): Reason => ({
    code: "UNKNOWN_INDICATOR",
    zh:
      `计划中没有指标${q(short(raw, 60))}。` +
      (suggestions.length ? `最接近的指标：${suggestions.join("、")}。` : "") +
      "请改用计划中的指标名称、别名或 id。",
    en:
      `the plan has no indicator ${q(short(raw, 60))}. ` +
      (suggestions.length ? `Closest: ${suggestions.join("; ")}. ` : "") +
      "Use the indicator's name, an alias or its id as the plan gives it.",
  }),
  unknownRegion: (raw: string, planRegion: { code: string; zh: string }): Reason => ({
    code: "UNKNOWN_REGION",
    zh: `无法识别地区${q(short(raw))}。本计划地区为${planRegion.zh}（${planRegion.code}）；其他地区请填写六位行政区划代码。`,
    en: `region ${q(short(raw))} is not recognised. The plan's region is ${planRegion.zh} (${planRegion.code}); for another region write its six-digit administrative code.`,
  }),
  unknownStatus: (raw: string): Reason => ({
    code: "UNKNOWN_STATUS",
    zh: `无法识别数据状态${q(short(raw))}。请填写"初步"（快报）、"正式"（最终）或"修订"，留空视为正式。`,
    en: `data status ${q(short(raw))} is not recognised. Write preliminary (初步/快报), final (正式) or revised (修订); empty means final.`,
  }),
  badDate: (raw: string): Reason => ({
    code: "BAD_DATE",
    zh: `发布日期${q(short(raw))}无法识别。请写作 2021-03-15、2021/3/15 或 2021年3月15日，或留空。`,
    en: `publication date ${q(short(raw))} is not a date. Write it as 2021-03-15, 2021/3/15 or 2021年3月15日, or leave it empty.`,
  }),
  formulaNoResult: (formula: string): Reason => ({
    code: "FORMULA_NO_RESULT",
    zh: `单元格是公式（=${short(formula)}），但文件中没有保存计算结果。请在 Excel 中打开并保存一次，或将公式复制后"选择性粘贴为数值"。`,
    en: `the cell holds a formula (=${short(formula)}) but the file has no saved result. Open and save the file in Excel, or paste the formula as values.`,
  }),
  excelError: (error: string): Reason => ({
    code: "EXCEL_ERROR",
    zh: `单元格是 Excel 错误值 ${error}（公式出错）。请修正公式或填写数值；没有数据请填"—"。`,
    en: `the cell holds the Excel error ${error} (a broken formula). Fix the formula or write the figure; for no data write "—".`,
  }),
  conflict: (firstRow: number, firstValue: number, unit: string): Reason => ({
    code: "CONFLICTING_DUPLICATE",
    zh: `与第${firstRow}行冲突：同一指标、地区、年份和状态已有数值 ${firstValue}${unit}。请删除重复行，或用"状态"列区分初步数和正式数。`,
    en: `conflicts with row ${firstRow}: the same indicator, region, year and status already has the value ${firstValue} ${unit}. Delete the duplicate, or tell vintages apart in the status column.`,
  }),
};

export const fileErrors = {
  empty: (name: string): FileError =>
    new FileError(
      "EMPTY_FILE",
      `文件"${name}"是空的，没有任何内容。请检查是否选错了文件。`,
      `file "${name}" is empty. Check that you chose the right file.`,
    ),
  emptyWorkbook: (name: string, sheets: number): FileError =>
    new FileError(
      "EMPTY_WORKBOOK",
      sheets === 0
        ? `工作簿"${name}"中没有任何工作表。请检查是否选错了文件。`
        : `工作簿"${name}"的${sheets}个工作表都是空的，没有任何单元格有内容。请检查是否选错了文件或工作表。`,
      sheets === 0
        ? `workbook "${name}" has no worksheet at all. Check that you chose the right file.`
        : `workbook "${name}" has ${sheets} worksheet(s), all of them empty. Check that you chose the right file.`,
    ),
  tooLarge: (name: string, size: number, max: number): FileError =>
    new FileError(
      "FILE_TOO_LARGE",
      `文件"${name}"大小为 ${mb(size)}，超过上限 ${mb(max)}。如确需导入，请用 --max-bytes ${size} 提高上限，或将文件拆分。`,
      `file "${name}" is ${mb(size)}, over the limit of ${mb(max)}. To load it anyway raise the limit with --max-bytes ${size}, or split the file.`,
    ),
  lineTooLong: (name: string, line: number, length: number, max: number): FileError =>
    new FileError(
      "LINE_TOO_LONG",
      `文件"${name}"第${line}行长度超过 ${mb(length)}，超过每行上限 ${mb(max)}，不像表格数据（可能是导出出错、缺少换行符，或不是 CSV 文件）。请检查该行；确为正常数据时用 --max-line-bytes 提高上限。`,
      `line ${line} of file "${name}" is longer than ${mb(length)}, over the limit of ${mb(max)} per line: not a table row (an export error, missing line breaks, or not a CSV file at all). Check that line; if it really is data, raise the limit with --max-line-bytes.`,
    ),
  tooManyRows: (name: string, rows: number, max: number): FileError =>
    new FileError(
      "TOO_MANY_ROWS",
      `文件"${name}"有超过 ${max} 行数据（至少 ${rows} 行），超过上限。如确需导入，请用 --max-rows 提高上限（例如 --max-rows ${rows}），或将文件拆分。`,
      `file "${name}" has more than ${max} data rows (at least ${rows}). To load it anyway raise the limit with --max-rows (e.g. --max-rows ${rows}), or split the file.`,
    ),
  binary: (name: string, what: { zh: string; en: string }, ext: string): FileError =>
    new FileError(
      "NOT_A_DATA_FILE",
      `文件"${name}"实际上是${what.zh}，不是表格数据（扩展名 .${ext} 与内容不符）。请提供 CSV、Excel（.xlsx/.xls）、WPS（.et）、OpenDocument（.ods）或 JSON 文件。`,
      `file "${name}" is really ${what.en}, not a table of data (its .${ext} extension does not match its content). Provide a CSV, Excel (.xlsx/.xls), WPS (.et), OpenDocument (.ods) or JSON file.`,
    ),
  encrypted: (name: string): FileError =>
    new FileError(
      "ENCRYPTED_WORKBOOK",
      `文件"${name}"是设置了打开密码的（加密）工作簿，无法读取。请在 Excel/WPS 中取消密码（文件→信息→保护工作簿→用密码进行加密，清空密码）后保存，再导入。`,
      `file "${name}" is a workbook encrypted with an open password, which cannot be read. Remove the password in Excel/WPS (File → Info → Protect Workbook → Encrypt with Password, clear it), save, and ingest again.`,
    ),
  oleNotWorkbook: (name: string, ext: string): FileError =>
    new FileError(
      "OLE_NOT_WORKBOOK",
      `文件"${name}"是 Office/WPS 复合文档，但其中没有 Excel 97-2003 工作表${ext === "et" ? "（可能是旧版 WPS 自有的 .et 格式）" : ""}，无法读取。请在 WPS/Excel 中打开，"另存为"Excel 工作簿（.xlsx）后再导入。`,
      `file "${name}" is an Office/WPS compound document but holds no Excel 97-2003 workbook${ext === "et" ? " (perhaps an old WPS-only .et format)" : ""}, so it cannot be read. Open it in WPS/Excel and save it as an Excel Workbook (.xlsx).`,
    ),
  html: (name: string): FileError =>
    new FileError(
      "HTML_FILE",
      `文件"${name}"是网页（HTML）格式，常见于系统导出的"假 .xls"。请用 Excel 打开后"另存为" .xlsx 或 CSV 再导入。`,
      `file "${name}" is a web page (HTML), as some systems export under an .xls name. Open it in Excel and save it as .xlsx or CSV.`,
    ),
  badXlsx: (name: string, detail: string): FileError =>
    new FileError(
      "BAD_XLSX",
      `无法读取 Excel 文件"${name}"（${short(detail, 120)}）。文件可能已损坏或不是 .xlsx 工作簿；请在 Excel 中打开并重新保存为 .xlsx。`,
      `cannot read the Excel file "${name}" (${short(detail, 120)}). It may be damaged or not an .xlsx workbook; open it in Excel and save it again as .xlsx.`,
    ),
  badJson: (name: string, line: number | null, detail: string): FileError =>
    new FileError(
      "BAD_JSON",
      `JSON 文件"${name}"格式错误${line ? `（第${line}行附近）` : ""}：${short(detail, 120)}。请用 JSON 校验工具检查括号、引号和逗号。`,
      `JSON file "${name}" is malformed${line ? ` (near line ${line})` : ""}: ${short(detail, 120)}. Check brackets, quotes and commas with a JSON validator.`,
    ),
  jsonShape: (name: string): FileError =>
    new FileError(
      "BAD_JSON_SHAPE",
      `JSON 文件"${name}"的结构无法识别。应为对象数组 [{"指标": ..., "年份": ..., "数值": ...}]，或 {"observations": [...]}、{"data": [...]}，或宽表对象 [{"指标": ..., "2019": ...}]。`,
      `JSON file "${name}" has an unrecognised shape. Expected an array of row objects [{"indicator": ..., "year": ..., "value": ...}], or {"observations": [...]}, or {"data": [...]}, or wide rows [{"indicator": ..., "2019": ...}].`,
    ),
  badCsv: (name: string, row: number, detail: string): FileError =>
    new FileError(
      "BAD_CSV",
      `CSV 文件"${name}"第${row}行附近格式错误：${short(detail, 120)}（通常是引号未闭合）。请用 Excel 打开检查该行后另存为 CSV。`,
      `CSV file "${name}" is malformed near row ${row}: ${short(detail, 120)} (usually an unclosed quote). Open it in Excel, check that row and save as CSV again.`,
    ),
  badEncoding: (name: string, offset: number, line: number): FileError =>
    new FileError(
      "BAD_ENCODING",
      `文件"${name}"既不是 UTF-8 也不是 GB18030/GBK 编码：第${line}行（第${offset}字节处）有无效字节。请用 Excel 或记事本"另存为" CSV（UTF-8）后再导入。`,
      `file "${name}" is neither UTF-8 nor GB18030/GBK text: invalid byte at offset ${offset} (line ${line}). Save it again as CSV UTF-8 from Excel or a text editor.`,
    ),
  noHeader: (
    name: string,
    expected: { zh: string; en: string },
    where = "",
    closest: { row: number; found: string[]; missing: { zh: string; en: string }[] } | null = null,
  ): FileError => {
    const hintZh = closest
      ? `第${closest.row}行最像表头（识别出：${closest.found.join("、")}），但缺少：${closest.missing.map((m) => m.zh).join("、")}。`
      : "";
    const hintEn = closest ? ` Row ${closest.row} comes closest but lacks: ${closest.missing.map((m) => m.en).join(", ")}.` : "";
    return new FileError(
      "NO_HEADER",
      `文件"${name}"${where}的前20行中找不到表头。${hintZh}需要的列：${expected.zh}。`,
      `no header row found in the first 20 rows of file "${name}"${where ? ` (${where})` : ""}.${hintEn} Expected columns: ${expected.en}.`,
    );
  },
  duplicateHeader: (
    name: string,
    headerRow: number,
    dups: { header: string; column: number; first: string; firstColumn: number }[],
  ): FileError => {
    const zh = dups.map((d) => `第${d.column}列${q(d.header)}与第${d.firstColumn}列${q(d.first)}`).join("；");
    const en = dups.map((d) => `column ${d.column} ${q(d.header)} repeats column ${d.firstColumn} ${q(d.first)}`).join("; ");
    return new FileError(
      "DUPLICATE_HEADER",
      `文件"${name}"第${headerRow}行的表头有重复的列：${zh}含义相同，无法确定该用哪一列。请删除或改名多余的列后再导入。`,
      `file "${name}" has duplicate columns in its header (row ${headerRow}): ${en}, so it is unclear which to use. Delete or rename the extra column and ingest again.`,
    );
  },
  noData: (name: string, headerRow: number): FileError =>
    new FileError(
      "NO_DATA_ROWS",
      `文件"${name}"只有表头（第${headerRow}行），没有数据行。请在表头下方填写数据。`,
      `file "${name}" has a header (row ${headerRow}) but no data rows. Add the data below the header.`,
    ),
  unexpected: (name: string, err: unknown): FileError =>
    new FileError(
      "READ_FAILED",
      `读取文件"${name}"时出错：${short(errText(err), 160)}。请确认文件是 CSV、.xlsx 或 JSON，并在 Excel 中重新保存后再试。`,
      `failed to read file "${name}": ${short(errText(err), 160)}. Make sure it is CSV, .xlsx or JSON; save it again from Excel and retry.`,
      { cause: err },
    ),
};

export function errText(err: unknown): string {
  if (err instanceof Error) return err.message;
  try {
    return String(err);
  } catch {
    return "unknown error";
  }
}
