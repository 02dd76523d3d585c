import { PlacementReport, Ports } from "@comensha/domain";
import { and, count, eq, gt, gte, isNull, lt, max, or, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { Database, queryWith } from "./Database.js";
import * as ReportAggregates from "./ReportAggregates.js";
import { duplicates, placementRequests, placements, registrations, shelterPlaces, shelters } from "./schema.js";

const decodeRequests = Schema.decodeUnknownSync(Schema.Array(PlacementReport.PlacementRequestFact));
const decodePlacements = Schema.decodeUnknownSync(Schema.Array(PlacementReport.PlacementFact));
const decodeCapacity = Schema.decodeUnknownSync(Schema.Array(PlacementReport.CapacityFact));

/** The date part (UTC) of a timestamp from either driver. */
const dayOf = (value: string | null | undefined): string | undefined =>
  value === null || value === undefined ? undefined : new Date(value).toISOString().slice(0, 10);

/** The domain's StatisticsSource on drizzle. */
export const StatisticsSourceLive = Layer.effect(
  Ports.StatisticsSource,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    return Ports.StatisticsSource.of({
      registrationsChangedOn: (range) =>
        Effect.gen(function* () {
          const [changed] = yield* query((db) =>
            db
              .select({ at: max(registrations.updatedAt) })
              .from(registrations)
              .where(and(gte(registrations.reportedOn, range.from), lt(registrations.reportedOn, range.to))),
          );
          const [merged] = yield* query((db) =>
            db
              .select({ at: max(duplicates.decidedAt) })
              .from(duplicates)
              .where(and(eq(duplicates.status, "merged"), sql`${duplicates.decidedAt} is not null`)),
          );
          const days = [dayOf(changed?.at), dayOf(merged?.at)].filter((day): day is string => day !== undefined);
          return days.sort().at(-1) ?? range.from;
        }),
      countedYears: (request) => ReportAggregates.countedYears(query, request),
      personYearClasses: (request) => ReportAggregates.personYearClasses(query, request),
      placementFacts: (range) =>
        Effect.gen(function* () {
          const placementRows = yield* query((db) =>
            db
              .select({
                placementId: placements.id,
                requestId: placements.requestId,
                targetGroup: shelterPlaces.targetGroup,
                shelterKind: shelters.kind,
                startsOn: placements.startsOn,
                endsOn: placements.endsOn,
              })
              .from(placements)
              .innerJoin(shelterPlaces, eq(shelterPlaces.id, placements.placeId))
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .orderBy(placements.id),
          );
          const firstPlacement = new Map<string, { startsOn: string; shelterKind: string }>();
          for (const row of placementRows) {
            const known = firstPlacement.get(row.requestId);
            if (known === undefined || row.startsOn < known.startsOn) {
              firstPlacement.set(row.requestId, { startsOn: row.startsOn, shelterKind: row.shelterKind });
            }
          }
          const requestRows = yield* query((db) =>
            db
              .select({
                requestId: placementRequests.id,
                requestedOn: placementRequests.requestedOn,
                needs: placementRequests.needs,
                state: placementRequests.state,
              })
              .from(placementRequests)
              .where(lt(placementRequests.requestedOn, range.to))
              .orderBy(placementRequests.id),
          );
          const capacityRows = yield* query((db) =>
            db
              .select({ targetGroup: shelterPlaces.targetGroup, shelterKind: shelters.kind, places: count() })
              .from(shelterPlaces)
              .innerJoin(shelters, eq(shelters.id, shelterPlaces.shelterId))
              .where(eq(shelters.status, "active"))
              .groupBy(shelterPlaces.targetGroup, shelters.kind)
              .orderBy(shelterPlaces.targetGroup, shelters.kind),
          );
          return {
            requests: decodeRequests(
              requestRows.map((row) => {
                const needs = row.needs as { targetGroup?: unknown; urgency?: unknown };
                const first = firstPlacement.get(row.requestId);
                return {
                  requestId: row.requestId,
                  requestedOn: row.requestedOn,
                  targetGroup: needs.targetGroup,
                  urgency: needs.urgency,
                  state: row.state,
                  ...(first === undefined ? {} : { firstPlacedOn: first.startsOn, shelterKind: first.shelterKind }),
                };
              }),
            ),
            placements: decodePlacements(
              placementRows
                .filter((row) => row.startsOn < range.to && (row.endsOn === null || row.endsOn > range.from))
                .map(({ endsOn, ...row }) => ({ ...row, ...(endsOn === null ? {} : { endsOn }) })),
            ),
            capacity: decodeCapacity(capacityRows.map((row) => ({ ...row, places: Number(row.places) }))),
          };
        }),
      placementsChangedOn: (range) =>
        Effect.gen(function* () {
          const [requested] = yield* query((db) =>
            db
              .select({ at: max(placementRequests.updatedAt) })
              .from(placementRequests)
              .where(lt(placementRequests.requestedOn, range.to)),
          );
          const [placed] = yield* query((db) =>
            db
              .select({ at: max(placements.createdAt) })
              .from(placements)
              .where(
                and(
                  lt(placements.startsOn, range.to),
                  or(isNull(placements.endsOn), gt(placements.endsOn, range.from)),
                ),
              ),
          );
          const days = [dayOf(requested?.at), dayOf(placed?.at)].filter((day): day is string => day !== undefined);
          return days.sort().at(-1) ?? range.from;
        }),
    });
  }),
);
