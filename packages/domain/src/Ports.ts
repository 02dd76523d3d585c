import { Context, type Effect, type Redacted, Schema } from "effect";
import type { ApiKey, ApiKeyId, ApiKeyNotFound } from "./ApiKey.js";
import type {
  Attachment,
  AttachmentAuthor,
  AttachmentErased,
  AttachmentId,
  AttachmentNotFound,
  AttachmentUndecryptable,
  NewAttachment,
} from "./Attachment.js";
import type { AuditEntry, AuditEvent, AuditFilter, NewAuditEvent } from "./AuditEvent.js";
import type {
  CaseNote,
  CaseNoteAuthor,
  CaseNoteErased,
  CaseNoteId,
  CaseNoteNotFound,
  CaseNoteVersion,
  CaseNoteVersionConflict,
  NewCaseNote,
} from "./CaseNote.js";
import type {
  CaseStatus,
  CaseStatusActor,
  CaseStatusChange,
  CaseStatusChangeRefused,
  CaseStatusReason,
  PersonMergedAway,
} from "./CaseStatus.js";
import type { CountedYear, PersonYearClass } from "./CountedYear.js";
import type { CountableRegistration } from "./Counting.js";
import type { DisclosurePolicy } from "./DisclosurePolicy.js";
import type {
  Duplicate,
  DuplicateAlreadyDecided,
  DuplicateId,
  DuplicateNotFound,
  DuplicateStatus,
} from "./Duplicate.js";
import type {
  ErasureActor,
  ErasurePending,
  ErasureReason,
  ErasureRequest,
  ErasureRequestDecided,
  ErasureRequestId,
  ErasureRequestNotFound,
  ErasureRequestStatus,
  ErasureSummary,
} from "./Erasure.js";
import type {
  CaseFacts,
  FollowUp,
  FollowUpActor,
  FollowUpClosed,
  FollowUpId,
  FollowUpKind,
  FollowUpNotFound,
  FollowUpOwnerRefused,
  FollowUpState,
  FollowUpTitle,
} from "./FollowUp.js";
import type { NewOrganisation, Organisation, OrganisationId, OrganisationNotFound } from "./Organisation.js";
import type { InvalidCursor, Page, PageRequest } from "./Page.js";
import type { Person, PersonId, PersonNotFound } from "./Person.js";
import type {
  DateRange,
  NewOffer,
  OfferSummary,
  PlaceAlreadyBooked,
  Placement,
  PlacementId,
  PlacementSummary,
} from "./Placement.js";
import type { CapacityFact, PlacementFact, PlacementRequestFact } from "./PlacementReport.js";
import type {
  IllegalTransition,
  ListOrder,
  NewPlacementRequest,
  PlacementEventTag,
  PlacementRequest,
  PlacementRequestId,
  PlacementRequestNotFound,
  PlacementState,
  Requester,
} from "./PlacementRequest.js";
import type {
  NewReferral,
  Referral,
  ReferralAction,
  ReferralActor,
  ReferralDeclineReason,
  ReferralId,
  ReferralNotFound,
  ReferralOutcome,
  ReferralRefused,
  ReferralState,
  ReferralStateConflict,
} from "./Referral.js";
import type {
  Registration,
  RegistrationId,
  RegistrationInput,
  RegistrationNotFound,
  RegistrationStatus,
  RegistrationUndecryptable,
  RegistrationVersionConflict,
  WithdrawalReason,
} from "./Registration.js";
import type { Release, ReleaseFamily } from "./Release.js";
import type { ReportParameters } from "./Report.js";
import type { ReportArtifact, ReportId, ReportJob, ReportNotFound, ReportOrigin } from "./ReportJob.js";
import type { RetentionCutoffs } from "./Retention.js";
import type { Role } from "./Role.js";
import type { SecondFactorState } from "./SecondFactor.js";
import type { ApprovalActor, NotAwaitingApproval } from "./SeparationOfDuties.js";
import type { LoginThrottle, Session, SessionId } from "./Session.js";
import type { NewShelter, Place, PlaceId, PlaceNotFound, Shelter, ShelterId, ShelterNotFound } from "./Shelter.js";
import type { PublishedTable } from "./StatTable.js";
import type { IsoWeek, StayList } from "./StayList.js";
import type {
  ExportedAttachment,
  ExportedAuditEvent,
  ExportedCaseNote,
  ExportedDuplicate,
  ExportedFollowUp,
  ExportedPerson,
  ExportedPlacementRequest,
  ExportedReferral,
  ExportedRegistration,
  ExportedTransfer,
} from "./SubjectExport.js";
import type { NewTransfer, RegistrationTransferred, Transfer, TransferActor, TransferRefused } from "./Transfer.js";
import type { EmailTaken, User, UserId, UserNotFound, UserRole, UserStatus } from "./User.js";
import type {
  EndpointStatus,
  NewWebhookEndpoint,
  WebhookDelivery,
  WebhookDeliveryId,
  WebhookDeliveryNotFound,
  WebhookEndpoint,
  WebhookEndpointId,
  WebhookEndpointNotFound,
  WebhookEvent,
} from "./Webhook.js";

/** Makes fresh identifiers (UUIDv7). A seeded implementation makes demo data reproducible. */
export class IdGenerator extends Context.Service<IdGenerator, { readonly next: Effect.Effect<string> }>()(
  "@comensha/domain/IdGenerator",
) {}

/** A ciphertext could not be decrypted: wrong key, or the data was tampered with. */
export class DecryptionFailed extends Schema.TaggedError<DecryptionFailed>()("DecryptionFailed", {}) {}

/**
 * Authenticated encryption of personal data and keyed blind indexes for finding duplicates without plaintext.
 * The keys come from configuration and never reach the database.
 */
export class Crypto extends Context.Service<
  Crypto,
  {
    /** Encrypts `plaintext`, bound to `context` (e.g. the row it belongs to) as associated data. */
    readonly encrypt: (plaintext: string, context: string) => Effect.Effect<Uint8Array>;
    readonly decrypt: (ciphertext: Uint8Array, context: string) => Effect.Effect<string, DecryptionFailed>;
    /** A keyed, truncated hash of an already normalised value, separated per index `name`: what is stored. */
    readonly blindIndex: (name: string, normalised: string) => Effect.Effect<string>;
    /**
     * What to look a value up by: its blind index under the current key first, then under each previous index key
     * (during a key rotation, indexes not yet rebuilt are still under a previous key).
     */
    readonly blindIndexCandidates: (name: string, normalised: string) => Effect.Effect<ReadonlyArray<string>>;
  }
>()("@comensha/domain/Crypto") {}

/**
 * Runs an effect in one database transaction: all its writes commit together or none do. Nested calls join the
 * outer transaction.
 */
export class Transactor extends Context.Service<
  Transactor,
  {
    readonly transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>;
    /**
     * Inside a transaction: waits until no other transaction holds any of these keys, and holds them until this one
     * ends (e.g. two reports of one new person at the same moment must not make two persons).
     */
    readonly lock: (keys: ReadonlyArray<string>) => Effect.Effect<void>;
    /**
     * The database's time at the start of the open transaction (PostgreSQL's `now()`: what every `created_at` it
     * writes by default gets), as an ISO 8601 UTC timestamp; outside a transaction, the database's time now. Asked
     * once per transaction: asked together with its first statements, it costs no round trip of its own.
     */
    readonly now: Effect.Effect<string>;
  }
