import * as CodeList from "./CodeList.js";

/** The kinds of partner organisation, with their labels. */
export const codeList = CodeList.make("organisation_kind", {
  police: { nl: "Politie", en: "Police" },
  kmar: { nl: "Koninklijke Marechaussee", en: "Royal Netherlands Marechaussee" },
  labour_inspectorate: { nl: "Nederlandse Arbeidsinspectie", en: "Netherlands Labour Authority" },
  care_coordination: { nl: "Zorgcoördinatie", en: "Care coordination" },
  fairwork: { nl: "FairWork", en: "FairWork" },
  ngo: { nl: "Maatschappelijke organisatie", en: "Non-governmental organisation" },
  shelter: { nl: "Opvang", en: "Shelter" },
  youth_care: { nl: "Jeugdzorg", en: "Youth care" },
  lawyer: { nl: "Advocatuur", en: "Lawyer" },
  municipality: { nl: "Gemeente", en: "Municipality" },
  immigration_service: { nl: "Immigratie- en Naturalisatiedienst", en: "Immigration and Naturalisation Service" },
  other: { nl: "Overig", en: "Other" },
});

/** A code of the list; the domain's `OrganisationKind` schema decodes exactly these. */
export type OrganisationKind = CodeList.CodeOf<typeof codeList>;
