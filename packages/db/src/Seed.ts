import { Organisation, type Person, PersonMatching, PlacementRequest, Ports, Registration } from "@comensha/domain";
import { count } from "drizzle-orm";
import { Data, Effect, Schema } from "effect";
import { Database, type Executor, queryWith } from "./Database.js";
import type { DemoData, DemoPlaceRef, DemoRegistration } from "./DemoData.js";
import { organisations, placementOffers, placementRequests, placements, shelterPlaces, shelters } from "./schema.js";

/** Seeding only fills an empty database: it never mixes demo data into real data. */
export class DatabaseNotEmpty extends Data.TaggedError("DatabaseNotEmpty")<{ readonly organisations: number }> {
  override get message() {
    return `The database already holds ${this.organisations} organisations; demo data is only written into an empty database.`;
  }
}

/** What a seed wrote: rows per kind, open placement requests (still waiting for a place) and open duplicates. */
export interface SeedSummary {
  readonly organisations: number;
  readonly shelters: number;
  readonly places: number;
  readonly persons: number;
  readonly registrations: number;
  readonly placementRequests: number;
  readonly openPlacementRequests: number;
  readonly placements: number;
  readonly duplicates: number;
  readonly openDuplicates: number;
}

const decodeOrganisation = Schema.decodeUnknownSync(Organisation.NewOrganisation);
const decodeRegistration = Schema.decodeUnknownSync(Registration.RegistrationInput);
const decodeNeeds = Schema.decodeUnknownSync(PlacementRequest.PlacementNeeds);
const encodeNeeds = Schema.encodeSync(PlacementRequest.PlacementNeeds);

/** Rows per multi-row insert, well below the 65,535 bind parameters a statement may have. */
const chunkSize = 500;

const insertAll = <Row>(rows: ReadonlyArray<Row>, insert: (db: Executor, chunk: Array<Row>) => PromiseLike<unknown>) =>
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    for (let start = 0; start < rows.length; start += chunkSize) {
      yield* query((db) => insert(db, rows.slice(start, start + chunkSize)));
    }
  });

/** The person who decided the seeded duplicates, as the audit log names the seed. */
const seedActor = "seed";

/** Whether the database holds no organisations yet (the first run of the embedded demo). */
export const isEmpty = Effect.gen(function* () {
  const query = queryWith(yield* Database);
  const [row] = yield* query((db) => db.select({ n: count() }).from(organisations));
  return (row?.n ?? 0) === 0;
});

/**
 * Writes generated demo data through the repositories, in one transaction: all of it or nothing. Ids come from the
 * IdGenerator in context, so a seeded generator makes the whole database reproducible.
 *
 * A possible duplicate's report takes the API's path: its blind indexes find the existing person by a weak index
 * only, so it gets a new person and a duplicate per matching person; decided ones are merged or dismissed with their
 * reason. Placement requests, offers and placements are written in bulk after the registrations; the database's
 * exclusion constraint refuses any place booked twice for overlapping nights, as for the API.
 */
