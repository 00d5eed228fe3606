/**
 * The cascade page's pieces: origin and status labels, one indicator's card (the parent's figure,
 * the sentence, whether the children's targets add up) and its children's table. Data first, options
 * last; the numbers come from the engine (assessment/cascade.ts) through src/data/cascade.json.
 */
import type { CascadeChildRow, ChildStatus, Figure, Origin } from "../../assessment/cascade.ts";
import { CHILD_STATUS_LABEL, childStatusColour, childStatusWord, ORIGIN_LABEL } from "../lib/cascade-words.js";
import type { CascadeReport } from "../../pipelines/site/types.ts";
import { h } from "./dom.js";
import { formatNumber, formatPercent, formatValue, type Lang } from "./i18n.js";
import { type Column, sortableTable } from "./table.js";

/** Where a figure comes from, in both languages (lib/cascade-words.ts, shared with the CLI). */
export const ORIGIN = ORIGIN_LABEL;

type IndicatorReport = CascadeReport["indicators"][number];

/** The indicator's unit, for values written as lib/format.ts does ("103家" / "103 enterprises"). */
type UnitOf = Pick<IndicatorReport, "unit" | "unit_en">;

/** A value in the indicator's unit: counts whole, amounts with their magnitude. */
const valueText = (x: number | null | undefined, u: UnitOf, lang: Lang): string => formatValue(x, u.unit, lang, { unit_en: u.unit_en });

/** A figure with its year and an origin badge ("reported", "rolled up 1/2", ...). */
export function figureCell(f: Figure | null, u: UnitOf, { lang = "zh" as Lang } = {}): HTMLElement | string {
  if (!f) return "—";
  const cov = f.coverage ? ` ${f.coverage.present}/${f.coverage.children}` : "";
  return h(
    "span",
    { class: "pm-figure", title: f.source ?? "" },
    `${valueText(f.value, u, lang)} `,
    h("small", null, lang === "zh" ? `（${f.year}年）` : `(${f.year})`),
    " ",
    h("span", { class: `pm-origin pm-origin--${f.origin}`, "data-origin": f.origin }, `${ORIGIN[f.origin][lang]}${cov}`),
  );
}

/**
 * A level's status word (lib/cascade-words.ts): once the cascade's year has reached the target year,
 * "in progress" (a figure before the target year) says instead that the target-year figure is missing.
 */
export function statusBadge(s: ChildStatus, { lang = "zh" as Lang, awaiting = null as number | null } = {}): HTMLElement {
  return h(
    "span",
    { class: "pm-status-word", style: `border-left: 6px solid ${childStatusColour(s, awaiting)}; padding-left: 4px`, "data-status": s },
    childStatusWord(s, awaiting, lang),
  );
}

function childColumns(r: IndicatorReport, lang: Lang): Column<CascadeChildRow>[] {
  const zh = lang === "zh";
  const base: Column<CascadeChildRow>[] = [
    {
      key: "name",
      label: zh ? "下级" : "Child",
      value: (c) => c.code,
      format: (c) => `${zh ? c.zh : c.en}${c.code !== c.zh ? ` ${c.code}` : ""}`,
    },
    {
      key: "latest",
      label: zh ? "最新值" : "Latest",
      value: (c) => c.latest?.value ?? null,
      format: (c) => figureCell(c.latest, r, { lang }),
      align: "right",
    },
    {
      key: "target",
      label: zh ? "目标" : "Target",
      value: (c) => c.target?.value ?? null,
      format: (c) => (c.target ? h("span", null, figureCell(c.target, r, { lang }), c.target_year_differs ? " *" : "") : "—"),
      align: "right",
    },
    {
      key: "status",
      label: zh ? "状态" : "Status",
      value: (c) => c.status,
      format: (c) => statusBadge(c.status, { lang, awaiting: c.awaiting_year }),
    },
  ];
  if (r.rollup === "ratio")
    return [
      ...base,
      {
        key: "line",
        label: zh ? "对照本级目标线" : "Against this level's line",
        value: (c) => (c.meets_parent_target === null ? null : Number(c.meets_parent_target)),
        format: (c) => (c.meets_parent_target === null ? "—" : c.meets_parent_target ? (zh ? "达到" : "meets") : zh ? "低于" : "below"),
      },
    ];
  const pct = (k: keyof CascadeChildRow, label: string): Column<CascadeChildRow> => ({
    key: k,
    label,
    value: (c) => c[k] as number | null,
    format: (c) => formatPercent(c[k] as number | null, lang),
    align: "right",
  });
  return [
    ...base,
    pct("share_of_parent_value", zh ? "占本级数值" : "Share of value"),
    pct("share_of_parent_target", zh ? "占本级目标" : "Share of target"),
    {
      key: "contribution",
      label: zh ? "完成自身目标可补缺口" : "Would close of the gap",
      value: (c) => c.contribution_to_parent_gap,
      format: (c) => valueText(c.contribution_to_parent_gap, r, lang),
      align: "right",
    },
    pct("share_of_parent_gap", zh ? "占缺口" : "Share of gap"),
  ];
}

