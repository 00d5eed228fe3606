/**
 * The published thresholds the engine applies and the pages and report quote (docs/methods.md §2, §3).
 * One place, so a page never states a number the engine does not use.
 *
 * @example
 *   THRESHOLDS.on_track; // 0.95: Eurostat growth ratio for "significant progress"
 */

/** Eurostat thresholds on the growth ratio R (and on the pace ratio for totals). */
export const THRESHOLDS = { on_track: 0.95, needs_acceleration: 0.6, off_track: 0 } as const;

/** UN ESCAP thresholds on anticipated progress AP. */
export const ESCAP_THRESHOLDS = { on_track: 1, needs_acceleration: 0 } as const;
