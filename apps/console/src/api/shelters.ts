import type Comensha from "@comensha/sdk";

/** What the console asks of the API for shelters and placements: capacity board, request queue, offer, accept, end. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the feature
export interface SheltersApi {}

/** The SDK behind {@link SheltersApi}. */
export const sheltersApi = (_client: Comensha): SheltersApi => ({});
