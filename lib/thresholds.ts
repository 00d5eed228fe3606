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

/** The end-of-plan grades' thresholds on completion: 超额完成 (target met and at least `exceeded`), 基本完成 (at least `basic`). */
export interface GradeThresholds {
  exceeded: number;
  basic: number;
}

/**
 * Documented defaults: 超额完成 from 105% (target met), 基本完成 from 90%. Here, not beside the plan
 * file's schema (domain/plan.ts re-exports it), so the engine's browser bundle does not pull in zod.
 */
export const DEFAULT_GRADE_THRESHOLDS: GradeThresholds = { exceeded: 1.05, basic: 0.9 };
