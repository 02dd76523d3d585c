import { Organisation, type Person, PersonMatching, Ports, Registration } from "@comensha/domain";
import { count } from "drizzle-orm";
import { Data, Effect, Schema } from "effect";
import { Database, queryWith } from "./Database.js";
import type { DemoData } from "./DemoData.js";
import { organisations, shelterPlaces, shelters } from "./schema.js";

/** Seeding only fills an empty database: it never mixes demo data into real data. */
export class DatabaseNotEmpty extends Data.TaggedError("DatabaseNotEmpty")<{ readonly organisations: number }> {
  override get message() {
    return `The database already holds ${this.organisations} organisations; demo data is only written into an empty database.`;
  }
}

/** What a seed wrote. */
export interface SeedSummary {
  readonly organisations: number;
  readonly shelters: number;
  readonly places: number;
  readonly persons: number;
  readonly registrations: number;
}

const decodeOrganisation = Schema.decodeUnknownSync(Organisation.NewOrganisation);
const decodeRegistration = Schema.decodeUnknownSync(Registration.RegistrationInput);

/** Whether the database holds no organisations yet (the first run of the embedded demo). */
export const isEmpty = Effect.gen(function* () {
  const query = queryWith(yield* Database);
  const [row] = yield* query((db) => db.select({ n: count() }).from(organisations));
  return (row?.n ?? 0) === 0;
});

/**
 * Writes generated demo data through the repositories, in one transaction: all of it or nothing. Ids come from the
 * IdGenerator in context, so a seeded generator makes the whole database reproducible.
 */
export const writeDemoData = (data: DemoData) =>
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const organisationRepository = yield* Ports.OrganisationRepository;
    const personRepository = yield* Ports.PersonRepository;
    const registrationRepository = yield* Ports.RegistrationRepository;
    const audit = yield* Ports.AuditLog;
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;

    return yield* transactor.transaction(
      Effect.gen(function* () {
        const [existing] = yield* query((db) => db.select({ n: count() }).from(organisations));
        if ((existing?.n ?? 0) > 0) return yield* new DatabaseNotEmpty({ organisations: existing?.n ?? 0 });

        const organisationIds = new Map<string, Organisation.OrganisationId>();
        for (const organisation of data.organisations) {
          const { key, ...fields } = organisation;
          const created = yield* organisationRepository.create(decodeOrganisation(fields));
          organisationIds.set(key, created.id);
        }

        let places = 0;
        for (const shelter of data.shelters) {
          const shelterId = yield* ids.next;
          yield* query((db) =>
            db
              .insert(shelters)
              .values({ id: shelterId, name: shelter.name, kind: shelter.kind, region: shelter.region }),
          );
          for (const place of shelter.places) {
            const placeId = yield* ids.next;
            yield* query((db) => db.insert(shelterPlaces).values({ id: placeId, shelterId, ...place }));
            places += 1;
          }
        }

        const personIds = new Map<string, Person.PersonId>();
        const identities = new Map(data.persons.map((person) => [person.key, person.identity]));
        for (const registration of data.registrations) {
          if (personIds.has(registration.personKey)) continue;
          const identity = identities.get(registration.personKey) ?? registration.registration.person;
          const dateOfBirth = identity.dateOfBirth;
          const birthYear =
            identity.birthYear ?? (dateOfBirth === undefined ? undefined : Number(dateOfBirth.slice(0, 4)));
          const person = yield* personRepository.create({
            sex: identity.sex,
            ...(birthYear === undefined ? {} : { birthYear }),
            nationalities: identity.nationalities,
            blindIndexes: [],
          });
          personIds.set(registration.personKey, person.id);
        }

        for (const registration of data.registrations) {
          const report = decodeRegistration(registration.registration);
          const organisationId = organisationIds.get(registration.organisationKey);
          const personId = personIds.get(registration.personKey);
          if (organisationId === undefined || personId === undefined) {
            return yield* Effect.die(new Error(`demo registration ${registration.key} refers to an unknown key`));
          }
          yield* registrationRepository.create({
            organisationId,
            personId,
            status: registration.status,
            registration: report,
          });
          const blindIndexes = yield* Effect.forEach(PersonMatching.blindIndexInputs(report.person), (input) =>
            Effect.map(crypto.blindIndex(input.name, input.normalised), (value) => ({ name: input.name, value })),
          );
          yield* personRepository.addBlindIndexes(personId, blindIndexes);
        }

        yield* audit.append({
          actor: { kind: "system", id: "seed" },
          action: "demo_data.seed",
          resourceType: "database",
          outcome: "success",
        });

        return {
          organisations: organisationIds.size,
          shelters: data.shelters.length,
          places,
          persons: personIds.size,
          registrations: data.registrations.length,
        } satisfies SeedSummary;
      }),
    );
  });
