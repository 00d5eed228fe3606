/**
 * The HTML of the submission pages: Chinese first with an English switch (?lang=en), the
 * dashboard's own stylesheets, no script. Every value that comes from a file, a key row or a
 * request goes through `esc` — a cell holding <script> or =HYPERLINK(...) shows as that text.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Receipt } from "../../domain/receipt.ts";
import { formatNumber } from "../../lib/format.ts";
import { type Lang, t as tr } from "../../lib/lang.ts";

export type { Lang } from "../../lib/lang.ts";

export function esc(value: unknown): string {
  return String(value ?? "").replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The stylesheet links of the built dashboard (so these pages look like it). */
export function siteStylesheets(siteDir: string | null): string[] {
  if (!siteDir) return [];
  const index = join(siteDir, "index.html");
  if (!existsSync(index)) return [];
  const html = readFileSync(index, "utf8");
  const hrefs: string[] = [];
  for (const m of html.matchAll(/<link\s+rel="stylesheet"[^>]*href="([^"]+)"/g)) {
    const href = m[1].replace(/^\.\//, "/");
    if (href.startsWith("/") && !href.startsWith("//")) hrefs.push(href);
  }
  return hrefs;
}

export interface PageContext {
  lang: Lang;
  styles: string[];
  /** Path of this page without the query, for the language switch. */
  path: string;
  unit?: { id: string; zh: string; en: string } | null;
}

export function page(
  ctx: PageContext,
  title: { zh: string; en: string },
  body: string,
  opts: { refresh?: { seconds: number; url: string } } = {},
): string {
  const { lang } = ctx;
  const other = lang === "zh" ? "en" : "zh";
  const unit = ctx.unit ? `<span class="pm-muted">${esc(tr(lang, ctx.unit.zh, ctx.unit.en))}</span>` : "";
  return `<!doctype html>
<html lang="${lang === "zh" ? "zh-CN" : "en"}" data-lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="same-origin">
<link rel="icon" href="data:,">
${opts.refresh ? `<meta http-equiv="refresh" content="${opts.refresh.seconds}; url=${esc(opts.refresh.url)}">` : ""}
<title>${esc(tr(lang, title.zh, title.en))} · plan-monitor</title>
${ctx.styles.map((s) => `<link rel="stylesheet" type="text/css" href="${esc(s)}">`).join("\n")}
</head>
<body>
<main id="observablehq-main" class="observablehq" style="margin: 1rem auto; max-width: 960px; padding: 0 1rem">
<nav class="pm-nav">
  <a class="pm-nav__brand" href="/">plan-monitor</a>
  <a href="/collect${lang === "en" ? "?lang=en" : ""}">${tr(lang, "报送数据", "Submit")}</a>
  <a href="/collect/receipts${lang === "en" ? "?lang=en" : ""}">${tr(lang, "我的回执", "My receipts")}</a>
  ${unit}
  <a class="pm-lang" href="${esc(ctx.path)}?lang=${other}" hreflang="${other}">${other === "en" ? "English" : "中文"}</a>
</nav>
<h1>${esc(tr(lang, title.zh, title.en))}</h1>
${body}
</main>
</body>
</html>`;
}

export function uploadForm(ctx: PageContext, message?: { zh: string; en: string }): string {
  const { lang } = ctx;
  const action = `/collect/upload${lang === "en" ? "?lang=en" : ""}`;
  return page(
    ctx,
    { zh: "报送数据", en: "Submit your return" },
    `${message ? `<p class="pm-banner" role="alert">${esc(tr(lang, message.zh, message.en))}</p>` : ""}
<p>${tr(lang, "请上传本单位的填报表（Excel、WPS 或 LibreOffice 保存的 .xlsx、.xls、.et、.ods 均可；也可上传 .csv、.json 数据文件），并填写规划办发给本单位的报送密钥。提交后立即显示回执。", "Upload your unit's return form (saved by Excel, WPS or LibreOffice: .xlsx, .xls, .et or .ods; a .csv or .json data file also works) with the submission key the planning office gave your unit. The receipt shows at once.")}</p>
<form method="post" action="${action}" enctype="multipart/form-data">
  <p><label>${tr(lang, "报送密钥", "Submission key")}<br><input type="password" name="key" autocomplete="off" required size="70"></label></p>
  <p><label>${tr(lang, "文件", "File")}<br><input type="file" name="file" required></label></p>
  <p><button type="submit">${tr(lang, "提交", "Submit")}</button></p>
</form>
<p class="pm-muted">${tr(lang, "密钥只用于本单位：只能报送本单位的数据、查看本单位的回执。", "A key works for its own unit only: it submits your unit's data and shows your unit's receipts.")}</p>`,
  );
}

