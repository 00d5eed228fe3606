/**
 * A sortable table whose cells are text nodes (or nodes built with `h`), so every value from a
 * data file is rendered as text. Columns say how to read (`value`), show (`format`) and sort a row.
 * The whole header cell is the sort button (mouse and keyboard). On phones the rows become stacked
 * cards, each cell labelled with its column (style.css, `data-label`). Options: `param` keeps the
 * sort in the URL; `download` adds "download what you see": the rows in the order and rounding shown,
 * with the page's language in headers and values.
 */
import { toCsv } from "./csv.js";
import { h } from "./dom.js";
import { readParam, writeParams } from "./url.js";

export interface Column<T> {
  key: string;
  label: string;
  /** The raw value, used to sort (numbers sort numerically, nulls last). */
  value: (row: T) => unknown;
  /** What to show: text or a node. Default: String(value). */
  format?: (row: T) => string | Node | null | undefined;
  align?: "left" | "right" | "center";
  /** Keep the cell on one line (years, dates, short codes). */
  nowrap?: boolean;
  sortable?: boolean;
}

function compare(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  return String(a).localeCompare(String(b), "zh-CN");
}

/** Sort rows by a column; stable; nulls last in both directions. */
export function sortRows<T>(rows: T[], column: Pick<Column<T>, "value">, direction: 1 | -1): T[] {
  return rows
    .map((row, i) => ({ row, i, v: column.value(row) }))
    .sort((x, y) => {
      const xn = x.v == null || (typeof x.v === "number" && !Number.isFinite(x.v));
      const yn = y.v == null || (typeof y.v === "number" && !Number.isFinite(y.v));
      if (xn || yn) return xn === yn ? x.i - y.i : xn ? 1 : -1;
      return direction * compare(x.v, y.v) || x.i - y.i;
    })
    .map((x) => x.row);
}

/** "key:-1" -> {key, direction}; null when absent or not a column. */
export function parseSort(raw: string | null, keys: string[]): { key: string; direction: 1 | -1 } | null {
  if (!raw) return null;
  const [key, dir] = raw.split(":");
  return keys.includes(key) ? { key, direction: dir === "-1" ? -1 : 1 } : null;
}

/** The text a cell shows, line breaks as " · " (what "download what you see" writes). */
export function shownText(cell: Element): string {
  const copy = cell.cloneNode(true) as Element;
  for (const br of copy.querySelectorAll("br")) br.replaceWith(" · ");
  for (const hidden of copy.querySelectorAll("[aria-hidden='true']")) hidden.remove();
  return (copy.textContent ?? "").replace(/\s+/g, " ").trim();
}

/** The table as displayed: header labels and cell texts, row by row. */
export function tableAsShown(table: HTMLTableElement): { header: string[]; rows: string[][] } {
  const header = [...table.querySelectorAll("thead th")].map(shownText);
  const rows = [...table.querySelectorAll("tbody tr")]
    .filter((tr) => !tr.querySelector(".pm-empty"))
    .map((tr) => [...tr.querySelectorAll("td")].map(shownText));
  return { header, rows };
}

/** A button that downloads a table of texts ({header, rows}, read when clicked) as a CSV. */
export function csvButton(
  get: () => { header: string[]; rows: string[][] } | null,
  { filename, label }: { filename: string; label: string },
): HTMLElement {
  return h(
    "button",
    {
      type: "button",
      class: "pm-download",
      "data-download-shown": filename,
      onclick: () => {
        const shown = get();
        if (!shown) return;
        const records = shown.rows.map((r) => Object.fromEntries(shown.header.map((k, i) => [k, r[i]])));
        saveBlob(new Blob([toCsv(records, shown.header)], { type: "text/csv;charset=utf-8" }), filename);
      },
    },
    label,
  );
}

/** A button that downloads the table as shown (filtered, sorted, rounded) as a CSV. */
export function shownCsvButton(getTable: () => HTMLTableElement | null, opts: { filename: string; label: string }): HTMLElement {
  return csvButton(() => {
    const table = getTable();
    return table ? tableAsShown(table) : null;
  }, opts);
}

