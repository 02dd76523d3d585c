import { Redacted } from "effect";
import { normaliseDocumentNumber, normaliseName } from "./labels/PersonMatching.js";
import type { ReportedPerson } from "./Person.js";

export { normaliseDocumentNumber, normaliseName } from "./labels/PersonMatching.js";

/** How much a shared blind index says: `strong` is the same person; `weak` only makes a candidate for review. */
export type MatchStrength = "strong" | "weak";

/** One value to blind-index, before the keyed hash: which index, its strength, and the normalised plaintext. */
export interface BlindIndexInput {
  readonly name: string;
  readonly strength: MatchStrength;
  readonly normalised: string;
}

/**
 * The normalised values of a reported person that go into keyed blind indexes (never stored in the clear):
 * full name with date of birth and the document number are strong; family name with date of birth, and full name
 * with birth year, are weak. Aliases count as names.
 */
export const blindIndexInputs = (person: ReportedPerson): ReadonlyArray<BlindIndexInput> => {
  const dateOfBirth = person.dateOfBirth === undefined ? undefined : Redacted.value(person.dateOfBirth);
  const birthYear = person.birthYear ?? (dateOfBirth === undefined ? undefined : Number(dateOfBirth.slice(0, 4)));
  const familyName = normaliseName(Redacted.value(person.familyName));
  const fullNames = [
    normaliseName(`${Redacted.value(person.givenNames)} ${Redacted.value(person.familyName)}`),
    ...person.aliases.map((alias) => normaliseName(Redacted.value(alias))),
  ].filter((name) => name.length > 0);
  const inputs: Array<BlindIndexInput> = [];
  for (const fullName of new Set(fullNames)) {
    if (dateOfBirth !== undefined)
      inputs.push({ name: "name_dob", strength: "strong", normalised: `${fullName}|${dateOfBirth}` });
    if (birthYear !== undefined)
      inputs.push({ name: "name_year", strength: "weak", normalised: `${fullName}|${birthYear}` });
  }
  if (dateOfBirth !== undefined && familyName.length > 0) {
    inputs.push({ name: "family_dob", strength: "weak", normalised: `${familyName}|${dateOfBirth}` });
  }
  if (person.documentNumber !== undefined) {
    const document = normaliseDocumentNumber(Redacted.value(person.documentNumber));
    if (document.length > 0) inputs.push({ name: "document", strength: "strong", normalised: document });
  }
  return inputs;
};

/**
 * Whether two reports of a person are matched alike: they give the same blind-index inputs (the same normalised
 * names, dates, birth year and document number). A correction that changes this must re-run duplicate matching.
 */
export const isMatchedAlike = (a: ReportedPerson, b: ReportedPerson): boolean => {
  const keys = (person: ReportedPerson) =>
    [...new Set(blindIndexInputs(person).map((input) => `${input.name}|${input.normalised}`))].sort().join("\n");
  return keys(a) === keys(b);
};

/**
 * The advisory lock under which one person's blind indexes are rewritten (duplicate matching after a report or a
 * correction, key rotation), so that one rewrite never overwrites another with what it read before.
 */
export const personIndexLock = (personId: string): string => `person:${personId}`;
