import * as CodeList from "./CodeList.js";
import type { OrganisationKind } from "./OrganisationKind.js";

/**
 * The service a person is referred to after the first shelter (HTCDS 2.0's outgoing referral): care coordination per
 * region or municipality, legal aid, medical care, return support (IOM), the municipality, or other support.
 */
export const serviceCodeList = CodeList.make("referral_service", {
  care_coordination: { nl: "Zorgcoördinatie", en: "Care coordination" },
  legal_aid: { nl: "Juridische hulp", en: "Legal aid" },
  medical: { nl: "Medische zorg", en: "Medical care" },
  return_support: { nl: "Ondersteuning bij terugkeer (IOM)", en: "Return support (IOM)" },
  municipality: { nl: "Gemeente", en: "Municipality" },
  other_support: { nl: "Andere ondersteuning", en: "Other support" },
});

/** A code of the services. */
export type ReferralService = CodeList.CodeOf<typeof serviceCodeList>;

/**
 * Where a referral stands: waiting for the receiving organisation, accepted (care begins), declined, completed (the
 * organisation reported back), or withdrawn by CoMensha.
 */
export const stateCodeList = CodeList.make("referral_state", {
  pending: { nl: "Wacht op antwoord", en: "Awaiting an answer" },
  accepted: { nl: "Geaccepteerd", en: "Accepted" },
  declined: { nl: "Afgewezen", en: "Declined" },
  completed: { nl: "Afgerond", en: "Completed" },
  withdrawn: { nl: "Ingetrokken", en: "Withdrawn" },
});

/** A code of the states. */
export type ReferralState = CodeList.CodeOf<typeof stateCodeList>;

/** Why a receiving organisation declines a referral: coded, so that the answer names no one. */
export const declineReasonCodeList = CodeList.make("referral_decline_reason", {
  no_capacity: { nl: "Geen plek of capaciteit", en: "No place or capacity" },
  outside_region: { nl: "Buiten ons werkgebied", en: "Outside our area" },
  not_eligible: { nl: "Valt niet onder onze doelgroep", en: "Not in our target group" },
  person_declined: { nl: "De persoon wil deze hulp niet", en: "The person does not want this support" },
  other: { nl: "Anders", en: "Other" },
});

/** A code of the decline reasons. */
export type ReferralDeclineReason = CodeList.CodeOf<typeof declineReasonCodeList>;

/** How an accepted referral ended, as the receiving organisation reports back: coded, like every answer. */
export const outcomeCodeList = CodeList.make("referral_outcome", {
  support_completed: { nl: "Ondersteuning afgerond", en: "Support completed" },
  referred_onwards: { nl: "Verder doorverwezen", en: "Referred onwards" },
  no_contact: { nl: "Geen contact meer", en: "No contact any more" },
  person_stopped: { nl: "De persoon is gestopt", en: "The person stopped" },
  returned: { nl: "Teruggekeerd naar land van herkomst", en: "Returned to the country of origin" },
});

/** A code of the outcomes. */
export type ReferralOutcome = CodeList.CodeOf<typeof outcomeCodeList>;

/**
 * The legal basis on which a referral carries the person's identifiers: the person's consent to this referral, or
 * their vital interest when they cannot consent (GDPR art. 6(1)(d) and 9(2)(c)). Without one, a referral carries no
 * identifiers: the receiving organisation sees sex, year of birth and nationalities only.
 */
export const sharingBasisCodeList = CodeList.make("referral_sharing_basis", {
  consent: { nl: "Toestemming van de persoon", en: "The person's consent" },
  vital_interest: { nl: "Vitaal belang van de persoon", en: "The person's vital interest" },
});

/** A code of the sharing bases. */
export type ReferralSharingBasis = CodeList.CodeOf<typeof sharingBasisCodeList>;

/**
 * The kinds of organisation a person may be referred to for care: not those that enforce the law (police,
 * Marechaussee, Labour Inspectorate, immigration service), so a referral to care never hands a person to them.
 */
export const receivingKinds: ReadonlySet<OrganisationKind> = new Set<OrganisationKind>([
  "care_coordination",
  "fairwork",
  "ngo",
  "shelter",
  "youth_care",
  "lawyer",
  "municipality",
  "other",
]);
