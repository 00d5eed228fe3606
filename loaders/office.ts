/**
 * Old and open office workbooks (.xls Excel 97-2003, WPS .et, OpenDocument .ods) → .xlsx bytes, by
 * LibreOffice: `soffice --headless --convert-to xlsx`, each call with its own throw-away profile
 * (-env:UserInstallation) so concurrent calls never share one, a timeout, and nothing but the input
 * file in its folder. The .xlsx then goes through the same exceljs reader as any workbook.
 *
 * Why LibreOffice and not a JavaScript reader: the npm `xlsx` package (SheetJS) is frozen at 0.18.5
 * with published advisories (prototype pollution, ReDoS) and its maintained builds are not on the
 * registry; no other maintained pure-JS package reads BIFF8 .xls. LibreOffice reads .xls, .et and
 * .ods as offices save them, and is a Debian package (libreoffice-calc-nogui).
 *
 * @example
 *   const xlsx = await convertToXlsx(odsBytes, "returned.ods"); // Uint8Array of an .xlsx
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { pathToFileURL } from "node:url";
import { errText, FileError } from "./errors.ts";

export const SOFFICE_INSTALL = "apt-get install -y --no-install-recommends libreoffice-calc-nogui";

/** Milliseconds one conversion may take (PLAN_MONITOR_SOFFICE_TIMEOUT_MS, default 120 s: a cold start under load is slow). */
export function sofficeTimeoutMs(): number {
  const n = Number(process.env.PLAN_MONITOR_SOFFICE_TIMEOUT_MS);
  return Number.isFinite(n) && n > 0 ? n : 120_000;
}

const CANDIDATES = [
  "/usr/bin/soffice",
  "/usr/lib/libreoffice/program/soffice",
  "/opt/libreoffice/program/soffice",
  "/Applications/LibreOffice.app/Contents/MacOS/soffice",
  "C:\\Program Files\\LibreOffice\\program\\soffice.exe",
];

/** The LibreOffice program: PLAN_MONITOR_SOFFICE, else `soffice` on PATH, else the usual install places; null when absent. */
export function sofficePath(): string | null {
  const env = process.env.PLAN_MONITOR_SOFFICE;
  if (env !== undefined) return env !== "" && existsSync(env) ? env : null;
  for (const dir of (process.env.PATH ?? "").split(delimiter)) {
    for (const name of ["soffice", "soffice.exe"]) {
      const p = join(dir, name);
      if (dir && existsSync(p)) return p;
    }
  }
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const officeErrors = {
  noSoffice: (name: string, what: { zh: string; en: string }): FileError =>
    new FileError(
      "SOFFICE_MISSING",
      `文件"${name}"是${what.zh}，读取它需要 LibreOffice，但本机未安装。请安装（Debian/Ubuntu：${SOFFICE_INSTALL}），或在 Excel/WPS 中将文件"另存为"Excel 工作簿（.xlsx）后再导入。`,
      `file "${name}" is ${what.en}; reading it needs LibreOffice, which is not installed here. Install it (Debian/Ubuntu: ${SOFFICE_INSTALL}), or in Excel/WPS save the file as an Excel Workbook (.xlsx) and ingest that.`,
    ),
  failed: (name: string, what: { zh: string; en: string }, detail: string): FileError =>
    new FileError(
      "OFFICE_CONVERT_FAILED",
      `LibreOffice 无法读取文件"${name}"（${what.zh}）：${detail.slice(0, 160)}。文件可能已损坏或有密码；请在 Excel/WPS 中打开并"另存为"Excel 工作簿（.xlsx）后再导入。`,
      `LibreOffice cannot read file "${name}" (${what.en}): ${detail.slice(0, 160)}. It may be damaged or password-protected; open it in Excel/WPS and save it as an Excel Workbook (.xlsx).`,
    ),
  timeout: (name: string, ms: number): FileError =>
    new FileError(
      "OFFICE_CONVERT_TIMEOUT",
      `LibreOffice 在 ${Math.round(ms / 1000)} 秒内未能转换文件"${name}"。请在 Excel/WPS 中将其另存为 .xlsx 后再导入（或用 PLAN_MONITOR_SOFFICE_TIMEOUT_MS 设置更长的毫秒数）。`,
      `LibreOffice did not convert file "${name}" within ${Math.round(ms / 1000)} s. Save it as .xlsx from Excel/WPS and ingest that (or allow longer with PLAN_MONITOR_SOFFICE_TIMEOUT_MS, in ms).`,
    ),
};

/**
 * Convert office bytes (`ext` names the input format for LibreOffice: "xls", "ods") to `target`
 * ("xlsx", "xls", "ods", "pdf") in a private temporary folder. Throws FileError.
 */
export async function convertOffice(
  bytes: Uint8Array,
  fileName: string,
  ext: string,
  target: string,
  what: { zh: string; en: string },
): Promise<Uint8Array> {
  const soffice = sofficePath();
  if (!soffice) throw officeErrors.noSoffice(fileName, what);
  const dir = mkdtempSync(join(tmpdir(), "pm-soffice-"));
  try {
    const input = join(dir, `input.${ext}`);
    const out = join(dir, "out");
    writeFileSync(input, bytes);
    const ms = sofficeTimeoutMs();
    const args = [
      `-env:UserInstallation=${pathToFileURL(join(dir, "profile")).href}`,
      "--headless",
      "--invisible",
      "--norestore",
      "--nologo",
      "--nodefault",
      "--nolockcheck",
      "--convert-to",
      target,
      "--outdir",
      out,
      input,
    ];
    const { code, stderr, timedOut } = await run(soffice, args, ms, dir);
    if (timedOut) throw officeErrors.timeout(fileName, ms);
    const made = existsSync(out) ? readdirSync(out).find((f) => f.toLowerCase().endsWith(`.${target}`)) : undefined;
    if (!made) throw officeErrors.failed(fileName, what, stderr.trim() || `exit code ${code}, no output`);
    return readFileSync(join(out, made));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Convert an .xls/.et/.ods workbook to .xlsx bytes. */
export function convertToXlsx(bytes: Uint8Array, fileName: string, kind: "xls" | "ods"): Promise<Uint8Array> {
  const what =
    kind === "xls"
      ? { zh: "Excel 97-2003 工作簿（.xls/.et）", en: "an Excel 97-2003 workbook (.xls/.et)" }
      : { zh: "OpenDocument 电子表格（.ods）", en: "an OpenDocument spreadsheet (.ods)" };
  return convertOffice(bytes, fileName, kind, "xlsx", what);
}

function run(cmd: string, args: string[], ms: number, home: string): Promise<{ code: number | null; stderr: string; timedOut: boolean }> {
  return new Promise((resolve) => {
    // HOME in the temp folder too: LibreOffice writes caches there; nothing of the user's is touched.
    const child = spawn(cmd, args, { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, HOME: home }, detached: false });
    let stderr = "";
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, ms);
    child.stderr?.on("data", (d: Buffer) => {
      if (stderr.length < 4000) stderr += d.toString("utf-8");
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      resolve({ code: null, stderr: errText(e), timedOut });
    });
    child.on("close", (code) => {
      clearTimeout(timer);
      // javaldx's warning is noise on every run without Java.
      resolve({ code, stderr: stderr.replace(/Warning: failed to launch javaldx[^\n]*\n?/g, ""), timedOut });
    });
  });
}
