/** A schema migration: the SQL that takes a warehouse from the previous version to `version`. */
export interface Migration {
  /** Unique and ascending in MIGRATIONS (gaps are allowed). */
  version: number;
  /** A few words, kebab-case, as in the file name. */
  name: string;
  /** DuckDB SQL, run inside the one transaction that upgrades the warehouse. */
  sql: string;
}
