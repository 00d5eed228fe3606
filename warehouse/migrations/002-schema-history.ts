/**
 * Schema version 2: `schema_history`, one row per migration applied to this warehouse, with when
 * (NULL for the baseline of a warehouse made before versioned migrations: its date is unknown).
 */
import type { Migration } from "./types.ts";

export const schemaHistory: Migration = {
  version: 2,
  name: "schema-history",
  sql: `
CREATE TABLE schema_history (version INTEGER PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP);
INSERT INTO schema_history VALUES (1, 'baseline', NULL);
`,
};
