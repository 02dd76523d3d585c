import { Person, Ports } from "@comensha/domain";
import { and, eq, or, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { builtOnce, Database, deferWith, queryWith, toIsoTimestamp } from "./Database.js";
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
    const database = yield* Database;
    const query = queryWith(database);
    const ids = yield* Ports.IdGenerator;
    const transactor = yield* Ports.Transactor;
    const indexKeyId = (yield* KeyFingerprints).index.keyId;
    const defer = deferWith(database);
    /** The insert of `count` blind indexes of one person, built once per count (a report gives a few). */
    const insertIndexes = new Map<number, ReturnType<typeof builtOnce>>();
    const insertIndexesOf = (count: number) => {
      let insert = insertIndexes.get(count);
      if (insert === undefined) {
        insert = builtOnce((db) =>
          db
            .insert(personBlindIndexes)
            .values(
              Array.from({ length: count }, (_, i) => ({
                personId: sql.placeholder("personId"),
                name: sql.placeholder(`name${i}`),
                value: sql.placeholder(`value${i}`),
                keyId: sql.placeholder("keyId"),
              })),
            )
            .onConflictDoNothing(),
        );
        insertIndexes.set(count, insert);
      }
      return insert;
    };
    const addBlindIndexes = (personId: string, entries: ReadonlyArray<Ports.BlindIndexEntry>) => {
      if (entries.length === 0) return Effect.void;
      const values: Record<string, unknown> = { personId, keyId: indexKeyId };
      entries.forEach((entry, i) => {
        values[`name${i}`] = entry.name;
        values[`value${i}`] = entry.value;
      });
      const insert = insertIndexesOf(entries.length);
      return defer((db) => insert(db, values));
    };
    const insertPerson = builtOnce((db) =>
      db.insert(persons).values({
        id: sql.placeholder("id"),
        sex: sql.placeholder("sex"),
        birthYear: sql.placeholder("birthYear"),
        nationalities: sql.placeholder("nationalities"),
      }),
    );
    return Ports.PersonRepository.of({
      addBlindIndexes,
      replaceBlindIndexes: (personId, entries) =>
        Effect.gen(function* () {
          yield* query((db) => db.delete(personBlindIndexes).where(eq(personBlindIndexes.personId, personId)));
          yield* addBlindIndexes(personId, entries);
        }),
      create: (input) =>
        // In a transaction (the caller's, or one of its own): its statements run in order only on one connection,
        // and outside a transaction each could take another one from the pool.
        transactor.transaction(
          Effect.gen(function* () {
            const id = yield* ids.next;
            // Written without waiting (see `deferWith`): the person is what was sent, with the transaction's time as
            // its `created_at` default takes it.
            yield* defer((db) =>
              insertPerson(db, {
                id,
                sex: input.sex,
                birthYear: input.birthYear ?? null,
                nationalities: [...input.nationalities],
              }),
            );
            yield* addBlindIndexes(id, input.blindIndexes);
            return decodePerson({
              id,
              sex: input.sex,
              ...(input.birthYear === undefined ? {} : { birthYear: input.birthYear }),
              nationalities: input.nationalities,
              createdAt: yield* transactor.now,
            });
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
