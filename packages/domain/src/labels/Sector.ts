import * as CodeList from "./CodeList.js";

/**
 * The sectors of labour exploitation, as the National Rapporteur on Trafficking in Human Beings (Nationaal Rapporteur
 * Mensenhandel) reports the sectors in which possible victims registered by CoMensha were exploited ("Sectoren van
 * arbeidsuitbuiting van vermoedelijke slachtoffers", in: Nationaal Rapporteur, *Arbeidsuitbuiting*, 2021, from the
 * Dadermonitor mensenhandel 2015-2019): broad sections of the Dutch standard industrial classification (SBI).
 */
export const codeList = CodeList.make("sector", {
  agriculture: { nl: "Landbouw, bosbouw en visserij", en: "Agriculture, forestry and fishing" },
  domestic_work: { nl: "Huishoudelijk werk (ook au pair)", en: "Domestic work (including au pairs)" },
  hospitality: { nl: "Horeca", en: "Hospitality" },
  industry: { nl: "Industrie", en: "Industry" },
  construction: { nl: "Bouw", en: "Construction" },
  transport_storage: {
    nl: "Vervoer en opslag (ook havenwerk, zee- en binnenvaart)",
    en: "Transport and storage (including port work and shipping)",
  },
  trade: { nl: "Groot- en detailhandel", en: "Wholesale and retail trade" },
  other_services: { nl: "Overige arbeid of dienstverlening", en: "Other work or services" },
  unknown: { nl: "Onbekend of nog niet gewerkt", en: "Unknown or not yet worked" },
});

/** A code of the list; the domain's `Sector` schema decodes exactly these. */
export type Sector = CodeList.CodeOf<typeof codeList>;
