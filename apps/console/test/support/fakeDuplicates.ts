import type { DuplicatesApi } from "../../src/api/duplicates.js";

/** Fake answers for the review of possible duplicates: side by side, merge or dismiss with a reason: override per test through `fakeApi({ ... })`. */
export const fakeDuplicatesApi = (): DuplicatesApi => ({});
