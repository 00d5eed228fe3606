/**
 * A sortable table whose cells are text nodes (or nodes built with `h`), so every value from a
 * data file is rendered as text. Columns say how to read (`value`), show (`format`) and sort a row.
 */
import { h } from "./dom.js";

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

export function sortableTable<T>(
  rows: T[],
  {
    columns,
    caption,
    sort,
    className = "",
    empty = "—",
  }: { columns: Column<T>[]; caption?: string; sort?: { key: string; direction?: 1 | -1 }; className?: string; empty?: string },
): HTMLElement {
  let state: { key: string; direction: 1 | -1 } | null = sort ? { key: sort.key, direction: sort.direction ?? 1 } : null;
  const tbody = h("tbody");
  const headers = columns.map((c) => {
    const th = h("th", { scope: "col", class: `pm-align-${c.align ?? "left"}` });
    if (c.sortable === false) th.textContent = c.label;
    else {
      th.append(
        h(
          "button",
          {
            type: "button",
            class: "pm-sort",
            onclick: () => {
              state = state?.key === c.key ? { key: c.key, direction: state.direction === 1 ? -1 : 1 } : { key: c.key, direction: 1 };
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
                  { class: `pm-align-${c.align ?? "left"}` },
                  shown == null || shown === "" ? "—" : shown instanceof Node ? shown : String(shown),
                );
              }),
            ),
          )
        : [h("tr", null, h("td", { colspan: columns.length, class: "pm-empty" }, empty))]),
    );
  }
  render();
  return h(
    "div",
    { class: `pm-table-wrap ${className}`.trim() },
    h("table", { class: "pm-table" }, caption ? h("caption", null, caption) : null, h("thead", null, h("tr", null, headers)), tbody),
  );
}
