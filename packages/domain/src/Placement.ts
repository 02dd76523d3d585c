import { Schema } from "effect";
import { ageOn } from "./AgeGroup.js";
import * as CodeList from "./CodeList.js";
import * as IsoDate from "./IsoDate.js";
import * as Labels from "./labels/Placement.js";
import type { Nationality } from "./Nationality.js";
import { PlacementRequestId, UtcInstant } from "./PlacementRequest.js";
import * as ReflectionPeriod from "./ReflectionPeriod.js";
import { PlaceId, ShelterId } from "./Shelter.js";
import type { ShelterKind } from "./ShelterKind.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a placement. */
export const PlacementId = Uuid.pipe(Schema.brand("PlacementId"));
export type PlacementId = typeof PlacementId.Type;

/** The list of `labels/Placement.ts` (written without Effect, for the console) with the schema of its codes. */
export const endReasonCodeList = CodeList.withSchema(Labels.endReasonCodeList);

/** Why a placement ended: moved on, returned home, left without notice, transferred, removed, or other. */
export const EndReason = endReasonCodeList.schema;
export type EndReason = typeof EndReason.Type;

/**
 * A coordinator's override of the COSM eligibility rules: the reason is recorded with the offer and must say enough
 * to be understood later (10 to 1000 characters).
 */
export const CosmOverride = Schema.Struct({
  reason: Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(Labels.minOverrideReasonLength, 1000))),
});
export type CosmOverride = typeof CosmOverride.Type;

/** The shortest override reason {@link checkOfferRules} accepts, trimmed. */
export const minOverrideReasonLength = Labels.minOverrideReasonLength;

/** What a coordinator sends to offer a place: the place, the start date, when the offer lapses, and any override. */
export const NewOffer = Schema.Struct({
  placeId: PlaceId,
  startsOn: IsoDate.IsoDate,
  expiresAt: UtcInstant,
  override: Schema.optionalKey(CosmOverride),
});
export type NewOffer = typeof NewOffer.Type;

/**
 * Offer (aanbod): a coordinator offers a specific place to a placement request from a start date. The offer lapses
 * at `expiresAt`; accepting it before then books the place ({@link Placement}).
 */
export class Offer extends Schema.Class<Offer>("Offer")({
  requestId: PlacementRequestId,
  ...NewOffer.fields,
}) {}

/** Whether the offer has lapsed at the instant `now`: from `expiresAt` on, it can no longer be accepted. */
export const isOfferExpired = (offer: { readonly expiresAt: string }, now: string): boolean =>
  Date.parse(now) >= Date.parse(offer.expiresAt);

/**
 * An offer must still be open when it is made: one whose `expiresAt` is not after `now` (an ISO instant) could never
 * be accepted, so it is refused rather than stored as a lapsed offer.
 */
export const checkOfferExpiry = (
  offer: { readonly expiresAt: string },
  now: string,
): ReadonlyArray<OfferRuleViolation> =>
  isOfferExpired(offer, now)
    ? [
        new OfferRuleViolation({
          rule: "expires_later",
          path: ["expiresAt"],
          message: "an offer must expire after the moment it is made",
        }),
      ]
    : [];

/** What a coordinator sends to end a placement. */
export const EndPlacement = Schema.Struct({ endsOn: IsoDate.IsoDate, reason: EndReason });
export type EndPlacement = typeof EndPlacement.Type;

/**
 * Placement (plaatsing): a person occupies a place from `startsOn`. It ends on `endsOn` with a reason; the place is
 * free again on the end date itself, so the nights are the half-open range [startsOn, endsOn). An end date and a
 * reason come together, and the end is not before the start.
 */
export class Placement extends Schema.Class<Placement>("Placement")(
  Schema.Struct({
    id: PlacementId,
    requestId: PlacementRequestId,
    placeId: PlaceId,
    startsOn: IsoDate.IsoDate,
    endsOn: Schema.optionalKey(IsoDate.IsoDate),
    endReason: Schema.optionalKey(EndReason),
  }).pipe(
    Schema.check(
      Schema.makeFilter((placement) => {
        if ((placement.endsOn === undefined) !== (placement.endReason === undefined)) {
          return { path: ["endReason"], issue: "endsOn and endReason are given together" };
        }
        if (placement.endsOn !== undefined && IsoDate.isBefore(placement.endsOn, placement.startsOn)) {
          return { path: ["endsOn"], issue: "a placement cannot end before it starts" };
        }
        return undefined;
      }),
    ),
  ),
) {}

