/**
 * What `--plan` names: a plan file (a path that exists), else the id of a plan stored in the
 * warehouse, else the id of a plan file shipped in data/plans/ (`--plan liaoning-2018-2020`).
 *
 * @example
 *   const ref = await planRef(w, "liaoning-2018-2020", "zh");
 *   ref.kind; // "stored" once ingested, "file" (data/plans/liaoning-2018-2020.yaml) before
 */
import { existsSync, statSync } from "node:fs";
import { resolve } from "node:path";
import type { Plan } from "../domain/plan.ts";
import { EXIT, UserError } from "../lib/errors.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { queryRows, type Warehouse } from "../warehouse/connection.ts";
import { findPlan } from "../warehouse/plans.ts";

export type PlanRef = { kind: "file"; path: string } | { kind: "stored"; plan: Plan };

/** Where the shipped plan file with this id would be. */
export function bundledPlanPath(id: string): string {
  return resolve(REPO_ROOT, "data", "plans", `${id}.yaml`);
}

/** Resolve `--plan`; an unknown id is a UserError (exit 2) naming the plans the warehouse holds. */
export async function planRef(w: Warehouse, ref: string): Promise<PlanRef> {
  if (existsSync(ref) && statSync(ref).isFile()) return { kind: "file", path: ref };
  if (/^[a-z0-9_-]+$/.test(ref)) {
    const stored = await findPlan(w, ref);
    if (stored) return { kind: "stored", plan: stored };
    if (existsSync(bundledPlanPath(ref))) return { kind: "file", path: bundledPlanPath(ref) };
  }
  // A path (not an id): the plan-file loader says what is wrong with it.
  if (!/^[a-z0-9_-]+$/.test(ref)) return { kind: "file", path: ref };
  const ids = (await queryRows<{ id: string }>(w, "SELECT id FROM plans ORDER BY id")).map((p) => p.id);
  const known = ids.length ? ids.join(", ") : "—";
  throw new UserError(
    `--plan ${ref}：既不是计划文件，也不是仓库中的计划 id。仓库中的计划：${known}；或给出 YAML 计划文件的路径。`,
    `--plan ${ref}: neither a plan file nor the id of a plan in the warehouse. Plans in the warehouse: ${known}; or give the path of a YAML plan file.`,
    EXIT.inputRefused,
  );
}
