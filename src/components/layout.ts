/**
 * The frame of every page: navigation, the language switch and, when the figures are synthetic,
 * the banner that says so. Framework's own sidebar is off because its labels cannot change language.
 */
import type { SiteMeta } from "../../pipelines/site/types.ts";
import { h } from "./dom.js";
import { type Lang, LANG_KEY, langHref } from "./i18n.js";
import { t, type UiKey } from "./ui.js";

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
  | "collection";

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

/** The language switch: a link to the same page in the other language; the choice is remembered. */
export function languageSwitch(lang: Lang): HTMLElement {
  const other: Lang = lang === "zh" ? "en" : "zh";
  const page = location.pathname.replace(/^.*\//, "") || "index.html";
  return h(
    "a",
    {
      class: "pm-lang",
      href: langHref(page, other) + location.hash,
      hreflang: other === "zh" ? "zh-CN" : "en",
      title: t("switchTitle", lang),
      "data-lang-switch": other,
      onclick: () => {
        try {
          localStorage.setItem(LANG_KEY, other);
        } catch {
          // The URL carries the choice when storage is disabled.
        }
      },
    },
    t("switchTo", lang),
  );
}

/**
 * Navigation, language switch and banner. `base` is the path from the page to the site root
 * ("./" for top-level pages, "../" for indicator pages).
 */
export function pageHeader(
  meta: Pick<SiteMeta, "synthetic" | "official"> & Partial<Pick<SiteMeta, "plans" | "plan_set" | "plan_id">>,
  { page, lang = "zh" as Lang, base = "./", title }: { page: PageId; lang?: Lang; base?: string; title?: string },
): HTMLElement {
  if (title) document.title = `${title} · ${t("app", lang)}`;
  return h(
    "div",
    { class: "pm-top" },
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
  );
}
