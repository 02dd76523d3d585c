import * as CodeList from "./CodeList.js";

/**
 * Where a person's trajectory stands after the first report, with the status of IOM's Human Trafficking Case Data
 * Standard 2.0 (`cas_Status`) it is: active, follow-up, closed, or closed because the person was referred elsewhere.
 */
export const codeList = CodeList.make("case_status", {
  active: { nl: "Actief", en: "Active" },
  follow_up: { nl: "Nazorg", en: "Follow-up" },
  closed: { nl: "Gesloten", en: "Closed" },
  closed_referred: { nl: "Gesloten, doorverwezen", en: "Closed, referred" },
});

/** A code of the list; the domain's `CaseStatus` schema decodes exactly these. */
export type CaseStatus = CodeList.CodeOf<typeof codeList>;

/**
 * Why a case's status changed: coded, so that the history of a trajectory names no one. What happened in words goes
 * into the case's notes, which are encrypted.
 */
export const reasonCodeList = CodeList.make("case_status_reason", {
  care_started: { nl: "Hulpverlening gestart", en: "Care started" },
  reopened: { nl: "Opnieuw geopend", en: "Reopened" },
  follow_up_planned: { nl: "Nazorg afgesproken", en: "Follow-up agreed" },
  goals_reached: { nl: "Doelen bereikt", en: "Goals reached" },
  no_contact: { nl: "Geen contact meer", en: "No contact any more" },
  returned: { nl: "Teruggekeerd naar land van herkomst", en: "Returned to the country of origin" },
  moved_abroad: { nl: "Vertrokken naar een ander land", en: "Moved to another country" },
  referred: { nl: "Doorverwezen", en: "Referred elsewhere" },
  other: { nl: "Anders", en: "Other" },
});

/** A code of the reasons; the domain's `CaseStatusReason` schema decodes exactly these. */
export type CaseStatusReason = CodeList.CodeOf<typeof reasonCodeList>;
