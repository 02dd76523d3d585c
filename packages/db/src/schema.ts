import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

/** Binary column (ciphertexts). */
const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => new Uint8Array(value),
});

const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow();

/** Partner organisations. */
export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    kind: text("kind").notNull(),
    region: text("region"),
    status: text("status").notNull().default("active"),
    /** Marks CoMensha's own organisation, to which every console user belongs (at most one row). */
    isComensha: boolean("is_comensha").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("organisations_comensha_idx").on(table.isComensha).where(sql`${table.isComensha}`)],
);

/** Persons (possible victims): only what statistics need; identifiers live encrypted on registrations. */
export const persons = pgTable(
  "persons",
  {
    id: uuid("id").primaryKey(),
    sex: text("sex").notNull(),
    birthYear: integer("birth_year"),
    nationalities: text("nationalities").array().notNull(),
    mergedInto: uuid("merged_into"),
    createdAt: createdAt(),
    /** Where the person's trajectory stands (`CaseStatus`); its changes are in `case_status_changes`. */
    caseStatus: text("case_status").notNull().default("active"),
  },
  (table) => [index("persons_merged_into_idx").on(table.mergedInto).where(sql`${table.mergedInto} is not null`)],
);

/** Keyed blind indexes of normalised identifiers, to find possible duplicates without plaintext. */
export const personBlindIndexes = pgTable(
  "person_blind_indexes",
  {
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    name: text("name").notNull(),
    value: text("value").notNull(),
    /** The key id of the index key it was made under; null: before key ids, under the database's first index key. */
    keyId: text("key_id"),
  },
  (table) => [
    primaryKey({ columns: [table.name, table.value, table.personId] }),
    // Key rotation finds the persons with indexes under a previous key by this index.
    index("person_blind_indexes_key_id_idx").on(table.keyId, table.personId),
  ],
);

/** Registrations (meldingen) at their current version; filters read these columns. */
export const registrations = pgTable(
  "registrations",
  {
    id: uuid("id").primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    status: text("status").notNull(),
    version: integer("version").notNull(),
    reportedOn: date("reported_on", { mode: "string" }).notNull(),
    /** Birth year for statistics: as reported, or the year of the reported date of birth. */
    birthYear: integer("birth_year"),
    /** The report without the person's direct identifiers (JSON, as on the wire). */
    data: jsonb("data").notNull(),
    /**
     * The person's direct identifiers, encrypted (AEAD, bound to this registration and version); null once erased
     * (`erased_at` is then set).
     */
    identifiers: bytea("identifiers"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    /** When the identifiers of every version were erased (retention or an approved erasure request). */
    erasedAt: timestamp("erased_at", { withTimezone: true, mode: "string" }),
    // The facts the counting rule and the reports group by, generated from `data` by the database (migration 0020),
    // so the aggregates of StatisticsSource read columns instead of parsing JSON. Writers never set them.
    countedSex: text("counted_sex").generatedAlwaysAs(sql`"data" #>> '{person,sex}'`),
    /** The report's known nationalities: each once, in the reporter's order, without `unknown`. */
    countedNationalities: text("counted_nationalities")
      .array()
      .generatedAlwaysAs(sql`comensha_known_nationalities("data" #> '{person,nationalities}')`),
    countedForms: text("counted_forms")
      .array()
      .generatedAlwaysAs(sql`comensha_json_texts("data" #> '{exploitation,forms}')`),
    countedSector: text("counted_sector").generatedAlwaysAs(sql`"data" #>> '{exploitation,sector}'`),
    countedPoliceRegion: text("counted_police_region").generatedAlwaysAs(sql`"data" #>> '{exploitation,policeRegion}'`),
    countedCountry: text("counted_country").generatedAlwaysAs(sql`"data" #>> '{exploitation,country}'`),
  },
  // Each filter of the registrations list is served by an index ending in the id, the order its pages are read in.
  (table) => [
    index("registrations_organisation_idx").on(table.organisationId, table.id),
    index("registrations_reported_on_idx").on(table.reportedOn),
    // The date a report's data is as of (`StatisticsSource.registrationsChangedOn`): the latest change, found from
    // the newest end instead of by reading every registration of the period (migration 0022).
    index("registrations_updated_at_idx").on(table.updatedAt),
    index("registrations_person_idx").on(table.personId),
    index("registrations_status_idx").on(table.status, table.id),
    index("registrations_organisation_status_idx").on(table.organisationId, table.status, table.id),
    // The short reference (`Registration.RegistrationReference`): the id's last 8 characters.
    index("registrations_reference_idx").on(sql`right(${table.id}::text, 8)`),
  ],
);

/** Every version of every registration, readable by coordinators. */
export const registrationVersions = pgTable(
  "registration_versions",
  {
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    version: integer("version").notNull(),
    status: text("status").notNull(),
    data: jsonb("data").notNull(),
    /** As on `registrations`: encrypted, bound to the registration and version; null once erased. */
    identifiers: bytea("identifiers"),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.registrationId, table.version] })],
);

