import type { Ports } from "@comensha/domain";
import type { AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { Effect } from "effect";
import { attachmentChunkContext, attachmentNameContext } from "./AttachmentRepository.js";
import { caseNoteContext } from "./CaseNoteRepository.js";
import { duplicateReasonContext } from "./DuplicateRepository.js";
import { erasureReasonContext, erasureRejectionContext } from "./ErasureRepository.js";
import { followUpTitleContext } from "./FollowUpRepository.js";
import { idempotencyContext } from "./IdempotencyStore.js";
import { offerReasonContext } from "./PlacementRepository.js";
import { medicalNeedsContext } from "./PlacementRequestRepository.js";
import { registrationContext } from "./RegistrationRepository.js";
import { totpSecretContext } from "./SecondFactorRepository.js";
import {
  attachmentChunks,
  attachments,
  caseNoteVersions,
  duplicates,
  erasureRequests,
  followUps,
  idempotencyKeys,
  placementOffers,
  placementRequests,
  registrations,
  registrationVersions,
  users,
  webhookEndpoints,
} from "./schema.js";
import { webhookCreatedAnswerContext, webhookSecretContext } from "./WebhookRepository.js";

/** The row values `context` reads: each of `contextColumns` with its column's type. */
type ContextRow<C extends Record<string, AnyPgColumn>> = { readonly [K in keyof C]: C[K]["_"]["data"] };

/**
 * One column that holds personal data encrypted with `Ports.Crypto`. Key rotation (`KeyRotation.ts`) re-encrypts
 * every value of every column listed in {@link encryptedColumns}, and `comensha keys status` counts them per key
 * id; a test checks that every `bytea` column of the schema but report artifacts' bytes is listed. A new
 * encrypted column is therefore one entry here, beside the `crypto.encrypt` of its repository.
 */
export interface EncryptedColumn {
  /** `table.column` as in SQL, for progress lines and `comensha keys status`. */
  readonly name: string;
  readonly table: PgTable;
  /** The table's primary key, in order: rotation pages through the table by it and updates one row by it. */
  readonly primaryKey: ReadonlyArray<AnyPgColumn>;
  /** The `bytea` column with the ciphertext; rows where it is null are skipped. */
  readonly ciphertext: AnyPgColumn;
  /** The columns `context` needs (usually the primary key's, sometimes more, e.g. a version), by name. */
  readonly contextColumns: Readonly<Record<string, AnyPgColumn>>;
  /**
   * The associated data the value was encrypted with, from the row's `contextColumns`: the same function its
   * repository encrypts with (a ciphertext only decrypts with its own row's context).
   */
  readonly context: (row: Readonly<Record<string, unknown>>) => string;
  /**
   * For a plaintext that itself holds values sealed with `Crypto` (a stored idempotent answer with a sealed
   * one-time password): re-seals them under the current key with `reseal`, and answers the new plaintext.
   */
  readonly resealNested?: (
    plaintext: string,
    reseal: (sealed: Uint8Array, context: string) => Effect.Effect<Uint8Array, Ports.DecryptionFailed>,
  ) => Effect.Effect<string, Ports.DecryptionFailed>;
}

/**
 * Declares an {@link EncryptedColumn} with `context` typed by its `contextColumns`.
 *
 * @example
 * encryptedColumn({
 *   name: "duplicates.decision_reason",
 *   table: duplicates,
 *   primaryKey: [duplicates.id],
 *   ciphertext: duplicates.decisionReason,
 *   contextColumns: { id: duplicates.id },
 *   context: (row) => duplicateReasonContext(row.id),
 * })
 */
export const encryptedColumn = <C extends Record<string, AnyPgColumn>>(spec: {
  readonly name: string;
  readonly table: PgTable;
  readonly primaryKey: ReadonlyArray<AnyPgColumn>;
  readonly ciphertext: AnyPgColumn;
  readonly contextColumns: C;
  readonly context: (row: ContextRow<C>) => string;
  readonly resealNested?: EncryptedColumn["resealNested"];
}): EncryptedColumn => spec as unknown as EncryptedColumn;

/**
 * Secrets that API routes seal inside an answer before it is stored for idempotent replay (the same contexts as
 * `apps/api/src/routes/users.ts`, `organisations.ts` and `webhooks.ts`): a user's one-time password, an API key's
 * secret, a webhook endpoint's signing secret.
 */
const resealStoredAnswer: EncryptedColumn["resealNested"] = (plaintext, reseal) =>
  Effect.gen(function* () {
    const stored = JSON.parse(plaintext) as { headers: unknown; body: string };
    let body: unknown;
    try {
      body = JSON.parse(stored.body);
    } catch {
      return plaintext;
    }
    if (typeof body !== "object" || body === null) return plaintext;
    const sealedIn = (holder: unknown, field: string, context: (id: string) => string, id: unknown) =>
      typeof holder === "object" && holder !== null && typeof id === "string" && field in holder
        ? Effect.gen(function* () {
            const record = holder as Record<string, unknown>;
            const value = record[field];
            if (typeof value !== "string") return false;
            const fresh = yield* reseal(Buffer.from(value, "base64"), context(id));
            record[field] = Buffer.from(fresh).toString("base64");
            return true;
          })
        : Effect.succeed(false);
    const answer = body as Record<string, { id?: unknown } | undefined> & {
      id?: unknown;
      user?: { id?: unknown };
      url?: unknown;
      events?: unknown;
    };
    const isWebhookEndpoint = typeof answer.url === "string" && Array.isArray(answer.events);
    const changed = [
      yield* sealedIn(answer, "oneTimePassword", (id) => `one-time-password:${id}`, answer.user?.id),
      yield* sealedIn(answer, "key", (id) => `api-key:${id}`, answer.id),
      yield* sealedIn(answer.apiKey, "key", (id) => `api-key:${id}`, answer.apiKey?.id),
      isWebhookEndpoint ? yield* sealedIn(answer, "secret", webhookCreatedAnswerContext, answer.id) : false,
    ];
    return changed.some(Boolean) ? JSON.stringify({ ...stored, body: JSON.stringify(body) }) : plaintext;
  });

/** Every column that holds data encrypted with `Ports.Crypto` (see {@link EncryptedColumn}). */
export const encryptedColumns: ReadonlyArray<EncryptedColumn> = [
  encryptedColumn({
    name: "registrations.identifiers",
    table: registrations,
    primaryKey: [registrations.id],
    ciphertext: registrations.identifiers,
    contextColumns: { id: registrations.id, version: registrations.version },
    context: (row) => registrationContext(row.id, row.version),
  }),
  encryptedColumn({
    name: "registration_versions.identifiers",
    table: registrationVersions,
    primaryKey: [registrationVersions.registrationId, registrationVersions.version],
    ciphertext: registrationVersions.identifiers,
    contextColumns: { id: registrationVersions.registrationId, version: registrationVersions.version },
    context: (row) => registrationContext(row.id, row.version),
  }),
  encryptedColumn({
    name: "duplicates.decision_reason",
    table: duplicates,
    primaryKey: [duplicates.id],
    ciphertext: duplicates.decisionReason,
    contextColumns: { id: duplicates.id },
    context: (row) => duplicateReasonContext(row.id),
  }),
  encryptedColumn({
    name: "placement_offers.override_reason",
    table: placementOffers,
    primaryKey: [placementOffers.id],
    ciphertext: placementOffers.overrideReason,
    contextColumns: { id: placementOffers.id },
    context: (row) => offerReasonContext(row.id),
  }),
  encryptedColumn({
    name: "placement_requests.medical_needs",
    table: placementRequests,
    primaryKey: [placementRequests.id],
    ciphertext: placementRequests.medicalNeeds,
    contextColumns: { id: placementRequests.id },
    context: (row) => medicalNeedsContext(row.id),
  }),
  encryptedColumn({
    name: "erasure_requests.reason",
    table: erasureRequests,
    primaryKey: [erasureRequests.id],
    ciphertext: erasureRequests.reason,
    contextColumns: { id: erasureRequests.id },
    context: (row) => erasureReasonContext(row.id),
  }),
  encryptedColumn({
    name: "erasure_requests.rejection_reason",
    table: erasureRequests,
    primaryKey: [erasureRequests.id],
    ciphertext: erasureRequests.rejectionReason,
    contextColumns: { id: erasureRequests.id },
    context: (row) => erasureRejectionContext(row.id),
  }),
  encryptedColumn({
    name: "users.totp_secret",
    table: users,
    primaryKey: [users.id],
    ciphertext: users.totpSecret,
    contextColumns: { id: users.id },
    context: (row) => totpSecretContext(row.id),
  }),
  encryptedColumn({
    name: "webhook_endpoints.secret",
    table: webhookEndpoints,
    primaryKey: [webhookEndpoints.id],
    ciphertext: webhookEndpoints.secret,
    contextColumns: { id: webhookEndpoints.id },
    context: (row) => webhookSecretContext(row.id),
  }),
  encryptedColumn({
    name: "case_note_versions.text",
    table: caseNoteVersions,
    primaryKey: [caseNoteVersions.noteId, caseNoteVersions.version],
    ciphertext: caseNoteVersions.text,
    contextColumns: { id: caseNoteVersions.noteId, version: caseNoteVersions.version },
    context: (row) => caseNoteContext(row.id, row.version),
  }),
  encryptedColumn({
    name: "attachments.file_name",
    table: attachments,
    primaryKey: [attachments.id],
    ciphertext: attachments.fileName,
    contextColumns: { id: attachments.id },
    context: (row) => attachmentNameContext(row.id),
  }),
  // A file's bytes, a chunk (at most 256 KiB, sealed as base64) per row: a rotation's batch stays small in memory.
  encryptedColumn({
    name: "attachment_chunks.data",
    table: attachmentChunks,
    primaryKey: [attachmentChunks.attachmentId, attachmentChunks.chunk],
    ciphertext: attachmentChunks.data,
    contextColumns: { id: attachmentChunks.attachmentId, chunk: attachmentChunks.chunk },
    context: (row) => attachmentChunkContext(row.id, row.chunk),
  }),
  encryptedColumn({
    name: "follow_ups.title",
    table: followUps,
    primaryKey: [followUps.id],
    ciphertext: followUps.title,
    contextColumns: { id: followUps.id },
    context: (row) => followUpTitleContext(row.id),
  }),
  encryptedColumn({
    name: "idempotency_keys.response",
    table: idempotencyKeys,
    primaryKey: [idempotencyKeys.scope, idempotencyKeys.key],
    ciphertext: idempotencyKeys.response,
    contextColumns: { scope: idempotencyKeys.scope, key: idempotencyKeys.key },
    context: (row) => idempotencyContext(row.scope, row.key),
    resealNested: resealStoredAnswer,
  }),
];
