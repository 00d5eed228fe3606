/**
 * The archive beside the warehouse: every ingested file and plan kept by its sha256, and a
 * manifest (JSON lines) recording what landed in which order, so `plan-monitor rebuild` can
 * recreate the warehouse from the archive alone.
 *
 * Layout for data/warehouse.duckdb:  data/warehouse.archive/files/<sha256><ext>
 *                                    data/warehouse.archive/manifest.jsonl
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, extname, join } from "node:path";

export type ManifestEntry =
  | { kind: "plan"; plan_id: string; sha256: string; name: string; at: string }
  /** A 填报表 issued to a unit (JSON of domain/collection.ts IssuedTemplate): kept so `rebuild` still knows who owes a return. */
  | { kind: "template"; plan_id: string; template_id: string; name: string; at: string; template: unknown }
  | {
      kind: "file";
      plan_id: string;
      sha256: string;
      name: string;
      path: string;
      ext: string;
      at: string;
      /** A progress-report file, with the evidence files it named (archived by sha256). */
      progress?: true;
      evidence?: { name: string; sha256: string; ext: string; size: number; type: string }[];
      /** A returned 填报表: the form as issued (JSON of domain/collection.ts IssuedTemplate) and when it was received. */
      returned?: { template: unknown; submitted_at: string };
    };

export function archiveDir(dbPath: string): string {
  return join(dirname(dbPath), `${basename(dbPath, extname(dbPath))}.archive`);
}

export function archivedPath(dbPath: string, sha256: string, ext: string): string {
  return join(archiveDir(dbPath), "files", `${sha256}${ext}`);
}

/** Keep a copy of the bytes (written to a temporary name, then renamed; idempotent). */
export function archiveBytes(dbPath: string, sha256: string, ext: string, bytes: Uint8Array): string {
  const target = archivedPath(dbPath, sha256, ext);
  if (existsSync(target)) return target;
  mkdirSync(dirname(target), { recursive: true });
  const tmp = `${target}.${process.pid}.tmp`;
  writeFileSync(tmp, bytes);
  renameSync(tmp, target);
  return target;
}

export function appendManifest(dbPath: string, entry: ManifestEntry): void {
  mkdirSync(archiveDir(dbPath), { recursive: true });
  appendFileSync(join(archiveDir(dbPath), "manifest.jsonl"), `${JSON.stringify(entry)}\n`);
}

export function readManifest(dbPath: string): ManifestEntry[] {
  const file = join(archiveDir(dbPath), "manifest.jsonl");
  if (!existsSync(file)) return [];
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .flatMap((line) => {
      try {
        return [JSON.parse(line) as ManifestEntry];
      } catch {
        return []; // a line cut short by a crash: the entry's file did not land
      }
    });
}
