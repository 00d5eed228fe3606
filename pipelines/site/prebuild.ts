/**
 * `npm run build` / `npm run dev` run this first (package.json "prebuild", "predev"): fill Framework's
 * npm cache from node_modules so nothing is fetched, and drop cached loader outputs so the site
 * shows what the warehouse holds now.
 */
import { prepareBuild } from "./index.ts";

await prepareBuild();