/**
 * The open offer of a placement request as a coordinator reads it on the request: which place (by its label) of
 * which shelter (by its name), from when, and until when it may be accepted. `expiresAt` may lie in the past: a
 * lapsed offer stays open until it is declined.
 */
export const OfferSummary = Schema.Struct({
  id: Uuid,
  placeId: PlaceId,
  placeLabel: Schema.String,
  shelterId: ShelterId,
  shelterName: Schema.String,
  startsOn: IsoDate.IsoDate,
  expiresAt: UtcInstant,
});
export type OfferSummary = typeof OfferSummary.Type;

/**
 * The placement of a placement request as a coordinator reads it on the request: where the person is (or was)
 * placed, since when, and, once it ended, until when and why (`null` while it lasts).
 */
export const PlacementSummary = Schema.Struct({
  id: PlacementId,
  placeId: PlaceId,
  placeLabel: Schema.String,
  shelterId: ShelterId,
  shelterName: Schema.String,
  startsOn: IsoDate.IsoDate,
  endsOn: Schema.NullOr(IsoDate.IsoDate),
  endReason: Schema.NullOr(EndReason),
});
export type PlacementSummary = typeof PlacementSummary.Type;

/** No placement with this id is visible to the caller. */
export class PlacementNotFound extends Schema.TaggedError<PlacementNotFound>()("PlacementNotFound", {
  id: Schema.String,
}) {}

/** The place is already booked for dates that overlap the requested ones. */
export class PlaceAlreadyBooked extends Schema.TaggedError<PlaceAlreadyBooked>()("PlaceAlreadyBooked", {
  placeId: Schema.String,
  startsOn: IsoDate.IsoDate,
}) {}

/** A range of days: from `startsOn`, up to but not including `endsOn`; open-ended without `endsOn`. */
export interface DateRange {
  readonly startsOn: IsoDate.IsoDate;
  readonly endsOn?: IsoDate.IsoDate | undefined;
}

/**
 * Whether two date ranges share a day, with half-open semantics [startsOn, endsOn): a placement ending on a date
 * frees the place for one starting that same date. A range without an end runs on forever; an empty range (ending on
 * its start date) overlaps nothing.
 */
export const overlaps = (a: DateRange, b: DateRange): boolean => {
  const isEmpty = (range: DateRange) => range.endsOn !== undefined && !IsoDate.isBefore(range.startsOn, range.endsOn);
  if (isEmpty(a) || isEmpty(b)) return false;
  const startsBeforeEndOf = (range: DateRange, other: DateRange) =>
    other.endsOn === undefined || IsoDate.isBefore(range.startsOn, other.endsOn);
  return startsBeforeEndOf(a, b) && startsBeforeEndOf(b, a);
};

/**
 * Whether a place with these bookings is free for the whole stay: no booking shares a day with it. An open-ended stay
 * (no `endsOn`) needs the place free from its start on for good, so a place with any later booking is not free for
 * it: suggesting it would offer a place that cannot be booked. Suggestions and offers both ask this.
 */
export const isFreeFor = (bookings: ReadonlyArray<DateRange>, stay: DateRange): boolean =>
  !bookings.some((booking) => overlaps(booking, stay));

/** Whether the place is taken on `date` by this range: from `startsOn` up to the day before `endsOn`. */
export const isOccupiedOn = (range: DateRange, date: IsoDate.IsoDate): boolean =>
  !IsoDate.isBefore(date, range.startsOn) && (range.endsOn === undefined || IsoDate.isBefore(date, range.endsOn));

/** How long a stay in COSM may last before it is flagged, in calendar months. */
export const cosmStayNormMonths = 3;

/**
 * Whether a stay in COSM has gone beyond 3 months on `today`. The norm runs to `startsOn` plus 3 calendar months
 * ({@link IsoDate.addMonths}, clamped to the end of a shorter month); the stay is over it once the person still
 * occupies the place on that date or later. A stay that ended before it is never over the norm. Other shelter kinds
 * have no norm here.
 */
