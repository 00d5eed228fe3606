/**
 * Fill Observable Framework's npm cache from node_modules so `observable build` needs no network.
 *
 * Framework resolves every `npm:` specifier (the ones pages write, and the ~15 its client may load
 * on demand: react-dom, lodash, echarts, leaflet, ...) against <root>/.observablehq/cache/_npm/
 * before it asks registry.npmjs.org and cdn.jsdelivr.net. A `<name>@<version>/` folder there answers
 * the version question; an `_esm.js` inside it answers the module question. This script writes:
 *  - for the libraries installed in node_modules that a page could load (d3, htl, Plot, Arrow,
 *    d3-dsv, ...): the folder at the installed version and a self-contained ESM bundle (esbuild);
 *  - for every other library the client names: an empty folder at a pinned version, so the build
 *    can write the import path. Pages here never load those libraries (a page that did would fail
 *    the build offline, loudly, naming the file it tried to fetch).
 *
 * Usage: tsx pipelines/site/offline-cache.ts [--root src] [--quiet]
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { mkdir, rename, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { REPO_ROOT } from "../../lib/paths.ts";

const repo = REPO_ROOT;

/** Libraries a page may load through an implicit `npm:` import; bundled from node_modules. */
const BUNDLE = ["d3", "d3-dsv", "htl", "@observablehq/plot", "apache-arrow", "isoformat"];

/** Versions to use for libraries the client names but that are not installed (never loaded here). */
const PINNED: Record<string, string> = {
  react: "19.1.0",
  "react-dom": "19.1.0",
  lodash: "4.17.21",
  arquero: "8.0.3",
  echarts: "5.6.0",
  leaflet: "1.9.4",
  "mapbox-gl": "3.13.0",
  "topojson-client": "3.1.0",
  "parquet-wasm": "0.6.1",
  "@viz-js/viz": "3.14.0",
  exceljs: "4.4.0",
  jszip: "3.10.1",
  katex: "0.16.22",
  mermaid: "11.6.0",
  "sql.js": "1.13.0",
  vega: "6.1.2",
  "vega-lite": "6.1.0",
  "vega-lite-api": "5.6.0",
  "@uwdata/vgplot": "0.16.2",
  "@uwdata/mosaic-core": "0.16.2",
  "@observablehq/sample-datasets": "1.0.1",
};

/** Specifiers Framework serves from its own bundle (resolvers.js `builtins`), or pins itself. */
const NOT_NPM = new Set([
  "@observablehq/runtime",
  "@observablehq/stdlib",
  "@observablehq/dot",
  "@observablehq/duckdb",
  "@observablehq/inputs",
  "@observablehq/mermaid",
  "@observablehq/tex",
  "@observablehq/sqlite",
  "@duckdb/duckdb-wasm",
]);

function packageName(specifier: string): string {
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? `${parts[0]}/${parts[1]}` : parts[0];
  const at = name.indexOf("@", 1);
  return at > 0 ? name.slice(0, at) : name;
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) yield* walk(path);
    else if (path.endsWith(".js")) yield path;
  }
}

/** Every npm: library named by Framework's client and by its implicit-import table. */
export function librariesFrameworkNames(frameworkDist: string): string[] {
  const names = new Set<string>();
  const files = [...walk(join(frameworkDist, "client")), join(frameworkDist, "libraries.js")];
  for (const file of files) {
    for (const m of readFileSync(file, "utf-8").matchAll(/["'`]npm:(@?[\w.-]+(?:\/[\w.-]+)?)/g)) {
      const name = packageName(m[1]);
      if (!NOT_NPM.has(name)) names.add(name);
    }
  }
  for (const name of BUNDLE) names.add(name);
  return [...names].sort();
}

function installedVersion(name: string): string | null {
  const pkg = join(repo, "node_modules", name, "package.json");
  return existsSync(pkg) ? (JSON.parse(readFileSync(pkg, "utf-8")) as { version: string }).version : null;
}

async function bundle(name: string, outFile: string): Promise<void> {
  const result = await build({
    stdin: { contents: `export * from ${JSON.stringify(name)};`, resolveDir: repo, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: ["es2022"],
    minify: true,
    write: false,
    logLevel: "silent",
    define: { "process.env.NODE_ENV": '"production"' },
  });
  const tmp = `${outFile}.${process.pid}.tmp`;
  await writeFile(tmp, result.outputFiles[0].contents);
  await rename(tmp, outFile);
}

export async function fillOfflineCache({ root = "src", quiet = false } = {}): Promise<{ bundled: string[]; pinned: string[] }> {
  const log = (s: string) => quiet || process.stderr.write(`${s}\n`);
  const frameworkDist = join(repo, "node_modules", "@observablehq", "framework", "dist");
  const cache = join(resolve(repo, root), ".observablehq", "cache", "_npm");
  const bundled: string[] = [];
  const pinned: string[] = [];
  for (const name of librariesFrameworkNames(frameworkDist)) {
    const installed = installedVersion(name);
    const version = (BUNDLE.includes(name) && installed) || PINNED[name] || installed;
    if (!version) throw new Error(`offline-cache: no version known for npm:${name}; add it to PINNED in pipelines/site/offline-cache.ts`);
    const dir = join(cache, `${name}@${version}`);
    await mkdir(dir, { recursive: true });
    if (BUNDLE.includes(name) && installed) {
      const out = join(dir, "_esm.js");
      if (!existsSync(out)) await bundle(name, out);
      bundled.push(`${name}@${version}`);
    } else {
      pinned.push(`${name}@${version}`);
    }
  }
  log(
    `offline-cache: ${bundled.length} bundled from node_modules (${bundled.join(", ")}), ${pinned.length} pinned placeholders -> ${cache}`,
  );
  return { bundled, pinned };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const i = args.indexOf("--root");
  fillOfflineCache({ root: i >= 0 ? args[i + 1] : "src", quiet: args.includes("--quiet") }).catch((error) => {
    process.stderr.write(`offline-cache: ${error instanceof Error ? error.message : error}\n`);
    process.exit(1);
  });
}
