import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/Nationality.js";

/** The list of `labels/Nationality.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * A nationality of a person: the ISO 3166-1 alpha-2 code of the country, `stateless` for a person without one, or
 * `unknown` when the reporter does not know it. A person may have several.
 */
export const Nationality = codeList.schema;
export type Nationality = typeof Nationality.Type;

export { isCountry } from "./labels/Nationality.js";
