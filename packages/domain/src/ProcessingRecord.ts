import { Schema } from "effect";
import { NewAuditEvent } from "./AuditEvent.js";
import { NewCaseNote } from "./CaseNote.js";
import { DuplicateDecision } from "./Duplicate.js";
import { NewFollowUp } from "./FollowUp.js";
import * as LegalBasis from "./LegalBasis.js";
import { PersonIdentifiers, ReportedPerson } from "./Person.js";
import { CosmOverride, EndPlacement, NewOffer } from "./Placement.js";
import { NewPlacementRequest, PlacementNeeds } from "./PlacementRequest.js";
import { Exploitation, RegistrationInput } from "./Registration.js";
import { describeRule, retentionPolicy } from "./Retention.js";
import { User } from "./User.js";

/** The law an article belongs to: the GDPR (AVG), or its Dutch implementation act (UAVG). */
export const Law = Schema.Literals(["gdpr", "uavg"]);
export type Law = typeof Law.Type;

/**
 * One legal ground: an article of a law and why it applies. `toBeConfirmedByDpo` marks a ground engineering proposes
 * but is not sure of; the data protection officer decides.
 */
export const LegalGround = Schema.Struct({
  law: Law,
  /** The article as lawyers cite it, e.g. `6(1)(c)` or `32`. */
  article: Schema.String,
  reason: Schema.String,
  toBeConfirmedByDpo: Schema.Boolean,
});
export type LegalGround = typeof LegalGround.Type;

/**
 * What a registration's `legalBasis` code means in law: the ground for the personal data (GDPR art. 6), for the
 * special categories such as health (art. 9) and for the data about a possible crime (art. 10 with UAVG art. 31-33).
 */
export const LegalBasisGrounds = Schema.Struct({
  code: LegalBasis.LegalBasis,
  label: Schema.String,
  personalData: Schema.Array(LegalGround),
  specialCategories: Schema.Array(LegalGround),
  criminalOffenceData: Schema.Array(LegalGround),
});
export type LegalBasisGrounds = typeof LegalBasisGrounds.Type;

/**
 * Whether a data category is ordinary personal data, a special category (GDPR art. 9, e.g. health), data about
 * criminal offences (art. 10), or pseudonymous derived data (blind indexes).
 */
export const DataKind = Schema.Literals(["personal", "special_category", "criminal_offence", "pseudonymous"]);
export type DataKind = typeof DataKind.Type;

/** A category of personal data: the fields it is made of (from the domain's schemas) and how they are stored. */
export const DataCategory = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  kind: DataKind,
  fields: Schema.Array(Schema.String),
  storage: Schema.String,
});
export type DataCategory = typeof DataCategory.Type;

/** Who receives which data, and under what condition. */
export const Recipient = Schema.Struct({ name: Schema.String, receives: Schema.String });
export type Recipient = typeof Recipient.Type;

/** One processing activity (verwerking) of the record: why, about whom, what, on which ground, to whom. */
export const ProcessingActivity = Schema.Struct({
  id: Schema.String,
  name: Schema.String,
  purposes: Schema.Array(Schema.String),
  dataSubjects: Schema.Array(Schema.String),
  /** Ids of {@link DataCategory}s. */
  dataCategories: Schema.Array(Schema.String),
  /** When the ground follows the registration's `legalBasis` code: the codes, each explained in `legalBases`. */
  legalBasisCodes: Schema.Array(LegalBasis.LegalBasis),
  legalGrounds: Schema.Array(LegalGround),
  recipients: Schema.Array(Recipient),
  transfersOutsideEu: Schema.String,
});
export type ProcessingActivity = typeof ProcessingActivity.Type;

/** Whether a retention period is applied by the platform today, or only proposed. */
export const RetentionStatus = Schema.Literals(["in_force", "proposal"]);
export type RetentionStatus = typeof RetentionStatus.Type;

/** How long a data category is kept, and from when. */
export const Retention = Schema.Struct({
  /** Id of a {@link DataCategory}. */
  category: Schema.String,
  period: Schema.String,
  status: RetentionStatus,
});
export type Retention = typeof Retention.Type;

