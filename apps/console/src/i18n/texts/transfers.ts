import type { TextsOf } from "./texts.js";

/** Dutch texts of a registration's transfers between organisations on its page. */
export const nl = {
  "transfers.title": "Overdracht",
  "transfers.intro":
    "Draag de melding over aan een andere organisatie, bijvoorbeeld van de politie aan een zorgcoördinator. De nieuwe organisatie beheert de melding; de vorige ziet haar nog zoals ze was bij de overdracht, maar kan niets meer wijzigen.",
  "transfers.none": "De melding is nog niet overgedragen.",
  "transfers.item": "Van {from} naar {to}",
  "transfers.on": "overgedragen op {when}, versie {version}",
  "transfers.to": "Overdragen aan",
  "transfers.toHint": "Alleen actieve partnerorganisaties; niet CoMensha zelf en niet de huidige eigenaar.",
  "transfers.choose": "Kies een organisatie",
  "transfers.reason": "Reden",
  "transfers.submit": "Overdragen",
  "transfers.busy": "Bezig met overdragen…",
  "transfers.saved": "De melding is overgedragen.",
  "transfers.needOrganisation": "Kies de organisatie waaraan u de melding overdraagt.",
} as const satisfies Record<string, string>;

/** English texts of a registration's transfers between organisations. */
export const en: TextsOf<typeof nl> = {
  "transfers.title": "Transfer",
  "transfers.intro":
    "Transfer the registration to another organisation, for example from the police to a care coordinator. The new organisation manages the registration; the previous one still sees it as it was at the transfer, but can no longer change it.",
  "transfers.none": "The registration has not been transferred yet.",
  "transfers.item": "From {from} to {to}",
  "transfers.on": "transferred on {when}, version {version}",
  "transfers.to": "Transfer to",
  "transfers.toHint": "Only active partner organisations; not CoMensha itself and not the current owner.",
  "transfers.choose": "Choose an organisation",
  "transfers.reason": "Reason",
  "transfers.submit": "Transfer",
  "transfers.busy": "Transferring…",
  "transfers.saved": "The registration was transferred.",
  "transfers.needOrganisation": "Choose the organisation you transfer the registration to.",
};
