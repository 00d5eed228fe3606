/**
 * How the site reaches lib/: Observable Framework imports only modules under its root (src/), so
 * src/lib is a symbolic link to ../lib committed in git. Pages and components import
 * "../lib/format.js" and get the very modules the CLI and the exports run (lib/ imports its own
 * files with ".js" specifiers for this reason: Framework builds only ".js" local imports).
 *
 * A checkout without symbolic links (Git for Windows with core.symlinks=false) leaves a small text
 * file instead; before each build `ensureSiteLib` then replaces it with a copy of lib/ so the build
 * still works.
 */
import { cpSync, lstatSync, readFileSync, realpathSync, rmSync } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../../lib/paths.ts";

export const LIB_DIR = join(REPO_ROOT, "lib");

/** Make src/lib the shared lib/: a link (as committed) or, where links are not available, a copy. */
export function ensureSiteLib(siteRoot = join(REPO_ROOT, "src")): "link" | "copy" {
  const target = join(siteRoot, "lib");
  try {
    if (realpathSync(target) === realpathSync(LIB_DIR)) return "link";
  } catch {
    // missing or a dangling link: replaced below
  }
  const stat = lstatSync(target, { throwIfNoEntry: false });
  if (stat?.isFile() && readFileSync(target, "utf-8").trim() !== "../lib") {
    throw new Error(`${target} is a file that is not the committed link to ../lib; move it away and rebuild`);
  }
  rmSync(target, { recursive: true, force: true });
  cpSync(LIB_DIR, target, { recursive: true });
  return "copy";
}
