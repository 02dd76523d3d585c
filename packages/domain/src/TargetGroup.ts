import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/TargetGroup.js";

/** The list of `labels/TargetGroup.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * Target group (doelgroep): whom a shelter place is meant for, and whom a placement request asks a place for.
 * Capacity is watched per target group.
 */
export const TargetGroup = codeList.schema;
export type TargetGroup = typeof TargetGroup.Type;