>()("@comensha/domain/Transactor") {}

/** Stores partner organisations. */
export class OrganisationRepository extends Context.Service<
  OrganisationRepository,
  {
    readonly create: (input: NewOrganisation) => Effect.Effect<Organisation>;
    /** CoMensha's own organisation (its staff's, `isComensha`), made when there is none yet. */
    readonly comensha: Effect.Effect<Organisation>;
    readonly findById: (id: OrganisationId) => Effect.Effect<Organisation, OrganisationNotFound>;
    readonly list: Effect.Effect<ReadonlyArray<Organisation>>;
    /** One page of organisations ordered by name (then id); the cursor is the last organisation of a page. */
    readonly listPage: (page: PageRequest) => Effect.Effect<Page<Organisation>, InvalidCursor>;
  }
>()("@comensha/domain/OrganisationRepository") {}

/** A blind index entry of a person: which index, and its keyed hash. */
export interface BlindIndexEntry {
  readonly name: string;
  readonly value: string;
}

/** Stores persons and their blind indexes. */
export class PersonRepository extends Context.Service<
  PersonRepository,
  {
    readonly create: (input: {
      readonly sex: Person["sex"];
      readonly birthYear?: number;
      readonly nationalities: Person["nationalities"];
      readonly blindIndexes: ReadonlyArray<BlindIndexEntry>;
    }) => Effect.Effect<Person>;
    readonly findById: (id: PersonId) => Effect.Effect<Person, PersonNotFound>;
    /** Adds blind index entries to a person (e.g. from a later report that writes the name differently). */
    readonly addBlindIndexes: (id: PersonId, entries: ReadonlyArray<BlindIndexEntry>) => Effect.Effect<void>;
    /**
     * Replaces all of a person's blind indexes with these entries (recomputed from every report of the person, e.g.
     * after a correction): an identifier no report holds any more stops matching.
     */
    readonly replaceBlindIndexes: (id: PersonId, entries: ReadonlyArray<BlindIndexEntry>) => Effect.Effect<void>;
    /** Merges `from` into `into`: `from` (and everyone merged into it before) points to `into`; nothing is deleted. */
    readonly merge: (from: PersonId, into: PersonId) => Effect.Effect<void, PersonNotFound>;
    /**
     * The (surviving) persons that have any of these blind index entries, with the names that matched. A name may
     * come with several values (`Crypto.blindIndexCandidates`: one per index key during a key rotation).
     */
    readonly findMatches: (
      entries: ReadonlyArray<BlindIndexEntry>,
    ) => Effect.Effect<ReadonlyArray<{ readonly personId: PersonId; readonly names: ReadonlyArray<string> }>>;
  }
>()("@comensha/domain/PersonRepository") {}

/** Filters for listing registrations. `organisationId` scopes a partner to its own. */
export interface RegistrationFilter {
  readonly organisationId?: OrganisationId;
  readonly status?: RegistrationStatus;
  readonly reportedFrom?: string;
  readonly reportedTo?: string;
  /** The whole id (that registration only) or its last 8 characters (see `Registration.RegistrationReference`). */
  readonly reference?: string;
  /** Only the registrations of persons whose case has this status (the survivor's after a merge); coordinators'. */
  readonly caseStatus?: CaseStatus;
  /**
   * With `organisationId`: also the registrations that organisation transferred away, each as it was at its (latest)
   * transfer from it (`version` of the transfer), filtered on that version. A partner's list holds them; a
   * coordinator's filter by organisation does not.
   */
  readonly withTransferredAway?: boolean;
}

/** Stores registrations; every change makes a new version, and all versions stay readable. */
export class RegistrationRepository extends Context.Service<
  RegistrationRepository,
  {
    readonly create: (input: {
      readonly organisationId: OrganisationId;
      readonly personId: PersonId;
      readonly status: RegistrationStatus;
      readonly registration: RegistrationInput;
    }) => Effect.Effect<Registration>;
    /** Finds a registration; with `organisationId`, only if that organisation owns it. */
    readonly findById: (
      id: RegistrationId,
      scope?: { readonly organisationId?: OrganisationId },
    ) => Effect.Effect<Registration, RegistrationNotFound | RegistrationUndecryptable>;
    /**
     * A registration that `organisationId` transferred away and no longer owns, as it was at its latest transfer from
     * that organisation (the version the transfer recorded); `RegistrationNotFound` when it never owned it or owns it
     * now (then `findById` with the scope reads it).
     */
    readonly findTransferredAway: (
      id: RegistrationId,
      organisationId: OrganisationId,
    ) => Effect.Effect<Registration, RegistrationNotFound | RegistrationUndecryptable>;
    /**
     * Writes a new version if `expectedVersion` is still the current one; with `organisationId`, only while that
     * organisation owns it (checked under the row's lock, so a transfer committed meanwhile wins: not found).
     */
    readonly update: (input: {
      readonly id: RegistrationId;
      readonly organisationId?: OrganisationId;
      readonly expectedVersion: number;
      readonly status: RegistrationStatus;
      readonly registration: RegistrationInput;
      /** With a withdrawal: the reason given, stored encrypted with the version. */
      readonly withdrawalReason?: WithdrawalReason | undefined;
    }) => Effect.Effect<Registration, RegistrationNotFound | RegistrationVersionConflict>;
    readonly listVersions: (id: RegistrationId) => Effect.Effect<ReadonlyArray<Registration>, RegistrationNotFound>;
    /**
     * Every registration of a person, newest first: those linked to the person itself and to every person merged
     * into it (a merged person's registrations then belong to the surviving one too). Those that do not decrypt are
     * left out of `registrations` and named in `unreadable`.
     */
    readonly listForPerson: (personId: PersonId) => Effect.Effect<{
      readonly registrations: ReadonlyArray<Registration>;
      readonly unreadable: ReadonlyArray<RegistrationId>;
    }>;
    /** A page of registrations; those that do not decrypt are left out of `data` and named in `unreadable`. */
    readonly list: (
      filter: RegistrationFilter,
      page: PageRequest,
    ) => Effect.Effect<Page<Registration> & { readonly unreadable: ReadonlyArray<RegistrationId> }, InvalidCursor>;
    /**
     * Every registration reported in `year`, flattened for the counting rule (persons resolved after merges). Reports
     * and statistics count in the database instead (`StatisticsSource.countedYears`); this is what tests compare it
     * with, through the rule in JavaScript (`Counting.countPersons`, `CountedYear.countedYearOf`).
     */
    readonly listCountable: (year: number) => Effect.Effect<ReadonlyArray<CountableRegistration>>;
  }
>()("@comensha/domain/RegistrationRepository") {}

/** The append-only audit log. */
export class AuditLog extends Context.Service<
  AuditLog,
  {
    readonly append: (event: NewAuditEvent) => Effect.Effect<AuditEvent>;
    readonly list: (page: PageRequest) => Effect.Effect<Page<AuditEvent>, InvalidCursor>;
    /** The events about one resource (e.g. a registration), newest first. */
    readonly listForResource: (
      resource: { readonly type: string; readonly id: string },
      page: PageRequest,
    ) => Effect.Effect<Page<AuditEvent>, InvalidCursor>;
    /**
     * The events that match every field of `filter`, newest first, each with its kind and who acted in words (see
     * `AuditEntry`); cursor-paginated like `list`.
     */
    readonly search: (filter: AuditFilter, page: PageRequest) => Effect.Effect<Page<AuditEntry>, InvalidCursor>;
  }
