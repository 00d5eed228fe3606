/**
 * The one test for synthetic (invented) demo data: a file whose name says so, or a figure whose
 * source or note says so. The site's banner and the report's warning both use it, so demo figures
 * are never shown as statistics.
 *
 * @example
 *   isSyntheticName("demo-synthetic-2019.csv"); // true
 *   isSyntheticText("合成示例数据");              // true
 */

/** What the demo generators write into file names and notes. */
export const SYNTHETIC_FILE = "demo-synthetic";
export const SYNTHETIC_NOTE = "合成示例";

/** A file name that marks synthetic data (demo-synthetic…, …synthetic…, …合成…). */
export function isSyntheticName(name: string | null | undefined): boolean {
  return /synthetic|合成/i.test(name ?? "");
}

/** A source or note that marks a figure as synthetic (合成示例…, synthetic). */
export function isSyntheticText(text: string | null | undefined): boolean {
  return /合成示例|synthetic/i.test(text ?? "");
}
