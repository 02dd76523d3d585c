import { Redacted, Schema } from "effect";
import { IsoDate } from "./IsoDate.js";
import { Nationality } from "./Nationality.js";
import { Sex } from "./Sex.js";
import { Uuid } from "./Uuid.js";

/** Identifier of a person. */
export const PersonId = Uuid.pipe(Schema.brand("PersonId"));
export type PersonId = typeof PersonId.Type;

const Name = Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 200)));

/** A plausible year of birth: nobody reported is older than 120 or born in the future (checked per report). */
export const BirthYear = Schema.Int.pipe(Schema.check(Schema.isBetween({ minimum: 1900, maximum: 2100 })));

/**
 * The direct identifiers of a person as one organisation reported them. They are redacted: they never print in
 * logs or errors, are stored encrypted, and are compared only through keyed blind indexes.
 */
export const PersonIdentifiers = Schema.Struct({
  familyName: Schema.RedactedFromValue(Name),
  givenNames: Schema.RedactedFromValue(Name),
  aliases: Schema.Array(Schema.RedactedFromValue(Name)).pipe(Schema.check(Schema.isMaxLength(20))),
  dateOfBirth: Schema.optionalKey(Schema.RedactedFromValue(IsoDate)),
  documentNumber: Schema.optionalKey(
    Schema.RedactedFromValue(Schema.Trimmed.pipe(Schema.check(Schema.isBetweenLength(1, 64)))),
  ),
});
export type PersonIdentifiers = typeof PersonIdentifiers.Type;

/**
 * A person as reported: direct identifiers plus the attributes statistics may use (sex, birth year,
 * nationalities). `birthYear` may stand instead of `dateOfBirth`; when both are given they must agree.
 */
export const ReportedPerson = Schema.Struct({
  ...PersonIdentifiers.fields,
  birthYear: Schema.optionalKey(BirthYear),
  sex: Sex,
  nationalities: Schema.Array(Nationality).pipe(Schema.check(Schema.isBetweenLength(1, 10))),
}).pipe(
  Schema.check(
    Schema.makeFilter(
      (person) =>
        person.dateOfBirth === undefined ||
        person.birthYear === undefined ||
        Redacted.value(person.dateOfBirth).startsWith(`${person.birthYear}-`) || {
          path: ["birthYear"],
          issue: "birthYear must be the year of dateOfBirth",
        },
    ),
  ),
);
export type ReportedPerson = typeof ReportedPerson.Type;

/**
 * A person as an erased registration shows them: the attributes statistics use, without the direct identifiers,
 * which were erased (retention, or an approved erasure request).
 */
export const ErasedPerson = Schema.Struct({
  birthYear: Schema.optionalKey(BirthYear),
  sex: Sex,
  nationalities: Schema.Array(Nationality),
}).annotate({ identifier: "ErasedPerson" });
export type ErasedPerson = typeof ErasedPerson.Type;

/** A person as a stored registration shows them: as reported, or without identifiers once erased. */
export const RegisteredPerson = Schema.Union([ReportedPerson, ErasedPerson]);
export type RegisteredPerson = typeof RegisteredPerson.Type;

/** Whether a registered person still has their identifiers (was not erased). */
export const hasIdentifiers = (person: RegisteredPerson): person is ReportedPerson => "familyName" in person;

/**
 * Possible victim (mogelijk slachtoffer): one real person, however many reports mention them. Holds only what
 * statistics need; a merged person points to the surviving one and is never deleted.
 */
export class Person extends Schema.Class<Person>("Person")({
  id: PersonId,
  sex: Sex,
  birthYear: Schema.optionalKey(BirthYear),
  nationalities: Schema.Array(Nationality),
  mergedInto: Schema.optionalKey(PersonId),
  createdAt: Schema.String,
}) {}

/** No person has this id. */
export class PersonNotFound extends Schema.TaggedError<PersonNotFound>()("PersonNotFound", {
  id: Schema.String,
}) {}