>()("@comensha/domain/AuditLog") {}

/** An API key with what authentication needs: the hash of its secret and whether its organisation is active. */
export interface ApiKeyCredential {
  readonly key: ApiKey;
  readonly secretHash: string;
  readonly organisationActive: boolean;
}

/** Stores organisations' API keys (hashes only). */
export class ApiKeyRepository extends Context.Service<
  ApiKeyRepository,
  {
    readonly create: (input: {
      readonly organisationId: OrganisationId;
      readonly role: Role;
      readonly prefix: string;
      readonly secretHash: string;
      /** What the administrator calls the key (see `ApiKey.ApiKeyLabel`). */
      readonly label?: string;
      /** Makes the key wait for a second administrator's approval, asked for by this principal. */
      readonly approvalRequestedBy?: ApprovalActor;
    }) => Effect.Effect<ApiKey>;
    readonly findById: (id: ApiKeyId) => Effect.Effect<ApiKey, ApiKeyNotFound>;
    readonly findByPrefix: (prefix: string) => Effect.Effect<ApiKeyCredential | undefined>;
    /** The keys of an organisation, oldest first. */
    readonly list: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<ApiKey>>;
    /** Revokes a key at once; revoking a revoked key changes nothing and answers it with its first `revokedAt`. */
    readonly revoke: (id: ApiKeyId) => Effect.Effect<ApiKey, ApiKeyNotFound>;
    /**
     * Approves a key that waits for approval (not revoked): records who approved it, and now. Answers
     * `NotAwaitingApproval` when it does not wait (any more), so of two approvals at once only one succeeds.
     */
    readonly approve: (
      id: ApiKeyId,
      approvedBy: ApprovalActor,
    ) => Effect.Effect<ApiKey, ApiKeyNotFound | NotAwaitingApproval>;
    /** Records use, at most about once a minute per key. */
    readonly touch: (id: ApiKeyId) => Effect.Effect<void>;
  }
>()("@comensha/domain/ApiKeyRepository") {}

/** Stores possible duplicates for review. */
export class DuplicateRepository extends Context.Service<
  DuplicateRepository,
  {
    readonly create: (input: {
      readonly personId: PersonId;
      readonly candidatePersonId: PersonId;
      readonly registrationId: RegistrationId;
      readonly matchedOn: ReadonlyArray<string>;
    }) => Effect.Effect<Duplicate>;
    readonly findById: (id: DuplicateId) => Effect.Effect<Duplicate, DuplicateNotFound>;
    readonly list: (
      filter: { readonly status?: DuplicateStatus },
      page: PageRequest,
    ) => Effect.Effect<Page<Duplicate>, InvalidCursor>;
    /** Records a decision on an open duplicate. */
    readonly decide: (input: {
      readonly id: DuplicateId;
      readonly status: "merged" | "dismissed";
      readonly reason: string;
      readonly decidedBy: string;
    }) => Effect.Effect<Duplicate, DuplicateNotFound | DuplicateAlreadyDecided>;
    /** Every possible duplicate with this person on either side, in any status, oldest first. */
    readonly listForPerson: (personId: PersonId) => Effect.Effect<ReadonlyArray<Duplicate>>;
    /** Sets what an open duplicate matches on now; a decided one is left as it is. */
    readonly updateMatchedOn: (id: DuplicateId, matchedOn: ReadonlyArray<string>) => Effect.Effect<void>;
    /**
     * Closes an open duplicate whose persons no longer share a blind index: `stale`, `matchedOn` empty, `decidedAt`
     * now, no `decidedBy` or reason (nobody decided). Answers whether it was still open.
     */
    readonly closeStale: (id: DuplicateId) => Effect.Effect<boolean>;
  }
>()("@comensha/domain/DuplicateRepository") {}

/** Whether a place is free over a whole date range [from, to). */
export interface PlaceAvailability {
  readonly place: Place;
  readonly shelter: Pick<Shelter, "id" | "name" | "kind" | "region">;
  readonly free: boolean;
}

/** Stores shelters and their places, and answers which places are free. */
export class ShelterRepository extends Context.Service<
  ShelterRepository,
  {
    readonly create: (input: NewShelter) => Effect.Effect<Shelter>;
    readonly findById: (id: ShelterId) => Effect.Effect<Shelter, ShelterNotFound>;
    /** Opens or closes a shelter; a closed shelter offers no places. */
    readonly setStatus: (id: ShelterId, status: Shelter["status"]) => Effect.Effect<Shelter, ShelterNotFound>;
    readonly list: Effect.Effect<ReadonlyArray<Shelter>>;
    /** One place with the kind of its shelter. */
    readonly findPlace: (
      id: PlaceId,
    ) => Effect.Effect<
      { readonly place: Place; readonly shelterKind: Shelter["kind"]; readonly shelterStatus: Shelter["status"] },
      PlaceNotFound
    >;
    /** Every place of an active shelter, and whether no placement holds it on any day of [from, to). */
    readonly availability: (range: {
      readonly from: string;
      readonly to: string;
    }) => Effect.Effect<ReadonlyArray<PlaceAvailability>>;
  }
>()("@comensha/domain/ShelterRepository") {}

/** Stores placement requests; state changes go through the domain's state machine. */
export class PlacementRequestRepository extends Context.Service<
  PlacementRequestRepository,
  {
    readonly create: (
      input: NewPlacementRequest & {
        readonly organisationId: OrganisationId;
        readonly personId: PersonId;
        readonly requestedBy: Requester;
        readonly requestedOn: string;
      },
    ) => Effect.Effect<PlacementRequest>;
    /** Finds a request; with `organisationId`, only if that organisation owns it. */
    readonly findById: (
      id: PlacementRequestId,
      scope?: { readonly organisationId?: OrganisationId },
    ) => Effect.Effect<PlacementRequest, PlacementRequestNotFound>;
    readonly list: (
      filter: {
        readonly organisationId?: OrganisationId;
        readonly state?: PlacementState;
        /** `newest` (the default) or `urgency`: most urgent first, then longest waiting. */
        readonly order?: ListOrder;
      },
      page: PageRequest,
    ) => Effect.Effect<Page<PlacementRequest>, InvalidCursor>;
    /** Applies an event without data (start search, waitlist, cancel, ...) through the state machine. */
    readonly transition: (input: {
      readonly id: PlacementRequestId;
      readonly event: PlacementEventTag;
      readonly scope?: { readonly organisationId?: OrganisationId };
    }) => Effect.Effect<PlacementRequest, PlacementRequestNotFound | IllegalTransition>;
  }
>()("@comensha/domain/PlacementRequestRepository") {}

/**
 * An offer as stored: the domain's offer with its id and where it stands. `override` (free text about a person) is
 * only on the record `createOffer` returns: reads do not decrypt it, since no use case needs it afterwards.
 */
