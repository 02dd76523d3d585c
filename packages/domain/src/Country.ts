import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/Country.js";

/** The list of `labels/Country.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * A country as an ISO 3166-1 alpha-2 code (`NL`, `NG`): the place of exploitation, and the basis of nationalities.
 */
export const CountryCode = codeList.schema;
export type CountryCode = typeof CountryCode.Type;

export { isEuMember } from "./labels/Country.js";
