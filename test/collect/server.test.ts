/**
 * The submission page through real HTTP against the real server (`serve --collect` as a child
 * process on a loopback port): a normal upload and its receipt (JSON, page, .xlsx), every
 * wrong-key case with its audit row, another unit's items, hostile file names and cells, an
 * oversized body, a zip bomb, and the dashboard behind --private.
 */
import { readdirSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inboxDir } from "../../pipelines/collect/inbox.ts";
import { fillTemplate } from "../../pipelines/demo/fill-template.ts";
import { openWarehouse } from "../../warehouse/connection.ts";
import { run } from "../helpers.ts";
import { assemble, sheetRow, STACK, xlsxParts } from "../reliability/helpers.ts";
import { csv, get, issueKey, query, type Server, type Setup, setup, startServer, upload } from "./server-helpers.ts";

const MAX_UPLOAD = 1_000_000;
const SERVER_ARGS = ["--max-upload-bytes", String(MAX_UPLOAD), "--deadline", "2099-06-30", "--period", "2020"];

describe("submission page over HTTP", () => {
  let s: Setup;
  let server: Server;
  let jxj: { id: string; key: string };
  let czj: { id: string; key: string };
  let revoked: { id: string; key: string };
  let expired: { id: string; key: string };
  let rsj: { id: string; key: string };

  beforeAll(async () => {
    s = await setup();
    jxj = await issueKey(s.db, "jxj");
    czj = await issueKey(s.db, "czj", "--expires", "2099-12-31");
    revoked = await issueKey(s.db, "jxj");
    expired = await issueKey(s.db, "nfj", "--expires", "2099-12-31");
    rsj = await issueKey(s.db, "rsj");
    const t = await run(
      "--db",
      s.db,
      "collect",
      "templates",
      "--period",
      "2020",
      "--units",
      "rsj,jyj",
      "--deadline",
      "2099-01-31",
      "--out",
      join(s.dir, "templates"),
    );
    expect(t.code, t.err).toBe(0);
    const t19 = await run("--db", s.db, "collect", "templates", "--period", "2019", "--units", "rsj", "--out", join(s.dir, "templates"));
    expect(t19.code, t19.err).toBe(0);
    expect((await run("--db", s.db, "collect", "keys", "revoke", revoked.id)).code).toBe(0);
    // An expiry in the past cannot be issued; age the key instead.
    const w = await openWarehouse(s.db, { waitMs: 30_000 });
    await w.connection.run("UPDATE collection_keys SET expires = DATE '2020-01-01' WHERE id = $1", [expired.id]);
    await w.close();
    server = await startServer(s, SERVER_ARGS);
  });

  afterAll(async () => {
    if (process.env.PM_DEBUG) console.log(server?.output());
    await server?.stop();
    s?.cleanup();
  });

  it("a normal upload lands and answers with its receipt: JSON, page and .xlsx", async () => {
    const r = await upload(
      server.url,
      jxj.key,
      "经信局-2019.csv",
      csv([
        ["高新技术企业数量", 2019, 84, "家"],
        ["高新技术企业数量", 2013, "待核实", "家"],
      ]),
    );
    expect(r.status, r.body).toBe(200);
    const receipt = r.json();
    expect(receipt).toMatchObject({ state: "landed", unit: "jxj", on_time: true, deadline: "2099-06-30", error: null });
    expect(receipt.landed).toEqual([expect.objectContaining({ indicator: "high_tech_enterprises", year: 2019, value: 84, row: 2 })]);
    // A bad cell is rejected with its reason; the rest landed.
    expect(receipt.rejected).toEqual([expect.objectContaining({ row: 3, code: "BAD_NUMBER", value: "待核实" })]);
    expect((receipt.missing as { indicator: string }[]).map((m) => m.indicator)).toContain("rd_expenditure");
    expect(r.headers.get("cache-control")).toBe("no-store");
    expect(r.headers.get("x-content-type-options")).toBe("nosniff");
    expect(r.headers.get("content-security-policy")).toMatch(/default-src 'none'/);

    const again = await get(`${server.url}/api/collect/receipts/${receipt.id}`, jxj.key);
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body)).toEqual(receipt);
    const list = await get(`${server.url}/api/collect/receipts`, jxj.key);
    expect(JSON.parse(list.body).map((x: { id: string }) => x.id)).toContain(receipt.id);

    const page = await get(`${server.url}/collect/receipts/${receipt.id}`, jxj.key);
    expect(page.status).toBe(200);
    expect(page.headers.get("cache-control")).toBe("no-store");
    expect(page.body).toContain("已导入");
    expect(page.body).toContain("高新技术企业数量");
    const en = await get(`${server.url}/collect/receipts/${receipt.id}?lang=en`, jxj.key);
    expect(en.body).toContain("High-tech enterprises");

    const xlsx = await get(`${server.url}/collect/receipts/${receipt.id}.xlsx`, jxj.key);
    expect(xlsx.status).toBe(200);
    expect(xlsx.headers.get("content-type")).toMatch(/spreadsheetml/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as never);
    expect(wb.worksheets.map((ws) => ws.name)).toEqual(["回执 Receipt", "已导入 Landed", "未导入 Rejected", "尚缺 Missing"]);
    expect(wb.getWorksheet("已导入 Landed")?.getRow(2).getCell(2).value).toBe("高新技术企业数量");
  });

  it("no key, a malformed, wrong, revoked or expired key: 401, a plain message, an audit row", async () => {
    const file = csv([["高新技术企业数量", 2018, 66, "家"]]);
    const wrongSecret = `${jxj.key.slice(0, -4)}AAAA`;
    const unknownId = `pmk_000000000000_${jxj.key.slice(-43)}`;
    const cases: [string, string | null, string][] = [
      ["none", null, "auth:none"],
      ["malformed", "letmein", "auth:malformed"],
      ["wrong secret", wrongSecret, "auth:wrong"],
      ["unknown id", unknownId, "auth:wrong"],
      ["revoked", revoked.key, "auth:revoked"],
      ["expired", expired.key, "auth:expired"],
    ];
    for (const [what, key, result] of cases) {
      const r = await upload(server.url, key, "x.csv", file);
      expect(r.status, what).toBe(401);
      expect(r.json().error, what).toBe(result);
      expect(String(r.json().message_zh)).toMatch(/密钥/);
      expect(r.body).not.toMatch(STACK);
    }
    const audit = await run("--db", s.db, "collect", "audit", "--format", "json");
    const rows = JSON.parse(audit.out) as { result: string; status: number; route: string; client: string; unit_id: string | null }[];
    for (const [, , result] of cases)
      expect(rows.some((x) => x.result === result && x.status === 401 && x.route === "/api/collect")).toBe(true);
    expect(rows.every((x) => x.client === "127.0.0.1" || x.client === "::ffff:127.0.0.1")).toBe(true);
    const revokedRow = rows.find((x) => x.result === "auth:revoked");
    expect(revokedRow?.unit_id).toBeNull();
  });

  it("another unit's key: cannot read its receipts, cannot submit in its name", async () => {
    const mine = (await upload(server.url, jxj.key, "mine.csv", csv([["高新技术企业数量", 2017, 52, "家"]]))).json();
    const other = await get(`${server.url}/api/collect/receipts/${mine.id}`, czj.key);
    expect(other.status).toBe(403);
    expect(other.body).not.toContain("高新技术企业数量");
    const otherPage = await get(`${server.url}/collect/receipts/${mine.id}.xlsx`, czj.key);
    expect(otherPage.status).toBe(403);
    const list = JSON.parse((await get(`${server.url}/api/collect/receipts`, czj.key)).body) as { id: string }[];
    expect(list.map((x) => x.id)).not.toContain(mine.id);
    const inName = await upload(server.url, czj.key, "x.csv", csv([["增殖放流水产苗种", 2019, 3, "亿尾"]]), { unit: "jxj" });
    expect(inName.status).toBe(403);
  });

  it("a returned 填报表 lands for its own unit; another unit's 填报表 is refused whole even with a valid key", async () => {
    const form = (unit: string) => readFileSync(join(s.dir, "templates", `2020-${unit}-填报表.xlsx`));
    const own = await fillTemplate(form("市人社局"), { values: { rd_expenditure: 8.4, high_tech_enterprises: 101 }, status: "正式" });
    const r = await upload(server.url, rsj.key, "人社局-2020.xlsx", own);
    expect(r.status, r.body).toBe(200);
    const receipt = r.json();
    expect(receipt.template).toMatchObject({ period: 2020, earlier_submissions: 0 });
    expect(receipt.landed.map((x: { indicator: string; year: number }) => [x.indicator, x.year])).toEqual([
      ["rd_expenditure", 2020],
      ["high_tech_enterprises", 2020],
    ]);
    expect(receipt.missing.map((x: { indicator: string }) => x.indicator)).toEqual(["converted_achievements"]);
    expect(receipt).toMatchObject({ deadline: "2099-01-31", on_time: true });
    const xlsx = await get(`${server.url}/collect/receipts/${receipt.id}.xlsx`, rsj.key);
    expect(xlsx.status).toBe(200);

    const foreign = await fillTemplate(form("市教育局"), { values: { tech_contract_turnover: 3.2 } });
    const other = await upload(server.url, rsj.key, "教育局-2020.xlsx", foreign);
    expect(other.status).toBe(422);
    expect(other.json()).toMatchObject({ state: "refused", landed: [], error: { code: "OTHER_UNIT" } });
    expect(other.json().error.zh).toMatch(/市教育局/);

    // The server takes 2020's forms only (--period 2020): the unit's own 2019 form is refused whole.
    const last = await fillTemplate(readFileSync(join(s.dir, "templates", "2019-市人社局-填报表.xlsx")), {
      values: { rd_expenditure: 7.9 },
    });
    const late = await upload(server.url, rsj.key, "人社局-2019.xlsx", last);
    expect(late.status).toBe(422);
    expect(late.json()).toMatchObject({ state: "refused", landed: [], error: { code: "OTHER_PERIOD" } });
  });

  it("another unit's items in an ordinary file: the file is refused whole, each foreign row named", async () => {
    // 市财政局's item sent with 市经信局's key, beside one of 经信局's own.
    const r = await upload(
      server.url,
      jxj.key,
      "混合.csv",
      csv([
        ["高新技术企业数量", 2012, 30, "家"],
        ["增殖放流水产苗种", 2019, 3.5, "亿尾"],
      ]),
    );
    expect(r.status).toBe(422);
    const receipt = r.json();
    expect(receipt).toMatchObject({ state: "refused", landed: [], error: { code: "OTHER_UNITS_ITEMS" } });
    expect(receipt.rejected).toEqual([expect.objectContaining({ row: 3, code: "NOT_UNITS_ITEM", value: "增殖放流水产苗种" })]);
    await server.stop();
    const landed = await query<{ n: number }>(s.db, "SELECT count(*)::INT AS n FROM source_files WHERE name = '混合.csv'");
    expect(landed[0].n).toBe(0);
    server = await startServer(s, SERVER_ARGS);
  });

  it("path traversal and odd file names never reach the file system", async () => {
    const names = [
      "../../../../etc/passwd.csv",
      "..\\..\\windows\\win.ini.csv",
      "a\u0000b\nc\u202Egpj.csv",
      `${"长".repeat(400)}.csv`,
      ".hidden",
      "<script>alert(1)</script>.csv",
    ];
    for (const [i, name] of names.entries()) {
      const r = await upload(server.url, jxj.key, name, csv([["高新技术企业数量", 2016, 40 + i, "家"]]));
      // A name the multipart parser cannot read (a NUL byte) is a malformed request: 400, nothing kept.
      expect([200, 400], `${name}: ${r.body}`).toContain(r.status);
      expect(r.body).not.toMatch(STACK);
      if (r.status === 400) continue;
      const receipt = r.json();
      expect(receipt.file.name).not.toMatch(/[/\\\u0000\n\u202e]/);
      expect(receipt.file.name.length).toBeLessThanOrEqual(125);
    }
    const stored = readdirSync(join(inboxDir(s.db), "files"));
    expect(stored.every((f) => /^[0-9a-f]{64}$/.test(f))).toBe(true);
    expect(readdirSync(s.dir).sort()).toEqual(
      ["site", "templates", "w.archive", "w.duckdb", "w.inbox"].filter((f) => readdirSync(s.dir).includes(f)).sort(),
    );
    const page = await get(`${server.url}/api/collect/receipts`, jxj.key);
    expect(page.body).not.toContain("<script>alert(1)</script>");
  });

  it("hostile cells (HTML, formulas) show literally in the receipt page and .xlsx", async () => {
    const hostile =
      '指标,年份,数值,单位\n高新技术企业数量,2015,"<img src=x onerror=alert(1)>",家\n高新技术企业数量,2014,"=HYPERLINK(""http://evil"",""x"")",家\n';
    const r = await upload(server.url, jxj.key, "<b>hostile</b>.csv", hostile);
    const receipt = r.json();
    expect(receipt.rejected.map((x: { value: string }) => x.value)).toEqual(expect.arrayContaining(["<img src=x onerror=alert(1)>"]));
    const page = await get(`${server.url}/collect/receipts/${receipt.id}`, jxj.key);
    expect(page.body).not.toContain("<img src=x");
    expect(page.body).not.toContain("<b>hostile");
    expect(page.body).toContain("&#60;img src=x onerror=alert(1)&#62;");
    expect(page.body).toContain("=HYPERLINK(&#34;http://evil&#34;");
    const xlsx = await get(`${server.url}/collect/receipts/${receipt.id}.xlsx`, jxj.key);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(xlsx.bytes) as never);
    const cells = wb.getWorksheet("未导入 Rejected")?.getColumn(3).values ?? [];
    expect(cells).toContain("<img src=x onerror=alert(1)>");
    expect(cells.some((c) => typeof c === "object" && c !== null && "formula" in c)).toBe(false);
  });

  it("an oversized body is refused before it is read (Content-Length) and while streaming (chunked)", async () => {
    const declared = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/collect`, {
        method: "POST",
        headers: {
          Authorization: `Bearer ${jxj.key}`,
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(10 * 1024 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", reject);
      req.write("--x\r\n"); // a few bytes of a 10 GB promise; the answer comes without the rest
    });
    expect(declared).toBe(413);
    const big = new Uint8Array(MAX_UPLOAD + 200_000).fill(65);
    const r = await upload(server.url, jxj.key, "big.csv", big).catch((e: Error) => ({ status: -1, body: String(e) }));
    // fetch sends FormData with a length; the server refuses on it. Stream it without one:
    expect([413, -1]).toContain(r.status);
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/collect`, {
        method: "POST",
        headers: { Authorization: `Bearer ${jxj.key}`, "Content-Type": "multipart/form-data; boundary=x", "Transfer-Encoding": "chunked" },
      });
      req.on("response", (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on("error", () => resolve(-1));
      req.write('--x\r\nContent-Disposition: form-data; name="file"; filename="big.csv"\r\n\r\n');
      let sent = 0;
      const chunk = Buffer.alloc(64 * 1024, 66);
      const pump = () => {
        // Bounded: at most 4x the limit.
        while (sent < 4 * MAX_UPLOAD) {
          sent += chunk.length;
          if (!req.write(chunk)) return void req.once("drain", pump);
        }
        req.end("\r\n--x--\r\n");
      };
      pump();
      setTimeout(() => reject(new Error("no answer in 30 s")), 30_000).unref();
    });
    expect([413, -1]).toContain(chunked);
    const stored = readdirSync(join(inboxDir(s.db), "files"));
    expect(stored.filter((f) => f.startsWith(".part-"))).toEqual([]);
  });

  it("a zip bomb is refused with a reason, quickly, and nothing of it lands", async () => {
    const row = Buffer.from(sheetRow(2, ["高新技术企业数量", 2015, 70]).repeat(5000));
    const parts = await xlsxParts(() =>
      (function* () {
        yield Buffer.from(sheetRow(1, ["指标", "年份", "数值"]));
        for (let n = 0; n < (64 * 2 ** 20) / row.length; n++) yield row;
      })(),
    );
    for (const bomb of [assemble(parts), assemble(parts, { "xl/worksheets/sheet1.xml": 5000 })]) {
      expect(bomb.length).toBeLessThan(MAX_UPLOAD);
      const t = Date.now();
      const r = await upload(server.url, jxj.key, "bomb.xlsx", bomb);
      expect(Date.now() - t).toBeLessThan(30_000);
      const receipt = r.json();
      expect(r.status).toBe(422);
      expect(receipt.state).toBe("refused");
      expect(receipt.error.zh).toMatch(/解压|zip/i);
      expect(receipt.landed).toEqual([]);
    }
  });

  it("pages: the form in Chinese with an English switch, unknown routes 404, never a stack trace", async () => {
    const form = await get(`${server.url}/collect`, null);
    expect(form.status).toBe(200);
    expect(form.body).toContain("报送密钥");
    expect(form.body).toContain('href="/collect?lang=en"');
    expect(form.headers.get("content-security-policy")).toContain("form-action 'self'");
    expect((await get(`${server.url}/collect?lang=en`, null)).body).toContain("Submission key");
    expect((await get(`${server.url}/collect/../../etc/passwd`, null)).status).toBe(404);
    expect((await get(`${server.url}/api/collect/receipts/zzzz`, jxj.key)).status).toBe(404);
    const list = await get(`${server.url}/collect/receipts`, null);
    expect(list.status).toBe(303);
    const notMultipart = await fetch(`${server.url}/api/collect`, {
      method: "POST",
      body: "{}",
      headers: { Authorization: `Bearer ${jxj.key}` },
    });
    expect(notMultipart.status).toBe(415);
    const broken = await fetch(`${server.url}/api/collect`, {
      method: "POST",
      body: '--x\r\nContent-Disposition: form-data; name="file"; filename="a.csv"\r\n\r\nabc',
      headers: { Authorization: `Bearer ${jxj.key}`, "Content-Type": "multipart/form-data; boundary=x" },
    });
    expect(broken.status).toBe(400);
    expect(await broken.text()).not.toMatch(STACK);
    // The dashboard stays readable without a key.
    expect((await get(`${server.url}/`, null)).status).toBe(200);
  });
});
