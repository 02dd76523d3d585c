/**
 * The wire types of the partner API (docs/api.md), written by hand as plain TypeScript.
 *
 * To be replaced by types generated from `/openapi.json` with openapi-typescript once the API documents every
 * route; until then, change them only together with docs/api.md. Field names and code values are part of the
 * public contract (DESIGN.md, section 4).
 */

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** An instant in UTC, ISO 8601 (e.g. `2026-11-20T09:30:00.000Z`). */
export type IsoTimestamp = string;

/** An ISO 3166-1 alpha-2 country code, upper case (e.g. `NL`). */
export type CountryCode = string;

/** A nationality: an ISO 3166-1 alpha-2 country code, `stateless`, or `unknown`. */
export type Nationality = string;

/** The sex of a person as reported; `x` is the Dutch non-binary marker in identity documents. */
export type Sex = "female" | "male" | "x" | "unknown";

/** Exploitation form (uitbuitingsvorm): the kind of exploitation a registration reports. */
export type ExploitationForm =
  | "sexual"
  | "labour"
  | "criminal"
  | "forced_begging"
  | "forced_marriage"
  | "organ_removal"
  | "other"
  | "unknown";

/** Police region (politie-eenheid): one of the ten regional units of the Dutch National Police, or its National Unit. */
export type PoliceRegion =
  | "noord_nederland"
  | "oost_nederland"
  | "midden_nederland"
  | "noord_holland"
  | "amsterdam"
  | "den_haag"
  | "rotterdam"
  | "zeeland_west_brabant"
  | "oost_brabant"
  | "limburg"
  | "landelijke_eenheid";

/** What a registration asks of CoMensha: registering only, registering and shelter, or information and advice. */
export type DossierType = "registration" | "registration_and_shelter" | "registration_information_advice";

/** Legal basis (grondslag) of the transfer: statutory (police, KMar, Labour Inspectorate), consent, legitimate interest. */
export type LegalBasis = "statutory" | "consent" | "legitimate_interest";

/** Where a registration stands. */
export type RegistrationStatus = "received" | "registered" | "withdrawn" | "rejected";

/** Who may offer a reflection period: the police or the Royal Netherlands Marechaussee (KMar). */
export type ReflectionPeriodOfferer = "police" | "kmar";

/** A possible victim (mogelijk slachtoffer) as the reporting organisation knows them. */
export interface ReportedPerson {
  familyName: string;
  givenNames: string;
  /** Other names the person is known by; up to 20. */
  aliases: string[];
  dateOfBirth?: IsoDate;
  /** May stand instead of `dateOfBirth`; when both are given it must be the year of `dateOfBirth`. */
  birthYear?: number;
  documentNumber?: string;
  sex: Sex;
  /** One to ten nationalities. */
  nationalities: Nationality[];
}

/**
 * A person whose direct identifiers were erased (retention, or an approved erasure request): only what statistics
 * use is left (the identifier fields are absent). Tell it from a {@link ReportedPerson} with
 * `person.familyName !== undefined`.
 */
export interface ErasedPerson {
  familyName?: never;
  givenNames?: never;
  aliases?: never;
  dateOfBirth?: never;
  documentNumber?: never;
  birthYear?: number;
  sex: Sex;
  nationalities: Nationality[];
}

/**
 * Sector of labour exploitation, as the National Rapporteur reports it (broad sections of the Dutch SBI): agriculture
 * (also forestry and fishing), domestic work (also au pairs), hospitality, industry, construction, transport and
 * storage (also port work and shipping), wholesale and retail trade, other work or services, unknown.
 */
export type Sector =
  | "agriculture"
  | "domestic_work"
  | "hospitality"
  | "industry"
  | "construction"
  | "transport_storage"
  | "trade"
  | "other_services"
  | "unknown";

/**
 * Where and how the person was exploited. `municipality` and `policeRegion` apply to exploitation in NL only;
 * `sector` to labour exploitation only.
 */
export interface Exploitation {
  /** One or more forms, none repeated. */
  forms: ExploitationForm[];
  country: CountryCode;
  municipality?: string;
  policeRegion?: PoliceRegion;
  sector?: Sector;
}

