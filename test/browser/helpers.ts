/**
 * What every browser test shares: Chromium (or the rule for its absence), the site built once by
 * global-setup.ts, and a page visit that records everything that should not happen.
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { type Browser, chromium, type Page } from "playwright-core";
import { describe, expect, inject, it } from "vitest";
import { CHROMIUM_ARGS, chromiumPath } from "../../exports/pdf.ts";
import { REPO_ROOT } from "../../lib/paths.ts";

export const CHROMIUM = chromiumPath();
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const INSTALL = "apt-get update && apt-get install -y chromium fonts-noto-cjk";
export const SHOTS = join(REPO_ROOT, "test-results", "site");
export const HOSTILE_NOTE = "<img src=x onerror=alert(1)>";
export const HOSTILE_SOURCE = "@SUM(1+1)<script>alert(2)</script>";
export const LANGS = ["zh", "en"] as const;

/** A file a hostile office could send: markup in the note and source, a formula as a value. */
export const HOSTILE_CSV =
  "\uFEFF指标,区划代码,年份,数值,单位,状态,数据来源,发布日期,备注\n" +
  `各类研发机构,210281,2014,12,家,正式,"${HOSTILE_SOURCE}",2015-03-01,"${HOSTILE_NOTE}"\n` +
  "企业技术中心,210281,2014,=1+1,家,正式,x,2015-03-01,formula\n";

declare module "vitest" {
  export interface ProvidedContext {
    /** The warehouse the site was built from (data/demo plus the hostile file). */
    siteDb: string;
    /** The built site, or "" when Chromium is missing (nothing to look at). */
    siteDist: string;
    /** A scratch folder for the test files, removed after the run. */
    siteTmp: string;
  }
}

/** The site and warehouse global-setup.ts made for this run. */
export function builtSite(): { db: string; dist: string; tmp: string } {
  return { db: inject("siteDb"), dist: inject("siteDist"), tmp: inject("siteTmp") };
}

/** Without Chromium: fail under CI (it must be installed), skip with a note on a developer machine. */
export function requireChromiumOrSkip(): void {
  if (HAS_CHROMIUM) return;
  if (process.env.CI === "true") {
    describe("browser tests", () => {
      it("need Chromium", () => {
        throw new Error(`${CHROMIUM} is missing; CI must install it: ${INSTALL}`);
      });
    });
  } else console.warn(`\n[browser tests skipped] ${CHROMIUM} not found. Install it with: ${INSTALL}\n`);
}

export function launchBrowser(): Promise<Browser> {
  // playwright gives each launch a fresh, temporary --user-data-dir of its own.
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export interface Visit {
  errors: string[];
  external: string[];
  failed: string[];
  dialogs: string[];
}

/** Open `url` and record console and cell errors, failed requests, requests to other hosts and dialogs. */
export async function visitPage(browser: Browser, url: string, ready: string, { width = 1280 } = {}): Promise<{ page: Page; seen: Visit }> {
  const page = await browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  const seen: Visit = { errors: [], external: [], failed: [], dialogs: [] };
  const origin = new URL(url).origin;
  page.on("console", (m) => m.type() === "error" && seen.errors.push(m.text()));
  page.on("pageerror", (e) => seen.errors.push(e.message));
  page.on("dialog", (d) => {
    seen.dialogs.push(d.message());
    void d.dismiss();
  });
  page.on("request", (r) => {
    const u = r.url();
    if (!u.startsWith(origin) && !u.startsWith("blob:") && !u.startsWith("data:")) seen.external.push(u);
  });
  page.on("requestfailed", (r) => seen.failed.push(`${r.url()} ${r.failure()?.errorText}`));
  page.on("response", (r) => r.status() >= 400 && seen.failed.push(`${r.url()} HTTP ${r.status()}`));
  await page.goto(url, { waitUntil: "networkidle" });
  await page.waitForSelector(ready, { state: "attached" });
  // A cell that fails (a syntax error, a thrown error) is shown in the page by Framework, not
  // always logged to the console: count it as an error too.
  const cellErrors = await page.$$eval(".observablehq--error", (els) => els.map((e) => e.textContent ?? ""));
  seen.errors.push(...cellErrors.map((t) => `cell error: ${t}`));
  return { page, seen };
}

export function expectClean(seen: Visit, path: string): void {
  expect(seen.errors, `console errors on ${path}`).toEqual([]);
  expect(seen.failed, `failed requests on ${path}`).toEqual([]);
  expect(seen.external, `requests to other hosts on ${path}`).toEqual([]);
  expect(seen.dialogs, `dialogs on ${path}`).toEqual([]);
}

export const shotName = (path: string, lang: string) => `${path.replace(/\.html$/, "").replace(/[^\w-]+/g, "_")}-${lang}.png`;
