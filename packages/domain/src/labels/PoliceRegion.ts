import * as CodeList from "./CodeList.js";

/** The police regions, with their labels. */
export const codeList = CodeList.make("police_region", {
  noord_nederland: { nl: "Noord-Nederland", en: "Northern Netherlands" },
  oost_nederland: { nl: "Oost-Nederland", en: "Eastern Netherlands" },
  midden_nederland: { nl: "Midden-Nederland", en: "Central Netherlands" },
  noord_holland: { nl: "Noord-Holland", en: "North Holland" },
  amsterdam: { nl: "Amsterdam", en: "Amsterdam" },
  den_haag: { nl: "Den Haag", en: "The Hague" },
  rotterdam: { nl: "Rotterdam", en: "Rotterdam" },
  zeeland_west_brabant: { nl: "Zeeland-West-Brabant", en: "Zeeland-West Brabant" },
  oost_brabant: { nl: "Oost-Brabant", en: "East Brabant" },
  limburg: { nl: "Limburg", en: "Limburg" },
  landelijke_eenheid: { nl: "Landelijke Eenheid", en: "National Unit" },
});

/** A code of the list; the domain's `PoliceRegion` schema decodes exactly these. */
export type PoliceRegion = CodeList.CodeOf<typeof codeList>;
