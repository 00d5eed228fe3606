/**
 * The audit log's hash chain (migration 6). A row's chain is sha256(previous chain + "\n" + the
 * row's fields as a JSON array), the first chained row starting from 64 zeros. Pure functions: the
 * warehouse module appends with them and `collect audit --verify` checks with them.
 *
 * @example
 *   const c = chainOf(GENESIS, row); // "9f2c…" (64 hex digits)
 *   verifyChain(rows).broken;        // null when no row was edited, removed or reordered
 */
import { createHash } from "node:crypto";

export const GENESIS = "0".repeat(64);

/** The fields a chain covers, in a fixed order; `at` normalised to milliseconds UTC. */
export interface ChainedFields {
  id: string;
  at: string;
  unit_id: string | null;
  key_id: string | null;
  client: string;
  method: string;
  route: string;
  file_sha256: string | null;
  status: number;
  result: string;
}

export const canonicalAt = (at: string): string => new Date(at).toISOString();

export function chainOf(previous: string, r: ChainedFields): string {
  const fields = [r.id, canonicalAt(r.at), r.unit_id, r.key_id, r.client, r.method, r.route, r.file_sha256, Number(r.status), r.result];
  return createHash("sha256")
    .update(`${previous}\n${JSON.stringify(fields)}`)
    .digest("hex");
}

export interface ChainCheck {
  /** Rows with a place in the chain. */
  chained: number;
  /** Rows written before the chain existed (schema version < 6). */
  unchained: number;
  /** The last row's chain: note it down; a later check that ends elsewhere means rows were removed from the end. */
  head: string | null;
  /** The first row whose chain does not follow (edited, removed before it, reordered), or null. */
  broken: { seq: number; id: string; why: "chain" | "gap" } | null;
}

/** Check rows ordered by seq (unchained rows, seq null, are counted and skipped). */
export function verifyChain(rows: (ChainedFields & { seq: number | null; chain: string | null })[]): ChainCheck {
  let previous = GENESIS;
  let expected = 1;
  let chained = 0;
  for (const r of rows) {
    if (r.seq === null) continue;
    if (Number(r.seq) !== expected)
      return { chained, unchained: unchainedOf(rows), head: null, broken: { seq: expected, id: r.id, why: "gap" } };
    const c = chainOf(previous, r);
    if (c !== r.chain) return { chained, unchained: unchainedOf(rows), head: null, broken: { seq: Number(r.seq), id: r.id, why: "chain" } };
    previous = c;
    expected++;
    chained++;
  }
  return { chained, unchained: unchainedOf(rows), head: chained ? previous : null, broken: null };
}

const unchainedOf = (rows: { seq: number | null }[]): number => rows.filter((r) => r.seq === null).length;
