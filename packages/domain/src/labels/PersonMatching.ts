/**
 * Normalises a name for matching: Unicode compatibility decomposition, diacritics and punctuation removed,
 * lower case, single spaces, and the words sorted so that name order ("Maria Anna" / "Anna Maria", family name
 * first or last) does not matter.
 */
export const normaliseName = (name: string): string =>
  name
    .normalize("NFKD")
    .replace(/\p{M}+/gu, "")
    .toLowerCase()
    .replace(/ı/g, "i")
    .replace(/ß/g, "ss")
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim()
    .split(" ")
    .filter((word) => word.length > 0)
    .sort()
    .join(" ");

/** Normalises a travel or identity document number: letters and digits only, upper case. */
export const normaliseDocumentNumber = (value: string): string =>
  value
    .normalize("NFKD")
    .replace(/[^\p{L}\p{N}]+/gu, "")
    .toUpperCase();
