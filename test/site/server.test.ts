import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningSite, resolveRequestPath, serveSite } from "../../pipelines/site/server.ts";
import { librariesFrameworkNames } from "../../pipelines/site/offline-cache.ts";

const dir = mkdtempSync(join(tmpdir(), "pm-serve-"));
mkdirSync(join(dir, "indicators"));
writeFileSync(join(dir, "index.html"), "<h1>index</h1>");
writeFileSync(join(dir, "gaps.html"), "<h1>gaps</h1>");
writeFileSync(join(dir, "404.html"), "<h1>not here</h1>");
writeFileSync(join(dir, "indicators", "rd.html"), "<h1>rd</h1>");
writeFileSync(join(tmpdir(), "pm-secret.txt"), "secret");

describe("resolveRequestPath", () => {
  it("maps clean and .html paths to files", () => {
    expect(resolveRequestPath(dir, "/")).toBe(join(dir, "index.html"));
    expect(resolveRequestPath(dir, "/gaps")).toBe(join(dir, "gaps.html"));
    expect(resolveRequestPath(dir, "/indicators/rd.html?lang=en")).toBe(join(dir, "indicators", "rd.html"));
  });
  it("never leaves the directory", () => {
    for (const p of ["/../pm-secret.txt", "/%2e%2e/pm-secret.txt", "/..%2fpm-secret.txt", "/%00", "/%E0%A4%A"]) {
      expect(resolveRequestPath(dir, p)).toBeNull();
    }
  });
});

describe("serveSite", () => {
  let site: RunningSite;
  beforeAll(async () => {
    site = await serveSite({ dir, port: 0, announce: false });
  });
  afterAll(() => site.close());
  it("binds to 127.0.0.1 and serves pages with a same-origin-only policy", async () => {
    expect(site.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
    const res = await fetch(`${site.url}gaps`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(await res.text()).toContain("gaps");
  });
  it("answers 404 with the site's page and refuses other methods", async () => {
    const missing = await fetch(`${site.url}nope`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("not here");
    expect((await fetch(site.url, { method: "POST" })).status).toBe(405);
  });
  it("says clearly when the directory holds no built site", async () => {
    await expect(serveSite({ dir: tmpdir(), port: 0, announce: false })).rejects.toThrow(/plan-monitor build/);
  });
  it("says clearly when the port is taken", async () => {
    await expect(serveSite({ dir, port: site.port, announce: false })).rejects.toThrow(/--port/);
  });
});

describe("offline cache", () => {
  it("covers the libraries Framework's client may load on demand", () => {
    const names = librariesFrameworkNames(join(process.cwd(), "node_modules", "@observablehq", "framework", "dist"));
    for (const n of ["react-dom", "lodash", "d3-dsv", "apache-arrow", "@observablehq/plot", "htl"]) expect(names).toContain(n);
    expect(names).not.toContain("@observablehq/inputs");
  });
});

describe("build lock", () => {
  it("runs builds one at a time", async () => {
    const { withBuildLock } = await import("../../pipelines/site/index.ts");
    const events: string[] = [];
    const job = (name: string) =>
      withBuildLock(async () => {
        events.push(`${name}:start`);
        await new Promise((r) => setTimeout(r, 50));
        events.push(`${name}:end`);
      });
    await Promise.all([job("a"), job("b")]);
    expect(events[1]).toMatch(/:end$/);
    expect(events[3]).toMatch(/:end$/);
  });
});
