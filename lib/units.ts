/**
 * The unit vocabulary every layer shares: which units count things (whole numbers, interchangeable
 * with each other), and how English readers scale Chinese money and fry units.
 *
 * @example
 *   isCountUnit("家");    // true
 *   isCountUnit("万家");  // false (a magnitude makes it a scaled amount)
 *   SCALED_UNITS["亿元"]; // { factor: 1e8, base: "元", en: "yuan" }
 */

/** Units that count whole things (enterprises, projects, people …). "家/个" is how some plans write it. */
export const COUNT_UNITS: ReadonlySet<string> = new Set([
  "个",
  "家",
  "项",
  "件",
  "所",
  "座",
  "人",
  "名",
  "户",
  "台",
  "套",
  "处",
  "次",
  "条",
  "种",
  "家/个",
]);

/** Whether values in `unit` are counts, written as whole numbers. */
export function isCountUnit(unit: string): boolean {
  return COUNT_UNITS.has(unit.trim());
}

/** Units that are a multiple of a base the English reader scales (CNY 762 million, 185 million fry). */
export const SCALED_UNITS: Readonly<Record<string, { factor: number; base: string; en: string }>> = {
  亿元: { factor: 1e8, base: "元", en: "yuan" },
  千万元: { factor: 1e7, base: "元", en: "yuan" },
  百万元: { factor: 1e6, base: "元", en: "yuan" },
  十万元: { factor: 1e5, base: "元", en: "yuan" },
  万元: { factor: 1e4, base: "元", en: "yuan" },
  千元: { factor: 1e3, base: "元", en: "yuan" },
  元: { factor: 1, base: "元", en: "yuan" },
  亿尾: { factor: 1e8, base: "尾", en: "fry" },
  万尾: { factor: 1e4, base: "尾", en: "fry" },
  尾: { factor: 1, base: "尾", en: "fry" },
};
