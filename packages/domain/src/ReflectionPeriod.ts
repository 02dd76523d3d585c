import { Schema } from "effect";
import * as IsoDate from "./IsoDate.js";
import { OrganisationKind } from "./OrganisationKind.js";

/** Who may offer a reflection period: the police or the Royal Netherlands Marechaussee (KMar). */
export const ReflectionPeriodOfferer = OrganisationKind.pick(["police", "kmar"]);
export type ReflectionPeriodOfferer = typeof ReflectionPeriodOfferer.Type;

/**
 * Reflection period (bedenktijd): time a possible victim without legal residence is given, on the offer of the
 * police or KMar, to recover and to decide whether to report the trafficking. It lasts up to 3 months from its start,
 * or 30 days when the Dublin Regulation makes another EU state responsible for the asylum claim and the period was
 * granted on or after {@link dublinThirtyDaysFrom} (WBV 2023/11; earlier Dublin periods keep 3 months).
 *
 * Only the facts are stored; the end is always computed ({@link endOf}). A period cannot start before it was offered.
 */
export const ReflectionPeriod = Schema.Struct({
  offeredOn: IsoDate.IsoDate,
  offeredBy: ReflectionPeriodOfferer,
  startsOn: IsoDate.IsoDate,
  dublin: Schema.Boolean,
}).check(
  Schema.makeFilter(
    (period) =>
      !IsoDate.isBefore(period.startsOn, period.offeredOn) || {
        path: ["startsOn"],
        issue: "A reflection period cannot start before it is offered",
      },
  ),
);
export type ReflectionPeriod = typeof ReflectionPeriod.Type;

/**
 * The day from which a Dublin case's reflection period is 30 days instead of 3 months: periods granted (offered) on
 * or after 18 May 2023, when the Wijzigingsbesluit Vreemdelingencirculaire (WBV) 2023/11 took effect. A period granted
 * before keeps the 3 months it was granted with.
 */
export const dublinThirtyDaysFrom = IsoDate.make("2023-05-18");

/** Whether the period is a 30-day Dublin period: a Dublin case granted on or after {@link dublinThirtyDaysFrom}. */
export const isThirtyDayDublin = (period: ReflectionPeriod): boolean =>
  period.dublin && !IsoDate.isBefore(period.offeredOn, dublinThirtyDaysFrom);

/**
 * The last day of the period, inclusive; `startsOn` is its first day.
 *
 * - Dublin cases granted since 18 May 2023 ({@link isThirtyDayDublin}): 30 days, so the last day is `startsOn` + 30 days - 1 day (starting 2026-01-01, it ends
 *   2026-01-30).
 * - Otherwise (also a Dublin case granted before then) 3 calendar months: the last day is the day before the same day of the month three months later
 *   (2026-01-15 ends 2026-04-14; 2026-03-01 ends 2026-05-31). When that day does not exist in that month, the period
 *   runs to the end of the month (2026-03-31 ends 2026-06-30; 2025-11-30 ends 2026-02-28; 2023-11-30 ends
 *   2024-02-29). This is `startsOn` + 3 months - 1 day with a missing day rolling over to the first of the next month
 *   rather than back to the end of the month, so a short month never shortens the period.
 */
export const endOf = (period: ReflectionPeriod): IsoDate.IsoDate => {
  if (isThirtyDayDublin(period)) return IsoDate.addDays(period.startsOn, 29);
  const sameDayLater = IsoDate.addMonths(period.startsOn, 3);
  const isMissingDay = IsoDate.toParts(sameDayLater).day !== IsoDate.toParts(period.startsOn).day;
  return isMissingDay ? sameDayLater : IsoDate.addDays(sameDayLater, -1);
};

/** Whether the period is over on `today`: true from the day after its last day ({@link endOf}). */
export const isExpired = (period: ReflectionPeriod, today: IsoDate.IsoDate): boolean =>
  IsoDate.isAfter(today, endOf(period));

/** Whether `today` falls within the period, from its first day up to and including its last day. */
export const isRunning = (period: ReflectionPeriod, today: IsoDate.IsoDate): boolean =>
  !IsoDate.isBefore(today, period.startsOn) && !IsoDate.isAfter(today, endOf(period));

/**
 * The number of days of the period left on `today`, counting today and the last day: 1 on its last day, 0 once it
 * has expired, and its full length (e.g. 30 for a Dublin case) before it has started.
 */
export const daysRemaining = (period: ReflectionPeriod, today: IsoDate.IsoDate): number => {
  const end = endOf(period);
  if (IsoDate.isAfter(today, end)) return 0;
  const from = IsoDate.isBefore(today, period.startsOn) ? period.startsOn : today;
  return IsoDate.daysBetween(from, end) + 1;
};
