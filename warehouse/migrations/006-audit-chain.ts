/**
 * Schema version 6: the submission page's audit log becomes tamper-evident. Each row appended from
 * now on carries its place in the log (`seq`, 1, 2, ...) and `chain`, the sha256 of the previous
 * row's chain and its own fields (warehouse/audit-chain.ts). Editing, deleting or reordering a row
 * breaks every chain after it; `plan-monitor collect audit --verify` finds the first break. Rows
 * written before this version keep seq and chain empty and are reported as unchained.
 */
import type { Migration } from "./types.ts";

export const auditChain: Migration = {
  version: 6,
  name: "audit-chain",
  sql: `
ALTER TABLE collection_audit ADD COLUMN seq BIGINT;
ALTER TABLE collection_audit ADD COLUMN chain VARCHAR;
`,
};