/**
 * Reflection period (bedenktijd): up to 3 months from `startsOn`, or 30 days in a Dublin case, offered by the police
 * or KMar. The API computes its end.
 */
export interface ReflectionPeriod {
  offeredOn: IsoDate;
  offeredBy: ReflectionPeriodOfferer;
  startsOn: IsoDate;
  dublin: boolean;
}

/** Registration (melding) as a partner sends it: the body of `POST /v1/registrations` and `PUT /v1/registrations/{id}`. */
export interface RegistrationInput {
  reportedOn: IsoDate;
  person: ReportedPerson;
  exploitation: Exploitation;
  dossierType: DossierType;
  legalBasis: LegalBasis;
  consentToShareWithShelter: boolean;
  reflectionPeriod?: ReflectionPeriod;
}

/**
 * A registration as the API answers it: the report plus its id, status, version and timestamps. Once the person's
 * identifiers were erased, `erasedAt` is set and `person` is an {@link ErasedPerson}.
 */
export interface Registration extends Omit<RegistrationInput, "person"> {
  person: ReportedPerson | ErasedPerson;
  /** When the person's identifiers were erased; absent while they are kept. */
  erasedAt?: IsoTimestamp;
  id: string;
  status: RegistrationStatus;
  /** The reason given when the report was withdrawn, if any (set on the withdrawn version only). */
  withdrawalReason?: string;
  /** Starts at 1 and grows with every change; the resource's `ETag` is `"<version>"`. */
  version: number;
  createdAt: IsoTimestamp;
  updatedAt: IsoTimestamp;
}

/** The query of `GET /v1/registrations`. */
export interface RegistrationListParams {
  status?: RegistrationStatus | undefined;
  /** Reported on or after this date. */
  reportedFrom?: IsoDate | undefined;
  /** Reported on or before this date. */
  reportedTo?: IsoDate | undefined;
  /** Page size, 1-200; the API's default is 50. */
  limit?: number | undefined;
  /** `nextCursor` of a previous page. */
  cursor?: string | undefined;
}

/** The ids of the code lists. */
export type CodeListId =
  | "organisation_kind"
  | "exploitation_form"
  | "police_region"
  | "shelter_kind"
  | "target_group"
  | "sex"
  | "dossier_type"
  | "legal_basis"
  | "country"
  | "nationality"
  | "age_group"
  | "nationality_group";

/** One code of a code list with its Dutch and English label. */
export interface Code {
  code: string;
  labels: { nl: string; en: string };
}

/** A code list: the values a field may take, with labels. */
export interface CodeList {
  id: CodeListId;
  codes: Code[];
}

/** One page of a list: `nextCursor` is `null` on the last page. */
export interface ListResponse<T> {
  data: T[];
  nextCursor: string | null;
}

/** One offending field of a request. */
export interface ProblemField {
  /** A JSON-pointer-like path, e.g. `/person/dateOfBirth`. */
  path: string;
  message: string;
}

/** An RFC 9457 problem detail (`application/problem+json`), as every error response of the API carries. */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  errors?: ProblemField[];
  requestId: string;
}

/** Who a shelter place is for. */
export type TargetGroup = "women" | "men" | "minors" | "families";

/** One place's availability over a date range. */
export interface PlaceAvailability {
  placeId: string;
  label: string;
  shelterId: string;
  shelterName: string;
  shelterKind: string;
  region: string;
  targetGroup: TargetGroup;
  securityLevel: "standard" | "high";
  accessible: boolean;
  roomForChildren: boolean;
  free: boolean;
}

/** Free places over `[from, to)`: totals per target group, and every place. */
export interface Availability {
  from: string;
  to: string;
  totals: Array<{ targetGroup: TargetGroup; places: number; free: number }>;
  places: Array<PlaceAvailability>;
}

/** Where a placement request stands. */
export type PlacementState = "requested" | "searching" | "offered" | "placed" | "ended" | "cancelled" | "waitlisted";

