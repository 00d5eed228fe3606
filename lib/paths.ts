/**
 * Where the repository is on disk (Node only; the site never imports this module).
 *
 * @example
 *   resolve(REPO_ROOT, "data/plans/wafangdian-2018-2020.yaml");
 */
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root: the folder holding package.json, lib/, pipelines/ … */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
