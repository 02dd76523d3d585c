import { describe, expect, it } from "@effect/vitest";
import { Schema } from "effect";
import * as fc from "fast-check";
import * as ProcessingRecord from "../src/ProcessingRecord.js";
import * as Retention from "../src/Retention.js";
import * as Session from "../src/Session.js";

const minute = 60_000;
const now = Date.UTC(2031, 5, 15, 3, 30);
const iso = (millis: number) => new Date(millis).toISOString();

describe("the retention policy", () => {
  it("is valid under its schema and has one rule per category", () => {
    for (const rule of Retention.retentionPolicy) Schema.decodeUnknownSync(Retention.RetentionRule)(rule);
    const categories = Retention.retentionPolicy.map((rule) => rule.category);
    expect(new Set(categories).size).toBe(categories.length);
    expect([...categories].sort()).toEqual([...Retention.RetentionCategory.literals].sort());
  });

  it("covers every data category of the processing record, and only those", () => {
    const ids = ProcessingRecord.processingRecord.dataCategories.map((category) => category.id);
    expect([...new Set(Retention.retentionPolicy.map((rule) => rule.dataCategory))].sort()).toEqual([...ids].sort());
  });

  it("is the processing record's retention, in words", () => {
    const identifiers = ProcessingRecord.processingRecord.retention.find(
      (row) => row.category === "direct_identifiers",
    );
    expect(identifiers?.status).toBe("in_force");
    expect(identifiers?.period).toContain("erased 5 years after the person's last activity");
    const answers = ProcessingRecord.processingRecord.retention.find((row) => row.category === "idempotent_answers");
    expect(answers?.period).toContain("deleted 24 hours after the first call");
    const audit = ProcessingRecord.processingRecord.retention.find((row) => row.category === "audit_trail");
    expect(audit?.status).toBe("proposal");
  });

  it("keeps published figures: statistical attributes, report files and the audit trail are never deleted", () => {
    for (const category of ["statistical_attributes", "report_files", "audit_trail", "shelter"] as const) {
      expect(Retention.ruleOf(category).action).toBe("keep");
      expect(Retention.isDue(category, "1900-01-01T00:00:00.000Z", now)).toBe(false);
    }
  });

  it("gives a withdrawn person a shorter period than an inactive one", () => {
    expect(Retention.withdrawnPersonYears).toBeLessThan(Retention.inactivePersonYears);
    expect(Retention.inactivePersonYears).toBe(5);
  });
});

describe("deciding what is due", () => {
  it("counts years as calendar years", () => {
    expect(Retention.cutoffBefore({ amount: 5, unit: "years" }, now)).toBe("2026-06-15T03:30:00.000Z");
    expect(Retention.cutoffBefore({ amount: 24, unit: "hours" }, now)).toBe("2031-06-14T03:30:00.000Z");
    expect(Retention.cutoffBefore({ amount: 1, unit: "years" }, Date.UTC(2028, 1, 29))).toBe(
      "2027-03-01T00:00:00.000Z",
    );
  });

  it("erases an inactive person's identifiers five years after their last activity, not a moment before", () => {
    const fiveYearsAgo = Date.UTC(2026, 5, 15, 3, 30);
    expect(Retention.personRetentionDue({ lastActivityAt: iso(fiveYearsAgo), everyReportClosed: false }, now)).toBe(
      undefined,
    );
    expect(Retention.personRetentionDue({ lastActivityAt: iso(fiveYearsAgo - 1), everyReportClosed: false }, now)).toBe(
      "inactive_person_identifiers",
    );
  });

  it("erases a person whose every report was withdrawn after one year", () => {
    const lastYear = Date.UTC(2030, 5, 15, 3, 29);
    expect(Retention.personRetentionDue({ lastActivityAt: iso(lastYear), everyReportClosed: true }, now)).toBe(
      "withdrawn_person_identifiers",
    );
    expect(Retention.personRetentionDue({ lastActivityAt: iso(lastYear), everyReportClosed: false }, now)).toBe(
      undefined,
    );
  });

  it("never erases a person active more recently than either period", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 365 * 24 * 60 }), fc.boolean(), (minutesAgo, closed) => {
        const person = { lastActivityAt: iso(now - minutesAgo * minute), everyReportClosed: closed };
        return Retention.personRetentionDue(person, now) === undefined;
      }),
    );
  });

  it("is monotone: what is due stays due as time passes", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 10 * 365 * 24 * 60 }),
        fc.integer({ min: 0, max: 365 * 24 * 60 }),
        fc.boolean(),
        (minutesAgo, later, closed) => {
          const person = { lastActivityAt: iso(now - minutesAgo * minute), everyReportClosed: closed };
          const due = Retention.personRetentionDue(person, now);
          return due === undefined || Retention.personRetentionDue(person, now + later * minute) !== undefined;
        },
      ),
    );
  });

  it("lets a login throttle go once no lock holds and its failures left the window", () => {
    const window = Session.failureWindowMillis;
    expect(Retention.isThrottleExpired(Session.emptyThrottle, now)).toBe(true);
    expect(Retention.isThrottleExpired({ failures: [now - window], lockedUntil: null }, now)).toBe(true);
    expect(Retention.isThrottleExpired({ failures: [now - window + 1], lockedUntil: null }, now)).toBe(false);
    expect(Retention.isThrottleExpired({ failures: [], lockedUntil: now + 1 }, now)).toBe(false);
    expect(Retention.isThrottleExpired({ failures: [], lockedUntil: now }, now)).toBe(true);
  });

  it("derives every cut-off of a run from the policy", () => {
    const cutoffs = Retention.retentionCutoffs(now);
    expect(cutoffs).toEqual({
      inactivePersonsBefore: "2026-06-15T03:30:00.000Z",
      withdrawnPersonsBefore: "2030-06-15T03:30:00.000Z",
      erasureReasonsBefore: "2024-06-15T03:30:00.000Z",
      closedRequestsBefore: "2030-06-15T03:30:00.000Z",
      sessionsIdleBefore: iso(now - Session.idleTimeoutMillis),
      throttleFailuresBefore: iso(now - Session.failureWindowMillis),
      now: iso(now),
    });
  });
});