/** What a place must offer the person. `medicalNeeds` is personal data: it is stored encrypted. */
export interface PlacementNeeds {
  targetGroup: TargetGroup;
  children: number;
  urgency: "tonight" | "this_week" | "planned";
  security: "standard" | "high";
  languages: Array<string>;
  accessible?: boolean;
  medicalNeeds?: string;
}

/** The body of `POST /v1/placement-requests`. */
export interface PlacementRequestInput {
  registrationId: string;
  needs: PlacementNeeds;
  preferredRegion?: PoliceRegion;
}

/**
 * A placement request (first shelter) as the API returns it. A partner gets these fields only (no person id: see the
 * API docs); a coordinator also gets `personId`, `offer` and `placement` (see {@link CoordinatorPlacementRequest}).
 */
export interface PlacementRequest extends PlacementRequestInput {
  id: string;
  organisationId: string;
  requestedBy: "partner" | "coordinator";
  requestedOn: string;
  state: PlacementState;
  version: number;
  createdAt: string;
  updatedAt: string;
  /** Coordinators only: the open offer, `null` unless the request is `offered`. */
  offer?: OfferSummary | null;
  /** Coordinators only: the placement, `null` until the request is `placed` (kept, with its end, once `ended`). */
  placement?: PlacementSummary | null;
  /**
   * Fields whose stored value does not decrypt with the server's keys (`["needs.medicalNeeds"]`): the value is left
   * out, the read is audited, and the rest of the request reads as usual. Absent when everything decrypts.
   */
  unreadable?: string[];
}

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
export interface CoordinatorPlacementRequest extends PlacementRequest {
  personId: string;
  offer: OfferSummary | null;
  placement: PlacementSummary | null;
}

/**
 * The open offer of a placement request: which place (its label) of which shelter (its name) is offered from
 * `startsOn`, until `expiresAt`. A lapsed offer stays open (with `expiresAt` in the past) until it is declined.
 */
export interface OfferSummary {
  id: string;
  placeId: string;
  placeLabel: string;
  shelterId: string;
  shelterName: string;
  startsOn: IsoDate;
  expiresAt: IsoTimestamp;
}

/** Where the person of a placement request is (or was) placed: since `startsOn`; `endsOn` and `endReason` once ended. */
export interface PlacementSummary {
  id: string;
  placeId: string;
  placeLabel: string;
  shelterId: string;
  shelterName: string;
  startsOn: IsoDate;
  endsOn: IsoDate | null;
  endReason: EndReason | null;
}

/** Filters and paging for `placementRequests.list`. */
export interface PlacementRequestListParams {
  state?: PlacementState;
  limit?: number;
  cursor?: string;
}

/** An offer of a place to a placement request (coordinators). */
export interface OfferInput {
  placeId: string;
  startsOn: string;
  expiresAt: string;
  /** A coordinator's override of the COSM rules, with a reason of at least 10 characters. */
  override?: { reason: string };
}

/** A placement: a place held for a request from `startsOn` until `endsOn` (exclusive; open while absent). */
export interface Placement {
  id: string;
  requestId: string;
  placeId: string;
  startsOn: string;
  endsOn?: string;
  endReason?: EndReason;
}

/** Why a placement ended. */
export type EndReason = "moved_on" | "returned_home" | "left_without_notice" | "transferred" | "removed" | "other";

/** A place that fits a request's needs, as suggested. */
export interface PlaceSuggestion {
  placeId: string;
  label: string;
  shelterId: string;
  shelterName: string;
  shelterKind: string;
  region: string;
  isInPreferredRegion: boolean;
  spareFeatures: Array<string>;
}

/** The kinds of anonymised report and what each covers. */
export type ReportParameters =
  | { kind: "annual_monitor"; year: number }
  | { kind: "placement_report"; from: string; to: string }
  | { kind: "eurostat_crim_thb"; year: number }
  | { kind: "htcds_export"; year: number };

/** The disclosure-control policy of a report: suppress values below `threshold` (at least 5), optionally round. */
export interface DisclosurePolicy {
  threshold: number;
  roundingBase?: number;
}

