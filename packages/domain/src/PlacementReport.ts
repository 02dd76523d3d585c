import { Array as Arr, Schema } from "effect";
import type { Label } from "./CodeList.js";
import * as IsoDate from "./IsoDate.js";
import { cosmStayNormMonths, isStayOverNorm } from "./Placement.js";
import { isWaiting, PlacementState, Urgency, urgencyCodeList } from "./PlacementRequest.js";
import * as ShelterKind from "./ShelterKind.js";
import type { Category, CountTable } from "./StatTable.js";
import {
  additiveComparisonTable,
  additiveOneWayTable,
  additiveTwoWayTable,
  categoryAxis,
  codeAxis,
  countBy,
  crossCount,
  sum,
} from "./TableBuilder.js";
import * as TargetGroup from "./TargetGroup.js";

/**
 * What the placement report needs of one placement request: when it was made, for whom, how urgent, where it stands
 * now, and, once a place was found, the start date and shelter kind of its first placement. Carries no identifiers
 * of the person.
 */
export const PlacementRequestFact = Schema.Struct({
  requestId: Schema.String,
  requestedOn: IsoDate.IsoDate,
  targetGroup: TargetGroup.TargetGroup,
  urgency: Urgency,
  state: PlacementState,
  /** The start date of the request's first placement; absent while no place has been found. */
  firstPlacedOn: Schema.optionalKey(IsoDate.IsoDate),
  /** The shelter kind of that first placement. */
  shelterKind: Schema.optionalKey(ShelterKind.ShelterKind),
});
export type PlacementRequestFact = typeof PlacementRequestFact.Type;

/**
 * What the placement report needs of one placement: the target group and shelter kind of the place, and its nights
 * as the half-open range [startsOn, endsOn), open-ended while the person stays.
 */
export const PlacementFact = Schema.Struct({
  placementId: Schema.String,
  requestId: Schema.String,
  targetGroup: TargetGroup.TargetGroup,
  shelterKind: ShelterKind.ShelterKind,
  startsOn: IsoDate.IsoDate,
  endsOn: Schema.optionalKey(IsoDate.IsoDate),
});
export type PlacementFact = typeof PlacementFact.Type;

/**
 * The shelter capacity of a period: the number of places for a target group in shelters of a kind that were
 * available throughout the period. Each place is available on every night of the period.
 */
export const CapacityFact = Schema.Struct({
  targetGroup: TargetGroup.TargetGroup,
  shelterKind: ShelterKind.ShelterKind,
  places: Schema.Int.check(Schema.isGreaterThanOrEqualTo(0)),
});
export type CapacityFact = typeof CapacityFact.Type;

/** What the placement report of the half-open period [from, to) is made from. */
export interface PlacementReportInput {
  readonly from: IsoDate.IsoDate;
  readonly to: IsoDate.IsoDate;
  readonly requests: ReadonlyArray<PlacementRequestFact>;
  readonly placements: ReadonlyArray<PlacementFact>;
  readonly capacity: ReadonlyArray<CapacityFact>;
}

const axisTitles = {
  targetGroup: { nl: "Doelgroep", en: "Target group" },
  urgency: { nl: "Urgentie", en: "Urgency" },
  shelterKind: { nl: "Soort opvang", en: "Kind of shelter" },
  outcome: { nl: "Uitkomst", en: "Outcome" },
  waitingTime: { nl: "Wachttijd", en: "Waiting time" },
  stay: { nl: "Verblijfsduur", en: "Length of stay" },
} as const satisfies Record<string, Label>;

const isInPeriod = (date: IsoDate.IsoDate, from: IsoDate.IsoDate, to: IsoDate.IsoDate): boolean =>
  !IsoDate.isBefore(date, from) && IsoDate.isBefore(date, to);

const laterOf = (a: IsoDate.IsoDate, b: IsoDate.IsoDate): IsoDate.IsoDate => (IsoDate.isAfter(a, b) ? a : b);
const earlierOf = (a: IsoDate.IsoDate, b: IsoDate.IsoDate): IsoDate.IsoDate => (IsoDate.isBefore(a, b) ? a : b);

/** The number of nights of the half-open period [from, to): 0 when it is empty. */
export const nightsOf = (from: IsoDate.IsoDate, to: IsoDate.IsoDate): number =>
  Math.max(0, IsoDate.daysBetween(from, to));

/**
 * The nights a placement occupies its place within [from, to): the overlap of its own nights [startsOn, endsOn) with
 * the period, an open-ended placement running to the end of the period.
 */
export const occupiedNightsIn = (
  placement: { readonly startsOn: IsoDate.IsoDate; readonly endsOn?: IsoDate.IsoDate | undefined },
  from: IsoDate.IsoDate,
  to: IsoDate.IsoDate,
): number =>
  nightsOf(laterOf(placement.startsOn, from), placement.endsOn === undefined ? to : earlierOf(placement.endsOn, to));

