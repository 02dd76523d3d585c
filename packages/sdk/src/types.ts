/**
 * The wire types of the API, derived from the types that openapi-typescript generates from the API's OpenAPI
 * document (`openapi.json` beside this package, a snapshot of `/openapi.json`) into `./generated/openapi.ts` at build
 * and typecheck time (`npm run generate`). The document comes from the same Effect Schemas that validate requests, so
 * these types cannot drift from what the API accepts and answers; this file only names them.
 *
 * Request bodies are closed (`additionalProperties: false`): a misspelt field is a compile error. Field names and code
 * values are part of the public contract (DESIGN.md, section 4).
 */
import type { components, operations } from "./generated/openapi.js";

type Schemas = components["schemas"];

/** The query parameters of an operation, each optional and allowed to be `undefined` (left out of the URL). */
type QueryOf<Id extends keyof operations> = {
  [K in keyof NonNullable<operations[Id]["parameters"]["query"]>]?:
    | NonNullable<operations[Id]["parameters"]["query"]>[K]
    | undefined;
};

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** An instant in UTC, ISO 8601 (e.g. `2026-11-20T09:30:00.000Z`). */
export type IsoTimestamp = string;

/** An ISO 3166-1 alpha-2 country code, upper case (e.g. `NL`). */
export type CountryCode = Exploitation["country"];

/** A nationality: an ISO 3166-1 alpha-2 country code, `stateless`, or `unknown`. */
export type Nationality = ReportedPerson["nationalities"][number];

/** The sex of a person as reported; `x` is the Dutch non-binary marker in identity documents. */
export type Sex = ReportedPerson["sex"];

/** Exploitation form (uitbuitingsvorm): the kind of exploitation a registration reports. */
export type ExploitationForm = Exploitation["forms"][number];

/** Police region (politie-eenheid): one of the ten regional units of the Dutch National Police, or its National Unit. */
export type PoliceRegion = Schemas["Shelter"]["region"];

/** What a registration asks of CoMensha: registering only, registering and shelter, or information and advice. */
export type DossierType = RegistrationInput["dossierType"];

/** Legal basis (grondslag) of the transfer: statutory (police, KMar, Labour Inspectorate), consent, legitimate interest. */
export type LegalBasis = RegistrationInput["legalBasis"];

/** Where a registration stands. */
export type RegistrationStatus = Schemas["Registration"]["status"];

/** Who may offer a reflection period: the police or the Royal Netherlands Marechaussee (KMar). */
export type ReflectionPeriodOfferer = ReflectionPeriod["offeredBy"];

/** A possible victim (mogelijk slachtoffer) as the reporting organisation knows them. */
export type ReportedPerson = RegistrationInput["person"];

/**
 * A person whose direct identifiers were erased (retention, or an approved erasure request): only what statistics
 * use is left (the identifier fields are absent). Tell it from a {@link ReportedPerson} with
 * `person.familyName !== undefined`.
 */
export type ErasedPerson = Schemas["ErasedPerson"] & {
  [K in Exclude<keyof ReportedPerson, keyof Schemas["ErasedPerson"]>]?: never;
};

/**
 * Sector of labour exploitation, as the National Rapporteur reports it (broad sections of the Dutch SBI): agriculture
 * (also forestry and fishing), domestic work (also au pairs), hospitality, industry, construction, transport and
 * storage (also port work and shipping), wholesale and retail trade, other work or services, unknown.
 */
export type Sector = NonNullable<Exploitation["sector"]>;

/**
 * Where and how the person was exploited. `municipality` and `policeRegion` apply to exploitation in NL only;
 * `sector` to labour exploitation only.
 */
export type Exploitation = RegistrationInput["exploitation"];

/**
 * Reflection period (bedenktijd): up to 3 months from `startsOn`, or 30 days in a Dublin case, offered by the police
 * or KMar. The API computes its end.
 */
export type ReflectionPeriod = NonNullable<RegistrationInput["reflectionPeriod"]>;

/** Registration (melding) as a partner sends it: the body of `POST /v1/registrations` and `PUT /v1/registrations/{id}`. */
export type RegistrationInput = Schemas["RegistrationInput"];

/** A registration's person as the API answers it: as reported, or erased. */
type PersonOnTheWire = ReportedPerson | ErasedPerson;

