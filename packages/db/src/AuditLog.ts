import { AuditEvent, Ports } from "@comensha/domain";
import { and, desc, eq, gte, ilike, inArray, like, lt, not, or, type SQL, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { cursorOf, pageOf, subqueryFence } from "./Cursor.js";
import { builtOnce, CurrentTransaction, Database, deferWith, queryWith, toIsoTimestamp } from "./Database.js";
import { auditEvents, organisations, users } from "./schema.js";

const decodeAuditEvent = Schema.decodeUnknownSync(AuditEvent.AuditEvent);

const toAuditEvent = (row: typeof auditEvents.$inferSelect) =>
  decodeAuditEvent({
    id: row.id,
    occurredAt: toIsoTimestamp(row.occurredAt),
    actor: {
      kind: row.actorKind,
      id: row.actorId,
      ...(row.organisationId === null ? {} : { organisationId: row.organisationId }),
    },
    action: row.action,
    resourceType: row.resourceType,
    ...(row.resourceId === null ? {} : { resourceId: row.resourceId }),
    outcome: row.outcome,
    ...(row.requestId === null ? {} : { requestId: row.requestId }),
  });

/** `text` as a LIKE pattern that matches it anywhere, its own `%`, `_` and `\\` taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;

/** Whether an event's action is a read: a read action, or any replay (see `AuditEvent.kindOfAction`). */
const isRead = sql`(${inArray(auditEvents.action, [...AuditEvent.readActions])} or ${like(auditEvents.action, "%.replay")})`;

/**
 * The events of the actors whose name contains `name`: users by their name, API keys by their organisation's, the
 * system by its actor id. The users and organisations are looked up first (small tables), so that the events are
 * found by the indexes on actor id, organisation and actor kind rather than by reading the whole log.
 */
const actorNamed = (name: string) =>
  or(
    and(
      eq(auditEvents.actorKind, "user"),
      sql`${auditEvents.actorId} = any(array(select named.id::text from ${users} named where named.name ilike ${containing(name)}))`,
    ),
    and(
      eq(auditEvents.actorKind, "api_key"),
      sql`${auditEvents.organisationId} = any(array(select named.id from ${organisations} named where named.name ilike ${containing(name)}))`,
    ),
    and(eq(auditEvents.actorKind, "system"), ilike(auditEvents.actorId, containing(name))),
  );

/** The conditions of a filter (`AuditEvent.AuditFilter`), over the events joined with users and organisations. */
const conditionsOf = (filter: AuditEvent.AuditFilter): Array<SQL | undefined> => [
  filter.actorKind === undefined ? undefined : eq(auditEvents.actorKind, filter.actorKind),
  filter.actorId === undefined ? undefined : eq(auditEvents.actorId, filter.actorId),
  filter.actorName === undefined ? undefined : actorNamed(filter.actorName),
  filter.organisationId === undefined ? undefined : eq(auditEvents.organisationId, filter.organisationId),
  filter.action === undefined ? undefined : eq(auditEvents.action, filter.action),
  filter.kind === undefined ? undefined : filter.kind === "read" ? isRead : not(isRead),
  filter.resourceType === undefined ? undefined : eq(auditEvents.resourceType, filter.resourceType),
  filter.resourceId === undefined ? undefined : eq(auditEvents.resourceId, filter.resourceId),
  filter.outcome === undefined ? undefined : eq(auditEvents.outcome, filter.outcome),
  filter.occurredFrom === undefined ? undefined : gte(auditEvents.occurredAt, filter.occurredFrom),
  filter.occurredBefore === undefined ? undefined : lt(auditEvents.occurredAt, filter.occurredBefore),
];

/** The longest period, in days, whose events a search finds by their time first (see `search`). */
const shortPeriodDays = 31;

/** Whether a filter names a period of both ends, at most {@link shortPeriodDays} long. */
const isShortPeriod = (filter: AuditEvent.AuditFilter) =>
  filter.occurredFrom !== undefined &&
  filter.occurredBefore !== undefined &&
  (Date.parse(filter.occurredBefore) - Date.parse(filter.occurredFrom)) / 86_400_000 <= shortPeriodDays;

/** The domain's AuditLog on drizzle: append-only, newest first when listed. */
export const AuditLogLive = Layer.effect(
  Ports.AuditLog,
  Effect.gen(function* () {
    const database = yield* Database;
    const query = queryWith(database);
    const ids = yield* Ports.IdGenerator;
    const transactor = yield* Ports.Transactor;
    const defer = deferWith(database);
    const insertEvent = builtOnce((db) =>
      db.insert(auditEvents).values({
        id: sql.placeholder("id"),
        actorKind: sql.placeholder("actorKind"),
        actorId: sql.placeholder("actorId"),
        organisationId: sql.placeholder("organisationId"),
        action: sql.placeholder("action"),
        resourceType: sql.placeholder("resourceType"),
        resourceId: sql.placeholder("resourceId"),
        outcome: sql.placeholder("outcome"),
        requestId: sql.placeholder("requestId"),
      }),
    );
    return Ports.AuditLog.of({
      append: (event) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const values = {
            id,
            actorKind: event.actor.kind,
            actorId: event.actor.id,
            organisationId: event.actor.organisationId ?? null,
            action: event.action,
            resourceType: event.resourceType,
            resourceId: event.resourceId ?? null,
            outcome: event.outcome,
            requestId: event.requestId ?? null,
          };
          if ((yield* CurrentTransaction) === undefined) {
            const [row] = yield* query((db) => db.insert(auditEvents).values(values).returning());
            return toAuditEvent(row as typeof auditEvents.$inferSelect);
          }
          // In a transaction: written without waiting (it commits or rolls back with the change it records), and
          // the event is what was sent, at the transaction's time as `occurred_at`'s default takes it.
          yield* defer((db) => insertEvent(db, values));
          return toAuditEvent({ ...values, occurredAt: yield* transactor.now });
        }),
      list: (page) =>
        Effect.gen(function* () {
          const after = yield* cursorOf(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(auditEvents)
              .where(after === undefined ? undefined : lt(auditEvents.id, after))
              .orderBy(desc(auditEvents.id))
              .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          return { ...result, data: result.data.map(toAuditEvent) };
        }),
      listForResource: (resource, page) =>
        Effect.gen(function* () {
          const after = yield* cursorOf(page.cursor);
          const rows = yield* query((db) =>
            db
              .select()
              .from(auditEvents)
              .where(
                and(
                  eq(auditEvents.resourceType, resource.type),
                  eq(auditEvents.resourceId, resource.id),
                  after === undefined ? undefined : lt(auditEvents.id, after),
                ),
              )
              .orderBy(desc(auditEvents.id))
              .limit(page.limit + 1),
          );
          const result = pageOf(rows, page.limit);
          return { ...result, data: result.data.map(toAuditEvent) };
        }),
      search: (filter, page) =>
        Effect.gen(function* () {
          const after = yield* cursorOf(page.cursor);
          const rows = yield* query((db) => {
            // The events of a short period are found first, by the index on the time, then the newest of them are
            // named; left alone the planner walks the log back from the newest event until it has a page, as if
            // the events of the period were spread evenly over the ids, while ids follow the time: for a period
            // long ago that walk reads nearly the whole log. Other filters leave PostgreSQL to merge the subquery.
            const matching = db
              .select()
              .from(auditEvents)
              .where(and(...conditionsOf(filter), after === undefined ? undefined : lt(auditEvents.id, after)))
              .offset(isShortPeriod(filter) ? subqueryFence : 0)
              .as("matching");
            return db
              .select({
                event: {
                  id: matching.id,
                  occurredAt: matching.occurredAt,
                  actorKind: matching.actorKind,
                  actorId: matching.actorId,
                  organisationId: matching.organisationId,
                  action: matching.action,
                  resourceType: matching.resourceType,
                  resourceId: matching.resourceId,
                  outcome: matching.outcome,
                  requestId: matching.requestId,
                },
                userName: users.name,
                organisationName: organisations.name,
              })
              .from(matching)
              .leftJoin(users, and(eq(matching.actorKind, "user"), sql`${users.id}::text = ${matching.actorId}`))
              .leftJoin(organisations, eq(organisations.id, matching.organisationId))
              .orderBy(desc(matching.id))
              .limit(page.limit + 1);
          });
          const result = pageOf(
            rows.map((row) => ({ ...row, id: row.event.id })),
            page.limit,
          );
          return {
            ...result,
            data: result.data.map(({ event, userName, organisationName }): AuditEvent.AuditEntry => {
              const actorName = event.actorKind === "api_key" ? organisationName : userName;
              return {
                ...toAuditEvent(event),
                kind: AuditEvent.kindOfAction(event.action),
                ...(actorName === null ? {} : { actorName }),
                ...(organisationName === null ? {} : { organisationName }),
              };
            }),
          };
        }),
    });
  }),
);
