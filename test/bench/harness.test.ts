/**
 * The benchmark harness (bench/): reading GNU time's report and /proc, the table, the goals and
 * the options. Correctness only: nothing here is timed.
 */
import { describe, expect, it } from "vitest";
import { markdownReport, type ResultFile } from "../../bench/markdown.ts";
import { firstChartScript } from "../../bench/steps/browser.ts";
import { ceilingSql } from "../../bench/steps/readcsv.ts";
import { countProcessors, parseBusyCpuSeconds, parseCpuModel } from "../../bench/machine.ts";
import { parseGeneratedListing, parseOptions, recordFiles, sitePages } from "../../bench/options.ts";
import {
  contended,
  evaluateGoals,
  fastest,
  pipelineTotals,
  STEP_LABELS,
  type StepFigures,
  tableRows,
  verdict,
} from "../../bench/report.ts";
import { parseClock, parseTimeReport } from "../../bench/rss.ts";
import { countyCodes, syntheticSeries } from "../../bench/series.ts";
import { displayWidth, formatBytes, formatCount, formatMarkdownTable, formatRate, formatSeconds, formatTable } from "../../bench/table.ts";
import type { Plan } from "../../domain/plan.ts";

const TIME_V = `\tCommand being timed: "node -e 1"
\tUser time (seconds): 0.10
\tSystem time (seconds): 0.15
\tPercent of CPU this job got: 62%
\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.41
\tAverage shared text size (kbytes): 0
\tMaximum resident set size (kbytes): 237536
\tAverage resident set size (kbytes): 0
\tExit status: 0
`;

describe("GNU time's report", () => {
  it("gives the peak memory in KiB, the times and the exit status", () => {
    expect(parseTimeReport(TIME_V)).toEqual({ maxRssKiB: 237536, elapsedS: 62.41, userS: 0.1, systemS: 0.15, exitStatus: 0 });
  });
  it("takes the 'Average resident set size' line for what it is, not the peak", () => {
    const r = parseTimeReport(TIME_V.replace("Maximum resident set size (kbytes): 237536", "Maximum resident set size (kbytes): 12"));
    expect(r?.maxRssKiB).toBe(12);
  });
  it("reads a report of a command killed by a signal (no exit status line, a note instead)", () => {
    const killed = `\tCommand terminated by signal 9\n${TIME_V.replace("\tExit status: 0\n", "")}`;
    expect(parseTimeReport(killed)).toMatchObject({ maxRssKiB: 237536, exitStatus: null });
  });
  it("returns null for text that is not such a report", () => {
    expect(parseTimeReport("")).toBeNull();
    expect(parseTimeReport("Maximum resident set size (kbytes): lots")).toBeNull();
    expect(parseTimeReport("node: command not found\n")).toBeNull();
  });
  it("reads h:mm:ss and m:ss clocks", () => {
    expect(parseClock("0:00.41")).toBeCloseTo(0.41);
    expect(parseClock("1:02:03.5")).toBeCloseTo(3723.5);
    expect(parseClock("12.5")).toBe(12.5);
    expect(parseClock("")).toBeNaN();
    expect(parseClock("1:xx")).toBeNaN();
  });
});

describe("the machine", () => {
  const cpuinfo =
    "processor\t: 0\nvendor_id\t: AuthenticAMD\nmodel name\t: AMD  EPYC 7B13\n\nprocessor\t: 1\nmodel name\t: AMD  EPYC 7B13\n";
  it("reads the CPU model and counts the processors in /proc/cpuinfo", () => {
    expect(parseCpuModel(cpuinfo)).toBe("AMD EPYC 7B13");
    expect(countProcessors(cpuinfo)).toBe(2);
    expect(parseCpuModel("processor : 0\nHardware : BCM2835\n")).toBe("BCM2835");
    expect(parseCpuModel("")).toBeNull();
    expect(countProcessors("")).toBeNull();
  });
  it("reads the busy CPU seconds of /proc/stat (idle and iowait left out)", () => {
    const stat = "cpu  1000 50 300 90000 400 10 20 5 0 0\ncpu0 500 25 150 45000 200 5 10 2 0 0\nintr 1\n";
    expect(parseBusyCpuSeconds(stat)).toBeCloseTo((1000 + 50 + 300 + 10 + 20 + 5) / 100);
    expect(parseBusyCpuSeconds("intr 1\n")).toBeNull();
  });
});

