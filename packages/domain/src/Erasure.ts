import { Schema } from "effect";
import { ActorKind } from "./AuditEvent.js";
import { PersonId } from "./Person.js";
import { Uuid } from "./Uuid.js";

/** Identifier of an erasure request. */
export const ErasureRequestId = Uuid.pipe(Schema.brand("ErasureRequestId"));
export type ErasureRequestId = typeof ErasureRequestId.Type;

/** Where an erasure request stands: waiting for a second coordinator, approved (and executed), or rejected. */
export const ErasureRequestStatus = Schema.Literals(["pending", "approved", "rejected"]);
export type ErasureRequestStatus = typeof ErasureRequestStatus.Type;

/** The longest reason of an erasure request or of its rejection, in characters. */
export const maxErasureReasonLength = 1000;

/**
 * Why a person's data is to be erased (e.g. a request under GDPR art. 17), or why a request is rejected. Free text
 * can name the person, so it is redacted in the domain and stored encrypted.
 */
export const ErasureReason = Schema.RedactedFromValue(
  Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(3, maxErasureReasonLength))),
).annotate({ description: "Why (3-1000 characters); stored encrypted." });
export type ErasureReason = typeof ErasureReason.Type;

/**
 * Who asked for or decided an erasure: a console user or an API key (its id); never a name. Two principals are the
 * same coordinator only when kind and id are both equal.
 */
export const ErasureActor = Schema.Struct({ kind: ActorKind, id: Schema.String });
export type ErasureActor = typeof ErasureActor.Type;

/** What one erasure removed, in counts (no data): for the audit-minded reader and the tests. */
export const ErasureSummary = Schema.Struct({
  /** The persons erased: the one asked for's surviving person and everyone merged into it. */
  persons: Schema.Int,
  /** The registrations whose identifiers this erasure removed (those erased before are not counted again). */
  registrations: Schema.Int,
  versions: Schema.Int,
  blindIndexes: Schema.Int,
  placementRequests: Schema.Int,
  offers: Schema.Int,
  duplicates: Schema.Int,
  /** The versions of case notes whose words this erasure removed. */
  caseNoteVersions: Schema.Int,
  /** The attachments whose files (and file names) this erasure removed. */
  attachments: Schema.Int,
  /** The follow-up tasks whose titles this erasure removed (the tasks and their dates stay). */
  followUpTitles: Schema.Int,
  idempotentAnswers: Schema.Int,
});
export type ErasureSummary = typeof ErasureSummary.Type;

/**
 * Erasure request (verzoek tot wissen): one coordinator asks to erase a person's identifiers, with a reason; a
 * second, different coordinator approves it (which erases at once) or rejects it, with a reason. The reasons are
 * kept (encrypted) for accountability; `reason` reads null once retention emptied it.
 */
export class ErasureRequest extends Schema.Class<ErasureRequest>("ErasureRequest")({
  id: ErasureRequestId,
  personId: PersonId,
  status: ErasureRequestStatus,
  reason: Schema.NullOr(ErasureReason),
  requestedBy: ErasureActor,
  requestedAt: Schema.String,
  decidedBy: Schema.NullOr(ErasureActor),
  decidedAt: Schema.NullOr(Schema.String),
  rejectionReason: Schema.NullOr(ErasureReason),
  /** What the approval erased; null while pending or when rejected. */
  erased: Schema.NullOr(ErasureSummary),
}) {}

/** No erasure request has this id. */
export class ErasureRequestNotFound extends Schema.TaggedError<ErasureRequestNotFound>()("ErasureRequestNotFound", {
  id: Schema.String,
}) {}

/** The request was already approved or rejected. */
export class ErasureRequestDecided extends Schema.TaggedError<ErasureRequestDecided>()("ErasureRequestDecided", {
  id: Schema.String,
  status: ErasureRequestStatus,
}) {}

/** An erasure request for this person is already waiting for a second coordinator. */
export class ErasurePending extends Schema.TaggedError<ErasurePending>()("ErasurePending", {
  personId: Schema.String,
  requestId: Schema.String,
}) {}

/** The coordinator who asked for an erasure cannot approve it: a second coordinator must (four eyes). */
export class SecondApproverRequired extends Schema.TaggedError<SecondApproverRequired>()("SecondApproverRequired", {
  id: Schema.String,
}) {}

/** Whether two actors are the same principal (the same console user, or the same API key). */
export const isSameActor = (a: ErasureActor, b: ErasureActor): boolean => a.kind === b.kind && a.id === b.id;

/**
 * Whether `approver` may approve `request`: it must still be pending, and the approver must be another principal
 * than the requester. Answers the failure, or undefined when the approval may go ahead.
 */
export const checkApproval = (
  request: Pick<ErasureRequest, "id" | "status" | "requestedBy">,
  approver: ErasureActor,
): ErasureRequestDecided | SecondApproverRequired | undefined => {
  if (request.status !== "pending") return new ErasureRequestDecided({ id: request.id, status: request.status });
  if (isSameActor(request.requestedBy, approver)) return new SecondApproverRequired({ id: request.id });
  return undefined;
};

/** Whether a request may be rejected: only while pending (by anyone, the requester too: withdrawing it). */
export const checkRejection = (request: Pick<ErasureRequest, "id" | "status">): ErasureRequestDecided | undefined =>
  request.status === "pending" ? undefined : new ErasureRequestDecided({ id: request.id, status: request.status });

/** The body of a request for erasure, and of a rejection. */
export const ErasureReasonInput = Schema.Struct({ reason: ErasureReason });
export type ErasureReasonInput = typeof ErasureReasonInput.Type;
