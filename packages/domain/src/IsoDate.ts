import { Schema } from "effect";
import { daysInMonth, isCalendarDay, isIsoDate as isIsoDateString, pattern } from "./labels/IsoDate.js";

const msPerDay = 86_400_000;

/**
 * A calendar date as `YYYY-MM-DD` (ISO 8601), without a time or a time zone: a report date, a date of birth, the
 * start of a reflection period. Decoding rejects strings that are not a real day of the Gregorian calendar, such as
 * `2025-02-29`, `2024-13-01` or `2024-1-1`. Years run from 0000 to 9999.
 *
 * ISO dates sort as strings, and the helpers below do calendar arithmetic on the date itself, so no clock or time
 * zone can shift a day.
 */
export const IsoDate = Schema.String.check(
  Schema.makeFilter(isIsoDateString, {
    expected: "a calendar date as YYYY-MM-DD",
    toJsonSchema: () => [{ format: "date", pattern: pattern.source }, true],
  }),
).pipe(Schema.brand("IsoDate"));
export type IsoDate = typeof IsoDate.Type;

/** Whether `value` is a real calendar date as `YYYY-MM-DD` (what {@link IsoDate} decodes): for query parameters. */
export const isIsoDate = (value: string): value is IsoDate => isIsoDateString(value);

const decode = Schema.decodeUnknownSync(IsoDate);

/**
 * Makes an ISO date from a string, for tests and for values the code itself produces.
 *
 * @throws a `SchemaError` when the string is not a calendar date; decode untrusted input with the schema instead.
 */
export const make = (value: string): IsoDate => decode(value);

/**
 * Makes an ISO date from its year, month (1-12) and day of the month.
 *
 * @throws a `RangeError` when the parts are not a calendar day between 0000-01-01 and 9999-12-31.
 */
export const fromParts = (year: number, month: number, day: number): IsoDate => {
  if (!isCalendarDay(year, month, day)) {
    throw new RangeError(`Not a calendar date: ${year}-${month}-${day}`);
  }
  return decode(`${String(year).padStart(4, "0")}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`);
};

/** The year, month (1-12) and day of the month of a date. */
export const toParts = (date: IsoDate): { readonly year: number; readonly month: number; readonly day: number } => ({
  year: Number(date.slice(0, 4)),
  month: Number(date.slice(5, 7)),
  day: Number(date.slice(8, 10)),
});

/** The year of a date, e.g. the reporting year of a registration. */
export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/** Where CoMensha works: "today" and "in the future" are Dutch calendar days, not UTC ones. */
export const dutchTimeZone = "Europe/Amsterdam";

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The calendar day an instant (milliseconds since the epoch) falls on in `timeZone` (Europe/Amsterdam unless told):
 * at 00:30 in Amsterdam it is already the next day, while UTC still says the previous one.
 */
export const ofInstant = (millis: number, timeZone: string = dutchTimeZone): IsoDate => {
  let format = dayFormats.get(timeZone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat("en-CA", { timeZone, year: "numeric", month: "2-digit", day: "2-digit" });
    dayFormats.set(timeZone, format);
  }
  return make(format.format(millis));
};

const toEpochDay = (date: IsoDate): number => {
  const { year, month, day } = toParts(date);
  const utc = new Date(0);
  utc.setUTCFullYear(year, month - 1, day);
  return Math.round(utc.getTime() / msPerDay);
};

const fromEpochDay = (epochDay: number): IsoDate => {
  const utc = new Date(epochDay * msPerDay);
  return fromParts(utc.getUTCFullYear(), utc.getUTCMonth() + 1, utc.getUTCDate());
};

/**
 * The date `days` days after `date` (before it when negative).
 *
 * @throws a `RangeError` when `days` is not a whole number or the result falls outside the years 0000-9999.
 */
export const addDays = (date: IsoDate, days: number): IsoDate => {
  if (!Number.isInteger(days)) throw new RangeError(`Not a whole number of days: ${days}`);
  return fromEpochDay(toEpochDay(date) + days);
};

/**
 * The date `months` calendar months after `date` (before it when negative), keeping the day of the month. When that
 * day does not exist in the target month, the result is the last day of that month: 2026-01-31 plus one month is
 * 2026-02-28.
 *
 * @throws a `RangeError` when `months` is not a whole number or the result falls outside the years 0000-9999.
 */
export const addMonths = (date: IsoDate, months: number): IsoDate => {
  if (!Number.isInteger(months)) throw new RangeError(`Not a whole number of months: ${months}`);
  const { year, month, day } = toParts(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return fromParts(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth)));
};

/**
 * The number of days from `from` to `to`: positive when `to` is later, 0 on the same day. Between a date and the
 * next day it is 1.
 */
export const daysBetween = (from: IsoDate, to: IsoDate): number => toEpochDay(to) - toEpochDay(from);

/** Orders two dates for sorting: negative when `a` is earlier, positive when later, 0 when the same day. */
export const compare = (a: IsoDate, b: IsoDate): -1 | 0 | 1 => (a < b ? -1 : a > b ? 1 : 0);

/** Whether `date` is strictly earlier than `other`. */
export const isBefore = (date: IsoDate, other: IsoDate): boolean => date < other;

/** Whether `date` is strictly later than `other`. */
export const isAfter = (date: IsoDate, other: IsoDate): boolean => date > other;
