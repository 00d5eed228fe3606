/**
 * Crashes and concurrent runs, with the real CLI in child processes (issue 7):
 * - `ingest` killed with SIGKILL in the middle of landing a large file leaves a warehouse that
 *   opens and holds exactly what it held before (every table and the archive manifest);
 * - a second writer waits a bounded time, then stops with exit 3 naming the first one's PID, or,
 *   given a long wait, lands after the first finishes; the warehouse is never corrupted;
 * - output files go through a temporary name: a failed write leaves no partial file.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { archivedPath } from "../../warehouse/archive.ts";
import { DEMO_DIR, tempDir } from "../helpers.ts";
import { cli, dump, run, STACK, sleep, spawnCli, waitFor } from "./helpers.ts";

/** Rows in the large file: big enough that landing it takes a second or more (reading it, a few). */
const BIG_ROWS = 150_000;

let dir: string;
let cleanup: () => void;
let db: string;
let big: string;
let bigSha: string;

const NAMES = ["高新技术企业数量", "技术合同成交额", "R&D经费", "各类研发机构", "众创空间", "科技企业孵化器", "星创天地", "企业技术中心"];

/** A long-layout CSV of `n` distinct observations (indicator × region × year), as an office would send. */
function bigCsv(n: number): string {
  const lines = ["指标,地区,年份,数值,状态,来源,备注"];
  let i = 0;
  for (let region = 0; i < n; region++)
    for (const name of NAMES)
      for (let year = 1949; year <= 2100 && i < n; year++, i++)
        lines.push(`${name},${120000 + region},${year},${(i % 997) + 1},正式,统计局,第${i}行`);
  return `${lines.join("\n")}\n`;
}

/** Whether process `pid` has the file open (DuckDB opens and locks the warehouse in one step). */
function holdsFile(pid: number, path: string): boolean {
  try {
    return readdirSync(`/proc/${pid}/fd`).some((fd) => {
      try {
        return readlinkSync(`/proc/${pid}/fd/${fd}`) === path;
      } catch {
        return false;
      }
    });
  } catch {
    return false;
  }
}

const manifestHas = (sha: string) => {
  const path = join(dir, "w.archive", "manifest.jsonl");
  return existsSync(path) && readFileSync(path, "utf8").includes(sha);
};

beforeAll(async () => {
  ({ dir, cleanup } = tempDir("pm-crash-"));
  db = join(dir, "w.duckdb");
  expect((await run("--db", db, "ingest", DEMO_DIR)).code).toBe(1);
  const text = bigCsv(BIG_ROWS);
  big = join(dir, "big.csv");
  writeFileSync(big, text);
  bigSha = createHash("sha256").update(text).digest("hex");
});
afterAll(() => cleanup());

describe("a crash in the middle of an ingest", () => {
  it("SIGKILL while the large file is landing: the warehouse opens and holds exactly what it held before", async () => {
    const before = await dump(db);
    const { child, done } = spawnCli(["--db", db, "ingest", big]);
    // The archive copy is written just before the landing transaction starts.
    await waitFor(() => existsSync(archivedPath(db, bigSha, ".csv")), 60_000, "the file to be read and archived");
    const t = Date.now();
    await sleep(150); // inside the transaction: appending 150k rows, then committing, takes about a second
    child.kill("SIGKILL");
    const r = await done;
    expect(r.signal).toBe("SIGKILL");
    expect(manifestHas(bigSha)).toBe(false); // proof that the kill landed before the file finished landing
    console.info(`SIGKILL ${Date.now() - t} ms into landing ${BIG_ROWS} rows (read took ${r.ms - (Date.now() - t)} ms)`);
    expect(await dump(db)).toEqual(before);
  });

  it("two writers: the second stops after a short wait naming the first's PID, or lands after it with a long wait", async () => {
    const before = await dump(db);
    const small = join(dir, "small.csv");
    writeFileSync(small, "指标,年份,数值\n众创空间,2019,4\n众创空间,2020,5\n");
    const first = spawnCli(["--db", db, "--lang", "en", "ingest", big]);
    await waitFor(() => holdsFile(first.child.pid ?? -1, db), 60_000, "the first ingest to open the warehouse");
    const impatient = cli(["--db", db, "--lang", "en", "ingest", small], { PLAN_MONITOR_LOCK_WAIT_MS: "300" });
    const patient = cli(["--db", db, "--lang", "en", "ingest", small], { PLAN_MONITOR_LOCK_WAIT_MS: "120000" });
    const [a, b, c] = await Promise.all([first.done, impatient, patient]);
    expect(a.code, a.err).toBe(0);
    expect(a.out).toMatch(new RegExp(`big\\.csv\\s+landed\\s+${BIG_ROWS}\\s`));
    console.info(`first writer: ${BIG_ROWS} rows in ${a.ms} ms, peak RSS ${a.maxRssMb.toFixed(0)} MB`);
    // The impatient one: exit 3, the other process named, what to do; no stack trace.
    expect(b.code, b.out + b.err).toBe(3);
    expect(b.err).toContain(`is in use by another process (PID ${a.pid}) and was not released within 300 ms`);
    expect(b.err).toContain(`正被另一个进程（PID ${a.pid}）使用`);
    expect(b.err).toContain("PLAN_MONITOR_LOCK_WAIT_MS");
    expect(b.err).not.toMatch(STACK);
    expect(b.ms).toBeLessThan(a.ms);
    // The patient one waited, then landed.
    expect(c.code, c.out + c.err).toBe(0);
    expect(c.out).toMatch(/small\.csv\s+landed\s+2\s/);
    // Nothing corrupted: both files are there, whole, and nothing else changed.
    const after = await dump(db);
    const files = JSON.parse(after.source_files) as unknown[][];
    expect(files.map((f) => f[3]).filter((n) => n === "big.csv" || n === "small.csv")).toHaveLength(2);
    const observations = JSON.parse(after.observations) as unknown[][];
    expect(observations.length).toBe((JSON.parse(before.observations) as unknown[]).length + BIG_ROWS + 2);
    for (const t of ["plans", "indicators", "tasks", "rejected_rows"]) expect(after[t]).toEqual(before[t]);
    expect(manifestHas(bigSha)).toBe(true);
  });
});

