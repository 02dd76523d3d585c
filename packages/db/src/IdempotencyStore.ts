import { Ports } from "@comensha/domain";
import { and, eq, lt, sql } from "drizzle-orm";
import { Context, Effect, Layer } from "effect";
import { Database, queryWith } from "./Database.js";
import { idempotencyKeys } from "./schema.js";

/** A response as stored for replay: status, the headers that matter, and the body. */
export interface StoredResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** What `begin` found for a key. */
export type IdempotencyBegin =
  | { readonly state: "started" }
  | { readonly state: "replay"; readonly response: StoredResponse }
  | { readonly state: "in_flight" }
  | { readonly state: "mismatch" };

/** How long a key is kept, and after how long an unfinished first request counts as abandoned. */
export const idempotencyRetentionHours = 24;
const abandonedAfterSeconds = 60;

/** Binds a stored answer's ciphertext to its row: an answer moved to another scope or key no longer decrypts. */
export const idempotencyContext = (scope: string, key: string) => `idempotency:${JSON.stringify([scope, key])}`;

/**
 * Idempotency keys of creating calls (DESIGN.md section 4). `begin` claims a key (committed at once, so a
 * concurrent request with the same key sees it in flight); `complete` stores the response and must run in the
 * same transaction as the change it answers, so a change and its stored answer commit together; `release` drops a
 * claim whose request failed without a change, so a retry can run again. A stored answer repeats the personal data
 * of its request, so its headers and body are kept encrypted (Crypto, bound to scope and key); `deleteExpired` lets
 * a periodic job drop answers past their retention that no retry came back for.
 */
export class IdempotencyStore extends Context.Service<
  IdempotencyStore,
  {
    readonly begin: (scope: string, key: string, requestHash: string) => Effect.Effect<IdempotencyBegin>;
    readonly complete: (scope: string, key: string, response: StoredResponse) => Effect.Effect<void>;
    readonly release: (scope: string, key: string) => Effect.Effect<void>;
    /** Deletes keys past their expiry; answers how many. */
    readonly deleteExpired: Effect.Effect<number>;
  }
>()("@comensha/db/IdempotencyStore") {
  static readonly layer = Layer.effect(
    IdempotencyStore,
    Effect.gen(function* () {
      const query = queryWith(yield* Database);
      const crypto = yield* Ports.Crypto;
      const where = (scope: string, key: string) => and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
      const claim = (scope: string, key: string, requestHash: string) =>
        query((db) =>
          db
            .insert(idempotencyKeys)
            .values({
              scope,
              key,
              requestHash,
              state: "in_flight",
              expiresAt: sql`now() + make_interval(hours => ${idempotencyRetentionHours})`,
            })
            .onConflictDoNothing()
            .returning({ key: idempotencyKeys.key }),
        );
      return IdempotencyStore.of({
        begin: (scope, key, requestHash) =>
          Effect.gen(function* () {
            yield* query((db) =>
              db.delete(idempotencyKeys).where(and(where(scope, key), lt(idempotencyKeys.expiresAt, sql`now()`))),
            );
            if ((yield* claim(scope, key, requestHash)).length > 0) return { state: "started" } as const;
            const [row] = yield* query((db) =>
              db
                .select({
                  requestHash: idempotencyKeys.requestHash,
                  state: idempotencyKeys.state,
                  responseStatus: idempotencyKeys.responseStatus,
                  response: idempotencyKeys.response,
                  abandoned: sql<boolean>`${idempotencyKeys.createdAt} < now() - make_interval(secs => ${abandonedAfterSeconds})`,
                })
                .from(idempotencyKeys)
                .where(where(scope, key)),
            );
            if (row === undefined) {
              return (yield* claim(scope, key, requestHash)).length > 0
                ? ({ state: "started" } as const)
                : ({ state: "in_flight" } as const);
            }
            if (row.requestHash !== requestHash) return { state: "mismatch" } as const;
            if (row.state === "completed") {
              const stored =
                row.response === null
                  ? { headers: {}, body: "" }
                  : (JSON.parse(
                      yield* Effect.orDie(crypto.decrypt(row.response, idempotencyContext(scope, key))),
                    ) as Pick<StoredResponse, "headers" | "body">);
              return {
                state: "replay",
                response: { status: row.responseStatus ?? 200, headers: stored.headers, body: stored.body },
              } as const;
            }
            if (row.abandoned) {
              const taken = yield* query((db) =>
                db
                  .update(idempotencyKeys)
                  .set({ createdAt: sql`now()` })
                  .where(
                    and(
                      where(scope, key),
                      eq(idempotencyKeys.state, "in_flight"),
                      // Checked again under the row lock: of two retries taking over at once, the second finds the
                      // claim renewed by the first and leaves it in flight.
                      lt(idempotencyKeys.createdAt, sql`now() - make_interval(secs => ${abandonedAfterSeconds})`),
                    ),
                  )
                  .returning({ key: idempotencyKeys.key }),
              );
              if (taken.length > 0) return { state: "started" } as const;
            }
            return { state: "in_flight" } as const;
          }),
        complete: (scope, key, response) =>
          Effect.gen(function* () {
            const sealed = yield* crypto.encrypt(
              JSON.stringify({ headers: response.headers, body: response.body }),
              idempotencyContext(scope, key),
            );
            yield* query((db) =>
              db
                .update(idempotencyKeys)
                .set({ state: "completed", responseStatus: response.status, response: sealed })
                .where(where(scope, key)),
            );
          }),
        release: (scope, key) =>
          Effect.asVoid(
            query((db) =>
              db.delete(idempotencyKeys).where(and(where(scope, key), eq(idempotencyKeys.state, "in_flight"))),
            ),
          ),
        deleteExpired: Effect.map(
          query((db) =>
            db
              .delete(idempotencyKeys)
              .where(lt(idempotencyKeys.expiresAt, sql`now()`))
              .returning({ key: idempotencyKeys.key }),
          ),
          (rows) => rows.length,
        ),
      });
    }),
  );
}