/**
 * Whether a security measure is done by the platform's code today, belongs to the deployment (see docs/deploy.md),
 * or is planned.
 */
export const MeasureStatus = Schema.Literals(["in_place", "deployment", "planned"]);
export type MeasureStatus = typeof MeasureStatus.Type;

/** A technical or organisational security measure (GDPR art. 32). */
export const SecurityMeasure = Schema.Struct({
  name: Schema.String,
  description: Schema.String,
  status: MeasureStatus,
});
export type SecurityMeasure = typeof SecurityMeasure.Type;

/**
 * The record of processing activities (verwerkingsregister, GDPR art. 30(1)) of the platform: controller,
 * activities, data categories, legal bases per `legalBasis` code, retention, security measures, and the questions
 * still open for the data protection officer. `status: "draft"` until the DPO has confirmed it.
 */
export const ProcessingRecord = Schema.Struct({
  status: Schema.Literals(["draft", "confirmed"]),
  controller: Schema.Struct({ name: Schema.String, contact: Schema.String }),
  activities: Schema.Array(ProcessingActivity),
  dataCategories: Schema.Array(DataCategory),
  legalBases: Schema.Array(LegalBasisGrounds),
  retention: Schema.Array(Retention),
  securityMeasures: Schema.Array(SecurityMeasure),
  openQuestions: Schema.Array(Schema.String),
}).annotate({ identifier: "ProcessingRecord" });
export type ProcessingRecord = typeof ProcessingRecord.Type;

const fieldsOf = (schema: { readonly fields: object }, prefix = ""): Array<string> =>
  Object.keys(schema.fields).map((name) => `${prefix}${name}`);

const gdpr = (article: string, reason: string, toBeConfirmedByDpo = false): LegalGround => ({
  law: "gdpr",
  article,
  reason,
  toBeConfirmedByDpo,
});

const uavg = (article: string, reason: string): LegalGround => ({
  law: "uavg",
  article,
  reason,
  toBeConfirmedByDpo: true,
});

const article10 = gdpr(
  "10",
  "A report says the person is a possible victim of human trafficking (art. 273f Sr), often reported by the police " +
    "or KMar. The record treats this as data relating to criminal offences; processing is not under the control of " +
    "official authority, so it needs an exception of the UAVG.",
  true,
);

/**
 * The articles behind each `legalBasis` code a partner sends with a registration. Typed as a record of every code,
 * so a new code does not compile until it has its grounds.
 */
export const legalGroundsOf: { readonly [Code in LegalBasis.LegalBasis]: Omit<LegalBasisGrounds, "code" | "label"> } = {
  statutory: {
    personalData: [
      gdpr(
        "6(1)(c)",
        "Police, KMar and the Labour Inspectorate report every possible victim to CoMensha under their statutory " +
          "duty (the Public Prosecution Service's instruction on human trafficking, Aanwijzing mensenhandel; for the " +
          "police the Wet politiegegevens); which provision binds CoMensha itself is to be confirmed.",
        true,
      ),
      gdpr(
        "6(1)(e)",
        "CoMensha registers possible victims and coordinates their shelter as a task in the public interest, " +
          "entrusted by the Ministry of Justice and Security; art. 6(3) requires that task to be laid down in law.",
        true,
      ),
    ],
    specialCategories: [
      gdpr(
        "9(2)(g)",
        "Substantial public interest (protection of victims of human trafficking), on the basis of Dutch law.",
        true,
      ),
      uavg("23", "The Dutch exceptions under art. 9(2)(g); which one applies is to be confirmed."),
      gdpr(
        "9(2)(h)",
        "Health data (medical needs) for the provision of care and shelter, under professional secrecy.",
        true,
      ),
      uavg("30", "The UAVG's exceptions for health data (care and social services)."),
    ],
    criminalOffenceData: [
      article10,
      uavg("31", "Criminal-offence data only as far as UAVG art. 32 or 33 allows."),
      uavg(
        "33",
        "The specific exceptions; which one applies to CoMensha (and whether it needs a permit of the Autoriteit " +
          "Persoonsgegevens) is to be confirmed.",
      ),
    ],
  },
  consent: {
    personalData: [
      gdpr(
        "6(1)(a)",
        "The person consented to the report being passed to CoMensha. Consent must be free, specific, informed " +
          "and withdrawable; a person in a dependent position may not be able to give it freely.",
        true,
      ),
    ],
    specialCategories: [gdpr("9(2)(a)", "Explicit consent to the processing of health data.", true)],
    criminalOffenceData: [article10, uavg("32(a)", "The general exception for explicit consent of the data subject.")],
  },
  legitimate_interest: {
    personalData: [
      gdpr(
        "6(1)(f)",
        "The legitimate interest of the reporting organisation (e.g. an NGO or lawyer) and CoMensha in getting the " +
          "person help. Not available to public authorities in the performance of their tasks; needs a balancing " +
          "test per organisation.",
        true,
      ),
    ],
    specialCategories: [
      gdpr(
        "9(2)(g)",
        "Art. 9 has no legitimate-interest ground: health data of such a report needs substantial public interest " +
          "or explicit consent.",
        true,
      ),
      uavg("23", "The Dutch exceptions under art. 9(2)(g); which one applies is to be confirmed."),
    ],
    criminalOffenceData: [
      article10,
      uavg("33", "The specific exceptions; which one applies to reports under legitimate interest is to be confirmed."),
    ],
  },
};

