/**
 * The README's picture of the Word report: the demo data ingested into a throw-away warehouse,
 * `plan-monitor report --format docx`, converted to PDF by LibreOffice (as an evaluator's office
 * suite would render it), its first pages rasterised by pdftoppm and laid side by side by the same
 * headless Chromium the PDF export uses. Writes docs/report-docx-preview.png (kept under 300 KB).
 *
 *   npx tsx scripts/docx-preview.ts [--pages 4] [--out docs/report-docx-preview.png]
 *
 * Needs soffice (libreoffice-writer-nogui), pdftoppm (poppler-utils) and Chromium.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { withChromiumPage } from "../exports/pdf.ts";
import { REPO_ROOT } from "../lib/paths.ts";
import { reportCommand } from "../pipelines/commands/report.ts";
import { loadAndStorePlan } from "../pipelines/context.ts";
import { expandPaths, ingestFiles } from "../pipelines/ingest.ts";
import { openWarehouse } from "../warehouse/connection.ts";

const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
};
const PAGES = Number(arg("pages", "4"));
const OUT = join(REPO_ROOT, arg("out", "docs/report-docx-preview.png"));
const LIMIT = 300 * 1024;

const dir = mkdtempSync(join(tmpdir(), "plan-monitor-preview-"));
try {
  const db = join(dir, "demo.duckdb");
  const w = await openWarehouse(db, { waitMs: 0 });
  try {
    const plan = await loadAndStorePlan(w, join(REPO_ROOT, "data/plans/wafangdian-2018-2020.yaml"), "zh");
    await ingestFiles(w, plan, expandPaths([join(REPO_ROOT, "data/demo")]).files, { archive: false });
  } finally {
    await w.close();
  }
  const docx = join(dir, "report.docx");
  await reportCommand({ db, lang: "zh", format: "docx", out: docx, quiet: true });
  execFileSync("soffice", ["--headless", "--convert-to", "pdf", "--outdir", dir, docx], { stdio: "ignore", timeout: 180_000 });
  execFileSync("pdftoppm", ["-png", "-r", "42", "-f", "1", "-l", String(PAGES), join(dir, "report.pdf"), join(dir, "page")]);
  const pages = readdirSync(dir)
    .filter((f) => /^page-\d+\.png$/.test(f))
    .sort()
    .map((f) => `data:image/png;base64,${readFileSync(join(dir, f)).toString("base64")}`);
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #d9d9d9; }
#sheet { display: inline-flex; gap: 10px; padding: 10px; background: #d9d9d9; }
#sheet img { display: block; box-shadow: 0 0 3px #888; background: #fff; }
</style></head><body><div id="sheet">${pages.map((src) => `<img src="${src}">`).join("")}</div></body></html>`;
  const png = await withChromiumPage(html, async (page) => page.locator("#sheet").screenshot({ type: "png" }));
  mkdirSync(dirname(OUT), { recursive: true });
  writeFileSync(OUT, png);
  const size = statSync(OUT).size;
  process.stderr.write(`docx-preview: ${pages.length} pages -> ${OUT} (${Math.round(size / 1024)} KB)\n`);
  if (size > LIMIT) {
    process.stderr.write(`docx-preview: the image is over ${LIMIT / 1024} KB; use fewer --pages\n`);
    process.exitCode = 1;
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
