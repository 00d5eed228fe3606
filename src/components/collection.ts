/**
 * The 报送情况 page's parts: the reporting summary, the per-unit table and the chase list, from
 * the reporting-status engine's output (assessment/reporting.ts) as src/data/collection.json.ts emits it.
 *
 * @example
 *   display(reportingCards(data.status, {lang}));
 */
import type { ReportingStatus, UnitReporting } from "../../assessment/reporting.ts";
import { h } from "./dom.js";
import { formatDate, formatPercent, type Lang } from "./i18n.js";
import { sortableTable } from "./table.js";

const STATE: Record<UnitReporting["state"], { zh: string; en: string }> = {
  on_time: { zh: "按时报送", en: "On time" },
  late: { zh: "逾期报送", en: "Late" },
  missing: { zh: "未报送", en: "Not reported" },
};

export function reportingState(state: UnitReporting["state"], { lang = "zh" as Lang } = {}): HTMLElement {
  return h("span", { class: `pm-report pm-report--${state}`, "data-state": state }, STATE[state][lang]);
}

/** One sentence with the DHIS2 reporting rate and on-time rate. */
export function reportingSentence(s: ReportingStatus, { lang = "zh" as Lang } = {}): HTMLElement {
  const deadline = s.deadline ? formatDate(s.deadline, lang) : null;
  return h(
    "p",
    { class: "pm-sentence", "data-rate": String(s.reporting_rate) },
    lang === "zh"
      ? `截至${formatDate(s.as_of, lang)}${deadline ? `（截止日期${deadline}）` : ""}，应报${s.expected}个单位，已报${s.reported}个，报送率${formatPercent(s.reporting_rate, lang)}；按时${s.on_time}个，及时率${formatPercent(s.reporting_rate_on_time, lang)}；逾期${s.late}个，未报${s.missing}个。`
      : `As of ${formatDate(s.as_of, lang)}${deadline ? ` (deadline ${deadline})` : ""}: ${s.expected} units expected, ${s.reported} reported, reporting rate ${formatPercent(s.reporting_rate, lang)}; ${s.on_time} on time, on-time rate ${formatPercent(s.reporting_rate_on_time, lang)}; ${s.late} late, ${s.missing} not reported.`,
  );
}

export function reportingCards(s: ReportingStatus, { lang = "zh" as Lang } = {}): HTMLElement {
  const card = (label: string, value: string, note: string, cls = "") =>
    h(
      "div",
      { class: `card pm-card ${cls}` },
      h("div", { class: "pm-card__title" }, label),
      h("div", { class: "pm-card__value" }, value),
      h("div", { class: "pm-card__meta" }, note),
    );
  const zh = lang === "zh";
  return h(
    "div",
    { class: "grid grid-cols-4 pm-cards" },
    card(
      zh ? "报送率" : "Reporting rate",
      formatPercent(s.reporting_rate, lang),
      zh ? `${s.reported}/${s.expected}个单位` : `${s.reported} of ${s.expected} units`,
    ),
    card(zh ? "及时率" : "On-time rate", formatPercent(s.reporting_rate_on_time, lang), zh ? `按时${s.on_time}个` : `${s.on_time} on time`),
    card(
      zh ? "逾期" : "Late",
      String(s.late),
      zh ? "个单位" : s.late === 1 ? "unit" : "units",
      s.late ? "pm-card--needs_acceleration" : "",
    ),
    card(
      zh ? "未报" : "Not reported",
      String(s.missing),
      zh ? "个单位" : s.missing === 1 ? "unit" : "units",
      s.missing ? "pm-card--off_track" : "",
    ),
  );
}

const names = (u: UnitReporting, lang: Lang) => u.missing_items.map((m) => m[lang]).join(lang === "zh" ? "、" : "; ");

export function reportingTable(s: ReportingStatus, { lang = "zh" as Lang } = {}): HTMLElement {
  const zh = lang === "zh";
  return sortableTable(s.units, {
    columns: [
      { key: "unit", label: zh ? "责任单位" : "Unit", value: (u: UnitReporting) => (zh ? u.unit_zh : u.unit_en) },
      { key: "requested", label: zh ? "征集项" : "Requested", value: (u: UnitReporting) => u.requested, align: "right" },
      { key: "received", label: zh ? "已收到" : "Received", value: (u: UnitReporting) => u.received, align: "right" },
      { key: "missing", label: zh ? "缺" : "Missing", value: (u: UnitReporting) => u.missing.length, align: "right" },
      {
        key: "first",
        label: zh ? "首次报送" : "First return",
        value: (u: UnitReporting) => u.first_submitted,
        format: (u: UnitReporting) => formatDate(u.first_submitted, lang, { time: true }),
        nowrap: true,
      },
      {
        key: "last",
        label: zh ? "最近报送" : "Last return",
        value: (u: UnitReporting) => u.last_submitted,
        format: (u: UnitReporting) => formatDate(u.last_submitted, lang, { time: true }),
        nowrap: true,
      },
      {
        key: "state",
        label: zh ? "状态" : "State",
        value: (u: UnitReporting) => u.state,
        format: (u: UnitReporting) => reportingState(u.state, { lang }),
        nowrap: true,
      },
    ],
  });
}

/** The chase list (催报名单): who has not reported, and who still owes items. */
export function chaseList(units: UnitReporting[], { lang = "zh" as Lang } = {}): HTMLElement {
  const zh = lang === "zh";
  if (units.length === 0) return h("p", { class: "pm-sentence" }, zh ? "所有单位均已报齐。" : "Every unit has returned every item.");
  return h(
    "ol",
    { class: "pm-chase" },
    ...units.map((u) =>
      h(
        "li",
        { "data-unit": u.unit },
        h("strong", null, zh ? u.unit_zh : u.unit_en),
        " — ",
        u.state === "missing"
          ? zh
            ? `未报送（征集${u.requested}项）`
            : `nothing returned (${u.requested} item(s) requested)`
          : zh
            ? `缺${u.missing.length}项：${names(u, lang)}`
            : `${u.missing.length} item(s) missing: ${names(u, lang)}`,
      ),
    ),
  );
}
