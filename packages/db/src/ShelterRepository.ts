import { Ports, Shelter } from "@comensha/domain";
import { asc, eq, inArray, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { shelterPlaces, shelters } from "./schema.js";

const decodeShelter = Schema.decodeUnknownSync(Shelter.Shelter);
const decodePlace = Schema.decodeUnknownSync(Shelter.Place);

const toPlace = (row: typeof shelterPlaces.$inferSelect) =>
  decodePlace({
    id: row.id,
    shelterId: row.shelterId,
    label: row.label,
    targetGroup: row.targetGroup,
    securityLevel: row.securityLevel,
    accessible: row.accessible,
    roomForChildren: row.roomForChildren,
  });

/** The domain's ShelterRepository on drizzle; availability is computed from the placements' date ranges. */
export const ShelterRepositoryLive = Layer.effect(
  Ports.ShelterRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const transactor = yield* Ports.Transactor;

    const withPlaces = (rows: ReadonlyArray<typeof shelters.$inferSelect>) =>
      Effect.gen(function* () {
        if (rows.length === 0) return [];
        const places = yield* query((db) =>
          db
            .select()
            .from(shelterPlaces)
            .where(
              inArray(
                shelterPlaces.shelterId,
                rows.map((row) => row.id),
              ),
            )
            .orderBy(asc(shelterPlaces.shelterId), asc(shelterPlaces.label)),
        );
        return rows.map((row) =>
          decodeShelter({
            id: row.id,
            status: row.status,
            name: row.name,
            kind: row.kind,
            region: row.region,
            places: places.filter((place) => place.shelterId === row.id).map(toPlace),
            createdAt: toIsoTimestamp(row.createdAt),
          }),
        );
      });

    const findById = (id: Shelter.ShelterId) =>
      Effect.gen(function* () {
        const rows = yield* query((db) => db.select().from(shelters).where(eq(shelters.id, id)));
        const [shelter] = yield* withPlaces(rows);
        if (shelter === undefined) return yield* new Shelter.ShelterNotFound({ id });
        return shelter;
      });

    return Ports.ShelterRepository.of({
      create: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const id = yield* ids.next;
            yield* query((db) =>
              db.insert(shelters).values({ id, name: input.name, kind: input.kind, region: input.region }),
            );
            for (const place of input.places) {
              const placeId = yield* ids.next;
              yield* query((db) => db.insert(shelterPlaces).values({ id: placeId, shelterId: id, ...place }));
            }
            return yield* Effect.orDie(findById(id as Shelter.ShelterId));
          }),
        ),
      findById,
      setStatus: (id, status) =>
        Effect.gen(function* () {
          yield* query((db) => db.update(shelters).set({ status }).where(eq(shelters.id, id)));
          return yield* findById(id);
        }),
      findPlace: (id) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) =>
            db
              .select({ place: shelterPlaces, kind: shelters.kind, status: shelters.status })
              .from(shelterPlaces)
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(eq(shelterPlaces.id, id)),
          );
          if (row === undefined) return yield* new Shelter.PlaceNotFound({ id });
          return {
            place: toPlace(row.place),
            shelterKind: row.kind as Shelter.Shelter["kind"],
            shelterStatus: row.status as Shelter.Shelter["status"],
          };
        }),
      list: Effect.flatMap(
        query((db) => db.select().from(shelters).orderBy(asc(shelters.name), asc(shelters.id))),
        withPlaces,
      ),
      availability: (range) =>
        Effect.map(
          query((db) =>
            db
              .select({
                place: shelterPlaces,
                shelterName: shelters.name,
                shelterKind: shelters.kind,
                shelterRegion: shelters.region,
                occupied: sql<boolean>`exists (
                  select 1 from placements p
                  where p.place_id = ${shelterPlaces.id}
                    and daterange(p.starts_on, p.ends_on, '[)') && daterange(${range.from}::date, ${range.to}::date, '[)')
                )`,
              })
              .from(shelterPlaces)
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(eq(shelters.status, "active"))
              .orderBy(asc(shelters.name), asc(shelterPlaces.label)),
          ),
          (rows) =>
            rows.map((row) => ({
              place: toPlace(row.place),
              shelter: {
                id: row.place.shelterId as Shelter.ShelterId,
                name: row.shelterName,
                kind: row.shelterKind as Shelter.Shelter["kind"],
                region: row.shelterRegion as Shelter.Shelter["region"],
              },
              free: !row.occupied,
            })),
        ),
    });
  }),
);
