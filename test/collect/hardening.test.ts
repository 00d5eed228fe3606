/**
 * The submission server's guards through real HTTP: a --private dashboard needs a key (Bearer or
 * a session opened with the key form; the cookie is HttpOnly and SameSite=Strict), a revoked key
 * ends its sessions, and an address that keeps sending wrong keys is stopped (429).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { run } from "../helpers.ts";
import { get, issueKey, type Server, type Setup, setup, startServer, upload } from "./server-helpers.ts";

async function login(url: string, key: string, next = "/") {
  const res = await fetch(`${url}/collect/login`, {
    method: "POST",
    body: new URLSearchParams({ key, next }),
    redirect: "manual",
    signal: AbortSignal.timeout(30_000),
  });
  await res.arrayBuffer();
  return res;
}

describe("--private dashboard, sessions and the failed-key limit", () => {
  let s: Setup;
  let server: Server;
  let key: { id: string; key: string };

  beforeAll(async () => {
    s = await setup();
    key = await issueKey(s.db, "jxj");
    server = await startServer(s, ["--private"]);
  });
  afterAll(async () => {
    await server?.stop();
    s?.cleanup();
  });

  it("the dashboard needs a key; a session from the key form opens it", async () => {
    const anon = await get(`${server.url}/`, null);
    expect(anon.status).toBe(303);
    expect(anon.headers.get("location")).toBe("/collect/login?next=%2F");
    expect(anon.body).not.toContain("dashboard");
    expect((await get(`${server.url}/index.html`, null)).status).toBe(303);
    expect((await get(`${server.url}/collect/login?next=%2F`, null)).body).toContain("报送密钥");
    expect((await get(`${server.url}/`, key.key)).status).toBe(200);

    const bad = await login(server.url, "pmk_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
    expect(bad.status).toBe(401);
    expect(bad.headers.get("set-cookie")).toBeNull();
    const forged = await fetch(`${server.url}/collect/login`, {
      method: "POST",
      body: new URLSearchParams({ key: key.key }),
      headers: { Origin: "http://evil.example" },
      redirect: "manual",
    });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("set-cookie")).toBeNull();
    const ok = await login(server.url, key.key, "//evil.example/");
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toBe("/collect/receipts"); // never another host
    const cookie = ok.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const session = cookie.split(";")[0];
    const page = await get(`${server.url}/`, null, session);
    expect(page.status).toBe(200);
    expect(page.body).toContain("dashboard");
    const receipts = await get(`${server.url}/collect/receipts`, null, session);
    expect(receipts.status).toBe(200);
    expect(receipts.headers.get("cache-control")).toBe("no-store");

    // Revoking the key ends its sessions (the server re-reads keys at most 2 s old).
    expect((await run("--db", s.db, "collect", "keys", "revoke", key.id)).code).toBe(0);
    await new Promise((r) => setTimeout(r, 2500));
    expect((await get(`${server.url}/`, null, session)).status).toBe(303);
    key = await issueKey(s.db, "jxj");
  });

  it("an address sending wrong keys is stopped with 429 and Retry-After, and each try is audited", async () => {
    const wrong = `pmk_${"1".repeat(12)}_${"B".repeat(43)}`;
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await upload(server.url, wrong, "x.csv", "指标,年份,数值\n")).status);
    // The wrong key at the login form above was the first of this address's 10 allowed failures.
    expect(statuses).toEqual([...Array(9).fill(401), 429, 429, 429]);
    const limited = await upload(server.url, key.key, "x.csv", "指标,年份,数值\n");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    const audit = JSON.parse((await run("--db", s.db, "collect", "audit", "--format", "json")).out) as { result: string }[];
    expect(audit.filter((r) => r.result === "auth:rate-limited").length).toBeGreaterThanOrEqual(3);
    expect(audit.filter((r) => r.result === "auth:wrong").length).toBeGreaterThanOrEqual(10);
  });
});
