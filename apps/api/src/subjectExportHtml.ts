import { createHash } from "node:crypto";
import {
  Attachment,
  CaseStatus,
  type CodeList,
  Country,
  DossierType,
  ExploitationForm,
  FollowUp,
  LegalBasis,
  Nationality,
  OrganisationKind,
  Placement,
  PlacementRequest,
  PoliceRegion,
  Referral,
  Sector,
  Sex,
  ShelterKind,
  type SubjectExport,
  TargetGroup,
  Transfer,
} from "@comensha/domain";

/** The languages the readable export is written in. */
export type ExportLanguage = "nl" | "en";

/** The export as it goes over the wire (identifiers decrypted, as plain strings): what the page shows. */
export type EncodedSubjectExport = typeof SubjectExport.SubjectExport.Encoded;

/** The page's only style sheet, inline; the CSP admits it by its hash, and nothing else (no scripts, no images). */
export const subjectExportStyles = `
:root { color-scheme: light; }
body { font: 11pt/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #111; margin: 2rem auto;
  max-width: 60rem; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
h2 { font-size: 1.25rem; margin: 2rem 0 .5rem; border-bottom: 2px solid #333; padding-bottom: .2rem; }
h3 { font-size: 1.05rem; margin: 1.25rem 0 .4rem; }
h4 { font-size: .95rem; margin: 1rem 0 .3rem; }
p.lead { color: #333; }
table { border-collapse: collapse; width: 100%; margin: .4rem 0 1rem; font-size: .9rem; }
th, td { border: 1px solid #999; padding: .25rem .45rem; text-align: left; vertical-align: top; }
td { overflow-wrap: break-word; }
th { hyphens: manual; overflow-wrap: normal; }
thead th { background: #eee; }
dl { display: grid; grid-template-columns: minmax(10rem, 16rem) 1fr; gap: .15rem .75rem; margin: .3rem 0 .8rem; }
dt { font-weight: 600; }
dd { margin: 0; overflow-wrap: break-word; }
section.record { border: 1px solid #bbb; border-radius: 4px; padding: .4rem .8rem; margin: .6rem 0; }
.mark { font-weight: 700; color: #8a1c1c; }
.muted { color: #555; }
footer { margin-top: 2rem; font-size: .85rem; color: #444; }
@page { size: A4; margin: 18mm 15mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; }
  h3, h4 { break-after: avoid; }
  section.record, tr, dl { break-inside: avoid; }
  thead { display: table-header-group; }
  .mark { color: #000; }
}
`;

const styleHash = createHash("sha256").update(subjectExportStyles, "utf8").digest("base64");

/**
 * The page's Content-Security-Policy: nothing loads, nothing runs, only its own style sheet applies; also sent as a
 * header, which adds what a `<meta>` cannot (frame-ancestors, sandbox).
 */
export const subjectExportCsp =
  `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; frame-ancestors 'none'; ` +
  "base-uri 'none'; form-action 'none'; sandbox";

const metaCsp = `default-src 'none'; style-src 'sha256-${styleHash}'; img-src 'none'; base-uri 'none'; form-action 'none'`;

