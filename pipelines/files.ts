/**
 * Output files are written to a temporary name beside the target and renamed, so an interrupted
 * write never leaves a broken file behind.
 */
import { mkdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { EXIT, UserError } from "./context.ts";

/**
 * Write `data` to `path` through a temporary file in the same folder. When anything fails (the
 * folder cannot be made, the disk is full, the target is a folder), the temporary file is removed,
 * any previous file at `path` is left as it was, and a UserError (exit 2) says what and how to fix.
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const tmp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(tmp, data);
    renameSync(tmp, path);
  } catch (error) {
    try {
      rmSync(tmp, { force: true });
    } catch {
      // ENOTDIR: the temporary file could not have been made either
    }
    const why = (error as Error).message;
    throw new UserError(
      `无法写入 ${path}（${why}）。请检查该路径：上级必须是可写的文件夹，且目标不能是文件夹；磁盘须有空间。未留下不完整的文件。`,
      `cannot write ${path} (${why}). Check the path: its parent must be a writable folder, the target must not be a folder, and the disk must have space. No partial file was left.`,
      EXIT.inputRefused,
    );
  }
}
