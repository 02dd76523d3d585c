import * as CodeList from "./CodeList.js";

/** The kinds of shelter, with their labels. */
export const codeList = CodeList.make("shelter_kind", {
  cosm: {
    nl: "Categorale Opvang Slachtoffers Mensenhandel (COSM)",
    en: "Categorical shelter for victims of human trafficking (COSM)",
  },
  omm: {
    nl: "Opvang Minderjarige slachtoffers Mensenhandel (OMM)",
    en: "Shelter for underage victims of human trafficking (OMM)",
  },
  womens_shelter: { nl: "Vrouwenopvang", en: "Women's shelter" },
  mens_shelter: { nl: "Mannenopvang", en: "Men's shelter" },
  social_shelter: { nl: "Maatschappelijke opvang", en: "Social shelter" },
  youth_care: { nl: "Jeugdzorg", en: "Youth care" },
  protected_minors: { nl: "Beschermde opvang minderjarigen", en: "Protected shelter for minors" },
  emergency: { nl: "Noodopvang", en: "Emergency shelter" },
});

/**
 * The kind of a shelter location. COSM takes adult non-Dutch victims during their reflection period, and only
 * CoMensha places people there.
 */
export const ShelterKind = codeList.schema;
export type ShelterKind = typeof ShelterKind.Type;
