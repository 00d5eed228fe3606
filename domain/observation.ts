/**
 * Observations: one figure for one indicator, region and year, as one source published it
 * (one vintage). Pure types and the rule that orders vintages.
 */

/** preliminary (初步/快报) < final (正式/终核) < revised (修订): a later stage supersedes an earlier one. */
export type VintageStatus = "preliminary" | "final" | "revised";

export const VINTAGE_RANK: Record<VintageStatus, number> = { preliminary: 0, final: 1, revised: 2 };

/** What each vintage is called (CLI tables, CSV, report). */
export const VINTAGE_LABELS: Record<VintageStatus, { zh: string; en: string }> = {
  preliminary: { zh: "初步", en: "preliminary" },
  final: { zh: "正式", en: "final" },
  revised: { zh: "修订", en: "revised" },
};

/** An observation as a loader produces it: already in the indicator's unit. */
export interface Observation {
  indicator_id: string;
  region_code: string;
  year: number;
  value: number;
  /** The indicator's unit (values are converted on the way in). */
  unit: string;
  status: VintageStatus;
  /** Publication date (YYYY-MM-DD) when the source gives one. */
  published: string | null;
  source: string | null;
  note: string | null;
  /** 1-based row number in the source file (the spreadsheet row a person sees). */
  row: number;
}

/** An observation as the assessment engine needs it (the current vintage, or any vintage for as-of). */
export interface ObservationPoint {
  indicator_id: string;
  year: number;
  value: number;
  status: VintageStatus;
  /** When the figure became known: publication date, else the date the file was ingested. */
  published: string | null;
  source?: string | null;
  /** Where the figure came from: "reported" (an office's total) or "derived" (summed from records). */
  origin?: "reported" | "derived";
  /** Ingestion order; breaks ties between vintages (see `supersedes`). */
  seq?: number;
}

/**
 * Whether vintage `a` supersedes vintage `b` of the same indicator, region and year:
 * a later publication date wins; on equal or missing dates the later stage
 * (preliminary < final < revised) wins; on a full tie, the later ingested (higher seq) wins.
 */
export function supersedes(
  a: { published: string | null; status: VintageStatus; seq: number },
  b: { published: string | null; status: VintageStatus; seq: number },
): boolean {
  if (a.published && b.published && a.published !== b.published) return a.published > b.published;
  if (VINTAGE_RANK[a.status] !== VINTAGE_RANK[b.status]) return VINTAGE_RANK[a.status] > VINTAGE_RANK[b.status];
  return a.seq > b.seq;
}
