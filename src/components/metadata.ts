/**
 * An indicator's metadata block, as statistical dashboards show it: definition and 口径 (from the
 * plan file's `definition`, else its `note`), source agency (the plan's `source_agency`, else the
 * sources named in the current figures), periodicity, responsible units and, when the plan file
 * says, the next expected release.
 */
import type { Indicator } from "../../domain/plan.ts";
import { h } from "./dom.js";
import { formatDate, type Lang } from "./i18n.js";

const PERIODICITY = {
  annual: { zh: "年度", en: "Annual" },
  semiannual: { zh: "半年度", en: "Half-yearly" },
  quarterly: { zh: "季度", en: "Quarterly" },
  monthly: { zh: "月度", en: "Monthly" },
} as const;

export interface MetadataItem {
  key: string;
  label: string;
  value: string;
}

/** The block's rows (empty items left out), for the page and for tests. */
export function metadataItems(
  def: Partial<Indicator> | undefined,
  { lang, sources = [], units = [] }: { lang: Lang; sources?: string[]; units?: string[] },
): MetadataItem[] {
  const zh = lang === "zh";
  const sep = zh ? "、" : "; ";
  const definition = zh ? (def?.definition ?? def?.note) : (def?.definition_en ?? def?.note_en ?? def?.definition ?? def?.note);
  const agency = zh ? def?.source_agency : (def?.source_agency_en ?? def?.source_agency);
  const named = [...new Set(sources.map((s) => s.trim()).filter(Boolean))];
  const items: MetadataItem[] = [
    {
      key: "definition",
      label: zh ? "定义与口径" : "Definition",
      value: definition ?? (zh ? "计划文件未说明" : "Not stated in the plan file"),
    },
    {
      key: "agency",
      label: zh ? "数据来源单位" : "Source agency",
      value: agency ?? (named.length ? named.join(sep) : zh ? "未注明" : "Not stated"),
    },
    {
      key: "periodicity",
      label: zh ? "发布频率" : "Periodicity",
      value: def?.periodicity ? PERIODICITY[def.periodicity][lang] : zh ? "年度（按年报送）" : "Annual (reported by year)",
    },
    { key: "units", label: zh ? "责任单位" : "Responsible units", value: units.length ? units.join(sep) : zh ? "无" : "None" },
  ];
  if (def?.next_release)
    items.push({ key: "next_release", label: zh ? "预计下次发布" : "Next release expected", value: formatDate(def.next_release, lang) });
  return items;
}

export function metadataBlock(
  def: Partial<Indicator> | undefined,
  { lang, vintages = [], units = [] }: { lang: Lang; vintages?: { source: string | null; current: boolean }[]; units?: string[] },
): HTMLElement {
  const sources = vintages.filter((v) => v.current).map((v) => v.source ?? "");
  const items = metadataItems(def, { lang, sources, units });
  return h(
    "section",
    { class: "pm-meta", "aria-label": lang === "zh" ? "指标说明" : "About this indicator", "data-metadata": "" },
    h(
      "dl",
      null,
      items.map((i) => [h("dt", { "data-key": i.key }, i.label), h("dd", null, i.value)]),
    ),
  );
}
