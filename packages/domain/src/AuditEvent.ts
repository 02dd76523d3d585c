import { Schema } from "effect";
import * as CodeList from "./CodeList.js";
import * as IsoDate from "./IsoDate.js";
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
export const AuditKind = Schema.Literals(["change", "read"]);
export type AuditKind = typeof AuditKind.Type;

/** The suffix of an action whose call was a replay of a stored answer (`registration.create.replay`). */
export const replaySuffix = ".replay";

const read = "read" as const;
const change = "change" as const;

/**
 * Every action the platform writes to the audit log, with its kind and its Dutch and English label. A new action
 * belongs here before the code writes it (`apps/api/test/auditActions.test.ts` holds the code to it); a replay of an
 * idempotent call is its action plus {@link replaySuffix}, labelled from it.
 */
const actions = {
  "auth.login": { kind: change, nl: "Inloggen", en: "Log-in" },
  "auth.logout": { kind: change, nl: "Uitloggen", en: "Log-out" },
  "auth.logout_all": { kind: change, nl: "Overal uitloggen", en: "Log-out everywhere" },
  "auth.second_factor_start": {
    kind: change,
    nl: "Tweede factor: koppelen begonnen",
    en: "Second factor: enrolment started",
  },
  "auth.second_factor_enrol": { kind: change, nl: "Tweede factor gekoppeld", en: "Second factor enrolled" },
  "auth.recovery_code_use": { kind: change, nl: "Herstelcode gebruikt", en: "Recovery code used" },
  "auth.recovery_codes_renew": { kind: change, nl: "Herstelcodes vernieuwd", en: "Recovery codes renewed" },
  "user.list": { kind: read, nl: "Gebruikers bekeken", en: "Users listed" },
  "user.create": { kind: change, nl: "Gebruiker aangemaakt", en: "User created" },
  "user.approval_request": {
    kind: change,
    nl: "Goedkeuring gevraagd voor gebruiker",
    en: "Approval of a user requested",
  },
  "user.approve": { kind: change, nl: "Gebruiker goedgekeurd", en: "User approved" },
  "user.disable": { kind: change, nl: "Gebruiker uitgeschakeld", en: "User disabled" },
  "user.password_change": { kind: change, nl: "Wachtwoord gewijzigd", en: "Password changed" },
  "user.second_factor_reset": { kind: change, nl: "Tweede factor gereset", en: "Second factor reset" },
  "organisation.list": { kind: read, nl: "Organisaties bekeken", en: "Organisations listed" },
  "organisation.read": { kind: read, nl: "Organisatie bekeken", en: "Organisation viewed" },
  "organisation.create": { kind: change, nl: "Organisatie aangemaakt", en: "Organisation created" },
  "api_key.list": { kind: read, nl: "API-sleutels bekeken", en: "API keys listed" },
  "api_key.create": { kind: change, nl: "API-sleutel aangemaakt", en: "API key created" },
  "api_key.approval_request": {
    kind: change,
    nl: "Goedkeuring gevraagd voor API-sleutel",
    en: "Approval of an API key requested",
  },
  "api_key.approve": { kind: change, nl: "API-sleutel goedgekeurd", en: "API key approved" },
  "api_key.revoke": { kind: change, nl: "API-sleutel ingetrokken", en: "API key revoked" },
  "registration.create": { kind: change, nl: "Melding geregistreerd", en: "Registration created" },
  "registration.list": { kind: read, nl: "Meldingen bekeken (lijst)", en: "Registrations listed" },
  "registration.read": { kind: read, nl: "Melding bekeken", en: "Registration viewed" },
  "registration.versions": { kind: read, nl: "Versies van melding bekeken", en: "Registration versions viewed" },
  "registration.audit_trail": {
    kind: read,
    nl: "Audittrail van melding bekeken",
    en: "Registration audit trail viewed",
  },
  "registration.update": { kind: change, nl: "Melding gecorrigeerd", en: "Registration corrected" },
  "registration.withdraw": { kind: change, nl: "Melding ingetrokken", en: "Registration withdrawn" },
  "registration.undecryptable": {
    kind: read,
    nl: "Melding niet te ontsleutelen",
    en: "Registration could not be decrypted",
  },
  "person.read": { kind: read, nl: "Persoon bekeken", en: "Person viewed" },
  "person.export": { kind: read, nl: "Inzageverzoek: gegevens geëxporteerd", en: "Subject access export" },
  "person.erase": { kind: change, nl: "Persoonsgegevens gewist", en: "Personal data erased" },
  "erasure_request.create": { kind: change, nl: "Wisverzoek ingediend", en: "Erasure requested" },
  "erasure_request.list": { kind: read, nl: "Wisverzoeken bekeken", en: "Erasure requests listed" },
  "erasure_request.read": { kind: read, nl: "Wisverzoek bekeken", en: "Erasure request viewed" },
  "erasure_request.approve": { kind: change, nl: "Wisverzoek goedgekeurd", en: "Erasure request approved" },
  "erasure_request.reject": { kind: change, nl: "Wisverzoek afgewezen", en: "Erasure request rejected" },
  "duplicate.list": { kind: read, nl: "Mogelijke dubbelingen bekeken", en: "Possible duplicates listed" },
  "duplicate.read": { kind: read, nl: "Mogelijke dubbeling bekeken", en: "Possible duplicate viewed" },
  "duplicate.merge": { kind: change, nl: "Personen samengevoegd", en: "Persons merged" },
  "duplicate.dismiss": { kind: change, nl: "Geen dubbeling: afgewezen", en: "Not a duplicate: dismissed" },
  "duplicate.stale": {
    kind: change,
    nl: "Mogelijke dubbeling vervallen na correctie",
    en: "Possible duplicate closed after a correction",
  },
  "duplicate.undecryptable": {
    kind: read,
    nl: "Dubbeling niet te ontsleutelen",
    en: "Duplicate could not be decrypted",
  },
  "placement_request.create": { kind: change, nl: "Opvangaanvraag ingediend", en: "Placement request created" },
  "placement_request.list": { kind: read, nl: "Opvangaanvragen bekeken", en: "Placement requests listed" },
  "placement_request.read": { kind: read, nl: "Opvangaanvraag bekeken", en: "Placement request viewed" },
  "placement_request.suggestions": { kind: read, nl: "Passende plaatsen bekeken", en: "Suitable places viewed" },
  "placement_request.offer": { kind: change, nl: "Plaats aangeboden", en: "Place offered" },
  "placement_request.accept": { kind: change, nl: "Aanbod aanvaard", en: "Offer accepted" },
  "placement_request.decline": { kind: change, nl: "Aanbod afgewezen", en: "Offer declined" },
  "placement_request.offer_expired": { kind: change, nl: "Aanbod verlopen", en: "Offer expired" },
  "placement_request.end": { kind: change, nl: "Plaatsing beëindigd", en: "Placement ended" },
  "placement_request.cancel": { kind: change, nl: "Opvangaanvraag geannuleerd", en: "Placement request cancelled" },
  "placement_request.start_search": { kind: change, nl: "Zoeken naar een plaats begonnen", en: "Search started" },
  "placement_request.waitlist": { kind: change, nl: "Op de wachtlijst gezet", en: "Put on the waiting list" },
  "placement_request.undecryptable": {
    kind: read,
    nl: "Opvangaanvraag niet te ontsleutelen",
    en: "Placement request could not be decrypted",
  },
  "shelter.create": { kind: change, nl: "Opvanglocatie aangemaakt", en: "Shelter created" },
  "shelter.open": { kind: change, nl: "Opvanglocatie geopend", en: "Shelter opened" },
  "shelter.close": { kind: change, nl: "Opvanglocatie gesloten", en: "Shelter closed" },
  "report.request": { kind: change, nl: "Rapportage aangevraagd", en: "Report requested" },
  "report.download": { kind: read, nl: "Rapportage gedownload", en: "Report downloaded" },
  "retention.apply": { kind: change, nl: "Bewaartermijnen toegepast", en: "Retention applied" },
  "keys.rotated": { kind: change, nl: "Sleutels vervangen", en: "Keys rotated" },
  "demo_data.seed": { kind: change, nl: "Demonstratiegegevens geladen", en: "Demo data loaded" },
  "audit_event.export": { kind: read, nl: "Auditlog geëxporteerd (CSV)", en: "Audit log exported (CSV)" },
} as const;

