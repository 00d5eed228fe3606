/**
 * The overview page in headless Chromium (Debian's, through playwright-core), each load in a fresh
 * browser with a fresh profile (empty HTTP cache): the bytes transferred (sum of every response's
 * encoded length as Chromium's network layer reports it: headers and body) and the time from
 * navigation start until the first chart (an svg in the headline cards of the page's main content)
 * is in the page and a frame has been painted since (and not before the first contentful paint).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { chromium } from "playwright-core";
import { CHROMIUM_ARGS, chromiumPath } from "../../exports/pdf.ts";
import { serveSite } from "../../pipelines/site/index.ts";

/** The first chart of the overview: a headline card's sparkline (src/index.md, src/components/cards.ts). */
export const FIRST_CHART = "#observablehq-main .pm-cards svg";

/** The first content of any other page: a chart or a table in the page's main content. */
export const FIRST_CONTENT = "#observablehq-main svg, #observablehq-main table";

/**
 * Pages whose first content is not a chart or table in the document: the methodology is text (its
 * subtitle is drawn from the data), the assessment report sits in a shadow root (its host appears
 * once the report is loaded and parsed), the cascade shows one card per indicator, and the reporting
 * status of a plan without forms is a sentence.
 */
export const CONTENT_SELECTORS: Record<string, string> = {
  "methodology.html": "#observablehq-main .pm-subtitle",
  "assessment.html": "#observablehq-main .pm-report-host",
  // The cascade's first indicator card (a plan whose children hold no figures has no table in it).
  "cascade.html": "#observablehq-main .pm-cascade",
  // The reporting status, or the sentence saying no forms were issued for the plan yet.
  "collection.html": "#observablehq-main table, #observablehq-main svg, #observablehq-main .pm-sentence",
};

/**
 * Runs in the page before its own scripts: notes when the first chart appears in the document, and
 * when the frame after that has run (a task queued from requestAnimationFrame runs after the frame's
 * style, layout and paint).
 * A string, not a function: tsx would wrap a function's inner names in a helper the page lacks.
 */
export function firstChartScript(selector: string): string {
  return `(() => {
  const selector = ${JSON.stringify(selector)};
  const seen = () => {
    if (window.__pmChart || !document.querySelector(selector)) return false;
    const mark = { inserted: performance.now(), drawn: null };
    window.__pmChart = mark;
    requestAnimationFrame(() => setTimeout(() => { mark.drawn = performance.now(); }, 0));
    return true;
  };
  const observer = new MutationObserver(() => { if (seen()) observer.disconnect(); });
  observer.observe(document, { childList: true, subtree: true });
})();`;
}

export interface PageLoad {
  transferred_bytes: number;
  body_bytes: number;
  requests: number;
  first_chart_ms: number | null;
  first_chart_inserted_ms: number | null;
  first_contentful_paint_ms: number | null;
  load_event_ms: number | null;
  failed: string[];
  /** The largest responses (path and encoded bytes), largest first: what a heavy page spends its bytes on. */
  largest: { path: string; bytes: number }[];
}