export const isStayOverNorm = (placement: DateRange, shelterKind: ShelterKind, today: IsoDate.IsoDate): boolean => {
  if (shelterKind !== "cosm") return false;
  const normEnd = IsoDate.addMonths(placement.startsOn, cosmStayNormMonths);
  return !IsoDate.isBefore(today, normEnd) && isOccupiedOn(placement, normEnd);
};

/** Which offer rule failed: consent, one of the COSM conditions, or an offer that would lapse before it is made. */
export const OfferRule = Schema.Literals([
  "consent_to_share",
  "cosm_adult",
  "cosm_non_dutch",
  "cosm_reflection_period",
  "override_reason",
  "expires_later",
]);
export type OfferRule = typeof OfferRule.Type;

/** A rule about an offer does not hold; the API answers 422 with all of them. */
export class OfferRuleViolation extends Schema.TaggedError<OfferRuleViolation>()("OfferRuleViolation", {
  rule: OfferRule,
  path: Schema.Array(Schema.String),
  message: Schema.String,
}) {}

/** What {@link checkOfferRules} needs to know about the request, its person and the offered place. */
export interface OfferContext {
  readonly consentToShareWithShelter: boolean;
  readonly shelterKind: ShelterKind;
  /** The person's date of birth or birth year; the age counts on `startsOn`. */
  readonly birth: { readonly dateOfBirth?: IsoDate.IsoDate | undefined; readonly birthYear?: number | undefined };
  readonly nationalities: ReadonlyArray<Nationality>;
  readonly reflectionPeriod?: ReflectionPeriod.ReflectionPeriod | undefined;
  readonly startsOn: IsoDate.IsoDate;
  readonly override?: { readonly reason: string } | undefined;
}

/**
 * Checks the rules of an offer, returning every violation (none when it may be made):
 *
 * - No offer without the registration's consent to share with a shelter. Nothing overrides this.
 * - COSM is for adults (18 or older on the start date; an unknown age does not count as adult) without Dutch
 *   nationality (a dual national with `NL` is Dutch; `unknown` is not) whose reflection period runs on the start
 *   date (its last day included).
 * - A coordinator may override the COSM rules with a recorded reason of at least {@link minOverrideReasonLength}
 *   characters; a shorter reason overrides nothing and is itself a violation.
 */
export const checkOfferRules = (context: OfferContext): ReadonlyArray<OfferRuleViolation> => {
  const violations: Array<OfferRuleViolation> = [];
  if (!context.consentToShareWithShelter) {
    violations.push(
      new OfferRuleViolation({
        rule: "consent_to_share",
        path: ["consentToShareWithShelter"],
        message: "no offer without consent to share with a shelter",
      }),
    );
  }
  if (context.shelterKind !== "cosm") return violations;

  const cosm: Array<OfferRuleViolation> = [];
  const age = ageOn(context.birth, context.startsOn);
  if (age === undefined || age < 18) {
    cosm.push(
      new OfferRuleViolation({
        rule: "cosm_adult",
        path: ["startsOn"],
        message: "COSM takes adults only: the person must be 18 or older on the start date",
      }),
    );
  }
  if (context.nationalities.includes("NL")) {
    cosm.push(
      new OfferRuleViolation({
        rule: "cosm_non_dutch",
        path: ["nationalities"],
        message: "COSM takes people without Dutch nationality only",
      }),
    );
  }
  if (
    context.reflectionPeriod === undefined ||
    !ReflectionPeriod.isRunning(context.reflectionPeriod, context.startsOn)
  ) {
    cosm.push(
      new OfferRuleViolation({
        rule: "cosm_reflection_period",
        path: ["reflectionPeriod"],
        message: "COSM takes people whose reflection period runs on the start date",
      }),
    );
  }
  if (context.override === undefined) return [...violations, ...cosm];
  if (context.override.reason.trim().length < minOverrideReasonLength) {
    return [
      ...violations,
      ...cosm,
      new OfferRuleViolation({
        rule: "override_reason",
        path: ["override", "reason"],
        message: `an override needs a reason of at least ${minOverrideReasonLength} characters`,
      }),
    ];
  }
  return violations;
};
