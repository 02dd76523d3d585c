import * as CodeList from "./CodeList.js";

/**
 * Why a registration moves from one organisation to another (overdracht): care takes over from the police, another
 * region is responsible, it reached the wrong organisation, or another reason. Coded, so that the record names no one.
 */
export const reasonCodeList = CodeList.make("transfer_reason", {
  care_takes_over: { nl: "Zorg neemt het over", en: "Care takes over" },
  other_region: { nl: "Andere regio is verantwoordelijk", en: "Another region is responsible" },
  wrong_organisation: { nl: "Bij de verkeerde organisatie gemeld", en: "Reported to the wrong organisation" },
  other: { nl: "Anders", en: "Other" },
});

/** A code of the transfer reasons. */
export type TransferReason = CodeList.CodeOf<typeof reasonCodeList>;