const texts = {
  nl: {
    title: "Inzageverzoek: overzicht van persoonsgegevens",
    lead: "Alle gegevens die het CoMensha-platform over deze persoon bewaart (AVG artikel 15), inclusief de personen die met deze persoon zijn samengevoegd, en wie die gegevens heeft ingezien of gewijzigd.",
    person: "Persoon",
    exportedAt: "Samengesteld op",
    persons: "Personen",
    personsIntro: "De persoon en de personen die met deze persoon zijn samengevoegd. Alleen gegevens voor statistiek.",
    registrations: "Meldingen",
    registration: "Melding",
    versions: "Versies",
    version: "Versie",
    duplicates: "Mogelijke dubbelingen",
    placementRequests: "Opvangverzoeken",
    placementRequest: "Opvangverzoek",
    offers: "Aanbiedingen van een plaats",
    placements: "Plaatsingen",
    audit: "Wie heeft de gegevens ingezien of gewijzigd",
    auditIntro: "Elke inzage en wijziging van deze gegevens, oudste eerst.",
    none: "Geen.",
    undecryptable: "Kan niet worden ontsleuteld",
    undecryptableNote:
      "Deze gegevens zijn opgeslagen, maar kunnen met de huidige sleutels niet worden ontsleuteld. Een beheerder kan ze herstellen.",
    erased: "Gewist",
    erasedNote: "Deze gegevens zijn gewist volgens de bewaartermijnen.",
    id: "Id",
    sex: "Geslacht",
    birthYear: "Geboortejaar",
    nationalities: "Nationaliteiten",
    mergedInto: "Samengevoegd met",
    caseStatus: "Casusstatus",
    caseStatusTitle: "Verloop van de casusstatus",
    caseStatusNone: "De casusstatus is niet gewijzigd.",
    caseNotesTitle: "Dossiernotities",
    referrals: "Doorverwijzingen",
    referralsIntro:
      "Naar wie de persoon is doorverwezen: deze organisaties ontvingen gegevens, de identificerende gegevens alleen waar dat staat.",
    referredTo: "Doorverwezen naar",
    service: "Hulp",
    sharedIdentifiers: "Identificerende gegevens gedeeld",
    sharedYes: "Ja, op grond van",
    sharedNo: "Nee",
    referralAnswer: "Antwoord",
    referredAt: "Doorverwezen op",
    transfers: "Overdrachten",
    transfersIntro:
      "Meldingen die van de ene organisatie aan de andere zijn overgedragen: de ontvangende organisatie kreeg de gegevens van de melding; de vorige ziet de melding nog zoals ze was bij de overdracht.",
    transferredFrom: "Van",
    transferredTo: "Aan",
    transferReason: "Reden",
    transferredAt: "Overgedragen op",
    caseNotesNone: "Er zijn geen dossiernotities.",
    attachments: "Bijlagen",
    attachmentsIntro:
      "De bestanden in het dossier van de persoon, beschreven. De bestanden zelf staan niet in deze export: een coördinator downloadt ze (GET /v1/persons/{id}/attachments/{bijlage-id}) en voegt ze erbij.",
    fileName: "Bestandsnaam",
    mediaType: "Soort bestand",
    size: "Grootte (bytes)",
    uploadedBy: "Toegevoegd door",
    uploadedAt: "Toegevoegd op",
    followUps: "Opvolgtaken",
    followUpsIntro: "Taken van CoMensha's coördinatoren over de casus: wat wanneer moet gebeuren en door wie.",
    followUpKind: "Soort",
    dueOn: "Uiterlijk op",
    owner: "Eigenaar (gebruiker)",
    followUpTitle: "Titel",
    closedAt: "Afgesloten op",
    note: "Notitie",
    noteText: "Tekst",
    writtenAt: "Geschreven op",
    caseFrom: "Van",
    caseTo: "Naar",
    caseReason: "Reden",
    changedAt: "Gewijzigd op",
    changedBy: "Door",
    createdAt: "Aangemaakt op",
    updatedAt: "Gewijzigd op",
    recordedAt: "Vastgelegd op",
    organisation: "Organisatie",
    status: "Status",
    currentVersion: "Huidige versie",
    familyName: "Achternaam",
    givenNames: "Voornamen",
    aliases: "Andere namen",
    dateOfBirth: "Geboortedatum",
    documentNumber: "Documentnummer",
    reportedOn: "Gemeld op",
    forms: "Uitbuitingsvormen",
    country: "Land van uitbuiting",
    municipality: "Gemeente",
    policeRegion: "Politie-eenheid",
    sector: "Sector van de arbeidsuitbuiting",
    dossierType: "Soort dossier",
    legalBasis: "Grondslag",
    consent: "Toestemming om te delen met opvang",
    reflectionPeriod: "Bedenktijd",
    reflectionOffered: "aangeboden op {on} door {by}, start {start}{dublin}",
    dublin: " (Dublin)",
    withdrawalReason: "Reden van intrekking",
    matchedOn: "Overeenkomst op",
    decidedAt: "Besloten op",
    decidedBy: "Besloten door",
    reason: "Reden",
    requestedBy: "Aangevraagd door",
    requestedOn: "Aangevraagd op",
    state: "Stand",
    preferredRegion: "Voorkeursregio",
    targetGroup: "Doelgroep",
    children: "Kinderen",
    urgency: "Urgentie",
    security: "Beveiliging",
    languages: "Talen",
    accessible: "Toegankelijk",
    medicalNeeds: "Medische behoeften",
    place: "Plaats",
    startsOn: "Vanaf",
    endsOn: "Tot",
    endReason: "Reden van einde",
    expiresAt: "Geldig tot",
    overrideReason: "Reden van afwijking (COSM)",
    occurredAt: "Tijdstip",
    actor: "Wie",
    action: "Handeling",
    resource: "Gegeven",
    outcome: "Uitkomst",
    yes: "Ja",
    no: "Nee",
    footer: "Afdrukken als pdf: gebruik 'Afdrukken' in de browser en kies 'Opslaan als pdf'.",
    actorKind: { api_key: "API-sleutel", user: "Gebruiker", system: "Systeem" },
    registrationStatus: {
      received: "Ontvangen",
      registered: "Geregistreerd",
      withdrawn: "Ingetrokken",
      rejected: "Afgewezen",
    },
    duplicateStatus: {
      open: "Te beoordelen",
      merged: "Samengevoegd",
      dismissed: "Geen dubbele",
      stale: "Komt niet meer overeen",
    },
    placementState: {
      requested: "Aangevraagd",
      searching: "Zoekt plaats",
      offered: "Plaats aangeboden",
      placed: "Geplaatst",
      ended: "Beëindigd",
      cancelled: "Geannuleerd",
      waitlisted: "Wachtlijst",
    },
    offerStatus: {
      open: "Open",
      accepted: "Aanvaard",
      declined: "Afgewezen",
      expired: "Verlopen",
      withdrawn: "Ingetrokken",
    },
    requester: { partner: "Melder", coordinator: "CoMensha-coördinator" },
    securityLevel: { standard: "Standaard", high: "Hoog" },
    outcomes: { success: "Gelukt", denied: "Geweigerd", failure: "Mislukt" },
    verbs: {
      read: "Ingezien",
      list: "In een lijst getoond",
      create: "Aangemaakt",
      update: "Gewijzigd",
      withdraw: "Ingetrokken",
      versions: "Versies ingezien",
      transfer: "Overgedragen aan een andere organisatie",
      transfers: "Overdrachten ingezien",
      audit_trail: "Audittrail ingezien",
      export: "Geëxporteerd (inzageverzoek)",
      merge: "Samengevoegd",
      dismiss: "Geen dubbele",
      offer: "Plaats aangeboden",
      accept: "Aanbod aanvaard",
      decline: "Aanbod afgewezen",
      end: "Plaatsing beëindigd",
      suggestions: "Passende plaatsen gezocht",
      undecryptable: "Kon niet worden ontsleuteld",
      download: "Gedownload",
    },
  },
  en: {
    title: "Subject access request: personal data export",
    lead: "All data the CoMensha platform holds about this person (GDPR article 15), including the persons merged into them, and who saw or changed that data.",
    person: "Person",
    exportedAt: "Compiled at",
    persons: "Persons",
    personsIntro: "The person and the persons merged into them. Statistical attributes only.",
    registrations: "Registrations",
    registration: "Registration",
    versions: "Versions",
    version: "Version",
    duplicates: "Possible duplicates",
    placementRequests: "Placement requests",
    placementRequest: "Placement request",
    offers: "Offers of a place",
    placements: "Placements",
    audit: "Who saw or changed the data",
    auditIntro: "Every read and change of this data, oldest first.",
    none: "None.",
    undecryptable: "Cannot be decrypted",
    undecryptableNote:
      "This data is stored but does not decrypt with the current keys. An administrator can restore it.",
    erased: "Erased",
    erasedNote: "This data was erased under the retention rules.",
    id: "Id",
    sex: "Sex",
    birthYear: "Year of birth",
    nationalities: "Nationalities",
    mergedInto: "Merged into",
    caseStatus: "Case status",
    caseStatusTitle: "History of the case status",
    caseStatusNone: "The case status was not changed.",
    caseNotesTitle: "Case notes",
    referrals: "Referrals",
    referralsIntro:
      "Where the person was referred: these organisations received data, the identifying data only where it says so.",
    referredTo: "Referred to",
    service: "Service",
    sharedIdentifiers: "Identifying data shared",
    sharedYes: "Yes, on the basis of",
    sharedNo: "No",
    referralAnswer: "Answer",
    referredAt: "Referred at",
    transfers: "Transfers",
    transfersIntro:
      "Registrations transferred from one organisation to another: the receiving organisation got the registration's data; the previous one still sees the registration as it was at the transfer.",
    transferredFrom: "From",
    transferredTo: "To",
    transferReason: "Reason",
    transferredAt: "Transferred on",
    caseNotesNone: "There are no case notes.",
    attachments: "Attachments",
    attachmentsIntro:
      "The files in the person's case, described. The files themselves are not in this export: a coordinator downloads them (GET /v1/persons/{id}/attachments/{attachment id}) and adds them to it.",
    fileName: "File name",
    mediaType: "Kind of file",
    size: "Size (bytes)",
    uploadedBy: "Uploaded by",
    uploadedAt: "Uploaded at",
    followUps: "Follow-up tasks",
    followUpsIntro: "Tasks of CoMensha's coordinators about the case: what is due when, and whose it is.",
    followUpKind: "Kind",
    dueOn: "Due on",
    owner: "Owner (user)",
    followUpTitle: "Title",
    closedAt: "Closed at",
    note: "Note",
    noteText: "Text",
    writtenAt: "Written at",
    caseFrom: "From",
    caseTo: "To",
    caseReason: "Reason",
    changedAt: "Changed at",
    changedBy: "By",
    createdAt: "Created at",
    updatedAt: "Changed at",
    recordedAt: "Recorded at",
    organisation: "Organisation",
    status: "Status",
    currentVersion: "Current version",
    familyName: "Family name",
    givenNames: "Given names",
    aliases: "Other names",
    dateOfBirth: "Date of birth",
    documentNumber: "Document number",
    reportedOn: "Reported on",
    forms: "Forms of exploitation",
    country: "Country of exploitation",
    municipality: "Municipality",
    policeRegion: "Police region",
    sector: "Sector of the labour exploitation",
    dossierType: "Dossier type",
    legalBasis: "Legal basis",
    consent: "Consent to share with a shelter",
    reflectionPeriod: "Reflection period",
    reflectionOffered: "offered on {on} by {by}, starting {start}{dublin}",
    dublin: " (Dublin)",
    withdrawalReason: "Reason for withdrawal",
    matchedOn: "Matched on",
    decidedAt: "Decided at",
    decidedBy: "Decided by",
    reason: "Reason",
    requestedBy: "Requested by",
    requestedOn: "Requested on",
    state: "State",
    preferredRegion: "Preferred region",
    targetGroup: "Target group",
    children: "Children",
    urgency: "Urgency",
    security: "Security",
    languages: "Languages",
    accessible: "Accessible",
    medicalNeeds: "Medical needs",
    place: "Place",
    startsOn: "From",
    endsOn: "Until",
    endReason: "End reason",
    expiresAt: "Valid until",
    overrideReason: "Reason for the override (COSM)",
    occurredAt: "Time",
    actor: "Who",
    action: "Action",
    resource: "Record",
    outcome: "Outcome",
    yes: "Yes",
    no: "No",
    footer: "To print as PDF: use the browser's Print and choose 'Save as PDF'.",
    actorKind: { api_key: "API key", user: "User", system: "System" },
    registrationStatus: {
      received: "Received",
      registered: "Registered",
      withdrawn: "Withdrawn",
      rejected: "Rejected",
    },
    duplicateStatus: {
      open: "To review",
      merged: "Merged",
      dismissed: "Not a duplicate",
      stale: "No longer matches",
    },
    placementState: {
      requested: "Requested",
      searching: "Searching",
      offered: "Offered",
      placed: "Placed",
      ended: "Ended",
      cancelled: "Cancelled",
      waitlisted: "Waitlisted",
    },
    offerStatus: {
      open: "Open",
      accepted: "Accepted",
      declined: "Declined",
      expired: "Expired",
      withdrawn: "Withdrawn",
    },
    requester: { partner: "Reporting organisation", coordinator: "CoMensha coordinator" },
    securityLevel: { standard: "Standard", high: "High" },
    outcomes: { success: "Succeeded", denied: "Denied", failure: "Failed" },
    verbs: {
      read: "Read",
      list: "Shown in a list",
      create: "Created",
      update: "Changed",
      withdraw: "Withdrawn",
      versions: "Versions read",
      transfer: "Transferred to another organisation",
      transfers: "Transfers read",
      audit_trail: "Audit trail read",
      export: "Exported (subject access)",
      merge: "Merged",
      dismiss: "Not a duplicate",
      offer: "Place offered",
      accept: "Offer accepted",
      decline: "Offer declined",
      end: "Placement ended",
      suggestions: "Matching places searched",
      undecryptable: "Could not be decrypted",
      download: "Downloaded",
    },
  },
} as const;

