import * as CodeList from "./CodeList.js";
import type { CountryCode } from "./Country.js";
import * as Country from "./Country.js";

/** The nationalities: every country, then `stateless` and `unknown`. */
export const codeList = CodeList.make("nationality", {
  ...Country.codeList.labels,
  stateless: { nl: "Staatloos", en: "Stateless" },
  unknown: { nl: "Onbekend", en: "Unknown" },
});

/** A code of the list; the domain's `Nationality` schema decodes exactly these. */
export type Nationality = CodeList.CodeOf<typeof codeList>;

/** Whether the nationality is that of a country, rather than `stateless` or `unknown`. */
export const isCountry = (nationality: Nationality): nationality is CountryCode =>
  nationality !== "stateless" && nationality !== "unknown";
