import { Schema } from "effect";
import { Attachment } from "./Attachment.js";
import { ActorKind, AuditOutcome } from "./AuditEvent.js";
import { CaseNoteId, CaseNoteVersion } from "./CaseNote.js";
import { CaseStatus, CaseStatusChange } from "./CaseStatus.js";
import { DuplicateId, DuplicateStatus } from "./Duplicate.js";
import { FollowUp } from "./FollowUp.js";
import { IsoDate } from "./IsoDate.js";
import { Nationality } from "./Nationality.js";
import { OrganisationId } from "./Organisation.js";
import { OrganisationKind } from "./OrganisationKind.js";
import { BirthYear, PersonId } from "./Person.js";
import { EndReason, PlacementId } from "./Placement.js";
import { PlacementNeeds, PlacementRequestId, PlacementState, Requester, UtcInstant } from "./PlacementRequest.js";
import { PoliceRegion } from "./PoliceRegion.js";
import {
  ReferralDeclineReason,
  ReferralId,
  ReferralOutcome,
  ReferralService,
  ReferralSharingBasis,
  ReferralState,
} from "./Referral.js";
import { RegistrationId, RegistrationInput, RegistrationStatus, WithdrawalReason } from "./Registration.js";
import { Sex } from "./Sex.js";
import { PlaceId, ShelterId } from "./Shelter.js";
import { ShelterKind } from "./ShelterKind.js";
import { TransferId, TransferReason } from "./Transfer.js";
import { Uuid } from "./Uuid.js";

/**
 * Free text stored encrypted (a decision reason, medical needs, an override reason), as the export shows it: the
 * text, or the mark that it does not decrypt with the server's keys, so one damaged value does not fail the export.
 */
export const SealedText = Schema.Union([
  Schema.Struct({ state: Schema.Literal("readable"), text: Schema.RedactedFromValue(Schema.String) }),
  Schema.Struct({ state: Schema.Literal("undecryptable") }),
]).annotate({ identifier: "SubjectExportSealedText" });
export type SealedText = typeof SealedText.Type;

/** An organisation as the export names it: who reported, requested or acted. */
export const ExportedOrganisation = Schema.Struct({
  id: OrganisationId,
  name: Schema.String,
  kind: OrganisationKind,
}).annotate({ identifier: "SubjectExportOrganisation" });
export type ExportedOrganisation = typeof ExportedOrganisation.Type;

/**
 * A person record: the one asked for, or one merged into it (`mergedInto` names where it went). Persons hold only the
 * statistical attributes; the direct identifiers are on the registrations' versions.
 */
export const ExportedPerson = Schema.Struct({
  id: PersonId,
  sex: Sex,
  birthYear: Schema.NullOr(BirthYear),
  nationalities: Schema.Array(Nationality),
  mergedInto: Schema.NullOr(PersonId),
  createdAt: Schema.String,
  /** Where the person's trajectory stands (a merged person's keeps what it was when merged). */
  caseStatus: CaseStatus,
}).annotate({ identifier: "SubjectExportPerson" });
export type ExportedPerson = typeof ExportedPerson.Type;

/** What every version of a registration states in the clear: its number, status and when it was written. */
const versionFields = {
  version: Schema.Int,
  status: RegistrationStatus,
  recordedAt: Schema.String,
};

/**
 * One version of a registration: `readable` with the report as it then stood (the decrypted identifiers included)
 * and the withdrawal reason given with it; `undecryptable` when its personal data does not decrypt with the server's
 * keys; `erased` when it was erased under the retention rules (nothing of it is left to show).
 */
export const ExportedRegistrationVersion = Schema.Union([
  Schema.Struct({
    ...versionFields,
    state: Schema.Literal("readable"),
    registration: RegistrationInput,
    withdrawalReason: Schema.optionalKey(WithdrawalReason),
  }),
  Schema.Struct({ ...versionFields, state: Schema.Literal("undecryptable") }),
  Schema.Struct({ ...versionFields, state: Schema.Literal("erased") }),
]).annotate({ identifier: "SubjectExportRegistrationVersion" });
export type ExportedRegistrationVersion = typeof ExportedRegistrationVersion.Type;

/** A registration (melding) of the person with every version, oldest first. */
export const ExportedRegistration = Schema.Struct({
  id: RegistrationId,
  personId: PersonId,
  organisation: ExportedOrganisation,
  status: RegistrationStatus,
  currentVersion: Schema.Int,
  createdAt: Schema.String,
  updatedAt: Schema.String,
  versions: Schema.Array(ExportedRegistrationVersion),
}).annotate({ identifier: "SubjectExportRegistration" });
export type ExportedRegistration = typeof ExportedRegistration.Type;

