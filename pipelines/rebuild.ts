/**
 * Rebuild a warehouse from its archive alone: replay the manifest (plans and files, in the order
 * and with the times they first landed) into a new file, then swap it into place.
 */
import { replayReturned } from "./collect/returned.ts";
import { existsSync, readFileSync, renameSync, rmSync } from "node:fs";
import type { Plan } from "../domain/plan.ts";
import { parsePlanText } from "../loaders/plan-file.ts";
import { readObservationBytes } from "../loaders/read-file.ts";
import { archivedPath, readManifest } from "../warehouse/archive.ts";
import { openWarehouse, WarehouseError } from "../warehouse/connection.ts";
import { landFile } from "../warehouse/ingest.ts";
import { storePlan } from "../warehouse/plans.ts";
import { storeTemplate } from "../warehouse/collection.ts";
import type { IssuedTemplate } from "../domain/collection.ts";
import type { RecordKind } from "../domain/records.ts";
import { replayProgressFile } from "./progress.ts";
import { refreshDerivedAfterRebuild, replayRecordFile } from "./records.ts";

export interface RebuildSummary {
  plans: number;
  files: number;
  observations: number;
  skipped: { name: string; reason: string }[];
}

export async function rebuildWarehouse(dbPath: string): Promise<RebuildSummary> {
  const manifest = readManifest(dbPath);
  if (manifest.length === 0) {
    throw new WarehouseError(
      `没有找到 ${dbPath} 的归档清单，无法重建。`,
      `no archive manifest found for ${dbPath}; nothing to rebuild from.`,
    );
  }
  const tmp = `${dbPath}.rebuild-${process.pid}.tmp`;
  rmSync(tmp, { force: true });
  rmSync(`${tmp}.wal`, { force: true });
  const w = await openWarehouse(tmp, { waitMs: 0 });
  const summary: RebuildSummary = { plans: 0, files: 0, observations: 0, skipped: [] };
  const plans = new Map<string, Plan>();
  try {
    for (const entry of manifest) {
      if (entry.kind === "template") {
        // A form issued and perhaps never returned: no file to replay, its record is in the manifest.
        if (plans.has(entry.plan_id)) await storeTemplate(w, entry.template as IssuedTemplate);
        else summary.skipped.push({ name: entry.name, reason: `its plan ${entry.plan_id} is not in the archive` });
        continue;
      }
      const ext = entry.kind === "plan" ? ".yaml" : entry.ext;
      const path = archivedPath(dbPath, entry.sha256, ext);
      if (!existsSync(path)) {
        summary.skipped.push({ name: entry.name, reason: `archived copy ${path} is missing` });
        continue;
      }
      if (entry.kind === "file" && "record_kind" in entry) {
        // A record file (certificates, contracts, ...): replayed through SQL, never read into memory.
        const plan = plans.get(entry.plan_id);
        const r = plan ? await replayRecordFile(w, plan, path, entry as typeof entry & { record_kind: RecordKind }) : null;
        if (!r || r.error)
          summary.skipped.push({ name: entry.name, reason: r?.error?.en ?? `its plan ${entry.plan_id} is not in the archive` });
        else summary.files++;
        continue;
      }
      const bytes = readFileSync(path);
      if (entry.kind === "plan") {
        const parsed = parsePlanText(bytes.toString("utf8"), entry.name);
        if (!parsed.ok) {
          summary.skipped.push({ name: entry.name, reason: parsed.problems[0]?.en ?? "invalid plan" });
          continue;
        }
        await storePlan(w, parsed.plan, { sha256: entry.sha256, path: entry.name });
        plans.set(parsed.plan.id, parsed.plan);
        summary.plans++;
        continue;
      }
      const plan = plans.get(entry.plan_id);
      if (!plan) {
        summary.skipped.push({ name: entry.name, reason: `its plan ${entry.plan_id} is not in the archive` });
        continue;
      }
      if (entry.returned) {
        const r = await replayReturned(w, plan, { ...entry, returned: entry.returned }, bytes);
        if (!r || r.receipt.refused) summary.skipped.push({ name: entry.name, reason: r?.receipt.refused?.en ?? "not a return form" });
        else {
          summary.files++;
          summary.observations += r.summary?.accepted ?? 0;
        }
        continue;
      }
      if (entry.progress) {
        await replayProgressFile(w, plan, entry, bytes);
        summary.files++;
        continue;
      }
      const read = await readObservationBytes(bytes, entry.name, plan);
      const landed = await landFile(w, {
        planId: plan.id,
        sha256: entry.sha256,
        path: entry.path,
        name: entry.name,
        size: bytes.byteLength,
        format: read.format,
        encoding: read.encoding,
        layout: read.layout,
        sheet: read.sheet,
        headerRow: read.headerRow,
        rowsRead: read.rowsRead,
        observations: read.observations,
        rejected: read.rejected,
        ingestedAt: entry.at,
      });
      summary.files++;
      summary.observations += landed.accepted;
    }
    await refreshDerivedAfterRebuild(w);
    await w.connection.run("CHECKPOINT");
  } catch (error) {
    await w.close();
    rmSync(tmp, { force: true });
    throw error;
  }
  await w.close();
  // Probe that nobody holds the old warehouse before swapping files.
  if (existsSync(dbPath)) {
    try {
      await (await openWarehouse(dbPath, { readOnly: true })).close();
    } catch (error) {
      // A damaged warehouse is why one rebuilds: move it aside. One in use by another process is not ours to move.
      if (error instanceof WarehouseError && /in use/.test(error.en)) {
        rmSync(tmp, { force: true });
        throw error;
      }
    }
    renameSync(dbPath, `${dbPath}.before-rebuild`);
    if (existsSync(`${dbPath}.wal`)) renameSync(`${dbPath}.wal`, `${dbPath}.before-rebuild.wal`);
  }
  rmSync(`${dbPath}.wal`, { force: true });
  renameSync(tmp, dbPath);
  return summary;
}
