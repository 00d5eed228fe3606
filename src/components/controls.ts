/**
 * Form controls for Framework's view(): a <label> wrapping the control, exposing `.value`; the
 * control's own "input" event bubbles to the label, which is what view() listens for.
 * With `param`, the control starts from that URL query parameter and writes its value back
 * (a permalink to the view; see url.ts).
 */
import { h } from "./dom.js";
import { readNumberParam, readParam, writeParams } from "./url.js";

export interface Option {
  value: string;
  label: string;
}

/** A labelled <select>; its value is the chosen option's value. */
export function select(
  options: Option[],
  { label, value = options[0]?.value ?? "", name, param }: { label: string; value?: string; name?: string; param?: string },
): HTMLLabelElement {
  const el = h(
    "select",
    { name: name ?? param },
    options.map((o) => h("option", { value: o.value }, o.label)),
  );
  const fromUrl = param ? readParam(param) : null;
  el.value = fromUrl != null && options.some((o) => o.value === fromUrl) ? fromUrl : value;
  if (param) el.addEventListener("input", () => writeParams({ [param]: el.value }));
  const wrap = h("label", { class: "pm-field" }, h("span", null, label), el);
  Object.defineProperty(wrap, "value", { get: () => el.value });
  return wrap;
}

/** A labelled number input; its value is a number, or null when empty or not a number. */
export function numberInput({
  label,
  value = null,
  step = "any",
  placeholder = "",
  param,
}: {
  label: string;
  value?: number | null;
  step?: string;
  placeholder?: string;
  param?: string;
}): HTMLLabelElement {
  const start = (param ? readNumberParam(param) : null) ?? value;
  const el = h("input", { type: "number", step, placeholder, inputmode: "decimal", value: start ?? "" });
  if (param) el.addEventListener("input", () => writeParams({ [param]: Number.isFinite(el.valueAsNumber) ? el.value : "" }));
  const wrap = h("label", { class: "pm-field" }, h("span", null, label), el);
  Object.defineProperty(wrap, "value", {
    get: () => (el.value.trim() === "" || !Number.isFinite(el.valueAsNumber) ? null : el.valueAsNumber),
  });
  return wrap;
}
