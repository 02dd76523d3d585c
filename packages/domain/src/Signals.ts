import { Schema } from "effect";
import * as IsoDate from "./IsoDate.js";
import { isStayOverNorm, PlacementId } from "./Placement.js";
import { isWaiting, PlacementRequestId, type PlacementState, type Urgency } from "./PlacementRequest.js";
import * as ReflectionPeriod from "./ReflectionPeriod.js";
import type { ShelterKind } from "./ShelterKind.js";
import { TargetGroup } from "./TargetGroup.js";

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

/** A stay in COSM has gone beyond 3 months; `requestId` is the placement request it placed, for the coordinator. */
export const CosmStayOverNorm = Schema.Struct({
  kind: Schema.tag("cosm_stay_over_norm"),
  placementId: PlacementId,
  requestId: PlacementRequestId,
  startsOn: IsoDate.IsoDate,
});

/** Requests for a target group wait for a place while no place for that group is free tonight. */
export const NoCapacity = Schema.Struct({
  kind: Schema.tag("no_capacity"),
  targetGroup: TargetGroup,
  /** How many requests for the group wait for a place (requested, searching or waitlisted). */
  waiting: Schema.Int,
});

/**
 * Follow-up tasks are open past their due date: how many, and nothing else (no task, person or owner), so the count
 * may go to policy staff as it is. Each coordinator finds their own on their worklist.
 */
export const FollowUpsOverdue = Schema.Struct({
  kind: Schema.tag("follow_ups_overdue"),
  count: Schema.Int,
});

/**
 * Signal (knelpunt): a bottleneck derived from the data for coordinators and policy staff, discriminated by `kind`
 * and naming the request, placement or target group it is about (overdue follow-ups only by their number).
 */
export const Signal = Schema.Union([
  WaitingOverNorm,
  ReflectionExpiresWhileWaiting,
  CosmStayOverNorm,
  NoCapacity,
  FollowUpsOverdue,
]).pipe(Schema.toTaggedUnion("kind"));
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
  readonly targetGroup: TargetGroup;
  readonly requestedOn: IsoDate.IsoDate;
  /** The reflection period of the person, from the registration the request is for. */
  readonly reflectionPeriod?: ReflectionPeriod.ReflectionPeriod | undefined;
}

/** What the signals need to know about a placement: its dates and the kind of its shelter. */
export interface StayingPlacement {
  readonly id: PlacementId;
  readonly requestId: PlacementRequestId;
  readonly startsOn: IsoDate.IsoDate;
  readonly endsOn?: IsoDate.IsoDate | undefined;
  readonly shelterKind: ShelterKind;
  /** The target group of the request it placed, for the policy summary; absent when unknown. */
  readonly targetGroup?: TargetGroup | undefined;
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
      ? [
          CosmStayOverNorm.make({
            placementId: placement.id,
            requestId: placement.requestId,
            startsOn: placement.startsOn,
          }),
        ]
      : [],
  );

/** What the capacity signal needs to know about a place of an open shelter: its target group, and whether it is free. */
export interface TonightsPlace {
  readonly targetGroup: TargetGroup;
  readonly isFree: boolean;
}

/**
 * A signal for each target group with requests still looking for a place (requested, searching or waitlisted: an
 * `offered` request has one on offer) while none of `places` for that group is free, in the order of the code list.
 */
export const noCapacity = (
  requests: ReadonlyArray<WaitingRequest>,
  places: ReadonlyArray<TonightsPlace>,
): ReadonlyArray<typeof NoCapacity.Type> =>
  TargetGroup.literals.flatMap((targetGroup) => {
    const waiting = requests.filter(
      (request) => request.targetGroup === targetGroup && isWaiting(request.state) && request.state !== "offered",
    ).length;
    const hasFreePlace = places.some((place) => place.targetGroup === targetGroup && place.isFree);
    return waiting > 0 && !hasFreePlace ? [NoCapacity.make({ targetGroup, waiting })] : [];
  });

/** One signal with the number of overdue follow-up tasks, when there are any; none otherwise. */
export const followUpsOverdue = (count: number): ReadonlyArray<typeof FollowUpsOverdue.Type> =>
  count > 0 ? [FollowUpsOverdue.make({ count })] : [];