describe("tables and numbers", () => {
  it("pads columns, aligns numbers right and draws a rule under the header", () => {
    const t = formatTable(
      ["step", "time"],
      [
        ["ingest", "1.2 s"],
        ["assess", "12.34 s"],
      ],
      ["left", "right"],
    );
    expect(t.split("\n")).toEqual(["step   |    time", "-------+--------", "ingest |   1.2 s", "assess | 12.34 s"]);
  });
  it("counts Chinese characters as two columns", () => {
    expect(displayWidth("合同")).toBe(4);
    const t = formatTable(["名称", "n"], [["ab", "1"]]);
    expect(t.split("\n")[2]).toBe("ab   | 1");
  });
  it("writes Markdown with right-aligned number columns and escaped pipes", () => {
    expect(formatMarkdownTable(["a", "b"], [["x|y", "1"]], ["left", "right"])).toBe("| a | b |\n| --- | ---: |\n| x\\|y | 1 |");
  });
  it("formats seconds, bytes, counts and rates, with a dash for a missing figure", () => {
    expect(formatSeconds(0.01234)).toBe("0.012 s");
    expect(formatSeconds(1.234)).toBe("1.23 s");
    expect(formatSeconds(61.24)).toBe("61.2 s");
    expect(formatSeconds(null)).toBe("—");
    expect(formatSeconds(Number.NaN)).toBe("—");
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(1536)).toBe("1.50 KiB");
    expect(formatBytes(700 * 1024)).toBe("700 KiB");
    expect(formatBytes(3 * 2 ** 30)).toBe("3.00 GiB");
    expect(formatCount(6_000_000)).toBe("6,000,000");
    expect(formatRate(2_345_678)).toBe("2.35 M/s");
    expect(formatRate(12_345)).toBe("12.3 k/s");
    expect(formatRate(12)).toBe("12 /s");
    expect(formatRate(undefined)).toBe("—");
  });
});

const step = (over: Partial<StepFigures>): StepFigures => ({
  label: "x",
  ok: true,
  error: null,
  seconds: 1,
  process_s: 2,
  peak_rss_bytes: 100 * 2 ** 20,
  rss_method: "gnu-time",
  user_s: 1,
  system_s: 0,
  others_cores: 0,
  rows: null,
  rate_per_s: null,
  detail: {},
  ...over,
});

