import * as CodeList from "./CodeList.js";

/** The dossier types, with their labels. */
export const codeList = CodeList.make("dossier_type", {
  registration: { nl: "Melding", en: "Registration" },
  registration_and_shelter: { nl: "Melding en opvang", en: "Registration and shelter" },
  registration_information_advice: {
    nl: "Melding met informatie en advies",
    en: "Registration with information and advice",
  },
});

/** A code of the list; the domain's `DossierType` schema decodes exactly these. */
export type DossierType = CodeList.CodeOf<typeof codeList>;