type Texts = (typeof texts)[ExportLanguage];

/** Escapes text for HTML content and attribute values: every value on the page passes through here. */
export const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

const label = (list: CodeList.CodeList<string>, code: string, lang: ExportLanguage) =>
  (list.codes as ReadonlyArray<string>).includes(code) ? list.label(code, lang) : code;

/** An instant as `YYYY-MM-DD HH:MM:SS UTC`: unambiguous in both languages. */
const instant = (value: string) => {
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? value : `${date.toISOString().slice(0, 19).replace("T", " ")} UTC`;
};

const lookup = (table: Readonly<Record<string, string>>, code: string) => table[code] ?? code;

/** A page fragment: HTML already escaped. Only the builders below make one. */
interface Html {
  readonly html: string;
}
const raw = (html: string): Html => ({ html });
const text = (value: string | number): Html => raw(escapeHtml(String(value)));
const join = (parts: ReadonlyArray<Html>, separator = ""): Html => raw(parts.map((part) => part.html).join(separator));
const element = (tag: string, content: Html | string, attributes = ""): Html =>
  raw(`<${tag}${attributes}>${typeof content === "string" ? escapeHtml(content) : content.html}</${tag}>`);

const mark = (t: Texts, state: "undecryptable" | "erased") =>
  element("span", state === "undecryptable" ? t.undecryptable : t.erased, ' class="mark"');

