import type Comensha from "@comensha/sdk";

/** What the console asks of the API for the review of possible duplicates: side by side, merge or dismiss with a reason. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the feature
export interface DuplicatesApi {}

/** The SDK behind {@link DuplicatesApi}. */
export const duplicatesApi = (_client: Comensha): DuplicatesApi => ({});
