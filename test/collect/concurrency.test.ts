/**
 * The submission server under load and under a crash, through real HTTP: 50 concurrent uploads
 * from 5 units each land exactly once; a server SIGKILLed mid-upload and while a submission waits
 * for a busy warehouse loses nothing it acknowledged and half-lands nothing.
 */
import { existsSync, readdirSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxDir } from "../../pipelines/collect/inbox.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { csv, get, issueKey, query, type Server, type Setup, setup, startServer, upload } from "./server-helpers.ts";

const UNITS: [string, string, string][] = [
  ["jxj", "高新技术企业数量", "家"],
  ["czj", "增殖放流水产苗种", "亿尾"],
  ["swj", "科技型中小企业备案数量", "家"],
  ["fgj", "众创空间", "个"],
  ["jyj", "技术交易合同成交额", "亿元"],
];

/** Poll a receipt until it is no longer pending (at most `ms`). */
async function settled(url: string, key: string, id: string, ms = 90_000): Promise<Record<string, unknown>> {
  const end = Date.now() + ms;
  for (;;) {
    const r = await get(`${url}/api/collect/receipts/${id}`, key);
    const body = r.status === 200 ? JSON.parse(r.body) : null;
    if (body && body.state !== "pending") return body;
    if (Date.now() > end) throw new Error(`receipt ${id} still pending after ${ms} ms (${r.status})`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe("50 concurrent uploads from 5 units", () => {
  let s: Setup;
  let server: Server;
  const keys = new Map<string, string>();

  beforeAll(async () => {
    s = await setup();
    for (const [unit] of UNITS) keys.set(unit, (await issueKey(s.db, unit)).key);
    server = await startServer(s);
  });
  afterAll(async () => {
    await server?.stop();
    s?.cleanup();
  });

  it("every file lands exactly once and the warehouse is consistent", async () => {
    const t = Date.now();
    const jobs = UNITS.flatMap(([unit, indicator, measure], u) =>
      Array.from({ length: 10 }, (_, i) => ({ unit, body: csv([[indicator, 2019, 1000 + u * 100 + i, measure]]) })),
    );
    const answers = await Promise.all(jobs.map((j, i) => upload(server.url, keys.get(j.unit) as string, `${j.unit}-${i}.csv`, j.body)));
    const ms = Date.now() - t;
    console.info(`50 concurrent uploads answered in ${ms} ms (${answers.filter((a) => a.status === 202).length} pending)`);
    for (const a of answers) expect([200, 202], a.body).toContain(a.status);
    const receipts = await Promise.all(answers.map((a, i) => settled(server.url, keys.get(jobs[i].unit) as string, a.json().id)));
    for (const [i, r] of receipts.entries()) {
      expect(r.state).toBe("landed");
      expect(r.unit).toBe(jobs[i].unit);
      expect(r.landed).toHaveLength(1);
    }
    expect(new Set(receipts.map((r) => r.id)).size).toBe(50);
    await server.stop();

    const subs = await query<{ n: number; ids: number; shas: number }>(
      s.db,
      "SELECT count(*)::INT AS n, count(DISTINCT id)::INT AS ids, count(DISTINCT file_sha256)::INT AS shas FROM collection_uploads WHERE state = 'landed'",
    );
    expect(subs[0]).toEqual({ n: 50, ids: 50, shas: 50 });
    const shas = receipts.map((r) => (r.file as { sha256: string }).sha256);
    const stored = await query<{ sha256: string }>(
      s.db,
      "SELECT sha256 FROM source_files WHERE sha256 IN (SELECT file_sha256 FROM collection_uploads)",
    );
    expect(stored.map((r) => r.sha256).sort()).toEqual([...shas].sort());
    const obs = await query<{ n: number; files: number }>(
      s.db,
      "SELECT count(*)::INT AS n, count(DISTINCT file_sha256)::INT AS files FROM observations WHERE file_sha256 IN (SELECT file_sha256 FROM collection_uploads)",
    );
    expect(obs[0]).toEqual({ n: 50, files: 50 });
    expect(readdirSync(join(inboxDir(s.db), "pending"))).toEqual([]);
  });
});

describe("the server SIGKILLed mid-upload and while a submission waits", () => {
  let s: Setup;
  let key: string;

  beforeAll(async () => {
    s = await setup();
    key = (await issueKey(s.db, "jxj")).key;
  });
  afterAll(() => s?.cleanup());

  it("nothing acknowledged is lost, nothing half-lands", async () => {
    let server = await startServer(s, [], { PLAN_MONITOR_LOCK_WAIT_MS: "1500" });
    const acked: string[] = [];
    for (let i = 0; i < 3; i++) {
      const r = await upload(server.url, key, `ok-${i}.csv`, csv([["高新技术企业数量", 2016, 40 + i, "家"]]));
      expect(r.status).toBe(200);
      acked.push(r.json().id);
    }
    // The warehouse is held by another process: the upload is kept in the inbox and answered "pending".
    const holder = await openWarehouse(s.db, { waitMs: 30_000 });
    let pendingId: string;
    try {
      const r = await upload(server.url, key, "while-busy.csv", csv([["高新技术企业数量", 2017, 52, "家"]]));
      expect(r.status, r.body).toBe(202);
      expect(r.json().state).toBe("pending");
      pendingId = r.json().id;
      acked.push(pendingId);
      // An upload cut off halfway: the server dies while the body is arriving.
      let answered: number | string = "none";
      const half = new Promise<void>((resolve) => {
        const req = request(`${server.url}/api/collect`, {
          method: "POST",
          headers: { Authorization: `Bearer ${key}`, "Content-Type": "multipart/form-data; boundary=b", "Content-Length": "100000" },
        });
        req.on("error", (e) => {
          answered = `error ${e.message}`;
        });
        req.on("response", (res) => {
          answered = res.statusCode ?? 0;
        });
        req.write(
          `--b\r\nContent-Disposition: form-data; name="file"; filename="half.csv"\r\n\r\n指标,年份,数值,单位\n高新技术企业数量,2018,66,家\n`,
        );
        setTimeout(() => {
          void server.kill9().then(() => resolve());
        }, 500);
      });
      await half;
      expect(server.child.signalCode, server.output()).toBe("SIGKILL");
      expect(String(answered)).toMatch(/^(none|error)/);
      expect(existsSync(join(inboxDir(s.db), "pending", `${pendingId}.json`))).toBe(true);
    } finally {
      await holder.close();
    }

    server = await startServer(s);
    try {
      const r = await settled(server.url, key, pendingId);
      expect(r.state).toBe("landed");
      expect(r.landed).toEqual([expect.objectContaining({ year: 2017, value: 52 })]);
      for (const id of acked) expect((await settled(server.url, key, id)).state).toBe("landed");
    } finally {
      await server.stop();
    }
    const subs = await query<{ id: string; file_name: string }>(s.db, "SELECT id, file_name FROM collection_uploads ORDER BY received_at");
    expect(subs.map((x) => x.id).sort()).toEqual([...acked].sort());
    expect(subs.map((x) => x.file_name)).not.toContain("half.csv");
    // The half upload left no trace: no temporary file, no observation for 2018.
    expect(readdirSync(join(inboxDir(s.db), "files")).filter((f) => f.startsWith(".part-"))).toEqual([]);
    const y2018 = await query<{ n: number }>(
      s.db,
      "SELECT count(*)::INT AS n FROM observations WHERE indicator_id = 'high_tech_enterprises' AND year = 2018 AND source = '市经信局'",
    );
    expect(y2018[0].n).toBe(0);
    // Every landed submission's file is in source_files, with its observations.
    const orphans = await query<{ n: number }>(
      s.db,
      "SELECT count(*)::INT AS n FROM collection_uploads c WHERE c.state = 'landed' AND NOT EXISTS (SELECT 1 FROM source_files f WHERE f.sha256 = c.file_sha256)",
    );
    expect(orphans[0].n).toBe(0);
  });
});
