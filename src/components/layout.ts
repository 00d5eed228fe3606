/**
 * The frame of every page (the shared page shell): a skip link, navigation, the language switch
 * (which keeps the view's URL parameters), when the figures are synthetic the banner that says
 * so, and the "last updated" stamp. Framework's own sidebar is off because its labels cannot
 * change language. New pages get all of it from `pageHeader`.
 */
import type { SiteMeta } from "../../pipelines/site/types.ts";
import { asOfControl } from "./asof.js";
import { h } from "./dom.js";
import { formatDate, type Lang, LANG_KEY, langHref } from "./i18n.js";
import { t, type UiKey } from "./ui.js";
import { viewQuery } from "./url.js";

export type PageId =
  | "cascade"
  | "index"
  | "gaps"
  | "tasks"
  | "drilldown"
  | "enterprises"
  | "data-quality"
  | "methodology"
  | "indicator"
  | "assessment"
  | "collection"
  | "notfound";

const NAV: { id: PageId; key?: UiKey; label?: { zh: string; en: string }; href: string }[] = [
  { id: "index", key: "overview", href: "index.html" },
  { id: "gaps", key: "gaps", href: "gaps.html" },
  { id: "tasks", key: "tasks", href: "tasks.html" },
  { id: "drilldown", key: "drilldown", href: "drilldown.html" },
  { id: "cascade", key: "cascade", href: "cascade.html" },
  { id: "enterprises", key: "enterprises", href: "enterprises.html" },
  { id: "data-quality", key: "dataQuality", href: "data-quality.html" },
  { id: "collection", label: { zh: "报送情况", en: "Reporting" }, href: "collection.html" },
  { id: "methodology", key: "methodology", href: "methodology.html" },
  { id: "assessment", label: { zh: "评估报告", en: "Assessment report" }, href: "assessment.html" },
];

/** The synthetic-data banner, in both languages so it cannot be missed whichever is chosen. */
export function syntheticBanner(meta: Pick<SiteMeta, "synthetic">, { lang = "zh" as Lang } = {}): HTMLElement | null {
  if (!meta.synthetic) return null;
  const other: Lang = lang === "zh" ? "en" : "zh";
  return h(
    "div",
    { class: "pm-banner", role: "note", "data-synthetic": "true" },
    h("strong", null, t("synthetic", lang)),
    " · ",
    h("span", { lang: other === "zh" ? "zh-CN" : "en" }, t("synthetic", other)),
    h("div", { class: "pm-banner__detail" }, t("syntheticDetail", lang)),
  );
}

/** The label for official published figures, with their sources (the synthetic banner's counterpart). */
export function officialBanner(meta: Pick<SiteMeta, "official">, { lang = "zh" as Lang } = {}): HTMLElement | null {
  if (!meta.official) return null;
  const sources = meta.official.sources;
  return h(
    "details",
    { class: "pm-banner pm-banner--official", role: "note", "data-official": "true" },
    h(
      "summary",
      null,
      h("strong", null, t("official", lang)),
      " · ",
      lang === "zh" ? `来源：${sources.length}份公开文件` : `source: ${sources.length} published documents`,
    ),
    h("div", { class: "pm-banner__detail" }, t("officialDetail", lang)),
    h(
      "ul",
      { class: "pm-banner__sources" },
      sources.map((s) => h("li", null, s)),
    ),
  );
}

/**
 * With `build --all-plans`, links to the other plans' dashboards (sibling folders named by plan id),
 * the current plan marked; nothing when the site serves one plan.
 */
export function planSwitch(
  meta: Pick<SiteMeta, "plans" | "plan_set" | "plan_id">,
  { lang = "zh" as Lang, base = "./", page = "index.html" } = {},
): HTMLElement | null {
  const plans = meta.plans ?? [];
  if (!meta.plan_set || plans.length < 2) return null;
  return h(
    "nav",
    { class: "pm-plans", "aria-label": lang === "zh" ? "切换计划" : "Switch plan" },
    lang === "zh" ? "计划：" : "Plan: ",
    plans.map((p) =>
      p.id === meta.plan_id
        ? h("strong", { "aria-current": "true" }, lang === "zh" ? p.title_zh : p.title_en)
        : h(
            "a",
            { href: langHref(`${base}../${encodeURIComponent(p.id)}/${page}`, lang), "data-plan": p.id },
            lang === "zh" ? p.title_zh : p.title_en,
          ),
    ),
  );
}