export function loginForm(ctx: PageContext, next: string, message?: { zh: string; en: string }): string {
  const { lang } = ctx;
  return page(
    ctx,
    { zh: "输入报送密钥", en: "Enter your submission key" },
    `${message ? `<p class="pm-banner" role="alert">${esc(tr(lang, message.zh, message.en))}</p>` : ""}
<form method="post" action="/collect/login${lang === "en" ? "?lang=en" : ""}">
  <input type="hidden" name="next" value="${esc(next)}">
  <p><label>${tr(lang, "报送密钥", "Submission key")}<br><input type="password" name="key" autocomplete="off" required size="70"></label></p>
  <p><button type="submit">${tr(lang, "进入", "Continue")}</button></p>
</form>`,
  );
}

export function errorPage(ctx: PageContext, status: number, message: { zh: string; en: string }): string {
  return page(
    ctx,
    { zh: `无法完成（${status}）`, en: `Not done (${status})` },
    `<p class="pm-banner" role="alert">${esc(tr(ctx.lang, message.zh, message.en))}</p>
<p><a href="/collect${ctx.lang === "en" ? "?lang=en" : ""}">${tr(ctx.lang, "返回报送页面", "Back to the submission page")}</a></p>`,
  );
}

const stateText = (lang: Lang, r: Receipt) =>
  r.state === "landed"
    ? tr(lang, "已导入", "Landed")
    : r.state === "pending"
      ? tr(
          lang,
          "排队中：仓库正忙，文件已安全收到，稍后自动导入（本页自动刷新）",
          "Pending: the warehouse is busy; the file is safely received and will be ingested shortly (this page refreshes)",
        )
      : tr(lang, "未导入", "Refused");

