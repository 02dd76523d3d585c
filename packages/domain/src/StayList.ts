import { Schema } from "effect";
import * as IsoDate from "./IsoDate.js";
import * as Weeks from "./labels/IsoWeek.js";
import { PersonId } from "./Person.js";
import { PlacementId } from "./Placement.js";
import { RegistrationId } from "./Registration.js";
import { ShelterId } from "./Shelter.js";

/** An ISO 8601 week that exists, as `YYYY-Www` (`2026-W02`): Monday to Sunday. */
export const IsoWeek = Schema.String.check(
  Schema.makeFilter((value: string) => Weeks.isIsoWeek(value), {
    expected: "an ISO week as YYYY-Www that exists, such as 2026-W02",
  }),
);
export type IsoWeek = typeof IsoWeek.Type;

/** The week a date falls in. */
export const weekOf = (date: IsoDate.IsoDate): IsoWeek => Weeks.weekOf(date);

/** The first (Monday) and last (Sunday) day of a week. */
export const daysOf = (week: IsoWeek): { readonly from: IsoDate.IsoDate; readonly to: IsoDate.IsoDate } => {
  const days = Weeks.daysOf(week);
  return { from: IsoDate.make(days.from), to: IsoDate.make(days.to) };
};

/**
 * One stay on a shelter's weekly list: the person, the report they were placed from, the placement's dates, how many
 * nights they had stayed by the end of the week (from the start, at most up to the end of the stay) and how many of
 * those nights fell in the week, and their open follow-up tasks due by the end of the week.
 */
export const StayListRow = Schema.Struct({
  personId: PersonId,
  registrationId: RegistrationId,
  placementId: PlacementId,
  startsOn: IsoDate.IsoDate,
  endsOn: Schema.NullOr(IsoDate.IsoDate),
  daysStayed: Schema.Int,
  daysInWeek: Schema.Int,
  openFollowUpsDue: Schema.Int,
  nextFollowUpDueOn: Schema.NullOr(IsoDate.IsoDate),
}).annotate({ identifier: "StayListRow" });
export type StayListRow = typeof StayListRow.Type;

/** The weekly stay list of a shelter: every stay that held one of its places on a night of the week. */
export const StayList = Schema.Struct({
  shelterId: ShelterId,
  week: IsoWeek,
  from: IsoDate.IsoDate,
  to: IsoDate.IsoDate,
  rows: Schema.Array(StayListRow),
}).annotate({ identifier: "StayList" });
export type StayList = typeof StayList.Type;

/** What the list needs to know about a stay: its placement with its half-open dates [startsOn, endsOn). */
export interface Stay {
  readonly personId: PersonId;
  readonly registrationId: RegistrationId;
  readonly placementId: PlacementId;
  readonly startsOn: IsoDate.IsoDate;
  readonly endsOn?: IsoDate.IsoDate | undefined;
}

const earlier = (a: IsoDate.IsoDate, b: IsoDate.IsoDate) => (IsoDate.isBefore(a, b) ? a : b);
const later = (a: IsoDate.IsoDate, b: IsoDate.IsoDate) => (IsoDate.isAfter(a, b) ? a : b);

/**
 * The rows of a week's list from the stays of a shelter and the open tasks of their persons: the stays that hold a
 * place on at least one night of the week (half-open, so one ending on Monday held Sunday's night of the week
 * before and is left out), by start date then placement. Nights count [startsOn, endsOn): a stay from Monday to
 * Wednesday is 2 nights.
 */
export const stayListRows = (
  week: IsoWeek,
  stays: ReadonlyArray<Stay>,
  openTasks: ReadonlyArray<{ readonly personId: PersonId; readonly dueOn: IsoDate.IsoDate }>,
): ReadonlyArray<StayListRow> => {
  const { from, to } = daysOf(week);
  const afterWeek = IsoDate.addDays(to, 1);
  return stays
    .flatMap((stay) => {
      const leaves = stay.endsOn === undefined ? afterWeek : earlier(stay.endsOn, afterWeek);
      const daysInWeek = IsoDate.daysBetween(later(stay.startsOn, from), leaves);
      if (daysInWeek <= 0) return [];
      const due = openTasks
        .filter((task) => task.personId === stay.personId && !IsoDate.isAfter(task.dueOn, to))
        .map((task) => task.dueOn)
        .sort(IsoDate.compare);
      return [
        {
          personId: stay.personId,
          registrationId: stay.registrationId,
          placementId: stay.placementId,
          startsOn: stay.startsOn,
          endsOn: stay.endsOn ?? null,
          daysStayed: IsoDate.daysBetween(stay.startsOn, leaves),
          daysInWeek,
          openFollowUpsDue: due.length,
          nextFollowUpDueOn: due[0] ?? null,
        },
      ];
    })
    .sort((a, b) => IsoDate.compare(a.startsOn, b.startsOn) || (a.placementId < b.placementId ? -1 : 1));
};