/** Start a download of a blob under a file name. */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h("a", { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function sortableTable<T>(
  rows: T[],
  {
    columns,
    caption,
    sort,
    className = "",
    empty = "—",
    param,
    label,
    download,
  }: {
    columns: Column<T>[];
    caption?: string;
    sort?: { key: string; direction?: 1 | -1 };
    className?: string;
    /** What an empty table says: why it is empty and where to look instead. */
    empty?: string | Node;
    /** URL query parameter that keeps the sort ("key:1" / "key:-1"). */
    param?: string;
    /** Accessible name of the table's scroll region (default: the caption). */
    label?: string;
    /** "Download what you see": file name and button label. */
    download?: { filename: string; label: string };
  },
): HTMLElement {
  const initial = sort ? { key: sort.key, direction: sort.direction ?? 1 } : null;
  let state: { key: string; direction: 1 | -1 } | null =
    (param
      ? parseSort(
          readParam(param),
          columns.map((c) => c.key),
        )
      : null) ?? initial;
  const tbody = h("tbody");
  const headers = columns.map((c) => {
    const th = h("th", { scope: "col", class: `pm-align-${c.align ?? "left"}` });
    if (c.sortable === false) th.textContent = c.label;
    else {
      th.classList.add("pm-th-sort");
      th.append(
        h(
          "button",
          {
            type: "button",
            class: "pm-sort",
            onclick: () => {
              state = state?.key === c.key ? { key: c.key, direction: state.direction === 1 ? -1 : 1 } : { key: c.key, direction: 1 };
              if (param) {
                const same = initial && state.key === initial.key && state.direction === initial.direction;
                writeParams({ [param]: same ? "" : `${state.key}:${state.direction}` });
              }
              render();
            },
          },
          c.label,
          h("span", { class: "pm-sort__arrow", "aria-hidden": "true" }),
        ),
      );
    }
    return th;
  });
  function render() {
    const s = state;
    const column = s ? columns.find((c) => c.key === s.key) : undefined;
    const sorted = column && s ? sortRows(rows, column, s.direction) : rows;
    headers.forEach((th, i) => {
      const active = s?.key === columns[i].key;
      th.setAttribute("aria-sort", active && s ? (s.direction === 1 ? "ascending" : "descending") : "none");
      const arrow = th.querySelector(".pm-sort__arrow");
      if (arrow) arrow.textContent = active && s ? (s.direction === 1 ? " ▲" : " ▼") : "";
    });
    tbody.replaceChildren(
      ...(sorted.length
        ? sorted.map((row) =>
            h(
              "tr",
              null,
              columns.map((c) => {
                const shown = c.format ? c.format(row) : c.value(row);
                return h(
                  "td",
                  { class: `pm-align-${c.align ?? "left"}${c.nowrap ? " pm-nowrap" : ""}`, "data-label": c.label },
                  shown == null || shown === "" ? "—" : shown instanceof Node ? shown : String(shown),
                );
              }),
            ),
          )
        : [h("tr", { class: "pm-empty-row" }, h("td", { colspan: columns.length, class: "pm-empty", "data-empty": "" }, empty))]),
    );
  }
  render();
  const table = h(
    "table",
    { class: "pm-table pm-table--stack" },
    caption ? h("caption", null, caption) : null,
    h("thead", null, h("tr", null, headers)),
    tbody,
  );
  // A focusable, named region: keyboard users can scroll it if a narrow window still needs to.
  const wrap = h(
    "div",
    {
      class: `pm-table-wrap ${className}`.trim(),
      role: "region",
      tabindex: "0",
      "aria-label":
        label ??
        caption ??
        columns
          .map((c) => c.label)
          .slice(0, 3)
          .join(" · "),
    },
    table,
  );
  if (!download) return wrap;
  return h(
    "div",
    { class: "pm-table-block" },
    h(
      "div",
      { class: "pm-table-tools" },
      shownCsvButton(() => table, download),
    ),
    wrap,
  );
}
