import { Ports, Webhook } from "@comensha/domain";
import { and, asc, desc, eq, lt, sql } from "drizzle-orm";
import { Effect, Layer, Redacted, Schema } from "effect";
import { cursorOf, pageOf } from "./Cursor.js";
import { Database, deferWith, queryWith, rowsOf, toIsoTimestamp } from "./Database.js";
import { webhookDeliveries, webhookEndpoints } from "./schema.js";

/** Binds an endpoint's signing secret to its endpoint (associated data). */
export const webhookSecretContext = (id: string) => `webhook-endpoint:${id}:secret`;

/**
 * Binds the secret sealed inside the stored idempotent answer of an endpoint's creation to the endpoint: the answer
 * shows the secret once, and its replay shows it again, but the stored copy holds it only sealed.
 */
export const webhookCreatedAnswerContext = (id: string) => `webhook-endpoint:${id}:created`;

const decodeEndpoint = Schema.decodeUnknownSync(Webhook.WebhookEndpoint);
const decodeDelivery = Schema.decodeUnknownSync(Webhook.WebhookDelivery);

type EndpointRow = typeof webhookEndpoints.$inferSelect;
type DeliveryRow = typeof webhookDeliveries.$inferSelect;

const toEndpoint = (row: EndpointRow) =>
  decodeEndpoint({
    id: row.id,
    organisationId: row.organisationId,
    url: row.url,
    events: row.events,
    description: row.description,
    status: row.status,
    failedAttemptsInARow: row.failedAttemptsInARow,
    createdAt: toIsoTimestamp(row.createdAt),
    disabledAt: row.disabledAt === null ? null : toIsoTimestamp(row.disabledAt),
  });

const optionalTimestamp = (value: string | null) => (value === null ? null : toIsoTimestamp(value));

/** A stored delivery; its event's timestamp is when the delivery was written (the change's transaction). */
const toDelivery = (row: DeliveryRow) =>
  decodeDelivery({
    id: row.id,
    endpointId: row.endpointId,
    event: { ...(row.event as object), timestamp: toIsoTimestamp(row.createdAt) },
    status: row.status,
    attempts: row.attempts,
    lastResponseStatus: row.lastResponseStatus,
    lastError: row.lastError,
    nextAttemptAt: row.status === "pending" ? optionalTimestamp(row.nextAttemptAt) : null,
    createdAt: toIsoTimestamp(row.createdAt),
    deliveredAt: optionalTimestamp(row.deliveredAt),
  });

/** A timestamp of a raw statement: postgres.js answers text, PGlite a Date. */
const rawTimestamp = (value: unknown) => (value instanceof Date ? value.toISOString() : String(value));

/** A row of a raw statement, in the column names of the table, with timestamps as either driver answers them. */
const deliveryOfRaw = (row: Record<string, unknown>): DeliveryRow => ({
  id: String(row.id),
  endpointId: String(row.endpoint_id),
  event: typeof row.event === "string" ? JSON.parse(row.event) : row.event,
  status: String(row.status),
  attempts: Number(row.attempts),
  lastResponseStatus: row.last_response_status === null ? null : Number(row.last_response_status),
  lastError: row.last_error === null ? null : String(row.last_error),
  nextAttemptAt: row.next_attempt_at === null ? null : rawTimestamp(row.next_attempt_at),
  createdAt: rawTimestamp(row.created_at),
  deliveredAt: row.delivered_at === null ? null : rawTimestamp(row.delivered_at),
});

