import { Redacted, Schema } from "effect";
import { CountryCode } from "./Country.js";
import { DossierType } from "./DossierType.js";
import { ExploitationForm, codeList as ExploitationFormCodes } from "./ExploitationForm.js";
import { IsoDate } from "./IsoDate.js";
import { LegalBasis } from "./LegalBasis.js";
import * as Labels from "./labels/Registration.js";
import { OrganisationId } from "./Organisation.js";
import type { OrganisationKind } from "./OrganisationKind.js";
import { PersonId, RegisteredPerson, ReportedPerson } from "./Person.js";
import { PoliceRegion } from "./PoliceRegion.js";
import { ReflectionPeriod } from "./ReflectionPeriod.js";
import { Sector } from "./Sector.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a registration. */
export const RegistrationId = Uuid.pipe(Schema.brand("RegistrationId"));
export type RegistrationId = typeof RegistrationId.Type;

export { referenceLength, referenceOf } from "./labels/Registration.js";

/**
 * How people refer to a registration on the phone or in a note: its short reference, the last 8 characters of its id
 * as the console shows it ("Melding 78852a06"; UUIDv7 ids share their first, time, characters, so the end tells them
 * apart), or the whole id. Lower case. A short reference is not unique in theory (32 random bits), so a search by it
 * may find more than one registration.
 */
export const RegistrationReference = Schema.String.pipe(
  Schema.check(
    Schema.isPattern(Labels.referencePattern, {
      description: "the last 8 characters of a registration's id, or the whole id (lower case)",
    }),
  ),
);
export type RegistrationReference = typeof RegistrationReference.Type;

/** Whether `value` is a {@link RegistrationReference}. */
export const isReference = Schema.is(RegistrationReference);

/** Where a registration stands: received from a partner, registered by CoMensha, withdrawn or rejected. */
export const RegistrationStatus = Schema.Literals(["received", "registered", "withdrawn", "rejected"]);
export type RegistrationStatus = typeof RegistrationStatus.Type;

/**
 * Where and how the person was exploited. Municipality and police region only apply to exploitation in the
 * Netherlands; the sector only to labour exploitation.
 */
export const Exploitation = Schema.Struct({
  forms: Schema.Array(ExploitationForm).pipe(
    Schema.check(Schema.isBetweenLength(1, ExploitationFormCodes.codes.length)),
  ),
  country: CountryCode,
  municipality: Schema.optionalKey(Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 100)))),
  policeRegion: Schema.optionalKey(PoliceRegion),
  sector: Schema.optionalKey(Sector),
}).pipe(
  Schema.check(
    Schema.makeFilter((exploitation) => {
      const issues: Array<{ path: ReadonlyArray<PropertyKey>; issue: string }> = [];
      if (new Set(exploitation.forms).size !== exploitation.forms.length) {
        issues.push({ path: ["forms"], issue: "forms must not repeat a form" });
      }
      if (exploitation.sector !== undefined && !exploitation.forms.includes("labour")) {
        issues.push({ path: ["sector"], issue: "sector applies to labour exploitation only" });
      }
      if (exploitation.country !== "NL") {
        if (exploitation.municipality !== undefined) {
          issues.push({ path: ["municipality"], issue: "municipality applies to exploitation in NL only" });
        }
        if (exploitation.policeRegion !== undefined) {
          issues.push({ path: ["policeRegion"], issue: "policeRegion applies to exploitation in NL only" });
        }
      }
      return issues.length === 0 ? undefined : issues;
    }),
  ),
);
export type Exploitation = typeof Exploitation.Type;

/**
 * Registration (melding): one report of one person by one organisation, as the partner sends it.
 * This is the body of `POST /v1/registrations` (DESIGN.md section 4).
 */
export const RegistrationInput = Schema.Struct({
  reportedOn: IsoDate,
  person: ReportedPerson,
  exploitation: Exploitation,
  dossierType: DossierType,
  legalBasis: LegalBasis,
  consentToShareWithShelter: Schema.Boolean,
  reflectionPeriod: Schema.optionalKey(ReflectionPeriod),
});
export type RegistrationInput = typeof RegistrationInput.Type;

/** The longest withdrawal reason, in characters. */
export const maxWithdrawalReasonLength = Labels.maxWithdrawalReasonLength;

/**
 * Why a report was withdrawn, in the reporting organisation's words. Free text can name people, so it is redacted in
 * the domain and stored encrypted, like the person's identifiers.
 */
export const WithdrawalReason = Schema.RedactedFromValue(
  Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, maxWithdrawalReasonLength))),
).annotate({ description: "Why the report was withdrawn (1-1000 characters); stored encrypted." });
export type WithdrawalReason = typeof WithdrawalReason.Type;

