import { describe, expect, it } from "@effect/vitest";
import * as IsoDate from "../src/IsoDate.js";
import * as ReportJob from "../src/ReportJob.js";

describe("ReportJob.scheduledParameters", () => {
  it("makes the annual monitor of the previous calendar year", () => {
    expect(ReportJob.scheduledParameters("annual_monitor", IsoDate.make("2026-01-15"))).toEqual({
      kind: "annual_monitor",
      year: 2025,
    });
  });

  it.each([
    ["2026-01-01", "2025-10-01", "2026-01-01"],
    ["2026-04-01", "2026-01-01", "2026-04-01"],
    ["2026-07-01", "2026-04-01", "2026-07-01"],
    ["2026-10-01", "2026-07-01", "2026-10-01"],
    ["2026-11-30", "2026-07-01", "2026-10-01"],
  ])("on %s makes the placement report of the previous quarter [%s, %s)", (today, from, to) => {
    expect(ReportJob.scheduledParameters("placement_report", IsoDate.make(today))).toEqual({
      kind: "placement_report",
      from,
      to,
    });
  });
});
