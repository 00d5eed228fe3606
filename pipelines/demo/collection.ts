/**
 * The demo's collection round (synthetic, labelled): 2020 forms issued on 2021-01-05 with a deadline
 * of 2021-01-31, returned by the units as a planning office sees it — most complete and on time,
 * 市发改局 late, 市农发局 with errors (its receipt lists them), 各乡镇及涉农街道 not yet reported.
 * Each unit returns the 2020 figures the demo already holds and leaves the rest empty ("—": the
 * figure is not out yet), so the round changes no assessment. Files go to data/demo-collection/
 * (git-ignored); a warehouse that already holds the round is left as it is.
 *
 * @example
 *   const lines = await demoCollection(w, plan, "zh"); // summary to print
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Plan } from "../../domain/plan.ts";
import { collectionPeriods } from "../../warehouse/collection.ts";
import { queryRows, REPO_ROOT, type Warehouse } from "../../warehouse/connection.ts";
import { writeReceipt } from "../commands/collect.ts";
import { landReturned } from "../collect/returned.ts";
import { issueTemplates } from "../collect/templates.ts";
import { readSheets } from "../../loaders/read-file.ts";
import { templateMeta } from "../../loaders/returned.ts";
import type { Lang } from "../context.ts";
import { type Fill, fillTemplate } from "./fill-template.ts";

export const DEMO_COLLECTION_DIR = resolve(REPO_ROOT, "data/demo-collection");
export const DEMO_PERIOD = 2020;
const CONTACT = "市科技局 规划科（合成示例）";

/** When each unit returns its form (null: not yet), and what goes wrong. */
const RETURNS: Record<string, { at: string | null; errors?: boolean }> = {
  jxj: { at: "2021-01-25T10:12:00" },
  czj: { at: "2021-01-29T16:40:00" },
  rsj: { at: "2021-01-18T09:05:00" },
  swj: { at: "2021-01-27T11:30:00" },
  scjgj: { at: "2021-01-22T15:00:00" },
  fgj: { at: "2021-02-03T09:20:00" },
  jrb: { at: "2021-01-20T14:45:00" },
  nfj: { at: "2021-01-28T17:55:00", errors: true },
  gtzyj: { at: "2021-01-26T10:00:00" },
  xzjd: { at: null },
  jyj: { at: "2021-01-31T18:30:00" },
};

export async function demoCollection(w: Warehouse, plan: Plan, lang: Lang, dir = DEMO_COLLECTION_DIR): Promise<string> {
  const zh = lang === "zh";
  if ((await collectionPeriods(w, plan.id)).includes(DEMO_PERIOD))
    return zh ? "（仓库中已有2020年度填报示例，未重复生成）" : "(the warehouse already holds the 2020 collection demo; left as it is)";
  const held = await queryRows<{ indicator_id: string; value: number }>(
    w,
    "SELECT indicator_id, value FROM current_observations WHERE plan_id = $1 AND year = $2 AND region_code = $3",
    [plan.id, DEMO_PERIOD, plan.region.code],
  );
  const value = new Map(held.map((h) => [h.indicator_id, h.value]));
  const issued = await issueTemplates(w, plan, {
    period: DEMO_PERIOD,
    deadline: "2021-01-31",
    issued: "2021-01-05",
    outDir: join(dir, "issued"),
    lang: "zh",
    contact: CONTACT,
  });
  const lines: string[] = [];
  for (const f of issued) {
    const plan_ = RETURNS[f.template.unit.id];
    if (!plan_?.at) continue;
    const fill: Fill = { values: {}, status: "正式" };
    for (const item of f.template.items) fill.values[item.indicator_id] = value.get(item.indicator_id) ?? "—";
    if (plan_.errors) {
      const first = f.template.items[0];
      fill.values[first.indicator_id] = "约1.9";
      fill.edits = [[first.row, 5, 2]]; // typed into the locked target cell
      fill.extraRows = [["high_tech_enterprises", "高新技术企业数量", 101]];
    }
    const name = `demo-synthetic-${f.template.unit.zh}-2020填报-已报送.xlsx`;
    const path = join(dir, "returned", name);
    const bytes = await fillTemplate(readFileSync(f.path), fill);
    mkdirSync(join(dir, "returned"), { recursive: true });
    writeFileSync(path, bytes);
    const sheets = await readSheets(bytes, name, "xlsx");
    const meta = templateMeta(sheets);
    if (!meta) throw new Error("demo form lost its meta sheet");
    const { receipt } = await landReturned(w, plan, { bytes, name, path, sheets, meta }, { submittedAt: plan_.at, archive: false });
    const files = await writeReceipt(receipt, path, join(dir, "receipts"), "zh");
    lines.push(
      `${f.template.unit.zh}  ${plan_.at.replace("T", " ")}  ${receipt.landed.length}/${receipt.requested}${receipt.rejected.length ? `  ${zh ? "需更正" : "to correct"} ${receipt.rejected.length}` : ""}  ${receipt.timeliness}${receipt.rejected.length ? `  → ${files[0]}` : ""}`,
    );
  }
  return lines.join("\n");
}
