import type { TextsOf } from "./texts.js";

/** Dutch texts of register, correct and withdraw a registration; its audit trail. */
export const nl = {} as const;

/** English texts: the same keys and placeholders. */
export const en: TextsOf<typeof nl> = {};
