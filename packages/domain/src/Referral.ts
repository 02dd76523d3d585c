import { Option, Schema } from "effect";
import { ActorKind } from "./AuditEvent.js";
import * as CodeList from "./CodeList.js";
import { IsoDate } from "./IsoDate.js";
import * as Labels from "./labels/Referral.js";
import { Nationality } from "./Nationality.js";
import { OrganisationId } from "./Organisation.js";
import { BirthYear, PersonId, PersonIdentifiers } from "./Person.js";
import { Sex } from "./Sex.js";
import { Uuid } from "./Uuid.js";

/** The lists of `labels/Referral.ts` (written without Effect, for the console) with their codes' schemas. */
export const serviceCodeList = CodeList.withSchema(Labels.serviceCodeList);
export const stateCodeList = CodeList.withSchema(Labels.stateCodeList);
export const declineReasonCodeList = CodeList.withSchema(Labels.declineReasonCodeList);
export const outcomeCodeList = CodeList.withSchema(Labels.outcomeCodeList);
export const sharingBasisCodeList = CodeList.withSchema(Labels.sharingBasisCodeList);

export const ReferralService = serviceCodeList.schema;
export type ReferralService = typeof ReferralService.Type;
export const ReferralState = stateCodeList.schema;
export type ReferralState = typeof ReferralState.Type;
export const ReferralDeclineReason = declineReasonCodeList.schema;
export type ReferralDeclineReason = typeof ReferralDeclineReason.Type;
export const ReferralOutcome = outcomeCodeList.schema;
export type ReferralOutcome = typeof ReferralOutcome.Type;
export const ReferralSharingBasis = sharingBasisCodeList.schema;
export type ReferralSharingBasis = typeof ReferralSharingBasis.Type;

/** Identifier of a referral. */
export const ReferralId = Uuid.pipe(Schema.brand("ReferralId"));
export type ReferralId = typeof ReferralId.Type;

/**
 * What a coordinator sends to refer a person: to which organisation, for which service, and whether the person's
 * identifiers go with it, on which legal basis (see {@link sharingProblem}).
 */
export const NewReferral = Schema.Struct({
  personId: PersonId,
  toOrganisationId: OrganisationId,
  service: ReferralService,
  shareIdentifiers: Schema.Boolean,
  sharingBasis: Schema.optionalKey(ReferralSharingBasis),
  /** The day the person consented to this referral; required with the basis `consent`. */
  consentGivenOn: Schema.optionalKey(IsoDate),
});
export type NewReferral = typeof NewReferral.Type;

/** A receiving organisation's answer: accept, or decline with a coded reason. */
export const ReferralAnswer = Schema.Union([
  Schema.Struct({ decision: Schema.Literal("accept") }),
  Schema.Struct({ decision: Schema.Literal("decline"), reason: ReferralDeclineReason }),
]).annotate({ identifier: "ReferralAnswer" });
export type ReferralAnswer = typeof ReferralAnswer.Type;

/** Who acted on a referral: a console user or an API key, by kind and id (never by name). */
export const ReferralActor = Schema.Struct({ kind: ActorKind, id: Schema.String });
export type ReferralActor = typeof ReferralActor.Type;

/** A referral as CoMensha's coordinators see it. */
export class Referral extends Schema.Class<Referral>("Referral")({
  id: ReferralId,
  personId: PersonId,
  toOrganisationId: OrganisationId,
  service: ReferralService,
  state: ReferralState,
  shareIdentifiers: Schema.Boolean,
  sharingBasis: Schema.NullOr(ReferralSharingBasis),
  consentGivenOn: Schema.NullOr(IsoDate),
  referredBy: ReferralActor,
  /** The organisation of who referred (CoMensha's): `referral.answered` goes to its webhook endpoints. */
  referringOrganisationId: OrganisationId,
  referredAt: Schema.String,
  answeredAt: Schema.NullOr(Schema.String),
  declineReason: Schema.NullOr(ReferralDeclineReason),
  outcome: Schema.NullOr(ReferralOutcome),
  reportedAt: Schema.NullOr(Schema.String),
  withdrawnAt: Schema.NullOr(Schema.String),
}) {}

/**
 * The person as a receiving organisation sees them: sex, year of birth and nationalities always; the identifiers of
 * the newest registration only when the referral shares them on a legal basis (null otherwise, or once erased).
 */
export const ReferredPerson = Schema.Struct({
  sex: Sex,
  birthYear: Schema.NullOr(BirthYear),
  nationalities: Schema.Array(Nationality),
  identifiers: Schema.NullOr(PersonIdentifiers),
});
export type ReferredPerson = typeof ReferredPerson.Type;

/** The kinds of organisation that receive referrals (see `labels/Referral.ts`). */
export const receivingKinds = Labels.receivingKinds;

/**
 * Why a referral may not carry (or not carry so) the person's identifiers, or none: identifiers go only on a legal
 * basis; consent takes the day it was given, not after `today`; a basis without identifiers to share is refused,
 * so that the record says what happened.
 */
export const sharingProblem = (input: NewReferral, today: string): Option.Option<string> => {
  if (!input.shareIdentifiers) {
    return input.sharingBasis === undefined && input.consentGivenOn === undefined
      ? Option.none()
      : Option.some("a sharing basis or consent date is given, but the referral shares no identifiers");
  }
  if (input.sharingBasis === undefined) {
    return Option.some("identifiers go with a referral only on a legal basis: consent or vital_interest");
  }
  if (input.sharingBasis === "consent") {
    if (input.consentGivenOn === undefined) return Option.some("consent takes the day it was given (consentGivenOn)");
    if (input.consentGivenOn > today) return Option.some("consent cannot be given after today");
  } else if (input.consentGivenOn !== undefined) {
    return Option.some("consentGivenOn belongs to the basis consent");
  }
  return Option.none();
};

/** What may happen to a referral: the receiver answers or reports back, the coordinator withdraws. */
export type ReferralAction = "accept" | "decline" | "report" | "withdraw";

/** The states each action starts from, and where it leads. */
const transitions: Readonly<Record<ReferralAction, { from: ReadonlyArray<ReferralState>; to: ReferralState }>> = {
  accept: { from: ["pending"], to: "accepted" },
  decline: { from: ["pending"], to: "declined" },
  report: { from: ["accepted"], to: "completed" },
  withdraw: { from: ["pending", "accepted"], to: "withdrawn" },
};

/** The state `action` leads to from `state`, or none when it cannot happen there. */
export const transition = (state: ReferralState, action: ReferralAction): Option.Option<ReferralState> => {
  const rule = transitions[action];
  return rule.from.includes(state) ? Option.some(rule.to) : Option.none();
};

/** No referral with this id (for a receiving organisation: none made to it). */
export class ReferralNotFound extends Schema.TaggedError<ReferralNotFound>()("ReferralNotFound", {
  id: Schema.String,
}) {}

/** The referral is not in a state where this can happen (e.g. answering one already answered). */
export class ReferralStateConflict extends Schema.TaggedError<ReferralStateConflict>()("ReferralStateConflict", {
  id: Schema.String,
  state: ReferralState,
  action: Schema.String,
}) {}

/** The referral breaks a rule: a receiver that may not receive, identifiers without a basis, erased identifiers. */
export class ReferralRefused extends Schema.TaggedError<ReferralRefused>()("ReferralRefused", {
  problem: Schema.String,
  path: Schema.String,
}) {}
