import { describe, expect, it } from "vitest";
import { reportingStatus, type SubmissionInput } from "../../assessment/reporting.ts";
import type { IssuedTemplate } from "../../domain/collection.ts";

const template = (unit: string, items: string[], deadline: string | null = "2021-01-31"): IssuedTemplate => ({
  meta: {
    template_id: `t-${unit}`,
    plan_id: "p",
    plan_sha256: "s",
    unit_id: unit,
    period: 2020,
    issued: "2021-01-05",
    deadline,
    lang: "zh",
  },
  unit: { id: unit, zh: `单位${unit}`, en: `Unit ${unit}` },
  reference_years: [2017, 2018, 2019],
  items: items.map((id, k) => ({ row: 4 + k, indicator_id: id, zh: id, en: id, unit: "家", target: 1, reference: [null, null, null] })),
  tasks: [],
  file_name: "x.xlsx",
});
const sub = (unit_id: string, submitted_at: string, landed: string[], state: SubmissionInput["state"] = "landed"): SubmissionInput => ({
  unit_id,
  submitted_at,
  landed,
  state,
});

describe("reporting status (DHIS2 reporting rate and on-time rate)", () => {
  const templates = [template("a", ["x", "y"]), template("b", ["x"]), template("c", ["z"]), template("d", ["x"])];
  const subs = [
    sub("a", "2021-01-31T23:59:00", ["x"]), // on the deadline day: on time
    sub("a", "2021-02-10T09:00:00", ["x", "y"]), // resubmission, later: still on time (first counts)
    sub("b", "2021-02-01T08:00:00", ["x"]), // the day after: late
    sub("c", "2021-01-20T08:00:00", [], "refused"), // refused whole: missing
  ];

  it("classifies on_time, late and missing around the deadline; the rates follow", () => {
    const s = reportingStatus(2020, templates, subs, { asOf: "2021-03-01" });
    expect(s.units.map((u) => [u.unit, u.state])).toEqual([
      ["a", "on_time"],
      ["b", "late"],
      ["c", "missing"],
      ["d", "missing"],
    ]);
    expect(s.reporting_rate).toBe(0.5);
    expect(s.reporting_rate_on_time).toBe(0.25);
    const a = s.units[0];
    expect([a.requested, a.received, a.missing, a.first_submitted, a.last_submitted]).toEqual([
      2,
      2,
      [],
      "2021-01-31T23:59:00",
      "2021-02-10T09:00:00",
    ]);
    expect(s.units[2].refused).toBe(1);
  });

  it("as of a date counts only returns received by then", () => {
    const s = reportingStatus(2020, templates, subs, { asOf: "2021-01-31" });
    expect(s.units.map((u) => u.state)).toEqual(["on_time", "missing", "missing", "missing"]);
    expect(s.units[0].missing).toEqual(["y"]);
    expect(s.reporting_rate).toBe(0.25);
  });

  it("--deadline overrides the templates' own; with no deadline every return is on time", () => {
    expect(reportingStatus(2020, templates, subs, { asOf: "2021-03-01", deadline: "2021-02-05" }).units[1].state).toBe("on_time");
    const none = reportingStatus(2020, [template("b", ["x"], null)], subs, { asOf: "2021-03-01" });
    expect(none.units[0].state).toBe("on_time");
    expect(reportingStatus(2020, [], [], { asOf: "2021-03-01" }).reporting_rate).toBeNull();
  });
});