/** The outcome of a placement request, as it stands in the data. */
const outcomeCategories = [
  {
    code: "placed",
    label: {
      nl: "Geplaatst (ook als het verblijf inmiddels is beëindigd)",
      en: "Placed (including stays since ended)",
    },
  },
  { code: "waiting", label: { nl: "Wacht nog op een plaats", en: "Still waiting for a place" } },
  { code: "cancelled", label: { nl: "Geannuleerd", en: "Cancelled" } },
] as const satisfies Arr.NonEmptyReadonlyArray<Category>;
type Outcome = (typeof outcomeCategories)[number]["code"];

const outcomeOf = (state: PlacementState): Outcome => {
  if (state === "placed" || state === "ended") return "placed";
  if (isWaiting(state)) return "waiting";
  return "cancelled";
};

/** The waiting-time bands in days from request to first placement, each with the highest day it includes. */
const waitingBands = [
  { code: "days_0_1", highest: 1, label: { nl: "0-1 dag", en: "0-1 days" } },
  { code: "days_2_7", highest: 7, label: { nl: "2-7 dagen", en: "2-7 days" } },
  { code: "days_8_28", highest: 28, label: { nl: "8-28 dagen", en: "8-28 days" } },
  { code: "days_over_28", highest: Number.POSITIVE_INFINITY, label: { nl: "Meer dan 28 dagen", en: "Over 28 days" } },
] as const;
type WaitingBand = (typeof waitingBands)[number]["code"];

const waitingBandOf = (days: number): WaitingBand =>
  waitingBands.find((band) => days <= band.highest)?.code ?? "days_over_28";

const stayCategories = [
  {
    code: "over_norm",
    label: {
      nl: `Langer dan ${cosmStayNormMonths} maanden`,
      en: `Longer than ${cosmStayNormMonths} months`,
    },
  },
  {
    code: "within_norm",
    label: {
      nl: `Binnen ${cosmStayNormMonths} maanden`,
      en: `Within ${cosmStayNormMonths} months`,
    },
  },
] as const satisfies Arr.NonEmptyReadonlyArray<Category>;

/**
 * The tables of the placement report (opvangrapportage) of the half-open period [from, to), exact counts before
 * disclosure control, in this order:
 *
 * - `requests_by_target_group_and_urgency`: requests made in the period (`requestedOn` in it), target group by
 *   urgency, additive both ways.
 * - `requests_by_outcome`: the same requests by where they stand in the data: `placed` (placed, or placed and since
 *   ended), `waiting` (requested, searching, waitlisted, offered) or `cancelled`.
 * - `placements_by_shelter_kind`: placements starting in the period, by the kind of shelter.
 * - `waiting_time_bands`: requests first placed in the period (`firstPlacedOn` in it, whenever they were made), by the
 *   days from request to placement (0-1, 2-7, 8-28, over 28; a placement dated before its request counts as 0 days)
 *   and by urgency, additive both ways. The bands end at the waiting-time norms of the urgencies.
 * - `occupancy_by_target_group`: per target group the available place-nights (the places of the capacity facts
 *   times the nights of the period) and the occupied place-nights ({@link occupiedNightsIn}). Occupied nights are
 *   part of the available ones, so the columns do not add up; the rows do.
 * - `stays_over_norm`: COSM placements occupying a place on at least one night of the period, by whether the stay
 *   had gone beyond the norm of {@link cosmStayNormMonths} months on the last day of the period
 *   ({@link isStayOverNorm}).
 */
