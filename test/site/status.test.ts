import { describe, expect, it } from "vitest";
import * as engineLabels from "../../assessment/labels.ts";
import { STATUS_ORDER as ENGINE_ORDER } from "../../assessment/types.ts";
import * as site from "../../src/components/status.ts";

describe("status words and colours", () => {
  it("match the engine's words exactly", () => {
    expect(site.STATUS_LABELS).toEqual(engineLabels.STATUS_LABELS);
    expect(site.CN_LABELS).toEqual(engineLabels.CN_LABELS);
    expect(site.EUROSTAT_LABELS).toEqual(engineLabels.EUROSTAT_LABELS);
    expect(site.ESCAP_LABELS).toEqual(engineLabels.ESCAP_LABELS);
    expect(site.STATUS_ORDER).toEqual(ENGINE_ORDER);
  });
  it("give every status its own colour and glyph", () => {
    const statuses = Object.keys(site.STATUS_LABELS);
    expect(new Set(statuses.map((s) => site.STATUS_COLORS[s as keyof typeof site.STATUS_COLORS])).size).toBe(statuses.length);
    expect(new Set(statuses.map((s) => site.STATUS_GLYPHS[s as keyof typeof site.STATUS_GLYPHS])).size).toBe(statuses.length);
  });
  it("picks the worst status", () => {
    expect(site.worstStatus(["achieved", "needs_acceleration", "on_track"])).toBe("needs_acceleration");
    expect(site.worstStatus([null, undefined])).toBeNull();
  });
  it("names a missing method category", () => {
    expect(site.categoryLabel("cn", null, "zh")).toBe("无法判断");
    expect(site.categoryLabel("cn", "behind", "zh")).toBe("滞后");
    expect(site.categoryLabel("escap", "on_track", "en")).toBe("Maintain progress to achieve target");
  });
});
