import * as CodeList from "./CodeList.js";

/** The target groups, with their labels. */
export const codeList = CodeList.make("target_group", {
  women: { nl: "Vrouwen", en: "Women" },
  men: { nl: "Mannen", en: "Men" },
  minors: { nl: "Minderjarigen", en: "Minors" },
  families: { nl: "Gezinnen", en: "Families" },
});

/**
 * Target group (doelgroep): whom a shelter place is meant for, and whom a placement request asks a place for.
 * Capacity is watched per target group.
 */
export const TargetGroup = codeList.schema;
export type TargetGroup = typeof TargetGroup.Type;
