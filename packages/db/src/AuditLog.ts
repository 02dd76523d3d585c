import { AuditEvent, Ports } from "@comensha/domain";
import { and, desc, eq, lt } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { auditEvents } from "./schema.js";

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

/** The domain's AuditLog on drizzle: append-only, newest first when listed. */
export const AuditLogLive = Layer.effect(
  Ports.AuditLog,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    return Ports.AuditLog.of({
      append: (event) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(auditEvents)
              .values({
                id,
                actorKind: event.actor.kind,
                actorId: event.actor.id,
                organisationId: event.actor.organisationId ?? null,
                action: event.action,
                resourceType: event.resourceType,
                resourceId: event.resourceId ?? null,
                outcome: event.outcome,
                requestId: event.requestId ?? null,
              })
              .returning(),
          );
          return toAuditEvent(row as typeof auditEvents.$inferSelect);
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
    });
  }),
);
