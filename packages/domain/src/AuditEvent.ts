import { Schema } from "effect";
import * as CodeList from "./CodeList.js";
import * as IsoDate from "./IsoDate.js";
import * as Labels from "./labels/AuditEvent.js";
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

/**
 * Whether an action only showed data (`read`: a list, a record, an export, a download) or did anything else
 * (`change`: created, corrected, withdrew, erased, logged in or out). An investigation reads a record's changes apart
 * from the many reads around it.
 */
export const AuditKind = Schema.Literals(Labels.auditKinds);
export type AuditKind = typeof AuditKind.Type;

/**
 * The actions with their Dutch and English labels (written in `labels/AuditEvent.ts`, without Effect, for the
 * console), with the schema of their codes.
 */
export const actionCodeList = CodeList.withSchema(Labels.actionCodeList);

/** The kinds of resource the audit log names, as in `labels/AuditEvent.ts`, with the schema of their codes. */
export const resourceTypeCodeList = CodeList.withSchema(Labels.resourceTypeCodeList);

export type { AuditAction } from "./labels/AuditEvent.js";
export {
  actionLabel,
  isReplay,
  kindOfAction,
  readActions,
  replaySuffix,
  resourceTypeLabel,
} from "./labels/AuditEvent.js";

/**
 * An audit event as an investigation reads it: with its {@link AuditKind}, and who acted in words where the log can
 * tell: `actorName` is the user's name, or for an API key its organisation's name; `organisationName` the actor's
 * organisation. Names are staff and partner names, never a person's data; the API shows user names to auditors only.
 */
export const AuditEntry = Schema.Struct({
  ...AuditEvent.fields,
  kind: AuditKind,
  actorName: Schema.optionalKey(Schema.String),
  organisationName: Schema.optionalKey(Schema.String),
});
export type AuditEntry = typeof AuditEntry.Type;

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;
const instantPattern = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2}))$/;

/** The instant of an ISO 8601 date-time with a zone (`Z` or `±HH:MM`) as a UTC timestamp, or undefined. */
const instantOf = (value: string): number | undefined => {
  const match = instantPattern.exec(value);
  if (match === null || !IsoDate.isIsoDate(match[1] ?? "")) return undefined;
  const [hours, minutes, seconds] = [Number(match[2]), Number(match[3]), Number(match[4] ?? 0)];
  if (hours > 23 || minutes > 59 || seconds > 59) return undefined;
  if (match[6] !== undefined && (Number(match[6]) > 23 || Number(match[7]) > 59)) return undefined;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? undefined : millis;
};

/** The first instant of a UTC day `YYYY-MM-DD`, or undefined when it is no calendar day. */
const dayStartOf = (value: string): number | undefined =>
  datePattern.test(value) && IsoDate.isIsoDate(value) ? Date.parse(`${value}T00:00:00Z`) : undefined;

/**
 * A bound of a period: a date `YYYY-MM-DD` (a whole day in UTC) or an instant with its zone
 * (`2026-11-20T08:30:00Z`, `2026-11-20T09:30+01:00`).
 */
export const PeriodBound = Schema.String.check(
  Schema.makeFilter((value: string) => dayStartOf(value) !== undefined || instantOf(value) !== undefined, {
    expected: "a date (YYYY-MM-DD) or an instant with a zone (YYYY-MM-DDTHH:MM[:SS[.sss]]Z or ±HH:MM)",
  }),
);

const dayMillis = 86_400_000;

/**
 * The period of `from` to `to`, both inclusive, as instants: `occurredFrom` (inclusive) and `occurredBefore`
 * (exclusive). A date `from` starts at the day's first instant; a date `to` takes in the whole day. `undefined` when a
 * bound is not a {@link PeriodBound} or the period ends before it starts.
 */
export const periodOf = (
  from: string | undefined,
  to: string | undefined,
): { readonly occurredFrom?: string; readonly occurredBefore?: string } | undefined => {
  const start = from === undefined ? undefined : (dayStartOf(from) ?? instantOf(from));
  const endDay = to === undefined ? undefined : dayStartOf(to);
  const end = to === undefined ? undefined : endDay === undefined ? instantOf(to) : endDay + dayMillis - 1;
  if ((from !== undefined && start === undefined) || (to !== undefined && end === undefined)) return undefined;
  if (start !== undefined && end !== undefined && end < start) return undefined;
  return {
    ...(start === undefined ? {} : { occurredFrom: new Date(start).toISOString() }),
    ...(end === undefined ? {} : { occurredBefore: new Date(end + 1).toISOString() }),
  };
};

/** Text that names an actor or record in a filter: 1-100 characters. */
const FilterText = Schema.String.check(Schema.isMinLength(1), Schema.isMaxLength(100));

/**
 * What an investigation selects from the audit log; every field narrows the selection, all together. `actorName`
 * finds a user by (part of) their name, an API key by its organisation's name, or a system actor by its id, ignoring
 * case; `occurredFrom` is inclusive, `occurredBefore` exclusive (UTC instants, see {@link periodOf}).
 */
export const AuditFilter = Schema.Struct({
  actorKind: Schema.optionalKey(ActorKind),
  actorId: Schema.optionalKey(FilterText.check(Schema.isPattern(/^[A-Za-z0-9_-]+$/))),
  actorName: Schema.optionalKey(FilterText),
  organisationId: Schema.optionalKey(Uuid),
  action: Schema.optionalKey(FilterText.check(Schema.isPattern(/^[a-z_]+\.[a-z_.]+$/))),
  kind: Schema.optionalKey(AuditKind),
  resourceType: Schema.optionalKey(FilterText.check(Schema.isPattern(/^[a-z_]+$/))),
  resourceId: Schema.optionalKey(FilterText),
  outcome: Schema.optionalKey(AuditOutcome),
  occurredFrom: Schema.optionalKey(Schema.String),
  occurredBefore: Schema.optionalKey(Schema.String),
});
export type AuditFilter = typeof AuditFilter.Type;