describe("goals", () => {
  const steps = {
    ceiling_contracts: step({ rows: 6e6, seconds: 3, rate_per_s: 2e6 }),
    ingest_contracts: step({ rows: 6e6, seconds: 10, rate_per_s: 6e5, process_s: 11, peak_rss_bytes: 3 * 2 ** 30 }),
    ceiling_certificates: step({ rows: 1e5, seconds: 0.1, rate_per_s: 1e6 }),
    ingest_certificates: step({ rows: 1e5, seconds: 0.18, rate_per_s: 5.5e5, process_s: 1 }),
    derive: step({ process_s: 3 }),
    assess: step({ seconds: 1.5, process_s: 2.5, rows: 42000, rate_per_s: 28000 }),
    site_warm: step({ seconds: 31 }),
    overview: step({ detail: { transferred_bytes: 700_000, first_chart_ms: 900, requests: 49 } }),
  };
  const goals = new Map(evaluateGoals(steps).map((g) => [g.id, g]));

  it("judges the ingest against read_csv by the ratio of their rates", () => {
    expect(goals.get("ingest_ratio_contracts")).toMatchObject({ measured: 0.3, met: false });
    expect(goals.get("ingest_ratio_certificates")).toMatchObject({ measured: 0.55, met: true });
  });
  it("adds up the processes of ingest, derive and assess, and takes the largest peak", () => {
    expect(pipelineTotals(steps)).toEqual({ seconds: 11 + 1 + 3 + 2.5, cpu_s: 4, peak_rss_bytes: 3 * 2 ** 30 });
    expect(goals.get("pipeline_seconds")?.met).toBe(true);
    expect(goals.get("pipeline_peak_rss")?.met).toBe(false);
    expect(pipelineTotals({ ...steps, ingest_others: step({ process_s: 4 }) }).seconds).toBe(11 + 1 + 4 + 3 + 2.5);
  });
  it("gives no total when a part failed, and leaves its goals unjudged", () => {
    const failed = { ...steps, derive: step({ ok: false, error: "boom", seconds: null }) };
    expect(pipelineTotals(failed)).toEqual({ seconds: null, cpu_s: null, peak_rss_bytes: null });
    expect(evaluateGoals(failed).find((g) => g.id === "pipeline_seconds")?.met).toBeNull();
  });
  it("judges the assessment, the page and the warm build", () => {
    expect(goals.get("assess_seconds")?.met).toBe(true);
    expect(goals.get("overview_bytes")?.met).toBe(true);
    expect(goals.get("overview_first_chart_ms")).toMatchObject({ measured: 900, shown: "0.90 s", met: true });
    expect(goals.get("site_warm_seconds")?.met).toBe(false);
  });
  it("says when a goal is judged at another scale than the one it is set for", () => {
    const g = goals.get("assess_seconds")!;
    expect(verdict(g, "national")).toBe("✓");
    expect(verdict(g, "province")).toBe("✓ (goal set for national)");
    expect(verdict(goals.get("site_warm_seconds")!, "county")).toBe("✗");
  });
  it("prints a row per step that ran, a failed step with its error, and the total", () => {
    const rows = tableRows({ ...steps, site_cold: step({ ok: false, error: "building the dashboard failed\nmore" }) }, "national");
    const byLabel = new Map(rows.map((r) => [r[0], r]));
    expect(byLabel.get("ingest: contracts")).toEqual([
      "ingest: contracts",
      "6,000,000",
      "10.0 s",
      "600.0 k/s",
      "11.0 s",
      "1.00 s",
      "3.00 GiB",
      "ratio 0.30 (goal ≥ 0.5) ✗",
    ]);
    expect(byLabel.get("site build, cold")?.[7]).toBe("failed: building the dashboard failed");
    expect(byLabel.get("overview page in Chromium")?.slice(1, 4)).toEqual(["49 requests", "0.90 s", "684 KiB"]);
    expect(rows.at(-1)?.[0]).toBe("ingest + derive + assess");
    expect(rows.every((r) => r.length === 8)).toBe(true);
  });
  it("keeps the fastest of repeated measurements, with every repeat's time", () => {
    const runs = [step({ seconds: 3, others_cores: 1 }), step({ seconds: 2, others_cores: 0.1 }), step({ ok: false, seconds: null })];
    const best = fastest(runs);
    expect(best.seconds).toBe(2);
    expect(best.detail.repeats).toEqual([
      { seconds: 3, process_s: 2, others_cores: 1 },
      { seconds: 2, process_s: 2, others_cores: 0.1 },
      { seconds: null, process_s: 2, others_cores: 0 },
    ]);
    expect(fastest([runs[0]])).toBe(runs[0]);
  });
  it("names the steps during which other processes were busy", () => {
    expect(contended({ derive: step({ others_cores: 1.2 }), assess: step({ others_cores: 0.1 }) })).toEqual([
      { key: "derive", cores: 1.2 },
    ]);
  });
});

