/**
 * Warehouse tables for record-level data (appended to SCHEMA_SQL in schema.ts).
 *
 *   record_files          every record file that landed, in ingestion order (file_no), with the
 *                         date it covers through (数据截至; see loaders/records/coverage.ts), where
 *                         that date came from, and (list files) the lists it holds
 *   rec_certificates      high-tech enterprise certificates        } every version of every record;
 *   rec_contracts         registered technology contracts          } `current` marks the latest
 *   rec_rd                R&D expenditure per enterprise and year  } (a re-sent record with a changed
 *   rec_list_items        dated list items (maker spaces, ...)     }  value supersedes the old one)
 *   derived_observations  the plan's indicators derived from the current records, per region and year
 *   derived_state         which record files and plan version derived_observations was computed from
 *
 * A record file also gets a row in source_files (layout "records:<kind>") and its rejected rows go
 * to rejected_rows, so the data-quality page and `show files|rejected` list them with the others.
 */
import { RECORD_KINDS } from "../domain/records.ts";
import { recordTableSql } from "./records-sql.ts";

export const RECORDS_SCHEMA_SQL = `
-- Record-level data (issue 6): see warehouse/records-schema.ts.
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
${RECORD_KINDS.map(recordTableSql).join("\n")}
CREATE TABLE IF NOT EXISTS derived_observations (
  plan_id VARCHAR NOT NULL, indicator_id VARCHAR NOT NULL, region_code VARCHAR NOT NULL, year INTEGER NOT NULL,
  value DOUBLE NOT NULL, unit VARCHAR NOT NULL, records BIGINT NOT NULL, basis VARCHAR NOT NULL,
  known_on DATE, derived_at TIMESTAMP NOT NULL,
  PRIMARY KEY (plan_id, indicator_id, region_code, year)
);
CREATE TABLE IF NOT EXISTS derived_state (
  plan_id VARCHAR PRIMARY KEY, records_version INTEGER NOT NULL, plan_sha256 VARCHAR NOT NULL, derived_at TIMESTAMP NOT NULL
);
`;
