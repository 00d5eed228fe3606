/**
 * Permalinks: a page's view (filters, sort, what-if inputs, drill-down choices, language, as-of
 * date) lives in the query string, so a copied URL opens the same view. Writing replaces the
 * history entry (no back-button trail of every keystroke); an empty value removes the parameter.
 *
 * @example
 *   readParam("status");              // "off_track" for gaps.html?status=off_track
 *   writeParams({ status: "", sort: "name:-1" }); // gaps.html?sort=name%3A-1
 */

/** The value of one query parameter, or null. */
export function readParam(key: string): string | null {
  if (typeof window === "undefined") return null;
  return new URLSearchParams(window.location.search).get(key);
}

/** A query parameter as a finite number, or null. */
export function readNumberParam(key: string): number | null {
  const raw = readParam(key);
  if (raw == null || raw.trim() === "") return null;
  const n = Number(raw);
  return Number.isFinite(n) ? n : null;
}

/** Set (or, with "" / null, remove) query parameters in place, keeping the others and the hash. */
export function writeParams(values: Record<string, string | number | null | undefined>): void {
  if (typeof window === "undefined") return;
  const url = new URL(window.location.href);
  for (const [key, value] of Object.entries(values)) {
    if (value == null || value === "") url.searchParams.delete(key);
    else url.searchParams.set(key, String(value));
  }
  if (url.href !== window.location.href) window.history.replaceState(window.history.state, "", url.href);
}

/** The page's query string without `lang` (what a language switch carries over), with "?" or "". */
export function viewQuery(search: string, drop: string[] = ["lang"]): string {
  const params = new URLSearchParams(search);
  for (const key of drop) params.delete(key);
  const s = params.toString();
  return s ? `&${s}` : "";
}
