import { Duplicate, Person, PersonMatching, Ports, type Registration } from "@comensha/domain";
import { Effect } from "effect";
import { audit, type Caller } from "./audit.js";

/**
 * The keyed blind indexes of reported persons' identifiers: `entries` to store (under the current index key),
 * `lookups` to find matches by (under every index key this server has: during a key rotation some persons' indexes
 * are still under a previous key), and `locks`, the advisory locks on the strong ones, which a transaction that may
 * link or match by them takes first (two reports of one new person at the same moment must not make two persons,
 * nor a correction and a new report miss each other).
 */
export const blindIndexesOf = (people: ReadonlyArray<Person.ReportedPerson>) =>
  Effect.gen(function* () {
    const crypto = yield* Ports.Crypto;
    const inputs = [
      ...new Map(
        people.flatMap(PersonMatching.blindIndexInputs).map((input) => [`${input.name}|${input.normalised}`, input]),
      ).values(),
    ];
    const entries = yield* Effect.forEach(inputs, (input) =>
      Effect.map(crypto.blindIndex(input.name, input.normalised), (value) => ({ name: input.name, value })),
    );
    const lookups = (yield* Effect.forEach(inputs, (input) =>
      Effect.map(crypto.blindIndexCandidates(input.name, input.normalised), (values) =>
        values.map((value) => ({ name: input.name, value })),
      ),
    )).flat();
    const strongNames = new Set(inputs.filter((input) => input.strength === "strong").map((input) => input.name));
    const locks = lookups
      .filter((lookup) => strongNames.has(lookup.name))
      .map((lookup) => `person:${lookup.name}:${lookup.value}`);
    return { entries, lookups, strongNames, locks };
  });

/**
 * Duplicate matching of one person, after a new report of them or a correction of one (the same use case for both):
 * recomputes the person's blind indexes from every report linked to them (an identifier that was corrected away stops
 * matching), finds every other person who shares one, and brings the person's possible duplicates in line
 * (`Duplicate.planRematch`): a new open one per newly matching person, prompted by `registrationId`; `matchedOn` of
 * open ones set to what matches now; open ones that no longer match closed as `stale`, each with a
 * `duplicate.stale` audit event. Merged and dismissed ones stand: a correction never undoes a human decision. When a
 * report of the person does not decrypt, its indexes cannot be recomputed: then indexes are only added and nothing
 * is closed. Runs inside the caller's transaction, one person at a time.
 */
export const matchDuplicates = (
  caller: Caller,
  input: { readonly personId: Person.PersonId; readonly registrationId: Registration.RegistrationId },
) =>
  Effect.gen(function* () {
    const persons = yield* Ports.PersonRepository;
    const registrations = yield* Ports.RegistrationRepository;
    const duplicates = yield* Ports.DuplicateRepository;
    // A concurrent matching of the same person must see this one's indexes, not overwrite them with its own.
    yield* (yield* Ports.Transactor).lock([PersonMatching.personIndexLock(input.personId)]);
    const person = yield* Effect.orDie(persons.findById(input.personId));
    const reports = yield* registrations.listForPerson(input.personId);
    const identities = reports.registrations
      .filter((registration) => registration.personId === input.personId)
      .map((registration) => registration.person)
      .filter(Person.hasIdentifiers);
    const isComplete = reports.unreadable.length === 0;
    const { entries, lookups } = yield* blindIndexesOf(identities);
    if (isComplete) yield* persons.replaceBlindIndexes(input.personId, entries);
    else yield* persons.addBlindIndexes(input.personId, entries);

    const matches = yield* persons.findMatches(lookups);
    const existing = yield* Effect.forEach(yield* duplicates.listForPerson(input.personId), (duplicate) =>
      Effect.gen(function* () {
        const otherId = duplicate.personId === input.personId ? duplicate.candidatePersonId : duplicate.personId;
        const other = yield* Effect.orDie(persons.findById(otherId));
        return { duplicate, other: other.mergedInto ?? other.id };
      }),
    );
    const plan = Duplicate.planRematch({
      self: [input.personId, person.mergedInto ?? input.personId],
      matches,
      existing,
      isComplete,
    });
    for (const candidate of plan.create) {
      yield* duplicates.create({ personId: input.personId, registrationId: input.registrationId, ...candidate });
    }
    for (const update of plan.update) yield* duplicates.updateMatchedOn(update.id, update.matchedOn);
    for (const id of plan.close) {
      if (yield* duplicates.closeStale(id))
        yield* audit(caller, "duplicate.stale", "success", { type: "duplicate", id });
    }
    return plan;
  });

/**
 * Duplicate matching of a person created just now by a report (the common case of creating a registration): the
 * same plan as {@link matchDuplicates}, without reading back what this transaction just wrote. A new person's only
 * report is the one being created, so their blind indexes are that report's (stored with the person), the persons
 * who share one are `matches` (found under the same locks in this transaction), and there are no earlier
 * possible duplicates to update or close: each match becomes an open possible duplicate.
 */
export const matchNewPerson = (input: {
  readonly personId: Person.PersonId;
  readonly registrationId: Registration.RegistrationId;
  readonly matches: ReadonlyArray<Duplicate.Match>;
}) =>
  Effect.gen(function* () {
    const plan = Duplicate.planRematch({
      self: [input.personId],
      matches: input.matches,
      existing: [],
      isComplete: true,
    });
    if (plan.create.length === 0) return plan;
    const duplicates = yield* Ports.DuplicateRepository;
    for (const candidate of plan.create) {
      yield* duplicates.create({ personId: input.personId, registrationId: input.registrationId, ...candidate });
    }
    return plan;
  });
