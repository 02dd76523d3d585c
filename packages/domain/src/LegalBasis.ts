import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/LegalBasis.js";

/** The list of `labels/LegalBasis.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * Legal basis (grondslag) on which an organisation transfers a person's data to CoMensha: a statutory duty (police,
 * KMar, Labour Inspectorate), the person's consent, or a legitimate interest.
 */
export const LegalBasis = codeList.schema;
export type LegalBasis = typeof LegalBasis.Type;
