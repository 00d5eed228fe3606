// The assessment engine (assessment/index.ts: the engine, what-if, labels, thresholds) bundled for the browser: the what-if panel runs the
// very code the pipeline runs. Framework cannot import modules outside src/, so a loader bundles it.
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const entry = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "assessment", "index.ts");
try {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    write: false,
    logLevel: "silent",
  });
  process.stdout.write(result.outputFiles[0].text);
  process.stderr.write(`engine.js.ts: bundled ${entry} (${result.outputFiles[0].text.length} bytes)\n`);
} catch (error) {
  process.stderr.write(`engine.js.ts: cannot bundle ${entry} for the browser: ${error instanceof Error ? error.message : error}\n`);
  process.exitCode = 1;
}
