import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/Sector.js";

/** The list of `labels/Sector.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * Sector of exploitation (sector): where a person was exploited for their labour. Registered with labour exploitation
 * only; a registration of labour exploitation without one counts as `unknown`.
 */
export const Sector = codeList.schema;
export type Sector = typeof Sector.Type;