/** The append-only audit log: who did what to which resource, never the data itself. */
export const auditEvents = pgTable(
  "audit_events",
  {
    id: uuid("id").primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    actorKind: text("actor_kind").notNull(),
    actorId: text("actor_id").notNull(),
    organisationId: uuid("organisation_id"),
    action: text("action").notNull(),
    resourceType: text("resource_type").notNull(),
    resourceId: text("resource_id"),
    outcome: text("outcome").notNull(),
    requestId: text("request_id"),
  },
  /**
   * A resource's events newest first (a registration's audit trail) read the first index in order; the others serve
   * the audit log's filters by actor, action, record and period.
   */
  (table) => [
    index("audit_events_resource_idx").on(table.resourceType, table.resourceId, table.id),
    index("audit_events_actor_idx").on(table.actorId, table.id),
    index("audit_events_action_idx").on(table.action, table.id),
    index("audit_events_resource_id_idx").on(table.resourceId, table.id),
    index("audit_events_occurred_at_idx").on(table.occurredAt),
    index("audit_events_actor_kind_idx").on(table.actorKind, table.id),
    index("audit_events_organisation_idx").on(table.organisationId, table.id),
    index("audit_events_outcome_idx").on(table.outcome, table.id),
    index("audit_events_resource_type_idx").on(table.resourceType, table.id),
  ],
);

/** Idempotency keys of creating calls: the first response, replayed for retries with the same key and body. */
export const idempotencyKeys = pgTable(
  "idempotency_keys",
  {
    scope: text("scope").notNull(),
    key: text("key").notNull(),
    requestHash: text("request_hash").notNull(),
    state: text("state").notNull(),
    responseStatus: integer("response_status"),
    /**
     * The stored answer's headers and body as JSON, encrypted (AEAD, bound to the scope and key): an answer repeats
     * the personal data it was sent.
     */
    response: bytea("response"),
    createdAt: createdAt(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.scope, table.key] }), index("idempotency_expires_idx").on(table.expiresAt)],
);

/** Shelter locations (opvanglocaties). */
export const shelters = pgTable("shelters", {
  id: uuid("id").primaryKey(),
  name: text("name").notNull(),
  kind: text("kind").notNull(),
  region: text("region").notNull(),
  status: text("status").notNull().default("active"),
  createdAt: createdAt(),
});

/** The places of a shelter, each for one target group. */
export const shelterPlaces = pgTable(
  "shelter_places",
  {
    id: uuid("id").primaryKey(),
    shelterId: uuid("shelter_id")
      .notNull()
      .references(() => shelters.id),
    label: text("label").notNull(),
    targetGroup: text("target_group").notNull(),
    securityLevel: text("security_level").notNull().default("standard"),
    accessible: boolean("accessible").notNull().default(false),
    roomForChildren: boolean("room_for_children").notNull().default(false),
    createdAt: createdAt(),
  },
  (table) => [uniqueIndex("shelter_places_label_idx").on(table.shelterId, table.label)],
);

