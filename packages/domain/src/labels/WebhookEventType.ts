import * as CodeList from "./CodeList.js";

/**
 * The events a partner can subscribe a webhook endpoint to, with their labels. Each names what happened to a
 * resource of the partner's own organisation; the payload carries ids and states, never a person's identifiers.
 */
export const codeList = CodeList.make("webhook_event_type", {
  "registration.received": { nl: "Melding ontvangen", en: "Registration received" },
  "registration.status_changed": { nl: "Status van melding gewijzigd", en: "Registration status changed" },
  "placement_request.offered": { nl: "Opvangplek aangeboden", en: "Shelter place offered" },
  "placement_request.placed": { nl: "Geplaatst in opvang", en: "Placed in shelter" },
  "placement_request.ended": { nl: "Plaatsing beëindigd", en: "Placement ended" },
});

/** A code of the list; the domain's `WebhookEventType` schema decodes exactly these. */
export type WebhookEventType = CodeList.CodeOf<typeof codeList>;