const definitions = (rows: ReadonlyArray<readonly [string, Html | string | undefined]>): Html =>
  element(
    "dl",
    join(rows.flatMap(([term, value]) => (value === undefined ? [] : [element("dt", term), element("dd", value)]))),
  );

const table = (head: ReadonlyArray<string>, rows: ReadonlyArray<ReadonlyArray<Html | string>>): Html =>
  element(
    "table",
    join([
      element("thead", element("tr", join(head.map((cell) => element("th", cell, ' scope="col"'))))),
      element("tbody", join(rows.map((row) => element("tr", join(row.map((cell) => element("td", cell))))))),
    ]),
  );

const none = (t: Texts) => element("p", t.none, ' class="muted"');

type Sealed = typeof SubjectExport.SealedText.Encoded;

const sealed = (t: Texts, value: Sealed | null): Html | undefined =>
  value === null ? undefined : value.state === "readable" ? text(value.text) : mark(t, "undecryptable");

const organisationName = (organisation: { readonly name: string; readonly kind: string }, lang: ExportLanguage) =>
  `${organisation.name} (${label(OrganisationKind.codeList, organisation.kind, lang)})`;

type Actor = EncodedSubjectExport["auditEvents"][number]["actor"];

const actorText = (actor: Actor, t: Texts, lang: ExportLanguage) =>
  [
    actor.name ?? lookup(t.actorKind, actor.kind),
    actor.organisation === undefined ? undefined : organisationName(actor.organisation, lang),
    `${lookup(t.actorKind, actor.kind)} ${actor.id}`,
  ]
    .filter((part): part is string => part !== undefined)
    .join(" · ");

const personsSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.persons),
    element("p", t.personsIntro),
    table(
      [t.id, t.sex, t.birthYear, t.nationalities, t.mergedInto, t.createdAt, t.caseStatus],
      exported.persons.map((person) => [
        person.id,
        label(Sex.codeList, person.sex, lang),
        person.birthYear === null ? "—" : String(person.birthYear),
        person.nationalities.map((code) => label(Nationality.codeList, code, lang)).join(", "),
        person.mergedInto ?? "—",
        instant(person.createdAt),
        label(CaseStatus.codeList, person.caseStatus, lang),
      ]),
    ),
    element("h3", t.caseStatusTitle),
    exported.caseStatusChanges.length === 0
      ? element("p", t.caseStatusNone)
      : table(
          [t.id, t.caseFrom, t.caseTo, t.caseReason, t.changedBy, t.changedAt],
          exported.caseStatusChanges.map((change) => [
            change.personId,
            label(CaseStatus.codeList, change.from, lang),
            label(CaseStatus.codeList, change.to, lang),
            label(CaseStatus.reasonCodeList, change.reason, lang),
            `${lookup(t.actorKind, change.changedBy.kind)} ${change.changedBy.id}`,
            instant(change.changedAt),
          ]),
        ),
    element("h3", t.caseNotesTitle),
    exported.caseNotes.length === 0
      ? element("p", t.caseNotesNone)
      : table(
          [t.note, t.version, t.changedBy, t.writtenAt, t.noteText],
          exported.caseNotes.flatMap((note) =>
            note.versions.map((version) => [
              note.id,
              String(version.version),
              `${lookup(t.actorKind, version.writtenBy.kind)} ${version.writtenBy.id}`,
              instant(version.writtenAt),
              version.content.state === "readable" ? text(version.content.text) : mark(t, version.content.state),
            ]),
          ),
        ),
  ]);

