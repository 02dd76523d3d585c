/**
 * ISO 8601 weeks (`2026-W02`): Monday to Sunday, week 1 being the week with the year's first Thursday. The weekly stay
 * list of a shelter is asked for by week. Plain functions on `YYYY-MM-DD` strings, for the domain and the console.
 */

/** A week as `YYYY-Www`, by its form alone: see {@link isIsoWeek} for a week that exists. */
export const pattern = /^(\d{4})-W(\d{2})$/;

const dayMillis = 86_400_000;

const toUtc = (date: string): number =>
  Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));

const fromUtc = (millis: number): string => new Date(millis).toISOString().slice(0, 10);

/** The day of the week of an ISO date: 1 for Monday up to 7 for Sunday. */
export const weekdayOf = (date: string): number => ((new Date(toUtc(date)).getUTCDay() + 6) % 7) + 1;

/** The ISO week (`YYYY-Www`) an ISO date falls in; its year is that of the week's Thursday. */
export const weekOf = (date: string): string => {
  const thursday = toUtc(date) + (4 - weekdayOf(date)) * dayMillis;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / dayMillis / 7) + 1;
  return `${String(year).padStart(4, "0")}-W${String(week).padStart(2, "0")}`;
};

/** The Monday of a week of the form `YYYY-Www` (week 53 of a year without one is the next year's week 1). */
const mondayOf = (week: string): string => {
  const year = Number(week.slice(0, 4));
  const jan4 = fromUtc(Date.UTC(year, 0, 4));
  return fromUtc(toUtc(jan4) - (weekdayOf(jan4) - 1) * dayMillis + (Number(week.slice(6, 8)) - 1) * 7 * dayMillis);
};

/** Whether `value` is a week that exists, as `YYYY-Www`: `2026-W53` does (2026 has 53 weeks), `2025-W53` does not. */
export const isIsoWeek = (value: string): boolean => {
  const match = pattern.exec(value);
  if (match === null || Number(match[2]) < 1 || Number(match[1]) < 1) return false;
  return weekOf(mondayOf(value)) === value;
};

/** The first (Monday) and last (Sunday) day of an existing week (see {@link isIsoWeek}). */
export const daysOf = (week: string): { readonly from: string; readonly to: string } => {
  const from = mondayOf(week);
  return { from, to: fromUtc(toUtc(from) + 6 * dayMillis) };
};
