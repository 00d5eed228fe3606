/**
 * An indicator's chart as a self-contained SVG string, drawn on the server: no script, no network,
 * the same picture in the PDF, the printed page and the site. Yearly values as a line (or, for a
 * total over the plan years, yearly bars and the running total as a line), the target as a dashed
 * line, preliminary figures as hollow points. Every text is escaped.
 */
import { num } from "./format.ts";
import type { ChartSpec } from "./report.ts";

/** Escape text for HTML and SVG (element content and quoted attributes). */
export function esc(text: unknown): string {
  return String(text ?? "")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#39;");
}

/** Round ticks covering [lo, hi]: about `count` of them, at 1, 2 or 5 times a power of ten. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!Number.isFinite(lo) || !Number.isFinite(hi)) return [0, 1];
  if (hi === lo) hi = lo === 0 ? 1 : lo + Math.abs(lo) * 0.5;
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const err = raw / mag;
  const step = (err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1) * mag;
  const start = Math.floor(lo / step + 1e-9) * step;
  const end = Math.ceil(hi / step - 1e-9) * step;
  const ticks: number[] = [];
  for (let v = start; v <= end + step / 2; v += step) ticks.push(Number(v.toPrecision(12)));
  return ticks;
}

const COLORS = { line: "#1f5fa8", bar: "#9fbfe0", barOld: "#d9d9d9", target: "#c0392b", grid: "#e6e6e6", axis: "#555", text: "#333" };

export function chartSvg(spec: ChartSpec, opts: { width?: number; height?: number } = {}): string {
  const W = opts.width ?? 680;
  const H = opts.height ?? 250;
  const m = { top: 42, right: 92, bottom: 30, left: 58 };
  const cum = spec.measure === "cumulative";
  const pts = spec.points;
  const years = pts.map((p) => p.year);
  const x0 = Math.min(spec.baselineYear, ...(years.length ? years : [spec.baselineYear]));
  const x1 = Math.max(spec.target.year, ...(years.length ? years : [spec.target.year]));
  const values = [
    ...pts.map((p) => p.value),
    ...pts.map((p) => p.cumulative).filter((v): v is number => v !== null),
    spec.target.value,
    0,
  ].filter((v) => Number.isFinite(v));
  const ticks = niceTicks(Math.min(...values), Math.max(...values) * 1.08);
  const y0 = ticks[0];
  const y1 = ticks[ticks.length - 1];
  const n = x1 - x0 + 1;
  const band = (W - m.left - m.right) / n;
  const X = (year: number) => m.left + (year - x0 + 0.5) * band;
  const Y = (v: number) => m.top + (H - m.top - m.bottom) * (1 - (v - y0) / (y1 - y0 || 1));
  const out: string[] = [];
  const spoken = pts.map((p) => `${p.year}${spec.lang === "zh" ? "年为" : " "}${num(p.value, undefined, spec.lang)}`);
  const label =
    spec.lang === "zh"
      ? `${spec.title}：${spoken.join("，")}；${spec.target.label}（${spec.target.year}年）`
      : `${spec.title}: ${spoken.join(", ")}; ${spec.target.label} (${spec.target.year})`;
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${W} ${H}" width="${W}" height="${H}" role="img" aria-label="${esc(label)}" class="chart">`,
    `<title>${esc(spec.title)}</title>`,
  );
  // grid and y axis
  for (const tv of ticks) {
    const y = Y(tv).toFixed(1);
    out.push(`<line x1="${m.left}" x2="${W - m.right}" y1="${y}" y2="${y}" stroke="${COLORS.grid}" stroke-width="1"/>`);
    out.push(
      `<text x="${m.left - 6}" y="${y}" dy="0.32em" text-anchor="end" font-size="10" fill="${COLORS.axis}">${esc(num(tv, undefined, spec.lang))}</text>`,
    );
  }
  out.push(`<text x="4" y="${m.top - 12}" font-size="10" fill="${COLORS.axis}">${esc(spec.unit)}</text>`);
  // baseline year marker
  if (spec.baselineYear >= x0 && spec.baselineYear <= x1) {
    const bx = X(spec.baselineYear).toFixed(1);
    out.push(
      `<line x1="${bx}" x2="${bx}" y1="${m.top}" y2="${H - m.bottom}" stroke="#999" stroke-dasharray="2 3"/>`,
      `<text x="${bx}" y="${m.top - 4}" text-anchor="middle" font-size="9" fill="#777">${esc(spec.legend.baseline)}</text>`,
    );
  }
  // x axis
  out.push(
    `<line x1="${m.left}" x2="${W - m.right}" y1="${Y(Math.max(y0, Math.min(0, y1))).toFixed(1)}" y2="${Y(Math.max(y0, Math.min(0, y1))).toFixed(1)}" stroke="${COLORS.axis}"/>`,
  );
  for (let yr = x0; yr <= x1; yr++) {
    out.push(
      `<text x="${X(yr).toFixed(1)}" y="${H - m.bottom + 16}" text-anchor="middle" font-size="10" fill="${COLORS.axis}">${yr}</text>`,
    );
  }
  // data
  if (cum) {
    const bw = Math.min(28, band * 0.5);
    for (const p of pts) {
      const yTop = Y(Math.max(0, p.value));
      const yBot = Y(Math.min(0, p.value));
      const fill = p.cumulative === null ? COLORS.barOld : COLORS.bar;
      out.push(
        `<rect x="${(X(p.year) - bw / 2).toFixed(1)}" y="${yTop.toFixed(1)}" width="${bw.toFixed(1)}" height="${Math.max(0.5, yBot - yTop).toFixed(1)}" fill="${fill}"${p.preliminary ? ` stroke="${COLORS.line}" stroke-dasharray="3 2"` : ""}/>`,
        // The yearly amount inside the bar's foot (above it when the bar is too short), clear of the total's label.
        yBot - yTop >= 16
          ? `<text x="${X(p.year).toFixed(1)}" y="${(yBot - 4).toFixed(1)}" text-anchor="middle" font-size="9" fill="#333">${esc(num(p.value, undefined, spec.lang))}</text>`
          : `<text x="${X(p.year).toFixed(1)}" y="${(yTop - 3).toFixed(1)}" text-anchor="middle" font-size="9" fill="#666">${esc(num(p.value, undefined, spec.lang))}</text>`,
      );
    }
    const cp = pts.filter((p) => p.cumulative !== null);
    if (cp.length) {
      const first = cp[0].year - 1;
      const path = [[first, 0] as [number, number], ...cp.map((p) => [p.year, p.cumulative as number] as [number, number])]
        .filter(([yr]) => yr >= x0)
        .map(([yr, v], i) => `${i ? "L" : "M"}${X(yr).toFixed(1)},${Y(v).toFixed(1)}`)
        .join("");
      out.push(`<path d="${path}" fill="none" stroke="${COLORS.line}" stroke-width="2"/>`);
      for (const p of cp) {
        out.push(
          `<circle cx="${X(p.year).toFixed(1)}" cy="${Y(p.cumulative as number).toFixed(1)}" r="3.5" fill="${p.preliminary ? "#fff" : COLORS.line}" stroke="${COLORS.line}" stroke-width="1.5"/>`,
          `<text x="${(X(p.year) - 6).toFixed(1)}" y="${(Y(p.cumulative as number) - 7).toFixed(1)}" text-anchor="end" font-size="10" font-weight="bold" fill="${COLORS.line}">${esc(num(p.cumulative as number, undefined, spec.lang))}</text>`,
        );
      }
    }
  } else if (pts.length) {
    // Break the line where a year is missing: a gap is not a straight line.
    let d = "";
    let prev: number | null = null;
    for (const p of pts) {
      d += `${prev !== null && p.year === prev + 1 ? "L" : "M"}${X(p.year).toFixed(1)},${Y(p.value).toFixed(1)}`;
      prev = p.year;
    }
    out.push(`<path d="${d}" fill="none" stroke="${COLORS.line}" stroke-width="2"/>`);
    // A missing year: a faint dashed bridge, so the gap reads as "no figure", not as a break in the data.
    for (let i = 1; i < pts.length; i++) {
      if (pts[i].year === pts[i - 1].year + 1) continue;
      out.push(
        `<line x1="${X(pts[i - 1].year).toFixed(1)}" y1="${Y(pts[i - 1].value).toFixed(1)}" x2="${X(pts[i].year).toFixed(1)}" y2="${Y(pts[i].value).toFixed(1)}" stroke="${COLORS.line}" stroke-width="1" stroke-dasharray="2 3" opacity="0.6"/>`,
      );
      for (let yr = pts[i - 1].year + 1; yr < pts[i].year; yr++) {
        out.push(
          `<text x="${X(yr).toFixed(1)}" y="${(H - m.bottom - 4).toFixed(1)}" text-anchor="middle" font-size="9" fill="#999">${esc(spec.legend.missing)}</text>`,
        );
      }
    }
    for (const p of pts) {
      out.push(
        `<circle cx="${X(p.year).toFixed(1)}" cy="${Y(p.value).toFixed(1)}" r="3.5" fill="${p.preliminary ? "#fff" : COLORS.line}" stroke="${COLORS.line}" stroke-width="1.5"/>`,
        `<text x="${X(p.year).toFixed(1)}" y="${(Y(p.value) - 8).toFixed(1)}" text-anchor="middle" font-size="10" fill="${COLORS.text}">${esc(num(p.value, undefined, spec.lang))}</text>`,
      );
    }
  }
  // target
  const ty = Y(spec.target.value).toFixed(1);
  out.push(
    `<line x1="${m.left}" x2="${W - m.right}" y1="${ty}" y2="${ty}" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="6 4"/>`,
    `<text x="${W - m.right + 6}" y="${ty}" dy="0.32em" font-size="10" fill="${COLORS.target}">${esc(spec.target.label)}</text>`,
  );
  // legend
  const lg: string[] = [];
  let lx = 4;
  const item = (svg: string, text: string) => {
    lg.push(
      `<g transform="translate(${lx},10)">${svg}<text x="16" y="0" dy="0.32em" font-size="10" fill="${COLORS.text}">${esc(text)}</text></g>`,
    );
    lx += 28 + text.length * (/[\u4e00-\u9fff]/.test(text) ? 10 : 5.5);
  };
  if (cum) {
    item(`<rect x="0" y="-5" width="11" height="10" fill="${COLORS.bar}"/>`, spec.legend.value);
    item(`<line x1="0" x2="12" y1="0" y2="0" stroke="${COLORS.line}" stroke-width="2"/>`, spec.legend.cumulative);
  } else {
    item(
      `<line x1="0" x2="12" y1="0" y2="0" stroke="${COLORS.line}" stroke-width="2"/><circle cx="6" cy="0" r="3" fill="${COLORS.line}"/>`,
      spec.legend.value,
    );
  }
  item(`<line x1="0" x2="12" y1="0" y2="0" stroke="${COLORS.target}" stroke-width="1.5" stroke-dasharray="4 2"/>`, spec.legend.target);
  if (pts.some((p) => p.preliminary))
    item(`<circle cx="6" cy="0" r="3.5" fill="#fff" stroke="${COLORS.line}" stroke-width="1.5"/>`, spec.legend.preliminary);
  out.push(...lg, "</svg>");
  return out.join("");
}
