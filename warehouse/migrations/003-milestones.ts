/**
 * Schema version 3: progress reports on the plan's task milestones (issue 11), their evidence, and
 * the evidence files kept in the archive by sha256. A report row is never updated or deleted: a
 * later report for the same task, milestone and period supersedes an earlier one in the engine,
 * and both stay (like vintages). Rejected report rows go to `rejected_rows`; the report file itself
 * to `source_files` (layout 'progress').
 */
import type { Migration } from "./types.ts";

export const milestones: Migration = {
  version: 3,
  name: "milestones",
  sql: `
CREATE TABLE progress_reports (
  seq BIGINT PRIMARY KEY,
  plan_id VARCHAR NOT NULL, task_id INTEGER NOT NULL, milestone_id VARCHAR, unit_id VARCHAR NOT NULL,
  period VARCHAR NOT NULL, period_end DATE NOT NULL, execution VARCHAR NOT NULL, completed DATE,
  progress VARCHAR, problems VARCHAR, next_steps VARCHAR,
  reported DATE, new_due DATE, approved_by VARCHAR,
  file_sha256 VARCHAR NOT NULL, row_number INTEGER NOT NULL, ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE report_evidence (
  plan_id VARCHAR NOT NULL, report_seq BIGINT NOT NULL, position INTEGER NOT NULL,
  name VARCHAR NOT NULL, sha256 VARCHAR, missing BOOLEAN NOT NULL
);
CREATE TABLE evidence_files (
  sha256 VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, ext VARCHAR NOT NULL,
  size BIGINT NOT NULL, type VARCHAR NOT NULL, stored_at TIMESTAMP NOT NULL
);
`,
};
