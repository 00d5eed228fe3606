// Loading the plan before an ingest (pipelines/context.ts loadAndStorePlan): a plan file whose
// exact text is already stored is not parsed again (the stored plan is used); a changed file is
// parsed, validated and stored; a bad or missing file is still refused with its message.
import { appendFileSync, copyFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadAndStorePlan, UserError } from "../../pipelines/context.ts";
import { readManifest } from "../../warehouse/archive.ts";
import { queryRows } from "../../warehouse/connection.ts";
import { PLAN_FILE, tempWarehouse, wafangdian } from "../helpers.ts";

describe("loading the plan for an ingest", () => {
  let t: Awaited<ReturnType<typeof tempWarehouse>>;
  let file: string;
  beforeEach(async () => {
    t = await tempWarehouse();
    file = join(t.dir, "plan.yaml");
    copyFileSync(PLAN_FILE, file);
  });
  afterEach(async () => t.cleanup());
  const planRows = () => queryRows<{ title_en: string; sha256: string }>(t.w, "SELECT title_en, sha256 FROM plans");

  it("stores a new plan file, then uses the stored plan while the file's text is unchanged", async () => {
    const parsed = await wafangdian();
    expect(await loadAndStorePlan(t.w, file, "en")).toEqual(parsed);
    const [stored] = await planRows();
    expect(readManifest(t.dbPath).filter((e) => e.kind === "plan")).toHaveLength(1);

    // The stored plan is what a second load returns: mark it in the warehouse, then load the same file.
    await t.w.connection.run("UPDATE plans SET plan_json = json_merge_patch(plan_json, $1)", [
      JSON.stringify({ title: { zh: parsed.title.zh, en: "stored copy" } }),
    ]);
    const again = await loadAndStorePlan(t.w, file, "en");
    expect(again.title.en).toBe("stored copy");
    expect({ ...again, title: parsed.title }).toEqual(parsed);
    expect(await planRows()).toEqual([stored]);
    expect(readManifest(t.dbPath).filter((e) => e.kind === "plan")).toHaveLength(1);
  });

  it("parses and stores the file again once its text changed", async () => {
    await loadAndStorePlan(t.w, file, "en");
    const [before] = await planRows();
    appendFileSync(file, "\n# a comment changes the file's sha256\n");
    const plan = await loadAndStorePlan(t.w, file, "en");
    expect(plan).toEqual(await wafangdian());
    const [after] = await planRows();
    expect(after.sha256).not.toBe(before.sha256);
    expect(readManifest(t.dbPath).filter((e) => e.kind === "plan")).toHaveLength(2);
  });

  it("still refuses a plan file that does not parse, and a missing one, with exit code 2", async () => {
    await loadAndStorePlan(t.w, file, "en");
    writeFileSync(file, "id: [unclosed\n");
    await expect(loadAndStorePlan(t.w, file, "en")).rejects.toMatchObject({ exitCode: 2 });
    await expect(loadAndStorePlan(t.w, join(t.dir, "missing.yaml"), "en")).rejects.toBeInstanceOf(UserError);
  });
});