/** An action the platform writes to the audit log (without {@link replaySuffix}). */
export type AuditAction = keyof typeof actions;

/** The actions with their Dutch and English labels, in the order above (by resource). */
export const actionCodeList = CodeList.make("audit_action", actions);

/** The actions that only read (see {@link AuditKind}); every other action is a change. */
export const readActions: ReadonlyArray<AuditAction> = actionCodeList.codes.filter(
  (code) => actions[code].kind === "read",
);

const readActionSet: ReadonlySet<string> = new Set(readActions);

/** Whether an action is a replay of a stored answer (`<action>.replay`). */
export const isReplay = (action: string): boolean => action.endsWith(replaySuffix);

/**
 * The kind of an action: a replay answers what is stored and changes nothing, so it reads; an action this list does
 * not know counts as a change, so it is never hidden among the reads.
 */
export const kindOfAction = (action: string): AuditKind =>
  isReplay(action) || readActionSet.has(action) ? "read" : "change";

const replayLabel = { nl: "herhaald verzoek", en: "repeated request" } as const;

/** The label of an action in `lang` (a replay as its action's, marked as repeated); an unknown one as its code. */
export const actionLabel = (action: string, lang: CodeList.Language): string => {
  const base = isReplay(action) ? action.slice(0, -replaySuffix.length) : action;
  const known = (actionCodeList.labels as Readonly<Record<string, CodeList.Label>>)[base];
  if (known === undefined) return action;
  return isReplay(action) ? `${known[lang]} (${replayLabel[lang]})` : known[lang];
};

/** The kinds of resource the audit log names, with their Dutch and English labels. */
export const resourceTypeCodeList = CodeList.make("audit_resource_type", {
  registration: { nl: "Melding", en: "Registration" },
  person: { nl: "Persoon", en: "Person" },
  erasure_request: { nl: "Wisverzoek", en: "Erasure request" },
  duplicate: { nl: "Mogelijke dubbeling", en: "Possible duplicate" },
  placement_request: { nl: "Opvangaanvraag", en: "Placement request" },
  shelter: { nl: "Opvanglocatie", en: "Shelter" },
  report: { nl: "Rapportage", en: "Report" },
  user: { nl: "Gebruiker", en: "User" },
  organisation: { nl: "Organisatie", en: "Organisation" },
  api_key: { nl: "API-sleutel", en: "API key" },
  retention: { nl: "Bewaartermijnen", en: "Retention" },
  key: { nl: "Sleutel", en: "Key" },
  database: { nl: "Database", en: "Database" },
  audit_event: { nl: "Auditlog", en: "Audit log" },
});

/** The label of a resource type in `lang`, or its code when the list does not know it. */
export const resourceTypeLabel = (resourceType: string, lang: CodeList.Language): string =>
  (resourceTypeCodeList.labels as Readonly<Record<string, CodeList.Label>>)[resourceType]?.[lang] ?? resourceType;

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