describe("every page", () => {
  const page = (path: string, bytes: number, ms: number | null, error: string | null = null) => ({
    path,
    transferred_bytes: bytes,
    body_bytes: bytes,
    requests: 40,
    first_content_ms: ms,
    first_content_ms_all: ms === null ? [] : [ms],
    largest: [{ path: "/_file/data/records-enterprises.json", bytes: bytes / 2 }],
    error,
  });
  const overview = step({ detail: { transferred_bytes: 700_000, first_chart_ms: 900, requests: 49 } });
  it("judges the heaviest and the slowest page, the overview included", () => {
    const steps = {
      overview,
      pages: step({ detail: { pages: [page("gaps.html", 800_000, 1200), page("enterprises.html", 1_600_000, 1000)] } }),
    };
    const goals = new Map(evaluateGoals(steps).map((g) => [g.id, g]));
    expect(goals.get("pages_bytes")).toMatchObject({ measured: 1_600_000, met: false });
    expect(goals.get("pages_bytes")?.shown).toContain("page enterprises");
    expect(goals.get("pages_first_content_ms")).toMatchObject({ measured: 1200, met: true });
  });
  it("counts a page whose content never appeared as not met", () => {
    const steps = { overview, pages: step({ detail: { pages: [page("tasks.html", 500_000, null, "Timeout")] } }) };
    const goal = evaluateGoals(steps).find((g) => g.id === "pages_first_content_ms");
    expect(goal).toMatchObject({ measured: null, met: false });
    expect(goal?.shown).toBe("none (page tasks)");
  });
  it("leaves the goals unjudged without the pages step, and prints a row per page", () => {
    expect(evaluateGoals({ overview }).find((g) => g.id === "pages_bytes")?.met).toBeNull();
    const rows = tableRows({ pages: step({ detail: { pages: [page("gaps.html", 800_000, 1200)] } }) }, "national");
    expect(rows[0].slice(0, 4)).toEqual(["page gaps", "40 requests", "1.20 s", "781 KiB"]);
    expect(rows[1][0]).toBe("every other page in Chromium");
    expect(rows.every((r) => r.length === 8)).toBe(true);
  });
  it("opens every built page but the overview, and one indicator page for all", () => {
    const files = [
      "index.html",
      "404.html",
      "gaps.html",
      "tasks.html",
      "indicators/b.html",
      "indicators/a.html",
      "_file/x.html",
      "style.css",
    ];
    expect(sitePages(files)).toEqual(["gaps.html", "tasks.html", "indicators/a.html"]);
  });
});

describe("options", () => {
  it("defaults to the province scale and seed 1", () => {
    const o = parseOptions([]);
    expect(o).toMatchObject({ scale: "province", seed: 1, runs: 3, repeat: 1, regenerate: false });
    expect(o.work).toMatch(/plan-monitor-bench[\\/]province-1$/);
  });
  it("takes a scale, a seed, a work folder and steps to skip", () => {
    const o = parseOptions(["--scale", "national", "--seed", "7", "--work", "/tmp/w", "--skip", "site,browser"]);
    expect(o).toMatchObject({ scale: "national", seed: 7, work: "/tmp/w" });
    expect([...o.skip]).toEqual(["site", "browser"]);
  });
  it("refuses an unknown scale, a bad seed, an unknown step or option", () => {
    expect(() => parseOptions(["--scale", "city"])).toThrow(/--scale/);
    expect(() => parseOptions(["--seed", "-1"])).toThrow(/--seed/);
    expect(() => parseOptions(["--repeat", "0"])).toThrow(/--repeat/);
    expect(() => parseOptions(["--skip", "ingest"])).toThrow(/--skip/);
    expect(() => parseOptions(["--fast"])).toThrow();
  });
  it("tells the contract and certificate files from the others by name", () => {
    const names = [
      ".bench-data.json",
      "demo-synthetic-records-national-rd.csv",
      "demo-synthetic-records-national-contracts.csv",
      "demo-synthetic-records-national-certificates.csv",
      "demo-synthetic-records-national-lists.csv",
    ];
    expect(recordFiles(names)).toEqual({
      contracts: "demo-synthetic-records-national-contracts.csv",
      certificates: "demo-synthetic-records-national-certificates.csv",
      others: ["demo-synthetic-records-national-lists.csv", "demo-synthetic-records-national-rd.csv"],
    });
    expect(recordFiles(["demo-synthetic-records-1-高新技术企业证书.csv", "demo-synthetic-records-2-技术合同登记.csv"])).toMatchObject({
      contracts: "demo-synthetic-records-2-技术合同登记.csv",
      certificates: "demo-synthetic-records-1-高新技术企业证书.csv",
    });
    expect(recordFiles([])).toEqual({ contracts: null, certificates: null, others: [] });
  });
});

