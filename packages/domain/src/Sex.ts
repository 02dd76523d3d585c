import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/Sex.js";

/** The list of `labels/Sex.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * The sex of a person as reported; `x` is the Dutch non-binary marker in identity documents. One of the few
 * personal attributes statistics use.
 */
export const Sex = codeList.schema;
export type Sex = typeof Sex.Type;
