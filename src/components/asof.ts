/**
 * The as-of selector: pick a past date and the page shows what was known then. The date lives in
 * the URL (?asof=YYYY-MM-DD). Pages that assess (overview, gaps, indicator pages) re-run the
 * engine in the browser on the vintages published by that date (the same assessPlan as the CLI's
 * --as-of); the other pages say they show the latest data.
 *
 * @example
 *   const asOf = readAsOf();                       // "2020-06-30" for ?asof=2020-06-30, else null
 *   const a = asOf ? engine.assessPlan(plan, points, { asOf }) : await current;
 */
import { h } from "./dom.js";
import { formatDate, type Lang } from "./i18n.js";
import { readParam } from "./url.js";

/** A real calendar date YYYY-MM-DD, or null. */
export function parseAsOf(raw: string | null | undefined): string | null {
  if (!raw || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const d = new Date(`${raw}T00:00:00Z`);
  return Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== raw ? null : raw;
}

/** The page's as-of date from the URL, or null for "now". */
export function readAsOf(): string | null {
  return parseAsOf(readParam("asof"));
}

/** The URL of this page with another as-of date (null: the latest data). */
export function asOfHref(href: string, asOf: string | null): string {
  const url = new URL(href);
  if (asOf) url.searchParams.set("asof", asOf);
  else url.searchParams.delete("asof");
  return url.href;
}

/**
 * The selector in the page shell: a date box that reloads the page as of that date, a link back to
 * the latest data, and, on pages that cannot go back in time, a note saying so.
 */
export function asOfControl({ lang, supported }: { lang: Lang; supported: boolean }): HTMLElement {
  const zh = lang === "zh";
  const current = readAsOf();
  const input = h("input", {
    type: "date",
    value: current ?? "",
    max: new Date().toISOString().slice(0, 10),
    "data-asof-input": "",
    onchange: () => {
      const value = parseAsOf(input.value);
      if (value || input.value === "") location.href = asOfHref(location.href, value);
    },
  });
  return h(
    "div",
    { class: "pm-asof", "data-asof": current ?? "" },
    h("label", null, h("span", null, zh ? "查看历史：数据截至" : "View as of"), input),
    current
      ? h(
          "span",
          { class: supported ? "pm-asof__note" : "pm-asof__note pm-asof__note--warn", role: "status" },
          supported
            ? zh
              ? `本页显示截至${formatDate(current, lang)}已发布的数据和当时的评估。`
              : `This page shows the figures published by ${formatDate(current, lang)} and the assessment then.`
            : zh
              ? "本页不随截至日期变化，显示最新数据。"
              : "This page does not go back in time; it shows the latest data.",
          " ",
          h("a", { href: asOfHref(location.href, null), "data-asof-clear": "" }, zh ? "回到最新" : "Back to the latest"),
        )
      : null,
  );
}

/**
 * The assessment a page shows: the built one, or for an as-of date the engine's assessment of the
 * vintages published by then (loaded only when asked). The loaders are the page's FileAttachments.
 */
export async function assessmentAsOf<A>(
  asOf: string | null,
  load: { current: () => Promise<A>; plan: () => Promise<unknown>; points: () => Promise<unknown[]>; engine: () => string },
): Promise<A> {
  if (!asOf) return load.current();
  const [plan, points, engine] = await Promise.all([load.plan(), load.points(), import(/* @vite-ignore */ load.engine())]);
  return engine.assessPlan(plan, points, { asOf }) as A;
}
