/**
 * Schema version 1: the warehouse as plan-monitor 0.1 made it (issues 2-8), frozen as text so
 * that a later change to the code can never change what version 1 was. Idempotent (IF NOT
 * EXISTS everywhere), because warehouses made before versioned migrations all say version 1 but
 * some predate the coverage columns of record_files.
 *
 *   plans, indicators, responsible_units, tasks, task_units, task_indicators   the plan(s)
 *   source_files, observations, rejected_rows                                   indicator files and every vintage
 *   observation_vintages, current_observations (views)                          vintage rank; the current view
 *   record_files, rec_certificates, rec_contracts, rec_rd, rec_list_items       record-level data
 *   derived_observations, derived_state                                         indicators derived from records
 */
import type { Migration } from "./types.ts";

export const baseline: Migration = {
  version: 1,
  name: "baseline",
  sql: `

CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);

-- The plan(s): one row per plan file loaded, the whole normalised plan kept as JSON.
CREATE TABLE IF NOT EXISTS plans (
  id VARCHAR PRIMARY KEY,
  title_zh VARCHAR NOT NULL, title_en VARCHAR NOT NULL,
  document VARCHAR NOT NULL, issued VARCHAR,
  region_code VARCHAR NOT NULL, region_zh VARCHAR NOT NULL, region_en VARCHAR NOT NULL,
  baseline_year INTEGER NOT NULL, start_year INTEGER NOT NULL, target_year INTEGER NOT NULL,
  synthetic BOOLEAN NOT NULL,
  plan_json VARCHAR NOT NULL,
  source_path VARCHAR, sha256 VARCHAR NOT NULL, loaded_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS indicators (
  plan_id VARCHAR NOT NULL, id VARCHAR NOT NULL,
  zh VARCHAR NOT NULL, en VARCHAR NOT NULL, aliases VARCHAR[],
  unit VARCHAR NOT NULL, measure VARCHAR NOT NULL, direction VARCHAR NOT NULL,
  target DOUBLE NOT NULL, target_year INTEGER NOT NULL, comparator VARCHAR NOT NULL,
  headline BOOLEAN NOT NULL, wording VARCHAR, note VARCHAR,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE IF NOT EXISTS responsible_units (
  plan_id VARCHAR NOT NULL, id VARCHAR NOT NULL, zh VARCHAR NOT NULL, en VARCHAR NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE IF NOT EXISTS tasks (
  plan_id VARCHAR NOT NULL, id INTEGER NOT NULL,
  group_id INTEGER NOT NULL, group_zh VARCHAR NOT NULL, group_en VARCHAR NOT NULL,
  zh VARCHAR NOT NULL, en VARCHAR NOT NULL,
  PRIMARY KEY (plan_id, id)
);
CREATE TABLE IF NOT EXISTS task_units (plan_id VARCHAR NOT NULL, task_id INTEGER NOT NULL, unit_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS task_indicators (plan_id VARCHAR NOT NULL, task_id INTEGER NOT NULL, indicator_id VARCHAR NOT NULL);

-- Every file that landed (wholly or with some rows rejected). A refused file leaves no trace here.
CREATE TABLE IF NOT EXISTS source_files (
  plan_id VARCHAR NOT NULL, sha256 VARCHAR NOT NULL,
  path VARCHAR NOT NULL, name VARCHAR NOT NULL, size BIGINT NOT NULL,
  format VARCHAR NOT NULL, encoding VARCHAR, layout VARCHAR, sheet VARCHAR, header_row INTEGER,
  ingested_at TIMESTAMP NOT NULL,
  rows_read INTEGER NOT NULL, accepted INTEGER NOT NULL, rejected INTEGER NOT NULL,
  superseded INTEGER NOT NULL, unchanged INTEGER NOT NULL,
  outcome VARCHAR NOT NULL,
  PRIMARY KEY (plan_id, sha256)
);

-- Every vintage ever ingested (the history). seq orders ingestion.
CREATE TABLE IF NOT EXISTS observations (
  seq BIGINT PRIMARY KEY,
  plan_id VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL, region_code VARCHAR NOT NULL, year INTEGER NOT NULL,
  value DOUBLE NOT NULL, unit VARCHAR NOT NULL,
  status VARCHAR NOT NULL, published DATE, source VARCHAR, note VARCHAR,
  file_sha256 VARCHAR NOT NULL, row_number INTEGER NOT NULL, ingested_at TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS rejected_rows (
  plan_id VARCHAR NOT NULL, file_sha256 VARCHAR NOT NULL,
  row_number INTEGER NOT NULL, column_name VARCHAR, raw_value VARCHAR,
  code VARCHAR NOT NULL, reason_zh VARCHAR NOT NULL, reason_en VARCHAR NOT NULL
);

-- The current view: per plan, indicator, region and year, the newest vintage.
-- Newest = latest publication date (the ingestion date when a file gives none), then the later
-- stage (preliminary < final < revised), then the later ingestion. Same rule as domain/observation.ts.
CREATE OR REPLACE VIEW observation_vintages AS
SELECT o.*,
  coalesce(o.published, CAST(o.ingested_at AS DATE)) AS known_on,
  row_number() OVER (
    PARTITION BY o.plan_id, o.indicator_id, o.region_code, o.year
    ORDER BY coalesce(o.published, CAST(o.ingested_at AS DATE)) DESC,
             CASE o.status WHEN 'revised' THEN 2 WHEN 'final' THEN 1 ELSE 0 END DESC,
             o.seq DESC
  ) AS vintage_rank
FROM observations o;

CREATE OR REPLACE VIEW current_observations AS
SELECT * EXCLUDE (vintage_rank) FROM observation_vintages WHERE vintage_rank = 1;

-- Record-level data (issue 6): see the README, "Record files".
CREATE TABLE IF NOT EXISTS record_files (
  file_no INTEGER PRIMARY KEY, sha256 VARCHAR NOT NULL UNIQUE, kind VARCHAR NOT NULL,
  plan_id VARCHAR NOT NULL, path VARCHAR NOT NULL, name VARCHAR NOT NULL, size BIGINT NOT NULL,
  format VARCHAR NOT NULL, encoding VARCHAR, sheet VARCHAR, header_row INTEGER,
  ingested_at TIMESTAMP NOT NULL,
  rows_read BIGINT NOT NULL, accepted BIGINT NOT NULL, rejected BIGINT NOT NULL,
  duplicates BIGINT NOT NULL, unchanged BIGINT NOT NULL, superseded BIGINT NOT NULL,
  synthetic BOOLEAN NOT NULL,
  covered_through DATE, coverage_basis VARCHAR, lists VARCHAR[]
);
-- Coverage (数据截至): warehouses made before it gain the columns (NULL = no limit, as before).
ALTER TABLE record_files ADD COLUMN IF NOT EXISTS covered_through DATE;
ALTER TABLE record_files ADD COLUMN IF NOT EXISTS coverage_basis VARCHAR;
ALTER TABLE record_files ADD COLUMN IF NOT EXISTS lists VARCHAR[];
CREATE TABLE IF NOT EXISTS rec_certificates (
  file_no INTEGER NOT NULL, row_number BIGINT NOT NULL,
  enterprise VARCHAR,
  credit_code VARCHAR,
  certificate_no VARCHAR,
  certified_on DATE,
  revoked_on DATE,
  region_code VARCHAR,
  town VARCHAR,
  sector VARCHAR,
  note VARCHAR,
  current BOOLEAN NOT NULL DEFAULT true,
  errors STRUCT(col INTEGER, val VARCHAR, code VARCHAR)[]
);
CREATE TABLE IF NOT EXISTS rec_contracts (
  file_no INTEGER NOT NULL, row_number BIGINT NOT NULL,
  contract_id VARCHAR,
  registered_on DATE,
  seller VARCHAR,
  seller_code VARCHAR,
  buyer VARCHAR,
  contract_value DOUBLE,
  transaction_value DOUBLE,
  contract_type VARCHAR,
  field VARCHAR,
  unit VARCHAR,
  region_code VARCHAR,
  town VARCHAR,
  sector VARCHAR,
  note VARCHAR,
  current BOOLEAN NOT NULL DEFAULT true,
  errors STRUCT(col INTEGER, val VARCHAR, code VARCHAR)[]
);
CREATE TABLE IF NOT EXISTS rec_rd (
  file_no INTEGER NOT NULL, row_number BIGINT NOT NULL,
  enterprise VARCHAR,
  credit_code VARCHAR,
  year INTEGER,
  amount DOUBLE,
  size VARCHAR,
  unit VARCHAR,
  region_code VARCHAR,
  town VARCHAR,
  sector VARCHAR,
  note VARCHAR,
  current BOOLEAN NOT NULL DEFAULT true,
  errors STRUCT(col INTEGER, val VARCHAR, code VARCHAR)[]
);
CREATE TABLE IF NOT EXISTS rec_list_items (
  file_no INTEGER NOT NULL, row_number BIGINT NOT NULL,
  list VARCHAR,
  name VARCHAR,
  item_id VARCHAR,
  credit_code VARCHAR,
  start_on DATE,
  ends_on DATE,
  quantity DOUBLE,
  level VARCHAR,
  unit VARCHAR,
  region_code VARCHAR,
  town VARCHAR,
  sector VARCHAR,
  note VARCHAR,
  item_key VARCHAR,
  current BOOLEAN NOT NULL DEFAULT true,
  errors STRUCT(col INTEGER, val VARCHAR, code VARCHAR)[]
);
CREATE TABLE IF NOT EXISTS derived_observations (
  plan_id VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL, region_code VARCHAR NOT NULL, year INTEGER NOT NULL,
  value DOUBLE NOT NULL, unit VARCHAR NOT NULL, records BIGINT NOT NULL, basis VARCHAR NOT NULL,
  known_on DATE, derived_at TIMESTAMP NOT NULL,
  PRIMARY KEY (plan_id, indicator_id, region_code, year)
);
CREATE TABLE IF NOT EXISTS derived_state (
  plan_id VARCHAR PRIMARY KEY, records_version INTEGER NOT NULL, plan_sha256 VARCHAR NOT NULL, derived_at TIMESTAMP NOT NULL
);
`,
};