const legalBases: ReadonlyArray<LegalBasisGrounds> = LegalBasis.codeList.codes.map((code) => ({
  code,
  label: LegalBasis.codeList.label(code, "en"),
  ...legalGroundsOf[code],
}));

const identifierFields = fieldsOf(PersonIdentifiers, "person.");

const dataCategories: ReadonlyArray<DataCategory> = [
  {
    id: "direct_identifiers",
    name: "Direct identifiers of the possible victim",
    kind: "personal",
    fields: identifierFields,
    storage:
      "Encrypted (AES-256-GCM) in every registration version, bound to the registration id and version; " +
      "redacted in the domain, so never printed in logs or errors.",
  },
  {
    id: "statistical_attributes",
    name: "Attributes used for statistics",
    kind: "personal",
    fields: fieldsOf(ReportedPerson, "person.").filter((field) => !identifierFields.includes(field)),
    storage: "In the clear on the person and the registration, for counting; no names beside them.",
  },
  {
    id: "report",
    name: "The report: being a possible victim, the form and place of exploitation",
    kind: "criminal_offence",
    fields: [
      ...fieldsOf(RegistrationInput).filter((field) => field !== "person" && field !== "exploitation"),
      ...fieldsOf(Exploitation, "exploitation."),
      "status",
    ],
    storage:
      "In the clear (JSON) on the registration and each of its versions, for filters and statistics; only " +
      "reachable through the registration's id, never next to the identifiers in the clear.",
  },
  {
    id: "free_text",
    name: "Free text that can name people",
    kind: "personal",
    fields: [
      "registration.withdrawalReason",
      ...fieldsOf(DuplicateDecision, "duplicate."),
      ...fieldsOf(CosmOverride, "offer.override."),
      ...fieldsOf(NewCaseNote, "caseNote."),
      ...fieldsOf(NewFollowUp, "followUp.").filter((field) => field === "followUp.title"),
    ],
    storage: "Encrypted (AES-256-GCM), bound to its row (a case note: to its note and version).",
  },
  {
    id: "attachments",
    name: "Files in a person's case: statements, letters, scans of documents",
    kind: "special_category",
    fields: ["attachment.fileName", "attachment.file"],
    storage:
      "Encrypted (AES-256-GCM): the file name bound to its attachment, the file in chunks each bound to its " +
      "attachment and place; PDF, PNG, JPEG or plain text of at most 10 MiB, checked against its declared type. A " +
      "file may hold health data or an identity document, so it is treated as a special category throughout.",
  },
  {
    id: "health",
    name: "Health: medical needs for shelter",
    kind: "special_category",
    fields: ["needs.medicalNeeds"],
    storage: "Encrypted (AES-256-GCM), bound to the placement request.",
  },
  {
    id: "shelter",
    name: "Shelter needs, offers and placements",
    kind: "personal",
    fields: [
      ...fieldsOf(PlacementNeeds, "needs.").filter((field) => field !== "needs.medicalNeeds"),
      ...fieldsOf(NewPlacementRequest, "request.").filter((field) => field !== "request.needs"),
      ...fieldsOf(NewOffer, "offer.").filter((field) => field !== "offer.override"),
      ...fieldsOf(EndPlacement, "placement."),
    ],
    storage: "In the clear, tied to the person only through the registration's id.",
  },
  {
    id: "blind_indexes",
    name: "Blind indexes for duplicate detection",
    kind: "pseudonymous",
    fields: ["keyed HMAC-SHA-256 of normalised names, date of birth and document number"],
    storage:
      "Truncated keyed hashes with a key per index (derived with HKDF from the index key); they find the same " +
      "person again without storing a name in the clear.",
  },
  {
    id: "idempotent_answers",
    name: "Stored answers of creating calls",
    kind: "personal",
    fields: ["the first answer (headers and body) of a call with an Idempotency-Key"],
    storage: "Encrypted (AES-256-GCM), bound to the organisation, route and key; deleted after 24 hours.",
  },
  {
    id: "staff_accounts",
    name: "CoMensha staff accounts and sessions",
    kind: "personal",
    fields: [
      ...fieldsOf(User).filter(
        (field) => field !== "id" && field !== "mustChangePassword" && field !== "secondFactorEnrolled",
      ),
      "passwordHash",
      "session and CSRF token hashes",
      "second factor: TOTP secret and recovery code hashes",
    ],
    storage:
      "Passwords only as argon2id hashes; session and CSRF tokens and recovery codes only as SHA-256 hashes; the " +
      "TOTP secret encrypted (AES-256-GCM) and bound to the user; failed logins under a keyed hash of the e-mail " +
      "address and the client's address.",
  },
  {
    id: "audit_trail",
    name: "Audit trail",
    kind: "personal",
    fields: [...fieldsOf(NewAuditEvent), "occurredAt"],
    storage: "Append-only (a database trigger refuses changes and deletions); never the personal data itself.",
  },
  {
    id: "request_logs",
    name: "Request and error logs",
    kind: "personal",
    fields: ["requestId", "method", "path (route segments and ids only)", "status", "durationMs"],
    storage: "JSON lines on stdout/stderr: no body, query string, header, token, key, IP address or error message.",
  },
];

