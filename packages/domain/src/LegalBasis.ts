import * as CodeList from "./CodeList.js";

/** The legal bases, with their labels. */
export const codeList = CodeList.make("legal_basis", {
  statutory: { nl: "Wettelijke taak", en: "Statutory duty" },
  consent: { nl: "Toestemming", en: "Consent" },
  legitimate_interest: { nl: "Gerechtvaardigd belang", en: "Legitimate interest" },
});

/**
 * Legal basis (grondslag) on which an organisation transfers a person's data to CoMensha: a statutory duty (police,
 * KMar, Labour Inspectorate), the person's consent, or a legitimate interest.
 */
export const LegalBasis = codeList.schema;
export type LegalBasis = typeof LegalBasis.Type;