type Version = EncodedSubjectExport["registrations"][number]["versions"][number];

const versionSection = (version: Version, t: Texts, lang: ExportLanguage) => {
  const heading = element("h4", `${t.version} ${version.version}`);
  const common: ReadonlyArray<readonly [string, Html | string | undefined]> = [
    [t.status, lookup(t.registrationStatus, version.status)],
    [t.recordedAt, instant(version.recordedAt)],
  ];
  if (version.state !== "readable") {
    return join([
      heading,
      definitions(common),
      element(
        "p",
        join([mark(t, version.state), text(` — ${version.state === "erased" ? t.erasedNote : t.undecryptableNote}`)]),
      ),
    ]);
  }
  const report = version.registration;
  const person = report.person;
  const period = report.reflectionPeriod;
  return join([
    heading,
    definitions([
      ...common,
      [t.familyName, person.familyName],
      [t.givenNames, person.givenNames],
      [t.aliases, person.aliases.length === 0 ? "—" : person.aliases.join(", ")],
      [t.dateOfBirth, person.dateOfBirth],
      [t.birthYear, person.birthYear === undefined ? undefined : String(person.birthYear)],
      [t.documentNumber, person.documentNumber],
      [t.sex, label(Sex.codeList, person.sex, lang)],
      [t.nationalities, person.nationalities.map((code) => label(Nationality.codeList, code, lang)).join(", ")],
      [t.reportedOn, report.reportedOn],
      [t.forms, report.exploitation.forms.map((form) => label(ExploitationForm.codeList, form, lang)).join(", ")],
      [t.country, label(Country.codeList, report.exploitation.country, lang)],
      [t.municipality, report.exploitation.municipality],
      [
        t.policeRegion,
        report.exploitation.policeRegion === undefined
          ? undefined
          : label(PoliceRegion.codeList, report.exploitation.policeRegion, lang),
      ],
      [
        t.sector,
        report.exploitation.sector === undefined ? undefined : label(Sector.codeList, report.exploitation.sector, lang),
      ],
      [t.dossierType, label(DossierType.codeList, report.dossierType, lang)],
      [t.legalBasis, label(LegalBasis.codeList, report.legalBasis, lang)],
      [t.consent, report.consentToShareWithShelter ? t.yes : t.no],
      [
        t.reflectionPeriod,
        period === undefined
          ? undefined
          : t.reflectionOffered
              .replace("{on}", period.offeredOn)
              .replace("{by}", label(OrganisationKind.codeList, period.offeredBy, lang))
              .replace("{start}", period.startsOn)
              .replace("{dublin}", period.dublin ? t.dublin : ""),
      ],
      [t.withdrawalReason, version.withdrawalReason],
    ]),
  ]);
};

const registrationsSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.registrations),
    exported.registrations.length === 0
      ? none(t)
      : join(
          exported.registrations.map((registration) =>
            element(
              "section",
              join([
                element("h3", `${t.registration} ${registration.id}`),
                definitions([
                  [t.organisation, organisationName(registration.organisation, lang)],
                  [t.person, registration.personId],
                  [t.status, lookup(t.registrationStatus, registration.status)],
                  [t.currentVersion, String(registration.currentVersion)],
                  [t.createdAt, instant(registration.createdAt)],
                  [t.updatedAt, instant(registration.updatedAt)],
                ]),
                join(registration.versions.map((version) => versionSection(version, t, lang))),
              ]),
              ' class="record"',
            ),
          ),
        ),
  ]);

const duplicatesSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.duplicates),
    exported.duplicates.length === 0
      ? none(t)
      : join(
          exported.duplicates.map((duplicate) =>
            element(
              "section",
              definitions([
                [t.id, duplicate.id],
                [t.person, `${duplicate.personId} ↔ ${duplicate.candidatePersonId}`],
                [t.registration, duplicate.registrationId],
                [t.matchedOn, duplicate.matchedOn.join(", ")],
                [t.status, lookup(t.duplicateStatus, duplicate.status)],
                [t.createdAt, instant(duplicate.createdAt)],
                [
                  t.decidedAt,
                  duplicate.decision?.decidedAt == null ? undefined : instant(duplicate.decision.decidedAt),
                ],
                [
                  t.decidedBy,
                  duplicate.decision?.decidedBy == null ? undefined : actorText(duplicate.decision.decidedBy, t, lang),
                ],
                [t.reason, duplicate.decision === null ? undefined : sealed(t, duplicate.decision.reason)],
              ]),
              ' class="record"',
            ),
          ),
        ),
  ]);