const victims = "Possible victims of human trafficking (adults and minors)";

const activities: ReadonlyArray<ProcessingActivity> = [
  {
    id: "registration",
    name: "Registration of possible victims of human trafficking",
    purposes: [
      "Register the reports of possible victims that partner organisations send to CoMensha.",
      "Recognise one person across several reports (duplicate detection; a coordinator decides every merge).",
      "Give coordinators the overview needed to help the person (reflection period, dossier type).",
    ],
    dataSubjects: [victims],
    dataCategories: [
      "direct_identifiers",
      "statistical_attributes",
      "report",
      "free_text",
      "blind_indexes",
      "idempotent_answers",
    ],
    legalBasisCodes: [...LegalBasis.codeList.codes],
    legalGrounds: [],
    recipients: [
      {
        name: "The reporting partner organisation",
        receives: "Its own reports only; it never learns whether another organisation reported the same person.",
      },
      {
        name: "A partner organisation a registration is transferred to",
        receives:
          "The transferred registration as its own, with every change from then on; the sending organisation keeps " +
          "reading it only as it was at the transfer, read-only.",
      },
      { name: "CoMensha coordinators", receives: "All registrations, every version, and the persons behind them." },
    ],
    transfersOutsideEu: "None.",
  },
  {
    id: "first_shelter",
    name: "Coordination of first shelter",
    purposes: [
      "Find and book a shelter place that fits the person's needs.",
      "Follow stays, and flag stays in COSM beyond three months.",
    ],
    dataSubjects: [victims, "Children who come along with them (their number only)"],
    dataCategories: ["shelter", "health", "free_text"],
    legalBasisCodes: [...LegalBasis.codeList.codes],
    legalGrounds: [
      gdpr(
        "6(1)(a)",
        "Sharing with a shelter needs the registration's consent to share with a shelter " +
          "(consentToShareWithShelter); without it no place can be offered.",
      ),
      gdpr("9(2)(a)", "Explicit consent for the medical needs passed on to the shelter.", true),
      gdpr("9(2)(c)", "Vital interests, where the person cannot consent and shelter is urgent: to be confirmed.", true),
    ],
    recipients: [
      {
        name: "Shelters",
        receives:
          "What a placement needs, passed on by CoMensha coordinators, only when the registration records consent " +
          "to share with a shelter. Shelters get no placement data through the platform itself today.",
      },
      { name: "The requesting partner organisation", receives: "The state of its own placement requests." },
    ],
    transfersOutsideEu: "None.",
  },
  {
    id: "care_after_shelter",
    name: "Care after the first shelter: case status, case notes, follow-up tasks, attachments and referrals to care",
    purposes: [
      "Keep where a person's trajectory stands (case status) and what happened in it (case notes, and files such as " +
        "statements and letters), for coordinators.",
      "Plan what is due when (follow-up tasks with a due date and an owner: a reflection period ending, a B8/3 " +
        "residence decision, the COSM 3-month norm) and list each shelter's stays per week for its coordinator.",
      "Refer the person to care or other support (care coordination, legal aid, medical care, return support, the " +
        "municipality) and follow the answer and the outcome.",
    ],
    dataSubjects: [victims],
    dataCategories: ["direct_identifiers", "statistical_attributes", "free_text", "attachments"],
    legalBasisCodes: [],
    legalGrounds: [
      gdpr("6(1)(e)", "Coordinating care for victims is part of CoMensha's public task.", true),
      gdpr(
        "6(1)(a)",
        "A referral carries the person's identifiers with their consent to that referral, recorded with its date.",
      ),
      gdpr(
        "6(1)(d), 9(2)(c)",
        "Vital interests, where the person cannot consent and care is urgent: the referral records this basis.",
        true,
      ),
    ],
    recipients: [
      {
        name: "The organisation a person is referred to (role care)",
        receives:
          "Its own referrals only: sex, year of birth and nationalities, and the identifiers of the newest report " +
          "only when the referral shares them on a recorded legal basis. Never an organisation that enforces the law.",
      },
      {
        name: "CoMensha coordinators",
        receives:
          "Case status, case notes, attachments (every download audited), follow-up tasks, weekly stay lists and " +
          "every referral.",
      },
    ],
    transfersOutsideEu: "None.",
  },
  {
    id: "statistics",
    name: "Anonymised statistics for the National Rapporteur and the annual monitor",
    purposes: [
      "Produce anonymised figures: the annual monitor, placement reports, the Eurostat breakdown and the HTCDS " +
        "export.",
      "Signal bottlenecks (capacity, waiting times, reflection periods expiring).",
    ],
    dataSubjects: [victims],
    dataCategories: ["statistical_attributes", "report", "shelter"],
    legalBasisCodes: [],
    legalGrounds: [
      gdpr("6(1)(e)", "Statistics are part of CoMensha's public task of monitoring human trafficking.", true),
      gdpr(
        "6(4), 89(1)",
        "Further processing for statistical purposes is compatible with the purpose of collection, with " +
          "safeguards: no identifier is decrypted, and every table passes disclosure control.",
        true,
      ),
      gdpr("9(2)(j)", "Statistical purposes, for the special categories in the counted data.", true),
      uavg("24", "The Dutch exception for research and statistics under art. 9(2)(j)."),
    ],
    recipients: [
      {
        name: "The National Rapporteur on Trafficking in Human Beings",
        receives: "Anonymised figures only: small cells suppressed, with secondary suppression.",
      },
      { name: "CoMensha policy staff", receives: "Reports and aggregates only, never a case or a person." },
      {
        name: "The public, Eurostat and the CTDC (HTCDS)",
        receives: "Released figures; the HTCDS export is k-anonymous records without identifiers or dates.",
      },
    ],
    transfersOutsideEu: "None: the platform sends nothing abroad; who sends an export is decided by CoMensha.",
  },
  {
    id: "staff_and_audit",
    name: "Staff accounts, security and the audit trail",
    purposes: [
      "Let CoMensha staff sign in with the role their work needs.",
      "Account for every read and change of personal data (who, what, when, outcome).",
      "Keep the platform secure and find faults.",
    ],
    dataSubjects: [
      "CoMensha staff (console users)",
      "Partner organisations' callers, recorded by API key, not by name",
    ],
    dataCategories: ["staff_accounts", "audit_trail", "request_logs"],
    legalBasisCodes: [],
    legalGrounds: [
      gdpr(
        "6(1)(c)",
        "The controller's obligations to secure the processing and to account for it (art. 5(2), 24, 32).",
      ),
      gdpr("6(1)(f)", "CoMensha's legitimate interest in managing access of its own staff.", true),
    ],
    recipients: [
      { name: "CoMensha administrators", receives: "Users, organisations and API keys." },
      { name: "CoMensha auditors", receives: "The audit trail." },
    ],
    transfersOutsideEu: "None.",
  },
];

