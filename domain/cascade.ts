/**
 * The cascade's input shapes, shared by the warehouse (which reads them) and the engine
 * (assessment/cascade.ts, which computes on them). Pure types.
 */
import type { Comparator } from "./plan.ts";

export interface CascadePoint {
  year: number;
  value: number;
  origin: "reported" | "derived";
  source?: string | null;
}

export interface CascadeChildInput {
  code: string;
  zh: string;
  en: string;
  /** The child's own plan, when one is linked (its parent.plan is this plan). */
  plan_id?: string | null;
  /** Series by the parent's indicator id. */
  series: Record<string, CascadePoint[]>;
  /** Targets by the parent's indicator id (from the child's plan, or allocated). */
  targets: Record<string, { value: number; year: number; comparator?: Comparator; origin: "plan" | "allocated" }>;
}
