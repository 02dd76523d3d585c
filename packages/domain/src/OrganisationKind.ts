import * as CodeList from "./CodeList.js";
import * as Labels from "./labels/OrganisationKind.js";

/** The list of `labels/OrganisationKind.ts` (written without Effect, for the console) with the schema of its codes. */
export const codeList = CodeList.withSchema(Labels.codeList);

/**
 * The kind of a partner organisation. It decides the legal basis a report can rest on (police, KMar and the Labour
 * Inspectorate report under a statutory duty) and is the row of the reports-per-organisation tables.
 */
export const OrganisationKind = codeList.schema;
export type OrganisationKind = typeof OrganisationKind.Type;
