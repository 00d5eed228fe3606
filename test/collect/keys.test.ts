/**
 * Submission keys: the key and its stored hash, constant-time verification, and the planner's
 * commands (`collect keys issue|list|revoke`, `collect audit`) with their messages and exit codes.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { safeNext, cleanFileName } from "../../pipelines/collect/server.ts";
import { newKey, parseKey, SCRYPT, verifySecret } from "../../pipelines/collect/keys.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { type AuditRow, appendAudit } from "../../warehouse/submission-page.ts";
import { DEMO_DIR, PLAN_FILE, run, tempDir } from "../helpers.ts";

describe("keys", () => {
  it("are long, random, shown once and stored only as a salted scrypt hash", async () => {
    const a = await newKey();
    const b = await newKey();
    expect(a.key).toMatch(/^pmk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(a.key).not.toBe(b.key);
    expect(a.hash).toMatch(new RegExp(`^scrypt\\$${SCRYPT.N}\\$${SCRYPT.r}\\$${SCRYPT.p}\\$[A-Za-z0-9_-]{22}\\$[A-Za-z0-9_-]{43}$`));
    expect(a.hash).not.toContain(a.key.slice(-43));
    const parsed = parseKey(a.key);
    expect(parsed?.id).toBe(a.id);
    expect(await verifySecret(parsed?.secret ?? "", a.hash)).toBe(true);
    expect(await verifySecret(parseKey(b.key)?.secret ?? "", a.hash)).toBe(false);
    expect(await verifySecret(parsed?.secret ?? "", null)).toBe(false);
    for (const junk of ["", "pmk_", "letmein", `${a.key}x`, a.key.replace("pmk_", "PMK_"), `pmk_${a.id}_${"a".repeat(42)}`])
      expect(parseKey(junk)).toBeNull();
  });

  it("an unknown id costs the same scrypt work as a known one", async () => {
    const k = await newKey();
    const secret = parseKey(k.key)?.secret ?? "";
    const time = async (stored: string | null) => {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 5; i++) await verifySecret(secret, stored);
      return Number(process.hrtime.bigint() - t) / 5e6;
    };
    await time(null);
    const known = await time(k.hash);
    const unknown = await time(null);
    console.info(`scrypt check: known id ${known.toFixed(1)} ms, unknown id ${unknown.toFixed(1)} ms`);
    expect(unknown).toBeGreaterThan(known / 3);
    expect(unknown).toBeLessThan(known * 3);
  });

  it("client file names become display names only; redirects stay on this site", () => {
    expect(cleanFileName("../../etc/passwd.csv")).toBe("passwd.csv");
    expect(cleanFileName("C:\\Users\\x\\报表.xlsx")).toBe("报表.xlsx");
    expect(cleanFileName("a\u202Egpj.exe")).toBe("agpj.exe");
    expect(cleanFileName("evil.html")).toBe("evil.html");
    expect(cleanFileName("")).toBe("upload");
    expect(cleanFileName("..")).toBe("upload");
    expect(safeNext("//evil.example/")).toBe("/collect/receipts");
    expect(safeNext("/\\evil.example")).toBe("/collect/receipts");
    expect(safeNext("https://evil.example/")).toBe("/collect/receipts");
    expect(safeNext("/indicators/rd.html")).toBe("/indicators/rd.html");
  });
});

describe("collect keys and collect audit commands", () => {
  let dir: string;
  let db: string;
  let cleanup: () => void;
  beforeAll(async () => {
    ({ dir, cleanup } = tempDir("pm-keys-"));
    db = join(dir, "w.duckdb");
    expect((await run("--db", db, "ingest", "--plan", PLAN_FILE, join(DEMO_DIR, "demo-synthetic-2-科技局-long.csv"))).code).toBe(0);
  });
  afterAll(() => cleanup());

  it("issue, list and revoke, with plain messages and exit 64 for bad input", async () => {
    const text = await run("--db", db, "collect", "keys", "issue", "市经信局", "--expires", "2099-12-31");
    expect(text.code).toBe(0);
    expect(text.out).toMatch(/密钥只显示这一次/);
    const key = /pmk_[0-9a-f]{12}_[A-Za-z0-9_-]{43}/.exec(text.out)?.[0] ?? "";
    expect(key).not.toBe("");
    const json = JSON.parse((await run("--db", db, "collect", "keys", "issue", "czj", "--format", "json")).out);
    expect(json).toEqual({ id: expect.any(String), unit: "czj", key: expect.stringMatching(/^pmk_/), expires: null });

    const list = await run("--db", db, "collect", "keys", "list", "--format", "json");
    const rows = JSON.parse(list.out) as Record<string, unknown>[];
    expect(rows.map((r) => [r.unit_id, r.state])).toEqual([
      ["jxj", "active"],
      ["czj", "active"],
    ]);
    expect(list.out).not.toContain(key.slice(-43));
    expect(list.out).not.toContain("scrypt");
    const table = await run("--db", db, "--lang", "en", "collect", "keys", "list");
    expect(table.out).toMatch(/jxj .* 2099-12-31 .* active/);

    expect((await run("--db", db, "collect", "keys", "revoke", json.id)).code).toBe(0);
    const after = JSON.parse((await run("--db", db, "collect", "keys", "list", "--format", "json")).out) as Record<string, unknown>[];
    expect(after.find((r) => r.id === json.id)?.state).toBe("revoked");

    const unknown = await run("--db", db, "collect", "keys", "revoke", "ffffffffffff");
    expect(unknown.code).toBe(64);
    expect(unknown.err).toMatch(/没有编号为 ffffffffffff 的密钥/);
    const noUnit = await run("--db", db, "--lang", "en", "collect", "keys", "issue", "nobody");
    expect(noUnit.code).toBe(64);
    expect(noUnit.err).toMatch(/no responsible unit "nobody"/);
    const past = await run("--db", db, "collect", "keys", "issue", "jxj", "--expires", "2001-01-01");
    expect(past.code).toBe(64);
    expect((await run("--db", db, "collect", "keys", "issue", "jxj", "--expires", "tomorrow")).code).toBe(64);
  });

  it("audit prints an empty log plainly and refuses a bad --since", async () => {
    const empty = await run("--db", db, "collect", "audit");
    expect(empty.code).toBe(0);
    expect(empty.out).toMatch(/审计日志为空/);
    expect((await run("--db", db, "collect", "audit", "--format", "json")).out.trim()).toBe("[]");
    expect((await run("--db", db, "collect", "audit", "--since", "yesterday")).code).toBe(64);
  });

  it("audit --verify: exit 0 with the chain's head on an intact log, exit 1 naming the first edited row", async () => {
    const w = await openWarehouse(db, { waitMs: 0 });
    const row = (n: number): AuditRow => ({
      id: `t${n}`,
      at: `2021-01-20T10:00:0${n}.000Z`,
      unit_id: "jxj",
      key_id: null,
      client: "10.0.0.7",
      method: "POST",
      route: "/api/collect",
      file_sha256: null,
      status: 401,
      result: "auth:wrong",
    });
    await appendAudit(w, [row(1), row(2), row(3)]);
    await w.close();
    const ok = await run("--db", db, "collect", "audit", "--verify");
    expect(ok.code).toBe(0);
    expect(ok.out).toMatch(/审计日志完整：3 条记录/);
    expect(ok.out).toMatch(/链尾 [0-9a-f]{64}/);
    const w2 = await openWarehouse(db, { waitMs: 0 });
    await w2.connection.run("UPDATE collection_audit SET client = '10.0.0.8' WHERE id = 't2'");
    await w2.close();
    const bad = await run("--db", db, "collect", "audit", "--verify");
    expect(bad.code).toBe(1);
    expect(bad.out).toMatch(/第 2 条（t2）与哈希链不符/);
  });
});
