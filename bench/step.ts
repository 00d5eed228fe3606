/**
 * A benchmark step in its own process (started by bench/child.ts): `tsx bench/step.ts <step> <json>`.
 * It runs bench/steps/<step>.ts, then writes the step's figures and its own peak memory as JSON
 * to $BENCH_RESULT. Each step module is loaded alone, so a step's memory is its own.
 */
import { writeFileSync } from "node:fs";

const STEPS = new Set(["readcsv", "ingest", "cli", "derive", "assess", "site", "browser", "collect", "tree", "uploads"]);

async function run(): Promise<void> {
  const [name, json] = process.argv.slice(2);
  const out = process.env.BENCH_RESULT;
  const write = (value: Record<string, unknown>) => {
    const body = JSON.stringify({ ...value, self_max_rss_kib: process.resourceUsage().maxRSS }, null, 2);
    if (out) writeFileSync(out, body);
    else process.stdout.write(`${body}\n`);
  };
  if (!name || !STEPS.has(name)) {
    write({ error: `unknown step ${name ?? "(none)"}: one of ${[...STEPS].join(", ")}` });
    process.exitCode = 64;
    return;
  }
  try {
    const mod = (await import(`./steps/${name}.ts`)) as { default: (args: Record<string, unknown>) => Promise<Record<string, unknown>> };
    write(await mod.default(JSON.parse(json ?? "{}")));
  } catch (error) {
    process.stderr.write(`${(error as Error).stack ?? error}\n`);
    write({
      error: String((error as Error).message ?? error)
        .split("\n")
        .slice(0, 6)
        .join("\n"),
    });
    process.exitCode = 1;
  }
}

await run();
