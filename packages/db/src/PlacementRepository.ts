import { Placement, type PlacementRequest, Ports, type Shelter } from "@comensha/domain";
import { and, asc, desc, eq, gt, inArray, isNull, lte, or } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { Database, queryOrFail, queryWith } from "./Database.js";
import { placementOffers, placements, shelterPlaces, shelters } from "./schema.js";

const decodePlacement = Schema.decodeUnknownSync(Placement.Placement);

const toPlacement = (row: typeof placements.$inferSelect) =>
  decodePlacement({
    id: row.id,
    requestId: row.requestId,
    placeId: row.placeId,
    startsOn: row.startsOn,
    ...(row.endsOn === null ? {} : { endsOn: row.endsOn }),
    ...(row.endReason === null ? {} : { endReason: row.endReason }),
  });

/** Binds an override reason's ciphertext to its offer. */
export const offerReasonContext = (offerId: string) => `offer:${offerId}:override_reason`;

const decodeOfferSummary = Schema.decodeUnknownSync(Placement.OfferSummary);
const decodePlacementSummary = Schema.decodeUnknownSync(Placement.PlacementSummary);

/** An exclusion-constraint violation (SQLSTATE 23P01), however the driver wraps it. */
const isExclusionViolation = (error: unknown): boolean => {
  for (
    let cause: unknown = error;
    cause !== undefined && cause !== null;
    cause = (cause as { cause?: unknown }).cause
  ) {
    if ((cause as { code?: unknown }).code === "23P01") return true;
  }
  return false;
};