type Place = EncodedSubjectExport["placementRequests"][number]["offers"][number]["place"];

const placeText = (place: Place, lang: ExportLanguage) =>
  `${place.shelterName} (${label(ShelterKind.codeList, place.shelterKind, lang)}), ${place.label}`;

const placementRequestsSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.placementRequests),
    exported.placementRequests.length === 0
      ? none(t)
      : join(
          exported.placementRequests.map((request) =>
            element(
              "section",
              join([
                element("h3", `${t.placementRequest} ${request.id}`),
                definitions([
                  [t.registration, request.registrationId],
                  [t.organisation, organisationName(request.organisation, lang)],
                  [t.requestedBy, lookup(t.requester, request.requestedBy)],
                  [t.requestedOn, request.requestedOn],
                  [t.state, lookup(t.placementState, request.state)],
                  [
                    t.preferredRegion,
                    request.preferredRegion === null
                      ? undefined
                      : label(PoliceRegion.codeList, request.preferredRegion, lang),
                  ],
                  [t.targetGroup, label(TargetGroup.codeList, request.needs.targetGroup, lang)],
                  [t.children, String(request.needs.children)],
                  [t.urgency, label(PlacementRequest.urgencyCodeList, request.needs.urgency, lang)],
                  [t.security, lookup(t.securityLevel, request.needs.security)],
                  [t.languages, request.needs.languages.length === 0 ? "—" : request.needs.languages.join(", ")],
                  [
                    t.accessible,
                    request.needs.accessible === undefined ? undefined : request.needs.accessible ? t.yes : t.no,
                  ],
                  [t.medicalNeeds, sealed(t, request.medicalNeeds)],
                  [t.createdAt, instant(request.createdAt)],
                  [t.updatedAt, instant(request.updatedAt)],
                ]),
                element("h4", t.offers),
                request.offers.length === 0
                  ? none(t)
                  : table(
                      [t.place, t.startsOn, t.expiresAt, t.status, t.overrideReason],
                      request.offers.map((offer) => [
                        placeText(offer.place, lang),
                        offer.startsOn,
                        instant(offer.expiresAt),
                        lookup(t.offerStatus, offer.status),
                        sealed(t, offer.overrideReason) ?? "—",
                      ]),
                    ),
                element("h4", t.placements),
                request.placements.length === 0
                  ? none(t)
                  : table(
                      [t.place, t.startsOn, t.endsOn, t.endReason],
                      request.placements.map((stay) => [
                        placeText(stay.place, lang),
                        stay.startsOn,
                        stay.endsOn ?? "—",
                        stay.endReason === null ? "—" : label(Placement.endReasonCodeList, stay.endReason, lang),
                      ]),
                    ),
              ]),
              ' class="record"',
            ),
          ),
        ),
  ]);

/** An audit action in words where it is a known one (`registration.read` -> "Read"), with its code. */
const actionText = (action: string, t: Texts) => {
  const verb = action.slice(action.lastIndexOf(".") + 1);
  const words = (t.verbs as Readonly<Record<string, string>>)[verb];
  return words === undefined ? action : `${words} (${action})`;
};

const referralsSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.referrals),
    element("p", t.referralsIntro),
    exported.referrals.length === 0
      ? none(t)
      : table(
          [t.referredTo, t.service, t.sharedIdentifiers, t.status, t.referralAnswer, t.referredAt],
          exported.referrals.map((referral) => [
            organisationName(referral.toOrganisation, lang),
            label(Referral.serviceCodeList, referral.service, lang),
            referral.sharingBasis === null
              ? t.sharedNo
              : `${t.sharedYes} ${label(Referral.sharingBasisCodeList, referral.sharingBasis, lang)}${
                  referral.consentGivenOn === null ? "" : ` (${referral.consentGivenOn})`
                }`,
            label(Referral.stateCodeList, referral.state, lang),
            [
              referral.declineReason === null
                ? undefined
                : label(Referral.declineReasonCodeList, referral.declineReason, lang),
              referral.outcome === null ? undefined : label(Referral.outcomeCodeList, referral.outcome, lang),
            ]
              .filter((part): part is string => part !== undefined)
              .join(" · ") || "—",
            instant(referral.referredAt),
          ]),
        ),
  ]);

const attachmentsSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.attachments),
    element("p", t.attachmentsIntro),
    exported.attachments.length === 0
      ? none(t)
      : table(
          [t.id, t.fileName, t.mediaType, t.size, "SHA-256", t.uploadedBy, t.uploadedAt],
          exported.attachments.map((attachment) => [
            attachment.id,
            attachment.name.state === "readable" ? text(attachment.name.fileName) : mark(t, attachment.name.state),
            label(Attachment.mediaTypeCodeList, attachment.mediaType, lang),
            String(attachment.size),
            attachment.sha256,
            `${lookup(t.actorKind, attachment.createdBy.kind)} ${attachment.createdBy.id}`,
            instant(attachment.createdAt),
          ]),
        ),
  ]);

const followUpsSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.followUps),
    element("p", t.followUpsIntro),
    exported.followUps.length === 0
      ? none(t)
      : table(
          [t.followUpKind, t.dueOn, t.owner, t.status, t.followUpTitle, t.closedAt],
          exported.followUps.map((task) => [
            label(FollowUp.kindCodeList, task.kind, lang),
            task.dueOn,
            task.owner,
            label(FollowUp.stateCodeList, task.state, lang),
            task.title.state === "readable"
              ? text(task.title.text)
              : task.title.state === "none"
                ? "—"
                : mark(t, task.title.state),
            task.closedAt === null ? "—" : instant(task.closedAt),
          ]),
        ),
  ]);

const transfersSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.transfers),
    element("p", t.transfersIntro),
    exported.transfers.length === 0
      ? none(t)
      : table(
          [t.registration, t.transferredFrom, t.transferredTo, t.transferReason, t.version, t.transferredAt],
          exported.transfers.map((transfer) => [
            transfer.registrationId,
            organisationName(transfer.fromOrganisation, lang),
            organisationName(transfer.toOrganisation, lang),
            label(Transfer.reasonCodeList, transfer.reason, lang),
            String(transfer.version),
            instant(transfer.transferredAt),
          ]),
        ),
  ]);

const auditSection = (exported: EncodedSubjectExport, t: Texts, lang: ExportLanguage) =>
  join([
    element("h2", t.audit),
    element("p", t.auditIntro),
    exported.auditEvents.length === 0
      ? none(t)
      : table(
          [t.occurredAt, t.actor, t.action, t.resource, t.outcome],
          exported.auditEvents.map((event) => [
            instant(event.occurredAt),
            actorText(event.actor, t, lang),
            actionText(event.action, t),
            `${event.resourceType} ${event.resourceId}`,
            lookup(t.outcomes, event.outcome),
          ]),
        ),
  ]);

/**
 * The readable data-subject export: one self-contained HTML page in Dutch or English, without scripts or external
 * resources, that prints well (print "to PDF" from a browser gives the PDF). Every value is escaped.
 */
export const renderSubjectExportHtml = (exported: EncodedSubjectExport, lang: ExportLanguage): string => {
  const t = texts[lang];
  const body = join([
    element("h1", t.title),
    element("p", t.lead, ' class="lead"'),
    definitions([
      [t.person, exported.personId],
      [t.exportedAt, instant(exported.exportedAt)],
    ]),
    personsSection(exported, t, lang),
    registrationsSection(exported, t, lang),
    duplicatesSection(exported, t, lang),
    placementRequestsSection(exported, t, lang),
    referralsSection(exported, t, lang),
    attachmentsSection(exported, t, lang),
    followUpsSection(exported, t, lang),
    transfersSection(exported, t, lang),
    auditSection(exported, t, lang),
    element("footer", t.footer),
  ]);
  return (
    "<!doctype html>\n" +
    `<html lang="${lang}"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(metaCsp)}">` +
    '<meta name="viewport" content="width=device-width, initial-scale=1">' +
    '<meta name="robots" content="noindex, nofollow">' +
    `<title>${escapeHtml(`${t.title} — ${exported.personId}`)}</title>` +
    `<style>${subjectExportStyles}</style></head>` +
    `<body><main>${body.html}</main></body></html>\n`
  );
};