/** What `reports.create` sends. */
export interface ReportInput {
  parameters: ReportParameters;
  policy?: DisclosurePolicy;
}

/** One file of a completed report. */
export interface ReportArtifact {
  name: string;
  format: "csv" | "json" | "html";
  language?: "nl" | "en";
  mediaType: string;
  size: number;
  sha256: string;
  /** The path to download it from (`reports.download` takes the name). */
  href: string;
}

/** A requested report and how far the worker is with it. */
export interface Report {
  id: string;
  parameters: ReportParameters;
  policy: DisclosurePolicy;
  status: "queued" | "running" | "completed" | "failed";
  /** 0 to 100. */
  progress: number;
  origin: "api" | "cli" | "schedule";
  requestedAt: string;
  completedAt: string | null;
  dataAsOf: string | null;
  error: string | null;
  artifacts: ReportArtifact[];
}

/** The roles of console users (CoMensha staff); `partner` is for API keys only. */
export type UserRole = "coordinator" | "policy" | "admin" | "auditor";

/** Who asked for or approved a user or key: a console user, an API key or the system (the command line), by id. */
export interface ApprovalActor {
  kind: "api_key" | "user" | "system";
  id: string;
}

/**
 * The four-eyes record of a coordinator or administrator user or key made through the API: who asked for it and,
 * once another administrator approved it, who and when. Until then the user cannot log in and the key does not work.
 */
export interface Approval {
  requestedBy: ApprovalActor;
  approvedBy: ApprovalActor | null;
  approvedAt: IsoTimestamp | null;
}

/** Whether a user may log in: `pending` waits for a second administrator's approval (`users.approve`). */
export type UserStatus = "pending" | "active" | "disabled";

/** A console user (CoMensha staff member). */
export interface User {
  id: string;
  /** Lower-cased. */
  email: string;
  name: string;
  role: UserRole;
  status: UserStatus;
  /** After a one-time password: only `auth.*` calls work until `auth.changePassword`. */
  mustChangePassword: boolean;
  /** Whether the user set up a second factor (an authenticator app); the login then asks for its code. */
  secondFactorEnrolled: boolean;
  createdAt: IsoTimestamp;
  lastLoginAt: IsoTimestamp | null;
  /** For a coordinator or administrator made through the API: who asked and who approved; else `null`. */
  approval: Approval | null;
}

/** The body of `auth.login` (`POST /v1/auth/login`). */
export interface LoginInput {
  email: string;
  password: string;
  /** For a user with a second factor: the 6-digit code of their authenticator app. */
  code?: string;
  /** Or one of their recovery codes (each works once). */
  recoveryCode?: string;
}

/**
 * A console session as `auth.login` and `auth.session` answer it: the signed-in user, and the CSRF token that a
 * session-mode client sends as `X-CSRF-Token` on every call but GET (the client remembers it).
 */
export interface ConsoleSession {
  user: User;
  csrfToken: string;
  /** Whether the user's role must use a second factor: until `user.secondFactorEnrolled`, only `auth.*` works. */
  secondFactorRequired: boolean;
}

/** A started enrolment of an authenticator app (`auth.startSecondFactor`): shown once. */
export interface SecondFactorEnrolment {
  /** The secret in base32, for apps that cannot scan. */
  secret: string;
  /** The `otpauth://totp/...` URI the QR code holds. */
  otpauthUri: string;
  /** The URI as a QR code: an SVG document. */
  qrCodeSvg: string;
}

/** Recovery codes (`auth.confirmSecondFactor`, `auth.renewRecoveryCodes`), shown once: each logs in once. */
export interface RecoveryCodes {
  recoveryCodes: Array<string>;
}

/** The body of `auth.changePassword` (`POST /v1/auth/password`). */
export interface ChangePasswordInput {
  currentPassword: string;
  /**
   * At least 12 characters; not your e-mail address, a common or breached password, only repeated or sequential
   * characters, or the service's name or a word of your address with only digits or symbols added.
   */
  newPassword: string;
}