/** The domain's WebhookRepository on drizzle. */
export const WebhookRepositoryLive = Layer.effect(
  Ports.WebhookRepository,
  Effect.gen(function* () {
    const database = yield* Database;
    const query = queryWith(database);
    const defer = deferWith(database);
    const ids = yield* Ports.IdGenerator;
    const crypto = yield* Ports.Crypto;

    const findEndpointRow = (id: string, organisationId: string) =>
      Effect.flatMap(
        query((db) =>
          db
            .select()
            .from(webhookEndpoints)
            .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.organisationId, organisationId))),
        ),
        ([row]) => (row === undefined ? Effect.fail(new Webhook.WebhookEndpointNotFound({ id })) : Effect.succeed(row)),
      );

    return Ports.WebhookRepository.of({
      createEndpoint: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const secret = yield* crypto.encrypt(Redacted.value(input.secret), webhookSecretContext(id));
          const [row] = yield* query((db) =>
            db
              .insert(webhookEndpoints)
              .values({
                id,
                organisationId: input.organisationId,
                url: input.endpoint.url,
                events: [...input.endpoint.events],
                description: input.endpoint.description ?? null,
                secret,
              })
              .returning(),
          );
          return toEndpoint(row as EndpointRow);
        }),
      listEndpoints: (organisationId) =>
        Effect.map(
          query((db) =>
            db
              .select()
              .from(webhookEndpoints)
              .where(eq(webhookEndpoints.organisationId, organisationId))
              .orderBy(asc(webhookEndpoints.id)),
          ),
          (rows) => rows.map(toEndpoint),
        ),
      findEndpoint: (id, organisationId) => Effect.map(findEndpointRow(id, organisationId), toEndpoint),
      setEndpointStatus: (id, organisationId, status) =>
        Effect.gen(function* () {
          yield* findEndpointRow(id, organisationId);
          const [row] = yield* query((db) =>
            db
              .update(webhookEndpoints)
              .set(
                status === "active"
                  ? { status, failedAttemptsInARow: 0, disabledAt: null }
                  : { status, disabledAt: sql`coalesce(${webhookEndpoints.disabledAt}, now())` },
              )
              .where(eq(webhookEndpoints.id, id))
              .returning(),
          );
          return toEndpoint(row as EndpointRow);
        }),
      deleteEndpoint: (id, organisationId) =>
        Effect.gen(function* () {
          yield* findEndpointRow(id, organisationId);
          yield* query((db) => db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id)));
        }),
      enqueue: (organisationId, event) =>
        defer((db) =>
          db.execute(sql`
            insert into webhook_deliveries (id, endpoint_id, event, next_attempt_at)
            select comensha_uuid_v7(), e.id, ${JSON.stringify({ type: event.type, data: event.data })}::jsonb, now()
            from webhook_endpoints e
            where e.organisation_id = ${organisationId} and e.status = 'active' and ${event.type} = any(e.events)`),
        ),
      claimDue: (limit, leaseSeconds) =>
        Effect.gen(function* () {
          const rows = rowsOf(
            yield* query((db) =>
              db.execute(sql`
                with due as (
                  select d.id from webhook_deliveries d
                  join webhook_endpoints e on e.id = d.endpoint_id and e.status = 'active'
                  where d.status = 'pending' and d.next_attempt_at <= now()
                  order by d.next_attempt_at, d.id
                  limit ${limit}
                  for update of d skip locked
                )
                update webhook_deliveries d
                set next_attempt_at = now() + make_interval(secs => ${leaseSeconds})
                from due, webhook_endpoints e
                where d.id = due.id and e.id = d.endpoint_id
                returning d.*, e.url as endpoint_url, e.secret as endpoint_secret`),
            ),
          );
          return yield* Effect.forEach(rows, (row) =>
            Effect.gen(function* () {
              const delivery = toDelivery(deliveryOfRaw(row));
              const ciphertext = row.endpoint_secret as Uint8Array;
              const secret = yield* Effect.orDie(
                crypto.decrypt(new Uint8Array(ciphertext), webhookSecretContext(delivery.endpointId)),
              );
              return { delivery, url: String(row.endpoint_url), secret: Redacted.make(secret) };
            }),
          );
        }),
      recordAttempt: (input) =>
        Effect.gen(function* () {
          const failed = !input.delivered;
          const [delivery] = yield* query((db) =>
            db
              .update(webhookDeliveries)
              .set({
                attempts: sql`${webhookDeliveries.attempts} + 1`,
                lastResponseStatus: input.responseStatus,
                lastError: input.error,
                ...(input.delivered
                  ? { status: "succeeded", deliveredAt: sql`now()`, nextAttemptAt: null }
                  : input.retryInSeconds === undefined
                    ? { status: "failed", nextAttemptAt: null }
                    : { nextAttemptAt: sql`now() + make_interval(secs => ${input.retryInSeconds})` }),
              })
              .where(and(eq(webhookDeliveries.id, input.id), eq(webhookDeliveries.status, "pending")))
              .returning({ endpointId: webhookDeliveries.endpointId }),
          );
          if (delivery === undefined) return { endpointDisabled: false };
          const [endpoint] = yield* query((db) =>
            db
              .update(webhookEndpoints)
              .set(
                failed
                  ? {
                      failedAttemptsInARow: sql`${webhookEndpoints.failedAttemptsInARow} + 1`,
                      status: sql`case when ${webhookEndpoints.failedAttemptsInARow} + 1 >= ${Webhook.disableAfterFailedAttempts} then 'disabled' else ${webhookEndpoints.status} end`,
                      disabledAt: sql`case when ${webhookEndpoints.failedAttemptsInARow} + 1 >= ${Webhook.disableAfterFailedAttempts} and ${webhookEndpoints.status} = 'active' then now() else ${webhookEndpoints.disabledAt} end`,
                    }
                  : { failedAttemptsInARow: 0 },
              )
              .where(eq(webhookEndpoints.id, delivery.endpointId))
              .returning({ status: webhookEndpoints.status, failures: webhookEndpoints.failedAttemptsInARow }),
          );
          return {
            endpointDisabled:
              failed && endpoint?.status === "disabled" && endpoint.failures === Webhook.disableAfterFailedAttempts,
          };
        }),
      listDeliveries: (endpointId, organisationId, page) =>
        Effect.gen(function* () {
          const before = yield* cursorOf(page.cursor);
          yield* findEndpointRow(endpointId, organisationId);
          const rows = yield* query((db) =>
            db
              .select()
              .from(webhookDeliveries)
              .where(
                and(
                  eq(webhookDeliveries.endpointId, endpointId),
                  before === undefined ? undefined : lt(webhookDeliveries.id, before),
                ),
              )
              .orderBy(desc(webhookDeliveries.id))
              .limit(page.limit + 1),
          );
          return pageOf(rows.map(toDelivery), page.limit);
        }),
      replay: (id, endpointId, organisationId) =>
        Effect.gen(function* () {
          yield* findEndpointRow(endpointId, organisationId);
          const [row] = yield* query((db) =>
            db
              .update(webhookDeliveries)
              .set({
                status: "pending",
                attempts: 0,
                lastResponseStatus: null,
                lastError: null,
                nextAttemptAt: sql`now()`,
                deliveredAt: null,
              })
              .where(and(eq(webhookDeliveries.id, id), eq(webhookDeliveries.endpointId, endpointId)))
              .returning(),
          );
          if (row === undefined) return yield* new Webhook.WebhookDeliveryNotFound({ id });
          return toDelivery(row);
        }),
    });
  }),
);
