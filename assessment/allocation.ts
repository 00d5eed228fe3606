/**
 * Splitting a target among the units below (towns of a county, cities of a province): by their share
 * of the baseline year, equally, or by the explicit shares or amounts a plan file gives. An
 * allocation that does not add up to the target is reported, never silently scaled. Pure: no I/O.
 *
 * @example
 *   allocate(100, [{ code: "复州城镇", baseline: 30 }, { code: "李店镇", baseline: 10 }], { by: "baseline-share" });
 *   // rows: 复州城镇 75, 李店镇 25; adds_up: true
 */
import { formatNumber } from "../lib/format.ts";

export interface AllocationSpec {
  by?: "baseline-share" | "equal";
  shares?: Record<string, number>;
  amounts?: Record<string, number>;
}

export interface AllocationRow {
  code: string;
  /** The unit's share of the target (null when amounts were given and the target is 0). */
  share: number | null;
  amount: number;
  baseline: number | null;
}

export interface AllocationResult {
  basis: "baseline-share" | "equal" | "shares" | "amounts";
  target: number;
  rows: AllocationRow[];
  sum: number;
  /** target minus the allocated sum (positive: part of the target is not allocated). */
  difference: number;
  adds_up: boolean;
  problems: { zh: string; en: string }[];
}

const TOLERANCE = 1e-6;

function byBaseline(
  target: number,
  units: { code: string; baseline: number | null }[],
): Omit<AllocationResult, "sum" | "difference" | "adds_up" | "basis" | "target"> {
  const total = units.reduce((a, u) => a + (u.baseline ?? 0), 0);
  const problems: AllocationResult["problems"] = [];
  const missing = units.filter((u) => u.baseline === null).map((u) => u.code);
  if (missing.length)
    problems.push({
      zh: `以下单位没有基期数，分得0：${missing.join("、")}`,
      en: `no baseline figure, so nothing allocated: ${missing.join(", ")}`,
    });
  if (total <= 0) {
    problems.push({
      zh: "基期合计为0，无法按基期比例分解；请改用 equal 或写明 shares",
      en: "the baseline total is 0: use --by equal or explicit shares",
    });
    return { rows: units.map((u) => ({ code: u.code, share: 0, amount: 0, baseline: u.baseline })), problems };
  }
  const rows = units.map((u) => {
    const share = (u.baseline ?? 0) / total;
    return { code: u.code, share, amount: target * share, baseline: u.baseline };
  });
  return { rows, problems };
}

/** Split `target` among `units` by the spec; report shares or amounts that do not add up. */
export function allocate(target: number, units: { code: string; baseline: number | null }[], spec: AllocationSpec): AllocationResult {
  let basis: AllocationResult["basis"];
  let rows: AllocationRow[];
  let problems: AllocationResult["problems"] = [];
  const baseline = new Map(units.map((u) => [u.code, u.baseline]));
  if (spec.amounts) {
    basis = "amounts";
    rows = Object.entries(spec.amounts).map(([code, amount]) => ({
      code,
      amount,
      share: target ? amount / target : null,
      baseline: baseline.get(code) ?? null,
    }));
  } else if (spec.shares) {
    basis = "shares";
    rows = Object.entries(spec.shares).map(([code, share]) => ({
      code,
      share,
      amount: target * share,
      baseline: baseline.get(code) ?? null,
    }));
  } else if (spec.by === "equal") {
    basis = "equal";
    rows = units.map((u) => ({ code: u.code, share: 1 / units.length, amount: target / units.length, baseline: u.baseline }));
  } else {
    basis = "baseline-share";
    ({ rows, problems } = byBaseline(target, units));
  }
  const sum = rows.reduce((a, r) => a + r.amount, 0);
  const difference = target - sum;
  const adds_up = Math.abs(difference) <= TOLERANCE * Math.max(1, Math.abs(target));
  if (!adds_up)
    problems.push({
      zh: `分解合计${formatNumber(sum, "zh")}与目标${formatNumber(target, "zh")}不一致（差${formatNumber(difference, "zh")}）`,
      en: `the allocations add up to ${formatNumber(sum, "en")}, not the target ${formatNumber(target, "en")} (difference ${formatNumber(difference, "en")})`,
    });
  const known = new Set(units.map((u) => u.code));
  const unknown = rows.filter((r) => units.length > 0 && !known.has(r.code)).map((r) => r.code);
  if (unknown.length)
    problems.push({
      zh: `以下单位在数据中没有出现：${unknown.join("、")}（检查名称是否与明细记录的乡镇一致）`,
      en: `not found in the data: ${unknown.join(", ")} (check the names match the records' towns)`,
    });
  return { basis, target, rows, sum, difference, adds_up, problems };
}

/** One allocation of a plan, applied: the indicator, and the split with its checks. */
export interface AppliedAllocation extends AllocationResult {
  indicator: string;
}

/**
 * Apply a plan's allocations to its children: each child without a target of its own (from a linked
 * plan) gets its allocated part of the indicator's target, marked "allocated". Baselines are the
 * children's figures in `baselineYear`. Returns the allocations with their checks; `children` are updated.
 */
export function applyAllocations(
  indicators: { id: string; target: number; target_year: number }[],
  allocations: ({ indicator: string } & AllocationSpec)[],
  children: {
    code: string;
    zh: string;
    series: Record<string, { year: number; value: number }[]>;
    targets: Record<string, { value: number; year: number; origin: "plan" | "allocated" }>;
  }[],
  baselineYear: number,
): AppliedAllocation[] {
  const out: AppliedAllocation[] = [];
  for (const spec of allocations) {
    const ind = indicators.find((i) => i.id === spec.indicator);
    if (!ind) continue;
    const units = children.map((c) => ({ code: c.code, baseline: c.series[ind.id]?.find((p) => p.year === baselineYear)?.value ?? null }));
    const result = allocate(ind.target, units, spec);
    for (const row of result.rows) {
      const child = children.find((c) => c.code === row.code || c.zh === row.code);
      if (child && !child.targets[ind.id]) child.targets[ind.id] = { value: row.amount, year: ind.target_year, origin: "allocated" };
    }
    out.push({ indicator: ind.id, ...result });
  }
  return out;
}