/**
 * A registration as the API answers it: the report plus its id, status, version and timestamps. Once the person's
 * identifiers were erased, `erasedAt` is set and `person` is an {@link ErasedPerson}.
 */
export type Registration = Omit<Schemas["Registration"], "person"> & { person: PersonOnTheWire };

/** The query of `GET /v1/registrations`. */
export type RegistrationListParams = QueryOf<"listRegistrations">;

/** The ids of the code lists. */
export type CodeListId = CodeList["id"];

/** One code of a code list with its Dutch and English label. */
export type Code = CodeList["codes"][number];

/** A code list: the values a field may take, with labels. */
export type CodeList = Schemas["CodeList"];

/** One page of a list: `nextCursor` is `null` on the last page. */
export interface ListResponse<T> {
  data: T[];
  nextCursor: string | null;
}

/** One offending field of a request. */
export type ProblemField = NonNullable<Problem["errors"]>[number];

/** An RFC 9457 problem detail (`application/problem+json`), as every error response of the API carries. */
export type Problem = Schemas["Problem"];

/** Who a shelter place is for. */
export type TargetGroup = PlacementNeeds["targetGroup"];

/** One place's availability over a date range. */
export type PlaceAvailability = Schemas["PlaceAvailability"];

/** Free places over `[from, to)`: totals per target group, and every place. */
export type Availability = Schemas["Availability"];

/** Where a placement request stands. */
export type PlacementState = Schemas["PlacementRequest"]["state"];

/** What a place must offer the person. `medicalNeeds` is personal data: it is stored encrypted. */
export type PlacementNeeds = PlacementRequestInput["needs"];

/** The body of `POST /v1/placement-requests`. */
export type PlacementRequestInput = Schemas["NewPlacementRequest"];

/**
 * A placement request (first shelter) as the API returns it. A partner gets these fields only (no person id: see the
 * API docs); a coordinator also gets `personId`, `offer` and `placement` (see {@link CoordinatorPlacementRequest}).
 */
export type PlacementRequest = Schemas["PlacementRequest"] & {
  /** Coordinators only: the open offer, `null` unless the request is `offered`. */
  offer?: OfferSummary | null;
  /** Coordinators only: the placement, `null` until the request is `placed` (kept, with its end, once `ended`). */
  placement?: PlacementSummary | null;
};

/**
 * A placement request as a coordinator reads it (`placementRequests.get` and `list` with a coordinator's key or
 * session): with the (deduplicated) person, the open offer and the placement.
 *
 * @example
 * ```ts
 * const request = await client.placementRequests.get(id); // as a coordinator
 * const { offer, placement } = request;
 * if (offer) console.log(`offered: ${offer.placeLabel} at ${offer.shelterName} until ${offer.expiresAt}`);
 * if (placement) console.log(`placed at ${placement.shelterName} since ${placement.startsOn}`);
 * ```
 */
export type CoordinatorPlacementRequest = Schemas["CoordinatorPlacementRequest"];

/**
 * The open offer of a placement request: which place (its label) of which shelter (its name) is offered from
 * `startsOn`, until `expiresAt`. A lapsed offer stays open (with `expiresAt` in the past) until it is declined.
 */
export type OfferSummary = Schemas["OfferSummary"];

/** Where the person of a placement request is (or was) placed: since `startsOn`; `endsOn` and `endReason` once ended. */
export type PlacementSummary = Schemas["PlacementSummary"];

/** Filters and paging for `placementRequests.list`. */
export type PlacementRequestListParams = QueryOf<"listPlacementRequests">;

/** An offer of a place to a placement request (coordinators). */
export type OfferInput = Schemas["NewOffer"];

/** A placement: a place held for a request from `startsOn` until `endsOn` (exclusive; open while absent). */
export type Placement = Schemas["PlacementEncoded"];

/** Why a placement ended. */
export type EndReason = Schemas["EndPlacement"]["reason"];

/** A place that fits a request's needs, as suggested. */
export type PlaceSuggestion = Schemas["PlaceSuggestions"]["data"][number];

/** The kinds of anonymised report and what each covers. */
export type ReportParameters = ReportInput["parameters"];

/** The disclosure-control policy of a report: suppress values below `threshold` (at least 5), optionally round. */
export type DisclosurePolicy = Report["policy"];

