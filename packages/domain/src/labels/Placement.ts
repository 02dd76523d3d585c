import * as CodeList from "./CodeList.js";

/** Why a placement ended, with the labels. */
export const endReasonCodeList = CodeList.make("end_reason", {
  moved_on: { nl: "Doorgestroomd", en: "Moved on" },
  returned_home: { nl: "Teruggekeerd naar land van herkomst", en: "Returned to country of origin" },
  left_without_notice: { nl: "Met onbekende bestemming vertrokken", en: "Left without notice" },
  transferred: { nl: "Overgeplaatst naar andere opvang", en: "Transferred to another shelter" },
  removed: { nl: "Uit de opvang gezet", en: "Removed from the shelter" },
  other: { nl: "Anders", en: "Other" },
});

/** A code of the list; the domain's `Placement.EndReason` schema decodes exactly these. */
export type EndReason = CodeList.CodeOf<typeof endReasonCodeList>;

/** The shortest reason of a coordinator's override of the COSM rules, trimmed. */
export const minOverrideReasonLength = 10;
