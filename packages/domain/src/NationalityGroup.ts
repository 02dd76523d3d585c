import * as CodeList from "./CodeList.js";
import { isEuMember } from "./Country.js";
import type { Nationality } from "./Nationality.js";
import { isCountry } from "./Nationality.js";

/** The nationality groups of the statistics, with their labels. */
export const codeList = CodeList.make("nationality_group", {
  dutch: { nl: "Nederlands", en: "Dutch" },
  other_eu: { nl: "Overig EU", en: "Other EU" },
  non_eu: { nl: "Niet-EU", en: "Non-EU" },
  unknown: { nl: "Onbekend", en: "Unknown" },
});

/**
 * The nationality group a person is counted in: Dutch, another EU nationality, a nationality outside the EU
 * (stateless included), or unknown. The groups matter because residence rights, and so the route to shelter and the
 * reflection period, differ between them.
 */
export const NationalityGroup = codeList.schema;
export type NationalityGroup = typeof NationalityGroup.Type;

/**
 * The nationality group of a person with these nationalities. With several, the first that applies wins: Dutch
 * (a Dutch nationality, whatever the others), then other EU, then non-EU (another country, or stateless), else
 * unknown (no nationalities, or only `unknown`).
 */
export const nationalityGroupOf = (nationalities: ReadonlyArray<Nationality>): NationalityGroup => {
  if (nationalities.includes("NL")) return "dutch";
  const countries = nationalities.filter(isCountry);
  if (countries.some(isEuMember)) return "other_eu";
  if (countries.length > 0 || nationalities.includes("stateless")) return "non_eu";
  return "unknown";
};
