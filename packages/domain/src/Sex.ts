import * as CodeList from "./CodeList.js";

/** The sexes, with their labels. */
export const codeList = CodeList.make("sex", {
  female: { nl: "Vrouw", en: "Female" },
  male: { nl: "Man", en: "Male" },
  x: { nl: "X", en: "X" },
  unknown: { nl: "Onbekend", en: "Unknown" },
});

/**
 * The sex of a person as reported; `x` is the Dutch non-binary marker in identity documents. One of the few
 * personal attributes statistics use.
 */
export const Sex = codeList.schema;
export type Sex = typeof Sex.Type;