/** API keys of organisations: the secret only as a SHA-256 hash; the prefix identifies the key. */
export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid("id").primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    prefix: text("prefix").notNull(),
    secretHash: text("secret_hash").notNull(),
    /** What the administrator called the key (not a secret, not personal data); null for keys made without one. */
    label: text("label"),
    role: text("role").notNull(),
    createdAt: createdAt(),
    lastUsedAt: timestamp("last_used_at", { withTimezone: true, mode: "string" }),
    revokedAt: timestamp("revoked_at", { withTimezone: true, mode: "string" }),
    /** Who asked for a key that needs a second administrator (actor kind and id); null when it needed none. */
    requestedByKind: text("requested_by_kind"),
    requestedById: text("requested_by_id"),
    /** Who approved it, and when; null while it waits (and it does not authenticate). */
    approvedByKind: text("approved_by_kind"),
    approvedById: text("approved_by_id"),
    approvedAt: timestamp("approved_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [
    uniqueIndex("api_keys_prefix_idx").on(table.prefix),
    index("api_keys_organisation_idx").on(table.organisationId),
  ],
);

/** Possible duplicates waiting for (or decided by) a coordinator. */
export const duplicates = pgTable(
  "duplicates",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    candidatePersonId: uuid("candidate_person_id")
      .notNull()
      .references(() => persons.id),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    matchedOn: text("matched_on").array().notNull(),
    status: text("status").notNull().default("open"),
    /** The coordinator's reason, encrypted (AEAD, bound to the duplicate): free text that can name people. */
    decisionReason: bytea("decision_reason"),
    /** Reasons written before they were encrypted; emptied by `sealLegacyPlaintext`, dropped in a later migration. */
    decisionReasonPlaintext: text("decision_reason_plaintext"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "string" }),
    createdAt: createdAt(),
  },
  (table) => [index("duplicates_status_idx").on(table.status, table.id)],
);

/**
 * A placement request's place in the urgency order, 0 most urgent (`PlacementRequest.urgenciesMostUrgentFirst`), from
 * its needs: the expression of the urgency indexes, which `PlacementRequestRepository` orders the queue by.
 */
const urgencyRankOf = (needs: AnyPgColumn) =>
  sql`(case ${needs}->>'urgency' when 'tonight' then 0 when 'this_week' then 1 when 'planned' then 2 else 3 end)`;

/** Placement requests (first shelter): what is needed, for which registration, and where the request stands. */
export const placementRequests = pgTable(
  "placement_requests",
  {
    id: uuid("id").primaryKey(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    personId: uuid("person_id").references(() => persons.id),
    requestedBy: text("requested_by").notNull().default("partner"),
    requestedOn: date("requested_on", { mode: "string" }).notNull().defaultNow(),
    preferredRegion: text("preferred_region"),
    state: text("state").notNull(),
    version: integer("version").notNull(),
    /** Needs without personal data (target group, children, urgency, security, languages). */
    needs: jsonb("needs").notNull(),
    /** Medical needs, encrypted like other personal data. */
    medicalNeeds: bytea("medical_needs"),
    createdAt: createdAt(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [
    index("placement_requests_state_idx").on(table.state, table.id),
    index("placement_requests_organisation_idx").on(table.organisationId, table.id),
    // The coordinator's queue: most urgent first (the rank `PlacementRequestRepository` orders by), then oldest.
    index("placement_requests_urgency_idx").on(urgencyRankOf(table.needs), table.requestedOn, table.id),
    index("placement_requests_state_urgency_idx").on(
      table.state,
      urgencyRankOf(table.needs),
      table.requestedOn,
      table.id,
    ),
  ],
);

/** Offers of a place to a request; accepting one books the place. */
export const placementOffers = pgTable(
  "placement_offers",
  {
    id: uuid("id").primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => placementRequests.id),
    placeId: uuid("place_id")
      .notNull()
      .references(() => shelterPlaces.id),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "string" }).notNull(),
    status: text("status").notNull(),
    /** The reason of a COSM override, encrypted (AEAD, bound to the offer): free text that can name people. */
    overrideReason: bytea("override_reason"),
    /** Reasons written before they were encrypted; emptied by `sealLegacyPlaintext`, dropped in a later migration. */
    overrideReasonPlaintext: text("override_reason_plaintext"),
    createdAt: createdAt(),
  },
  (table) => [
    index("placement_offers_request_idx").on(table.requestId),
    // The offer-expiry job looks for open offers past their expiry.
    index("placement_offers_open_expiry_idx").on(table.expiresAt).where(sql`${table.status} = 'open'`),
  ],
);

