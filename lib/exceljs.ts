/**
 * exceljs, loaded on first use. Importing it costs about 0.26 s of CPU, which every CLI command
 * paid at start-up whether it read or wrote a workbook or not; the modules that do (loaders/xlsx.ts,
 * the exports of forms, receipts and reports) call `excel()` where they need it. Types come from a
 * type-only import (`import type ExcelJS from "exceljs"`), which costs nothing at run time.
 *
 * @example
 *   const ExcelJS = await excel();
 *   const wb = new ExcelJS.Workbook();
 */
import type ExcelJSModule from "exceljs";

let loading: Promise<typeof ExcelJSModule> | null = null;

export function excel(): Promise<typeof ExcelJSModule> {
  loading ??= import("exceljs").then((m) => (m as { default?: typeof ExcelJSModule }).default ?? (m as unknown as typeof ExcelJSModule));
  return loading;
}
