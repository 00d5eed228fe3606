/**
 * A synthetic plan over the whole generated record set, for the benchmark (issue 17): the demo
 * plan's indicators, tasks and units (data/plans/wafangdian-2018-2020.yaml) with the region that
 * holds every county of the records: their province (XX0000) when they all lie in one, else the
 * root (100000, the whole country: domain/region.ts). The pages that grow with the region (the
 * enterprise list, the drill-down, data quality, the cascade) are then measured over 100 or 3,007
 * counties instead of one. The file is marked synthetic in its name, its id, its title, its
 * document number, its notes and `synthetic: true`; its targets are the county plan's, not anyone's.
 *
 * @example
 *   wholeRegion(["210281", "210282"]); // { code: "210000", zh: "全省（合成示例）", … }
 *   wholeRegionPlanYaml(readFileSync(DEMO_PLAN, "utf-8"), wholeRegion(codes));
 */
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { ROOT_REGION } from "../domain/region.ts";
import { REPO_ROOT } from "../lib/paths.ts";

/** The demo plan whose indicators and tasks the synthetic plan reuses. */
export const DEMO_PLAN = join(REPO_ROOT, "data", "plans", "wafangdian-2018-2020.yaml");

/** The synthetic plan's id (and file name: it says synthetic). */
export const WHOLE_PLAN_ID = "synthetic-whole-region-2018-2020";
export const WHOLE_PLAN_FILE = `${WHOLE_PLAN_ID}.yaml`;

export interface WholeRegion {
  code: string;
  zh: string;
  en: string;
}

const PLAIN = { zh: /（合成示例）$/, en: / \(synthetic\)$/ };

/** The smallest region holding every county code given: their province, or the root. */
export function wholeRegion(codes: Iterable<string>): WholeRegion {
  const provinces = new Set<string>();
  for (const c of codes) if (/^\d{6}$/.test(c)) provinces.add(c.slice(0, 2));
  if (provinces.size === 1) {
    const [p] = provinces;
    return { code: `${p}0000`, zh: "全省（合成示例）", en: "The whole province (synthetic)" };
  }
  return { code: ROOT_REGION, zh: "全国（合成示例）", en: "The whole country (synthetic)" };
}

/**
 * The demo plan file turned into the synthetic whole-region plan: same indicators, units and tasks;
 * the region, id, title and document replaced; the county's subregions, allocations and parents dropped.
 */
export function wholeRegionPlanYaml(demoPlanYaml: string, region: WholeRegion): string {
  const plan = parse(demoPlanYaml) as Record<string, unknown>;
  const out: Record<string, unknown> = {
    ...plan,
    id: WHOLE_PLAN_ID,
    title: {
      zh: `合成示例：${region.zh.replace(PLAIN.zh, "")}科技成果转化行动计划（基准测试用，沿用瓦房店市计划的指标与任务）`,
      en: `Synthetic: action plan for ${region.en.replace(PLAIN.en, "").toLowerCase()} (for the benchmark; the Wafangdian plan's indicators and tasks)`,
    },
    document: "合成示例（非正式文件）synthetic, not a real document",
    issuer: { zh: "合成示例", en: "synthetic" },
    region,
    synthetic: true,
    notes: [
      "合成示例计划，仅供性能基准测试（bench/national-plan.ts 生成）：地区为全部明细记录所在的地区，指标、目标与任务沿用瓦房店市计划，不是任何地方的真实计划。",
      "Synthetic plan for the benchmark only (written by bench/national-plan.ts): its region holds every record, its indicators, targets and tasks are the Wafangdian plan's; it is no real plan of any place.",
    ],
  };
  for (const key of ["parents", "parent", "subregions", "allocations"]) delete out[key];
  return `# 合成示例 synthetic: written by bench/national-plan.ts for the benchmark; not a real plan.\n${stringify(out, { lineWidth: 0 })}`;
}