/**
 * The retention of each data category, read from the domain's retention policy (Retention.ts): the rules of a
 * category in words, in force when the worker applies every one of them, else a proposal.
 */
const retention: ReadonlyArray<Retention> = dataCategories.map((category) => {
  const rules = retentionPolicy.filter((rule) => rule.dataCategory === category.id);
  return {
    category: category.id,
    period: rules.map(describeRule).join("; "),
    status: rules.length > 0 && rules.every((rule) => rule.appliedBy === "worker") ? "in_force" : "proposal",
  };
});

const securityMeasures: ReadonlyArray<SecurityMeasure> = [
  {
    name: "Encryption of identifiers and free text",
    description:
      "Names, aliases, dates of birth, document numbers, medical needs, free-text reasons and stored idempotent " +
      "answers are encrypted with AES-256-GCM, each bound to its row as associated data. Keys come from the " +
      "configuration, never from the database; in production the server refuses to start without them.",
    status: "in_place",
  },
  {
    name: "Blind indexes",
    description:
      "Duplicates are found with keyed HMAC-SHA-256 indexes of normalised identifiers (a key per index, derived " +
      "with HKDF), never by comparing plaintext; a coordinator decides every merge.",
    status: "in_place",
  },
  {
    name: "Access by role",
    description:
      "Every route checks the caller's role: a partner sees its own organisation's reports only; policy staff see " +
      "aggregates only; administrators manage accounts; auditors read the audit trail; only coordinators read " +
      "cases.",
    status: "in_place",
  },
  {
    name: "Four eyes for access to personal data",
    description:
      "A coordinator or administrator account or API key that an administrator makes through the API works only " +
      "once a second administrator approves it; the one who asked cannot approve it. The request, refusals and " +
      "the approval are audited. Only the operator's command line on the server makes one directly (the first " +
      "accounts).",
    status: "in_place",
  },
  {
    name: "Audit trail",
    description:
      "Every call of a route with personal data writes exactly one audit event (who, what, when, outcome, request " +
      "id), in the same transaction as the change; the log is append-only and holds no personal data itself.",
    status: "in_place",
  },
  {
    name: "Authentication",
    description:
      "Staff passwords are stored as argon2id hashes, with lock-out after repeated failures; session and CSRF " +
      "tokens and API key secrets only as SHA-256 hashes, compared in constant time; one-time passwords must be " +
      "changed first; administrators, coordinators and care users log in with a second factor (TOTP, RFC 6238) or a " +
      "single-use recovery code; a suspended organisation's users and keys are refused.",
    status: "in_place",
  },
  {
    name: "Logs without personal data",
    description:
      "Request and error logs hold no body, query string, header, token, key, error message or database " +
      "parameter; a test sends markers through every operation and checks the logs.",
    status: "in_place",
  },
  {
    name: "Input validation and safe errors",
    description:
      "Every input is decoded by the domain's schemas before any IO; errors never carry internals; security " +
      "headers forbid framing and caching of answers.",
    status: "in_place",
  },
  {
    name: "TLS",
    description:
      "The reference deployment puts Caddy with TLS in front of the API; session cookies are Secure over https.",
    status: "deployment",
  },
  {
    name: "Backups",
    description:
      "A database dump holds identifiers and free text only as ciphertext; the dump files themselves are to be " +
      "stored encrypted and apart from the keys, as the deployment guide says.",
    status: "deployment",
  },
  {
    name: "Key checks",
    description:
      "Each key has an id and a check value in the database (never the key): a server whose keys do not match the " +
      "data refuses to start, naming the key; keys are never generated for PostgreSQL unless a demo asks for it.",
    status: "in_place",
  },
  {
    name: "Key rotation",
    description:
      "A new encryption or index key becomes current while the old one still reads (`comensha keys rotate`): the " +
      "data is re-encrypted and the blind indexes rebuilt in batches while the API runs, then the old key id is " +
      "retired and refused from then on.",
    status: "in_place",
  },
  {
    name: "Least-privilege database roles",
    description:
      "Migrations run as an owner role; the API and worker as an application role that can only read and append " +
      "the audit trail and cannot alter, disable or drop it or any table (DATABASE_OWNER_URL, docs/deploy.md).",
    status: "in_place",
  },
  {
    name: "Retention and erasure",
    description:
      "The retention periods above, applied daily by the worker; erasure of a person on request of one coordinator " +
      "approved by another. Erasure empties identifiers and free text and deletes blind indexes and stored answers, " +
      "but keeps every statistical column, so no published figure changes.",
    status: "in_place",
  },
];