/** The domain's PlacementRepository on drizzle: an offer's override reason (free text that can name people) encrypted. */
export const PlacementRepositoryLive = Layer.effect(
  Ports.PlacementRepository,
  Effect.gen(function* () {
    const database = yield* Database;
    const query = queryWith(database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    /**
     * An offer as stored. The override reason is written (encrypted) but not read back: no use case needs it once the
     * offer is made, so a reason that does not decrypt can never stop an offer from being accepted or expiring.
     */
    const toOffer = (row: typeof placementOffers.$inferSelect, override?: Ports.OfferRecord["override"]) =>
      Effect.succeed({
        id: row.id,
        requestId: row.requestId as Ports.OfferRecord["requestId"],
        placeId: row.placeId as Ports.OfferRecord["placeId"],
        startsOn: row.startsOn as Ports.OfferRecord["startsOn"],
        expiresAt: new Date(row.expiresAt).toISOString(),
        status: row.status as Ports.OfferRecord["status"],
        ...(override === undefined ? {} : { override }),
      } satisfies Ports.OfferRecord);
    return Ports.PlacementRepository.of({
      createOffer: (requestId, offer) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const sealed =
            offer.override === undefined ? null : yield* crypto.encrypt(offer.override.reason, offerReasonContext(id));
          const [row] = yield* query((db) =>
            db
              .insert(placementOffers)
              .values({
                id,
                requestId,
                placeId: offer.placeId,
                startsOn: offer.startsOn,
                expiresAt: offer.expiresAt,
                status: "open",
                overrideReason: sealed,
              })
              .returning(),
          );
          return yield* toOffer(row as typeof placementOffers.$inferSelect, offer.override);
        }),
      findOpenOffer: (requestId) =>
        Effect.flatMap(
          query((db) =>
            db
              .select()
              .from(placementOffers)
              .where(and(eq(placementOffers.requestId, requestId), eq(placementOffers.status, "open")))
              .orderBy(desc(placementOffers.id))
              .limit(1),
          ),
          ([row]) => (row === undefined ? Effect.succeed(undefined) : toOffer(row)),
        ),
      setOfferStatus: (id, status) =>
        Effect.asVoid(query((db) => db.update(placementOffers).set({ status }).where(eq(placementOffers.id, id)))),
      listLapsedOffers: (now, limit) =>
        Effect.flatMap(
          query((db) =>
            db
              .select()
              .from(placementOffers)
              .where(and(eq(placementOffers.status, "open"), lte(placementOffers.expiresAt, now)))
              .orderBy(asc(placementOffers.expiresAt), asc(placementOffers.id))
              .limit(limit),
          ),
          (rows) => Effect.forEach(rows, (row) => toOffer(row)),
        ),
      listBookings: (filter) =>
        Effect.map(
          query((db) =>
            db
              .select({ placeId: placements.placeId, startsOn: placements.startsOn, endsOn: placements.endsOn })
              .from(placements)
              .where(
                and(
                  or(isNull(placements.endsOn), gt(placements.endsOn, filter.from)),
                  filter.placeId === undefined ? undefined : eq(placements.placeId, filter.placeId),
                ),
              )
              .orderBy(asc(placements.placeId), asc(placements.startsOn)),
          ),
          (rows) =>
            rows.map((row) => ({
              placeId: row.placeId as Shelter.PlaceId,
              startsOn: row.startsOn as Placement.DateRange["startsOn"],
              ...(row.endsOn === null ? {} : { endsOn: row.endsOn as Placement.DateRange["startsOn"] }),
            })),
        ),
      listPlacesOnOffer: (now) =>
        Effect.map(
          query((db) =>
            db
              .select({ placeId: placementOffers.placeId, requestId: placementOffers.requestId })
              .from(placementOffers)
              .where(and(eq(placementOffers.status, "open"), gt(placementOffers.expiresAt, now))),
          ),
          (rows) =>
            rows.map((row) => ({
              placeId: row.placeId as Shelter.PlaceId,
              requestId: row.requestId as PlacementRequest.PlacementRequestId,
            })),
        ),
      book: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const [row] = yield* queryOrFail(database)((db) =>
            db
              .insert(placements)
              .values({ id, requestId: input.requestId, placeId: input.placeId, startsOn: input.startsOn })
              .returning(),
          ).pipe(
            Effect.catch((error) =>
              isExclusionViolation(error)
                ? Effect.fail(
                    new Placement.PlaceAlreadyBooked({
                      placeId: input.placeId,
                      startsOn: input.startsOn as Placement.Placement["startsOn"],
                    }),
                  )
                : Effect.die(error),
            ),
          );
          return toPlacement(row as typeof placements.$inferSelect);
        }),
      findActive: (requestId) =>
        Effect.map(
          query((db) =>
            db
              .select()
              .from(placements)
              .where(and(eq(placements.requestId, requestId), isNull(placements.endsOn))),
          ),
          ([row]) => (row === undefined ? undefined : toPlacement(row)),
        ),
      summarise: (requestIds) =>
        Effect.gen(function* () {
          type Summary = { offer?: Placement.OfferSummary; placement?: Placement.PlacementSummary };
          const summaries = new Map<PlacementRequest.PlacementRequestId, Summary>();
          if (requestIds.length === 0) return summaries;
          const place = { placeLabel: shelterPlaces.label, shelterId: shelters.id, shelterName: shelters.name };
          const offers = yield* query((db) =>
            db
              .select({ offer: placementOffers, ...place })
              .from(placementOffers)
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placementOffers.placeId))
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(and(inArray(placementOffers.requestId, [...requestIds]), eq(placementOffers.status, "open")))
              .orderBy(asc(placementOffers.id)),
          );
          const held = yield* query((db) =>
            db
              .select({ placement: placements, ...place })
              .from(placements)
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placements.placeId))
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(inArray(placements.requestId, [...requestIds]))
              .orderBy(asc(placements.id)),
          );
          const entryOf = (requestId: string) => {
            const id = requestId as PlacementRequest.PlacementRequestId;
            const entry = summaries.get(id) ?? {};
            summaries.set(id, entry);
            return entry;
          };
          // Ordered by id (UUIDv7, so by time): the newest of each request comes last and wins.
          for (const row of offers) {
            entryOf(row.offer.requestId).offer = decodeOfferSummary({
              id: row.offer.id,
              placeId: row.offer.placeId,
              placeLabel: row.placeLabel,
              shelterId: row.shelterId,
              shelterName: row.shelterName,
              startsOn: row.offer.startsOn,
              expiresAt: new Date(row.offer.expiresAt).toISOString(),
            });
          }
          for (const row of held) {
            entryOf(row.placement.requestId).placement = decodePlacementSummary({
              id: row.placement.id,
              placeId: row.placement.placeId,
              placeLabel: row.placeLabel,
              shelterId: row.shelterId,
              shelterName: row.shelterName,
              startsOn: row.placement.startsOn,
              endsOn: row.placement.endsOn,
              endReason: row.placement.endReason,
            });
          }
          return summaries;
        }),
      listActive: (on) =>
        Effect.map(
          query((db) =>
            db
              .select({ placement: placements, kind: shelters.kind })
              .from(placements)
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placements.placeId))
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(or(isNull(placements.endsOn), gt(placements.endsOn, on)))
              .orderBy(asc(placements.id)),
          ),
          (rows) =>
            rows.map((row) => ({
              placement: toPlacement(row.placement),
              shelterKind: row.kind as Shelter.Shelter["kind"],
            })),
        ),
      end: (input) =>
        Effect.map(
          query((db) =>
            db
              .update(placements)
              .set({ endsOn: input.endsOn, endReason: input.reason })
              .where(eq(placements.id, input.id))
              .returning(),
          ),
          ([row]) => toPlacement(row as typeof placements.$inferSelect),
        ),
    });
  }),
);
