import { Placement, PlacementRequest } from "@comensha/domain/labels";
import { ApiError, type PlaceAvailability, type PlacementState, ProblemTypes } from "@comensha/sdk";

/** The states of the request queue, in the order of its tabs: the open states first, then the closed ones. */
export const queueStates: ReadonlyArray<PlacementState> = [
  "requested",
  "searching",
  "waitlisted",
  "offered",
  "placed",
  "ended",
  "cancelled",
];

/**
 * How the queue lists a state: requests still waiting for a place most urgent first and then longest waiting (what a
 * coordinator takes next); placed, ended and cancelled ones newest first.
 */
export const queueOrderOf = (state: PlacementState): "urgency" | "newest" =>
  state === "placed" || state === "ended" || state === "cancelled" ? "newest" : "urgency";

/** The state the queue opens on: new requests, the first thing to look at during a night call. */
export const defaultQueueState: PlacementState = "requested";

/** The queue state a `?state=` value names, or {@link defaultQueueState} when it names none. */
export const parseQueueState = (value: unknown): PlacementState => {
  const raw = Array.isArray(value) ? value[0] : value;
  return queueStates.find((state) => state === raw) ?? defaultQueueState;
};

const isoDatePattern = /^\d{4}-\d{2}-\d{2}$/;

/** Whether `value` is a real calendar date written `YYYY-MM-DD`. */
export const isIsoDate = (value: string): boolean => {
  if (!isoDatePattern.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
};

const dayMs = 86_400_000;

/** The date `days` days after `date` (both `YYYY-MM-DD`). */
export const addDays = (date: string, days: number): string =>
  new Date(Date.parse(`${date}T00:00:00Z`) + days * dayMs).toISOString().slice(0, 10);

/** Whole days from `from` to `to` (negative when `to` comes first). */
export const daysBetween = (from: string, to: string): number =>
  Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / dayMs);

/**
 * How many days a request has waited on `today`, counted from `requestedOn`; `undefined` once it no longer waits
 * (placed, ended, cancelled), since the waiting time then says nothing.
 */
export const waitingDays = (
  request: { readonly state: PlacementState; readonly requestedOn: string },
  today: string,
): number | undefined =>
  PlacementRequest.isWaiting(request.state) ? Math.max(0, daysBetween(request.requestedOn, today)) : undefined;

/**
 * The first day a placement that started on `startsOn` can end: the day after (the API refuses an end on or before the
 * start, `EndBeforeStart`: a stay is at least one night).
 */
export const earliestEndDate = (startsOn: string): string => addDays(startsOn, 1);

/**
 * The end date the form proposes: today, or the earliest end when today is too early for it (a placement that began
 * tonight ends tomorrow at the soonest); today when the start is not known.
 */
export const defaultEndDate = (startsOn: string | undefined, today: string): string => {
  if (startsOn === undefined) return today;
  const earliest = earliestEndDate(startsOn);
  return earliest > today ? earliest : today;
};

/** Whether `endsOn` is a day the API accepts as the end of a placement that started on `startsOn` (when known). */
export const isEndAfterStart = (endsOn: string, startsOn: string | undefined): boolean =>
  startsOn === undefined || endsOn >= earliestEndDate(startsOn);

/** Free and total places of one target group. */
export interface GroupCapacity {
  readonly free: number;
  readonly places: number;
}

/** One shelter location on the capacity board: its free and total places per target group. */
export interface ShelterCapacity {
  readonly shelterId: string;
  readonly shelterName: string;
  readonly shelterKind: string;
  readonly region: string;
  readonly free: number;
  readonly places: number;
  readonly groups: Readonly<Record<string, GroupCapacity>>;
}

/**
 * The capacity board's rows: the places of the availability answer grouped per shelter, counted per target group.
 * Shelters with free places come first, then by name, so a coordinator sees where there is room at a glance.
 */
