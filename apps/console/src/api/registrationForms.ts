import type Comensha from "@comensha/sdk";

/** What the console asks of the API for register, correct and withdraw a registration; its audit trail. */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by the feature
export interface RegistrationFormsApi {}

/** The SDK behind {@link RegistrationFormsApi}. */
export const registrationFormsApi = (_client: Comensha): RegistrationFormsApi => ({});
