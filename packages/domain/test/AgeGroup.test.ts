import { describe, expect, it } from "@effect/vitest";
import * as fc from "fast-check";
import * as AgeGroup from "../src/AgeGroup.js";
import * as IsoDate from "../src/IsoDate.js";

const d = IsoDate.make;

describe("AgeGroup.ageOn with a date of birth", () => {
  const dateOfBirth = d("2008-04-12");

  it("turns a year older on the birthday itself", () => {
    expect(AgeGroup.ageOn({ dateOfBirth }, d("2026-04-11"))).toBe(17);
    expect(AgeGroup.ageOn({ dateOfBirth }, d("2026-04-12"))).toBe(18);
    expect(AgeGroup.ageOn({ dateOfBirth }, d("2026-04-13"))).toBe(18);
    expect(AgeGroup.ageOn({ dateOfBirth }, d("2026-12-31"))).toBe(18);
  });

  it("is 0 on the day of birth and undefined before it", () => {
    expect(AgeGroup.ageOn({ dateOfBirth }, d("2008-04-12"))).toBe(0);
    expect(AgeGroup.ageOn({ dateOfBirth }, d("2009-04-11"))).toBe(0);
    expect(AgeGroup.ageOn({ dateOfBirth }, d("2008-04-11"))).toBeUndefined();
  });

  it("gives someone born on 29 February their birthday on 1 March in common years", () => {
    const leapling = { dateOfBirth: d("2008-02-29") };
    expect(AgeGroup.ageOn(leapling, d("2026-02-28"))).toBe(17);
    expect(AgeGroup.ageOn(leapling, d("2026-03-01"))).toBe(18);
    expect(AgeGroup.ageOn(leapling, d("2028-02-28"))).toBe(19);
    expect(AgeGroup.ageOn(leapling, d("2028-02-29"))).toBe(20);
  });

  it("prefers the date of birth over the birth year", () => {
    expect(AgeGroup.ageOn({ dateOfBirth, birthYear: 1990 }, d("2026-04-12"))).toBe(18);
  });
});

describe("AgeGroup.ageOn with only a birth year", () => {
  it("takes 1 July of the birth year as the birthday", () => {
    expect(AgeGroup.ageOn({ birthYear: 2008 }, d("2026-06-30"))).toBe(17);
    expect(AgeGroup.ageOn({ birthYear: 2008 }, d("2026-07-01"))).toBe(18);
    expect(AgeGroup.ageOn({ birthYear: 2008 }, d("2026-01-01"))).toBe(17);
    expect(AgeGroup.ageOn({ birthYear: 2008 }, d("2026-12-31"))).toBe(18);
  });

  it("differs from the exact age around the real birthday, as the convention implies", () => {
    const on = d("2026-05-01");
    expect(AgeGroup.ageOn({ dateOfBirth: d("2008-01-10") }, on)).toBe(18);
    expect(AgeGroup.ageOn({ birthYear: 2008 }, on)).toBe(17);
  });

  it("is 0 in the birth year itself and undefined for a later birth year", () => {
    expect(AgeGroup.ageOn({ birthYear: 2026 }, d("2026-03-01"))).toBe(0);
    expect(AgeGroup.ageOn({ birthYear: 2026 }, d("2026-09-01"))).toBe(0);
    expect(AgeGroup.ageOn({ birthYear: 2027 }, d("2026-12-31"))).toBeUndefined();
  });

  it("is undefined without a date of birth or a birth year", () => {
    expect(AgeGroup.ageOn({}, d("2026-01-01"))).toBeUndefined();
    expect(AgeGroup.ageOn({ dateOfBirth: undefined, birthYear: undefined }, d("2026-01-01"))).toBeUndefined();
  });

  it("is never more than a year away from the exact age", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40_000 }),
        fc.integer({ min: 0, max: 40_000 }),
        (birthOffset, ageInDays) => {
          const dateOfBirth = IsoDate.addDays(d("1920-01-01"), birthOffset);
          const on = IsoDate.addDays(dateOfBirth, ageInDays);
          const exact = AgeGroup.ageOn({ dateOfBirth }, on);
          const imputed = AgeGroup.ageOn({ birthYear: IsoDate.yearOf(dateOfBirth) }, on);
          expect(exact).toBeGreaterThanOrEqual(0);
          expect(Math.abs((imputed ?? Number.NaN) - (exact ?? Number.NaN))).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe("AgeGroup.ageGroupOf", () => {
  it.each([
    [0, "minor"],
    [17, "minor"],
    [18, "age_18_22"],
    [22, "age_18_22"],
    [23, "age_23_plus"],
    [80, "age_23_plus"],
    [undefined, "unknown"],
  ] as const)("puts age %s in %s", (age, group) => {
    expect(AgeGroup.ageGroupOf(age)).toBe(group);
  });

  it("makes someone a minor until the 18th birthday", () => {
    const dateOfBirth = d("2008-04-12");
    expect(AgeGroup.ageGroupOf(AgeGroup.ageOn({ dateOfBirth }, d("2026-04-11")))).toBe("minor");
    expect(AgeGroup.ageGroupOf(AgeGroup.ageOn({ dateOfBirth }, d("2026-04-12")))).toBe("age_18_22");
    expect(AgeGroup.ageGroupOf(AgeGroup.ageOn({ birthYear: 2003 }, d("2026-06-30")))).toBe("age_18_22");
    expect(AgeGroup.ageGroupOf(AgeGroup.ageOn({ birthYear: 2003 }, d("2026-07-01")))).toBe("age_23_plus");
  });
});