/**
 * Every signal on `today`, with the default norms: waiting, reflection, COSM stays, target groups without a free
 * place tonight (`places`: every place of an open shelter, free tonight or not), and the number of follow-up tasks
 * overdue (`overdueFollowUps`, counted by the caller with `FollowUp.isOverdue`).
 */
export const deriveSignals = (
  input: {
    readonly requests: ReadonlyArray<WaitingRequest>;
    readonly placements: ReadonlyArray<StayingPlacement>;
    readonly places: ReadonlyArray<TonightsPlace>;
    readonly overdueFollowUps?: number | undefined;
  },
  today: IsoDate.IsoDate,
): ReadonlyArray<Signal> => [
  ...noCapacity(input.requests, input.places),
  ...waitingOverNorm(input.requests, today),
  ...reflectionExpiresWhileWaiting(input.requests, today),
  ...cosmStayOverNorm(input.placements, today),
  ...followUpsOverdue(input.overdueFollowUps ?? 0),
];

/**
 * One row of the summary policy staff see instead of the signals: how many requests (or placements, for COSM stays)
 * a kind of signal concerns in one target group, with no id, date or other trace of a single case. `targetGroup` is
 * null where it is not known (a placement whose request's group was not found) or not one (overdue follow-ups).
 */
export const SignalSummaryRow = Schema.Struct({
  kind: Schema.Literals([
    "waiting_over_norm",
    "reflection_expires_while_waiting",
    "cosm_stay_over_norm",
    "no_capacity",
    "follow_ups_overdue",
  ]),
  targetGroup: Schema.NullOr(TargetGroup),
  count: Schema.Int,
}).annotate({ identifier: "SignalSummaryRow" });
export type SignalSummaryRow = typeof SignalSummaryRow.Type;

/**
 * The signals as counts per kind and target group, in the order of the kinds in {@link deriveSignals} and then of the
 * target groups' code list (unknown last): `no_capacity` counts the requests waiting, `follow_ups_overdue` the
 * tasks (with no target group), the others one per request or placement. Signals of requests or placements not in `input` (none, when both come from the same data) are left out.
 */
export const summariseSignals = (
  signals: ReadonlyArray<Signal>,
  input: {
    readonly requests: ReadonlyArray<Pick<WaitingRequest, "id" | "targetGroup">>;
    readonly placements: ReadonlyArray<Pick<StayingPlacement, "id" | "targetGroup">>;
  },
): ReadonlyArray<SignalSummaryRow> => {
  const requestGroups = new Map<string, TargetGroup>(
    input.requests.map((request) => [request.id, request.targetGroup]),
  );
  const placementGroups = new Map<string, TargetGroup | null>(
    input.placements.map((placement) => [placement.id, placement.targetGroup ?? null]),
  );
  const counts = new Map<string, SignalSummaryRow>();
  const add = (kind: SignalSummaryRow["kind"], targetGroup: TargetGroup | null, count: number) => {
    const key = `${kind}|${targetGroup ?? ""}`;
    const counted = counts.get(key);
    counts.set(key, { kind, targetGroup, count: (counted?.count ?? 0) + count });
  };
  for (const signal of signals) {
    switch (signal.kind) {
      case "no_capacity":
        add(signal.kind, signal.targetGroup, signal.waiting);
        break;
      case "waiting_over_norm":
      case "reflection_expires_while_waiting": {
        const group = requestGroups.get(signal.requestId);
        if (group !== undefined) add(signal.kind, group, 1);
        break;
      }
      case "cosm_stay_over_norm": {
        const group = placementGroups.get(signal.placementId);
        if (group !== undefined) add(signal.kind, group, 1);
        break;
      }
      case "follow_ups_overdue":
        add(signal.kind, null, signal.count);
        break;
    }
  }
  const kinds: ReadonlyArray<SignalSummaryRow["kind"]> = [
    "no_capacity",
    "waiting_over_norm",
    "reflection_expires_while_waiting",
    "cosm_stay_over_norm",
    "follow_ups_overdue",
  ];
  const groupRank = (group: TargetGroup | null) =>
    group === null ? TargetGroup.literals.length : TargetGroup.literals.indexOf(group);
  return [...counts.values()].sort(
    (a, b) => kinds.indexOf(a.kind) - kinds.indexOf(b.kind) || groupRank(a.targetGroup) - groupRank(b.targetGroup),
  );
};
