/**
 * Helpers for the reliability tests: run the CLI in-process or as a child process, dump a whole
 * warehouse for before/after comparison, and build .xlsx (zip) files byte by byte, bombs included.
 */
import { spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { crc32, createDeflateRaw } from "node:zlib";
import { archiveDir } from "../../warehouse/archive.ts";
import { openWarehouse, queryRows, type Warehouse } from "../../warehouse/connection.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

import type { Run } from "../helpers.ts";

export { type Run, run } from "../helpers.ts";

/** A stack trace line ("    at fn (file:1:2)"). */
export const STACK = /^\s+at\s.+[:(]/m;

/**
 * Every table of the warehouse, every row in a stable order, as JSON text; plus the archive
 * manifest. Two equal dumps mean nothing was added, removed or changed.
 */
export async function dump(db: string): Promise<Record<string, string>> {
  const w = await openWarehouse(db, { readOnly: true, waitMs: 0 });
  try {
    const out = await dumpTables(w);
    const manifest = join(archiveDir(db), "manifest.jsonl");
    out["archive manifest"] = existsSync(manifest) ? readFileSync(manifest, "utf8") : "";
    return out;
  } finally {
    await w.close();
  }
}

/** Every table of an open warehouse, every row in a stable order, as JSON text. */
export async function dumpTables(w: Warehouse): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = await queryRows<{ name: string }>(w, "SELECT table_name AS name FROM duckdb_tables() ORDER BY 1");
  for (const { name } of tables) {
    const reader = await w.connection.runAndReadAll(`SELECT * FROM "${name.replace(/"/g, '""')}" ORDER BY ALL`);
    out[name] = JSON.stringify(reader.getRowsJson());
  }
  return out;
}

export interface ChildRun extends Run {
  pid: number;
  /** Peak resident memory of the child, in MB. */
  maxRssMb: number;
  ms: number;
}

const EXIT_HOOK = `data:text/javascript,process.on("exit",()=>process.stderr.write("\\n@@maxrss="+process.resourceUsage().maxRSS+"\\n"))`;

/** Start the real CLI as a child process: `node --import tsx pipelines/cli.ts ARGS`. */
export function spawnCli(args: string[], env: Record<string, string> = {}) {
  const started = Date.now();
  const child = spawn(process.execPath, ["--import", "tsx", "--import", EXIT_HOOK, join(ROOT, "pipelines/cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d) => {
    out += String(d);
  });
  child.stderr.on("data", (d) => {
    err += String(d);
  });
  const done = new Promise<ChildRun & { signal: NodeJS.Signals | null }>((resolve) => {
    child.on("close", (code, signal) => {
      const m = /\n@@maxrss=(\d+)\n/.exec(err);
      resolve({
        code: code ?? -1,
        signal,
        out,
        err: err.replace(/\n@@maxrss=\d+\n/, ""),
        pid: child.pid ?? -1,
        maxRssMb: m ? Number(m[1]) / 1024 : Number.NaN,
        ms: Date.now() - started,
      });
    });
  });
  return { child, done };
}

export const cli = (args: string[], env: Record<string, string> = {}) => spawnCli(args, env).done;

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Poll `check` every 20 ms until it is true (or throw after `timeoutMs`). */
export async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(20);
  }
}

// ---------------------------------------------------------------------------------------------
// A minimal zip writer: enough for an .xlsx that exceljs reads, and for zip bombs.

export interface ZipEntryInput {
  name: string;
  /** The entry's content, in chunks (a generator keeps a 1 GB entry out of memory). */
  chunks: () => Iterable<Buffer>;
}

async function deflate(chunks: Iterable<Buffer>): Promise<{ data: Buffer; crc: number; size: number }> {
  const z = createDeflateRaw({ level: 1 });
  const parts: Buffer[] = [];
  z.on("data", (c: Buffer) => parts.push(c));
  const ended = new Promise<void>((resolve, reject) => {
    z.on("end", resolve);
    z.on("error", reject);
  });
  let crc = 0;
  let size = 0;
  for (const chunk of chunks) {
    crc = crc32(chunk, crc);
    size += chunk.length;
    if (!z.write(chunk)) await new Promise((r) => z.once("drain", r));
  }
  z.end();
  await ended;
  return { data: Buffer.concat(parts), crc, size };
}

export interface DeflatedEntry {
  name: string;
  data: Buffer;
  crc: number;
  size: number;
}

/** Compress the entries once; `assemble` then writes them as a zip, honest or lying about sizes. */
export async function deflateEntries(entries: ZipEntryInput[]): Promise<DeflatedEntry[]> {
  const out: DeflatedEntry[] = [];
  for (const e of entries) out.push({ name: e.name, ...(await deflate(e.chunks())) });
  return out;
}

/** A zip of deflated entries; `declared` overrides the uncompressed size written for an entry. */
export function assemble(entries: DeflatedEntry[], declared: Record<string, number> = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const { name: entryName, data, crc, size } of entries) {
    const name = Buffer.from(entryName, "utf8");
    const claimed = declared[entryName] ?? size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc >>> 0, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(claimed, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc >>> 0, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(claimed, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, data);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(entries.length, 8);
  eocd.writeUInt16LE(entries.length, 10);
  eocd.writeUInt32LE(cd.length, 12);
  eocd.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, eocd]);
}

const once = (text: string) => () => [Buffer.from(text, "utf8")];

const xmlEscape = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** One sheet row of inline strings and numbers. */
export function sheetRow(n: number, cells: (string | number)[]): string {
  const cols = cells.map((v, i) => {
    const ref = `${String.fromCharCode(65 + i)}${n}`;
    return typeof v === "number" ? `<c r="${ref}"><v>${v}</v></c>` : `<c r="${ref}" t="inlineStr"><is><t>${xmlEscape(v)}</t></is></c>`;
  });
  return `<row r="${n}">${cols.join("")}</row>`;
}

export const SHEET = "xl/worksheets/sheet1.xml";

/**
 * The parts of an .xlsx workbook with one sheet whose rows come from `rows` (chunks of <row>
 * XML), compressed; built without exceljs so the sheet can be as large as a test needs.
 * `assemble(parts)` makes the file; `assemble(parts, { [SHEET]: 5000 })` one that lies.
 */
export function xlsxParts(rows: () => Iterable<Buffer>): Promise<DeflatedEntry[]> {
  const ns = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
  const rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
  return deflateEntries([
    {
      name: "[Content_Types].xml",
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`,
      ),
    },
    {
      name: "_rels/.rels",
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: "xl/workbook.xml",
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><workbook xmlns="${ns}" xmlns:r="${rel}"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: "xl/_rels/workbook.xml.rels",
      chunks: once(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: SHEET,
      chunks: function* () {
        yield Buffer.from(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?><worksheet xmlns="${ns}"><sheetData>`);
        yield* rows();
        yield Buffer.from("</sheetData></worksheet>");
      },
    },
  ]);
}

export const xlsx = async (rows: () => Iterable<Buffer>): Promise<Buffer> => assemble(await xlsxParts(rows));
