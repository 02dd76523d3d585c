import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/DossierType.js";

/** The list of `labels/DossierType.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * What a registration asks of CoMensha: only registering the person, registering and finding shelter, or
 * registering and giving information and advice.
 */
export const DossierType = codeList.schema;
export type DossierType = typeof DossierType.Type;
