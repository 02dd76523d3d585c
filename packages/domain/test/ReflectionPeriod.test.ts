import { describe, expect, it } from "@effect/vitest";
import { Effect, Result, Schema } from "effect";
import * as fc from "fast-check";
import * as IsoDate from "../src/IsoDate.js";
import * as ReflectionPeriod from "../src/ReflectionPeriod.js";

const d = IsoDate.make;

const periodStarting = (startsOn: string, dublin = false): ReflectionPeriod.ReflectionPeriod => ({
  offeredOn: d(startsOn),
  offeredBy: "police",
  startsOn: d(startsOn),
  dublin,
});

describe("ReflectionPeriod schema", () => {
  const decode = Schema.decodeUnknownSync(ReflectionPeriod.ReflectionPeriod);

  it("decodes a period as it comes over the wire", () => {
    const wire = { offeredOn: "2026-11-20", offeredBy: "police", startsOn: "2026-11-20", dublin: false };
    expect(decode(wire)).toEqual(wire);
    expect(decode({ ...wire, offeredBy: "kmar", startsOn: "2026-11-25", dublin: true }).offeredBy).toBe("kmar");
  });

  it("accepts only the police and KMar as the offerer", () => {
    const wire = { offeredOn: "2026-11-20", startsOn: "2026-11-20", dublin: false };
    expect(() => decode({ ...wire, offeredBy: "labour_inspectorate" })).toThrow();
    expect(() => decode({ ...wire, offeredBy: "ngo" })).toThrow();
    expect(ReflectionPeriod.ReflectionPeriodOfferer.literals).toEqual(["police", "kmar"]);
  });

  it.effect("rejects a period that starts before it was offered, pointing at startsOn", () =>
    Effect.gen(function* () {
      const result = yield* Effect.result(
        Schema.decodeUnknownEffect(ReflectionPeriod.ReflectionPeriod)({
          offeredOn: "2026-11-20",
          offeredBy: "kmar",
          startsOn: "2026-11-19",
          dublin: false,
        }),
      );
      expect(Result.isFailure(result)).toBe(true);
      if (Result.isFailure(result)) {
        expect(result.failure.message).toContain("cannot start before it is offered");
        expect(result.failure.message).toContain("startsOn");
      }
    }),
  );

  it("rejects invalid dates and a missing dublin flag", () => {
    expect(() =>
      decode({ offeredOn: "2026-02-30", offeredBy: "police", startsOn: "2026-03-01", dublin: false }),
    ).toThrow();
    expect(() => decode({ offeredOn: "2026-02-03", offeredBy: "police", startsOn: "2026-03-01" })).toThrow();
  });
});

describe("ReflectionPeriod.endOf", () => {
  it.each([
    ["2026-01-15", "2026-04-14"],
    ["2026-01-01", "2026-03-31"],
    ["2026-03-01", "2026-05-31"],
    ["2026-04-01", "2026-06-30"],
    ["2026-11-20", "2027-02-19"],
    ["2026-10-01", "2026-12-31"],
    ["2026-10-31", "2027-01-30"],
  ])("ends a period starting %s on %s, the day before the same date three months later", (startsOn, end) => {
    expect(ReflectionPeriod.endOf(periodStarting(startsOn))).toBe(end);
  });

  it.each([
    ["2026-03-31", "2026-06-30"],
    ["2026-03-30", "2026-06-29"],
    ["2025-11-30", "2026-02-28"],
    ["2025-11-29", "2026-02-28"],
    ["2025-11-28", "2026-02-27"],
    ["2025-12-01", "2026-02-28"],
    ["2026-05-31", "2026-08-30"],
    ["2026-08-31", "2026-11-30"],
  ])("runs a period starting %s to the end of the month when the date does not exist there (%s)", (startsOn, end) => {
    expect(ReflectionPeriod.endOf(periodStarting(startsOn))).toBe(end);
  });

  it.each([
    ["2023-11-30", "2024-02-29"],
    ["2023-11-29", "2024-02-28"],
    ["2023-12-01", "2024-02-29"],
    ["2024-02-29", "2024-05-28"],
    ["2024-03-01", "2024-05-31"],
    ["2023-12-31", "2024-03-30"],
  ])("handles a leap year: a period starting %s ends %s", (startsOn, end) => {
    expect(ReflectionPeriod.endOf(periodStarting(startsOn))).toBe(end);
  });

  it.each([
    ["2026-01-01", "2026-01-30"],
    ["2026-02-01", "2026-03-02"],
    ["2024-02-01", "2024-03-01"],
    ["2024-02-15", "2024-03-15"],
    ["2026-12-15", "2027-01-13"],
    ["2026-01-31", "2026-03-01"],
  ])("ends a Dublin period starting %s after 30 days, on %s", (startsOn, end) => {
    expect(ReflectionPeriod.endOf(periodStarting(startsOn, true))).toBe(end);
  });

  it("counts from the start, not from the offer", () => {
    const period: ReflectionPeriod.ReflectionPeriod = {
      offeredOn: d("2026-01-01"),
      offeredBy: "kmar",
      startsOn: d("2026-02-10"),
      dublin: false,
    };
    expect(ReflectionPeriod.endOf(period)).toBe("2026-05-09");
  });

  it("lasts 89 to 92 days and ends the day before the same date or the first of a month, never before the clamped end", () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 30_000 }), (offset) => {
        const startsOn = IsoDate.addDays(d("2000-01-01"), offset);
        const end = ReflectionPeriod.endOf({ offeredOn: startsOn, offeredBy: "police", startsOn, dublin: false });
        const length = IsoDate.daysBetween(startsOn, end) + 1;
        expect(length).toBeGreaterThanOrEqual(89);
        expect(length).toBeLessThanOrEqual(92);
        const clampedLastDay = IsoDate.addDays(IsoDate.addMonths(startsOn, 3), -1);
        expect(IsoDate.daysBetween(clampedLastDay, end)).toBeGreaterThanOrEqual(0);
        expect(IsoDate.daysBetween(clampedLastDay, end)).toBeLessThanOrEqual(1);
        const dayAfterEnd = IsoDate.toParts(IsoDate.addDays(end, 1));
        expect([IsoDate.toParts(startsOn).day, 1]).toContain(dayAfterEnd.day);
      }),
    );
  });

  it("lasts exactly 30 days in every Dublin case granted since 18 May 2023 (WBV 2023/11)", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), (offset) => {
        const startsOn = IsoDate.addDays(d("2023-05-18"), offset);
        const end = ReflectionPeriod.endOf({ offeredOn: startsOn, offeredBy: "kmar", startsOn, dublin: true });
        expect(IsoDate.daysBetween(startsOn, end) + 1).toBe(30);
      }),
    );
  });

  it("keeps 3 months for a Dublin case granted before 18 May 2023, even when it starts later", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30_000 }), fc.integer({ min: 0, max: 60 }), (before, delay) => {
        const offeredOn = IsoDate.addDays(d("2023-05-18"), -before);
        const startsOn = IsoDate.addDays(offeredOn, delay);
        const dublin = ReflectionPeriod.endOf({ offeredOn, offeredBy: "police", startsOn, dublin: true });
        const regular = ReflectionPeriod.endOf({ offeredOn, offeredBy: "police", startsOn, dublin: false });
        expect(dublin).toBe(regular);
        expect(IsoDate.daysBetween(startsOn, dublin) + 1).toBeGreaterThanOrEqual(89);
      }),
    );
    expect(
      ReflectionPeriod.endOf({
        offeredOn: d("2023-05-17"),
        offeredBy: "police",
        startsOn: d("2023-05-18"),
        dublin: true,
      }),
    ).toBe("2023-08-17");
    expect(
      ReflectionPeriod.endOf({
        offeredOn: d("2023-05-18"),
        offeredBy: "police",
        startsOn: d("2023-05-18"),
        dublin: true,
      }),
    ).toBe("2023-06-16");
  });
});

