/**
 * Form controls for Framework's view(): a <label> wrapping the control, exposing `.value`; the
 * control's own "input" event bubbles to the label, which is what view() listens for.
 */
import { h } from "./dom.js";

export interface Option {
  value: string;
  label: string;
}

/** A labelled <select>; its value is the chosen option's value. */
export function select(
  options: Option[],
  { label, value = options[0]?.value ?? "", name }: { label: string; value?: string; name?: string },
): HTMLLabelElement {
  const el = h(
    "select",
    { name },
    options.map((o) => h("option", { value: o.value }, o.label)),
  );
  el.value = value;
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
}: {
  label: string;
  value?: number | null;
  step?: string;
  placeholder?: string;
}): HTMLLabelElement {
  const el = h("input", { type: "number", step, placeholder, inputmode: "decimal", value: value ?? "" });
  const wrap = h("label", { class: "pm-field" }, h("span", null, label), el);
  Object.defineProperty(wrap, "value", {
    get: () => (el.value.trim() === "" || !Number.isFinite(el.valueAsNumber) ? null : el.valueAsNumber),
  });
  return wrap;
}
