import * as CodeList from "./CodeList.js";

/** The target groups, with their labels. */
export const codeList = CodeList.make("target_group", {
  women: { nl: "Vrouwen", en: "Women" },
  men: { nl: "Mannen", en: "Men" },
  minors: { nl: "Minderjarigen", en: "Minors" },
  families: { nl: "Gezinnen", en: "Families" },
});

/** A code of the list; the domain's `TargetGroup` schema decodes exactly these. */
export type TargetGroup = CodeList.CodeOf<typeof codeList>;
