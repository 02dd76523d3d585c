import type { TextsOf } from "./texts.js";

/** Dutch texts of a care organisation's referrals (its inbox). */
export const nl = {
  "referralInbox.title": "Doorverwijzingen",
  "referralInbox.intro":
    "De doorverwijzingen die CoMensha aan uw organisatie deed. U ziet de identificerende gegevens van een persoon alleen als CoMensha ze deelt op een wettelijke grondslag; elke inzage wordt vastgelegd.",
  "referralInbox.filter": "Toon",
  "referralInbox.all": "Alle doorverwijzingen",
  "referralInbox.none": "Er zijn geen doorverwijzingen in deze lijst.",
  "referralInbox.item": "{service} · doorverwezen op {when}",
  "referralInbox.open": "Bekijken",
  "referralInbox.close": "Sluiten",
  "referralInbox.personTitle": "De persoon",
  "referralInbox.sex": "Geslacht",
  "referralInbox.birthYear": "Geboortejaar",
  "referralInbox.nationalities": "Nationaliteiten",
  "referralInbox.familyName": "Achternaam",
  "referralInbox.givenNames": "Voornamen",
  "referralInbox.dateOfBirth": "Geboortedatum",
  "referralInbox.unknown": "onbekend",
  "referralInbox.notShared":
    "CoMensha deelt geen identificerende gegevens met deze doorverwijzing. Neem contact op met CoMensha om de persoon te ontmoeten.",
  "referralInbox.accept": "Accepteren",
  "referralInbox.declineReason": "Reden om af te wijzen",
  "referralInbox.decline": "Afwijzen",
  "referralInbox.outcome": "Hoe liep de hulp af?",
  "referralInbox.report": "Afloop melden",
  "referralInbox.busy": "Bezig…",
  "referralInbox.accepted": "U heeft de doorverwijzing geaccepteerd. Meld later hoe de hulp afliep.",
  "referralInbox.declined": "U heeft de doorverwijzing afgewezen.",
  "referralInbox.reported": "De afloop is gemeld; de doorverwijzing is afgerond.",
  "referralInbox.answer": "Antwoord: {answer}",
} as const satisfies Record<string, string>;

/** English texts of a care organisation's referrals. */
export const en: TextsOf<typeof nl> = {
  "referralInbox.title": "Referrals",
  "referralInbox.intro":
    "The referrals CoMensha made to your organisation. You see a person's identifying data only when CoMensha shares it on a legal basis; every view is recorded.",
  "referralInbox.filter": "Show",
  "referralInbox.all": "All referrals",
  "referralInbox.none": "There are no referrals in this list.",
  "referralInbox.item": "{service} · referred on {when}",
  "referralInbox.open": "View",
  "referralInbox.close": "Close",
  "referralInbox.personTitle": "The person",
  "referralInbox.sex": "Sex",
  "referralInbox.birthYear": "Year of birth",
  "referralInbox.nationalities": "Nationalities",
  "referralInbox.familyName": "Family name",
  "referralInbox.givenNames": "Given names",
  "referralInbox.dateOfBirth": "Date of birth",
  "referralInbox.unknown": "unknown",
  "referralInbox.notShared":
    "CoMensha shares no identifying data with this referral. Contact CoMensha to meet the person.",
  "referralInbox.accept": "Accept",
  "referralInbox.declineReason": "Reason to decline",
  "referralInbox.decline": "Decline",
  "referralInbox.outcome": "How did the support end?",
  "referralInbox.report": "Report the outcome",
  "referralInbox.busy": "Working…",
  "referralInbox.accepted": "You accepted the referral. Report later how the support ended.",
  "referralInbox.declined": "You declined the referral.",
  "referralInbox.reported": "The outcome was reported; the referral is completed.",
  "referralInbox.answer": "Answer: {answer}",
};