describe("ReflectionPeriod.isExpired, isRunning and daysRemaining", () => {
  const period = periodStarting("2026-01-15");
  const dublin = periodStarting("2026-01-01", true);

  it("is running from its first day through its last day, and expired only the day after", () => {
    expect(ReflectionPeriod.isRunning(period, d("2026-01-14"))).toBe(false);
    expect(ReflectionPeriod.isExpired(period, d("2026-01-14"))).toBe(false);
    expect(ReflectionPeriod.isRunning(period, d("2026-01-15"))).toBe(true);
    expect(ReflectionPeriod.isRunning(period, d("2026-04-14"))).toBe(true);
    expect(ReflectionPeriod.isExpired(period, d("2026-04-14"))).toBe(false);
    expect(ReflectionPeriod.isRunning(period, d("2026-04-15"))).toBe(false);
    expect(ReflectionPeriod.isExpired(period, d("2026-04-15"))).toBe(true);
  });

  it("expires a Dublin period on its 31st day", () => {
    expect(ReflectionPeriod.isExpired(dublin, d("2026-01-30"))).toBe(false);
    expect(ReflectionPeriod.isRunning(dublin, d("2026-01-30"))).toBe(true);
    expect(ReflectionPeriod.isExpired(dublin, d("2026-01-31"))).toBe(true);
    expect(ReflectionPeriod.isRunning(dublin, d("2026-01-31"))).toBe(false);
  });

  it("expires a period that ends in a leap February on 1 March", () => {
    const leap = periodStarting("2023-11-30");
    expect(ReflectionPeriod.isExpired(leap, d("2024-02-29"))).toBe(false);
    expect(ReflectionPeriod.isExpired(leap, d("2024-03-01"))).toBe(true);
  });

  it("counts the days left including today and the last day", () => {
    expect(ReflectionPeriod.daysRemaining(dublin, d("2025-12-01"))).toBe(30);
    expect(ReflectionPeriod.daysRemaining(dublin, d("2026-01-01"))).toBe(30);
    expect(ReflectionPeriod.daysRemaining(dublin, d("2026-01-29"))).toBe(2);
    expect(ReflectionPeriod.daysRemaining(dublin, d("2026-01-30"))).toBe(1);
    expect(ReflectionPeriod.daysRemaining(dublin, d("2026-01-31"))).toBe(0);
    expect(ReflectionPeriod.daysRemaining(dublin, d("2027-01-01"))).toBe(0);
    expect(ReflectionPeriod.daysRemaining(period, d("2026-01-15"))).toBe(90);
  });

  it("is running exactly when days remain and it has started", () => {
    fc.assert(
      fc.property(fc.integer({ min: -200, max: 200 }), fc.boolean(), (offset, isDublin) => {
        const p = periodStarting("2026-03-31", isDublin);
        const today = IsoDate.addDays(p.startsOn, offset);
        const hasStarted = !IsoDate.isBefore(today, p.startsOn);
        expect(ReflectionPeriod.isRunning(p, today)).toBe(hasStarted && ReflectionPeriod.daysRemaining(p, today) > 0);
        expect(ReflectionPeriod.isExpired(p, today)).toBe(ReflectionPeriod.daysRemaining(p, today) === 0);
      }),
    );
  });
});