/** Who took a decision or acted, with their name and organisation where the platform knows them. */
export const ExportedActor = Schema.Struct({
  kind: ActorKind,
  id: Schema.String,
  /** A console user's name; absent for API keys and the system. */
  name: Schema.optionalKey(Schema.String),
  organisation: Schema.optionalKey(ExportedOrganisation),
}).annotate({ identifier: "SubjectExportActor" });
export type ExportedActor = typeof ExportedActor.Type;

/** A possible duplicate that involves one of the person records, with the decision and its reason once decided. */
export const ExportedDuplicate = Schema.Struct({
  id: DuplicateId,
  personId: PersonId,
  candidatePersonId: PersonId,
  registrationId: RegistrationId,
  matchedOn: Schema.Array(Schema.String),
  status: DuplicateStatus,
  createdAt: Schema.String,
  decision: Schema.NullOr(
    Schema.Struct({
      decidedAt: Schema.NullOr(Schema.String),
      decidedBy: Schema.NullOr(ExportedActor),
      reason: Schema.NullOr(SealedText),
    }),
  ),
}).annotate({ identifier: "SubjectExportDuplicate" });
export type ExportedDuplicate = typeof ExportedDuplicate.Type;

/** A place as the export names it: its label and shelter. */
export const ExportedPlace = Schema.Struct({
  id: PlaceId,
  label: Schema.String,
  shelterId: ShelterId,
  shelterName: Schema.String,
  shelterKind: ShelterKind,
}).annotate({ identifier: "SubjectExportPlace" });
export type ExportedPlace = typeof ExportedPlace.Type;

/** An offer of a place to a placement request, with the reason of a COSM override. */
export const ExportedOffer = Schema.Struct({
  id: Uuid,
  place: ExportedPlace,
  startsOn: IsoDate,
  expiresAt: Schema.String,
  status: Schema.Literals(["open", "accepted", "declined", "expired", "withdrawn"]),
  overrideReason: Schema.NullOr(SealedText),
  createdAt: Schema.String,
}).annotate({ identifier: "SubjectExportOffer" });
export type ExportedOffer = typeof ExportedOffer.Type;

/** A placement: where the person stayed, from when, and until when and why once it ended. */
export const ExportedPlacement = Schema.Struct({
  id: PlacementId,
  place: ExportedPlace,
  startsOn: IsoDate,
  endsOn: Schema.NullOr(IsoDate),
  endReason: Schema.NullOr(EndReason),
  createdAt: Schema.String,
}).annotate({ identifier: "SubjectExportPlacement" });
export type ExportedPlacement = typeof ExportedPlacement.Type;

/** A placement request (first shelter) with its needs, medical needs, offers and placements, oldest first. */
export const ExportedPlacementRequest = Schema.Struct({
  id: PlacementRequestId,
  registrationId: RegistrationId,
  organisation: ExportedOrganisation,
  requestedBy: Requester,
  requestedOn: IsoDate,
  state: PlacementState,
  preferredRegion: Schema.NullOr(PoliceRegion),
  needs: PlacementNeeds.mapFields(({ medicalNeeds: _, ...fields }) => fields),
  medicalNeeds: Schema.NullOr(SealedText),
  createdAt: Schema.String,
  updatedAt: Schema.String,
  offers: Schema.Array(ExportedOffer),
  placements: Schema.Array(ExportedPlacement),
}).annotate({ identifier: "SubjectExportPlacementRequest" });
export type ExportedPlacementRequest = typeof ExportedPlacementRequest.Type;

/** A case note about the person with every version (the words of each as it can be shown), oldest first. */
export const ExportedCaseNote = Schema.Struct({
  id: CaseNoteId,
  personId: PersonId,
  createdAt: Schema.String,
  versions: Schema.Array(Schema.Struct({ ...CaseNoteVersion.fields })),
}).annotate({ identifier: "SubjectExportCaseNote" });
export type ExportedCaseNote = typeof ExportedCaseNote.Type;

/** A follow-up task about the person: its kind, due date, owner, state and title (as it can be shown). */
export const ExportedFollowUp = Schema.Struct({ ...FollowUp.fields }).annotate({
  identifier: "SubjectExportFollowUp",
});
export type ExportedFollowUp = typeof ExportedFollowUp.Type;

