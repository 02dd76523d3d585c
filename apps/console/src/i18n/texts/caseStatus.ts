import type { TextsOf } from "./texts.js";

/** Dutch texts of a person's case status on a registration's page. */
export const nl = {
  "caseStatus.title": "Casusstatus",
  "caseStatus.intro":
    "Waar het traject van deze persoon staat na de melding. De status hoort bij de persoon: alle meldingen van dezelfde persoon delen hem.",
  "caseStatus.current": "Huidige status",
  "caseStatus.history": "Verloop",
  "caseStatus.noHistory": "Nog niet gewijzigd: actief sinds de eerste melding.",
  "caseStatus.change": "{from} → {to}: {reason}",
  "caseStatus.changedOn": "op {when}",
  "caseStatus.newStatus": "Nieuwe status",
  "caseStatus.reason": "Reden",
  "caseStatus.reasonHint":
    "Schrijf wat er gebeurde niet hier maar in de notities van de casus; de reden is een keuze uit de lijst.",
  "caseStatus.submit": "Status wijzigen",
  "caseStatus.busy": "Bezig met opslaan…",
  "caseStatus.saved": "De status is gewijzigd.",
  "caseStatus.noPerson": "Deze melding is nog niet aan een persoon gekoppeld.",
  "caseStatus.merged": "Deze persoon is samengevoegd met een andere; de casus is die van de overgebleven persoon.",
} as const satisfies Record<string, string>;

/** English texts of a person's case status. */
export const en: TextsOf<typeof nl> = {
  "caseStatus.title": "Case status",
  "caseStatus.intro":
    "Where this person's trajectory stands after the report. The status belongs to the person: every report of the same person shares it.",
  "caseStatus.current": "Current status",
  "caseStatus.history": "History",
  "caseStatus.noHistory": "Not changed yet: active since the first report.",
  "caseStatus.change": "{from} → {to}: {reason}",
  "caseStatus.changedOn": "on {when}",
  "caseStatus.newStatus": "New status",
  "caseStatus.reason": "Reason",
  "caseStatus.reasonHint":
    "Do not write what happened here but in the case's notes; the reason is a choice from the list.",
  "caseStatus.submit": "Change status",
  "caseStatus.busy": "Saving…",
  "caseStatus.saved": "The status was changed.",
  "caseStatus.noPerson": "This registration is not linked to a person yet.",
  "caseStatus.merged": "This person was merged into another; the case is the surviving person's.",
};