export interface OfferRecord extends NewOffer {
  readonly id: string;
  readonly requestId: PlacementRequestId;
  /** `expired`: it lapsed before it was accepted; `withdrawn`: the request was cancelled while it was open. */
  readonly status: "open" | "accepted" | "declined" | "expired" | "withdrawn";
}

/** What a coordinator reads on a placement request about its offer and placement; absent when there is none. */
export interface RequestPlacementSummary {
  readonly offer?: OfferSummary;
  readonly placement?: PlacementSummary;
}

/** Stores offers and placements; the database refuses two placements of one place on overlapping dates. */
export class PlacementRepository extends Context.Service<
  PlacementRepository,
  {
    readonly createOffer: (requestId: PlacementRequestId, offer: NewOffer) => Effect.Effect<OfferRecord>;
    readonly findOpenOffer: (requestId: PlacementRequestId) => Effect.Effect<OfferRecord | undefined>;
    readonly setOfferStatus: (id: string, status: OfferRecord["status"]) => Effect.Effect<void>;
    /** Up to `limit` offers still open whose `expiresAt` is at or before `now` (an ISO instant), oldest first. */
    readonly listLapsedOffers: (now: string, limit: number) => Effect.Effect<ReadonlyArray<OfferRecord>>;
    /**
     * The bookings (placements, as date ranges) that still hold a place on `from` or later, of one place or of all:
     * what `Placement.isFreeFor` needs to tell whether a stay from `from` can be booked.
     */
    readonly listBookings: (filter: {
      readonly from: string;
      readonly placeId?: PlaceId;
    }) => Effect.Effect<ReadonlyArray<{ readonly placeId: PlaceId } & DateRange>>;
    /** The places held by an open offer that has not lapsed at `now` (an ISO instant), with the request it is for. */
    readonly listPlacesOnOffer: (
      now: string,
    ) => Effect.Effect<ReadonlyArray<{ readonly placeId: PlaceId; readonly requestId: PlacementRequestId }>>;
    /** Books the place from `startsOn`, open-ended; PlaceAlreadyBooked when any placement overlaps. */
    readonly book: (input: {
      readonly requestId: PlacementRequestId;
      readonly placeId: PlaceId;
      readonly startsOn: string;
    }) => Effect.Effect<Placement, PlaceAlreadyBooked>;
    readonly findActive: (requestId: PlacementRequestId) => Effect.Effect<Placement | undefined>;
    /**
     * For each of `requestIds` that has them: its open offer and its placement (active or ended), with the place's
     * label and the shelter's name. One query per kind, however many requests (a list page at once).
     */
    readonly summarise: (
      requestIds: ReadonlyArray<PlacementRequestId>,
    ) => Effect.Effect<ReadonlyMap<PlacementRequestId, RequestPlacementSummary>>;
    /** Every placement that has not ended by `on`, with the kind of its shelter (for monitoring stays). */
    readonly listActive: (
      on: string,
    ) => Effect.Effect<ReadonlyArray<{ readonly placement: Placement; readonly shelterKind: Shelter["kind"] }>>;
    readonly end: (input: {
      readonly id: PlacementId;
      readonly endsOn: string;
      readonly reason: string;
    }) => Effect.Effect<Placement>;
  }
>()("@comensha/domain/PlacementRepository") {}

/** Another release of the family was registered while a report was checked: it must be checked again. */
export class ReleaseOvertaken extends Schema.TaggedError<ReleaseOvertaken>()("ReleaseOvertaken", {
  family: Schema.String,
}) {}

/** A rendered file of a report with its bytes. */
export interface ArtifactContent extends ReportArtifact {
  readonly bytes: Uint8Array;
}

/** Stores requested reports, their progress and their artifacts. */
export class ReportRepository extends Context.Service<
  ReportRepository,
  {
    readonly create: (input: {
      readonly parameters: ReportParameters;
      readonly policy: DisclosurePolicy;
      readonly origin: ReportOrigin;
      readonly requestedBy: string;
    }) => Effect.Effect<ReportJob>;
    readonly findById: (id: ReportId) => Effect.Effect<ReportJob, ReportNotFound>;
    readonly list: (page: PageRequest) => Effect.Effect<Page<ReportJob>, InvalidCursor>;
    /** Every report still queued, oldest first. */
    readonly listWaiting: Effect.Effect<ReadonlyArray<ReportJob>>;
    /** Marks the report running (again, after a crash) with its progress in percent. */
    readonly setProgress: (id: ReportId, progress: number) => Effect.Effect<void>;
    /**
     * Stores the artifacts and marks the report completed, once: a second call for a completed report changes
     * nothing and answers false.
     */
    readonly complete: (input: {
      readonly id: ReportId;
      readonly dataAsOf: string;
      readonly artifacts: ReadonlyArray<ArtifactContent>;
      /**
       * The release to register with it, and the register's sequence number it was checked against. When another
       * release of its family was registered since, nothing is stored and it fails with {@link ReleaseOvertaken}.
       */
      readonly release?: {
        readonly family: ReleaseFamily;
        readonly tables: ReadonlyArray<PublishedTable>;
        readonly checkedAgainst: number;
      };
    }) => Effect.Effect<boolean, ReleaseOvertaken>;
    readonly fail: (id: ReportId, error: string) => Effect.Effect<void>;
    readonly readArtifact: (id: ReportId, name: string) => Effect.Effect<ArtifactContent | undefined, ReportNotFound>;
  }
>()("@comensha/domain/ReportRepository") {}

/** The register of releases: every report as it was published, which each new report is checked against. */
export class ReleaseRegister extends Context.Service<
  ReleaseRegister,
  {
    /**
     * Every release of `family`, oldest first, with the register's sequence number when read: a report checked
     * against these is registered only while no other release of the family came after that number.
     */
    readonly listFamily: (
      family: ReleaseFamily,
    ) => Effect.Effect<{ readonly releases: ReadonlyArray<Release>; readonly sequence: number }>;
  }
>()("@comensha/domain/ReleaseRegister") {}

/** What reports read besides the countable registrations: when the data last changed. */
export class StatisticsSource extends Context.Service<
  StatisticsSource,
  {
    /**
     * The last day on which a registration reported in [from, to) was created or changed, or a person merge was
     * decided; `from` when there is none. Reports state it as the date their data is as of.
     */
    readonly registrationsChangedOn: (range: { readonly from: string; readonly to: string }) => Effect.Effect<string>;
    /**
     * The counting rule computed by the database: for each calendar year from `from` to `to` (both included, in
     * order, a year without registrations too), the persons and reports counted, grouped as the reports tabulate them
     * (`CountedYear.CountedYear`; with `records`, also by every value of an HTCDS record). Equal to
     * `CountedYear.countedYearOf` of every registration of the year; no registration leaves the database.
     */
    readonly countedYears: (request: {
      readonly from: number;
      readonly to: number;
      readonly records?: boolean;
    }) => Effect.Effect<ReadonlyArray<CountedYear>>;
    /**
     * The person-years counted in the years from `from` to `to` (both included) in classes of identical attributes,
     * in `CountedYear.canonicalClasses` order: what a release is taken apart into to check it with others. Equal to
     * `CountedYear.personYearClassesOf` of every registration of each year.
     */
    readonly personYearClasses: (request: {
      readonly from: number;
      readonly to: number;
    }) => Effect.Effect<ReadonlyArray<PersonYearClass>>;
    /**
     * What the placement report of [from, to) counts: every request made before `to` (with the start of its first
     * placement), every placement holding a place on a night of the period, and the places of active shelters.
     */
    readonly placementFacts: (range: { readonly from: string; readonly to: string }) => Effect.Effect<{
      readonly requests: ReadonlyArray<PlacementRequestFact>;
      readonly placements: ReadonlyArray<PlacementFact>;
      readonly capacity: ReadonlyArray<CapacityFact>;
    }>;
    /** The last day on which a placement request made before `to`, or a placement, changed; `from` when none. */
    readonly placementsChangedOn: (range: { readonly from: string; readonly to: string }) => Effect.Effect<string>;
  }
