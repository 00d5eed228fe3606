/**
 * Migration 5: the intranet submission page (issue 13) — keys per responsible unit (only a slow
 * hash is stored), the append-only audit log of every collection request, and one row per
 * submission that reached a final state (pending submissions live in the inbox beside the
 * warehouse until they land).
 */
import type { Migration } from "./types.ts";

export const submissionKeys: Migration = {
  version: 5,
  name: "submission-keys",
  sql: `
-- One row per key issued. The secret is never stored: only scrypt$N$r$p$salt$hash (base64url).
CREATE TABLE collection_keys (
  id VARCHAR PRIMARY KEY,
  plan_id VARCHAR NOT NULL,
  unit_id VARCHAR NOT NULL,
  hash VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires DATE,
  revoked_at TIMESTAMP
);

-- Every request that touched collection, failed keys included. Written only by INSERT (the id
-- makes a replay of the server's journal idempotent); no code path updates or deletes a row.
CREATE TABLE collection_audit (
  id VARCHAR PRIMARY KEY,
  logged_at TIMESTAMP NOT NULL,
  unit_id VARCHAR,
  key_id VARCHAR,
  client VARCHAR NOT NULL,
  method VARCHAR NOT NULL,
  route VARCHAR NOT NULL,
  file_sha256 VARCHAR,
  status INTEGER NOT NULL,
  result VARCHAR NOT NULL
);

-- A submission that was ingested (state landed) or refused after it was accepted into the inbox.
CREATE TABLE collection_uploads (
  id VARCHAR PRIMARY KEY,
  plan_id VARCHAR NOT NULL,
  unit_id VARCHAR NOT NULL,
  key_id VARCHAR NOT NULL,
  file_sha256 VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  size BIGINT NOT NULL,
  client VARCHAR NOT NULL,
  received_at TIMESTAMP NOT NULL,
  processed_at TIMESTAMP NOT NULL,
  state VARCHAR NOT NULL,
  receipt_json VARCHAR NOT NULL
);
`,
};