/**
 * A file in the person's case, described (its name as it can be shown, type, size, SHA-256, who uploaded it when);
 * the file itself is not in the export: a coordinator downloads it (`GET /v1/persons/{id}/attachments/{id}`) and
 * hands it over with the export.
 */
export const ExportedAttachment = Schema.Struct({ ...Attachment.fields }).annotate({
  identifier: "SubjectExportAttachment",
});
export type ExportedAttachment = typeof ExportedAttachment.Type;

/**
 * A referral of the person to care: to whom (the recipient of their data, GDPR art. 15(1)(c)), for what, whether their
 * identifiers went with it and on which basis, and how it was answered.
 */
export const ExportedReferral = Schema.Struct({
  id: ReferralId,
  personId: PersonId,
  toOrganisation: ExportedOrganisation,
  service: ReferralService,
  state: ReferralState,
  shareIdentifiers: Schema.Boolean,
  sharingBasis: Schema.NullOr(ReferralSharingBasis),
  consentGivenOn: Schema.NullOr(IsoDate),
  referredAt: Schema.String,
  answeredAt: Schema.NullOr(Schema.String),
  declineReason: Schema.NullOr(ReferralDeclineReason),
  outcome: Schema.NullOr(ReferralOutcome),
  reportedAt: Schema.NullOr(Schema.String),
  withdrawnAt: Schema.NullOr(Schema.String),
}).annotate({ identifier: "SubjectExportReferral" });
export type ExportedReferral = typeof ExportedReferral.Type;

/**
 * A transfer of one of the person's registrations from one organisation to another: who received their data (GDPR
 * art. 15(1)(c)), from whom, why, and the version that moved (what the sender keeps reading).
 */
export const ExportedTransfer = Schema.Struct({
  id: TransferId,
  registrationId: RegistrationId,
  fromOrganisation: ExportedOrganisation,
  toOrganisation: ExportedOrganisation,
  reason: TransferReason,
  version: Schema.Int,
  transferredAt: Schema.String,
}).annotate({ identifier: "SubjectExportTransfer" });
export type ExportedTransfer = typeof ExportedTransfer.Type;

/** An audit event about one of the exported records: who saw or changed what, when, with what outcome. */
export const ExportedAuditEvent = Schema.Struct({
  id: Uuid,
  occurredAt: Schema.String,
  actor: ExportedActor,
  action: Schema.String,
  resourceType: Schema.String,
  resourceId: Schema.String,
  outcome: AuditOutcome,
}).annotate({ identifier: "SubjectExportAuditEvent" });
export type ExportedAuditEvent = typeof ExportedAuditEvent.Type;

/**
 * Data-subject access export (inzageverzoek, GDPR art. 15): everything the platform holds about one person and every
 * person merged into them: the person records, every registration with every version (decrypted), the possible
 * duplicates and their decisions, the placement requests with their offers and placements, and the audit events
 * about all of these ("who saw them"), oldest first. A value that does not decrypt is marked, not left out.
 */
export const SubjectExport = Schema.Struct({
  /** The person asked for (the surviving one when they were merged). */
  personId: PersonId,
  exportedAt: UtcInstant,
  persons: Schema.Array(ExportedPerson),
  registrations: Schema.Array(ExportedRegistration),
  duplicates: Schema.Array(ExportedDuplicate),
  placementRequests: Schema.Array(ExportedPlacementRequest),
  auditEvents: Schema.Array(ExportedAuditEvent),
  /** Every change of the case status of these persons, oldest first. */
  caseStatusChanges: Schema.Array(Schema.Struct({ ...CaseStatusChange.fields })),
  /** Every case note about these persons with every version, oldest first. */
  caseNotes: Schema.Array(ExportedCaseNote),
  /** Every referral of these persons to care, oldest first. */
  referrals: Schema.Array(ExportedReferral),
  /** Every attachment in these persons' cases, described (the files are downloaded apart), oldest first. */
  attachments: Schema.Array(ExportedAttachment),
  /** Every follow-up task about these persons, by due date. */
  followUps: Schema.Array(ExportedFollowUp),
  /** Every transfer of their registrations between organisations, oldest first. */
  transfers: Schema.Array(ExportedTransfer),
}).annotate({
  identifier: "SubjectExport",
  description: "Everything held about one person and the persons merged into them (GDPR art. 15).",
});
export type SubjectExport = typeof SubjectExport.Type;
