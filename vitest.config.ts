import { defineConfig } from "vitest/config";

// Two projects: the browser tests share one site build (test/browser/global-setup.ts), made only
// when a browser test runs; everything else runs without it.
export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    projects: [
      { extends: true, test: { name: "unit", include: ["test/**/*.test.ts"], exclude: ["test/browser/**"] } },
      {
        extends: true,
        test: { name: "browser", include: ["test/browser/**/*.test.ts"], globalSetup: ["test/browser/global-setup.ts"] },
      },
    ],
  },
});
