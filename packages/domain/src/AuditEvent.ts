import { Schema } from "effect";
import { Uuid } from "./Uuid.js";

/** Identifier of an audit event. */
export const AuditEventId = Uuid.pipe(Schema.brand("AuditEventId"));
export type AuditEventId = typeof AuditEventId.Type;

/** Who acted: a partner's API key, a console user, or the system itself (CLI, worker, seed). */
export const ActorKind = Schema.Literals(["api_key", "user", "system"]);
export type ActorKind = typeof ActorKind.Type;

/** The actor of a request or job, as recorded in the audit log. */
export const Actor = Schema.Struct({
  kind: ActorKind,
  id: Schema.String,
  organisationId: Schema.optionalKey(Schema.String),
});
export type Actor = typeof Actor.Type;

/** Whether the audited action succeeded, was denied, or failed. */
export const AuditOutcome = Schema.Literals(["success", "denied", "failure"]);
export type AuditOutcome = typeof AuditOutcome.Type;

/**
 * What an audit event records: who did what to which resource, when, with what outcome, under which request.
 * Never the personal data itself.
 */
export const NewAuditEvent = Schema.Struct({
  actor: Actor,
  action: Schema.String.pipe(Schema.check(Schema.isPattern(/^[a-z_]+\.[a-z_.]+$/))),
  resourceType: Schema.String,
  resourceId: Schema.optionalKey(Schema.String),
  outcome: AuditOutcome,
  requestId: Schema.optionalKey(Schema.String),
});
export type NewAuditEvent = typeof NewAuditEvent.Type;

/** A written audit event. */
export class AuditEvent extends Schema.Class<AuditEvent>("AuditEvent")({
  ...NewAuditEvent.fields,
  id: AuditEventId,
  occurredAt: Schema.String,
}) {}
