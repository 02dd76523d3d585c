import type { TextsOf } from "./texts.js";

/** Dutch texts of shelters and placements: capacity board, request queue, offer, accept, end. */
export const nl = {} as const;

/** English texts: the same keys and placeholders. */
export const en: TextsOf<typeof nl> = {};
