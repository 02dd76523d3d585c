import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/ShelterKind.js";

/** The list of `labels/ShelterKind.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * The kind of a shelter location. COSM takes adult non-Dutch victims during their reflection period; OMM takes
 * victims who also face multiple problems (a mild intellectual disability, mental health care, addiction), set up by
 * the central municipalities in 2019. CoMensha places people in both.
 */
export const ShelterKind = codeList.schema;
export type ShelterKind = typeof ShelterKind.Type;