/** What `reports.create` sends. */
export type ReportInput = Schemas["ReportRequest"];

/** One file of a completed report. */
export type ReportArtifact = Schemas["ReportArtifact"];

/** A requested report and how far the worker is with it. */
export type Report = Schemas["Report"];

/** The roles of console users (CoMensha staff); `partner` is for API keys only. */
export type UserRole = User["role"];

/** Who asked for or approved a user or key: a console user, an API key or the system (the command line), by id. */
export type ApprovalActor = Schemas["ApprovalActor"];

/**
 * The four-eyes record of a coordinator or administrator user or key made through the API: who asked for it and,
 * once another administrator approved it, who and when. Until then the user cannot log in and the key does not work.
 */
export type Approval = Schemas["Approval"];

/** Whether a user may log in: `pending` waits for a second administrator's approval (`users.approve`). */
export type UserStatus = User["status"];

/** A console user (CoMensha staff member). */
export type User = Schemas["UserEncoded"];

/** The body of `auth.login` (`POST /v1/auth/login`). */
export type LoginInput = Schemas["LoginRequest"];

/**
 * A console session as `auth.login` and `auth.session` answer it: the signed-in user, and the CSRF token that a
 * session-mode client sends as `X-CSRF-Token` on every call but GET (the client remembers it).
 */
export type ConsoleSession = Schemas["ConsoleSession"];

/** A started enrolment of an authenticator app (`auth.startSecondFactor`): shown once. */
export type SecondFactorEnrolment = Schemas["SecondFactorEnrolment"];

/** Recovery codes (`auth.confirmSecondFactor`, `auth.renewRecoveryCodes`), shown once: each logs in once. */
export type RecoveryCodes = Schemas["RecoveryCodes"];

/** The body of `auth.changePassword` (`POST /v1/auth/password`). */
export type ChangePasswordInput = Schemas["ChangePasswordRequest"];

/** The body of `users.create` (`POST /v1/users`). */
export type UserInput = Schemas["NewUser"];

/** A new user and their one-time password, shown this once; it must be changed at the first login. */
export type CreatedUser = Schemas["CreatedUser"];

/** The headline figures of a year, for the console's dashboard (counting rule; no personal data). */
export type StatisticsOverview = Schemas["StatisticsOverview"];

/** The kind of a partner organisation (code list `organisation_kind`). */
export type OrganisationKind = Organisation["kind"];

/** Whether an organisation may report: a suspended one keeps its data, but its keys stop working. */
export type OrganisationStatus = Organisation["status"];

/** A partner organisation as `organisations.list` answers it. Names and kinds are not personal data. */
export type Organisation = Schemas["Organisation"];

/** The body of `organisations.create` (`POST /v1/organisations`). */
export type OrganisationInput = Schemas["NewOrganisation"];

/** What a caller may do: `partner` keys see their own organisation's reports only; the rest are CoMensha's roles. */
export type Role = ApiKey["role"];

/** An API key as listed: its visible prefix, role and use, never the secret. */
export type ApiKey = Schemas["ApiKey"];

/** A new API key with the key itself (`cmk_<prefix>_<secret>`), shown this once: hand it over, then forget it. */
export type CreatedApiKey = Schemas["CreatedApiKey"];

/** The body of `organisations.keys.create` (`POST /v1/organisations/{id}/api-keys`). */
export type ApiKeyInput = Schemas["NewApiKey"];

/** A new organisation and its first API key (role `partner`), shown this once. */
export type CreatedOrganisation = Schemas["CreatedOrganisation"];

/** One registration of a person, as `persons.get` lists them. */
export type PersonRegistration = Schemas["PersonRegistration"];

/**
 * A person (possible victim) for coordinators: as their newest registration reports them, whom they were merged
 * into (`null` unless merged), and their registrations, newest first (with those of persons merged into them).
 */
export type Person = Omit<Schemas["Person"], "person"> & { person: PersonOnTheWire };

/**
 * Where a possible duplicate stands: `open` (to review), `merged`, `dismissed`, or `stale`: closed without a decision
 * because a correction of a registration made the two persons no longer match (`matchedOn` is then empty).
 */
export type DuplicateStatus = Duplicate["status"];

/**
 * A possible duplicate: the person of a new registration (`personId`) shares weak identifiers with an existing one
 * (`candidatePersonId`). A coordinator merges (the new person into the existing one) or dismisses it.
 */
