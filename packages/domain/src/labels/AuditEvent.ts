import * as CodeList from "./CodeList.js";

/**
 * Whether an action only showed data (`read`: a list, a record, an export, a download) or did anything else
 * (`change`: created, corrected, withdrew, erased, logged in or out). An investigation reads a record's changes apart
 * from the many reads around it. The domain's `AuditKind` schema decodes exactly these.
 */
export const auditKinds = ["change", "read"] as const;
export type AuditKind = (typeof auditKinds)[number];

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
  "registration.transfer": {
    kind: change,
    nl: "Melding overgedragen aan een andere organisatie",
    en: "Registration transferred to another organisation",
  },
  "registration.transfers": { kind: read, nl: "Overdrachten van melding bekeken", en: "Registration transfers viewed" },
  "registration.undecryptable": {
    kind: read,
    nl: "Melding niet te ontsleutelen",
    en: "Registration could not be decrypted",
  },
  "person.read": { kind: read, nl: "Persoon bekeken", en: "Person viewed" },
  "person.export": { kind: read, nl: "Inzageverzoek: gegevens geëxporteerd", en: "Subject access export" },
  "person.erase": { kind: change, nl: "Persoonsgegevens gewist", en: "Personal data erased" },
  "case_status.read": { kind: read, nl: "Casusstatus bekeken", en: "Case status viewed" },
  "case_status.change": { kind: change, nl: "Casusstatus gewijzigd", en: "Case status changed" },
  "case_note.list": { kind: read, nl: "Dossiernotities bekeken", en: "Case notes viewed" },
  "case_note.read": { kind: read, nl: "Dossiernotitie met versies bekeken", en: "Case note with versions viewed" },
  "case_note.create": { kind: change, nl: "Dossiernotitie geschreven", en: "Case note written" },
  "case_note.update": { kind: change, nl: "Dossiernotitie gecorrigeerd", en: "Case note corrected" },
  "attachment.list": { kind: read, nl: "Bijlagen bekeken", en: "Attachments listed" },
  "attachment.download": { kind: read, nl: "Bijlage gedownload", en: "Attachment downloaded" },
  "attachment.create": { kind: change, nl: "Bijlage toegevoegd", en: "Attachment uploaded" },
  "referral.create": { kind: change, nl: "Doorverwijzing gemaakt", en: "Referral made" },
  "referral.list": { kind: read, nl: "Doorverwijzingen bekeken", en: "Referrals listed" },
  "referral.read": { kind: read, nl: "Doorverwijzing bekeken", en: "Referral viewed" },
  "referral.accept": { kind: change, nl: "Doorverwijzing geaccepteerd", en: "Referral accepted" },
  "referral.decline": { kind: change, nl: "Doorverwijzing afgewezen", en: "Referral declined" },
  "referral.answer": { kind: change, nl: "Doorverwijzing beantwoord", en: "Referral answered" },
  "referral.report": { kind: change, nl: "Terugkoppeling op doorverwijzing", en: "Referral reported back" },
  "referral.withdraw": { kind: change, nl: "Doorverwijzing ingetrokken", en: "Referral withdrawn" },
  "case_note.undecryptable": {
    kind: read,
    nl: "Dossiernotitie niet te ontsleutelen",
    en: "Case note could not be decrypted",
  },
  "attachment.undecryptable": {
    kind: read,
    nl: "Bijlage niet te ontsleutelen",
    en: "Attachment could not be decrypted",
  },
  "follow_up.list": { kind: read, nl: "Opvolgtaken bekeken", en: "Follow-up tasks listed" },
  "follow_up.create": { kind: change, nl: "Opvolgtaak toegevoegd", en: "Follow-up task added" },
  "follow_up.complete": { kind: change, nl: "Opvolgtaak afgerond", en: "Follow-up task completed" },
  "follow_up.cancel": { kind: change, nl: "Opvolgtaak geannuleerd", en: "Follow-up task cancelled" },
  "follow_up.undecryptable": {
    kind: read,
    nl: "Titel van opvolgtaak niet te ontsleutelen",
    en: "Follow-up task title could not be decrypted",
  },
  "stay_list.read": { kind: read, nl: "Weeklijst van verblijven bekeken", en: "Weekly stay list viewed" },
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
  "webhook_endpoint.create": { kind: change, nl: "Webhook aangemaakt", en: "Webhook endpoint created" },
  "webhook_endpoint.list": { kind: read, nl: "Webhooks bekeken", en: "Webhook endpoints listed" },
  "webhook_endpoint.read": { kind: read, nl: "Webhook bekeken", en: "Webhook endpoint viewed" },
  "webhook_endpoint.enable": { kind: change, nl: "Webhook ingeschakeld", en: "Webhook endpoint enabled" },
  "webhook_endpoint.disable": { kind: change, nl: "Webhook uitgeschakeld", en: "Webhook endpoint disabled" },
  "webhook_endpoint.delete": { kind: change, nl: "Webhook verwijderd", en: "Webhook endpoint deleted" },
  "webhook_delivery.list": { kind: read, nl: "Webhookbezorgingen bekeken", en: "Webhook deliveries listed" },
  "webhook_delivery.redeliver": {
    kind: change,
    nl: "Webhookbezorging opnieuw verstuurd",
    en: "Webhook delivery sent again",
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
  webhook_endpoint: { nl: "Webhook", en: "Webhook endpoint" },
  webhook_delivery: { nl: "Webhookbezorging", en: "Webhook delivery" },
  case_note: { nl: "Dossiernotitie", en: "Case note" },
  attachment: { nl: "Bijlage", en: "Attachment" },
  follow_up: { nl: "Opvolgtaak", en: "Follow-up task" },
  referral: { nl: "Doorverwijzing", en: "Referral" },
});

/** The label of a resource type in `lang`, or its code when the list does not know it. */
export const resourceTypeLabel = (resourceType: string, lang: CodeList.Language): string =>
  (resourceTypeCodeList.labels as Readonly<Record<string, CodeList.Label>>)[resourceType]?.[lang] ?? resourceType;
