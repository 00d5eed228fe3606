/**
 * Build DOM without parsing HTML: every string becomes a text node, so text from data files
 * (names, notes, sources, file names) can never run as markup, whatever it contains.
 *
 * @example
 *   h("p", { class: "note" }, "备注：", row.note); // a note "<img src=x onerror=alert(1)>" shows literally
 */
export type Child = Node | string | number | boolean | null | undefined | Child[];
export type Attrs = Record<string, unknown>;

function append(parent: Node, child: Child): void {
  if (child == null || child === false || child === true) return;
  if (Array.isArray(child)) for (const c of child) append(parent, c);
  else if (child instanceof Node) parent.appendChild(child);
  else parent.appendChild(document.createTextNode(String(child)));
}

function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (name.startsWith("on") && typeof value === "function") {
      el.addEventListener(name.slice(2).toLowerCase(), value as EventListener);
    } else if (name === "style" && typeof value === "object") {
      for (const [k, v] of Object.entries(value as Record<string, string | number | null>)) {
        if (v != null)
          (el as HTMLElement).style.setProperty(
            k.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`),
            String(v),
          );
      }
    } else if (name === "value" && "value" in el) {
      (el as HTMLInputElement).value = String(value);
    } else if (/^(href|src|action|formaction)$/i.test(name) && /^\s*javascript:/i.test(String(value))) {
    } else {
      el.setAttribute(name, value === true ? "" : String(value));
    }
  }
}

/** An HTML element with attributes and children (strings become text). */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs?: Attrs | null, ...children: Child[]): HTMLElementTagNameMap[K];
export function h(tag: string, attrs?: Attrs | null, ...children: Child[]): HTMLElement;
export function h(tag: string, attrs: Attrs | null = null, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  if (attrs) setAttrs(el, attrs);
  for (const c of children) append(el, c);
  return el;
}

/** Several nodes without a wrapper. */
export function fragment(...children: Child[]): DocumentFragment {
  const f = document.createDocumentFragment();
  for (const c of children) append(f, c);
  return f;
}

/**
 * Resolves once the browser has painted the next frame: a cell that draws much (the tasks page's
 * milestone timelines and task tables) awaits it first, so what the cells above drew is on screen
 * before that work starts, instead of after it (issue 17: first content in < 1.5 s).
 */
export function afterPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}
