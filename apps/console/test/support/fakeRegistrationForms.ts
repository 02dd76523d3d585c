import type { RegistrationFormsApi } from "../../src/api/registrationForms.js";

/** Fake answers for register, correct and withdraw a registration; its audit trail: override per test through `fakeApi({ ... })`. */
export const fakeRegistrationFormsApi = (): RegistrationFormsApi => ({});