async function loadOnce(url: string, executablePath: string, selector = FIRST_CHART, timeoutMs = 30_000): Promise<PageLoad> {
  const profile = mkdtempSync(join(tmpdir(), "pm-bench-chromium-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    // Some pages set a Content-Security-Policy without 'unsafe-eval': Playwright's waitForFunction needs it.
    bypassCSP: true,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(firstChartScript(selector));
    const cdp = await context.newCDPSession(page);
    await cdp.send("Network.enable");
    const load: PageLoad = {
      transferred_bytes: 0,
      body_bytes: 0,
      requests: 0,
      first_chart_ms: null,
      first_chart_inserted_ms: null,
      first_contentful_paint_ms: null,
      load_event_ms: null,
      failed: [],
      largest: [],
    };
    const bodies = new Map<string, number>();
    const urls = new Map<string, string>();
    const sizes: { path: string; bytes: number }[] = [];
    cdp.on("Network.requestWillBeSent", (e: { requestId: string; request: { url: string } }) => urls.set(e.requestId, e.request.url));
    cdp.on("Network.dataReceived", (e: { requestId: string; dataLength: number }) =>
      bodies.set(e.requestId, (bodies.get(e.requestId) ?? 0) + e.dataLength),
    );
    cdp.on("Network.loadingFinished", (e: { requestId: string; encodedDataLength: number }) => {
      load.requests += 1;
      load.transferred_bytes += e.encodedDataLength;
      sizes.push({ path: new URL(urls.get(e.requestId) ?? url).pathname, bytes: e.encodedDataLength });
      load.body_bytes += bodies.get(e.requestId) ?? 0;
    });
    cdp.on("Network.loadingFailed", (e: { requestId: string; errorText: string }) => load.failed.push(e.errorText));
    await page.goto(url, { waitUntil: "networkidle" });
    load.largest = sizes.sort((a, b) => b.bytes - a.bytes).slice(0, 3);
    await page.waitForSelector(selector, { state: "attached", timeout: timeoutMs });
    await page.waitForFunction("window.__pmChart && window.__pmChart.drawn !== null");
    const marks = (await page.evaluate(`({
      chart: window.__pmChart ?? null,
      load: performance.getEntriesByType("navigation")[0]?.loadEventStart ?? null,
      fcp: performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null,
    })`)) as { chart: { inserted: number; drawn: number | null } | null; load: number | null; fcp: number | null };
    load.first_chart_inserted_ms = marks.chart?.inserted ?? null;
    // Nothing is painted before the first contentful paint: a chart inserted earlier shows then.
    load.first_chart_ms = marks.chart?.drawn == null ? null : Math.max(marks.chart.drawn, marks.fcp ?? 0);
    load.first_contentful_paint_ms = marks.fcp;
    load.load_event_ms = marks.load;
    return load;
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? null : s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

/** One page's figures over its loads: bytes of the first load, median time to its first content. */
export interface PageFigures {
  path: string;
  transferred_bytes: number;
  body_bytes: number;
  requests: number;
  first_content_ms: number | null;
  first_content_ms_all: number[];
  largest: { path: string; bytes: number }[];
  /** Why no time was taken (no chart or table appeared, a request failed). */
  error: string | null;
}

async function measurePage(base: string, path: string, runs: number, executablePath: string): Promise<PageFigures> {
  const loads: PageLoad[] = [];
  try {
    for (let i = 0; i < runs; i++)
      loads.push(await loadOnce(base + path, executablePath, CONTENT_SELECTORS[path] ?? FIRST_CONTENT, 20_000));
  } catch (error) {
    const first = loads[0];
    return {
      path,
      transferred_bytes: first?.transferred_bytes ?? 0,
      body_bytes: first?.body_bytes ?? 0,
      requests: first?.requests ?? 0,
      first_content_ms: null,
      first_content_ms_all: [],
      largest: first?.largest ?? [],
      error: String((error as Error).message ?? error).split("\n")[0],
    };
  }
  const times = loads.map((l) => l.first_chart_ms).filter((x): x is number => x !== null);
  return {
    path,
    transferred_bytes: loads[0].transferred_bytes,
    body_bytes: loads[0].body_bytes,
    requests: loads[0].requests,
    first_content_ms: median(times),
    first_content_ms_all: times,
    largest: loads[0].largest,
    error: loads.some((l) => l.failed.length > 0) ? `failed requests: ${loads.flatMap((l) => l.failed).join(", ")}` : null,
  };
}

export default async function browser(args: {
  dir: string;
  runs?: number;
  path?: string;
  chromium?: string;
  /** Measure these pages (paths under the site) for their first chart or table, instead of the overview. */
  pages?: string[];
}): Promise<Record<string, unknown>> {
  const site = await serveSite({ dir: args.dir, port: 0, announce: false });
  try {
    if (args.pages) {
      const pages: PageFigures[] = [];
      for (const path of args.pages) pages.push(await measurePage(site.url, path, args.runs ?? 3, args.chromium ?? chromiumPath()));
      return { selector: FIRST_CONTENT, pages };
    }
    const loads: PageLoad[] = [];
    for (let i = 0; i < (args.runs ?? 3); i++) loads.push(await loadOnce(site.url + (args.path ?? ""), args.chromium ?? chromiumPath()));
    const chart = loads.map((l) => l.first_chart_ms).filter((x): x is number => x !== null);
    return {
      url: site.url + (args.path ?? ""),
      selector: FIRST_CHART,
      loads,
      transferred_bytes: loads[0].transferred_bytes,
      body_bytes: loads[0].body_bytes,
      requests: loads[0].requests,
      first_chart_ms: median(chart),
      first_chart_ms_all: chart,
    };
  } finally {
    await site.close();
  }
}