function addUpLine(r: IndicatorReport, lang: Lang): HTMLElement | null {
  const t = r.targets_add_up;
  const zh = lang === "zh";
  if (!t)
    return r.rollup === "ratio"
      ? h(
          "p",
          { class: "pm-note" },
          zh
            ? "比率指标：下级数值和目标不相加，各自与本级目标线比较。"
            : "A ratio: the children's values and targets do not add up; each is compared with this level's target line.",
        )
      : null;
  if (t.children_with_target === 0)
    return h(
      "p",
      { class: "pm-note" },
      zh
        ? "下级均无目标（无下级计划或分解），无法核对下级目标之和。"
        : "No child has a target (no child plan or allocation): nothing to add up.",
    );
  return h(
    "p",
    { class: "pm-note", "data-adds-up": String(t.adds_up) },
    zh
      ? `下级目标合计${valueText(t.sum, r, lang)}（${t.children}个下级中${t.children_with_target}个有目标），本级目标${valueText(t.parent_target, r, lang)}，差${valueText(t.shortfall, r, lang)}：${t.adds_up ? "相符" : "不相符"}。`
      : `The children's targets sum to ${valueText(t.sum, r, lang)} (${t.children_with_target} of ${t.children} have one); this level's target is ${valueText(t.parent_target, r, lang)}; shortfall ${valueText(t.shortfall, r, lang)}: ${t.adds_up ? "adds up" : "does not add up"}.`,
  );
}

/** One indicator of the cascade: this level, the sentence, the add-up check and the children. */
export function cascadeCard(
  r: IndicatorReport,
  {
    lang = "zh" as Lang,
    verdict = null as HTMLElement | null,
  }: {
    lang?: Lang;
    /** This level's one verdict (the overview's badge, verdict.ts), shown instead of the cascade's status word. */
    verdict?: HTMLElement | null;
  } = {},
): HTMLElement {
  const zh = lang === "zh";
  const own = r.parent.latest ?? r.parent.rolled_up;
  return h(
    "section",
    { class: "card pm-cascade", "data-indicator": r.id },
    h(
      "h2",
      null,
      `${zh ? r.zh : r.en} `,
      h("small", null, `${zh ? r.unit : r.unit_en} · ${r.rollup === "sum" ? (zh ? "可加总" : "summable") : zh ? "比率" : "ratio"}`),
    ),
    h(
      "p",
      null,
      zh ? "本级：" : "This level: ",
      figureCell(own, r, { lang }),
      zh ? " · 目标：" : " · target: ",
      figureCell(r.parent.target, r, { lang }),
      " ",
      verdict ?? statusBadge(r.parent.status, { lang, awaiting: r.parent.awaiting_year }),
      r.parent.latest && r.parent.rolled_up
        ? h("span", null, zh ? " · 下级合计：" : " · children summed: ", figureCell(r.parent.rolled_up, r, { lang }))
        : "",
    ),
    h("p", { class: "pm-sentence" }, zh ? r.summary.zh : r.summary.en),
    addUpLine(r, lang),
    r.children.length
      ? sortableTable(r.children, { columns: childColumns(r, lang) })
      : h("p", null, zh ? "没有下级数据。" : "No children in the data."),
  );
}

