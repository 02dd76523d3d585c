import { Result, Schema } from "effect";
import * as CodeList from "./CodeList.js";
import { IsoDate } from "./IsoDate.js";
import * as Labels from "./labels/PlacementRequest.js";
import { OrganisationId } from "./Organisation.js";
import { PersonId } from "./Person.js";
import { PoliceRegion } from "./PoliceRegion.js";
import { RegistrationId } from "./Registration.js";
import { PlaceId, SecurityLevel } from "./Shelter.js";
import { TargetGroup } from "./TargetGroup.js";
import { UnreadableFields } from "./Unreadable.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a placement request. */
export const PlacementRequestId = Uuid.pipe(Schema.brand("PlacementRequestId"));
export type PlacementRequestId = typeof PlacementRequestId.Type;

/** The list of `labels/PlacementRequest.ts` (written without Effect, for the console) with its codes' schema. */
export const urgencyCodeList = CodeList.withSchema(Labels.urgencyCodeList);

/** How soon the person needs a place: tonight, this week, or at a planned moment. */
export const Urgency = urgencyCodeList.schema;
export type Urgency = typeof Urgency.Type;

/** The urgencies, most urgent first: the order of the coordinator's queue. */
export const urgenciesMostUrgentFirst: ReadonlyArray<Urgency> = ["tonight", "this_week", "planned"];

/**
 * How a list of placement requests is ordered: `newest` first (by creation), or `urgency` for the coordinator's queue:
 * the most urgent first, and within one urgency the request that has waited longest first.
 */
export const ListOrder = Schema.Literals(["newest", "urgency"]);
export type ListOrder = typeof ListOrder.Type;

/** A language the person speaks, as an ISO 639-1 code in lower case (`nl`, `en`, `ro`, `ti`). */
export const LanguageCode = Schema.String.check(
  Schema.isPattern(/^[a-z]{2}$/, { expected: "an ISO 639-1 language code such as nl or en" }),
);
export type LanguageCode = typeof LanguageCode.Type;

/**
 * What a place must offer the person: the target group, how many children come along, urgency, the security level
 * needed, the languages the person speaks (up to 5, no repeats), whether the place must be accessible, and short
 * medical needs. Medical needs are personal data: redacted, so they never print in logs or errors.
 */
export const PlacementNeeds = Schema.Struct({
  targetGroup: TargetGroup,
  children: Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 0, maximum: 12 }))),
  urgency: Urgency,
  security: SecurityLevel,
  languages: Schema.Array(LanguageCode).pipe(Schema.check(Schema.isMaxLength(5)), Schema.check(Schema.isUnique())),
  accessible: Schema.optionalKey(Schema.Boolean),
  medicalNeeds: Schema.optionalKey(
    Schema.RedactedFromValue(Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 500)))),
  ),
});
export type PlacementNeeds = typeof PlacementNeeds.Type;

/**
 * Where a placement request stands (see {@link transition}): `requested` by a partner or a coordinator; a coordinator
 * is `searching` for a place, or has put it on the waiting list (`waitlisted`); a place is `offered`; the person is
 * `placed`; the placement has `ended`; or the request was `cancelled`.
 */
export const PlacementState = Schema.Literals(Labels.placementStates);
export type PlacementState = typeof PlacementState.Type;

/** Who asked for the place: the partner that registered the person, or a CoMensha coordinator. */
export const Requester = Schema.Literals(["partner", "coordinator"]);
export type Requester = typeof Requester.Type;

/** What a new placement request is made of: the registration it is for, the needs, and a preferred region. */
export const NewPlacementRequest = Schema.Struct({
  registrationId: RegistrationId,
  needs: PlacementNeeds,
  preferredRegion: Schema.optionalKey(PoliceRegion),
});
export type NewPlacementRequest = typeof NewPlacementRequest.Type;

/**
 * Placement request (opvangverzoek): a request for first shelter for a person, tied to one registration and its
 * consent to share with a shelter. `organisationId` owns it (the registering partner), so a partner sees its own
 * requests only. `requestedOn` starts the waiting time.
 */