const openQuestions: ReadonlyArray<string> = [
  "Controller details: CoMensha's legal name, address and the DPO's contact to be filled in.",
  "Which provision of Dutch law lays down CoMensha's task (art. 6(3) GDPR), so that art. 6(1)(c) or (e) can be relied " +
    "on for statutory reports; whether the Aanwijzing mensenhandel suffices.",
  "Whether being a possible victim of a crime is data relating to criminal offences (art. 10 GDPR); this record " +
    "assumes it is. Which exception of UAVG art. 32 or 33 applies, and whether a permit of the Autoriteit " +
    "Persoonsgegevens is needed.",
  "Whether the form of exploitation (e.g. sexual exploitation) reveals data concerning a person's sex life (art. 9).",
  "Whether consent of a possible victim in a dependent position can be freely given (art. 7(4), recital 43), and " +
    "what happens to a consent-based report when the consent is withdrawn.",
  "Which art. 9 ground covers health data in reports under legitimate interest (art. 9 has no such ground).",
  "Whether the k-anonymous HTCDS export is anonymous, or still personal data; and whether giving it to the CTDC " +
    "(IOM) is a transfer to an international organisation (art. 44 ff).",
  "The retention periods: all are proposals of engineering, to be set by CoMensha.",
  "Whether a data protection impact assessment (art. 35) is required; large-scale special-category and " +
    "criminal-offence data of vulnerable people suggest it is.",
];

