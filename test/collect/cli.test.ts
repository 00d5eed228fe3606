import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { fillTemplate } from "../../pipelines/demo/fill-template.ts";
import { PLAN_FILE, run, tempDir } from "../helpers.ts";

let cleanup: (() => void) | undefined;
afterEach(() => {
  cleanup?.();
  cleanup = undefined;
});

describe("plan-monitor collect and ingest of returned forms", () => {
  it("issues forms, ingests returns with receipts, and reports who is missing in table, json and csv", async () => {
    const t = tempDir();
    cleanup = t.cleanup;
    const db = join(t.dir, "w.duckdb");
    const forms = join(t.dir, "forms");
    const made = await run(
      "collect",
      "templates",
      "--period",
      "2020",
      "--units",
      "rsj,jyj,市金融办",
      "--deadline",
      "2021-01-31",
      "--plan",
      PLAN_FILE,
      "--out",
      forms,
      "--db",
      db,
    );
    expect(made.code, made.err).toBe(0);
    expect(readdirSync(forms).sort()).toEqual(
      ["2020-市人社局-填报表.xlsx", "2020-市教育局-填报表.xlsx", "2020-市金融办-填报表.xlsx"].sort(),
    );
    const back = join(t.dir, "back");
    const { mkdirSync } = await import("node:fs");
    mkdirSync(back);
    // Renamed on return: recognised by the hidden sheet, not the name.
    writeFileSync(
      join(back, "人社局报送.xlsx"),
      await fillTemplate(readFileSync(join(forms, "2020-市人社局-填报表.xlsx")), {
        values: { rd_expenditure: 8.4, high_tech_enterprises: "一百", converted_achievements: 19 },
      }),
    );
    const receipts = join(t.dir, "receipts");
    const ing = await run("ingest", back, "--receipts", receipts, "--db", db);
    expect(ing.code, ing.out + ing.err).toBe(1); // a cell was rejected
    expect(existsSync(join(receipts, "人社局报送-回执.md"))).toBe(true);
    expect(existsSync(join(receipts, "人社局报送-回执.xlsx"))).toBe(true);
    const md = readFileSync(join(receipts, "人社局报送-回执.md"), "utf8");
    expect(md).toContain("需更正的单元格");
    expect(md).toMatch(/\| 指标数据 \| 5 \| I /);

    const status = await run("collect", "status", "--period", "2020", "--as-of", "2030-01-01", "--db", db);
    expect(status.code, status.err).toBe(0);
    expect(status.out).toContain("应报3个单位，已报1个");
    expect(status.out).toContain("催报名单");
    const json = JSON.parse(
      (await run("collect", "status", "--period", "2020", "--as-of", "2030-01-01", "--format", "json", "--db", db)).out,
    );
    const rsj = json.units.find((u: { unit: string }) => u.unit === "rsj");
    expect(Object.keys(rsj)).toEqual(
      expect.arrayContaining(["unit", "unit_zh", "requested", "received", "missing", "first_submitted", "last_submitted", "state"]),
    );
    // The figure typed in words, and the four milestones with no progress written.
    expect(rsj.missing).toEqual(["high_tech_enterprises", "1.1", "16.1", "17.1", "17.2"]);
    expect(json.reporting_rate).toBeCloseTo(1 / 3);
    const csv = (await run("collect", "status", "--period", "2020", "--format", "csv", "--lang", "en", "--db", db)).out;
    expect(csv.split("\r\n")[0]).toContain("unit,unit name,requested");

    // --plan names the plan by id (or file); an unknown id exits 2 naming the plans held.
    const byId = JSON.parse(
      (await run("collect", "status", "--period", "2020", "--plan", "wafangdian-2018-2020", "--format", "json", "--db", db)).out,
    );
    expect(byId.expected).toBe(json.expected);
    const unknown = await run("collect", "status", "--period", "2020", "--plan", "no-such-plan", "--db", db);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain("wafangdian-2018-2020");

    const none = await run("collect", "status", "--period", "2019", "--db", db);
    expect(none.code).toBe(2);
    expect(none.err).toContain("collect templates");
    expect((await run("collect", "templates", "--period", "20x0", "--out", forms, "--db", db)).code).toBe(64);
    expect((await run("collect", "templates", "--period", "2020", "--units", "nobody", "--out", forms, "--db", db)).code).toBe(64);
  }, 120_000);
});
