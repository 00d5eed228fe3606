/**
 * Charts as PNG images for the Word report: the same SVG the site and the PDF show
 * (exports/chart.ts), rasterised by the headless Chromium the PDF export uses, at twice the size
 * for print. One browser launch for all charts.
 *
 * @example
 *   const pngs = await chartsToPng(report.indicators.map((i) => ({ id: i.id, spec: i.chart })));
 *   pngs.get("rd_expenditure"); // Uint8Array (PNG)
 */
import { chartSvg } from "./chart.ts";
import { withChromiumPage } from "./pdf.ts";
import { FONT_STACK } from "./report-html.ts";
import type { ChartSpec } from "./report.ts";

export const CHART_SIZE = { width: 680, height: 250 };

export async function chartsToPng(
  charts: { id: string; spec: ChartSpec }[],
  opts: { timeoutMs?: number } = {},
): Promise<Map<string, Uint8Array>> {
  if (!charts.length) return new Map();
  const html = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body { margin: 0; background: #fff; font-family: ${FONT_STACK}; }
div.c { width: ${CHART_SIZE.width}px; height: ${CHART_SIZE.height}px; }
div.c svg { display: block; font-family: ${FONT_STACK}; }
</style></head><body>${charts.map((c, i) => `<div class="c" id="c${i}">${chartSvg(c.spec, CHART_SIZE)}</div>`).join("")}</body></html>`;
  return withChromiumPage(
    html,
    async (page) => {
      const out = new Map<string, Uint8Array>();
      for (const [i, c] of charts.entries()) out.set(c.id, new Uint8Array(await page.locator(`#c${i}`).screenshot({ type: "png" })));
      return out;
    },
    { timeoutMs: opts.timeoutMs, scale: 2 },
  );
}