export type Duplicate = Schemas["Duplicate"];

/** Filters and paging for `duplicates.list`. */
export type DuplicateListParams = QueryOf<"listDuplicates">;

/** The body of `duplicates.merge` and `duplicates.dismiss`: why, 3-1000 characters. */
export type DuplicateDecision = Schemas["DuplicateDecision"];

/** A signal (knelpunt): a bottleneck derived from the data, discriminated by `kind`. */
export type Signal = NonNullable<SignalList["data"]>[number];

/** How many requests (or placements, for COSM stays) a kind of signal concerns in one target group. */
export type SignalSummaryRow = Schemas["SignalSummaryRow"];

/**
 * The signals as of a day (`signals.list`): `summary` for everyone who may read them; `data`, each signal with its
 * request or placement, for coordinators only (policy staff see no cases).
 */
export type SignalList = Schemas["Signals"];

/** A registration as coordinators see it: also its reporting organisation and (deduplicated) person. */
export type CoordinatorRegistration = Omit<Schemas["CoordinatorRegistration"], "person"> & {
  person: PersonOnTheWire;
};

/**
 * A registration in a coordinator's `registrations.list`: also where the person's case stands (`caseStatus`, the
 * survivor's after a merge). Partners' lists hold {@link Registration}s.
 */
export type CoordinatorRegistrationListItem = Omit<Schemas["CoordinatorRegistrationListItem"], "person"> & {
  person: PersonOnTheWire;
};

/** Every version of a registration, oldest first (`registrations.versions`). */
export interface RegistrationVersions {
  data: CoordinatorRegistration[];
}

/**
 * The body of `registrations.create`: the report, and for CoMensha's coordinators optionally the reporting
 * organisation (active) on whose behalf they register it, e.g. a report received by phone. A partner must not send
 * `organisationId` (422 at `/organisationId`).
 */
export type CreateRegistrationInput = Schemas["CreateRegistrationInput"];

/** Whether an audited action succeeded, was refused (403/404), or failed. */
export type AuditOutcome = AuditEvent["outcome"];

/**
 * One audit event: who did what to which resource, when, with what outcome, and whether it changed or only read
 * (`kind`); never the personal data itself. `actorName` names who acted where the log can tell (a user's name for
 * auditors, an API key's organisation for everyone).
 */
export type AuditEvent = Schemas["AuditEvent"];

/** Whether an audited action changed data or only read it. */
export type AuditKind = AuditEvent["kind"];

/**
 * The filters and page of `auditEvents.list` (`GET /v1/audit-events`): who acted (`actorName`, `actorId`,
 * `actorKind`, `organisationId`), which record (`resourceType`, `resourceId`), `action`, `kind`, `outcome`, and the
 * period `from`-`to` (dates or instants, inclusive); every filter narrows the selection.
 */
export type AuditEventListParams = QueryOf<"listAuditEvents">;

/** The filters of `auditEvents.export` (as {@link AuditEventListParams}, without paging) and the labels' `lang`. */
export type AuditEventExportParams = QueryOf<"exportAuditEvents">;

/** The page of `registrations.auditTrail`, and `kind` to list only its changes or only its reads. */
export type RegistrationAuditTrailParams = QueryOf<"listRegistrationAuditEvents">;

