import { describe, expect, it } from "@effect/vitest";
import { Effect, Result, Schema } from "effect";
import * as fc from "fast-check";
import * as IsoDate from "../src/IsoDate.js";

const d = IsoDate.make;

const arbitraryIsoDate = fc
  .date({ min: new Date("1900-01-01T00:00:00Z"), max: new Date("2100-12-31T00:00:00Z"), noInvalidDate: true })
  .map((date) => IsoDate.make(date.toISOString().slice(0, 10)));

describe("IsoDate", () => {
  it("decodes real calendar dates, leap days included", () => {
    const decode = Schema.decodeUnknownSync(IsoDate.IsoDate);
    for (const value of ["2024-01-01", "2024-02-29", "2000-02-29", "2025-12-31", "0000-01-01", "9999-12-31"]) {
      expect(decode(value)).toBe(value);
    }
  });

  it("rejects strings that are not a calendar day as YYYY-MM-DD", () => {
    const decode = Schema.decodeUnknownSync(IsoDate.IsoDate);
    for (const value of [
      "2025-02-29",
      "1900-02-29",
      "2024-13-01",
      "2024-00-10",
      "2024-04-31",
      "2024-01-00",
      "2024-01-32",
      "2024-1-1",
      "24-01-01",
      "2024/01/01",
      "2024-01-01T00:00:00Z",
      " 2024-01-01",
      "",
      "１２３４-01-01",
    ]) {
      expect(() => decode(value), value).toThrow(/calendar date/);
    }
    expect(() => decode(20240101)).toThrow();
    expect(() => decode(new Date())).toThrow();
  });

  it.effect("fails decoding in an Effect with a readable message", () =>
    Effect.gen(function* () {
      const result = yield* Effect.result(Schema.decodeUnknownEffect(IsoDate.IsoDate)("2025-02-29"));
      expect(Result.isFailure(result)).toBe(true);
      if (Result.isFailure(result)) expect(result.failure.message).toContain("YYYY-MM-DD");
    }),
  );

  it("makes dates from strings and from parts, and throws on invalid ones", () => {
    expect(IsoDate.make("2026-11-20")).toBe("2026-11-20");
    expect(() => IsoDate.make("2026-11-31")).toThrow();
    expect(IsoDate.fromParts(2026, 3, 5)).toBe("2026-03-05");
    expect(IsoDate.fromParts(812, 1, 1)).toBe("0812-01-01");
    expect(() => IsoDate.fromParts(2025, 2, 29)).toThrow(RangeError);
    expect(() => IsoDate.fromParts(2025, 0, 1)).toThrow(RangeError);
    expect(() => IsoDate.fromParts(10000, 1, 1)).toThrow(RangeError);
    expect(() => IsoDate.fromParts(2025, 1.5, 1)).toThrow(RangeError);
  });

  it("splits a date into its parts and its year", () => {
    expect(IsoDate.toParts(d("2024-02-29"))).toEqual({ year: 2024, month: 2, day: 29 });
    expect(IsoDate.yearOf(d("2024-12-31"))).toBe(2024);
    expect(IsoDate.yearOf(d("2025-01-01"))).toBe(2025);
  });

  it("adds days across month, year and leap-day boundaries", () => {
    expect(IsoDate.addDays(d("2024-02-28"), 1)).toBe("2024-02-29");
    expect(IsoDate.addDays(d("2025-02-28"), 1)).toBe("2025-03-01");
    expect(IsoDate.addDays(d("2025-12-31"), 1)).toBe("2026-01-01");
    expect(IsoDate.addDays(d("2026-01-01"), -1)).toBe("2025-12-31");
    expect(IsoDate.addDays(d("2026-01-01"), 0)).toBe("2026-01-01");
    expect(IsoDate.addDays(d("2024-01-01"), 366)).toBe("2025-01-01");
    expect(IsoDate.addDays(d("2026-03-28"), 2)).toBe("2026-03-30");
    expect(() => IsoDate.addDays(d("9999-12-31"), 1)).toThrow(RangeError);
    expect(() => IsoDate.addDays(d("2026-01-01"), 0.5)).toThrow(RangeError);
  });

  it("adds months and clamps to the end of a shorter month", () => {
    expect(IsoDate.addMonths(d("2026-01-31"), 1)).toBe("2026-02-28");
    expect(IsoDate.addMonths(d("2024-01-31"), 1)).toBe("2024-02-29");
    expect(IsoDate.addMonths(d("2026-03-31"), 1)).toBe("2026-04-30");
    expect(IsoDate.addMonths(d("2026-01-15"), 3)).toBe("2026-04-15");
    expect(IsoDate.addMonths(d("2025-11-30"), 3)).toBe("2026-02-28");
    expect(IsoDate.addMonths(d("2025-12-31"), 2)).toBe("2026-02-28");
    expect(IsoDate.addMonths(d("2024-02-29"), 12)).toBe("2025-02-28");
    expect(IsoDate.addMonths(d("2026-01-31"), 0)).toBe("2026-01-31");
  });

  it("subtracts months with negative counts, across year boundaries", () => {
    expect(IsoDate.addMonths(d("2026-03-31"), -1)).toBe("2026-02-28");
    expect(IsoDate.addMonths(d("2026-01-15"), -1)).toBe("2025-12-15");
    expect(IsoDate.addMonths(d("2026-01-15"), -13)).toBe("2024-12-15");
    expect(IsoDate.addMonths(d("2026-05-31"), 14)).toBe("2027-07-31");
  });

  it("counts the days from one date to another", () => {
    expect(IsoDate.daysBetween(d("2026-01-01"), d("2026-01-01"))).toBe(0);
    expect(IsoDate.daysBetween(d("2026-01-01"), d("2026-01-02"))).toBe(1);
    expect(IsoDate.daysBetween(d("2026-01-02"), d("2026-01-01"))).toBe(-1);
    expect(IsoDate.daysBetween(d("2024-01-01"), d("2025-01-01"))).toBe(366);
    expect(IsoDate.daysBetween(d("2025-01-01"), d("2026-01-01"))).toBe(365);
    expect(IsoDate.daysBetween(d("1970-01-01"), d("2000-03-01"))).toBe(11_017);
  });

  it("orders dates chronologically", () => {
    const dates = [d("2026-01-02"), d("1999-12-31"), d("2026-01-01"), d("2025-12-31")];
    expect(dates.toSorted(IsoDate.compare)).toEqual(["1999-12-31", "2025-12-31", "2026-01-01", "2026-01-02"]);
    expect(IsoDate.compare(d("2026-01-01"), d("2026-01-01"))).toBe(0);
    expect(IsoDate.isBefore(d("2025-12-31"), d("2026-01-01"))).toBe(true);
    expect(IsoDate.isBefore(d("2026-01-01"), d("2026-01-01"))).toBe(false);
    expect(IsoDate.isAfter(d("2026-01-02"), d("2026-01-01"))).toBe(true);
    expect(IsoDate.isAfter(d("2026-01-01"), d("2026-01-01"))).toBe(false);
  });

  it("agrees with UTC calendar arithmetic for any date and number of days", () => {
    fc.assert(
      fc.property(arbitraryIsoDate, fc.integer({ min: -20_000, max: 20_000 }), (date, days) => {
        const expected = new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
        expect(IsoDate.addDays(date, days)).toBe(expected);
        expect(IsoDate.daysBetween(date, IsoDate.addDays(date, days))).toBe(days);
      }),
    );
  });

  it("keeps the day of the month when adding months unless the target month is shorter", () => {
    fc.assert(
      fc.property(arbitraryIsoDate, fc.integer({ min: -600, max: 600 }), (date, months) => {
        const before = IsoDate.toParts(date);
        const after = IsoDate.toParts(IsoDate.addMonths(date, months));
        expect(after.year * 12 + after.month - (before.year * 12 + before.month)).toBe(months);
        if (after.day !== before.day) {
          expect(after.day).toBeLessThan(before.day);
          expect(IsoDate.toParts(IsoDate.addDays(IsoDate.addMonths(date, months), 1)).day).toBe(1);
        }
      }),
    );
  });

  it("sorts dates the same way as their day numbers", () => {
    fc.assert(
      fc.property(arbitraryIsoDate, arbitraryIsoDate, (a, b) => {
        expect(IsoDate.compare(a, b)).toBe(Math.sign(IsoDate.daysBetween(b, a)));
      }),
    );
  });
});

describe("IsoDate.ofInstant", () => {
  it("gives the Dutch calendar day, which runs ahead of UTC around midnight, in winter and in summer", () => {
    expect(IsoDate.ofInstant(Date.parse("2026-12-01T22:59:59Z"))).toBe("2026-12-01");
    expect(IsoDate.ofInstant(Date.parse("2026-12-01T23:00:00Z"))).toBe("2026-12-02");
    expect(IsoDate.ofInstant(Date.parse("2026-07-01T21:59:59Z"))).toBe("2026-07-01");
    expect(IsoDate.ofInstant(Date.parse("2026-07-01T22:00:00Z"))).toBe("2026-07-02");
    expect(IsoDate.ofInstant(Date.parse("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("takes another time zone when told", () => {
    expect(IsoDate.ofInstant(Date.parse("2026-12-01T23:00:00Z"), "UTC")).toBe("2026-12-01");
  });
});
