import { PersonMatching } from "@comensha/domain/labels";
import type { ProblemField } from "@comensha/sdk";
import type { Duplicate, PersonDetails } from "../api/duplicates.js";

/**
 * The blind indexes a possible duplicate can be matched on (`matchedOn`), as the domain names them
 * (`PersonMatching.blindIndexInputs`): full name with date of birth, full name with birth year, family name with
 * date of birth, and the document number.
 */
export const matchKinds = ["name_dob", "name_year", "family_dob", "document"] as const;
export type MatchKind = (typeof matchKinds)[number];

/** Whether `matchedOn` names a blind index the console has a label for. */
export const isMatchKind = (value: string): value is MatchKind => (matchKinds as ReadonlyArray<string>).includes(value);

/** The fields the comparison shows, one row each. */
export const comparisonFields = ["name", "aliases", "birth", "sex", "nationalities", "documentNumber"] as const;
export type ComparisonField = (typeof comparisonFields)[number];

/**
 * How one field of two persons compares: `same`; `partly` (some aliases or nationalities in common, or only the birth
 * year is known on one side and it is the same); `different`; or `unknown` when one side (or both) has no value.
 */
export type Match = "same" | "partly" | "different" | "unknown";

export interface ComparisonRow {
  readonly field: ComparisonField;
  readonly match: Match;
}

const compareSets = (left: ReadonlyArray<string>, right: ReadonlyArray<string>): Match => {
  if (left.length === 0 || right.length === 0) return "unknown";
  const a = new Set(left);
  const b = new Set(right);
  const shared = [...a].filter((value) => b.has(value)).length;
  if (shared === a.size && shared === b.size) return "same";
  return shared > 0 ? "partly" : "different";
};

const compareValues = (left: string | undefined, right: string | undefined): Match => {
  if (left === undefined || left === "" || right === undefined || right === "") return "unknown";
  return left === right ? "same" : "different";
};

const yearOf = (person: PersonDetails): number | undefined =>
  person.birthYear ?? (person.dateOfBirth === undefined ? undefined : Number(person.dateOfBirth.slice(0, 4)));

const compareBirth = (left: PersonDetails, right: PersonDetails): Match => {
  if (left.dateOfBirth !== undefined && right.dateOfBirth !== undefined) {
    return left.dateOfBirth === right.dateOfBirth ? "same" : "different";
  }
  const a = yearOf(left);
  const b = yearOf(right);
  if (a === undefined || b === undefined) return "unknown";
  if (a !== b) return "different";
  // Two birth years alone are as much as is known; a date against a year agrees only in part.
  return left.dateOfBirth === undefined && right.dateOfBirth === undefined ? "same" : "partly";
};

/** The normalised full name; undefined once the person's identifiers were erased (nothing to compare). */
const fullName = (person: PersonDetails): string | undefined =>
  person.familyName === undefined
    ? undefined
    : PersonMatching.normaliseName(`${person.givenNames ?? ""} ${person.familyName}`);

/**
 * Compares two persons field by field, the way duplicate detection does: names normalised (case, diacritics,
 * punctuation and word order do not count), document numbers normalised to letters and digits.
 */
export const comparePersons = (left: PersonDetails, right: PersonDetails): ReadonlyArray<ComparisonRow> => {
  const document = (person: PersonDetails) =>
    person.documentNumber === undefined ? undefined : PersonMatching.normaliseDocumentNumber(person.documentNumber);
  const matches: { readonly [F in ComparisonField]: Match } = {
    name: compareValues(fullName(left), fullName(right)),
    aliases: compareSets(
      (left.aliases ?? []).map(PersonMatching.normaliseName),
      (right.aliases ?? []).map(PersonMatching.normaliseName),
    ),
    birth: compareBirth(left, right),
    sex: left.sex === "unknown" || right.sex === "unknown" ? "unknown" : compareValues(left.sex, right.sex),
    nationalities: compareSets(
      left.nationalities.filter((code) => code !== "unknown"),
      right.nationalities.filter((code) => code !== "unknown"),
    ),
    documentNumber: compareValues(document(left), document(right)),
  };
  return comparisonFields.map((field) => ({ field, match: matches[field] }));
};

/** The shortest and longest reason the API accepts (after trimming). */
export const reasonLength = { min: 3, max: 1000 } as const;

/** Why a reason is not accepted, or the trimmed reason to send. */
export type ReasonCheck =
  | { readonly ok: true; readonly reason: string }
  | { readonly ok: false; readonly problem: "required" | "tooShort" | "tooLong" };

/** Checks a decision's reason as the API will: trimmed, 3 to 1000 characters. */
export const checkReason = (value: string): ReasonCheck => {
  const reason = value.trim();
  if (reason === "") return { ok: false, problem: "required" };
  if (reason.length < reasonLength.min) return { ok: false, problem: "tooShort" };
  if (reason.length > reasonLength.max) return { ok: false, problem: "tooLong" };
  return { ok: true, reason };
};

/** Whether a `422`'s fields point at the reason (`/reason`). */
export const isReasonField = (field: ProblemField): boolean => field.path === "/reason" || field.path === "reason";

/** The possible duplicate with `id` among the pages of cached lists, if any holds it. */
export const findInPages = (
  pages: ReadonlyArray<{ readonly data: ReadonlyArray<Duplicate> }>,
  id: string,
): Duplicate | undefined => {
  for (const page of pages) {
    const found = page.data.find((duplicate) => duplicate.id === id);
    if (found !== undefined) return found;
  }
  return undefined;
};
