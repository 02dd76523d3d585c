import { Ports, Session } from "@comensha/domain";
import { and, eq, lte, ne, or } from "drizzle-orm";
import { Effect, Layer, Schema } from "effect";
import { Database, queryWith, toIsoTimestamp } from "./Database.js";
import { organisations, sessions, users } from "./schema.js";
import { credentialColumns, toCredential } from "./UserRepository.js";

const decodeSession = Schema.decodeUnknownSync(Session.Session);

const toSession = (row: typeof sessions.$inferSelect) =>
  decodeSession({
    id: row.id,
    userId: row.userId,
    createdAt: toIsoTimestamp(row.createdAt),
    lastSeenAt: toIsoTimestamp(row.lastSeenAt),
    expiresAt: toIsoTimestamp(row.expiresAt),
  });

/** The domain's SessionRepository on drizzle. */
export const SessionRepositoryLive = Layer.effect(
  Ports.SessionRepository,
  Effect.gen(function* () {
    const query = queryWith(yield* Database);
    const ids = yield* Ports.IdGenerator;
    return Ports.SessionRepository.of({
      create: (input) =>
        Effect.gen(function* () {
          const id = yield* ids.next;
          const [row] = yield* query((db) =>
            db
              .insert(sessions)
              .values({
                id,
                userId: input.userId,
                tokenHash: input.tokenHash,
                csrfHash: input.csrfHash,
                createdAt: input.createdAt,
                lastSeenAt: input.createdAt,
                expiresAt: input.expiresAt,
              })
              .returning(),
          );
          return toSession(row as typeof sessions.$inferSelect);
        }),
      findByTokenHash: (tokenHash) =>
        Effect.map(
          query((db) =>
            db
              .select({ session: sessions, ...credentialColumns })
              .from(sessions)
              .innerJoin(users, eq(users.id, sessions.userId))
              .innerJoin(organisations, eq(organisations.id, users.organisationId))
              .where(eq(sessions.tokenHash, tokenHash)),
          ),
          ([row]) =>
            row === undefined
              ? undefined
              : {
                  session: toSession(row.session),
                  csrfHash: row.session.csrfHash,
                  user: toCredential(row.user, row.organisationStatus),
                },
        ),
      touch: (id, at) =>
        Effect.asVoid(query((db) => db.update(sessions).set({ lastSeenAt: at }).where(eq(sessions.id, id)))),
      delete: (id) => Effect.asVoid(query((db) => db.delete(sessions).where(eq(sessions.id, id)))),
      deleteForUser: (userId, options) =>
        Effect.map(
          query((db) =>
            db
              .delete(sessions)
              .where(
                and(
                  eq(sessions.userId, userId),
                  options?.except === undefined ? undefined : ne(sessions.id, options.except),
                ),
              )
              .returning({ id: sessions.id }),
          ),
          (rows) => rows.length,
        ),
      deleteEnded: (userId, now) =>
        Effect.asVoid(
          query((db) =>
            db
              .delete(sessions)
              .where(
                and(
                  eq(sessions.userId, userId),
                  or(
                    lte(sessions.expiresAt, new Date(now).toISOString()),
                    lte(sessions.lastSeenAt, new Date(now - Session.idleTimeoutMillis).toISOString()),
                  ),
                ),
              ),
          ),
        ),
    });
  }),
);