/**
 * Placements: a place held for a request from `starts_on` until `ends_on` (exclusive; open while null). The database
 * itself refuses two placements of one place with overlapping dates (an exclusion constraint, migration 0004).
 */
export const placements = pgTable(
  "placements",
  {
    id: uuid("id").primaryKey(),
    requestId: uuid("request_id")
      .notNull()
      .references(() => placementRequests.id),
    placeId: uuid("place_id")
      .notNull()
      .references(() => shelterPlaces.id),
    startsOn: date("starts_on", { mode: "string" }).notNull(),
    endsOn: date("ends_on", { mode: "string" }),
    endReason: text("end_reason"),
    createdAt: createdAt(),
  },
  (table) => [index("placements_place_idx").on(table.placeId), index("placements_request_idx").on(table.requestId)],
);

/**
 * Requested reports: what was asked (parameters, disclosure policy), by whom, and how far the worker is. A report
 * holds no personal data: its artifacts are anonymised tables that passed the disclosure checker.
 */
export const reports = pgTable(
  "reports",
  {
    id: uuid("id").primaryKey(),
    kind: text("kind").notNull(),
    parameters: jsonb("parameters").notNull(),
    policy: jsonb("policy").notNull(),
    status: text("status").notNull(),
    progress: integer("progress").notNull().default(0),
    origin: text("origin").notNull(),
    requestedBy: text("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    completedAt: timestamp("completed_at", { withTimezone: true, mode: "string" }),
    dataAsOf: date("data_as_of", { mode: "string" }),
    error: text("error"),
  },
  (table) => [index("reports_status_idx").on(table.status, table.id)],
);

/** The rendered files of a completed report; one row per file name, so a report is never stored twice. */
export const reportArtifacts = pgTable(
  "report_artifacts",
  {
    reportId: uuid("report_id")
      .notNull()
      .references(() => reports.id),
    name: text("name").notNull(),
    format: text("format").notNull(),
    language: text("language"),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    createdAt: createdAt(),
  },
  (table) => [primaryKey({ columns: [table.reportId, table.name] })],
);

/**
 * The release register: every report as it was published (its tables, suppressed values `null`), in the order
 * released. Append-only (a trigger refuses changes): each new report is checked against what is out.
 */
export const reportReleases = pgTable(
  "report_releases",
  {
    sequence: bigserial("sequence", { mode: "number" }).primaryKey(),
    reportId: uuid("report_id")
      .notNull()
      .unique()
      .references(() => reports.id),
    family: text("family").notNull(),
    parameters: jsonb("parameters").notNull(),
    policy: jsonb("policy").notNull(),
    tables: jsonb("tables").notNull(),
    releasedAt: timestamp("released_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [index("report_releases_family_idx").on(table.family, table.sequence)],
);

/** Console users (CoMensha staff): the password only as an argon2id hash; the e-mail address lower-cased. */
export const users = pgTable(
  "users",
  {
    id: uuid("id").primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    status: text("status").notNull().default("active"),
    passwordHash: text("password_hash").notNull(),
    mustChangePassword: boolean("must_change_password").notNull().default(true),
    createdAt: createdAt(),
    lastLoginAt: timestamp("last_login_at", { withTimezone: true, mode: "string" }),
    /** The TOTP secret (base32), encrypted and bound to the user; null when no second factor was started. */
    totpSecret: bytea("totp_secret"),
    /** When the second factor was confirmed with a first code; null while enrolling or without one. */
    totpEnabledAt: timestamp("totp_enabled_at", { withTimezone: true, mode: "string" }),
    /** The last TOTP time step used: a code of that step or an earlier one is never accepted again. */
    totpLastStep: bigint("totp_last_step", { mode: "number" }),
    /** Who asked for a user whose role needs a second administrator (actor kind and id); null when it needed none. */
    requestedByKind: text("requested_by_kind"),
    requestedById: text("requested_by_id"),
    /** Who approved them, and when; null while `status` is `pending`. */
    approvedByKind: text("approved_by_kind"),
    approvedById: text("approved_by_id"),
    approvedAt: timestamp("approved_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [uniqueIndex("users_email_idx").on(table.email)],
);

/** Single-use recovery codes of a user's second factor: only the SHA-256 of each (the codes carry ~119 bits). */
export const recoveryCodes = pgTable(
  "recovery_codes",
  {
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    codeHash: text("code_hash").notNull(),
    usedAt: timestamp("used_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [primaryKey({ columns: [table.userId, table.codeHash] })],
);

/** Console sessions: only the SHA-256 of the session token and of its CSRF token are stored. */
export const sessions = pgTable(
  "sessions",
  {
    id: uuid("id").primaryKey(),
    userId: uuid("user_id")
      .notNull()
      .references(() => users.id),
    tokenHash: text("token_hash").notNull(),
    csrfHash: text("csrf_hash").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull(),
    lastSeenAt: timestamp("last_seen_at", { withTimezone: true, mode: "string" }).notNull(),
    expiresAt: timestamp("expires_at", { withTimezone: true, mode: "string" }).notNull(),
  },
  (table) => [uniqueIndex("sessions_token_idx").on(table.tokenHash), index("sessions_user_idx").on(table.userId)],
);

/** Failed logins per e-mail address (keyed hash), for the lock-out: recent failures and the end of a lock. */
export const loginThrottles = pgTable("login_throttles", {
  key: text("key").primaryKey(),
  /** Times of the recent failures, in milliseconds since the epoch. */
  failures: bigint("failures", { mode: "number" }).array().notNull(),
  lockedUntil: timestamp("locked_until", { withTimezone: true, mode: "string" }),
});

/**
 * A check value per key id and purpose (`encryption`, `index`): HMAC-SHA-256 of a fixed label under the key,
 * truncated (never the key). The server refuses to start when its keys are not among them (see `KeyCheck.ts`).
 */
export const keyChecks = pgTable(
  "key_checks",
  {
    purpose: text("purpose").notNull(),
    keyId: text("key_id").notNull(),
    checkValue: text("check_value").notNull(),
    createdAt: createdAt(),
    /** When a rotation moved all data away from this key: it may no longer be the current key. */
    retiredAt: timestamp("retired_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [primaryKey({ columns: [table.purpose, table.keyId] })],
);

/**
 * Requests to erase a person (four eyes: one coordinator asks, another approves or rejects). The reasons are free
 * text that can name the person: encrypted (AEAD, bound to the request). `erased` holds the counts of an approval.
 */
export const erasureRequests = pgTable(
  "erasure_requests",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    status: text("status").notNull(),
    reason: bytea("reason"),
    requestedByKind: text("requested_by_kind").notNull(),
    requestedBy: text("requested_by").notNull(),
    requestedAt: timestamp("requested_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    decidedByKind: text("decided_by_kind"),
    decidedBy: text("decided_by"),
    decidedAt: timestamp("decided_at", { withTimezone: true, mode: "string" }),
    rejectionReason: bytea("rejection_reason"),
    erased: jsonb("erased"),
  },
  (table) => [
    index("erasure_requests_status_idx").on(table.status, table.id),
    uniqueIndex("erasure_requests_pending_idx").on(table.personId).where(sql`${table.status} = 'pending'`),
  ],
);

/**
 * Partners' webhook endpoints (issue 17): where to post which events. The signing secret is encrypted (AEAD, bound to
 * the endpoint) and shown to the partner once. An endpoint that fails `Webhook.disableAfterFailedAttempts` attempts
 * in a row is disabled.
 */
export const webhookEndpoints = pgTable(
  "webhook_endpoints",
  {
    id: uuid("id").primaryKey(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id),
    url: text("url").notNull(),
    events: text("events").array().notNull(),
    description: text("description"),
    secret: bytea("secret").notNull(),
    status: text("status").notNull().default("active"),
    failedAttemptsInARow: integer("failed_attempts_in_a_row").notNull().default(0),
    createdAt: createdAt(),
    disabledAt: timestamp("disabled_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [index("webhook_endpoints_organisation_idx").on(table.organisationId)],
);

/**
 * One event for one endpoint (the outbox): written in the transaction of the change it announces, then posted by the
 * worker until it succeeds or every retry is spent. `event` holds ids and states only (`Webhook.WebhookEvent`).
 */
export const webhookDeliveries = pgTable(
  "webhook_deliveries",
  {
    id: uuid("id").primaryKey(),
    endpointId: uuid("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: "cascade" }),
    event: jsonb("event").notNull(),
    status: text("status").notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    lastResponseStatus: integer("last_response_status"),
    lastError: text("last_error"),
    nextAttemptAt: timestamp("next_attempt_at", { withTimezone: true, mode: "string" }),
    createdAt: createdAt(),
    deliveredAt: timestamp("delivered_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [
    index("webhook_deliveries_endpoint_idx").on(table.endpointId, table.id),
    index("webhook_deliveries_due_idx").on(table.nextAttemptAt).where(sql`${table.status} = 'pending'`),
  ],
);

/** Every change of a person's case status, with its coded reason and who made it (by kind and id). */
export const caseStatusChanges = pgTable(
  "case_status_changes",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    fromStatus: text("from_status").notNull(),
    toStatus: text("to_status").notNull(),
    reason: text("reason").notNull(),
    changedByKind: text("changed_by_kind").notNull(),
    changedById: text("changed_by_id").notNull(),
    changedAt: timestamp("changed_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [index("case_status_changes_person_idx").on(table.personId, table.id)],
);

/**
 * Case notes about a person's trajectory (HTCDS 2.0 case comments): the note with its current version and who wrote
 * it first and last; the words are in `case_note_versions`, encrypted per version.
 */
export const caseNotes = pgTable(
  "case_notes",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    version: integer("version").notNull().default(1),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    updatedByKind: text("updated_by_kind").notNull(),
    updatedById: text("updated_by_id").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    erasedAt: timestamp("erased_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [index("case_notes_person_idx").on(table.personId, table.id)],
);

/** Every version of every case note: `text` encrypted (bound to note and version), null once erased. */
export const caseNoteVersions = pgTable(
  "case_note_versions",
  {
    noteId: uuid("note_id")
      .notNull()
      .references(() => caseNotes.id),
    version: integer("version").notNull(),
    text: bytea("text"),
    writtenByKind: text("written_by_kind").notNull(),
    writtenById: text("written_by_id").notNull(),
    writtenAt: timestamp("written_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
  },
  (table) => [primaryKey({ columns: [table.noteId, table.version] })],
);

/**
 * Files in persons' cases (issue 17), described: the file name encrypted (bound to the attachment), media type, size
 * and SHA-256 of the bytes, who uploaded it and when. The bytes are in `attachment_chunks`. Erasure empties the name,
 * deletes the chunks and sets `erased_at`; who uploaded what kind of file when stays for accountability.
 */
export const attachments = pgTable(
  "attachments",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    fileName: bytea("file_name"),
    mediaType: text("media_type").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    erasedAt: timestamp("erased_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [index("attachments_person_idx").on(table.personId, table.id)],
);

/**
 * The bytes of attachments (the PostgreSQL AttachmentStore): each file in chunks of at most 256 KiB, each chunk
 * encrypted on its own and bound to its attachment and number, so key rotation re-encrypts a file a chunk at a time.
 */
export const attachmentChunks = pgTable(
  "attachment_chunks",
  {
    attachmentId: uuid("attachment_id")
      .notNull()
      .references(() => attachments.id),
    chunk: integer("chunk").notNull(),
    data: bytea("data").notNull(),
  },
  (table) => [primaryKey({ columns: [table.attachmentId, table.chunk] })],
);

/**
 * Referrals of persons to care: to which organisation, for which service, in which state, and whether the person's
 * identifiers go with it on which legal basis. Answers and outcomes are codes; no free text.
 */
export const referrals = pgTable(
  "referrals",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    toOrganisationId: uuid("to_organisation_id")
      .notNull()
      .references(() => organisations.id),
    service: text("service").notNull(),
    state: text("state").notNull().default("pending"),
    shareIdentifiers: boolean("share_identifiers").notNull(),
    sharingBasis: text("sharing_basis"),
    consentGivenOn: date("consent_given_on", { mode: "string" }),
    referredByKind: text("referred_by_kind").notNull(),
    referredById: text("referred_by_id").notNull(),
    referringOrganisationId: uuid("referring_organisation_id")
      .notNull()
      .references(() => organisations.id),
    referredAt: timestamp("referred_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true, mode: "string" }),
    declineReason: text("decline_reason"),
    outcome: text("outcome"),
    reportedAt: timestamp("reported_at", { withTimezone: true, mode: "string" }),
    withdrawnAt: timestamp("withdrawn_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [
    index("referrals_organisation_idx").on(table.toOrganisationId, table.id),
    index("referrals_person_idx").on(table.personId, table.id),
  ],
);

/**
 * Follow-up tasks about a person's case: kind, due date, owner (a console user) and state; the title encrypted (bound
 * to the task), null when there is none or once erased (`titleErasedAt` then set).
 */
export const followUps = pgTable(
  "follow_ups",
  {
    id: uuid("id").primaryKey(),
    personId: uuid("person_id")
      .notNull()
      .references(() => persons.id),
    kind: text("kind").notNull(),
    dueOn: date("due_on", { mode: "string" }).notNull(),
    ownerId: uuid("owner_id")
      .notNull()
      .references(() => users.id),
    title: bytea("title"),
    titleErasedAt: timestamp("title_erased_at", { withTimezone: true, mode: "string" }),
    state: text("state").notNull().default("open"),
    createdByKind: text("created_by_kind").notNull(),
    createdById: text("created_by_id").notNull(),
    createdAt: createdAt(),
    closedByKind: text("closed_by_kind"),
    closedById: text("closed_by_id"),
    closedAt: timestamp("closed_at", { withTimezone: true, mode: "string" }),
  },
  (table) => [
    index("follow_ups_person_idx").on(table.personId, table.dueOn, table.id),
    index("follow_ups_owner_idx").on(table.ownerId, table.state, table.dueOn, table.id),
    index("follow_ups_state_idx").on(table.state, table.dueOn, table.id),
  ],
);

/**
 * Transfers of a registration between organisations (overdracht): the registration's `organisation_id` moves to the
 * receiver with each; `version` is the registration's version when it moved, which the sender keeps reading.
 */
export const registrationTransfers = pgTable(
  "registration_transfers",
  {
    id: uuid("id").primaryKey(),
    registrationId: uuid("registration_id")
      .notNull()
      .references(() => registrations.id),
    fromOrganisationId: uuid("from_organisation_id")
      .notNull()
      .references(() => organisations.id),
    toOrganisationId: uuid("to_organisation_id")
      .notNull()
      .references(() => organisations.id),
    reason: text("reason").notNull(),
    version: integer("version").notNull(),
    transferredAt: timestamp("transferred_at", { withTimezone: true, mode: "string" }).notNull().defaultNow(),
    transferredByKind: text("transferred_by_kind").notNull(),
    transferredById: text("transferred_by_id").notNull(),
  },
  (table) => [
    index("registration_transfers_registration_idx").on(table.registrationId, table.id),
    index("registration_transfers_from_idx").on(table.fromOrganisationId, table.registrationId),
  ],
);
