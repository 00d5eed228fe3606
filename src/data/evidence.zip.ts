/**
 * Every evidence file (佐证材料) the progress reports named and the archive holds, as one zip the
 * tasks page offers as a download (the site never shows an evidence file inline, so nothing in it can
 * run in the browser), with 清单-manifest.csv: name, sha256, size, type and the milestones citing it.
 * A file is stored under its own name; two different files with one name get their sha256's start.
 */
import { existsSync, readFileSync } from "node:fs";
import JSZip from "jszip";
import { toCsv } from "../../lib/csv.ts";
import { openSiteWarehouse } from "../../pipelines/site/source.ts";
import { archivedPath } from "../../warehouse/archive.ts";
import { readReports } from "../../warehouse/progress.ts";
import { readPlan } from "../../warehouse/read.ts";

const w = await openSiteWarehouse();
try {
  const plan = await readPlan(w);
  const files = new Map<string, { name: string; sha256: string; size: number | null; type: string | null; cited: Set<string> }>();
  for (const r of await readReports(w, plan.id)) {
    for (const e of r.evidence_files) {
      if (!e.sha256) continue;
      const f = files.get(e.sha256) ?? { name: e.name, sha256: e.sha256, size: e.size, type: e.type, cited: new Set<string>() };
      f.cited.add(r.milestone_id ?? `task ${r.task_id}`);
      files.set(e.sha256, f);
    }
  }
  const zip = new JSZip();
  const used = new Set<string>();
  const rows: unknown[][] = [];
  for (const f of files.values()) {
    const dot = f.name.lastIndexOf(".");
    const ext = dot > 0 ? f.name.slice(dot).toLowerCase() : "";
    const path = archivedPath(w.path, f.sha256, ext);
    if (!existsSync(path)) {
      process.stderr.write(`evidence.zip: ${f.name} (${f.sha256}) is not in the archive; left out\n`);
      continue;
    }
    const name = used.has(f.name) ? `${f.sha256.slice(0, 8)}-${f.name}` : f.name;
    used.add(name);
    zip.file(name, readFileSync(path));
    rows.push([name, f.sha256, f.size, f.type, [...f.cited].join("; ")]);
  }
  zip.file("清单-manifest.csv", toCsv(["文件 file", "sha256", "字节 bytes", "类型 type", "里程碑 milestones"], rows));
  process.stdout.write(await zip.generateAsync({ type: "nodebuffer", compression: "DEFLATE" }));
} finally {
  await w.close();
}
