import type { TextsOf } from "./texts.js";

/** Dutch texts of a person's referrals to care on a registration's page. */
export const nl = {
  "referrals.title": "Doorverwijzingen",
  "referrals.intro":
    "Verwijs de persoon door naar zorg of andere hulp. De ontvangende organisatie ziet alleen de doorverwijzingen aan haar, en de identificerende gegevens alleen als u ze deelt op een wettelijke grondslag.",
  "referrals.none": "De persoon is nog niet doorverwezen.",
  "referrals.to": "Doorverwijzen naar",
  "referrals.toHint":
    "Alleen organisaties die doorverwijzingen ontvangen: geen politie, KMar, Arbeidsinspectie of IND.",
  "referrals.choose": "Kies een organisatie",
  "referrals.service": "Hulp",
  "referrals.share": "Identificerende gegevens (naam, geboortedatum) meesturen",
  "referrals.basis": "Grondslag om ze te delen",
  "referrals.consentOn": "Toestemming gegeven op",
  "referrals.submit": "Doorverwijzen",
  "referrals.busy": "Bezig met doorverwijzen…",
  "referrals.saved": "De doorverwijzing is verstuurd.",
  "referrals.needOrganisation": "Kies de organisatie waarnaar u doorverwijst.",
  "referrals.needConsentDate": "Vul in wanneer de persoon toestemming gaf.",
  "referrals.item": "{service} bij {organisation}",
  "referrals.shared": "Gegevens gedeeld ({basis})",
  "referrals.notShared": "Zonder identificerende gegevens",
  "referrals.referredOn": "doorverwezen op {when}",
  "referrals.withdraw": "Intrekken",
  "referrals.withdrawn": "De doorverwijzing is ingetrokken.",
} as const satisfies Record<string, string>;

/** English texts of a person's referrals to care. */
export const en: TextsOf<typeof nl> = {
  "referrals.title": "Referrals",
  "referrals.intro":
    "Refer the person to care or other support. The receiving organisation sees only the referrals made to it, and the identifying data only when you share it on a legal basis.",
  "referrals.none": "The person has not been referred yet.",
  "referrals.to": "Refer to",
  "referrals.toHint":
    "Only organisations that receive referrals: not the police, Marechaussee, Labour Inspectorate or immigration service.",
  "referrals.choose": "Choose an organisation",
  "referrals.service": "Service",
  "referrals.share": "Send the identifying data (name, date of birth)",
  "referrals.basis": "Legal basis to share them",
  "referrals.consentOn": "Consent given on",
  "referrals.submit": "Refer",
  "referrals.busy": "Referring…",
  "referrals.saved": "The referral was sent.",
  "referrals.needOrganisation": "Choose the organisation you refer to.",
  "referrals.needConsentDate": "Fill in when the person gave consent.",
  "referrals.item": "{service} at {organisation}",
  "referrals.shared": "Data shared ({basis})",
  "referrals.notShared": "Without identifying data",
  "referrals.referredOn": "referred on {when}",
  "referrals.withdraw": "Withdraw",
  "referrals.withdrawn": "The referral was withdrawn.",
};
