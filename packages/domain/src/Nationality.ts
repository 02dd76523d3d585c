import * as CodeList from "./CodeList.js";
import type { CountryCode } from "./Country.js";
import * as Country from "./Country.js";

/** The nationalities: every country, then `stateless` and `unknown`. */
export const codeList = CodeList.make("nationality", {
  ...Country.codeList.labels,
  stateless: { nl: "Staatloos", en: "Stateless" },
  unknown: { nl: "Onbekend", en: "Unknown" },
});

/**
 * A nationality of a person: the ISO 3166-1 alpha-2 code of the country, `stateless` for a person without one, or
 * `unknown` when the reporter does not know it. A person may have several.
 */
export const Nationality = codeList.schema;
export type Nationality = typeof Nationality.Type;

/** Whether the nationality is that of a country, rather than `stateless` or `unknown`. */
export const isCountry = (nationality: Nationality): nationality is CountryCode =>
  nationality !== "stateless" && nationality !== "unknown";
