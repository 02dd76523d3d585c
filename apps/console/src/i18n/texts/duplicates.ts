import type { TextsOf } from "./texts.js";

/** Dutch texts of the review of possible duplicates: side by side, merge or dismiss with a reason. */
export const nl = {} as const;

/** English texts: the same keys and placeholders. */
export const en: TextsOf<typeof nl> = {};
