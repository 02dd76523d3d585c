import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatDate,
  formatDateTime,
  formatNumber,
  minutesToWait,
  todayInAmsterdam,
  yearInAmsterdam,
} from "../src/format.js";

describe("today in Amsterdam", () => {
  it("is already the next day late in the UTC evening", () => {
    expect(todayInAmsterdam(new Date("2026-06-30T22:30:00Z"))).toBe("2026-07-01");
    expect(todayInAmsterdam(new Date("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
    expect(yearInAmsterdam(new Date("2026-12-31T23:30:00Z"))).toBe(2027);
  });

  it("is the same day in the UTC morning", () => {
    expect(todayInAmsterdam(new Date("2026-11-20T08:00:00Z"))).toBe("2026-11-20");
  });
});

describe("formatting", () => {
  it("writes numbers the Dutch or English way", () => {
    expect(formatNumber(1234567, "nl")).toBe("1.234.567");
    expect(formatNumber(1234567, "en")).toBe("1,234,567");
  });

  it("writes a calendar date without shifting it by the time zone", () => {
    expect(formatDate("2026-11-20", "nl")).toBe("20 nov 2026");
    expect(formatDate("2026-11-20", "en")).toBe("20 Nov 2026");
    expect(formatDate("not a date", "en")).toBe("not a date");
  });

  it("writes an instant in Amsterdam time", () => {
    expect(formatDateTime("2026-11-20T08:30:00.000Z", "nl")).toBe("20 nov 2026, 09:30");
    expect(formatDateTime("2026-07-01T08:30:00.000Z", "en")).toBe("1 Jul 2026, 10:30");
  });

  it("writes file sizes in B, kB and MB", () => {
    expect(formatBytes(512, "en")).toBe("512 B");
    expect(formatBytes(1_536, "en")).toBe("1.5 kB");
    expect(formatBytes(1_536, "nl")).toBe("1,5 kB");
    expect(formatBytes(48_000, "en")).toBe("48 kB");
    expect(formatBytes(2_400_000, "en")).toBe("2.4 MB");
  });

  it("rounds a lockout up to whole minutes, at least one", () => {
    expect(minutesToWait(0)).toBe(1);
    expect(minutesToWait(59)).toBe(1);
    expect(minutesToWait(61)).toBe(2);
    expect(minutesToWait(900)).toBe(15);
  });
});
