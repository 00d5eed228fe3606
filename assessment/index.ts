/**
 * The engine's public face, and the entry the browser bundle is built from (src/data/engine.js.ts):
 * the whole-plan assessment, the what-if panel, the words for every category and the thresholds.
 *
 * @example
 *   import { assessPlan, whatIf } from "../assessment/index.ts";
 */
export { assessIndicator, assessPlan } from "./engine.ts";
export { CN_LABELS, ESCAP_LABELS, EUROSTAT_LABELS, reason, STATUS_LABELS } from "./labels.ts";
export { DEFAULT_TOLERANCE, REL_TOLERANCE, THRESHOLDS } from "./methods.ts";
export { assessSeries, buildSeries, selectVintages } from "./series.ts";
export type * from "./types.ts";
export { type WhatIfOptions, type WhatIfResult, type WhatIfScenario, whatIf } from "./what-if.ts";
