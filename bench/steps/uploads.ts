/**
 * 50 concurrent uploads to the submission page (`plan-monitor serve --collect`), as
 * test/collect/concurrency.test.ts starts it: a fresh warehouse with the demo plan and one demo
 * file, a key for each of 5 units (`collect keys issue`), the 2020 forms (`collect templates`), each
 * upload a form filled as its unit would (pipelines/demo/fill-template.ts; every one with other
 * figures, so no two are the same file). Fires them all at once, then polls each receipt until it
 * has landed. Reports throughput (uploads landed per second, from the first request to the last
 * receipt landed) and the slowest receipt (an upload's request to its receipt landed, not the
 * "202 pending" answer). The server is this step's child, stopped by its pid at the end.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { main } from "../../pipelines/cli.ts";
import { DEFAULT_PLAN_FILE, DEMO_DIR } from "../../pipelines/context.ts";
import { fillTemplate } from "../../pipelines/demo/fill-template.ts";
import { loadPlanFile } from "../../loaders/plan-file.ts";
import { REPO } from "../child.ts";

const UNITS = ["jxj", "czj", "swj", "fgj", "jyj"];

/** Run a plan-monitor command in this process; its stdout is returned. */
async function cli(argv: string[]): Promise<string> {
  let out = "";
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array) => {
    out += String(chunk);
    return true;
  }) as typeof process.stdout.write;
  try {
    const code = await main(["node", "plan-monitor", ...argv]);
    if (code !== 0) throw new Error(`plan-monitor ${argv.join(" ")} exited with ${code}`);
  } finally {
    process.stdout.write = write;
    process.exitCode = 0;
  }
  return out;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(db: string, site: string): Promise<{ url: string; child: ChildProcess; output: () => string }> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["--import", "tsx", join(REPO, "pipelines", "cli.ts"), "--db", db, "serve", "--collect", "--dir", site, "--port", String(port)],
    { cwd: REPO, stdio: ["ignore", "pipe", "pipe"] },
  );
  let out = "";
  child.stdout?.on("data", (d) => {
    out += String(d);
  });
  child.stderr?.on("data", (d) => {
    out += String(d);
  });
  const end = Date.now() + 120_000;
  while (!/Submission page: /.test(out)) {
    if (child.exitCode !== null || Date.now() > end) {
      child.kill("SIGTERM");
      throw new Error(`the server did not start: ${out.slice(-500)}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { url: `http://127.0.0.1:${port}`, child, output: () => out };
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once("close", r));
  child.kill("SIGTERM");
  await Promise.race([done, new Promise((r) => setTimeout(r, 20_000))]);
  if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
}

interface Timed {
  unit: string;
  status: number;
  answer_ms: number;
  landed_ms: number | null;
  state: string;
}

async function uploadAndWait(url: string, key: string, name: string, bytes: Uint8Array): Promise<Omit<Timed, "unit">> {
  const started = performance.now();
  const form = new FormData();
  form.append("file", new Blob([Buffer.from(bytes)]), name);
  const res = await fetch(`${url}/api/collect`, {
    method: "POST",
    body: form,
    headers: { Authorization: `Bearer ${key}` },
    signal: AbortSignal.timeout(900_000),
  });
  const answer = JSON.parse(await res.text()) as { id?: string; state?: string };
  const answered = performance.now();
  let state = answer.state ?? `http ${res.status}`;
  // A 202 is only "pending": poll the receipt until it has landed (or was refused), every 250 ms as
  // test/collect/concurrency.test.ts does (each poll is a request the server authenticates: polling
  // faster would slow the server it measures). The receipt time is thus up to 250 ms late.
  while (state === "pending" && answer.id) {
    if (performance.now() - started > 900_000) break;
    await new Promise((r) => setTimeout(r, 250));
    const r = await fetch(`${url}/api/collect/receipts/${answer.id}`, { headers: { Authorization: `Bearer ${key}` } });
    if (r.status === 200) state = ((await r.json()) as { state: string }).state;
    else await r.arrayBuffer();
  }
  const done = performance.now();
  return { status: res.status, answer_ms: answered - started, landed_ms: state === "landed" ? done - started : null, state };
}

export default async function uploads(args: { dir: string; uploads?: number }): Promise<Record<string, unknown>> {
  const n = args.uploads ?? 50;
  rmSync(args.dir, { recursive: true, force: true });
  const site = join(args.dir, "site");
  const forms = join(args.dir, "forms");
  mkdirSync(site, { recursive: true });
  writeFileSync(join(site, "index.html"), "<!doctype html><title>dashboard</title><p>仪表盘 dashboard</p>");
  const db = join(args.dir, "warehouse.duckdb");
  const setupStarted = performance.now();
  await cli(["--db", db, "ingest", "--plan", DEFAULT_PLAN_FILE, join(DEMO_DIR, "demo-synthetic-2-科技局-long.csv"), "--quiet"]);
  const keys = new Map<string, string>();
  for (const unit of UNITS)
    keys.set(unit, (JSON.parse(await cli(["--db", db, "collect", "keys", "issue", unit, "--format", "json"])) as { key: string }).key);
  await cli(["--db", db, "collect", "templates", "--period", "2020", "--units", UNITS.join(","), "--out", forms]);
  const { plan } = await loadPlanFile(DEFAULT_PLAN_FILE);
  const files = readdirSync(forms).filter((f) => f.endsWith(".xlsx"));
  const formOf = (unit: string) => {
    const zh = plan.units.find((u) => u.id === unit)?.zh ?? unit;
    const f = files.find((x) => x.includes(`-${zh}-`));
    if (!f) throw new Error(`no form for ${unit} in ${forms}`);
    return readFileSync(join(forms, f));
  };
  const jobs: { unit: string; name: string; bytes: Uint8Array }[] = [];
  for (let i = 0; i < n; i++) {
    const unit = UNITS[i % UNITS.length];
    const values = Object.fromEntries(plan.indicators.map((ind, k) => [ind.id, 100 + i * 13 + k]));
    jobs.push({ unit, name: `${unit}-${i}.xlsx`, bytes: await fillTemplate(formOf(unit), { values, status: "正式" }) });
  }
  const setupS = (performance.now() - setupStarted) / 1000;

  const server = await startServer(db, site);
  let results: Timed[];
  let seconds: number;
  try {
    const t0 = performance.now();
    results = (await Promise.all(jobs.map((j) => uploadAndWait(server.url, keys.get(j.unit) as string, j.name, j.bytes)))).map((r, i) => ({
      unit: jobs[i].unit,
      ...r,
    }));
    seconds = (performance.now() - t0) / 1000;
  } finally {
    await stop(server.child);
  }
  const landed = results.filter((r) => r.landed_ms !== null);
  if (landed.length !== n)
    throw new Error(
      `${n - landed.length} of ${n} uploads did not land: ${results
        .filter((r) => r.landed_ms === null)
        .slice(0, 3)
        .map((r) => `${r.unit} ${r.status} ${r.state}`)
        .join("; ")}`,
    );
  const slowest = Math.max(...landed.map((r) => r.landed_ms as number));
  const sorted = landed.map((r) => r.landed_ms as number).sort((a, b) => a - b);
  return {
    uploads: n,
    units: UNITS.length,
    setup_s: setupS,
    seconds,
    rows: n,
    rate: n / seconds,
    slowest_receipt_ms: slowest,
    median_receipt_ms: sorted[Math.floor(sorted.length / 2)],
    slowest_answer_ms: Math.max(...results.map((r) => r.answer_ms)),
    answered_pending: results.filter((r) => r.status === 202).length,
  };
}
