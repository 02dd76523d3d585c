import { ApiKey, Ports, SeparationOfDuties } from "@comensha/domain";
import { and, asc, eq, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { approvalOf } from "./ApprovalColumns.js";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { apiKeys, organisations } from "./schema.js";

const decodeApiKey = Schema.decodeUnknownSync(ApiKey.ApiKey);

const toApiKey = (row: typeof apiKeys.$inferSelect) =>
  decodeApiKey({
    id: row.id,
    organisationId: row.organisationId,
    prefix: row.prefix,
    label: row.label,
    role: row.role,
    createdAt: toIsoTimestamp(row.createdAt),
    lastUsedAt: row.lastUsedAt === null ? null : toIsoTimestamp(row.lastUsedAt),
    revokedAt: row.revokedAt === null ? null : toIsoTimestamp(row.revokedAt),
    approval: approvalOf(row),
  });

/** The domain's ApiKeyRepository on drizzle. */
export const ApiKeyRepositoryLive = Layer.effect(
  Ports.ApiKeyRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    return Ports.ApiKeyRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(apiKeys)
              .values({
                id,
                organisationId: input.organisationId,
                prefix: input.prefix,
                secretHash: input.secretHash,
                label: input.label ?? null,
                role: input.role,
                ...(input.approvalRequestedBy === undefined
                  ? {}
                  : { requestedByKind: input.approvalRequestedBy.kind, requestedById: input.approvalRequestedBy.id }),
              })
              .returning(),
          );
          return toApiKey(row as typeof apiKeys.$inferSelect);
        }),
      findById: (id) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) => db.select().from(apiKeys).where(eq(apiKeys.id, id)));
          if (row === undefined) return yield* new ApiKey.ApiKeyNotFound({ id });
          return toApiKey(row);
        }),
      findByPrefix: (prefix) =>
        Effect.map(
          query((db) =>
            db
              .select({ key: apiKeys, organisationStatus: organisations.status })
              .from(apiKeys)
              .innerJoin(organisations, eq(organisations.id, apiKeys.organisationId))
              .where(eq(apiKeys.prefix, prefix)),
          ),
          ([row]) =>
            row === undefined
              ? undefined
              : {
                  key: toApiKey(row.key),
                  secretHash: row.key.secretHash,
                  organisationActive: row.organisationStatus === "active",
                },
        ),
      list: (organisationId) =>
        Effect.map(
          query((db) =>
            db.select().from(apiKeys).where(eq(apiKeys.organisationId, organisationId)).orderBy(asc(apiKeys.id)),
          ),
          (rows) => rows.map(toApiKey),
        ),
      revoke: (id) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) =>
            db
              .update(apiKeys)
              .set({ revokedAt: sql`coalesce(${apiKeys.revokedAt}, now())` })
              .where(eq(apiKeys.id, id))
              .returning(),
          );
          if (row === undefined) return yield* new ApiKey.ApiKeyNotFound({ id });
          return toApiKey(row);
        }),
      approve: (id, approvedBy) =>
        Effect.gen(function* () {
          const [row] = yield* query((db) =>
            db
              .update(apiKeys)
              .set({ approvedByKind: approvedBy.kind, approvedById: approvedBy.id, approvedAt: sql`now()` })
              .where(
                and(
                  eq(apiKeys.id, id),
                  isNotNull(apiKeys.requestedByKind),
                  isNull(apiKeys.approvedAt),
                  isNull(apiKeys.revokedAt),
                ),
              )
              .returning(),
          );
          if (row !== undefined) return toApiKey(row);
          const [found] = yield* query((db) => db.select({ id: apiKeys.id }).from(apiKeys).where(eq(apiKeys.id, id)));
          if (found === undefined) return yield* new ApiKey.ApiKeyNotFound({ id });
          return yield* new SeparationOfDuties.NotAwaitingApproval({ id });
        }),
      touch: (id) =>
        Effect.asVoid(
          query((db) =>
            db
              .update(apiKeys)
              .set({ lastUsedAt: sql`now()` })
              .where(
                and(
                  eq(apiKeys.id, id),
                  or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, sql`now() - interval '1 minute'`)),
                ),
              ),
          ),
        ),
    });
  }),
);
