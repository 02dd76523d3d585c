/** A calendar date as `YYYY-MM-DD` (ISO 8601), by its form alone: see {@link isIsoDate} for a real day. */
export const pattern = /^(\d{4})-(\d{2})-(\d{2})$/;

const isLeapYear = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

/** The number of days of a month (1-12) of the Gregorian calendar. */
export const daysInMonth = (year: number, month: number): number => {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
};

/** Whether the year, month (1-12) and day of the month are a day of the Gregorian calendar between 0000 and 9999. */
export const isCalendarDay = (year: number, month: number, day: number): boolean =>
  Number.isInteger(year) &&
  Number.isInteger(month) &&
  Number.isInteger(day) &&
  year >= 0 &&
  year <= 9999 &&
  month >= 1 &&
  month <= 12 &&
  day >= 1 &&
  day <= daysInMonth(year, month);

/**
 * Whether `value` is a real calendar date as `YYYY-MM-DD`, what the domain's `IsoDate` schema decodes: not
 * `2025-02-29`, `2024-13-01` or `2024-1-1`.
 */
export const isIsoDate = (value: string): boolean => {
  const match = pattern.exec(value);
  return match !== null && isCalendarDay(Number(match[1]), Number(match[2]), Number(match[3]));
};
