import type { AdminApi } from "../../src/api/admin.js";

/** Fake answers for administration: organisations, their API keys, console users: override per test through `fakeApi({ ... })`. */
export const fakeAdminApi = (): AdminApi => ({});