/** CoMensha's record of processing activities, as the platform implements it today. */
export const processingRecord: ProcessingRecord = {
  status: "draft",
  controller: {
    name: "CoMensha (Coördinatiecentrum tegen Mensenhandel)",
    contact: "To be filled in by CoMensha: address and the contact of the data protection officer.",
  },
  activities,
  dataCategories,
  legalBases,
  retention,
  securityMeasures,
  openQuestions,
};

const lawName: Record<Law, string> = { gdpr: "GDPR", uavg: "UAVG" };

const cite = (ground: LegalGround) =>
  `${lawName[ground.law]} art. ${ground.article}${ground.toBeConfirmedByDpo ? " (to be confirmed by the DPO)" : ""}`;

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");

const groundLines = (grounds: ReadonlyArray<LegalGround>) =>
  grounds.map((ground) => `- ${cite(ground)}: ${ground.reason}`);

const kindLabel: Record<DataKind, string> = {
  personal: "personal data",
  special_category: "special category (art. 9)",
  criminal_offence: "criminal-offence data (art. 10)",
  pseudonymous: "pseudonymous",
};

const statusLabel: Record<MeasureStatus, string> = {
  in_place: "in place",
  deployment: "deployment",
  planned: "planned",
};

/**
 * Renders the record as Markdown for people (docs/processing-record.md is this output, checked by a test).
 *
 * @example
 * ```ts
 * const markdown = renderMarkdown(processingRecord);
 * ```
 */
