/**
 * A template through LibreOffice: filled, re-saved as .xlsx, .xls (and so WPS .et) and .ods, and
 * ingested from each; converted to PDF, its text shows the instructions, the locked reference cells
 * and the input headers in Chinese.
 */
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { convertOffice } from "../../loaders/office.ts";
import { ingestReturn } from "../../pipelines/collect/returned.ts";
import { fillTemplate } from "../../pipelines/demo/fill-template.ts";
import { HAS_SOFFICE, requireSoffice } from "../soffice.ts";
import { type Round, round } from "./helpers.ts";

requireSoffice("templates through LibreOffice");
const PDFTOTEXT = ["/usr/bin/pdftotext", "/usr/local/bin/pdftotext"].find((p) => existsSync(p));

describe.skipIf(!HAS_SOFFICE)("templates through LibreOffice", () => {
  let r: Round;
  beforeAll(async () => {
    r = await round({ units: ["rsj", "jyj", "nfj", "swj"] });
  }, 60_000);
  afterAll(async () => r?.cleanup());
  const what = { zh: "测试", en: "test" };

  it.each([
    ["rsj", "xlsx", "re-saved.xlsx"],
    ["jyj", "xls", "excel97.xls"],
    ["nfj", "ods", "libre.ods"],
    ["swj", "xls", "wps.et"],
  ])(
    "%s returned as %s (%s) lands like the original",
    async (unit, format, name) => {
      const f = r.issued.find((x) => x.template.unit.id === unit)!;
      const ids = f.template.items.map((i) => i.indicator_id);
      const filled = await fillTemplate(readFileSync(f.path), {
        values: Object.fromEntries(ids.map((id, k) => [id, 10 + k])),
        status: "正式",
      });
      const bytes = await convertOffice(filled, "filled.xlsx", "xlsx", format, what);
      const path = join(r.dir, name);
      writeFileSync(path, bytes);
      const { receipt } = await ingestReturn(r.w, path, { expectedUnit: unit });
      expect(receipt.refused, JSON.stringify(receipt.refused)).toBeNull();
      expect(receipt.rejected).toEqual([]);
      expect(receipt.landed.map((x) => [x.indicator_id, x.value, x.status])).toEqual(ids.map((id, k) => [id, 10 + k, "final"]));
      // The 任务进展 rows were left empty: every milestone is still owed, and the sheet survived the trip.
      expect(receipt.tasks_empty.map((t) => t.milestone_id)).toEqual(f.template.tasks.map((t) => t.milestone_id));
      expect(receipt.state).toBe(f.template.tasks.length ? "partial" : "landed");
    },
    120_000,
  );

  it.skipIf(!PDFTOTEXT)(
    "as PDF shows the Chinese instructions, the reference cells and the input headers",
    async () => {
      const f = r.issued.find((x) => x.template.unit.id === "rsj")!;
      const pdf = await convertOffice(readFileSync(f.path), f.template.file_name, "xlsx", "pdf", what);
      const path = join(r.dir, "form.pdf");
      writeFileSync(path, pdf);
      const text = execFileSync(PDFTOTEXT!, ["-layout", path, "-"], { encoding: "utf-8" });
      expect(text).toContain("填报内容");
      expect(text).toContain("报送时限：请于2021-01-31前");
      expect(text).toContain("规模以上工业企业研究开发与试验发展(R&D)经费");
      expect(text).toContain("2020年数值");
      expect(text).toContain("数据状态");
      // The reference figure held for 2019 (demo data) is printed in its locked cell.
      const ref = f.template.items[0].reference[2];
      expect(ref).not.toBeNull();
      expect(text).toContain(String(ref));
      expect(text).not.toMatch(/#(REF|NAME|VALUE)!|Err:\d+/);
    },
    120_000,
  );
});
