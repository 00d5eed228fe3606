/**
 * `plan-monitor rebuild | backup DIR | restore DIR`: keep the warehouse recoverable.
 */
import { backupWarehouse, restoreWarehouse } from "../../warehouse/backup.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { bilingual, EXIT, type Lang } from "../context.ts";
import { rebuildWarehouse } from "../rebuild.ts";

interface Common {
  db: string;
  lang: Lang;
}

export async function rebuildCommand(opts: Common): Promise<number> {
  const s = await rebuildWarehouse(opts.db);
  process.stdout.write(
    `${bilingual(
      opts.lang,
      `✓ 已从归档重建 ${opts.db}：${s.plans} 个计划，${s.files} 个文件，${s.observations} 条观测值。原文件保存为 ${opts.db}.before-rebuild。`,
      `✓ rebuilt ${opts.db} from its archive: ${s.plans} plan(s), ${s.files} file(s), ${s.observations} observation(s). The old file is kept as ${opts.db}.before-rebuild.`,
    )}\n`,
  );
  for (const k of s.skipped) process.stdout.write(`! ${k.name}: ${k.reason}\n`);
  return s.skipped.length > 0 ? EXIT.rowsRejected : EXIT.ok;
}

export async function backupCommand(dir: string, opts: Common): Promise<number> {
  const w = await openWarehouse(opts.db, { readOnly: true });
  try {
    const m = await backupWarehouse(w, dir);
    const rows = Object.values(m.tables).reduce((a, b) => a + b, 0);
    process.stdout.write(
      `${bilingual(opts.lang, `✓ 已备份到 ${dir}（Parquet，${rows} 行，见 manifest.json）`, `✓ backed up to ${dir} (Parquet, ${rows} rows; see manifest.json)`)}\n`,
    );
    return EXIT.ok;
  } finally {
    await w.close();
  }
}

export async function restoreCommand(dir: string, opts: Common): Promise<number> {
  const m = await restoreWarehouse(dir, opts.db);
  process.stdout.write(
    `${bilingual(
      opts.lang,
      `✓ 已从 ${dir} 恢复到 ${opts.db}（备份时间 ${m.created_at}）。原仓库（如有）保存为 ${opts.db}.before-restore。`,
      `✓ restored ${opts.db} from ${dir} (backup of ${m.created_at}). The previous warehouse, if any, is kept as ${opts.db}.before-restore.`,
    )}\n`,
  );
  return EXIT.ok;
}