/** The language switch: a link to the same view in the other language; the choice is remembered. */
export function languageSwitch(lang: Lang): HTMLElement {
  const other: Lang = lang === "zh" ? "en" : "zh";
  const page = location.pathname.replace(/^.*\//, "") || "index.html";
  // Filters, sort and inputs live in the URL; the link picks them up when it is used.
  const target = () => langHref(page, other) + viewQuery(location.search) + location.hash;
  const link = h(
    "a",
    {
      class: "pm-lang",
      href: target(),
      hreflang: other === "zh" ? "zh-CN" : "en",
      title: t("switchTitle", lang),
      "data-lang-switch": other,
      onfocus: () => link.setAttribute("href", target()),
      onmouseenter: () => link.setAttribute("href", target()),
      onclick: () => {
        link.setAttribute("href", target());
        try {
          localStorage.setItem(LANG_KEY, other);
        } catch {
          // The URL carries the choice when storage is disabled.
        }
      },
    },
    t("switchTo", lang),
  );
  return link;
}

/** When the data were last updated: the newest publication, the newest file read, the build time. */
export function updatedStamp(meta: Pick<SiteMeta, "latest_published" | "latest_ingest" | "built_at">, lang: Lang): HTMLElement {
  const sep = lang === "zh" ? "；" : "; ";
  const colon = lang === "zh" ? "：" : ": ";
  const parts = [
    meta.latest_published ? `${t("latestPublication", lang)}${colon}${formatDate(meta.latest_published.date, lang)}` : null,
    meta.latest_ingest ? `${t("latestIngest", lang)}${colon}${formatDate(meta.latest_ingest.at, lang)}` : null,
    `${t("builtAt", lang)}${colon}${formatDate(meta.built_at, lang, { time: true })}`,
  ].filter(Boolean);
  return h("p", { class: "pm-stamp", "data-updated": meta.built_at }, `${t("lastUpdated", lang)}${colon}`, parts.join(sep));
}

/**
 * Navigation, language switch and banner. `base` is the path from the page to the site root
 * ("./" for top-level pages, "../" for indicator pages).
 */
export function pageHeader(
  meta: Pick<SiteMeta, "synthetic" | "official"> &
    Partial<Pick<SiteMeta, "plans" | "plan_set" | "plan_id" | "latest_published" | "latest_ingest" | "built_at">>,
  {
    page,
    lang = "zh" as Lang,
    base = "./",
    title,
    asOf = false,
  }: {
    page: PageId;
    lang?: Lang;
    base?: string;
    title?: string;
    /** True when the page re-assesses for the URL's as-of date (asof.ts); else it says it shows the latest data. */
    asOf?: boolean;
  },
): HTMLElement {
  if (title) document.title = `${title} · ${t("app", lang)}`;
  return h(
    "div",
    { class: "pm-top" },
    h("a", { class: "pm-skip", href: "#pm-content" }, lang === "zh" ? "跳到正文" : "Skip to content"),
    h(
      "nav",
      { class: "pm-nav", "aria-label": lang === "zh" ? "页面导航" : "Pages" },
      h("a", { class: "pm-nav__brand", href: langHref(`${base}index.html`, lang) }, t("app", lang)),
      NAV.map((n) =>
        h(
          "a",
          {
            href: langHref(`${base}${n.href}`, lang),
            class: n.id === page ? "pm-nav__link pm-nav__link--active" : "pm-nav__link",
            "aria-current": n.id === page ? "page" : null,
          },
          n.key ? t(n.key, lang) : (n.label?.[lang] ?? ""),
        ),
      ),
      languageSwitch(lang),
    ),
    meta.plan_id ? planSwitch({ plan_id: meta.plan_id, plans: meta.plans, plan_set: meta.plan_set }, { lang, base }) : null,
    syntheticBanner(meta, { lang }),
    officialBanner(meta, { lang }),
    meta.built_at ? updatedStamp(meta as Pick<SiteMeta, "latest_published" | "latest_ingest" | "built_at">, lang) : null,
    page === "notfound" ? null : asOfControl({ lang, supported: asOf }),
    h("span", { id: "pm-content", tabindex: "-1" }),
  );
}