>()("@comensha/domain/StatisticsSource") {}

/** A user with what authentication needs: their organisation (whether it is active) and the hash of their password. */
export interface UserCredential {
  readonly user: User;
  readonly organisationId: OrganisationId;
  /** Whether the user's organisation is active: a suspended organisation's users cannot log in, as its keys cannot. */
  readonly organisationActive: boolean;
  readonly passwordHash: string;
}

/**
 * Stores console users. Staff belong to the CoMensha organisation, made (kind `other`) with the first user when none
 * is marked as CoMensha's yet; a `care` user belongs to the receiving organisation named at creation. A user acts for
 * their organisation as an API key does.
 */
export class UserRepository extends Context.Service<
  UserRepository,
  {
    readonly create: (input: {
      readonly email: string;
      readonly name: string;
      readonly role: UserRole;
      /** The organisation of a `care` user; staff (no id) belong to CoMensha's. */
      readonly organisationId?: OrganisationId | undefined;
      readonly passwordHash: string;
      readonly mustChangePassword: boolean;
      /** Makes the user `pending` (no login) until a second administrator approves, asked for by this principal. */
      readonly approvalRequestedBy?: ApprovalActor;
    }) => Effect.Effect<UserCredential, EmailTaken>;
    readonly findById: (id: UserId) => Effect.Effect<UserCredential, UserNotFound>;
    /** The user with this (lower-cased) e-mail address, if any. */
    readonly findByEmail: (email: string) => Effect.Effect<UserCredential | undefined>;
    /** Users, newest first. */
    readonly list: (page: PageRequest) => Effect.Effect<Page<User>, InvalidCursor>;
    readonly setPassword: (input: {
      readonly id: UserId;
      readonly passwordHash: string;
      readonly mustChangePassword: boolean;
    }) => Effect.Effect<User, UserNotFound>;
    readonly setStatus: (id: UserId, status: UserStatus) => Effect.Effect<User, UserNotFound>;
    /**
     * Approves a `pending` user: makes them `active` and records who approved them, and now. Answers
     * `NotAwaitingApproval` when the user is not pending (any more), so of two approvals at once only one succeeds.
     */
    readonly approve: (
      id: UserId,
      approvedBy: ApprovalActor,
    ) => Effect.Effect<User, UserNotFound | NotAwaitingApproval>;
    /** Records a successful login at `at` (ISO timestamp). */
    readonly recordLogin: (id: UserId, at: string) => Effect.Effect<void>;
  }
>()("@comensha/domain/UserRepository") {}

/**
 * Stores users' second factor: the TOTP secret encrypted (bound to the user), whether it is confirmed, the last
 * time step used (no code works twice), and SHA-256 hashes of the recovery codes (each works once).
 */
export class SecondFactorRepository extends Context.Service<
  SecondFactorRepository,
  {
    readonly find: (userId: UserId) => Effect.Effect<SecondFactorState, DecryptionFailed>;
    /** Keeps a new, unconfirmed secret (replacing an unconfirmed one) and drops any recovery codes. */
    readonly start: (userId: UserId, secret: string) => Effect.Effect<void>;
    /** Confirms the secret at `at` with the step of its first code and stores the hashes of the recovery codes. */
    readonly confirm: (input: {
      readonly userId: UserId;
      readonly step: number;
      readonly recoveryCodeHashes: ReadonlyArray<string>;
      readonly at: string;
    }) => Effect.Effect<void>;
    /** Records `step` as used when it is later than the last one; false when it was not (a replay). */
    readonly useStep: (userId: UserId, step: number) => Effect.Effect<boolean>;
    /** Marks an unused recovery code as used at `at`; false when there is no such unused code. */
    readonly useRecoveryCode: (userId: UserId, codeHash: string, at: string) => Effect.Effect<boolean>;
    /** Replaces every recovery code of the user. */
    readonly replaceRecoveryCodes: (userId: UserId, codeHashes: ReadonlyArray<string>) => Effect.Effect<void>;
    /** Removes the second factor and its recovery codes (an administrator's reset after a lost device). */
    readonly reset: (userId: UserId) => Effect.Effect<void>;
  }
>()("@comensha/domain/SecondFactorRepository") {}

/** A session found by its token, with its user and the hash of its CSRF token. */
export interface SessionCredential {
  readonly session: Session;
  readonly csrfHash: string;
  readonly user: UserCredential;
}

/** Stores console sessions: only SHA-256 hashes of their tokens, never the tokens. Times come from the caller. */
export class SessionRepository extends Context.Service<
  SessionRepository,
  {
    readonly create: (input: {
      readonly userId: UserId;
      readonly tokenHash: string;
      readonly csrfHash: string;
      readonly createdAt: string;
      readonly expiresAt: string;
    }) => Effect.Effect<Session>;
    readonly findByTokenHash: (tokenHash: string) => Effect.Effect<SessionCredential | undefined>;
    /** Records a request on the session at `at`. */
    readonly touch: (id: SessionId, at: string) => Effect.Effect<void>;
    readonly delete: (id: SessionId) => Effect.Effect<void>;
    /** Ends every session of a user, but `except` (the caller's own, when changing a password). */
    readonly deleteForUser: (userId: UserId, options?: { readonly except?: SessionId }) => Effect.Effect<number>;
    /** Removes a user's sessions that ended by `now` (idle or past their lifetime). */
    readonly deleteEnded: (userId: UserId, now: number) => Effect.Effect<void>;
  }
>()("@comensha/domain/SessionRepository") {}

/**
 * Failed logins per e-mail address, for the lock-out rule (Session.recordFailure). Keyed by a keyed hash of the
 * address, so unknown addresses are throttled exactly like known ones and no address is stored in clear.
 */
export class LoginThrottleRepository extends Context.Service<
  LoginThrottleRepository,
  {
    readonly find: (key: string) => Effect.Effect<LoginThrottle>;
    readonly save: (key: string, throttle: LoginThrottle) => Effect.Effect<void>;
    readonly clear: (key: string) => Effect.Effect<void>;
  }
>()("@comensha/domain/LoginThrottleRepository") {}

/** Hashes and verifies passwords with a slow, salted password hash (argon2id); verification is constant-time. */
export class PasswordHasher extends Context.Service<
  PasswordHasher,
  {
    /** A self-describing hash (PHC string, e.g. `$argon2id$v=19$m=19456,t=2,p=1$...`). */
    readonly hash: (password: Redacted.Redacted<string>) => Effect.Effect<string>;
    /** Whether `password` matches `hash`; false for a malformed hash. */
    readonly verify: (hash: string, password: Redacted.Redacted<string>) => Effect.Effect<boolean>;
    /**
     * Verifies against a fixed hash and answers false: for an unknown e-mail address, so that the answer takes as
     * long as for a known one.
     */
    readonly verifyNothing: (password: Redacted.Redacted<string>) => Effect.Effect<false>;
  }