export const renderMarkdown = (record: ProcessingRecord): string => {
  const categoryName = new Map(record.dataCategories.map((category) => [category.id, category.name]));
  const lines: Array<string> = [
    "# Record of processing activities (GDPR art. 30)",
    "",
    "<!-- Generated from packages/domain/src/ProcessingRecord.ts; do not edit by hand. The same record is served at",
    "     GET /v1/processing-record (admin, auditor). -->",
    "",
    `Status: **${record.status}**${record.status === "draft" ? ": proposed by engineering, to be confirmed by the data protection officer." : "."}`,
    "",
    "## Controller",
    "",
    `${record.controller.name}. ${record.controller.contact}`,
    "",
    "## Processing activities",
  ];
  for (const activity of record.activities) {
    lines.push(
      "",
      `### ${activity.name}`,
      "",
      "Purposes:",
      "",
      ...activity.purposes.map((purpose) => `- ${purpose}`),
      "",
      "Data subjects:",
      "",
      ...activity.dataSubjects.map((subject) => `- ${subject}`),
      "",
      "Categories of personal data:",
      "",
      ...activity.dataCategories.map((id) => `- ${categoryName.get(id) ?? id}`),
      "",
      "Legal grounds:",
      "",
      ...(activity.legalBasisCodes.length > 0
        ? [
            `- Per report, after its \`legalBasis\`: ${activity.legalBasisCodes.map((code) => `\`${code}\``).join(", ")} (see Legal bases).`,
          ]
        : []),
      ...groundLines(activity.legalGrounds),
      "",
      "Recipients:",
      "",
      ...activity.recipients.map((recipient) => `- ${recipient.name}: ${recipient.receives}`),
      "",
      `Transfers outside the EU: ${activity.transfersOutsideEu}`,
    );
  }
  lines.push(
    "",
    "## Categories of personal data",
    "",
    "| category | kind | fields | storage |",
    "| --- | --- | --- | --- |",
    ...record.dataCategories.map(
      (category) =>
        `| ${cell(category.name)} | ${kindLabel[category.kind]} | ${cell(category.fields.map((field) => `\`${field}\``).join(", "))} | ${cell(category.storage)} |`,
    ),
    "",
    "## Legal bases of a registration",
    "",
    "A partner states the legal basis of each report in its `legalBasis` field.",
  );
  for (const basis of record.legalBases) {
    lines.push(
      "",
      `### \`${basis.code}\` (${basis.label})`,
      "",
      "Personal data:",
      "",
      ...groundLines(basis.personalData),
      "",
      "Special categories (health):",
      "",
      ...groundLines(basis.specialCategories),
      "",
      "Criminal-offence data:",
      "",
      ...groundLines(basis.criminalOffenceData),
    );
  }
  lines.push(
    "",
    "## Retention",
    "",
    "| category | period | status |",
    "| --- | --- | --- |",
    ...record.retention.map(
      (row) =>
        `| ${cell(categoryName.get(row.category) ?? row.category)} | ${cell(row.period)} | ${row.status.replace("_", " ")} |`,
    ),
    "",
    "## Security measures (art. 32)",
    "",
    "| measure | description | status |",
    "| --- | --- | --- |",
    ...record.securityMeasures.map(
      (measure) => `| ${cell(measure.name)} | ${cell(measure.description)} | ${statusLabel[measure.status]} |`,
    ),
    "",
    "## Open questions for the data protection officer",
    "",
    ...record.openQuestions.map((question) => `- ${question}`),
    "",
  );
  return lines.join("\n");
};
