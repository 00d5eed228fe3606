/**
 * The two languages every user-facing text comes in, and the helpers to choose between them.
 * DOM-free and dependency-free: used by the CLI, the engine's reasons, the exports and the site.
 *
 * @example
 *   t("en", "已完成", "Achieved");          // "Achieved"
 *   pick({ zh: "指标", en: "Indicator" }, "zh"); // "指标"
 *   parseLang("fr");                          // null
 */
export type Lang = "zh" | "en";

export const LANGS: readonly Lang[] = ["zh", "en"];

/** "zh" or "en", or null for anything else. */
export function parseLang(value: string | null | undefined): Lang | null {
  return value === "zh" || value === "en" ? value : null;
}

/** The text for the language. */
export function t(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? zh : en;
}

/** The text for the language from {zh, en}, falling back to Chinese when English is missing. */
export function pick(text: { zh: string; en?: string } | null | undefined, lang: Lang): string {
  if (!text) return "";
  return lang === "en" ? (text.en ?? text.zh) : text.zh;
}

/** A message in both languages, the reader's language first (CLI errors and warnings). */
export function bilingual(lang: Lang, zh: string, en: string): string {
  return lang === "zh" ? `${zh}\n  ${en}` : `${en}\n  ${zh}`;
}