describe("synthetic county series", () => {
  const plan = {
    baseline_year: 2017,
    start_year: 2018,
    target_year: 2020,
    indicators: [{ id: "a", measure: "level", direction: "increase", target: 100 }],
  } as unknown as Plan;
  it("are the same for the same seed and region, and differ between regions", () => {
    const ind = plan.indicators[0];
    const a = syntheticSeries(plan, ind, "210281", [2015, 2016, 2017], 1);
    expect(syntheticSeries(plan, ind, "210281", [2015, 2016, 2017], 1)).toEqual(a);
    expect(syntheticSeries(plan, ind, "210282", [2015, 2016, 2017], 1)).not.toEqual(a);
    expect(a.map((p) => p.year)).toEqual([2015, 2016, 2017]);
    expect(a.every((p) => Number.isFinite(p.value) && p.value >= 0 && p.indicator_id === "a")).toBe(true);
  });
  it("gives distinct six-digit county codes", () => {
    const codes = countyCodes(3000);
    expect(codes).toHaveLength(3000);
    expect(new Set(codes).size).toBe(3000);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
  });
});

describe("the read_csv ceiling", () => {
  const csv = { format: "csv", encoding: "utf-8", delimiter: ",", skipLines: 1 };
  it("starts at the header, below any title rows the ingest also skips", () => {
    expect(ceilingSql("/d/c.csv", csv)).toEqual({
      sql: "CREATE TABLE records AS SELECT * FROM read_csv('/d/c.csv', skip = 0, header = true, delim = ',', ignore_errors = true)",
    });
    const titled = ceilingSql("/d/it's.csv", { ...csv, encoding: "utf-8-bom", delimiter: "\t", skipLines: 3 });
    expect("sql" in titled && titled.sql).toContain("read_csv('/d/it''s.csv', skip = 2, header = true, delim = '\t'");
  });
  it("is not taken for a file read_csv cannot read here (GB18030) or that is no CSV", () => {
    expect(ceilingSql("x.csv", { ...csv, encoding: "gb18030" })).toEqual({
      skipped: "not UTF-8 (gb18030): read_csv cannot read it here, no ceiling",
    });
    expect(ceilingSql("x.parquet", { ...csv, format: "parquet", encoding: null })).toMatchObject({
      skipped: expect.stringContaining("parquet"),
    });
  });
});

describe("the page probe", () => {
  it("is plain script text with the selector quoted as a string", () => {
    const script = firstChartScript(`main "svg"`);
    expect(script).toContain(JSON.stringify(`main "svg"`));
    expect(script).not.toContain("__name");
    expect(() => new Function(script)).not.toThrow();
  });
});

describe("the generator's listing", () => {
  it("gives each file's path, kind and rows, and skips the other lines", () => {
    const out = [
      "/tmp/d/demo-synthetic-records-province-certificates.csv  certificates  5123",
      "/tmp/d/demo synthetic/x-contracts.csv  contracts  600000",
      "✓ wrote province-scale synthetic records (not official statistics) in 5.8 s.",
      "",
    ].join("\n");
    expect(parseGeneratedListing(out)).toEqual([
      { path: "/tmp/d/demo-synthetic-records-province-certificates.csv", kind: "certificates", rows: 5123 },
      { path: "/tmp/d/demo synthetic/x-contracts.csv", kind: "contracts", rows: 600000 },
    ]);
  });
});

