/**
 * The collector's crash window: the server died after an upload's figures committed but before its
 * receipt row was written. On the next start the pending record is ingested again: the receipt is
 * the same, the figures are not landed twice.
 */
import { writeFileSync } from "node:fs";
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Collector } from "../../pipelines/collect/collector.ts";
import { addPending, inboxDir, keepUpload, listPending, newSubmissionId, partPath } from "../../pipelines/collect/inbox.ts";
import { collectIngest } from "../../pipelines/collect/intake.ts";
import { openWarehouse, queryRows } from "../../warehouse/connection.ts";
import { findPlan } from "../../warehouse/plans.ts";
import { csv, issueKey, type Setup, setup } from "./server-helpers.ts";

describe("collector", () => {
  let s: Setup;
  beforeAll(async () => {
    s = await setup();
  });
  afterAll(() => s?.cleanup());

  it("re-ingests a submission whose figures landed before a crash, without landing them twice", async () => {
    const key = await issueKey(s.db, "jxj");
    const inbox = inboxDir(s.db);
    const bytes = Buffer.from(csv([["高新技术企业数量", 2019, 91, "家"]]), "utf8");
    const sha256 = createHash("sha256").update(bytes).digest("hex");
    const part = partPath(inbox);
    writeFileSync(part, bytes);
    const path = keepUpload(inbox, part, sha256);
    const id = newSubmissionId();
    const received = new Date().toISOString();
    addPending(inbox, {
      id,
      plan_id: "wafangdian-2018-2020",
      unit: "jxj",
      key_id: key.id,
      sha256,
      name: "jxj.csv",
      size: bytes.length,
      client: "127.0.0.1",
      received_at: received,
    });

    // The crash: the figures commit, the receipt row never comes.
    const w = await openWarehouse(s.db, { waitMs: 30_000 });
    const plan = await findPlan(w);
    if (!plan) throw new Error("no plan");
    const first = await collectIngest(w, plan, {
      id,
      path,
      name: "jxj.csv",
      sha256,
      size: bytes.length,
      unit: "jxj",
      receivedAt: received,
      deadline: null,
      maxBytes: 1e6,
    });
    await w.close();
    expect(first.landed).toHaveLength(1);

    const collector = new Collector({ dbPath: s.db, inbox, lockWaitMs: 30_000, deadline: null, maxBytes: 1e6 });
    const ran = await collector.use(30_000, async (w2) => ({
      uploads: await queryRows<{ id: string; receipt_json: string }>(w2, "SELECT id, receipt_json FROM collection_uploads"),
      obs: await queryRows<{ n: number }>(w2, "SELECT count(*)::INT AS n FROM observations WHERE file_sha256 = $1", [sha256]),
    }));
    await collector.close();
    if (!ran.ok) throw new Error("warehouse busy");
    expect(ran.value.uploads.map((u) => u.id)).toEqual([id]);
    const receipt = JSON.parse(ran.value.uploads[0].receipt_json);
    expect(receipt.state).toBe("landed");
    expect(receipt.landed).toEqual(first.landed);
    expect(ran.value.obs[0].n).toBe(1);
    expect(listPending(inbox)).toEqual([]);
  });
});
