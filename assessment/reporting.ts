/**
 * Who has reported (报送情况): per responsible unit, the items requested, received and missing, the
 * first and last return, and on_time / late / missing; overall the reporting rate and on-time rate
 * as DHIS2 defines them (REPORTING_RATE = returns received / returns expected; REPORTING_RATE_ON_TIME
 * = returns received by the deadline / returns expected). Pure: no I/O.
 *
 * A return counts when it was taken (not refused) and arrived on or before the as-of date. An item is
 * received when any taken return of the unit for the period carried a figure for it (a resubmission
 * supersedes a figure; an item filled once stays received).
 *
 * @example
 *   const s = reportingStatus(templates, submissions, { asOf: "2021-02-01" });
 *   s.reporting_rate; // 0.8
 */
import type { IssuedTemplate, Receipt } from "../domain/collection.ts";

export type ReportingState = "on_time" | "late" | "missing";

export interface UnitReporting {
  unit: string;
  unit_zh: string;
  unit_en: string;
  requested: number;
  received: number;
  /** Indicator ids and milestone ids ("4.1") requested and not yet received. */
  missing: string[];
  missing_items: { id: string; zh: string; en: string }[];
  first_submitted: string | null;
  last_submitted: string | null;
  state: ReportingState;
  deadline: string | null;
  /** Returns taken, and returns refused whole (wrong plan version, period, unit). */
  returns: number;
  refused: number;
}

export interface ReportingStatus {
  period: number;
  as_of: string;
  /** The deadline used (--deadline, else the templates' own; null when none). */
  deadline: string | null;
  expected: number;
  reported: number;
  on_time: number;
  late: number;
  missing: number;
  reporting_rate: number | null;
  reporting_rate_on_time: number | null;
  units: UnitReporting[];
}

export interface SubmissionInput {
  unit_id: string;
  submitted_at: string;
  state: Receipt["state"];
  landed: string[];
}

export function reportingStatus(
  period: number,
  templates: IssuedTemplate[],
  submissions: SubmissionInput[],
  opts: { asOf: string; deadline?: string | null },
): ReportingStatus {
  const asOf = opts.asOf.slice(0, 10);
  const units = templates.map((t) => unitStatus(t, submissions, asOf, opts.deadline ?? t.meta.deadline));
  const count = (s: ReportingState) => units.filter((u) => u.state === s).length;
  const expected = units.length;
  const reported = expected - count("missing");
  const deadlines = [...new Set(units.map((u) => u.deadline))];
  return {
    period,
    as_of: asOf,
    deadline: deadlines.length === 1 ? deadlines[0] : (opts.deadline ?? null),
    expected,
    reported,
    on_time: count("on_time"),
    late: count("late"),
    missing: count("missing"),
    reporting_rate: expected ? reported / expected : null,
    reporting_rate_on_time: expected ? count("on_time") / expected : null,
    units,
  };
}

function unitStatus(t: IssuedTemplate, all: SubmissionInput[], asOf: string, deadline: string | null): UnitReporting {
  const mine = all
    .filter((s) => s.unit_id === t.unit.id && s.submitted_at.slice(0, 10) <= asOf)
    .sort((a, b) => (a.submitted_at < b.submitted_at ? -1 : 1));
  const taken = mine.filter((s) => s.state !== "refused");
  const got = new Set(taken.flatMap((s) => s.landed));
  // Indicators by id; milestones by their id ("4.1"), which never looks like an indicator id.
  const requested = [
    ...t.items.map((i) => ({ id: i.indicator_id, zh: i.zh, en: i.en })),
    ...(t.tasks ?? []).map((m) => ({
      id: m.milestone_id,
      zh: `任务进展 ${m.milestone_id} ${m.zh}`,
      en: `progress on ${m.milestone_id} ${m.en}`,
    })),
  ];
  const missing = requested.filter((i) => !got.has(i.id));
  const first = taken[0]?.submitted_at ?? null;
  const state: ReportingState = !first ? "missing" : !deadline || first.slice(0, 10) <= deadline ? "on_time" : "late";
  return {
    unit: t.unit.id,
    unit_zh: t.unit.zh,
    unit_en: t.unit.en,
    requested: requested.length,
    received: requested.length - missing.length,
    missing: missing.map((i) => i.id),
    missing_items: missing,
    first_submitted: first,
    last_submitted: taken.at(-1)?.submitted_at ?? null,
    state,
    deadline,
    returns: taken.length,
    refused: mine.length - taken.length,
  };
}
