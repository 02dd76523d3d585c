import { Registration } from "@comensha/domain/labels";
import type { Lang } from "../i18n/translate.js";

/** The last eight characters of an id: UUIDv7 ids share their first (time) characters, so the end tells rows apart. */
export const shortId = (id: string | undefined): string => (id === undefined || id === "" ? "–" : id.slice(-8));

/** The label of a code in a code list, or the code itself when the list does not know it (yet). */
export const codeLabel = (
  labels: Readonly<Record<string, { readonly nl: string; readonly en: string }>>,
  code: string,
  lang: Lang,
): string => labels[code]?.[lang] ?? code;

/** A date filter field: a `YYYY-MM-DD` date, or nothing when it is empty or not a date. */
export const dateFilter = (value: string): string | undefined => {
  const trimmed = value.trim();
  return /^\d{4}-\d{2}-\d{2}$/.test(trimmed) ? trimmed : undefined;
};

/**
 * A reference search field: nothing when it is empty; the reference (lower case, without blanks or a leading `#`)
 * when it is a short reference (the 8 characters the console shows after "Melding") or a whole id; `"invalid"`
 * otherwise.
 */
export const parseReference = (value: string): string | undefined | "invalid" => {
  const trimmed = value.trim().replace(/^#/, "").toLowerCase();
  if (trimmed === "") return undefined;
  return Registration.isReference(trimmed) ? trimmed : "invalid";
};