/** The body of `users.create` (`POST /v1/users`). */
export interface UserInput {
  email: string;
  name: string;
  role: UserRole;
}

/** A new user and their one-time password, shown this once; it must be changed at the first login. */
export interface CreatedUser {
  user: User;
  oneTimePassword: string;
}

/** The headline figures of a year, for the console's dashboard (counting rule; no personal data). */
export interface StatisticsOverview {
  year: number;
  /** Persons counted in the year, once each however many reports. */
  persons: number;
  /** Reports (registrations) of the year over all organisations. */
  reports: number;
  /** The last day on which the year's registrations changed. */
  dataAsOf: IsoDate;
}

/** The kind of a partner organisation (code list `organisation_kind`). */
export type OrganisationKind =
  | "police"
  | "kmar"
  | "labour_inspectorate"
  | "care_coordination"
  | "fairwork"
  | "ngo"
  | "shelter"
  | "youth_care"
  | "lawyer"
  | "municipality"
  | "immigration_service"
  | "other";

/** Whether an organisation may report: a suspended one keeps its data, but its keys stop working. */
export type OrganisationStatus = "active" | "suspended";

/** A partner organisation as `organisations.list` answers it. Names and kinds are not personal data. */
export interface Organisation {
  id: string;
  name: string;
  kind: OrganisationKind;
  /** The police region, for a police unit; `null` otherwise. */
  region: PoliceRegion | null;
  status: OrganisationStatus;
  /** CoMensha's own organisation, to which the console users belong (exactly one is). */
  isComensha: boolean;
  createdAt: IsoTimestamp;
}

/** The body of `organisations.create` (`POST /v1/organisations`). */
export interface OrganisationInput {
  /** 1-200 characters, without leading or trailing spaces. */
  name: string;
  kind: OrganisationKind;
  region?: PoliceRegion;
}

/** What a caller may do: `partner` keys see their own organisation's reports only; the rest are CoMensha's roles. */
export type Role = "partner" | "coordinator" | "policy" | "admin" | "auditor";

/** An API key as listed: its visible prefix, role and use, never the secret. */
export interface ApiKey {
  id: string;
  organisationId: string;
  /** The 8 hex characters after `cmk_`: identify a key, prove nothing. */
  prefix: string;
  role: Role;
  createdAt: IsoTimestamp;
  /** Updated at most about once a minute. */
  lastUsedAt: IsoTimestamp | null;
  revokedAt: IsoTimestamp | null;
  /**
   * For a coordinator or administrator key made through the API: who asked and who approved; else `null`. While
   * `approval.approvedAt` is `null` (and the key is not revoked) the key is refused with 401.
   */
  approval: Approval | null;
}

/** A new API key with the key itself (`cmk_<prefix>_<secret>`), shown this once: hand it over, then forget it. */
export interface CreatedApiKey extends ApiKey {
  key: string;
}

/** The body of `organisations.keys.create` (`POST /v1/organisations/{id}/api-keys`). */
export interface ApiKeyInput {
  role: Role;
}

/** A new organisation and its first API key (role `partner`), shown this once. */
export interface CreatedOrganisation {
  organisation: Organisation;
  apiKey: CreatedApiKey;
}

/** One registration of a person, as `persons.get` lists them. */
export interface PersonRegistration {
  id: string;
  reportedOn: IsoDate;
  status: RegistrationStatus;
  /** The reporting organisation. */
  organisationId: string;
  forms: ExploitationForm[];
}

/**
 * A person (possible victim) for coordinators: as their newest registration reports them, whom they were merged
 * into (`null` unless merged), and their registrations, newest first (with those of persons merged into them).
 */
export interface Person {
  id: string;
  mergedInto: string | null;
  /** The same object as a registration's `person`, from the person's newest registration (erased: no names). */
  person: ReportedPerson | ErasedPerson;
  registrations: PersonRegistration[];
}

/** Where a possible duplicate stands. */
export type DuplicateStatus = "open" | "merged" | "dismissed";

/**
 * A possible duplicate: the person of a new registration (`personId`) shares weak identifiers with an existing one
 * (`candidatePersonId`). A coordinator merges (the new person into the existing one) or dismisses it.
 */