export const writeDemoData = (data: DemoData) =>
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const organisationRepository = yield* Ports.OrganisationRepository;
    const personRepository = yield* Ports.PersonRepository;
    const registrationRepository = yield* Ports.RegistrationRepository;
    const duplicateRepository = yield* Ports.DuplicateRepository;
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
        const placeIds = new Map<string, string>();
        const placeIdOf = (ref: DemoPlaceRef) => {
          const id = placeIds.get(`${ref.shelterKey}|${ref.placeLabel}`);
          if (id === undefined) throw new Error(`demo data refers to an unknown place ${ref.placeLabel}`);
          return id;
        };
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
            placeIds.set(`${shelter.key}|${place.label}`, placeId);
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

        const blindIndexesOf = (report: Registration.RegistrationInput) =>
          Effect.forEach(PersonMatching.blindIndexInputs(report.person), (input) =>
            Effect.map(crypto.blindIndex(input.name, input.normalised), (value) => ({
              name: input.name,
              strength: input.strength,
              value,
            })),
          );
        const organisationIdOf = (registration: DemoRegistration) => {
          const id = organisationIds.get(registration.organisationKey);
          if (id === undefined)
            throw new Error(`demo registration ${registration.key} refers to an unknown organisation`);
          return id;
        };

        const registrationIds = new Map<string, Registration.Registration>();
        for (const registration of data.registrations) {
          const report = decodeRegistration(registration.registration);
          const personId = personIds.get(registration.personKey);
          if (personId === undefined) {
            return yield* Effect.die(new Error(`demo registration ${registration.key} refers to an unknown person`));
          }
          const created = yield* registrationRepository.create({
            organisationId: organisationIdOf(registration),
            personId,
            status: registration.status,
            registration: report,
          });
          registrationIds.set(registration.key, created);
          const blindIndexes = yield* blindIndexesOf(report);
          yield* personRepository.addBlindIndexes(
            personId,
            blindIndexes.map(({ name, value }) => ({ name, value })),
          );
        }

        let duplicateRows = 0;
        let openDuplicates = 0;
        for (const duplicate of data.duplicates) {
          const report = decodeRegistration(duplicate.registration.registration);
          const blindIndexes = yield* blindIndexesOf(report);
          const entries = blindIndexes.map(({ name, value }) => ({ name, value }));
          const strongNames = new Set(blindIndexes.filter((entry) => entry.strength === "strong").map((e) => e.name));
          const matches = yield* personRepository.findMatches(entries);
          const candidateId = personIds.get(duplicate.candidatePersonKey);
          if (matches.some((match) => match.names.some((name) => strongNames.has(name)))) {
            return yield* Effect.die(new Error(`demo duplicate ${duplicate.key} matches a person strongly`));
          }
          if (candidateId === undefined || !matches.some((match) => match.personId === candidateId)) {
            return yield* Effect.die(new Error(`demo duplicate ${duplicate.key} does not match its candidate`));
          }
          const identity = duplicate.person.identity;
          const person = yield* personRepository.create({
            sex: identity.sex,
            ...(identity.dateOfBirth === undefined ? {} : { birthYear: Number(identity.dateOfBirth.slice(0, 4)) }),
            nationalities: identity.nationalities,
            blindIndexes: entries,
          });
          personIds.set(duplicate.person.key, person.id);
          const registration = yield* registrationRepository.create({
            organisationId: organisationIdOf(duplicate.registration),
            personId: person.id,
            status: duplicate.registration.status,
            registration: report,
          });
          registrationIds.set(duplicate.registration.key, registration);
          for (const match of matches) {
            const created = yield* duplicateRepository.create({
              personId: person.id,
              candidatePersonId: match.personId,
              registrationId: registration.id,
              matchedOn: match.names,
            });
            duplicateRows += 1;
            const decision = duplicate.decision;
            if (decision === undefined || match.personId !== candidateId) {
              openDuplicates += 1;
              continue;
            }
            yield* Effect.orDie(
              duplicateRepository.decide({
                id: created.id,
                status: decision.status,
                reason: decision.reason,
                decidedBy: seedActor,
              }),
            );
            if (decision.status === "merged") yield* Effect.orDie(personRepository.merge(person.id, candidateId));
          }
        }

        const requestRows: Array<typeof placementRequests.$inferInsert> = [];
        const offerRows: Array<typeof placementOffers.$inferInsert> = [];
        const placementRows: Array<typeof placements.$inferInsert> = [];
        for (const request of data.placementRequests) {
          const registration = registrationIds.get(request.registrationKey);
          if (registration === undefined) {
            return yield* Effect.die(
              new Error(`demo placement request ${request.key} refers to an unknown registration`),
            );
          }
          const id = yield* ids.next;
          requestRows.push({
            id,
            registrationId: registration.id,
            organisationId: registration.organisationId,
            personId: registration.personId,
            requestedBy: request.requestedBy,
            requestedOn: request.requestedOn,
            preferredRegion: request.preferredRegion ?? null,
            state: request.state,
            version: 1 + request.events.length,
            needs: encodeNeeds(decodeNeeds(request.needs)),
            medicalNeeds: null,
          });
          for (const offer of request.offers) {
            offerRows.push({
              id: yield* ids.next,
              requestId: id,
              placeId: placeIdOf(offer),
              startsOn: offer.startsOn,
              expiresAt: offer.expiresAt,
              status: offer.status,
            });
          }
          const placement = request.placement;
          if (placement !== undefined) {
            placementRows.push({
              id: yield* ids.next,
              requestId: id,
              placeId: placeIdOf(placement),
              startsOn: placement.startsOn,
              endsOn: placement.endsOn ?? null,
              endReason: placement.endReason ?? null,
            });
          }
        }
        yield* insertAll(requestRows, (db, chunk) => db.insert(placementRequests).values(chunk));
        yield* insertAll(offerRows, (db, chunk) => db.insert(placementOffers).values(chunk));
        yield* insertAll(placementRows, (db, chunk) => db.insert(placements).values(chunk));

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
          registrations: registrationIds.size,
          placementRequests: requestRows.length,
          openPlacementRequests: data.placementRequests.filter((request) => PlacementRequest.isWaiting(request.state))
            .length,
          placements: placementRows.length,
          duplicates: duplicateRows,
          openDuplicates,
        } satisfies SeedSummary;
      }),
    );
  });
