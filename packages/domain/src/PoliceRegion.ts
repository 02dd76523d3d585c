import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/PoliceRegion.js";

/** The list of `labels/PoliceRegion.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * Police region (politie-eenheid): one of the ten regional units of the Dutch National Police, or its National Unit.
 * Recorded for exploitation in the Netherlands; used for regional tables.
 */
export const PoliceRegion = codeList.schema;
export type PoliceRegion = typeof PoliceRegion.Type;
