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

/**
 * What a registration asks of CoMensha: only registering the person, registering and finding shelter, or
 * registering and giving information and advice.
 */
export const DossierType = codeList.schema;
export type DossierType = typeof DossierType.Type;