export const placementReportTables = (input: PlacementReportInput): ReadonlyArray<CountTable> => {
  const { from, to } = input;
  const requested = input.requests.filter((request) => isInPeriod(request.requestedOn, from, to));
  const placedInPeriod = input.requests.flatMap((request) =>
    request.firstPlacedOn !== undefined && isInPeriod(request.firstPlacedOn, from, to)
      ? [
          {
            urgency: request.urgency,
            days: Math.max(0, IsoDate.daysBetween(request.requestedOn, request.firstPlacedOn)),
          },
        ]
      : [],
  );
  const nights = nightsOf(from, to);
  const lastNight = IsoDate.addDays(to, -1);
  const cosmStays = input.placements.filter(
    (placement) => placement.shelterKind === "cosm" && occupiedNightsIn(placement, from, to) > 0,
  );
  const targetGroups = TargetGroup.codeList.codes;
  const urgencies = urgencyCodeList.codes;
  const available = targetGroups.map(
    (group) => nights * sum(input.capacity.filter((fact) => fact.targetGroup === group).map((fact) => fact.places)),
  );
  const occupied = targetGroups.map((group) =>
    sum(
      input.placements
        .filter((placement) => placement.targetGroup === group)
        .map((placement) => occupiedNightsIn(placement, from, to)),
    ),
  );
  return [
    additiveTwoWayTable({
      id: "requests_by_target_group_and_urgency",
      title: {
        nl: "Opvangverzoeken naar doelgroep en urgentie",
        en: "Placement requests by target group and urgency",
      },
      unit: "requests",
      rows: codeAxis(TargetGroup.codeList, axisTitles.targetGroup),
      columns: codeAxis(urgencyCodeList, axisTitles.urgency),
      cells: crossCount(
        targetGroups,
        urgencies,
        requested,
        (request) => [request.targetGroup],
        (request) => request.urgency,
      ),
    }),
    additiveOneWayTable({
      id: "requests_by_outcome",
      title: { nl: "Opvangverzoeken naar uitkomst", en: "Placement requests by outcome" },
      unit: "requests",
      rows: categoryAxis("outcome", axisTitles.outcome, outcomeCategories),
      counts: countBy(
        outcomeCategories.map((category) => category.code),
        requested,
        (request) => [outcomeOf(request.state)],
      ),
    }),
    additiveOneWayTable({
      id: "placements_by_shelter_kind",
      title: { nl: "Gestarte plaatsingen naar soort opvang", en: "Placements started by kind of shelter" },
      unit: "placements",
      rows: codeAxis(ShelterKind.codeList, axisTitles.shelterKind),
      counts: countBy(
        ShelterKind.codeList.codes,
        input.placements.filter((placement) => isInPeriod(placement.startsOn, from, to)),
        (placement) => [placement.shelterKind],
      ),
    }),
    additiveTwoWayTable({
      id: "waiting_time_bands",
      title: {
        nl: "Geplaatste opvangverzoeken naar wachttijd en urgentie",
        en: "Placed requests by waiting time and urgency",
      },
      unit: "requests",
      rows: categoryAxis(
        "waiting_time",
        axisTitles.waitingTime,
        Arr.map(waitingBands, ({ code, label }): Category => ({ code, label })),
      ),
      columns: codeAxis(urgencyCodeList, axisTitles.urgency),
      cells: crossCount(
        waitingBands.map((band) => band.code),
        urgencies,
        placedInPeriod,
        (placed) => [waitingBandOf(placed.days)],
        (placed) => placed.urgency,
      ),
    }),
    additiveComparisonTable({
      id: "occupancy_by_target_group",
      title: { nl: "Bezetting naar doelgroep", en: "Occupancy by target group" },
      unit: "place_nights",
      rows: codeAxis(TargetGroup.codeList, axisTitles.targetGroup),
      columns: categoryAxis("measure", { nl: "Maat", en: "Measure" }, [
        { code: "available", label: { nl: "Beschikbare plaatsnachten", en: "Available place-nights" } },
        { code: "occupied", label: { nl: "Bezette plaatsnachten", en: "Occupied place-nights" } },
      ]),
      counts: [available, occupied],
    }),
    additiveOneWayTable({
      id: "stays_over_norm",
      title: {
        nl: `Verblijven in de COSM langer dan ${cosmStayNormMonths} maanden`,
        en: `Stays in COSM longer than ${cosmStayNormMonths} months`,
      },
      unit: "placements",
      rows: categoryAxis("stay", axisTitles.stay, stayCategories),
      counts: countBy(
        stayCategories.map((category) => category.code),
        cosmStays,
        (placement) => [isStayOverNorm(placement, "cosm", lastNight) ? "over_norm" : "within_norm"],
      ),
    }),
  ];
};

/** The title of the placement report of [from, to), naming the first and the last day it covers. */
export const placementReportTitle = (from: IsoDate.IsoDate, to: IsoDate.IsoDate): Label => {
  const last = IsoDate.addDays(to, -1);
  return {
    nl: `Opvang van mogelijke slachtoffers van mensenhandel, ${from} tot en met ${last}`,
    en: `Shelter of possible victims of human trafficking, ${from} to ${last} inclusive`,
  };
};

/** The notes every placement report carries: what is counted in the period, and how place-nights are counted. */
export const placementReportNotes: ReadonlyArray<Label> = [
  {
    nl: "Opvangverzoeken tellen mee in de periode waarin ze zijn gedaan, met hun uitkomst zoals die nu in de gegevens staat; wachttijden gelden voor verzoeken die in de periode voor het eerst zijn geplaatst.",
    en: "Placement requests count in the period in which they were made, with their outcome as it now stands in the data; waiting times are those of requests first placed in the period.",
  },
  {
    nl: "Elke nacht van de periode telt voor elke plaats één keer: beschikbaar als de plaats bestond, bezet als iemand er die nacht verbleef (een verblijf eindigt op de vertrekdatum zelf).",
    en: "Each night of the period counts once for each place: available when the place existed, occupied when someone stayed there that night (a stay ends on the day of departure itself).",
  },
  {
    nl: `Een verblijf in de COSM is langer dan de norm als de bewoner er ${cosmStayNormMonths} kalendermaanden na de startdatum nog verbleef, uiterlijk op de laatste dag van de periode.`,
    en: `A stay in COSM is over the norm when the resident was still there ${cosmStayNormMonths} calendar months after the start date, at the latest on the last day of the period.`,
  },
];
