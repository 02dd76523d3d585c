import { Person, Ports } from "@comensha/domain";
import { and, eq, or, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { KeyFingerprints } from "./KeyCheck.js";
import { personBlindIndexes, persons } from "./schema.js";

const decodePerson = Schema.decodeUnknownSync(Person.Person);

const toPerson = (row: typeof persons.$inferSelect) =>
  decodePerson({
    id: row.id,
    sex: row.sex,
    ...(row.birthYear === null ? {} : { birthYear: row.birthYear }),
    nationalities: row.nationalities,
    ...(row.mergedInto === null ? {} : { mergedInto: row.mergedInto }),
    createdAt: toIsoTimestamp(row.createdAt),
  });

/** The domain's PersonRepository on drizzle; blind indexes are stored with the key id of the current index key. */
export const PersonRepositoryLive = Layer.effect(
  Ports.PersonRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const transactor = yield* Ports.Transactor;
    const indexKeyId = (yield* KeyFingerprints).index.keyId;
    const addBlindIndexes = (personId: string, entries: ReadonlyArray<Ports.BlindIndexEntry>) =>
      entries.length === 0
        ? Effect.void
        : Effect.asVoid(
            query((db) =>
              db
                .insert(personBlindIndexes)
                .values(entries.map((entry) => ({ personId, name: entry.name, value: entry.value, keyId: indexKeyId })))
                .onConflictDoNothing(),
            ),
          );
    return Ports.PersonRepository.of({
      addBlindIndexes,
      replaceBlindIndexes: (personId, entries) =>
        Effect.gen(function* () {
          yield* query((db) => db.delete(personBlindIndexes).where(eq(personBlindIndexes.personId, personId)));
          yield* addBlindIndexes(personId, entries);
        }),
      create: (input) =>
        // In a transaction (the caller's, or one of its own): pipelined statements run in order only on one
        // connection, and outside a transaction each could take another one from the pool.
        transactor.transaction(
          Effect.gen(function* () {
            const id = yield* ids.next;
            // Both statements at once: pipelined on the connection (one round trip), run in this order.
            const [[row]] = yield* Effect.all(
              [
                query((db) =>
                  db
                    .insert(persons)
                    .values({
                      id,
                      sex: input.sex,
                      birthYear: input.birthYear ?? null,
                      nationalities: [...input.nationalities],
                    })
                    .returning(),
                ),
                addBlindIndexes(id, input.blindIndexes),
              ],
              { concurrency: "unbounded" },
            );
            return toPerson(row as typeof persons.$inferSelect);
          }),
        ),
      findById: (id) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) => db.select().from(persons).where(eq(persons.id, id)));
          if (row === undefined) return yield* new Person.PersonNotFound({ id });
          return toPerson(row);
        }),
      merge: (from, into) =>
        Effect.gen(function* () {
          const found = yield* query((db) =>
            db
              .select({ id: persons.id })
              .from(persons)
              .where(or(eq(persons.id, from), eq(persons.id, into))),
          );
          for (const id of [from, into]) {
            if (!found.some((row) => row.id === id)) return yield* new Person.PersonNotFound({ id });
          }
          yield* query((db) =>
            db
              .update(persons)
              .set({ mergedInto: into })
              .where(or(eq(persons.id, from), eq(persons.mergedInto, from))),
          );
        }),
      findMatches: (entries) =>
        entries.length === 0
          ? Effect.succeed([])
          : Effect.map(
              query((db) =>
                db
                  .select({
                    id: sql<string>`coalesce(${persons.mergedInto}, ${persons.id})`,
                    name: personBlindIndexes.name,
                  })
                  .from(personBlindIndexes)
                  .innerJoin(persons, eq(persons.id, personBlindIndexes.personId))
                  .where(
                    or(
                      ...entries.map((entry) =>
                        and(eq(personBlindIndexes.name, entry.name), eq(personBlindIndexes.value, entry.value)),
                      ),
                    ),
                  ),
              ),
              (rows) => {
                const names = new Map<string, Set<string>>();
                for (const row of rows) names.set(row.id, (names.get(row.id) ?? new Set()).add(row.name));
                return [...names.entries()]
                  .sort(([a], [b]) => (a < b ? -1 : 1))
                  .map(([personId, matched]) => ({
                    personId: personId as Person.PersonId,
                    names: [...matched].sort(),
                  }));
              },
            ),
    });
  }),
);
