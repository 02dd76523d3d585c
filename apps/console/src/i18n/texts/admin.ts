import type { TextsOf } from "./texts.js";

/** Dutch texts of administration: organisations, their API keys, console users. */
export const nl = {} as const;

/** English texts: the same keys and placeholders. */
export const en: TextsOf<typeof nl> = {};