>()("@comensha/domain/PasswordHasher") {}

/**
 * What a data-subject access export (GDPR art. 15) reads: every record about a person, decrypted where it can be; a
 * value that does not decrypt is marked as such, never a failure. Reads only: the use case writes the audit event.
 */
export class SubjectExportSource extends Context.Service<
  SubjectExportSource,
  {
    /** The person and every person merged into them (the asked-for one first); PersonNotFound when there is none. */
    readonly persons: (id: PersonId) => Effect.Effect<ReadonlyArray<ExportedPerson>, PersonNotFound>;
    /** Every registration of these persons with every version, oldest first. */
    readonly registrations: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<ExportedRegistration>>;
    /** Every possible duplicate in which one of these persons is either side, oldest first. */
    readonly duplicates: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<ExportedDuplicate>>;
    /** Every placement request of these persons or registrations, with offers and placements, oldest first. */
    readonly placementRequests: (input: {
      readonly personIds: ReadonlyArray<PersonId>;
      readonly registrationIds: ReadonlyArray<RegistrationId>;
    }) => Effect.Effect<ReadonlyArray<ExportedPlacementRequest>>;
    /** Every change of these persons' case status, oldest first. */
    readonly caseStatusChanges: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<CaseStatusChange>>;
    /** Every case note about these persons with every version, oldest first. */
    readonly caseNotes: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<ExportedCaseNote>>;
    /** Every follow-up task about these persons, by due date. */
    readonly followUps: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<ExportedFollowUp>>;
    /** Every referral of these persons to care, with the receiving organisation, oldest first. */
    readonly referrals: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<ExportedReferral>>;
    /** Every attachment in these persons' cases, described (not the files), oldest first. */
    readonly attachments: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyArray<ExportedAttachment>>;
    /** Every transfer of these registrations between organisations, with both organisations, oldest first. */
    readonly transfers: (
      registrationIds: ReadonlyArray<RegistrationId>,
    ) => Effect.Effect<ReadonlyArray<ExportedTransfer>>;
    /** Every audit event about these resources, oldest first, with the actors' names where known. */
    readonly auditEvents: (
      resources: ReadonlyArray<{ readonly type: string; readonly ids: ReadonlyArray<string> }>,
    ) => Effect.Effect<ReadonlyArray<ExportedAuditEvent>>;
  }
>()("@comensha/domain/SubjectExportSource") {}

/**
 * Erases a person's personal data and keeps the erasure requests (four eyes: one coordinator asks, another approves).
 * Erasure keeps every row and statistical column, so no figure changes; it empties what names the person.
 */
export class ErasureRepository extends Context.Service<
  ErasureRepository,
  {
    /** Records a pending request for the person; ErasurePending when one is already waiting for them. */
    readonly createRequest: (input: {
      readonly personId: PersonId;
      readonly reason: ErasureReason;
      readonly requestedBy: ErasureActor;
    }) => Effect.Effect<ErasureRequest, PersonNotFound | ErasurePending>;
    readonly findRequest: (id: ErasureRequestId) => Effect.Effect<ErasureRequest, ErasureRequestNotFound>;
    /** Requests, newest first. */
    readonly listRequests: (
      filter: { readonly status?: ErasureRequestStatus },
      page: PageRequest,
    ) => Effect.Effect<Page<ErasureRequest>, InvalidCursor>;
    /**
     * Records the decision on a pending request (locking it, so two decisions cannot both pass):
     * ErasureRequestDecided when it is no longer pending.
     */
    readonly decideRequest: (input: {
      readonly id: ErasureRequestId;
      readonly status: "approved" | "rejected";
      readonly decidedBy: ErasureActor;
      readonly rejectionReason?: ErasureReason;
      readonly erased?: ErasureSummary;
    }) => Effect.Effect<ErasureRequest, ErasureRequestNotFound | ErasureRequestDecided>;
    /**
     * Erases the person the id names (resolved to the surviving person of a merge) and every person merged into it:
     * the identifiers of every version of their registrations, their blind indexes, the medical needs of their
     * placement requests, the override reasons of those requests' offers, the reasons of duplicate decisions about
     * them, and the stored idempotent answers that mention any of these records. Safe to run again.
     */
    readonly erasePerson: (id: PersonId) => Effect.Effect<ErasureSummary, PersonNotFound>;
  }
>()("@comensha/domain/ErasureRepository") {}

/** What the retention job applies besides person erasure; each step answers how many rows it changed. */
export class RetentionRepository extends Context.Service<
  RetentionRepository,
  {
    /**
     * Up to `limit` surviving persons not yet erased whose last activity is before `inactivePersonsBefore`, or
     * before `withdrawnPersonsBefore` when every report of them is withdrawn or rejected.
     */
    readonly listPersonsDue: (cutoffs: RetentionCutoffs, limit: number) => Effect.Effect<ReadonlyArray<PersonId>>;
    /** Empties the medical needs of ended or cancelled requests last changed before the cut-off. */
    readonly eraseClosedRequestMedicalNeeds: (cutoffs: RetentionCutoffs) => Effect.Effect<number>;
    /** Empties the reasons of erasure requests decided before the cut-off. */
    readonly eraseDecidedErasureReasons: (cutoffs: RetentionCutoffs) => Effect.Effect<number>;
    /** Deletes sessions past their lifetime or idle since before the cut-off. */
    readonly deleteEndedSessions: (cutoffs: RetentionCutoffs) => Effect.Effect<number>;
    /** Deletes login throttles without a lock-out and with no failure after the cut-off. */
    readonly deleteExpiredLoginThrottles: (cutoffs: RetentionCutoffs) => Effect.Effect<number>;
  }
>()("@comensha/domain/RetentionRepository") {}

/** A delivery claimed for one attempt: what to post, where, and the secret to sign it with. */
export interface WebhookAttempt {
  readonly delivery: WebhookDelivery;
  readonly url: string;
  readonly secret: Redacted.Redacted<string>;
}

/**
 * Partners' webhook endpoints and the outbox of their deliveries (Webhook.ts). A delivery is written in the
 * transaction of the change it announces; the worker claims due deliveries, posts them and records each attempt.
 */
