import type Comensha from "@comensha/sdk";

/** What the console asks of the API for administration: organisations, their API keys, console users. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the feature
export interface AdminApi {}

/** The SDK behind {@link AdminApi}. */
export const adminApi = (_client: Comensha): AdminApi => ({});
