/**
 * Every schema migration, oldest first. A new table or column arrives as a new file here
 * (`NNN-short-name.ts` exporting a Migration) added to the list; a released migration is never
 * edited. warehouse/migrate.ts applies the missing ones when a warehouse is opened.
 */
import { baseline } from "./001-baseline.ts";
import { schemaHistory } from "./002-schema-history.ts";
import { milestones } from "./003-milestones.ts";
import { collection } from "./004-collection.ts";
import { submissionKeys } from "./005-submission-keys.ts";
import { auditChain } from "./006-audit-chain.ts";
import type { Migration } from "./types.ts";

export type { Migration } from "./types.ts";

export const MIGRATIONS: readonly Migration[] = [baseline, schemaHistory, milestones, collection, submissionKeys, auditChain];

/** The schema version this code writes: the newest migration's. */
export const SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1].version;