/**
 * A stored registration at one version: the report plus its identity, owner and lifecycle. Once erased (`erasedAt`),
 * its person holds only the statistical attributes: the identifiers and any withdrawal reason are gone.
 */
export class Registration extends Schema.Class<Registration>("Registration")({
  ...RegistrationInput.fields,
  person: RegisteredPerson,
  /** When the person's identifiers were erased (retention or an approved erasure request); absent until then. */
  erasedAt: Schema.optionalKey(Schema.String),
  id: RegistrationId,
  organisationId: OrganisationId,
  personId: PersonId,
  status: RegistrationStatus,
  /** Set on the version that withdrew the report, when a reason was given. */
  withdrawalReason: Schema.optionalKey(WithdrawalReason),
  version: Schema.Int.pipe(Schema.check(Schema.isGreaterThanOrEqualTo(1))),
  createdAt: Schema.String,
  updatedAt: Schema.String,
}) {}

/** No registration with this id is visible to the caller. */
export class RegistrationNotFound extends Schema.TaggedError<RegistrationNotFound>()("RegistrationNotFound", {
  id: Schema.String,
}) {}

/**
 * The stored personal data of a registration does not decrypt with this server's keys (written under another key,
 * or damaged). Lists leave such a registration out and report it; a single read answers this instead of the data.
 */
export class RegistrationUndecryptable extends Schema.TaggedError<RegistrationUndecryptable>()(
  "RegistrationUndecryptable",
  { id: Schema.String },
) {}

/** The registration changed since the caller read it (optimistic concurrency). */
export class RegistrationVersionConflict extends Schema.TaggedError<RegistrationVersionConflict>()(
  "RegistrationVersionConflict",
  { id: Schema.String, expectedVersion: Schema.Int, currentVersion: Schema.Int },
) {}

/** A registration whose identifiers were erased: its report as sent is gone, so it does not change any more. */
export class RegistrationErased extends Schema.TaggedError<RegistrationErased>()("RegistrationErased", {
  id: Schema.String,
}) {}

/** A registration with its identifiers: the report as sent, which a new version can start from. */
export type ReadableRegistration = Registration & { readonly person: ReportedPerson };

/** Whether a registration still has its identifiers (was not erased). */
export const isReadable = (registration: Registration): registration is ReadableRegistration =>
  registration.erasedAt === undefined && "familyName" in registration.person;

/** A withdrawn or rejected registration does not change any more. */
export class RegistrationClosed extends Schema.TaggedError<RegistrationClosed>()("RegistrationClosed", {
  id: Schema.String,
  status: RegistrationStatus,
}) {}

/** A rule about a registration, beyond its shape, does not hold. */
export class RegistrationRuleViolation extends Schema.TaggedError<RegistrationRuleViolation>()(
  "RegistrationRuleViolation",
  { path: Schema.Array(Schema.String), message: Schema.String },
) {}

const statutoryKinds: ReadonlySet<OrganisationKind> = new Set(["police", "kmar", "labour_inspectorate"]);

/**
 * Checks the rules of a registration that depend on who reports it and when: a statutory legal basis is only
 * for police, KMar and the Labour Inspectorate; a report is not dated in the future; a date of birth or birth
 * year is not after the report.
 */
export const checkRegistrationRules = (
  input: RegistrationInput,
  context: { readonly reporterKind: OrganisationKind; readonly today: IsoDate },
): ReadonlyArray<RegistrationRuleViolation> => {
  const violations: Array<RegistrationRuleViolation> = [];
  if (input.legalBasis === "statutory" && !statutoryKinds.has(context.reporterKind)) {
    violations.push(
      new RegistrationRuleViolation({
        path: ["legalBasis"],
        message: "a statutory legal basis applies to police, KMar and the Labour Inspectorate only",
      }),
    );
  }
  if (input.reportedOn > context.today) {
    violations.push(new RegistrationRuleViolation({ path: ["reportedOn"], message: "reportedOn is in the future" }));
  }
  const birthYear = input.person.birthYear;
  if (birthYear !== undefined && birthYear > Number(input.reportedOn.slice(0, 4))) {
    violations.push(
      new RegistrationRuleViolation({ path: ["person", "birthYear"], message: "birthYear is after reportedOn" }),
    );
  }
  const dateOfBirth = input.person.dateOfBirth;
  if (dateOfBirth !== undefined && Redacted.value(dateOfBirth) > input.reportedOn) {
    violations.push(
      new RegistrationRuleViolation({ path: ["person", "dateOfBirth"], message: "dateOfBirth is after reportedOn" }),
    );
  }
  return violations;
};
