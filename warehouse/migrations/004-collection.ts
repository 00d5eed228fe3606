/**
 * Schema version 4: data collection (填报). Templates issued to responsible units and every returned
 * file (submission) with its receipt. A resubmission of the same template is a new row: the latest
 * is current, the earlier ones stay as history.
 */
import type { Migration } from "./types.ts";

export const collection: Migration = {
  version: 4,
  name: "collection",
  sql: `
CREATE TABLE collection_templates (
  template_id VARCHAR PRIMARY KEY,
  plan_id VARCHAR NOT NULL, plan_sha256 VARCHAR NOT NULL,
  unit_id VARCHAR NOT NULL, period INTEGER NOT NULL,
  issued DATE NOT NULL, deadline DATE, lang VARCHAR NOT NULL,
  file_name VARCHAR NOT NULL,
  requested INTEGER NOT NULL,
  template_json VARCHAR NOT NULL,
  created_at TIMESTAMP NOT NULL
);
CREATE TABLE collection_submissions (
  submission_id BIGINT PRIMARY KEY,
  template_id VARCHAR NOT NULL,
  plan_id VARCHAR NOT NULL, unit_id VARCHAR NOT NULL, period INTEGER NOT NULL,
  file_sha256 VARCHAR NOT NULL, file_name VARCHAR NOT NULL,
  submitted_at TIMESTAMP NOT NULL,
  state VARCHAR NOT NULL,
  landed INTEGER NOT NULL, rejected INTEGER NOT NULL, empty INTEGER NOT NULL,
  receipt_json VARCHAR NOT NULL
);
`,
};
