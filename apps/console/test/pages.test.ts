import { describe, expect, it } from "vitest";
import type { Report } from "../src/api.js";
import { openStates, sortTotals, summaryByKind } from "../src/pages/dashboard.js";
import {
  defaultReportYear,
  finishedSince,
  isInProgress,
  parseReportYear,
  reportPeriod,
  reportYearRange,
  statusesOf,
} from "../src/pages/reports.js";

const report = (id: string, status: Report["status"]): Report => ({
  id,
  parameters: { kind: "annual_monitor", year: 2025 },
  policy: { threshold: 5 },
  status,
  progress: status === "completed" ? 100 : 0,
  origin: "api",
  requestedAt: "2026-11-20T09:00:00.000Z",
  completedAt: null,
  dataAsOf: null,
  error: null,
  artifacts: [],
});

describe("the dashboard helpers", () => {
  it("count the open placement requests in the order of the flow", () => {
    expect(openStates).toEqual(["requested", "searching", "offered", "waitlisted"]);
  });

  it("order capacity by the code list, unknown target groups last", () => {
    const totals = [
      { targetGroup: "families", places: 2, free: 1 },
      { targetGroup: "elderly", places: 1, free: 1 },
      { targetGroup: "women", places: 10, free: 0 },
    ] as never;
    expect(sortTotals(totals, ["women", "men", "minors", "families"]).map((t) => t.targetGroup)).toEqual([
      "women",
      "families",
      "elderly",
    ]);
  });

  it("sums the summary's counts per kind over the target groups", () => {
    expect(
      summaryByKind([
        { kind: "waiting_over_norm", count: 2 },
        { kind: "cosm_stay_over_norm", count: 1 },
        { kind: "waiting_over_norm", count: 3 },
      ]),
    ).toEqual([
      { kind: "waiting_over_norm", count: 5 },
      { kind: "cosm_stay_over_norm", count: 1 },
    ]);
  });
});

describe("the report helpers", () => {
  it("offer last year first, from 2000 to this year", () => {
    expect(reportYearRange(2026)).toEqual({ min: 2000, max: 2026 });
    expect(defaultReportYear(2026)).toBe(2025);
  });

  it("accept only whole years in range", () => {
    const range = { min: 2000, max: 2026 };
    expect(parseReportYear("2025", range)).toBe(2025);
    expect(parseReportYear(" 2026 ", range)).toBe(2026);
    expect(parseReportYear("2027", range)).toBeUndefined();
    expect(parseReportYear("1999", range)).toBeUndefined();
    expect(parseReportYear("20.5", range)).toBeUndefined();
    expect(parseReportYear("", range)).toBeUndefined();
  });

  it("poll while a report is queued or running", () => {
    expect(isInProgress(report("a", "queued"))).toBe(true);
    expect(isInProgress(report("a", "running"))).toBe(true);
    expect(isInProgress(report("a", "completed"))).toBe(false);
    expect(isInProgress(report("a", "failed"))).toBe(false);
  });

  it("announce only reports that finished while being watched", () => {
    const before = statusesOf([report("a", "running"), report("b", "queued"), report("c", "completed")]);
    const after = [report("a", "completed"), report("b", "running"), report("c", "completed"), report("d", "failed")];
    expect(finishedSince(before, after).map((r) => r.id)).toEqual(["a"]);
  });

  it("name the period of a report", () => {
    const range = (from: string, to: string) => `${from} – ${to}`;
    expect(reportPeriod({ kind: "annual_monitor", year: 2025 }, "nl", range)).toBe("2025");
    expect(reportPeriod({ kind: "placement_report", from: "2025-01-01", to: "2025-04-01" }, "en", range)).toBe(
      "1 Jan 2025 – 1 Apr 2025",
    );
  });
});
