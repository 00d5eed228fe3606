// The dashboard: Observable Framework, built and served with no network (pipelines/site, pipelines/site/offline-cache.ts).
// Reads the warehouse through the data loaders in src/data; PLAN_MONITOR_DB / PLAN_MONITOR_PLAN choose it.
import { enterprisePartPaths, indicatorIds } from "./pipelines/site/paths.ts";

// Framework reports telemetry to events.observablehq.com; on an intranet that request only fails.
process.env.OBSERVABLE_TELEMETRY_DISABLE ??= "true";

// The inline script runs before the page renders so static bilingual text never flashes the wrong language.
const langScript = `<script>(function(){var l="zh";try{var s=localStorage.getItem("plan-monitor.lang");if(s==="en"||s==="zh")l=s}catch(e){}var p=new URLSearchParams(location.search).get("lang");if(p==="en"||p==="zh")l=p;var d=document.documentElement;d.lang=l==="zh"?"zh-CN":"en";d.dataset.lang=l})();</script>`;

export default {
  root: "src",
  output: process.env.PLAN_MONITOR_SITE_OUT ?? "dist",
  title: "规划监测 Plan monitor",
  // No web fonts: the default stylesheet links Google Fonts, unreachable on intranets and in China.
  globalStylesheets: [],
  style: "style.css",
  head: `<meta name="color-scheme" content="light dark"><link rel="icon" href="data:,">${langScript}`,
  header: "",
  footer: "",
  sidebar: false,
  pager: false,
  toc: false,
  search: false,
  // Links end in .html so any static web server (IIS, nginx, a file share behind one) can host dist/.
  preserveExtension: true,
  pages: [],
  dynamicPaths: async function* () {
    for (const id of await indicatorIds()) yield `/indicators/${id}`;
    // A plan over many counties: each county's enterprise list, fetched by the page on demand.
    yield* await enterprisePartPaths();
  },
};
