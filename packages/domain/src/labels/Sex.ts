import * as CodeList from "./CodeList.js";

/** The sexes, with their labels. */
export const codeList = CodeList.make("sex", {
  female: { nl: "Vrouw", en: "Female" },
  male: { nl: "Man", en: "Male" },
  x: { nl: "X", en: "X" },
  unknown: { nl: "Onbekend", en: "Unknown" },
});

/** A code of the list; the domain's `Sex` schema decodes exactly these. */
export type Sex = CodeList.CodeOf<typeof codeList>;
