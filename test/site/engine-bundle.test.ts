/**
 * The engine bundled for the browser (src/data/engine.js.ts: the what-if and as-of panels run it):
 * only the engine's own code. A value imported from the plan file's schema module (domain/plan.ts)
 * once pulled all of zod into it (454 of 501 KiB, the gaps page's largest file).
 */
import { join } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "../../lib/paths.ts";

describe("the engine's browser bundle", () => {
  it("holds no zod and stays under 100 KB", async () => {
    const result = await build({
      entryPoints: [join(REPO_ROOT, "assessment", "index.ts")],
      bundle: true,
      format: "esm",
      platform: "browser",
      target: ["es2022"],
      minify: true,
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => i.includes("node_modules"))).toEqual([]);
    expect(result.outputFiles[0].contents.length).toBeLessThan(100_000);
  });
});