export class WebhookRepository extends Context.Service<
  WebhookRepository,
  {
    /** Stores a new active endpoint of `organisationId` with its signing secret (encrypted, bound to the endpoint). */
    readonly createEndpoint: (input: {
      readonly organisationId: OrganisationId;
      readonly endpoint: NewWebhookEndpoint;
      readonly secret: Redacted.Redacted<string>;
    }) => Effect.Effect<WebhookEndpoint>;
    /** The endpoints of an organisation, oldest first. */
    readonly listEndpoints: (organisationId: OrganisationId) => Effect.Effect<ReadonlyArray<WebhookEndpoint>>;
    /** One endpoint of `organisationId`. */
    readonly findEndpoint: (
      id: WebhookEndpointId,
      organisationId: OrganisationId,
    ) => Effect.Effect<WebhookEndpoint, WebhookEndpointNotFound>;
    /** Enables an endpoint (its failures in a row start again from 0) or disables it. */
    readonly setEndpointStatus: (
      id: WebhookEndpointId,
      organisationId: OrganisationId,
      status: EndpointStatus,
    ) => Effect.Effect<WebhookEndpoint, WebhookEndpointNotFound>;
    /** Deletes an endpoint and its delivery log. */
    readonly deleteEndpoint: (
      id: WebhookEndpointId,
      organisationId: OrganisationId,
    ) => Effect.Effect<void, WebhookEndpointNotFound>;
    /**
     * Writes a delivery of `event` for every active endpoint of `organisationId` subscribed to its type, due at once,
     * without waiting for the answer (in a transaction it travels with the statements that follow).
     */
    readonly enqueue: (
      organisationId: OrganisationId,
      event: Pick<WebhookEvent, "type" | "data">,
    ) => Effect.Effect<void>;
    /**
     * Claims up to `limit` pending deliveries that are due, of active endpoints, for one attempt each: each is moved
     * `leaseSeconds` ahead, so no other worker attempts it meanwhile, and comes back due if this one dies.
     */
    readonly claimDue: (limit: number, leaseSeconds: number) => Effect.Effect<ReadonlyArray<WebhookAttempt>>;
    /**
     * Records an attempt: delivered, or failed and due again in `retryInSeconds` (none: every attempt is spent and
     * the delivery has failed). Counts the endpoint's failures in a row (a success resets them) and disables it at
     * `Webhook.disableAfterFailedAttempts`; answers whether it did.
     */
    readonly recordAttempt: (input: {
      readonly id: WebhookDeliveryId;
      readonly delivered: boolean;
      readonly responseStatus: number | null;
      readonly error: string | null;
      readonly retryInSeconds: number | undefined;
    }) => Effect.Effect<{ readonly endpointDisabled: boolean }>;
    /** An endpoint's deliveries, newest first. */
    readonly listDeliveries: (
      endpointId: WebhookEndpointId,
      organisationId: OrganisationId,
      page: PageRequest,
    ) => Effect.Effect<Page<WebhookDelivery>, WebhookEndpointNotFound | InvalidCursor>;
    /**
     * Sends a delivery again: pending and due now, with a whole new set of attempts and the same id (a receiver that
     * saw it before can tell by its `webhook-id`).
     */
    readonly replay: (
      id: WebhookDeliveryId,
      endpointId: WebhookEndpointId,
      organisationId: OrganisationId,
    ) => Effect.Effect<WebhookDelivery, WebhookEndpointNotFound | WebhookDeliveryNotFound>;
  }
>()("@comensha/domain/WebhookRepository") {}

/** A person's case status and how it got there (CaseStatus.ts). */
export interface CaseStatusView {
  readonly personId: PersonId;
  readonly status: CaseStatus;
  /** Every change, oldest first. */
  readonly history: ReadonlyArray<CaseStatusChange>;
}

/** The case status of persons' trajectories and its history. */
export class CaseStatusRepository extends Context.Service<
  CaseStatusRepository,
  {
    /** A person's status and history; a merged person answers `PersonMergedAway` (their case is the survivor's). */
    readonly find: (personId: PersonId) => Effect.Effect<CaseStatusView, PersonNotFound | PersonMergedAway>;
    /**
     * The status of each person's case, for lists: a person merged into another has the survivor's (their case is
     * one). Unknown ids are left out.
     */
    readonly statusesOf: (personIds: ReadonlyArray<PersonId>) => Effect.Effect<ReadonlyMap<PersonId, CaseStatus>>;
    /**
     * Changes a person's status, holding the person's row while it checks the change against the status it finds
     * (`CaseStatus.changeProblem`), so two coordinators changing one case at once are taken one after the other.
     */
    readonly change: (input: {
      readonly personId: PersonId;
      readonly to: CaseStatus;
      readonly reason: CaseStatusReason;
      readonly changedBy: CaseStatusActor;
    }) => Effect.Effect<CaseStatusChange, PersonNotFound | PersonMergedAway | CaseStatusChangeRefused>;
  }
>()("@comensha/domain/CaseStatusRepository") {}

/**
 * Case notes about a person's trajectory, encrypted (each version bound to its note and number) and versioned: a
 * correction adds a version, none is changed. A person's notes include those of everyone merged into them (their
 * case is one); writing about a person merged away answers `PersonMergedAway`.
 */
export class CaseNoteRepository extends Context.Service<
  CaseNoteRepository,
  {
    /** The person's notes at their current version, newest first. */
    readonly list: (personId: PersonId) => Effect.Effect<ReadonlyArray<CaseNote>, PersonNotFound | PersonMergedAway>;
    /** One note with every version, oldest first. */
    readonly find: (
      personId: PersonId,
      id: CaseNoteId,
    ) => Effect.Effect<
      { readonly note: CaseNote; readonly versions: ReadonlyArray<CaseNoteVersion> },
      PersonNotFound | PersonMergedAway | CaseNoteNotFound
    >;
    /** Writes a new note (version 1) about a person. */
    readonly create: (input: {
      readonly personId: PersonId;
      readonly note: NewCaseNote;
      readonly author: CaseNoteAuthor;
    }) => Effect.Effect<CaseNote, PersonNotFound | PersonMergedAway>;
    /**
     * Adds a version to a note when `expectedVersion` is its current one (the note's row is held meanwhile), else
     * `CaseNoteVersionConflict`; an erased note answers `CaseNoteErased`.
     */
    readonly update: (input: {
      readonly personId: PersonId;
      readonly id: CaseNoteId;
      readonly expectedVersion: number;
      readonly note: NewCaseNote;
      readonly author: CaseNoteAuthor;
    }) => Effect.Effect<
      CaseNote,
      PersonNotFound | PersonMergedAway | CaseNoteNotFound | CaseNoteVersionConflict | CaseNoteErased
    >;
  }
>()("@comensha/domain/CaseNoteRepository") {}

/**
 * Where attachments' files are kept (issue 17): encrypted blobs by the attachment's id, whatever holds them (the
 * PostgreSQL implementation keeps them in the database, in encrypted chunks; an object store would be another layer).
 * Writes join the caller's transaction where the store can (PostgreSQL does), so a file and its description commit
 * together.
 */
export class AttachmentStore extends Context.Service<
  AttachmentStore,
  {
    /** Stores the file's bytes encrypted, bound to `id`. */
    readonly put: (id: AttachmentId, bytes: Uint8Array) => Effect.Effect<void>;
    /** The file's bytes; `undefined` when none is stored under `id`; `DecryptionFailed` when the keys do not open it. */
    readonly get: (id: AttachmentId) => Effect.Effect<Uint8Array | undefined, DecryptionFailed>;
    /** Removes the files of these ids (gone for good: erasure); answers how many were there. */
    readonly delete: (ids: ReadonlyArray<AttachmentId>) => Effect.Effect<number>;
  }
>()("@comensha/domain/AttachmentStore") {}

/**
 * The attachments of persons' cases: their descriptions (file name encrypted) with the files in the
 * {@link AttachmentStore}. A person's attachments include those of persons merged into them; a person merged away is
 * refused, as for their notes.
 */
