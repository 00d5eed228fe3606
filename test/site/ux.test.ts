// @vitest-environment jsdom
/**
 * The pieces behind the dashboard UX (issue 18), without a browser: permalinks, "download what
 * you see", source lines, the metadata block and the what-if unit hint (verdict.test.ts: the one
 * verdict and the plan file's metadata fields).
 */
import { afterEach, describe, expect, it } from "vitest";
import { peopleCsvRow } from "../../src/components/csv.ts";
import { h } from "../../src/components/dom.ts";
import { sourceLine } from "../../src/components/figure.ts";
import { metadataItems } from "../../src/components/metadata.ts";
import { parseSort, sortableTable, tableAsShown } from "../../src/components/table.ts";
import { readNumberParam, readParam, viewQuery, writeParams } from "../../src/components/url.ts";
import { inputUnitHint } from "../../src/components/whatif.ts";

afterEach(() => window.history.replaceState(null, "", "/"));

describe("permalinks", () => {
  it("write, read and drop query parameters, keeping the others", () => {
    window.history.replaceState(null, "", "/gaps.html?lang=zh#what-if");
    writeParams({ status: "off_track", wg: 12.5 });
    expect(readParam("status")).toBe("off_track");
    expect(readNumberParam("wg")).toBe(12.5);
    expect(readParam("lang")).toBe("zh");
    expect(window.location.hash).toBe("#what-if");
    writeParams({ status: "" });
    expect(readParam("status")).toBeNull();
    expect(readNumberParam("nope")).toBeNull();
  });
  it("the language switch carries the view, not the old language", () => {
    expect(viewQuery("?lang=zh&group=3&sort=name%3A-1")).toBe("&group=3&sort=name%3A-1");
    expect(viewQuery("?lang=en")).toBe("");
  });
  it("a sort parameter names a column and a direction", () => {
    expect(parseSort("name:-1", ["name", "status"])).toEqual({ key: "name", direction: -1 });
    expect(parseSort("status", ["name", "status"])).toEqual({ key: "status", direction: 1 });
    expect(parseSort("evil:1", ["name"])).toBeNull();
  });
  it("a table starts from the URL's sort and writes a new one back", () => {
    window.history.replaceState(null, "", "/t.html?sort=v:-1");
    const rows = [
      { n: "a", v: 1 },
      { n: "b", v: 3 },
      { n: "c", v: 2 },
    ];
    const wrap = sortableTable(rows, {
      param: "sort",
      columns: [
        { key: "n", label: "名称", value: (r) => r.n },
        { key: "v", label: "数值", value: (r) => r.v, format: (r) => `${r.v.toFixed(1)}家` },
      ],
    });
    const table = wrap.querySelector("table") as HTMLTableElement;
    expect(tableAsShown(table)).toEqual({
      header: ["名称", "数值"],
      rows: [
        ["b", "3.0家"],
        ["c", "2.0家"],
        ["a", "1.0家"],
      ],
    });
    (table.querySelector("th button") as HTMLButtonElement).click();
    expect(readParam("sort")).toBe("n:1");
    expect(table.querySelector("td")?.getAttribute("data-label")).toBe("名称");
  });
  it("an empty table says why", () => {
    const wrap = sortableTable([], {
      columns: [{ key: "n", label: "名称", value: () => 1 }],
      empty: "该任务组没有量化指标，见任务页的里程碑。",
    });
    expect(wrap.querySelector("[data-empty]")?.textContent).toBe("该任务组没有量化指标，见任务页的里程碑。");
    expect(tableAsShown(wrap.querySelector("table") as HTMLTableElement).rows).toEqual([]);
  });
  it("line breaks in a cell become ' · ' in the CSV, hidden glyphs are dropped", () => {
    const wrap = sortableTable([{ a: 1 }], {
      columns: [
        {
          key: "a",
          label: "最新值",
          value: () => 1,
          format: () => h("span", null, h("span", { "aria-hidden": "true" }, "✔"), "47项", h("br"), "2020年"),
        },
      ],
    });
    expect(tableAsShown(wrap.querySelector("table") as HTMLTableElement).rows).toEqual([["47项 · 2020年"]]);
  });
});

describe("source line, metadata, what-if hint", () => {
  it("names the sources once, with 数据截至 in Chinese punctuation", () => {
    expect(sourceLine({ sources: ["县统计局", "县统计局", " ", "县科技局"], asOf: "2021-03-15", lang: "zh" })).toBe(
      "来源：县统计局、县科技局；数据截至2021年3月15日。",
    );
    expect(sourceLine({ sources: [], asOf: null, lang: "en" })).toBe("Source: the ingested data files.");
  });
  it("metadata comes from the plan's fields, falling back to the note and the figures' sources", () => {
    const items = metadataItems(
      { note: "按2020年当年经费支出计。", periodicity: "annual", next_release: "2021-09-30" },
      { lang: "zh", sources: ["县统计局"], units: ["经信局", "财政局"] },
    );
    expect(Object.fromEntries(items.map((i) => [i.key, i.value]))).toEqual({
      definition: "按2020年当年经费支出计。",
      agency: "县统计局",
      periodicity: "年度",
      units: "经信局、财政局",
      next_release: "2021年9月30日",
    });
    const en = metadataItems(
      {
        definition: "规上工业企业",
        definition_en: "Industrial enterprises",
        source_agency: "统计局",
        source_agency_en: "Statistics bureau",
      },
      { lang: "en" },
    );
    expect(en.find((i) => i.key === "definition")?.value).toBe("Industrial enterprises");
    expect(en.find((i) => i.key === "agency")?.value).toBe("Statistics bureau");
  });
  it("the what-if box says its unit and what a number means as printed", () => {
    const ind = { unit: "亿元", unit_en: "100 million yuan", target: { value: 8 } } as Parameters<typeof inputUnitHint>[0];
    expect(inputUnitHint(ind, "zh")).toBe("按亿元输入：输入8即8亿元。");
    expect(inputUnitHint(ind, "en")).toMatch(/^Enter the value in 100 million yuan: 8 means CNY 800 million\.$/);
  });
});

describe("dashboard CSVs for people", () => {
  const row = {
    indicator: "a",
    year: 2019,
    value: 7.1,
    status: "preliminary",
    current: "no",
    origin: "derived",
    share: 0.12345678901234,
    ingested_at: "2026-11-30T05:03:12.123456",
  };
  it("Chinese page: Chinese headers and values, seconds, four decimals", () => {
    expect(peopleCsvRow(row, "zh")).toEqual({
      指标代码: "a",
      年份: 2019,
      数值: 7.1,
      数据状态: "初步",
      现行: "否",
      数据来源类型: "由明细记录汇总",
      占比: 0.1235,
      导入时间: "2026-11-30 05:03:12",
    });
  });
  it("English page: the English field names", () => {
    expect(Object.keys(peopleCsvRow(row, "en"))).toEqual(Object.keys(row));
    expect(peopleCsvRow(row, "en").status).toBe("preliminary");
  });
});
