import * as CodeList from "./CodeList.js";

/** The kinds of shelter, with their labels. */
export const codeList = CodeList.make("shelter_kind", {
  cosm: {
    nl: "Categorale Opvang Slachtoffers Mensenhandel (COSM)",
    en: "Categorical shelter for victims of human trafficking (COSM)",
  },
  omm: {
    nl: "Opvang voor slachtoffers van Mensenhandel met Multiproblematiek (OMM)",
    en: "Shelter for victims of human trafficking with multiple problems (OMM)",
  },
  womens_shelter: { nl: "Vrouwenopvang", en: "Women's shelter" },
  mens_shelter: { nl: "Mannenopvang", en: "Men's shelter" },
  social_shelter: { nl: "Maatschappelijke opvang", en: "Social shelter" },
  youth_care: { nl: "Jeugdzorg", en: "Youth care" },
  protected_minors: { nl: "Beschermde opvang minderjarigen", en: "Protected shelter for minors" },
  emergency: { nl: "Noodopvang", en: "Emergency shelter" },
});

/** A code of the list; the domain's `ShelterKind` schema decodes exactly these. */
export type ShelterKind = CodeList.CodeOf<typeof codeList>;
