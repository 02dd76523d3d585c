import * as CodeList from "./CodeList.js";

/**
 * The events an organisation can subscribe a webhook endpoint to, with their labels. Each names what happened to a
 * resource of its own: a partner's reports and placement requests, a referral made to a care organisation
 * (`referral.received`), a referral CoMensha made answered (`referral.answered`), a registration transferred to it by
 * another organisation (`registration.transferred`). The payload carries ids and
 * states, never a person's identifiers.
 */
export const codeList = CodeList.make("webhook_event_type", {
  "registration.received": { nl: "Melding ontvangen", en: "Registration received" },
  "registration.status_changed": { nl: "Status van melding gewijzigd", en: "Registration status changed" },
  "placement_request.offered": { nl: "Opvangplek aangeboden", en: "Shelter place offered" },
  "placement_request.placed": { nl: "Geplaatst in opvang", en: "Placed in shelter" },
  "placement_request.ended": { nl: "Plaatsing beëindigd", en: "Placement ended" },
  "referral.received": { nl: "Doorverwijzing ontvangen", en: "Referral received" },
  "referral.answered": { nl: "Doorverwijzing beantwoord", en: "Referral answered" },
  "registration.transferred": { nl: "Melding aan ons overgedragen", en: "Registration transferred to us" },
});

/** A code of the list; the domain's `WebhookEventType` schema decodes exactly these. */
export type WebhookEventType = CodeList.CodeOf<typeof codeList>;
