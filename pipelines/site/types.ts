/**
 * The shapes of the site's data files (src/data/*.json), shared by the loaders that write them
 * and the components that read them. The assessment itself is assessment/types.ts PlanAssessment.
 */
import type { AppliedAllocation } from "../../assessment/allocation.ts";
import type { CascadeIndicatorResult, CascadeResult } from "../../assessment/cascade.ts";
import type { ObservationRow, RejectedRecord, SourceFileRow } from "../../warehouse/read.ts";

export type { ObservationRow, RejectedRecord, SourceFileRow };

/** Facts about the data behind the site: synthetic or not, and how fresh. */
export interface SiteMeta {
  plan_id: string;
  /** True when the plan or any figure shown is synthetic demo data. */
  synthetic: boolean;
  /** Why the data counts as synthetic: "plan", or the file names / notes that say so. */
  synthetic_reasons: string[];
  /**
   * When nothing shown is synthetic and every current figure names its source: official published
   * figures, with their distinct sources (for the label that replaces the synthetic banner).
   */
  official?: { sources: string[] } | null;
  /** Every plan in the warehouse (the site is built per plan; see README "Several plans"). */
  plans?: { id: string; title_zh: string; title_en: string; region: string; parent: string | null }[];
  /** Built with `build --all-plans`: every plan's dashboard sits in a sibling folder named by its id. */
  plan_set?: boolean;
  /** The most recent publication date among the current figures. */
  latest_published: { date: string; indicator: string; year: number } | null;
  /** The most recently ingested file. */
  latest_ingest: { at: string; name: string } | null;
  counts: { files: number; observations: number; vintages: number; rejected: number };
  /** When the site's data were read (ISO timestamp). */
  built_at: string;
}

/** The cascade of a plan as the CLI prints it and src/data/cascade.json emits it (pipelines/cascade.ts). */
export interface CascadeReport extends Omit<CascadeResult, "indicators"> {
  plan: { id: string; title: { zh: string; en: string }; document: string; parent: string | null };
  /** `unit_en`: the plan's English unit word, so pages write values as lib/format.ts does ("103 enterprises"). */
  indicators: (CascadeIndicatorResult & { unit_en: string; summary: { zh: string; en: string } })[];
  allocations: AppliedAllocation[];
  linked: { plan_id: string; region: string; problems: { zh: string; en: string }[] }[];
}
