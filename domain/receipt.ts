/**
 * The receipt (回执) a unit gets for one submission: the API's JSON, the HTML page and the .xlsx
 * all show this object.
 */
export interface ReceiptItem {
  row: number;
  indicator: string;
  zh: string;
  en: string;
  year: number;
  value: number;
  unit: string;
}

export interface ReceiptRejection {
  row: number;
  column: string | null;
  value: string | null;
  code: string;
  zh: string;
  en: string;
}

/** What a unit is told about one submission (the API's JSON, the HTML page and the .xlsx). */
export interface Receipt {
  id: string;
  plan_id: string;
  unit: string;
  unit_zh: string;
  unit_en: string;
  state: "landed" | "refused" | "pending";
  file: { name: string; sha256: string; size: number };
  received_at: string;
  processed_at: string | null;
  /** Figures taken from the file (already held identical figures included). */
  landed: ReceiptItem[];
  rejected: ReceiptRejection[];
  /** The unit's indicators the file gave no figure for. */
  missing: { indicator: string; zh: string; en: string }[];
  deadline: string | null;
  /** null when no deadline was set. */
  on_time: boolean | null;
  /** Why the whole file was refused (state "refused"). */
  error: { code: string; zh: string; en: string } | null;
  /** For a returned 填报表: its template, period, and the collection receipt as issue 12 writes it. */
  template?: { template_id: string | null; period: number | null; earlier_submissions: number; receipt: unknown } | null;
}