/** Chinese headers and values for the cascade CSV of a Chinese page. */
const ZH_CASCADE: Record<string, string> = {
  indicator: "指标代码",
  level: "层级",
  region: "区划代码",
  name: "名称",
  year: "年份",
  value: "数值",
  value_origin: "数值来历",
  target: "目标",
  target_year: "目标年份",
  target_origin: "目标来历",
  status: "状态",
  gap: "差距",
  share_of_parent_value: "占本级数值",
  share_of_parent_target: "占本级目标",
  contribution_to_parent_gap: "完成自身目标可补缺口",
  share_of_parent_gap: "占缺口",
  meets_parent_target: "达到本级目标线",
};

/** One CSV row as people read it: on a Chinese page Chinese headers and words, shares to 4 decimals. */
function peopleRow(row: Record<string, unknown>, lang: Lang): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(row)) {
    let v = raw;
    if (typeof v === "number" && /^share_/.test(k)) v = Math.round(v * 1e4) / 1e4;
    else if (typeof v === "number" && /^(value|target|gap|contribution_to_parent_gap)$/.test(k)) v = Number(formatNumber(v, "zh"));
    if (lang === "zh") {
      if (k === "level") v = v === "parent" ? "本级" : "下级";
      else if (/_origin$/.test(k) && typeof v === "string") v = ORIGIN[v as Origin]?.zh ?? v;
      else if (k === "status" && typeof v === "string") v = CHILD_STATUS_LABEL[v as ChildStatus]?.zh ?? v;
      else if (typeof v === "boolean") v = v ? "是" : "否";
    }
    out[lang === "zh" ? (ZH_CASCADE[k] ?? k) : k] = v;
  }
  return out;
}

/**
 * The cascade as flat rows for the CSV download: in English the columns of `plan-monitor cascade
 * --format csv` with English names; in Chinese, Chinese headers, names and words.
 */
export function cascadeRows(c: CascadeReport, lang: Lang = "en"): Record<string, unknown>[] {
  return cascadeRawRows(c, lang).map((r) => peopleRow(r, lang));
}

function cascadeRawRows(c: CascadeReport, lang: Lang): Record<string, unknown>[] {
  return c.indicators.flatMap((r) => {
    const own = r.parent.latest ?? r.parent.rolled_up;
    const parent = {
      indicator: r.id,
      level: "parent",
      region: c.region.code,
      name: lang === "zh" ? c.region.zh : c.region.en,
      year: own?.year,
      value: own?.value,
      value_origin: own?.origin,
      target: r.parent.target.value,
      target_year: r.parent.target.year,
      target_origin: "plan",
      status: r.parent.status,
      gap: r.parent.gap,
    };
    const kids = r.children.map((ch) => ({
      indicator: r.id,
      level: "child",
      region: ch.code,
      name: lang === "zh" ? ch.zh : ch.en,
      year: ch.latest?.year,
      value: ch.latest?.value,
      value_origin: ch.latest?.origin,
      target: ch.target?.value,
      target_year: ch.target?.year,
      target_origin: ch.target?.origin,
      status: ch.status,
      gap: ch.gap,
      share_of_parent_value: ch.share_of_parent_value,
      share_of_parent_target: ch.share_of_parent_target,
      contribution_to_parent_gap: ch.contribution_to_parent_gap,
      share_of_parent_gap: ch.share_of_parent_gap,
      meets_parent_target: ch.meets_parent_target,
    }));
    return [parent, ...kids];
  });
}
