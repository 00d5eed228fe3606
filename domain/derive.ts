/**
 * How a plan indicator is derived from record files, as the plan file says it:
 *
 *   derive: {from: certificates, rule: valid_at_year_end}          high-tech certificates valid at year end
 *   derive: {from: contracts, rule: sum_by_registration_year}      technology-transaction value by year
 *   derive: {from: rd, rule: sum_by_year}                          enterprises' R&D expenditure by year
 *   derive: {from: lists, list: maker_spaces, rule: stock_at_year_end}
 *                       rules for lists: stock_at_year_end, registered_in_year, count_in_year,
 *                       sum_quantity_in_year (fry released)
 *
 * An indicator without `derive` is never derived: no indicator id or name is known to the code.
 * Pure; `deriveProblems` gives `plan check` its messages.
 *
 * @example
 *   DeriveSchema.parse({ from: "lists", list: "incubators", rule: "stock_at_year_end" });
 */
import { z } from "zod";
import { isCountUnit } from "../lib/units.ts";
import { AMOUNT_UNITS, LISTS, QUANTITY_UNITS } from "./records.ts";

export const LIST_RULES = ["stock_at_year_end", "registered_in_year", "count_in_year", "sum_quantity_in_year"] as const;

export const DeriveSchema = z.discriminatedUnion("from", [
  z.object({ from: z.literal("certificates"), rule: z.literal("valid_at_year_end") }).strict(),
  z.object({ from: z.literal("contracts"), rule: z.literal("sum_by_registration_year") }).strict(),
  z.object({ from: z.literal("rd"), rule: z.literal("sum_by_year") }).strict(),
  z.object({ from: z.literal("lists"), list: z.string().min(1), rule: z.enum(LIST_RULES) }).strict(),
]);

export type Derive = z.infer<typeof DeriveSchema>;

/** What a rule needs of the indicator's unit. */
function unitNeed(d: Derive): "count" | "amount" | "quantity" {
  if (d.from === "contracts" || d.from === "rd") return "amount";
  if (d.from === "lists" && d.rule === "sum_quantity_in_year") return "quantity";
  return "count";
}

const NEED_TEXT = {
  count: { zh: "计数单位（家、个、项……）", en: "a count unit (家, 个, 项 …)" },
  amount: { zh: `金额单位（${Object.keys(AMOUNT_UNITS).join("、")}）`, en: `an amount unit (${Object.keys(AMOUNT_UNITS).join(", ")})` },
  quantity: {
    zh: `数量单位（${Object.keys(QUANTITY_UNITS).join("、")}）`,
    en: `a quantity unit (${Object.keys(QUANTITY_UNITS).join(", ")})`,
  },
};

/** Problems with the `derive` of each indicator: an unknown list, a unit the rule cannot fill. */
export function deriveProblems(
  indicators: { id: string; unit: string; derive?: Derive }[],
): { path: (string | number)[]; zh: string; en: string }[] {
  const out: { path: (string | number)[]; zh: string; en: string }[] = [];
  indicators.forEach((ind, i) => {
    const d = ind.derive;
    if (!d) return;
    if (d.from === "lists" && !LISTS.some((l) => l.id === d.list)) {
      const known = LISTS.map((l) => l.id);
      out.push({
        path: ["indicators", i, "derive", "list"],
        zh: `指标 ${ind.id} 的 derive.list "${d.list}" 不是已知名录；可用：${known.join("、")}`,
        en: `indicator ${ind.id}: derive.list "${d.list}" is not a known list; known lists: ${known.join(", ")}`,
      });
      return;
    }
    const need = unitNeed(d);
    const ok = need === "count" ? isCountUnit(ind.unit) : need === "amount" ? ind.unit in AMOUNT_UNITS : ind.unit in QUANTITY_UNITS;
    if (!ok) {
      out.push({
        path: ["indicators", i, "derive", "rule"],
        zh: `指标 ${ind.id} 的单位是"${ind.unit}"，但规则 ${d.rule} 需要${NEED_TEXT[need].zh}；请改单位或删去 derive`,
        en: `indicator ${ind.id} is in "${ind.unit}", but rule ${d.rule} needs ${NEED_TEXT[need].en}; change the unit or remove derive`,
      });
    }
  });
  return out;
}