export interface Duplicate {
  id: string;
  personId: string;
  candidatePersonId: string;
  registrationId: string;
  /** Which blind indexes matched (names only, e.g. `family_dob`). */
  matchedOn: string[];
  status: DuplicateStatus;
  decisionReason: string | null;
  decidedBy: string | null;
  decidedAt: IsoTimestamp | null;
  createdAt: IsoTimestamp;
  /** `["decisionReason"]` when the stored reason does not decrypt with the server's keys (it then reads `null`). */
  unreadable?: string[];
}

/** Filters and paging for `duplicates.list`. */
export interface DuplicateListParams {
  status?: DuplicateStatus | undefined;
  /** Page size, 1-200; the API's default is 50. */
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The body of `duplicates.merge` and `duplicates.dismiss`: why, 3-1000 characters. */
export interface DuplicateDecision {
  reason: string;
}

/** A signal (knelpunt): a bottleneck derived from the data, discriminated by `kind`. */
export type Signal =
  | { kind: "waiting_over_norm"; requestId: string; daysWaiting: number; normDays: number }
  | { kind: "reflection_expires_while_waiting"; requestId: string; expiresOn: IsoDate }
  | { kind: "cosm_stay_over_norm"; placementId: string; startsOn: IsoDate }
  /** Requests for `targetGroup` wait for a place (`waiting` of them) while none of its places is free tonight. */
  | { kind: "no_capacity"; targetGroup: TargetGroup; waiting: number };

/** How many requests (or placements, for COSM stays) a kind of signal concerns in one target group. */
export interface SignalSummaryRow {
  kind: Signal["kind"];
  /** `null` only where the group is not known. */
  targetGroup: TargetGroup | null;
  count: number;
}

/**
 * The signals as of a day (`signals.list`): `summary` for everyone who may read them; `data`, each signal with its
 * request or placement, for coordinators only (policy staff see no cases).
 */
export interface SignalList {
  asOf: IsoDate;
  summary: SignalSummaryRow[];
  data?: Signal[];
}

/** A registration as coordinators see it: also its reporting organisation and (deduplicated) person. */
export interface CoordinatorRegistration extends Registration {
  organisationId: string;
  personId: string;
}

/** Every version of a registration, oldest first (`registrations.versions`). */
export interface RegistrationVersions {
  data: CoordinatorRegistration[];
}

/**
 * The body of `registrations.create`: the report, and for CoMensha's coordinators optionally the reporting
 * organisation (active) on whose behalf they register it, e.g. a report received by phone. A partner must not send
 * `organisationId` (422 at `/organisationId`).
 */
export interface CreateRegistrationInput extends RegistrationInput {
  organisationId?: string;
}

/** Whether an audited action succeeded, was refused (403/404), or failed. */
export type AuditOutcome = "success" | "denied" | "failure";

/** One audit event: who did what to which resource, when, with what outcome; never the personal data itself. */
export interface AuditEvent {
  id: string;
  occurredAt: IsoTimestamp;
  actor: { kind: "api_key" | "user" | "system"; id: string; organisationId?: string };
  /** E.g. `registration.read`, `api_key.revoke`. */
  action: string;
  resourceType: string;
  resourceId?: string;
  outcome: AuditOutcome;
  /** The request's id, as in `X-Request-Id` and the problem's `requestId`. */
  requestId?: string;
}

/** Paging of a list: page size and the `nextCursor` of a previous page. */
export interface PageParams {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** The kind of a shelter location (code list `shelter_kind`). */
export type ShelterKind =
  | "cosm"
  | "omm"
  | "womens_shelter"
  | "mens_shelter"
  | "social_shelter"
  | "youth_care"
  | "protected_minors"
  | "emergency";

/** One place (bed, room or unit) of a shelter, for one target group. */
export interface ShelterPlace {
  id: string;
  shelterId: string;
  label: string;
  targetGroup: TargetGroup;
  securityLevel: "standard" | "high";
  accessible: boolean;
  roomForChildren: boolean;
}

/** A shelter location (opvanglocatie) with its places; a closed one offers no places. */
export interface Shelter {
  id: string;
  status: "active" | "closed";
  name: string;
  kind: ShelterKind;
  region: PoliceRegion;
  places: ShelterPlace[];
  createdAt: IsoTimestamp;
}

/** Every shelter (`shelters.list`). */
export interface ShelterList {
  data: Shelter[];
}

/** One legal ground: an article of the GDPR or of its Dutch implementation act (UAVG), and why it applies. */
export interface LegalGround {
  law: "gdpr" | "uavg";
  /** The article as lawyers cite it, e.g. `6(1)(c)`. */
  article: string;
  reason: string;
  /** A ground engineering proposes but the data protection officer has still to confirm. */
  toBeConfirmedByDpo: boolean;
}

/** What a registration's `legalBasis` code means in law, for personal, special-category and criminal-offence data. */
export interface LegalBasisGrounds {
  code: LegalBasis;
  label: string;
  personalData: LegalGround[];
  specialCategories: LegalGround[];
  criminalOffenceData: LegalGround[];
}

/** A category of personal data the platform holds, its fields and how they are stored. */
export interface DataCategory {
  id: string;
  name: string;
  kind: "personal" | "special_category" | "criminal_offence" | "pseudonymous";
  fields: string[];
  storage: string;
}

/** One processing activity: purposes, data subjects, data categories (ids), legal grounds and recipients. */
export interface ProcessingActivity {
  id: string;
  name: string;
  purposes: string[];
  dataSubjects: string[];
  dataCategories: string[];
  /** When the ground follows each registration's `legalBasis`: those codes (see `ProcessingRecord.legalBases`). */
  legalBasisCodes: LegalBasis[];
  legalGrounds: LegalGround[];
  recipients: Array<{ name: string; receives: string }>;
  transfersOutsideEu: string;
}

/**
 * The record of processing activities (GDPR art. 30): controller, activities, data categories, legal bases,
 * retention, security measures and the questions still open for the data protection officer.
 */
export interface ProcessingRecord {
  status: "draft" | "confirmed";
  controller: { name: string; contact: string };
  activities: ProcessingActivity[];
  dataCategories: DataCategory[];
  legalBases: LegalBasisGrounds[];
  retention: Array<{ category: string; period: string; status: "in_force" | "proposal" }>;
  securityMeasures: Array<{ name: string; description: string; status: "in_place" | "deployment" | "planned" }>;
  openQuestions: string[];
}

/**
 * Free text stored encrypted (a decision reason, medical needs, an override reason) as the subject export shows it:
 * the text, or the mark that it does not decrypt with the server's keys.
 */
export type SealedText = { state: "readable"; text: string } | { state: "undecryptable" };

/** An organisation as the subject export names it. */
export interface SubjectExportOrganisation {
  id: string;
  name: string;
  kind: OrganisationKind;
}

/** Who acted or decided, with a console user's name and the organisation where known. */
export interface SubjectExportActor {
  kind: "api_key" | "user" | "system";
  id: string;
  name?: string;
  organisation?: SubjectExportOrganisation;
}

/** One version of a registration in the subject export: readable, undecryptable, or erased. */
export type SubjectExportRegistrationVersion = {
  version: number;
  status: RegistrationStatus;
  recordedAt: IsoTimestamp;
} & (
  | { state: "readable"; registration: RegistrationInput; withdrawalReason?: string }
  | { state: "undecryptable" }
  | { state: "erased" }
);

/** A place as the subject export names it. */
export interface SubjectExportPlace {
  id: string;
  label: string;
  shelterId: string;
  shelterName: string;
  shelterKind: ShelterKind;
}

/**
 * The data-subject access export (GDPR art. 15) of a person and every person merged into them, as
 * `persons.export(id)` returns it: everything the platform holds about them and the audit events about it, oldest
 * first.
 */
export interface SubjectExport {
  /** The person asked for. */
  personId: string;
  exportedAt: IsoTimestamp;
  persons: Array<{
    id: string;
    sex: Sex;
    birthYear: number | null;
    nationalities: Nationality[];
    mergedInto: string | null;
    createdAt: IsoTimestamp;
  }>;
  registrations: Array<{
    id: string;
    personId: string;
    organisation: SubjectExportOrganisation;
    status: RegistrationStatus;
    currentVersion: number;
    createdAt: IsoTimestamp;
    updatedAt: IsoTimestamp;
    /** Every version, oldest first. */
    versions: SubjectExportRegistrationVersion[];
  }>;
  duplicates: Array<{
    id: string;
    personId: string;
    candidatePersonId: string;
    registrationId: string;
    matchedOn: string[];
    status: DuplicateStatus;
    createdAt: IsoTimestamp;
    decision: {
      decidedAt: IsoTimestamp | null;
      decidedBy: SubjectExportActor | null;
      reason: SealedText | null;
    } | null;
  }>;
  placementRequests: Array<{
    id: string;
    registrationId: string;
    organisation: SubjectExportOrganisation;
    requestedBy: "partner" | "coordinator";
    requestedOn: IsoDate;
    state: PlacementState;
    preferredRegion: PoliceRegion | null;
    needs: Omit<PlacementNeeds, "medicalNeeds">;
    medicalNeeds: SealedText | null;
    createdAt: IsoTimestamp;
    updatedAt: IsoTimestamp;
    offers: Array<{
      id: string;
      place: SubjectExportPlace;
      startsOn: IsoDate;
      expiresAt: IsoTimestamp;
      status: "open" | "accepted" | "declined" | "expired" | "withdrawn";
      overrideReason: SealedText | null;
      createdAt: IsoTimestamp;
    }>;
    placements: Array<{
      id: string;
      place: SubjectExportPlace;
      startsOn: IsoDate;
      endsOn: IsoDate | null;
      endReason: EndReason | null;
      createdAt: IsoTimestamp;
    }>;
  }>;
  /** Who saw or changed these records: every audit event about them, oldest first. */
  auditEvents: Array<{
    id: string;
    occurredAt: IsoTimestamp;
    actor: SubjectExportActor;
    action: string;
    resourceType: string;
    resourceId: string;
    outcome: AuditOutcome;
  }>;
}

/** The options of `persons.export`: the format, and the language of the HTML page. */
export interface SubjectExportParams {
  /** `json` (the default): the export as a typed object; `html`: a printable page, as a string. */
  format?: "json" | "html" | undefined;
  /** The language of the HTML page: `nl` (the default) or `en`. */
  lang?: "nl" | "en" | undefined;
}

/** Where an erasure request stands: waiting for a second coordinator, approved (and executed), or rejected. */
export type ErasureRequestStatus = "pending" | "approved" | "rejected";

/** Who asked for or decided an erasure: a console user or an API key, by id. */
export interface ErasureActor {
  kind: "api_key" | "user" | "system";
  id: string;
}

/** What an approved erasure removed, in counts. */
export interface ErasureSummary {
  persons: number;
  registrations: number;
  versions: number;
  blindIndexes: number;
  placementRequests: number;
  offers: number;
  duplicates: number;
  idempotentAnswers: number;
}

/**
 * A request to erase a person's identifiers (coordinators): asked by one coordinator, approved (and executed at once)
 * or rejected by another. `reason` reads `null` once retention emptied it.
 */
export interface ErasureRequest {
  id: string;
  personId: string;
  status: ErasureRequestStatus;
  reason: string | null;
  requestedBy: ErasureActor;
  requestedAt: IsoTimestamp;
  decidedBy: ErasureActor | null;
  decidedAt: IsoTimestamp | null;
  rejectionReason: string | null;
  erased: ErasureSummary | null;
}

/** The body of `erasureRequests.create` and `erasureRequests.reject`: why (3-1000 characters; stored encrypted). */
export interface ErasureReasonInput {
  reason: string;
}

/** The query of `GET /v1/erasure-requests`. */
export interface ErasureRequestListParams {
  status?: ErasureRequestStatus | undefined;
  limit?: number | undefined;
  cursor?: string | undefined;
}