export const capacityByShelter = (places: ReadonlyArray<PlaceAvailability>): ReadonlyArray<ShelterCapacity> => {
  const shelters = new Map<string, ShelterCapacity>();
  for (const place of places) {
    const current = shelters.get(place.shelterId) ?? {
      shelterId: place.shelterId,
      shelterName: place.shelterName,
      shelterKind: place.shelterKind,
      region: place.region,
      free: 0,
      places: 0,
      groups: {},
    };
    const group = current.groups[place.targetGroup] ?? { free: 0, places: 0 };
    const isFree = place.free ? 1 : 0;
    shelters.set(place.shelterId, {
      ...current,
      free: current.free + isFree,
      places: current.places + 1,
      groups: { ...current.groups, [place.targetGroup]: { free: group.free + isFree, places: group.places + 1 } },
    });
  }
  return [...shelters.values()].sort(
    (a, b) => Number(b.free > 0) - Number(a.free > 0) || a.shelterName.localeCompare(b.shelterName, "nl"),
  );
};

/** The choices for how long an offer stays open, in hours. */
export const offerExpiryHours: ReadonlyArray<number> = [1, 4, 12, 24, 72];

/** How long an offer stays open unless the coordinator chooses otherwise: long enough for a call back tonight. */
export const defaultOfferExpiryHours = 4;

/** When an offer made at `now` lapses after `hours`: a UTC timestamp, as the API takes it. */
export const offerExpiresAt = (now: Date, hours: number): string =>
  new Date(now.getTime() + hours * 3_600_000).toISOString();

/** The shortest reason a COSM override needs. */
export const minOverrideReasonLength = Placement.minOverrideReasonLength;

/** The trimmed override reason, `undefined` when left empty, or `"too_short"` when it is under the minimum. */
export const parseOverrideReason = (value: string): { reason: string } | undefined | "too_short" => {
  const reason = value.trim();
  if (reason === "") return undefined;
  return reason.length < minOverrideReasonLength ? "too_short" : { reason };
};

/** What a coordinator can do to a request; the system's `OfferExpired` is not one of them. */
export type RequestAction = "startSearch" | "waitlist" | "offer" | "accept" | "decline" | "end" | "cancel";

const actionOfEvent: { readonly [E in PlacementRequest.PlacementEventTag]: RequestAction | undefined } = {
  StartSearch: "startSearch",
  Waitlist: "waitlist",
  Offer: "offer",
  Accept: "accept",
  DeclineOffer: "decline",
  OfferExpired: undefined,
  End: "end",
  Cancel: "cancel",
};

/** The actions the state allows, from the domain's state machine, in the order of its transition table. */
export const actionsFor = (state: PlacementState): ReadonlyArray<RequestAction> =>
  PlacementRequest.allowedEvents(state).flatMap((event) => {
    const action = actionOfEvent[event];
    return action === undefined ? [] : [action];
  });

/**
 * Why a write was refused with `409`: the place was booked by another request (`place_taken`), the open offer has
 * lapsed (`offer_lapsed`), the request is in another state than the page showed (`state_changed`: someone else acted,
 * or there is no open offer or placement), the place's shelter has closed (`shelter_closed`), or the same write is
 * still being processed (`in_flight`).
 */
export type ConflictKind = "place_taken" | "offer_lapsed" | "shelter_closed" | "state_changed" | "in_flight" | "other";

/** The {@link ConflictKind} of an error, or `undefined` when it is not a `409`. */
export const conflictOf = (error: unknown): ConflictKind | undefined => {
  if (!(error instanceof ApiError) || error.status !== 409) return undefined;
  if (error.type === ProblemTypes.placeAlreadyBooked) return "place_taken";
  if (error.type === ProblemTypes.idempotencyInFlight) return "in_flight";
  if (error.type === ProblemTypes.offerExpired) return "offer_lapsed";
  if (error.type === ProblemTypes.shelterClosed) return "shelter_closed";
  if (error.type === ProblemTypes.invalidState) return "state_changed";
  return "other";
};
