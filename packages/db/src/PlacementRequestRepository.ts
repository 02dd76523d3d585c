import { PlacementRequest, Ports, Unreadable } from "@comensha/domain";
import { and, asc, desc, eq, lt, type SQL, sql } from "drizzle-orm";
import { Effect, Layer, Redacted, Result, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { placementRequests } from "./schema.js";

const decodeRequest = Schema.decodeUnknownSync(PlacementRequest.PlacementRequest);
const encodeNeeds = Schema.encodeSync(PlacementRequest.PlacementNeeds);

type Row = typeof placementRequests.$inferSelect;

/**
 * A request's place in the urgency order (0 = most urgent), from its needs, in the domain's order. The urgencies are
 * written into the statement as literals (code values: lower-case letters and underscores), not bound, so that the
 * expression is the one the urgency indexes hold (migration 0019) in every plan.
 */
const urgencyRankOf = (table: SQL) =>
  sql.join(
    [
      sql`(case ${table}.needs->>'urgency'`,
      ...PlacementRequest.urgenciesMostUrgentFirst.map((urgency, rank) => {
        if (!/^[a-z_]+$/.test(urgency)) throw new Error(`an urgency that is not a code: ${urgency}`);
        return sql`when ${sql.raw(`'${urgency}'`)} then ${sql.raw(String(rank))}`;
      }),
      sql`else ${sql.raw(String(PlacementRequest.urgenciesMostUrgentFirst.length))} end)`,
    ],
    sql` `,
  );
const urgencyRank = urgencyRankOf(sql.raw("placement_requests"));

/** Binds a request's medical needs to the request (associated data). */
export const medicalNeedsContext = (id: string) => `placement_request:${id}`;

/** The domain's PlacementRequestRepository on drizzle; medical needs are encrypted like other personal data. */
export const PlacementRequestRepositoryLive = Layer.effect(
  Ports.PlacementRequestRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;
    const transactor = yield* Ports.Transactor;

    const toRequest = (row: Row) =>
      Effect.gen(function* () {
        const medicalNeeds =
          row.medicalNeeds === null
            ? undefined
            : yield* crypto.decrypt(row.medicalNeeds, medicalNeedsContext(row.id)).pipe(
                Effect.catch(() =>
                  Effect.as(
                    Unreadable.reportUnreadable({
                      resource: "placement_request",
                      id: row.id,
                      field: "needs.medicalNeeds",
                    }),
                    null,
                  ),
                ),
              );
        const needs = row.needs as Record<string, unknown>;
        return decodeRequest({
          id: row.id,
          registrationId: row.registrationId,
          personId: row.personId,
          organisationId: row.organisationId,
          requestedBy: row.requestedBy,
          requestedOn: row.requestedOn,
          needs: { ...needs, ...(medicalNeeds == null ? {} : { medicalNeeds }) },
          ...(row.preferredRegion === null ? {} : { preferredRegion: row.preferredRegion }),
          state: row.state,
          version: row.version,
          createdAt: toIsoTimestamp(row.createdAt),
          updatedAt: toIsoTimestamp(row.updatedAt),
          ...(medicalNeeds === null ? { unreadable: ["needs.medicalNeeds"] } : {}),
        });
      });

    const findRow = (id: string, organisationId?: string) =>
      Effect.map(
        query((db) =>
          db
            .select()
            .from(placementRequests)
            .where(
              organisationId === undefined
                ? eq(placementRequests.id, id)
                : and(eq(placementRequests.id, id), eq(placementRequests.organisationId, organisationId)),
            ),
        ),
        (rows) => rows[0],
      );

    return Ports.PlacementRequestRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const { medicalNeeds, ...needs } = encodeNeeds(input.needs);
          const ciphertext =
            input.needs.medicalNeeds === undefined || medicalNeeds === undefined
              ? null
              : yield* crypto.encrypt(Redacted.value(input.needs.medicalNeeds), medicalNeedsContext(id));
          const [row] = yield* query((db) =>
            db
              .insert(placementRequests)
              .values({
                id,
                registrationId: input.registrationId,
                organisationId: input.organisationId,
                personId: input.personId,
                requestedBy: input.requestedBy,
                requestedOn: input.requestedOn,
                preferredRegion: input.preferredRegion ?? null,
                state: "requested",
                version: 1,
                needs,
                medicalNeeds: ciphertext,
              })
              .returning(),
          );
          return yield* toRequest(row as Row);
        }),
      findById: (id, scope) =>
        Effect.gen(function* () {
          const row = yield* findRow(id, scope?.organisationId);
          if (row === undefined) return yield* new PlacementRequest.PlacementRequestNotFound({ id });
          return yield* toRequest(row);
        }),
      list: (filter, page) =>
        Effect.gen(function* () {
          const before = yield* cursorOf(page.cursor);
          const scope = and(
            filter.organisationId === undefined
              ? undefined
              : eq(placementRequests.organisationId, filter.organisationId),
            filter.state === undefined ? undefined : eq(placementRequests.state, filter.state),
          );
          const rows = yield* query((db) =>
            filter.order === "urgency"
              ? // Keyset paging on (urgency rank, requested on, id): the cursor names the last row of the page before.
                db
                  .select()
                  .from(placementRequests)
                  .where(
                    and(
                      scope,
                      before === undefined
                        ? undefined
                        : sql`(${urgencyRank}, ${placementRequests.requestedOn}, ${placementRequests.id}) > (
                            select ${urgencyRankOf(sql.raw("cursor_row"))}, cursor_row.requested_on, cursor_row.id
                            from placement_requests cursor_row where cursor_row.id = ${before}
                          )`,
                    ),
                  )
                  .orderBy(urgencyRank, asc(placementRequests.requestedOn), asc(placementRequests.id))
                  .limit(page.limit + 1)
              : db
                  .select()
                  .from(placementRequests)
                  .where(and(scope, before === undefined ? undefined : lt(placementRequests.id, before)))
                  .orderBy(desc(placementRequests.id))
                  .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          return { ...result, data: yield* Effect.forEach(result.data, toRequest) };
        }),
      transition: (input) =>
        transactor.transaction(
          Effect.gen(function* () {
            const [current] = yield* query((db) =>
              db
                .select()
                .from(placementRequests)
                .where(
                  input.scope?.organisationId === undefined
                    ? eq(placementRequests.id, input.id)
                    : and(
                        eq(placementRequests.id, input.id),
                        eq(placementRequests.organisationId, input.scope.organisationId),
                      ),
                )
                .for("update"),
            );
            if (current === undefined) return yield* new PlacementRequest.PlacementRequestNotFound({ id: input.id });
            const next = PlacementRequest.transition(current.state as PlacementRequest.PlacementState, {
              _tag: input.event,
            });
            if (Result.isFailure(next)) return yield* next.failure;
            const [row] = yield* query((db) =>
              db
                .update(placementRequests)
                .set({ state: next.success, version: sql`${placementRequests.version} + 1`, updatedAt: sql`now()` })
                .where(eq(placementRequests.id, input.id))
                .returning(),
            );
            return yield* toRequest(row as Row);
          }),
        ),
    });
  }),
);
