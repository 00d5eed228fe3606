/**
 * What every command shares: finding and loading the plan, turning known errors into UserErrors.
 * The language, bilingual messages, exit codes and UserError live in lib/ (re-exported here).
 */
import { resolve } from "node:path";
import type { Plan } from "../domain/plan.ts";
import { FileError } from "../loaders/errors.ts";
import { loadPlanFile, PlanFileError, type PlanFileProblem, planFileSha256 } from "../loaders/plan-file.ts";
import { EXIT, UserError } from "../lib/errors.ts";
import { bilingual, type Lang } from "../lib/lang.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { WarehouseError, type Warehouse } from "../warehouse/connection.ts";
import { findPlan, findPlanBySha256, storePlan } from "../warehouse/plans.ts";
import { appendManifest, archiveBytes } from "../warehouse/archive.ts";
import { planRef } from "./plan-ref.ts";

export type { Lang } from "../lib/lang.ts";
export { bilingual } from "../lib/lang.ts";
export { EXIT, UserError } from "../lib/errors.ts";

export const DEFAULT_PLAN_FILE = resolve(REPO_ROOT, "data/plans/wafangdian-2018-2020.yaml");
export const DEMO_DIR = resolve(REPO_ROOT, "data/demo");

export function formatPlanProblems(path: string, problems: PlanFileProblem[], lang: Lang): string {
  return problems
    .map((p) => {
      const where = p.line ? `${path}:${p.line}${p.column ? `:${p.column}` : ""}` : path;
      return `${where}  ${bilingual(lang, p.zh, p.en)}`;
    })
    .join("\n");
}

/** Load a plan file or raise a UserError listing its problems. */
export async function planFromFile(path: string, lang: Lang): Promise<{ plan: Plan; sha256: string; text: string }> {
  try {
    return await loadPlanFile(path);
  } catch (error) {
    if (error instanceof PlanFileError) {
      const text = formatPlanProblems(path, error.problems, lang);
      throw new UserError(text, text, EXIT.inputRefused);
    }
    throw error;
  }
}

/**
 * Load the plan file and store it in the warehouse (and its archive), returning the plan. A file
 * whose exact text is already stored is not parsed again (the YAML parse is most of this step's
 * time): the stored plan was validated when it was stored, and storing it again would change nothing.
 */
export async function loadAndStorePlan(w: Warehouse, ref: string, lang: Lang): Promise<Plan> {
  const found = await planRef(w, ref);
  if (found.kind === "stored") return found.plan;
  const path = found.path;
  const sha256 = await planFileSha256(path);
  const stored = sha256 ? await findPlanBySha256(w, sha256) : null;
  if (stored) return stored;
  return parseAndStorePlan(w, path, lang);
}

async function parseAndStorePlan(w: Warehouse, path: string, lang: Lang): Promise<Plan> {
  const { plan, sha256, text } = await planFromFile(path, lang);
  const changed = await storePlan(w, plan, { sha256, path: resolve(path) });
  if (changed) {
    archiveBytes(w.path, sha256, ".yaml", new TextEncoder().encode(text));
    appendManifest(w.path, { kind: "plan", plan_id: plan.id, sha256, name: path, at: new Date().toISOString() });
  }
  return plan;
}

/**
 * The plan a reading command works on: --plan FILE when given (validated), else the plan stored in
 * the warehouse (PLAN_MONITOR_PLAN or the most recently loaded).
 */
export async function resolvePlan(w: Warehouse, planPath: string | undefined, lang: Lang): Promise<Plan> {
  if (planPath) {
    const found = await planRef(w, planPath);
    return found.kind === "stored" ? found.plan : (await planFromFile(found.path, lang)).plan;
  }
  const stored = await findPlan(w);
  if (stored) return stored;
  throw new UserError(
    "仓库中还没有计划和数据。请先运行 npm start（示例数据）或 plan-monitor ingest --plan 计划文件 数据文件。",
    "the warehouse holds no plan or data yet. Run `npm start` (demo data) or `plan-monitor ingest --plan PLAN FILES...` first.",
    EXIT.warehouse,
  );
}

/** The user's error a known failure is (a file refused whole, e.g. a bad names table: exit 2); null for a bug. */
export function toUserError(error: unknown): UserError | null {
  if (error instanceof UserError) return error;
  if (error instanceof FileError) return new UserError(error.zh, error.en, error.exitCode);
  if (error instanceof WarehouseError) return new UserError(error.zh, error.en, EXIT.warehouse);
  return null;
}