export function receiptPage(ctx: PageContext, r: Receipt): string {
  const { lang } = ctx;
  const q = lang === "en" ? "?lang=en" : "";
  const onTime =
    r.on_time === null ? tr(lang, "未设截止日期", "no deadline set") : r.on_time ? tr(lang, "按时", "on time") : tr(lang, "逾期", "late");
  const rows = (items: string[][]) => items.map((cells) => `<tr>${cells.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("\n");
  const landed = r.landed.length
    ? `<table class="pm-table"><thead><tr><th>${tr(lang, "行", "Row")}</th><th>${tr(lang, "指标", "Indicator")}</th><th>${tr(lang, "年份", "Year")}</th><th class="pm-align-right">${tr(lang, "数值", "Value")}</th><th>${tr(lang, "单位", "Unit")}</th></tr></thead><tbody>
${rows(r.landed.map((i) => [esc(i.row), esc(tr(lang, i.zh, i.en)), esc(i.year), esc(formatNumber(i.value, lang)), esc(i.unit)]))}</tbody></table>`
    : `<p class="pm-empty">${tr(lang, "无", "none")}</p>`;
  const rejected = r.rejected.length
    ? `<table class="pm-table"><thead><tr><th>${tr(lang, "行", "Row")}</th><th>${tr(lang, "列", "Column")}</th><th>${tr(lang, "内容", "Cell")}</th><th>${tr(lang, "原因及修改方法", "Reason and fix")}</th></tr></thead><tbody>
${rows(r.rejected.map((x) => [esc(x.row), esc(x.column ?? ""), `<code>${esc(x.value ?? "")}</code>`, esc(tr(lang, x.zh, x.en))]))}</tbody></table>`
    : `<p class="pm-empty">${tr(lang, "无", "none")}</p>`;
  const missing = r.missing.length
    ? `<ul>${r.missing.map((m) => `<li>${esc(tr(lang, m.zh, m.en))}</li>`).join("")}</ul>`
    : `<p class="pm-empty">${tr(lang, "无", "none")}</p>`;
  return page(
    ctx,
    { zh: "回执", en: "Receipt" },
    `<p data-state="${esc(r.state)}"><b>${esc(stateText(lang, r))}</b></p>
${r.error ? `<p class="pm-banner" role="alert">${esc(tr(lang, r.error.zh, r.error.en))}</p>` : ""}
<table class="pm-table">
<tr><th>${tr(lang, "回执编号", "Receipt")}</th><td><code>${esc(r.id)}</code></td></tr>
<tr><th>${tr(lang, "单位", "Unit")}</th><td>${esc(tr(lang, r.unit_zh, r.unit_en))}</td></tr>
<tr><th>${tr(lang, "文件", "File")}</th><td>${esc(r.file.name)} (${esc(r.file.size)} B)<br><code>sha256 ${esc(r.file.sha256)}</code></td></tr>
<tr><th>${tr(lang, "收到时间", "Received")}</th><td>${esc(r.received_at)}</td></tr>
<tr><th>${tr(lang, "截止日期", "Deadline")}</th><td>${esc(r.deadline ?? "—")} · ${esc(onTime)}</td></tr>
</table>
<h2>${tr(lang, "已导入", "Landed")} (${r.landed.length})</h2>
${landed}
<h2>${tr(lang, "未导入的单元格", "Rejected cells")} (${r.rejected.length})</h2>
${rejected}
<h2>${tr(lang, "尚未填报的指标", "Items still missing")} (${r.missing.length})</h2>
${missing}
${r.state === "pending" ? "" : `<p><a href="/collect/receipts/${esc(r.id)}.xlsx" download>${tr(lang, "下载回执 (.xlsx)", "Download the receipt (.xlsx)")}</a></p>`}
<p><a href="/collect/receipts${q}">${tr(lang, "本单位全部回执", "All receipts of your unit")}</a></p>`,
    { refresh: r.state === "pending" ? { seconds: 5, url: `/collect/receipts/${r.id}${q}` } : undefined },
  );
}

export function receiptList(ctx: PageContext, receipts: Receipt[]): string {
  const { lang } = ctx;
  const q = lang === "en" ? "?lang=en" : "";
  const body = receipts.length
    ? `<table class="pm-table"><thead><tr><th>${tr(lang, "收到时间", "Received")}</th><th>${tr(lang, "文件", "File")}</th><th>${tr(lang, "状态", "State")}</th><th class="pm-align-right">${tr(lang, "导入", "Landed")}</th><th class="pm-align-right">${tr(lang, "未导入", "Rejected")}</th><th></th></tr></thead><tbody>
${receipts
  .map(
    (r) =>
      `<tr><td>${esc(r.received_at)}</td><td>${esc(r.file.name)}</td><td>${esc(stateText(lang, r).split(/[：:]/)[0])}</td><td class="pm-align-right">${r.landed.length}</td><td class="pm-align-right">${r.rejected.length}</td><td><a href="/collect/receipts/${esc(r.id)}${q}">${tr(lang, "查看", "Open")}</a></td></tr>`,
  )
  .join("\n")}</tbody></table>`
    : `<p class="pm-empty">${tr(lang, "本单位还没有报送记录。", "Your unit has not submitted anything yet.")}</p>`;
  return page(
    ctx,
    { zh: "本单位的回执", en: "Your unit's receipts" },
    `${body}
<form method="post" action="/collect/logout${q}"><button type="submit">${tr(lang, "退出", "Sign out")}</button></form>`,
  );
}
