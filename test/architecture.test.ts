/**
 * Imports run one way (README "Design"): input files -> loaders/ -> warehouse/ -> assessment/ ->
 * src/ and exports/, with pipelines/ orchestrating and domain/ and lib/ shared by all. This test
 * reads every import (static, dynamic, export-from) of every .ts module under the layers and fails
 * on one that points up or across.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../lib/paths.ts";

/** Layer of a repository path; the longest matching prefix wins. */
const LAYERS = ["lib", "domain", "loaders", "warehouse", "assessment", "exports", "pipelines", "src/components", "src/data"] as const;
type Layer = (typeof LAYERS)[number];

/** What each layer may import (besides itself). */
const ALLOWED: Record<Layer, readonly string[]> = {
  lib: [],
  domain: ["lib"],
  loaders: ["lib", "domain"],
  warehouse: ["lib", "domain"],
  assessment: ["lib", "domain"],
  exports: ["lib", "domain", "assessment", "warehouse"],
  pipelines: ["lib", "domain", "loaders", "warehouse", "assessment", "exports"],
  // The pages show the engine's output; the row types the data loaders emit are their contract
  // ("type:" = `import type` only: erased from the browser bundle).
  "src/components": ["lib", "domain", "assessment", "type:pipelines/site/types.ts", "type:warehouse"],
  // Data loaders read through the site's source and the services, never through a CLI command.
  // Services: pipelines/services.ts (assessment, report) and pipelines/tasks.ts (milestones).
  "src/data": ["lib", "domain", "assessment", "warehouse", "exports", "pipelines/site", "pipelines/services.ts", "pipelines/tasks.ts"],
};

function layerOf(path: string): Layer | null {
  const hits = LAYERS.filter((l) => path === l || path.startsWith(`${l}/`));
  return hits.sort((a, b) => b.length - a.length)[0] ?? null;
}

function tsFiles(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(join(REPO_ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isSymbolicLink() || e.name.startsWith(".")) continue;
    if (e.isDirectory()) out.push(...tsFiles(p));
    else if (p.endsWith(".ts")) out.push(p);
  }
  return out;
}

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s([^"'`;]*?)from\s*["']([^"']+)["']|import\s*\(\s*["']([^"']+)["']\s*\)|^\s*import\s*["']([^"']+)["']/gm;

/** The relative imports of a module, as repository paths ("type:" in front of `import type`). */
function importsOf(file: string, text = readFileSync(join(REPO_ROOT, file), "utf-8")): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(IMPORT)) {
    const spec = m[2] ?? m[3] ?? m[4];
    if (!spec?.startsWith(".")) continue;
    const typeOnly = m[1] !== undefined && /^type\s/.test(m[1]);
    const path = relative(REPO_ROOT, resolve(REPO_ROOT, dirname(file), spec)).replace(/\\/g, "/");
    out.push(typeOnly ? `type:${path}` : path);
  }
  return out;
}

/** Why `target` may not be imported from `file`, or null when it may. */
function violation(file: string, target: string): string | null {
  const from = layerOf(file);
  if (!from) return null;
  const typeOnly = target.startsWith("type:");
  const path = target.replace(/^type:/, "").replace(/^src\/lib(\/|$)/, "lib$1");
  const to = layerOf(path);
  if (!to || to === from) return null;
  const covers = (a: string) => path === a || path.startsWith(`${a}/`) || path === a.replace(/\.ts$/, ".js");
  const ok = ALLOWED[from].some((a) => (a.startsWith("type:") ? typeOnly && covers(a.slice(5)) : covers(a)));
  return ok ? null : `${file} imports ${target} (${from} may import ${ALLOWED[from].join(", ") || "nothing else"})`;
}

describe("architecture: imports run one way", () => {
  it("finds import statements of every form", () => {
    const text = `import a from "../a.ts";\nimport { b } from '../b.ts';\nexport * from "../c.ts";\nconst d = await import("../d.ts");\nimport "../e.ts";\nimport x from "node:fs";`;
    expect(importsOf("warehouse/x.ts", text)).toEqual(["a.ts", "b.ts", "c.ts", "d.ts", "e.ts"]);
    expect(importsOf("warehouse/x.ts", `import type { A } from "../a.ts";`)).toEqual(["type:a.ts"]);
  });
  it("flags a wrong-way import", () => {
    expect(violation("warehouse/records.ts", "loaders/records/kinds.ts")).toMatch(/warehouse may import lib, domain/);
    expect(violation("exports/csv.ts", "pipelines/output.ts")).not.toBeNull();
    expect(violation("src/data/report-files.tar.ts", "pipelines/commands/report.ts")).not.toBeNull();
    expect(violation("src/components/i18n.ts", "src/lib/format.js")).toBeNull();
    expect(violation("src/components/x.ts", "type:warehouse/read.ts")).toBeNull();
    expect(violation("src/components/x.ts", "warehouse/read.ts")).not.toBeNull();
    expect(violation("assessment/engine.ts", "assessment/series.ts")).toBeNull();
  });
  it("holds for every module under the layers", () => {
    const files = LAYERS.filter((l) => l !== "src/components" && l !== "src/data")
      .flatMap((l) => tsFiles(l))
      .concat(tsFiles("src/components"), tsFiles("src/data"));
    expect(files.length).toBeGreaterThan(100);
    const wrong = files.flatMap((f) =>
      importsOf(f)
        .map((t) => violation(f, t))
        .filter((v): v is string => v !== null),
    );
    expect(wrong).toEqual([]);
  });
  it("has no import cycle inside assessment/", () => {
    const files = tsFiles("assessment");
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((t) => t.startsWith("assessment/") && !t.endsWith("index.ts"))]));
    const seen = new Set<string>();
    const stack: string[] = [];
    const cycles: string[] = [];
    const visit = (f: string) => {
      if (stack.includes(f)) return void cycles.push([...stack.slice(stack.indexOf(f)), f].join(" -> "));
      if (seen.has(f)) return;
      seen.add(f);
      stack.push(f);
      for (const t of graph.get(f) ?? []) visit(t);
      stack.pop();
    };
    for (const f of files) visit(f);
    expect(cycles).toEqual([]);
  });
});