describe("output files are written to a temporary name and renamed", () => {
  const leftovers = (folder: string) => readdirSync(folder).filter((n) => n.endsWith(".tmp"));

  it("a path whose parent is a file: exit 2, a clear message, nothing written", async () => {
    const out = join(dir, "outputs");
    mkdirSync(out);
    writeFileSync(join(out, "not-a-folder"), "x");
    const target = join(out, "not-a-folder", "observations.csv");
    const r = await run("--db", db, "show", "observations", "--format", "csv", "--out", target);
    expect(r.code).toBe(2);
    expect(r.err).toContain(`cannot write ${target} (EEXIST: file already exists, mkdir '${join(out, "not-a-folder")}')`);
    expect(r.err).toContain(`无法写入 ${target}`);
    expect(r.err).toContain("its parent must be a writable folder");
    expect(r.err).not.toMatch(STACK);
    expect(readdirSync(out)).toEqual(["not-a-folder"]);
  });

  it("a target that is a folder: the rename fails after the write, the temporary file is removed", async () => {
    const out = join(dir, "outputs-2");
    mkdirSync(join(out, "assessment.csv"), { recursive: true });
    const r = await run("--db", db, "--lang", "en", "assess", "--format", "csv", "--out", join(out, "assessment.csv"));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot write .*assessment\.csv \(E(ISDIR|NOTEMPTY|EXIST): .*rename/);
    expect(r.err).toContain("No partial file was left");
    expect(leftovers(out)).toEqual([]);
    expect(readdirSync(out)).toEqual(["assessment.csv"]);
  });

  it.skipIf(process.getuid?.() === 0)("a read-only folder: nothing written, the old file intact", async () => {
    const { chmodSync } = await import("node:fs");
    const out = join(dir, "read-only");
    mkdirSync(out);
    writeFileSync(join(out, "obs.csv"), "old");
    chmodSync(out, 0o555);
    try {
      const r = await run("--db", db, "show", "observations", "--format", "csv", "--out", join(out, "obs.csv"));
      expect(r.code).toBe(2);
      expect(readFileSync(join(out, "obs.csv"), "utf8")).toBe("old");
      expect(leftovers(out)).toEqual([]);
    } finally {
      chmodSync(out, 0o755);
    }
  });

  it("a successful write replaces the old file whole and leaves no temporary file", async () => {
    const out = join(dir, "outputs-3");
    mkdirSync(out);
    writeFileSync(join(out, "assessment.json"), "old");
    expect((await run("--db", db, "assess", "--format", "json", "--out", join(out, "assessment.json"))).code).toBe(0);
    expect(JSON.parse(readFileSync(join(out, "assessment.json"), "utf8")).indicators).toHaveLength(13);
    expect(readdirSync(out)).toEqual(["assessment.json"]);
  });
});
