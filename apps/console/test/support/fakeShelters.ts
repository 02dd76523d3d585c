import type { SheltersApi } from "../../src/api/shelters.js";

/** Fake answers for shelters and placements: capacity board, request queue, offer, accept, end: override per test through `fakeApi({ ... })`. */
export const fakeSheltersApi = (): SheltersApi => ({});
