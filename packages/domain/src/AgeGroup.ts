import * as CodeList from "./CodeList.js";
import * as IsoDate from "./IsoDate.js";

/** The age groups of the statistics, with their labels. */
export const codeList = CodeList.make("age_group", {
  minor: { nl: "Minderjarig (<18)", en: "Minor (<18)" },
  age_18_22: { nl: "18-22 jaar", en: "18-22 years" },
  age_23_plus: { nl: "23 jaar en ouder", en: "23 years and older" },
  unknown: { nl: "Onbekend", en: "Unknown" },
});

/**
 * The age group a person is counted in: minor (under 18), 18 to 22, 23 and older, or unknown when neither a date of
 * birth nor a birth year is known. Young adults are a group of their own because they are often exploited as minors
 * and reported only later.
 */
export const AgeGroup = codeList.schema;
export type AgeGroup = typeof AgeGroup.Type;

/**
 * A person's age in full years on the date `on`.
 *
 * With a date of birth the person is a year older on each birthday; someone born on 29 February has that birthday on
 * 1 March in common years. With only a birth year, the birthday is taken to be 1 July of that year (the mid-year
 * convention), so the age is at most one year off; a birth year equal to the year of `on` gives age 0. The date of birth wins when both are given.
 *
 * Undefined when neither is given, or when the birth lies after `on` (a later birth year, or a later date of birth).
 */
export const ageOn = (
  birth: { readonly dateOfBirth?: IsoDate.IsoDate | undefined; readonly birthYear?: number | undefined },
  on: IsoDate.IsoDate,
): number | undefined => {
  const today = IsoDate.toParts(on);
  if (birth.dateOfBirth !== undefined) {
    if (IsoDate.isAfter(birth.dateOfBirth, on)) return undefined;
    const born = IsoDate.toParts(birth.dateOfBirth);
    const hasHadBirthday = today.month > born.month || (today.month === born.month && today.day >= born.day);
    return today.year - born.year - (hasHadBirthday ? 0 : 1);
  }
  if (birth.birthYear !== undefined) {
    if (!Number.isInteger(birth.birthYear) || birth.birthYear > today.year) return undefined;
    const hasHadBirthday = today.month >= 7;
    return Math.max(0, today.year - birth.birthYear - (hasHadBirthday ? 0 : 1));
  }
  return undefined;
};

/** The age group of an age in full years; `unknown` when the age is unknown. */
export const ageGroupOf = (age: number | undefined): AgeGroup => {
  if (age === undefined) return "unknown";
  if (age < 18) return "minor";
  if (age < 23) return "age_18_22";
  return "age_23_plus";
};
