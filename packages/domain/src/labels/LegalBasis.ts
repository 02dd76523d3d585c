import * as CodeList from "./CodeList.js";

/** The legal bases, with their labels. */
export const codeList = CodeList.make("legal_basis", {
  statutory: { nl: "Wettelijke taak", en: "Statutory duty" },
  consent: { nl: "Toestemming", en: "Consent" },
  legitimate_interest: { nl: "Gerechtvaardigd belang", en: "Legitimate interest" },
});

/** A code of the list; the domain's `LegalBasis` schema decodes exactly these. */
export type LegalBasis = CodeList.CodeOf<typeof codeList>;
