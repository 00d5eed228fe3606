/**
 * JSON text → grid rows. Accepted shapes: an array of row objects; {observations: [...]} or
 * {data: [...]} (also {rows|records|items: [...]}); wide row objects ({"指标": ..., "2019": ...});
 * an object keyed by indicator ({"高新技术企业数量": {"2019": 80}}); or an array of arrays (first
 * array is the header). Row numbers are the 1-based index of each record; the header is row 0.
 *
 * @example
 *   parseJson('[{"indicator":"rd_expenditure","year":2019,"value":6.1}]', "a.json");
 */
import { fileErrors } from "./errors.ts";
import type { Cell, GridRow } from "./table.ts";

function toCell(v: unknown): Cell | null {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v === "" ? null : { value: v, text: v };
  if (typeof v === "number" || typeof v === "boolean") return { value: v, text: String(v) };
  const text = JSON.stringify(v) ?? String(v);
  return { value: text, text };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

export function parseJson(text: string, fileName: string): GridRow[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    const pos = /position (\d+)/.exec(msg);
    const offset = pos ? Number(pos[1]) : jsonErrorOffset(text);
    const line = offset === null ? null : text.slice(0, offset).split("\n").length;
    throw fileErrors.badJson(fileName, line, msg);
  }
  const rows = rowsOf(doc);
  if (rows === null) throw fileErrors.jsonShape(fileName);
  if (rows.length === 0) return [];
  if (rows.every((r) => Array.isArray(r))) {
    return (rows as unknown[][]).map((r, i) => ({ row: i + 1, cells: r.map(toCell) }));
  }
  if (!rows.every(isPlainObject)) throw fileErrors.jsonShape(fileName);
  const keys: string[] = [];
  const seen = new Set<string>();
  for (const r of rows as Record<string, unknown>[]) {
    for (const k of Object.keys(r)) {
      if (!seen.has(k)) {
        seen.add(k);
        keys.push(k);
      }
    }
  }
  const header: GridRow = { row: 0, cells: keys.map((k) => ({ value: k, text: k })) };
  return [header, ...(rows as Record<string, unknown>[]).map((r, i) => ({ row: i + 1, cells: keys.map((k) => toCell(r[k])) }))];
}

function rowsOf(doc: unknown): unknown[] | null {
  if (Array.isArray(doc)) return doc;
  if (!isPlainObject(doc)) return null;
  for (const key of ["observations", "data", "rows", "records", "items"]) {
    if (Array.isArray(doc[key])) return doc[key] as unknown[];
  }
  // {"高新技术企业数量": {"2018": 60, "2019": 80}, ...}: one wide row per indicator.
  const entries = Object.entries(doc);
  if (entries.length > 0 && entries.every(([, v]) => isPlainObject(v))) {
    return entries.map(([name, v]) => ({ indicator: name, ...(v as Record<string, unknown>) }));
  }
  return null;
}

/**
 * Offset of the first syntax error in JSON text (Node 20's JSON.parse does not always say),
 * or null if none is found. A small recursive-descent scanner; iterative enough for office files.
 */
export function jsonErrorOffset(text: string): number | null {
  let i = 0;
  const n = text.length;
  const ws = (): void => {
    while (i < n && /\s/.test(text[i])) i++;
  };
  const fail = (): never => {
    throw i;
  };
  const value = (depth: number): void => {
    if (depth > 500) fail();
    ws();
    const ch = text[i];
    if (ch === "{") {
      i++;
      ws();
      if (text[i] === "}") {
        i++;
        return;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail();
        str();
        ws();
        if (text[i] !== ":") fail();
        i++;
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "}") {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === "[") {
      i++;
      ws();
      if (text[i] === "]") {
        i++;
        return;
      }
      for (;;) {
        value(depth + 1);
        ws();
        if (text[i] === ",") i++;
        else if (text[i] === "]") {
          i++;
          return;
        } else fail();
      }
    }
    if (ch === '"') {
      str();
      return;
    }
    const m = /^(?:-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?|true|false|null)/.exec(text.slice(i, i + 400));
    if (!m) fail();
    i += (m as RegExpExecArray)[0].length;
  };
  const str = (): void => {
    i++;
    while (i < n) {
      const ch = text[i];
      if (ch === '"') {
        i++;
        return;
      }
      if (ch === "\\") i += 2;
      else if (ch < " ") fail();
      else i++;
    }
    fail();
  };
  try {
    value(0);
    ws();
    return i < n ? i : null;
  } catch (at) {
    return typeof at === "number" ? Math.min(at, n) : null;
  }
}
