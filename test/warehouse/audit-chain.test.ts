/**
 * The audit log's hash chain (migration 6): rows appended through the warehouse module verify;
 * an edited, removed or reordered row is found; a journal replay adds nothing; rows from before
 * version 6 are counted as unchained, not as a break.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { verifyChain } from "../../warehouse/audit-chain.ts";
import { openWarehouse, type Warehouse } from "../../warehouse/connection.ts";
import { type AuditRow, appendAudit, auditChainRows } from "../../warehouse/submission-page.ts";

let dir: string;
let w: Warehouse;
beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), "pm-audit-"));
  w = await openWarehouse(join(dir, "w.duckdb"), { waitMs: 0 });
});
afterEach(async () => {
  await w.close();
  rmSync(dir, { recursive: true, force: true });
});

const row = (n: number, result = "landed"): AuditRow => ({
  id: `a${n}`,
  at: `2021-01-20T10:00:0${n}.123Z`,
  unit_id: n % 2 ? "rsj" : null,
  key_id: n % 2 ? "k1" : null,
  client: "10.0.0.7",
  method: "POST",
  route: "/api/collect",
  file_sha256: n % 2 ? "ab".repeat(32) : null,
  status: n % 2 ? 200 : 401,
  result,
});

const check = async () => verifyChain(await auditChainRows(w));

describe("audit hash chain", () => {
  it("verifies rows appended in several batches, and a replayed batch adds nothing", async () => {
    await appendAudit(w, [row(1), row(2)]);
    await appendAudit(w, [row(3)]);
    const first = await check();
    await appendAudit(w, [row(2), row(3)]); // the journal replayed after a crash
    const again = await check();
    expect(first).toMatchObject({ chained: 3, unchained: 0, broken: null });
    expect(first.head).toMatch(/^[0-9a-f]{64}$/);
    expect(again).toEqual(first);
  });

  it("finds an edited row", async () => {
    await appendAudit(w, [row(1), row(2), row(3)]);
    await w.connection.run("UPDATE collection_audit SET result = 'refused' WHERE id = 'a2'");
    expect((await check()).broken).toEqual({ seq: 2, id: "a2", why: "chain" });
  });

  it("finds a removed row and a reordered one", async () => {
    await appendAudit(w, [row(1), row(2), row(3)]);
    await w.connection.run("DELETE FROM collection_audit WHERE id = 'a2'");
    expect((await check()).broken).toEqual({ seq: 2, id: "a3", why: "gap" });
    await w.connection.run("UPDATE collection_audit SET seq = 2 WHERE id = 'a3'");
    expect((await check()).broken).toEqual({ seq: 2, id: "a3", why: "chain" });
  });

  it("counts rows written before version 6 as unchained and chains the new ones after them", async () => {
    await w.connection.run(
      "INSERT INTO collection_audit (id, logged_at, client, method, route, status, result) VALUES ('old', TIMESTAMP '2021-01-01 00:00:00', '10.0.0.1', 'GET', '/collect', 200, 'ok')",
    );
    await appendAudit(w, [row(1)]);
    expect(await check()).toMatchObject({ chained: 1, unchained: 1, broken: null });
  });
});
