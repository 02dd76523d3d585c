import type { TextsOf } from "./texts.js";

/**
 * Dutch texts of the audit log's investigation tools (filters, CSV export) and of a registration's trail, changes
 * apart from reads. The labels of actions and resource types are the domain's (`AuditEvent.actionCodeList`).
 */
export const nl = {
  "audit.filterTitle": "Zoeken in het auditlog",
  "audit.filterIntro":
    "Alle filters samen bepalen de selectie. Klik in de lijst op een actor of object om daarop te filteren.",
  "audit.filterActorName": "Actor (naam)",
  "audit.filterActorNameHint": "Naam van een gebruiker of organisatie, of een deel ervan.",
  "audit.filterActorId": "Actor-id",
  "audit.filterResourceType": "Soort object",
  "audit.filterResourceId": "Object-id",
  "audit.filterResourceIdHint": "Bijvoorbeeld het id van een melding.",
  "audit.filterAction": "Actie",
  "audit.filterKind": "Soort gebeurtenis",
  "audit.filterOutcome": "Uitkomst",
  "audit.filterFrom": "Van",
  "audit.filterTo": "Tot en met",
  "audit.filterAll": "Alle",
  "audit.apply": "Filter toepassen",
  "audit.reset": "Filters wissen",
  "audit.kind.change": "Wijziging",
  "audit.kind.read": "Inzage",
  "audit.kind.changes": "Wijzigingen",
  "audit.kind.reads": "Inzage",
  "audit.filterByActor": "Alleen gebeurtenissen van {name} tonen",
  "audit.filterByResource": "Alleen gebeurtenissen over {resource} {id} tonen",
  "audit.emptyFiltered": "Geen gebeurtenissen voor deze filters.",
  "audit.exportTitle": "Exporteren",
  "audit.exportIntro":
    "Download de gefilterde selectie als CSV, bijvoorbeeld voor de functionaris gegevensbescherming (ten hoogste 50.000 gebeurtenissen). Ook de export wordt vastgelegd in het auditlog.",
  "audit.export": "Selectie exporteren (CSV)",
  "audit.exportBusy": "Export wordt gemaakt…",
  "audit.exportDone": "Het bestand {name} is gedownload.",
  "audit.exportFailed": "De export is niet gelukt.",
  "audit.actorSystem": "Systeem ({id})",
  "auditTrail.intro":
    "Wat er met deze melding is gebeurd: eerst de wijzigingen, daaronder wie de melding heeft ingezien. Namen van gebruikers staan in het auditlog (voor auditors).",
  "auditTrail.changesTitle": "Wijzigingen",
  "auditTrail.changesEmpty": "Er zijn nog geen wijzigingen.",
  "auditTrail.readsTitle": "Inzage: wie heeft de melding bekeken",
  "auditTrail.readsEmpty": "Niemand heeft de melding nog bekeken.",
} as const satisfies Record<string, string>;

/** English texts of the audit log's investigation tools and of a registration's trail. */
export const en: TextsOf<typeof nl> = {
  "audit.filterTitle": "Search the audit log",
  "audit.filterIntro":
    "All filters together make the selection. Select an actor or record in the list to filter on it.",
  "audit.filterActorName": "Actor (name)",
  "audit.filterActorNameHint": "A user's or organisation's name, or part of it.",
  "audit.filterActorId": "Actor id",
  "audit.filterResourceType": "Record type",
  "audit.filterResourceId": "Record id",
  "audit.filterResourceIdHint": "For example a registration's id.",
  "audit.filterAction": "Action",
  "audit.filterKind": "Kind of event",
  "audit.filterOutcome": "Outcome",
  "audit.filterFrom": "From",
  "audit.filterTo": "To (inclusive)",
  "audit.filterAll": "All",
  "audit.apply": "Apply filter",
  "audit.reset": "Clear filters",
  "audit.kind.change": "Change",
  "audit.kind.read": "Read",
  "audit.kind.changes": "Changes",
  "audit.kind.reads": "Reads",
  "audit.filterByActor": "Show only events by {name}",
  "audit.filterByResource": "Show only events about {resource} {id}",
  "audit.emptyFiltered": "No events match these filters.",
  "audit.exportTitle": "Export",
  "audit.exportIntro":
    "Download the filtered selection as CSV, for example for the data protection officer (at most 50,000 events). The export is recorded in the audit log too.",
  "audit.export": "Export selection (CSV)",
  "audit.exportBusy": "Making the export…",
  "audit.exportDone": "The file {name} was downloaded.",
  "audit.exportFailed": "The export did not succeed.",
  "audit.actorSystem": "System ({id})",
  "auditTrail.intro":
    "What happened to this registration: its changes first, below them who read it. Users' names are in the audit log (for auditors).",
  "auditTrail.changesTitle": "Changes",
  "auditTrail.changesEmpty": "There are no changes yet.",
  "auditTrail.readsTitle": "Reads: who viewed the registration",
  "auditTrail.readsEmpty": "Nobody has viewed the registration yet.",
};