/** Paging of a list: page size and the `nextCursor` of a previous page. */
export interface PageParams {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The kind of a shelter location (code list `shelter_kind`). */
export type ShelterKind = Shelter["kind"];

/** One place (bed, room or unit) of a shelter, for one target group. */
export type ShelterPlace = Schemas["PlaceEncoded"];

/** A shelter location (opvanglocatie) with its places; a closed one offers no places. */
export type Shelter = Schemas["Shelter"];

/** Every shelter (`shelters.list`). */
export type ShelterList = Schemas["ShelterList"];

/** One legal ground: an article of the GDPR or of its Dutch implementation act (UAVG), and why it applies. */
export type LegalGround = ProcessingActivity["legalGrounds"][number];

/** What a registration's `legalBasis` code means in law, for personal, special-category and criminal-offence data. */
export type LegalBasisGrounds = ProcessingRecord["legalBases"][number];

/** A category of personal data the platform holds, its fields and how they are stored. */
export type DataCategory = ProcessingRecord["dataCategories"][number];

/** One processing activity: purposes, data subjects, data categories (ids), legal grounds and recipients. */
export type ProcessingActivity = ProcessingRecord["activities"][number];

/**
 * The record of processing activities (GDPR art. 30): controller, activities, data categories, legal bases,
 * retention, security measures and the questions still open for the data protection officer.
 */
export type ProcessingRecord = Schemas["ProcessingRecord"];

/**
 * Free text stored encrypted (a decision reason, medical needs, an override reason) as the subject export shows it:
 * the text, or the mark that it does not decrypt with the server's keys.
 */
export type SealedText = Schemas["SubjectExportSealedText"];

/** An organisation as the subject export names it. */
export type SubjectExportOrganisation = Schemas["SubjectExportOrganisation"];

/** Who acted or decided, with a console user's name and the organisation where known. */
export type SubjectExportActor = Schemas["SubjectExportActor"];

/** One version of a registration in the subject export: readable, undecryptable, or erased. */
export type SubjectExportRegistrationVersion = Schemas["SubjectExportRegistrationVersion"];

/** A place as the subject export names it. */
export type SubjectExportPlace = Schemas["SubjectExportPlace"];

/**
 * The data-subject access export (GDPR art. 15) of a person and every person merged into them, as
 * `persons.export(id)` returns it: everything the platform holds about them and the audit events about it, oldest
 * first.
 */
export type SubjectExport = Schemas["SubjectExport"];

/** The options of `persons.export`: the format, and the language of the HTML page. */
export type SubjectExportParams = QueryOf<"exportPerson">;

/** Where an erasure request stands: waiting for a second coordinator, approved (and executed), or rejected. */
export type ErasureRequestStatus = ErasureRequest["status"];

/** Who asked for or decided an erasure: a console user or an API key, by id. */
export type ErasureActor = ErasureRequest["requestedBy"];

/** What an approved erasure removed, in counts. */
export type ErasureSummary = NonNullable<ErasureRequest["erased"]>;

/**
 * A request to erase a person's identifiers (coordinators): asked by one coordinator, approved (and executed at once)
 * or rejected by another. `reason` reads `null` once retention emptied it.
 */
export type ErasureRequest = Schemas["ErasureRequest"];

/** The body of `erasureRequests.create` and `erasureRequests.reject`: why (3-1000 characters; stored encrypted). */
export type ErasureReasonInput = Schemas["ErasureRequestInput"];

/** The query of `GET /v1/erasure-requests`. */
export type ErasureRequestListParams = QueryOf<"listErasureRequests">;

/**
 * A partner's webhook endpoint: where the platform posts the events chosen, signed in the Standard Webhooks format.
 * Its secret is only in the answer of `webhookEndpoints.create` ({@link CreatedWebhookEndpoint}).
 */
export type WebhookEndpoint = Schemas["WebhookEndpoint"];

/** A new endpoint with its signing secret (`whsec_...`), shown this once. */
export type CreatedWebhookEndpoint = Schemas["CreatedWebhookEndpoint"];

/** The body of `webhookEndpoints.create`: an https URL and at least one event type. */
export type WebhookEndpointInput = Schemas["WebhookEndpointInput"];

/** An event a webhook endpoint can subscribe to (`registration.received`, `placement_request.placed`, ...). */
export type WebhookEventType = WebhookEndpoint["events"][number];

/**
 * The body of a webhook delivery, `{ type, timestamp, data }`: ids and states, never a person's identifiers. Narrow
 * it on `type`; `webhooks.verify` answers one after checking its signature.
 */
export type WebhookEvent = Schemas["WebhookEvent"];

/** One delivery of an event to an endpoint, as its delivery log shows it. */
export type WebhookDelivery = Schemas["WebhookDelivery"];

/** The query of `webhookEndpoints.deliveries`. */
export type WebhookDeliveryListParams = QueryOf<"listWebhookDeliveries">;

/**
 * A person's case status (HTCDS 2.0 `cas_Status`: `active`, `follow_up`, `closed`, `closed_referred`) with every
 * change: from, to, a coded reason, who (by kind and id) and when.
 */
export type CaseStatusView = Schemas["CaseStatus"];

/** The body of `persons.changeCaseStatus`: the new status and a coded reason. */
export type CaseStatusInput = Schemas["CaseStatusInput"];

/** Where a person's trajectory stands. */
export type CaseStatus = CaseStatusView["status"];

/**
 * A case note about a person at its current version: `content` is `{ state: "readable", text }`, or
 * `{ state: "undecryptable" }` / `{ state: "erased" }` when there are no words to show (dates and authors stay).
 */
export type CaseNote = Schemas["CaseNote"];

/** A case note with every version, oldest first (`persons.note`). */
export type CaseNoteWithVersions = Schemas["CaseNoteWithVersions"];

/** The body of `persons.addNote` and `persons.correctNote`: the note's text (1-10,000 characters after trimming). */
export type CaseNoteInput = Schemas["CaseNoteInput"];

/**
 * A file in a person's case, described: `name` is `{ state: "readable", fileName }`, or `{ state: "undecryptable" }`
 * / `{ state: "erased" }` (the file is gone then too); `size` in bytes and `sha256` of the bytes.
 */
export type Attachment = Schemas["Attachment"];

/** What an attachment may be: a PDF, a PNG or JPEG image, or plain text in UTF-8. */
export type AttachmentMediaType = Attachment["mediaType"];

/** What `persons.addAttachment` uploads: the file's name, its media type and its bytes (at most 10 MiB). */
export interface AttachmentUpload {
  /** The file's name (1-200 characters, no `/` or `\\`); stored encrypted, never logged. */
  readonly fileName: string;
  readonly mediaType: AttachmentMediaType;
  /** The file's bytes; they must be of `mediaType` (a PDF starts with `%PDF-`, and so on). */
  readonly data: Uint8Array | Blob;
}

/** A referral of a person to care, as coordinators see it (`referrals.create`, `referrals.list`). */
export type Referral = Schemas["Referral"];

/** A referral as the receiving (care) organisation sees it: no person id, no CoMensha staff ids. */
export type ReceivedReferral = Schemas["ReceivedReferral"];

/** One referral with the person: identifiers only when the referral shares them (`referrals.get`). */
export type ReferralWithPerson = Schemas["ReferralWithPerson"];

/** The body of `referrals.create`. */
export type ReferralInput = Schemas["ReferralInput"];

/** The body of `referrals.answer`: accept, or decline with a coded reason. */
export type ReferralAnswer = Schemas["ReferralAnswer"];

/** How an accepted referral ended (`referrals.report`). */
export type ReferralOutcome = Schemas["ReferralReport"]["outcome"];

/** The query of `referrals.list`. */
export type ReferralListParams = QueryOf<"listReferrals">;

/**
 * A follow-up task about a person's case: kind, due date, owner (a console user's id), state (`open`, `done`,
 * `cancelled`) with who closed it and when; `title` is `{ state: "readable", text }`, or `none`, `undecryptable`,
 * `erased`.
 */
export type FollowUp = Schemas["FollowUp"];

/** The body of `persons.addFollowUp`: kind, due date, and optionally the owner (a user's id) and a short title. */
export type FollowUpInput = Schemas["FollowUpInput"];

/** A person's tasks and the tasks their case suggests that do not exist yet (`persons.followUps`). */
export type FollowUpList = Schemas["FollowUpList"];

/** The query of `followUps.list`: `owner` (`me` or a user's id), `state`, `overdue`, `limit`, `cursor`. */
export type FollowUpListParams = Omit<NonNullable<QueryOf<"listWorklist">>, "overdue"> & {
  overdue?: boolean | undefined;
};

/** A shelter's stays in one ISO week with the nights stayed and each person's open tasks due (`shelters.stayList`). */
export type StayList = Schemas["StayList"];

/** The query of `shelters.stayList`: the ISO week (`2026-W02`; this week when left out) and the format. */
export interface StayListParams {
  week?: string | undefined;
  format?: "json" | "csv" | undefined;
}

/** A transfer of a registration to another organisation (`registrations.transfer`, `registrations.transfers`). */
export type Transfer = Schemas["Transfer"];

/** The body of `registrations.transfer`: the receiving organisation and a coded reason. */
export type TransferInput = Schemas["TransferInput"];

/** The answer of `registrations.transfers`: a registration's transfers, oldest first. */
export type TransferList = Schemas["TransferList"];