export class PlacementRequest extends Schema.Class<PlacementRequest>("PlacementRequest")({
  ...NewPlacementRequest.fields,
  id: PlacementRequestId,
  personId: PersonId,
  organisationId: OrganisationId,
  requestedBy: Requester,
  requestedOn: IsoDate,
  state: PlacementState,
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  createdAt: Schema.String,
  updatedAt: Schema.String,
  /** Fields whose stored value does not decrypt with the server's keys (`needs.medicalNeeds`); absent when read. */
  unreadable: Schema.optionalKey(UnreadableFields),
}) {}

/** No placement request with this id is visible to the caller. */
export class PlacementRequestNotFound extends Schema.TaggedError<PlacementRequestNotFound>()(
  "PlacementRequestNotFound",
  { id: Schema.String },
) {}

/** A UTC instant as an ISO 8601 timestamp, e.g. `2026-11-20T18:00:00Z` or `2026-11-20T18:00:00.000Z`. */
export const UtcInstant = Schema.String.check(
  Schema.isPattern(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, {
    expected: "a UTC timestamp such as 2026-11-20T18:00:00Z",
  }),
  Schema.makeFilter((value) => !Number.isNaN(Date.parse(value)), { expected: "a real UTC timestamp" }),
);
export type UtcInstant = typeof UtcInstant.Type;

/**
 * What happens to a placement request. `Offer` names the place and its start date and when the offer lapses; `End`
 * names the end date (the reason is recorded on the placement). The other events carry nothing.
 */
export const PlacementEvent = Schema.TaggedUnion({
  StartSearch: {},
  Waitlist: {},
  Offer: { placeId: PlaceId, startsOn: IsoDate, expiresAt: UtcInstant },
  Accept: {},
  DeclineOffer: {},
  OfferExpired: {},
  End: { endsOn: IsoDate },
  Cancel: {},
});
export type PlacementEvent = typeof PlacementEvent.Type;

/** The kinds of {@link PlacementEvent}, in the order of the transition table. */
export const PlacementEventTag = Schema.Literals(Labels.placementEventTags);
export type PlacementEventTag = typeof PlacementEventTag.Type;

/** The event is not allowed in the request's current state; the API answers 409 with the current state. */
export class IllegalTransition extends Schema.TaggedError<IllegalTransition>()("IllegalTransition", {
  from: PlacementState,
  event: PlacementEventTag,
}) {}

/**
 * The state machine of a placement request: the state after `event`, or an {@link IllegalTransition} carrying the
 * current state. Pure; the caller stores the new state and the offer or placement the event names.
 *
 * | from \ event | StartSearch | Waitlist   | Offer   | Accept | DeclineOffer | OfferExpired | End   | Cancel    |
 * |--------------|-------------|------------|---------|--------|--------------|--------------|-------|-----------|
 * | requested    | searching   | waitlisted | -       | -      | -            | -            | -     | cancelled |
 * | searching    | -           | waitlisted | offered | -      | -            | -            | -     | cancelled |
 * | waitlisted   | searching   | -          | offered | -      | -            | -            | -     | cancelled |
 * | offered      | -           | -          | -       | placed | searching    | searching    | -     | cancelled |
 * | placed       | -           | -          | -       | -      | -            | -            | ended | -         |
 * | ended        | -           | -          | -       | -      | -            | -            | -     | -         |
 * | cancelled    | -           | -          | -       | -      | -            | -            | -     | -         |
 *
 * A coordinator picks a request up (`StartSearch`) before offering, and may offer straight from the waiting list.
 * A declined or lapsed offer returns the request to `searching`. A placed person leaves by `End`, never by `Cancel`;
 * `ended` and `cancelled` are final.
 */
export const transition = (
  state: PlacementState,
  event: { readonly _tag: PlacementEventTag },
): Result.Result<PlacementState, IllegalTransition> => {
  const next = Labels.nextState(state, event._tag);
  return next === undefined
    ? Result.fail(new IllegalTransition({ from: state, event: event._tag }))
    : Result.succeed(next);
};

export { allowedEvents, isFinal, isWaiting } from "./labels/PlacementRequest.js";