export class AttachmentRepository extends Context.Service<
  AttachmentRepository,
  {
    /** The person's attachments, newest first. */
    readonly list: (personId: PersonId) => Effect.Effect<ReadonlyArray<Attachment>, PersonNotFound | PersonMergedAway>;
    /** Stores a file (already content-checked) and its description in one transaction. */
    readonly create: (input: {
      readonly personId: PersonId;
      readonly attachment: NewAttachment;
      readonly author: AttachmentAuthor;
    }) => Effect.Effect<Attachment, PersonNotFound | PersonMergedAway>;
    /** One attachment's description and its file's bytes. */
    readonly read: (
      personId: PersonId,
      id: AttachmentId,
    ) => Effect.Effect<
      { readonly attachment: Attachment; readonly bytes: Uint8Array },
      PersonNotFound | PersonMergedAway | AttachmentNotFound | AttachmentErased | AttachmentUndecryptable
    >;
  }
>()("@comensha/domain/AttachmentRepository") {}

/**
 * Referrals of persons to care (issue 17): made by coordinators, answered and reported back by the receiving
 * organisation. `scope.toOrganisationId` confines a read or an action to the referrals made to that organisation
 * (a care organisation's own); another organisation's referral is `ReferralNotFound`, as if it did not exist.
 */
export class ReferralRepository extends Context.Service<
  ReferralRepository,
  {
    /**
     * Records a pending referral: the person must exist and not be merged away (`PersonMergedAway`), the receiving
     * organisation must exist and be of a kind that receives referrals (`ReferralRefused` otherwise).
     */
    readonly create: (
      input: NewReferral & { readonly referredBy: ReferralActor; readonly referringOrganisationId: OrganisationId },
    ) => Effect.Effect<Referral, PersonNotFound | PersonMergedAway | ReferralRefused>;
    readonly find: (
      id: ReferralId,
      scope: { readonly toOrganisationId?: OrganisationId },
    ) => Effect.Effect<Referral, ReferralNotFound>;
    /** Referrals newest first, by receiving organisation, person and state. */
    readonly list: (
      filter: {
        readonly toOrganisationId?: OrganisationId;
        readonly personId?: PersonId;
        readonly state?: ReferralState;
      },
      page: PageRequest,
    ) => Effect.Effect<Page<Referral>, InvalidCursor>;
    /**
     * Applies `action` when the referral's state allows it (`Referral.transition`), holding its row meanwhile, so two
     * answers at once are taken one after the other; `ReferralStateConflict` otherwise.
     */
    readonly act: (input: {
      readonly id: ReferralId;
      readonly scope: { readonly toOrganisationId?: OrganisationId };
      readonly action: ReferralAction;
      readonly declineReason?: ReferralDeclineReason;
      readonly outcome?: ReferralOutcome;
    }) => Effect.Effect<Referral, ReferralNotFound | ReferralStateConflict>;
  }
>()("@comensha/domain/ReferralRepository") {}

/**
 * Follow-up tasks about a person's case, each with a due date and an owner (a console user who coordinates). The
 * title, free text, is stored encrypted (bound to its task). A person's tasks include those of persons merged into
 * them; adding one to a person merged away answers `PersonMergedAway`.
 */
export class FollowUpRepository extends Context.Service<
  FollowUpRepository,
  {
    /** The person's tasks (and those of persons merged into them) in every state, by due date. */
    readonly list: (personId: PersonId) => Effect.Effect<ReadonlyArray<FollowUp>, PersonNotFound | PersonMergedAway>;
    /** What the person's case suggests tasks from: the reflection periods of their reports and their stays. */
    readonly caseFacts: (personId: PersonId) => Effect.Effect<CaseFacts, PersonNotFound | PersonMergedAway>;
    /**
     * Adds an open task; `FollowUpOwnerRefused` when `owner` is not an active coordinator among the console's users.
     */
    readonly create: (input: {
      readonly personId: PersonId;
      readonly kind: FollowUpKind;
      readonly dueOn: string;
      readonly owner: UserId;
      readonly title?: FollowUpTitle | undefined;
      readonly createdBy: FollowUpActor;
    }) => Effect.Effect<FollowUp, PersonNotFound | PersonMergedAway | FollowUpOwnerRefused>;
    /** Closes an open task as `done` or `cancelled` (its row held meanwhile); a closed one answers `FollowUpClosed`. */
    readonly close: (input: {
      readonly id: FollowUpId;
      readonly state: Exclude<FollowUpState, "open">;
      readonly closedBy: FollowUpActor;
    }) => Effect.Effect<FollowUp, FollowUpNotFound | FollowUpClosed>;
    /**
     * Tasks across persons by due date then id (so overdue ones first): of one owner, in one state, and only those
     * overdue on `overdueOn` (open and due before it), each filter when given.
     */
    readonly worklist: (
      filter: {
        readonly owner?: UserId | undefined;
        readonly state?: FollowUpState | undefined;
        readonly overdueOn?: string | undefined;
      },
      page: PageRequest,
    ) => Effect.Effect<Page<FollowUp>, InvalidCursor>;
    /** How many tasks are overdue on `today` (open and due before it), of every owner. */
    readonly countOverdue: (today: string) => Effect.Effect<number>;
    /**
     * A shelter's stays in a week (those holding one of its places on a night of it) with each person's open tasks
     * due by the week's end; `ShelterNotFound` when there is no such shelter.
     */
    readonly stayList: (shelterId: ShelterId, week: IsoWeek) => Effect.Effect<StayList, ShelterNotFound>;
  }
>()("@comensha/domain/FollowUpRepository") {}

/**
 * Transfers of registrations between organisations (overdracht). `scope.organisationId` confines a transfer to the
 * registration's owner; a registration the scoped organisation never owned is `RegistrationNotFound`.
 */
export class TransferRepository extends Context.Service<
  TransferRepository,
  {
    /**
     * Moves the registration to `toOrganisationId` and records the transfer, holding the registration's row meanwhile
     * (so of two transfers from the same owner at once, the second finds another owner). With a scope: one the
     * organisation transferred away is `RegistrationTransferred`, one it never owned `RegistrationNotFound`. The
     * rule (`Transfer.transferProblem`) and an unknown receiver are `TransferRefused`. Run it inside a transaction.
     */
    readonly transfer: (
      input: NewTransfer & {
        readonly registrationId: RegistrationId;
        readonly scope: { readonly organisationId?: OrganisationId };
        readonly transferredBy: TransferActor;
      },
    ) => Effect.Effect<Transfer, RegistrationNotFound | RegistrationTransferred | TransferRefused>;
    /**
     * A registration's transfers, oldest first: all of them without a scope and for its owner; for an organisation
     * that transferred it away, those up to its latest transfer away (what it knew when it let go); none of it for
     * anyone else (`RegistrationNotFound`).
     */
    readonly list: (
      registrationId: RegistrationId,
      scope: { readonly organisationId?: OrganisationId },
    ) => Effect.Effect<ReadonlyArray<Transfer>, RegistrationNotFound>;
    /** Whether `organisationId` transferred this registration away and does not own it now. */
    readonly isTransferredAway: (
      registrationId: RegistrationId,
      organisationId: OrganisationId,
    ) => Effect.Effect<boolean>;
  }
>()("@comensha/domain/TransferRepository") {}
