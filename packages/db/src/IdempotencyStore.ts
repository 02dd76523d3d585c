import { Ports } from "@comensha/domain";
import { and, eq, lt, type Placeholder, sql } from "drizzle-orm";
import { Context, Effect, Layer } from "effect";
import { builtOnce, Database, deferWith, queryWith, rowsOf } from "./Database.js";
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

/** What `lookup` finds for a key that could not be claimed. */
export type IdempotencyTaken = Exclude<IdempotencyBegin, { readonly state: "started" }>;

/** How long a key is kept, and after how long an unfinished first request counts as abandoned. */
export const idempotencyRetentionHours = 24;
const abandonedAfterSeconds = 60;

/** Binds a stored answer's ciphertext to its row: an answer moved to another scope or key no longer decrypts. */
export const idempotencyContext = (scope: string, key: string) => `idempotency:${JSON.stringify([scope, key])}`;

/**
 * Idempotency keys of creating calls (DESIGN.md section 4). `begin` claims a key (committed at once, so a
 * concurrent request with the same key sees it in flight), or `claim` does inside the change's own transaction (one
 * commit for the change, its audit event and its answer: the hot path of creating registrations); `complete` stores the response and must run in the
 * same transaction as the change it answers, so a change and its stored answer commit together; `release` drops a
 * claim whose request failed without a change, so a retry can run again. A stored answer repeats the personal data
 * of its request, so its headers and body are kept encrypted (Crypto, bound to scope and key); `deleteExpired` lets
 * a periodic job drop answers past their retention that no retry came back for.
 */
export class IdempotencyStore extends Context.Service<
  IdempotencyStore,
  {
    readonly begin: (scope: string, key: string, requestHash: string) => Effect.Effect<IdempotencyBegin>;
    /**
     * Claims a key in one statement, in the current transaction when there is one (then the claim commits or rolls
     * back with the change, and a concurrent request with the same key waits for it); false when the key is taken.
     */
    readonly claim: (scope: string, key: string, requestHash: string) => Effect.Effect<boolean>;
    /** What a key that `claim` found taken holds (never `started`). */
    readonly lookup: (scope: string, key: string, requestHash: string) => Effect.Effect<IdempotencyTaken>;
    readonly complete: (scope: string, key: string, response: StoredResponse) => Effect.Effect<void>;
    readonly release: (scope: string, key: string) => Effect.Effect<void>;
    /** Deletes keys past their expiry; answers how many. */
    readonly deleteExpired: Effect.Effect<number>;
  }
>()("@comensha/db/IdempotencyStore") {
  static readonly layer = Layer.effect(
    IdempotencyStore,
    Effect.gen(function* () {
      const database = yield* Database;
      const query = queryWith(database);
      const defer = deferWith(database);
      const crypto = yield* Ports.Crypto;
      /** One key of one scope: given as values, or as placeholders of a statement built once. */
      const where = (scope: string | Placeholder<"scope">, key: string | Placeholder<"key">) =>
        and(eq(idempotencyKeys.scope, scope), eq(idempotencyKeys.key, key));
      const expiry = sql`now() + make_interval(hours => ${idempotencyRetentionHours})`;
      // One statement: a new key is claimed; an expired one, or one whose first request with this body was
      // abandoned (in flight for a minute: its process died), is claimed again; any other is left as it is.
      const claimStatement = builtOnce((db) =>
        db
          .insert(idempotencyKeys)
          .values({
            scope: sql.placeholder("scope"),
            key: sql.placeholder("key"),
            requestHash: sql.placeholder("requestHash"),
            state: "in_flight",
            expiresAt: expiry,
          })
          .onConflictDoUpdate({
            target: [idempotencyKeys.scope, idempotencyKeys.key],
            set: {
              requestHash: sql`excluded.request_hash`,
              state: "in_flight",
              responseStatus: null,
              response: null,
              createdAt: sql`now()`,
              expiresAt: expiry,
            },
            setWhere: sql`${idempotencyKeys.expiresAt} < now() or (${idempotencyKeys.state} = 'in_flight'
              and ${idempotencyKeys.requestHash} = excluded.request_hash
              and ${idempotencyKeys.createdAt} < now() - make_interval(secs => ${abandonedAfterSeconds}))`,
          })
          .returning({ key: idempotencyKeys.key }),
      );
      const claim = (scope: string, key: string, requestHash: string) =>
        Effect.map(
          query((db) => claimStatement(db, { scope, key, requestHash })),
          (result) => rowsOf(result).length > 0,
        );
      const completeStatement = builtOnce((db) =>
        db
          .update(idempotencyKeys)
          .set({
            state: "completed",
            responseStatus: sql`${sql.placeholder("responseStatus")}`,
            response: sql`${sql.placeholder("response")}`,
          })
          .where(where(sql.placeholder("scope"), sql.placeholder("key"))),
      );
      // What a key that could not be claimed holds: another body, a stored answer, or a first request running.
      const lookup = (scope: string, key: string, requestHash: string) =>
        Effect.gen(function* (): Effect.fn.Return<IdempotencyTaken> {
          const [row] = yield* query((db) =>
            db
              .select({
                requestHash: idempotencyKeys.requestHash,
                state: idempotencyKeys.state,
                responseStatus: idempotencyKeys.responseStatus,
                response: idempotencyKeys.response,
              })
              .from(idempotencyKeys)
              .where(where(scope, key)),
          );
          if (row === undefined) return { state: "in_flight" } as const;
          if (row.requestHash !== requestHash) return { state: "mismatch" } as const;
          if (row.state !== "completed") return { state: "in_flight" } as const;
          const stored =
            row.response === null
              ? { headers: {}, body: "" }
              : (JSON.parse(yield* Effect.orDie(crypto.decrypt(row.response, idempotencyContext(scope, key)))) as Pick<
                  StoredResponse,
                  "headers" | "body"
                >);
          return {
            state: "replay",
            response: { status: row.responseStatus ?? 200, headers: stored.headers, body: stored.body },
          };
        });
      return IdempotencyStore.of({
        begin: (scope, key, requestHash) =>
          Effect.flatMap(
            claim(scope, key, requestHash),
            (claimed): Effect.Effect<IdempotencyBegin> =>
              claimed ? Effect.succeed({ state: "started" }) : lookup(scope, key, requestHash),
          ),
        claim,
        lookup,
        complete: (scope, key, response) =>
          Effect.gen(function* () {
            const sealed = yield* crypto.encrypt(
              JSON.stringify({ headers: response.headers, body: response.body }),
              idempotencyContext(scope, key),
            );
            // In a transaction (the change's own), not waited for: it commits with the change it answers.
            yield* defer((db) =>
              completeStatement(db, { scope, key, responseStatus: response.status, response: sealed }),
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