describe("the README's figures", () => {
  const machine = {
    cpu: "AMD EPYC",
    cores: 2,
    memory_bytes: 24 * 2 ** 30,
    os: "Linux 6 x64",
    node: "v20.20.2",
    duckdb: "v1.5.6",
    duckdb_node_api: "1.5.6-r.1",
    loadavg: [0, 0, 0],
    commit: "abc1234",
    dirty: false,
  };
  const result = (scale: ResultFile["scale"], seconds: number): ResultFile => ({
    scale,
    started_at: "2026-11-26T12:00:00.000Z",
    machine,
    steps: {
      ceiling_contracts: step({ rows: 6e6, seconds: 3, rate_per_s: 2e6 }),
      ingest_contracts: step({ rows: 6e6, seconds, rate_per_s: 6e6 / seconds }),
      assess: step({ seconds: 1.5, rows: 42000, rate_per_s: 28000 }),
    },
  });
  it("puts the scales side by side, smallest first, and judges the goals at the largest", () => {
    const md = markdownReport([result("national", 12), result("province", 1.2)]).split("\n");
    expect(md[0]).toBe(
      "Machine: AMD EPYC, 2 cores, 24.0 GiB memory, Linux 6 x64, Node 20.20.2, DuckDB 1.5.6 (@duckdb/node-api 1.5.6-r.1); commit abc1234; province 2026-11-26 12:00 UTC, national 2026-11-26 12:00 UTC.",
    );
    expect(md[2]).toBe("| step | province: time | rate / size | peak RSS | national: time | rate / size | peak RSS |");
    expect(md).toContain("| ingest: contracts | 1.20 s | 5.00 M/s | 100 MiB | 12.0 s | 500.0 k/s | 100 MiB |");
    expect(md.indexOf("| read_csv ceiling: contracts | 3.00 s | 2.00 M/s | 100 MiB | 3.00 s | 2.00 M/s | 100 MiB |")).toBeLessThan(
      md.findIndex((l) => l.startsWith("| ingest: contracts")),
    );
    expect(md).toContain("Goals, at national scale:");
    expect(md).toContain("| ingest ÷ read_csv, contracts | ≥ 0.5 | 0.25 | ✗ |");
  });
});

describe("the newer paths (issue 17 item 4)", () => {
  const steps = {
    collect_templates: step({ seconds: 0.4, rows: 11, rate_per_s: 27 }),
    collect_returned: step({ seconds: 1.4 }),
    tree: step({ seconds: 200, rows: 3442, detail: { plans: 3442, counties: 3007, root_units: 3041, root_forms: 3041, root_forms_s: 90 } }),
    tree_cascade_all: step({ seconds: 2.5, rows: 3442 }),
    tree_tasks: step({ seconds: 0.9 }),
    tree_collect_status: step({ seconds: 0.3, rows: 3041 }),
    uploads: step({ seconds: 20, rows: 50, rate_per_s: 2.5, detail: { slowest_receipt_ms: 19_500, median_receipt_ms: 11_000 } }),
  };
  const goals = new Map(evaluateGoals(steps).map((g) => [g.id, g]));

  it("judges the forms, the return, the tree's cascade, tasks and status against their goals", () => {
    expect(goals.get("collect_templates_seconds")?.met).toBe(true);
    expect(goals.get("collect_returned_seconds")?.met).toBe(false);
    expect(goals.get("tree_cascade_all_seconds")).toMatchObject({ met: false, scale: "national", target: "< 2 s" });
    expect(goals.get("tree_tasks_seconds")?.met).toBe(true);
    expect(goals.get("tree_collect_status_seconds")?.met).toBe(true);
    // Not run: not judged.
    expect(goals.get("tree_collect_templates_seconds")?.met).toBeNull();
  });

  it("reports the uploads' slowest receipt and throughput, with no goal to meet", () => {
    expect(goals.get("uploads_slowest_receipt")).toMatchObject({ met: null, measured: 19_500 });
    expect(goals.get("uploads_slowest_receipt")?.shown).toBe("19.5 s (2.5 uploads/s)");
    const rows = new Map(tableRows(steps, "national").map((r) => [r[0], r]));
    expect(rows.get(STEP_LABELS.uploads)?.[7]).toBe("slowest receipt 19.5 s, median 11.0 s (no goal set)");
    expect(rows.get(STEP_LABELS.tree_cascade_all)?.[3]).toBe("1.4 k plans/s");
    expect(rows.get(STEP_LABELS.uploads)?.[3]).toBe("2.5 uploads/s");
    expect(rows.get(STEP_LABELS.tree)?.[7]).toMatch(/3,442 plans \(3,007 counties\), country plan 3,041 units/);
  });
});
