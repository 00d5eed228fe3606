/**
 * Charts as readers use them: each chart has a meaningful accessible name (the SVG is one image
 * named for what it shows; Plot's unnamed inner groups lose their stray labels), a source line
 * under it (agency or file, 数据截至), and PNG and SVG downloads of what is on screen.
 *
 * @example
 *   chartFigure(resize((w) => seriesChart(ind, { width: w, lang })), {
 *     filename: "rd_expenditure", source: sourceLine({ sources: ["县统计局"], asOf: "2021-03-01", lang }), lang });
 */
import * as Plot from "@observablehq/plot";
import { h } from "./dom.js";
import { formatDate, type Lang } from "./i18n.js";
import { saveBlob } from "./table.js";

/** Name the chart as one image; drop aria-label from Plot's inner groups (no role may carry one). */
export function accessibleChart<E extends Element>(el: E, name: string): E {
  const svgs = el instanceof SVGSVGElement ? [el] : [...el.querySelectorAll("svg")];
  for (const svg of svgs) {
    if (svg.closest("[class*='-swatches']") || svg.getAttribute("width") === "15") continue; // legend swatches
    svg.setAttribute("role", "img");
    svg.setAttribute("aria-label", name);
    for (const g of svg.querySelectorAll("[aria-label]")) {
      g.setAttribute("data-mark", g.getAttribute("aria-label") ?? "");
      g.removeAttribute("aria-label");
    }
    for (const d of svg.querySelectorAll("[aria-description]")) d.removeAttribute("aria-description");
  }
  return el;
}

/** Plot.plot with the chart's ariaLabel as its accessible name. */
export function plot(options: Plot.PlotOptions & { ariaLabel: string }): SVGSVGElement | HTMLElement {
  return accessibleChart(Plot.plot(options), options.ariaLabel);
}

/** "来源：县统计局、县科技局；数据截至2021年3月1日" / "Source: …; data as of 1 March 2021". */
export function sourceLine({ sources, asOf, lang }: { sources: string[]; asOf: string | null | undefined; lang: Lang }): string {
  const list = [...new Set(sources.map((s) => s.trim()).filter(Boolean))];
  const zh = lang === "zh";
  const from = list.length
    ? `${zh ? "来源：" : "Source: "}${list.join(zh ? "、" : "; ")}`
    : zh
      ? "来源：已导入的数据文件"
      : "Source: the ingested data files";
  const date = asOf ? (zh ? `；数据截至${formatDate(asOf, lang)}` : `; data as of ${formatDate(asOf, lang)}`) : "";
  return `${from}${date}${zh ? "。" : "."}`;
}

/** The chart's SVG as a standalone file: colours resolved, a background, the page's font. */
export function standaloneSvg(svg: SVGSVGElement): string {
  const style = getComputedStyle(svg);
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute("xmlns", "http://www.w3.org/2000/svg");
  copy.setAttribute("width", String(Math.round(width)));
  copy.setAttribute("height", String(Math.round(height)));
  copy.style.color = style.color;
  copy.style.fontFamily = style.fontFamily;
  copy.style.fontSize = style.fontSize;
  copy.style.background = getComputedStyle(document.body).backgroundColor;
  const bg = document.createElementNS("http://www.w3.org/2000/svg", "rect");
  bg.setAttribute("width", "100%");
  bg.setAttribute("height", "100%");
  bg.setAttribute("fill", getComputedStyle(document.body).backgroundColor || "white");
  copy.insertBefore(bg, copy.firstChild);
  // CSS variables do not travel with the file: resolve the ones the charts use.
  let text = new XMLSerializer().serializeToString(copy);
  text = text.replace(/var\((--[\w-]+)[^)]*\)/g, (_, name: string) => style.getPropertyValue(name).trim() || "currentColor");
  return text;
}

/** Render the SVG to a PNG at twice its size (sharp on projectors and in documents). */
export async function svgToPng(svg: SVGSVGElement): Promise<Blob> {
  const text = standaloneSvg(svg);
  const { width, height } = svg.getBoundingClientRect();
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(text)}`;
  await img.decode();
  const canvas = document.createElement("canvas");
  canvas.width = Math.round(width * 2);
  canvas.height = Math.round(height * 2);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("canvas 2d unavailable");
  ctx.scale(2, 2);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error("PNG failed"))), "image/png"));
}

/** The chart's main SVG inside a figure (not a legend swatch). */
export function mainSvg(root: Element): SVGSVGElement | null {
  return root.querySelector("svg[role='img']") ?? root.querySelector("svg");
}

/** A chart with its source line and PNG / SVG downloads. `content` may re-render (resize). */
export function chartFigure(content: Node, { filename, source, lang }: { filename: string; source: string; lang: Lang }): HTMLElement {
  const zh = lang === "zh";
  const fig: HTMLElement = h("figure", { class: "pm-figure", "data-chart": filename });
  const button = (kind: "png" | "svg") =>
    h(
      "button",
      {
        type: "button",
        class: "pm-download",
        "data-download-chart": kind,
        onclick: async () => {
          const svg = mainSvg(fig);
          if (!svg) return;
          const blob = kind === "svg" ? new Blob([standaloneSvg(svg)], { type: "image/svg+xml;charset=utf-8" }) : await svgToPng(svg);
          saveBlob(blob, `${filename}.${kind}`);
        },
      },
      `${zh ? "下载" : "Download "}${kind.toUpperCase()}`,
    );
  fig.append(
    content,
    h("figcaption", { class: "pm-source", "data-source": "" }, source),
    h("div", { class: "pm-downloads" }, button("png"), button("svg")),
  );
  return fig;
}
