import { Ports } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Database, IdempotencyStore, storageLayer } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

describe.each(testDatabaseKinds())("the idempotency store on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Database | IdempotencyStore | Ports.Transactor, unknown>;
  const store = <A>(f: (s: IdempotencyStore["Service"]) => Effect.Effect<A>) =>
    runtime.runPromise(Effect.flatMap(IdempotencyStore, f));
  const response = { status: 201, headers: { etag: '"1"' }, body: '{"id":"x"}' };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  });
  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  it("starts a new key, reports it in flight, then replays the stored response for the same body", async () => {
    expect(await store((s) => s.begin("org-a", "k1", "hash-1"))).toEqual({ state: "started" });
    expect(await store((s) => s.begin("org-a", "k1", "hash-1"))).toEqual({ state: "in_flight" });
    await store((s) => s.complete("org-a", "k1", response));
    expect(await store((s) => s.begin("org-a", "k1", "hash-1"))).toEqual({ state: "replay", response });
    expect(await store((s) => s.begin("org-a", "k1", "hash-2"))).toEqual({ state: "mismatch" });
  });

  it("claims a key in a transaction: a concurrent claim waits for it, and gets the key only if it rolls back", async () => {
    const inTransaction = <A>(effect: Effect.Effect<A, never, IdempotencyStore>) =>
      runtime.runPromise(Effect.flatMap(Ports.Transactor, (transactor) => transactor.transaction(effect)));
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      open = resolve;
    });
    const first = inTransaction(
      Effect.gen(function* () {
        const store = yield* IdempotencyStore;
        const claimed = yield* store.claim("org-t", "k-tx", "h");
        yield* Effect.promise(() => gate);
        yield* store.complete("org-t", "k-tx", response);
        return claimed;
      }),
    );
    await new Promise((resolve) => setTimeout(resolve, 150));
    const second = store((s) => s.claim("org-t", "k-tx", "h"));
    let secondSettled = false;
    void second.then(() => {
      secondSettled = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(secondSettled).toBe(false);
    open();
    expect(await first).toBe(true);
    expect(await second).toBe(false);
    expect(await store((s) => s.lookup("org-t", "k-tx", "h"))).toEqual({ state: "replay", response });
    expect(await store((s) => s.lookup("org-t", "k-tx", "other"))).toEqual({ state: "mismatch" });

    const rolledBack = await runtime.runPromiseExit(
      Effect.flatMap(Ports.Transactor, (transactor) =>
        transactor.transaction(
          Effect.flatMap(IdempotencyStore, (s) => s.claim("org-t", "k-rollback", "h")).pipe(
            Effect.andThen(Effect.fail("the change failed")),
          ),
        ),
      ),
    );
    expect(rolledBack._tag).toBe("Failure");
    expect(await store((s) => s.claim("org-t", "k-rollback", "h"))).toBe(true);
  });

  it("scopes keys: the same key in another scope is a new request", async () => {
    await store((s) => s.begin("org-b", "shared", "h"));
    expect(await store((s) => s.begin("org-c", "shared", "h"))).toEqual({ state: "started" });
  });

  it("lets a released key run again, and forgets an expired one", async () => {
    await store((s) => s.begin("org-d", "k2", "h"));
    await store((s) => s.release("org-d", "k2"));
    expect(await store((s) => s.begin("org-d", "k2", "h"))).toEqual({ state: "started" });
    await store((s) => s.complete("org-d", "k2", response));
    await runtime.runPromise(
      Effect.flatMap(Database, (db) =>
        Effect.promise(() =>
          db.drizzle.execute(
            sql`update idempotency_keys set expires_at = now() - interval '1 second' where key = 'k2'`,
          ),
        ),
      ),
    );
    expect(await store((s) => s.begin("org-d", "k2", "other-body"))).toEqual({ state: "started" });
  });

  it("takes over a first request abandoned for over a minute (a crashed server)", async () => {
    await store((s) => s.begin("org-e", "k3", "h"));
    await runtime.runPromise(
      Effect.flatMap(Database, (db) =>
        Effect.promise(() =>
          db.drizzle.execute(
            sql`update idempotency_keys set created_at = now() - interval '2 minutes' where key = 'k3'`,
          ),
        ),
      ),
    );
    expect(await store((s) => s.begin("org-e", "k3", "h"))).toEqual({ state: "started" });
    expect(await store((s) => s.begin("org-e", "k3", "h"))).toEqual({ state: "in_flight" });
  });

  it("lets exactly one of many simultaneous retries take over an abandoned request", async () => {
    for (let round = 0; round < 10; round++) {
      const key = `k4-${round}`;
      await store((s) => s.begin("org-f", key, "h"));
      await runtime.runPromise(
        Effect.flatMap(Database, (db) =>
          Effect.promise(() =>
            db.drizzle.execute(
              sql`update idempotency_keys set created_at = now() - interval '2 minutes' where key = ${key}`,
            ),
          ),
        ),
      );
      const outcomes = await Promise.all(Array.from({ length: 8 }, () => store((s) => s.begin("org-f", key, "h"))));
      expect(outcomes.filter((outcome) => outcome.state === "started")).toHaveLength(1);
      expect(outcomes.filter((outcome) => outcome.state === "in_flight")).toHaveLength(7);
    }
  });
  it("stores an answer only encrypted, bound to its scope and key, and deletes expired keys", async () => {
    const personal = { status: 201, headers: { location: "/v1/x/1" }, body: '{"familyName":"Markerfamily"}' };
    await store((s) => s.begin("org-f", "k5", "h"));
    await store((s) => s.complete("org-f", "k5", personal));
    const sql_ = (text: string) =>
      runtime.runPromise(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(sql.raw(text)))));
    const rows = (await sql_("select * from idempotency_keys where key = 'k5'")) as unknown as
      | { rows: Array<Record<string, unknown>> }
      | Array<Record<string, unknown>>;
    const row = (Array.isArray(rows) ? rows : rows.rows)[0];
    expect(JSON.stringify(row)).not.toMatch(/markerfamily|\/v1\/x\/1/i);
    expect(Buffer.from(row?.response as Uint8Array).toString("latin1")).not.toMatch(/markerfamily/i);
    expect(await store((s) => s.begin("org-f", "k5", "h"))).toEqual({ state: "replay", response: personal });

    await store((s) => s.begin("org-f", "k6", "h"));
    await sql_(
      "update idempotency_keys set state = 'completed', response_status = 201, response = (select response from idempotency_keys where key = 'k5') where key = 'k6'",
    );
    await expect(store((s) => s.begin("org-f", "k6", "h"))).rejects.toThrow();

    await store((s) => s.begin("org-f", "k7", "h"));
    await sql_("update idempotency_keys set expires_at = now() - interval '1 second' where key in ('k5', 'k6')");
    expect(await store((s) => s.deleteExpired)).toBeGreaterThanOrEqual(2);
    expect(await store((s) => s.deleteExpired)).toBe(0);
    expect(await store((s) => s.begin("org-f", "k5", "h"))).toEqual({ state: "started" });
    expect(await store((s) => s.begin("org-f", "k7", "h"))).toEqual({ state: "in_flight" });
  });
});
