import { Schema } from "effect";
import * as IsoDate from "./IsoDate.js";
import { isStayOverNorm, PlacementId } from "./Placement.js";
import { isWaiting, PlacementRequestId, type PlacementState, type Urgency } from "./PlacementRequest.js";
import * as ReflectionPeriod from "./ReflectionPeriod.js";
import type { ShelterKind } from "./ShelterKind.js";

/** A request has waited for a place longer than the norm for its urgency. */
export const WaitingOverNorm = Schema.Struct({
  kind: Schema.tag("waiting_over_norm"),
  requestId: PlacementRequestId,
  daysWaiting: Schema.Int,
  normDays: Schema.Int,
});

/** The person's reflection period expires (or has expired) while their request still waits for a place. */
export const ReflectionExpiresWhileWaiting = Schema.Struct({
  kind: Schema.tag("reflection_expires_while_waiting"),
  requestId: PlacementRequestId,
  expiresOn: IsoDate.IsoDate,
});

/** A stay in COSM has gone beyond 3 months. */
export const CosmStayOverNorm = Schema.Struct({
  kind: Schema.tag("cosm_stay_over_norm"),
  placementId: PlacementId,
  startsOn: IsoDate.IsoDate,
});

/**
 * Signal (knelpunt): a bottleneck derived from the data for coordinators and policy staff, discriminated by `kind`
 * and naming the request or placement it is about.
 */
export const Signal = Schema.Union([WaitingOverNorm, ReflectionExpiresWhileWaiting, CosmStayOverNorm]).pipe(
  Schema.toTaggedUnion("kind"),
);
export type Signal = typeof Signal.Type;

/**
 * The waiting-time norms in days per urgency. A request waits from `requestedOn`; it is over the norm once it has
 * waited more days than this, so a `tonight` request still waiting two days later is flagged.
 */
export const defaultWaitingNorms: { readonly [U in Urgency]: number } = { tonight: 1, this_week: 7, planned: 28 };

/** How many days ahead a reflection period's end counts as expiring while the request waits. */
export const defaultReflectionHorizonDays = 7;

/** What the signals need to know about a placement request. */
export interface WaitingRequest {
  readonly id: PlacementRequestId;
  readonly state: PlacementState;
  readonly urgency: Urgency;
  readonly requestedOn: IsoDate.IsoDate;
  /** The reflection period of the person, from the registration the request is for. */
  readonly reflectionPeriod?: ReflectionPeriod.ReflectionPeriod | undefined;
}

/** What the signals need to know about a placement: its dates and the kind of its shelter. */
export interface StayingPlacement {
  readonly id: PlacementId;
  readonly startsOn: IsoDate.IsoDate;
  readonly endsOn?: IsoDate.IsoDate | undefined;
  readonly shelterKind: ShelterKind;
}

/**
 * A signal for each request still waiting ({@link isWaiting}) on `today` that has waited more days than the norm for
 * its urgency ({@link defaultWaitingNorms}).
 */
export const waitingOverNorm = (
  requests: ReadonlyArray<WaitingRequest>,
  today: IsoDate.IsoDate,
  norms: { readonly [U in Urgency]: number } = defaultWaitingNorms,
): ReadonlyArray<typeof WaitingOverNorm.Type> =>
  requests.flatMap((request) => {
    if (!isWaiting(request.state)) return [];
    const daysWaiting = IsoDate.daysBetween(request.requestedOn, today);
    const normDays = norms[request.urgency];
    return daysWaiting > normDays ? [WaitingOverNorm.make({ requestId: request.id, daysWaiting, normDays })] : [];
  });

/**
 * A signal for each request still waiting on `today` whose person's reflection period ends while it waits: its last
 * day ({@link ReflectionPeriod.endOf}) is on or after the request date and no more than `horizonDays` after today
 * (already expired ones included, as long as they expired after the request was made).
 */
export const reflectionExpiresWhileWaiting = (
  requests: ReadonlyArray<WaitingRequest>,
  today: IsoDate.IsoDate,
  horizonDays: number = defaultReflectionHorizonDays,
): ReadonlyArray<typeof ReflectionExpiresWhileWaiting.Type> =>
  requests.flatMap((request) => {
    if (!isWaiting(request.state) || request.reflectionPeriod === undefined) return [];
    const expiresOn = ReflectionPeriod.endOf(request.reflectionPeriod);
    const isWithinWait =
      !IsoDate.isBefore(expiresOn, request.requestedOn) &&
      !IsoDate.isAfter(expiresOn, IsoDate.addDays(today, horizonDays));
    return isWithinWait ? [ReflectionExpiresWhileWaiting.make({ requestId: request.id, expiresOn })] : [];
  });

/** A signal for each COSM stay that is over its 3-month norm on `today` ({@link isStayOverNorm}). */
export const cosmStayOverNorm = (
  placements: ReadonlyArray<StayingPlacement>,
  today: IsoDate.IsoDate,
): ReadonlyArray<typeof CosmStayOverNorm.Type> =>
  placements.flatMap((placement) =>
    isStayOverNorm(placement, placement.shelterKind, today)
      ? [CosmStayOverNorm.make({ placementId: placement.id, startsOn: placement.startsOn })]
      : [],
  );

/** Every signal about requests and placements on `today`, with the default norms: waiting, reflection, COSM stays. */
export const deriveSignals = (
  input: { readonly requests: ReadonlyArray<WaitingRequest>; readonly placements: ReadonlyArray<StayingPlacement> },
  today: IsoDate.IsoDate,
): ReadonlyArray<Signal> => [
  ...waitingOverNorm(input.requests, today),
  ...reflectionExpiresWhileWaiting(input.requests, today),
  ...cosmStayOverNorm(input.placements, today),
];
