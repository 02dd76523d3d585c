import { readFileSync } from "node:fs";
import { sql } from "drizzle-orm";
import { DrizzleQueryError } from "drizzle-orm/errors";
import { Effect, ManagedRuntime } from "effect";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { connectionFailureCode, Database, DatabaseUnavailable } from "../src/index.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "../src/testing.js";

const journal = JSON.parse(readFileSync(new URL("../drizzle/meta/_journal.json", import.meta.url), "utf8")) as {
  entries: ReadonlyArray<{ when: number }>;
};
const expected = journal.entries.length;

const openDatabase = (database: TestDatabase) => ManagedRuntime.make(Database.layer(database.config));

/** An error as postgres.js makes it for a lost or refused connection (`Errors.connection`). */
const connectionError = (code: string) =>
  Object.assign(new Error(`write ${code} 127.0.0.1:5432`), { code, errno: code, address: "127.0.0.1", port: 5432 });

/** An error as postgres.js makes it from a server's ErrorResponse (`PostgresError`). */
const serverError = (code: string, severity: "ERROR" | "FATAL" | "PANIC") =>
  Object.assign(new Error("from the server"), { name: "PostgresError", code, severity, severity_local: severity });

/** How drizzle wraps a driver error: the query and its parameters (personal data) in message and stack. */
const wrapped = (cause: Error) => new DrizzleQueryError("select * from persons where name = $1", ["Anna"], cause);

describe("connectionFailureCode", () => {
  it.each([
    ["a refused socket", Object.assign(new Error("connect"), { code: "ECONNREFUSED", errno: -111 })],
    ["a reset socket", Object.assign(new Error("read"), { code: "ECONNRESET", errno: -104 })],
    ["a connect timeout", connectionError("CONNECT_TIMEOUT")],
    ["a closed connection", connectionError("CONNECTION_CLOSED")],
    ["an ended pool", connectionError("CONNECTION_ENDED")],
    ["a destroyed connection", connectionError("CONNECTION_DESTROYED")],
    ["a connection failure (08006)", serverError("08006", "ERROR")],
    ["an administrator's termination (57P01)", serverError("57P01", "FATAL")],
    ["a crash shutdown (57P02)", serverError("57P02", "FATAL")],
    ["a server starting up (57P03)", serverError("57P03", "FATAL")],
    ["a database that accepts no connections (55000, FATAL)", serverError("55000", "FATAL")],
    ["a database that is gone (3D000, FATAL)", serverError("3D000", "FATAL")],
    ["a server panic", serverError("XX000", "PANIC")],
  ])("recognises %s, also wrapped by drizzle and by DatabaseUnavailable", (_, error) => {
    const code = (error as { code: string }).code;
    expect(connectionFailureCode(error)).toBe(code);
    expect(connectionFailureCode(wrapped(error))).toBe(code);
    expect(connectionFailureCode(new DatabaseUnavailable({ cause: wrapped(error) }))).toBe(code);
  });

  it.each([
    ["a unique violation", serverError("23505", "ERROR")],
    ["a serialization failure", serverError("40001", "ERROR")],
    ["a statement-level 55000 (object not in prerequisite state)", serverError("55000", "ERROR")],
    ["a lock timeout", serverError("55P03", "ERROR")],
    ["a query cancelled by statement_timeout (57014)", serverError("57014", "ERROR")],
    ["an error whose message names a connection code", new Error("connect ECONNREFUSED 127.0.0.1:5432")],
    ["a code that is not a string", Object.assign(new Error("odd"), { code: 111 })],
  ])("does not take %s for an unreachable database", (_, error) => {
    expect(connectionFailureCode(error)).toBeUndefined();
    expect(connectionFailureCode(wrapped(error))).toBeUndefined();
  });

  it("answers undefined for values that are not errors, and ends on a cause cycle", () => {
    for (const value of [undefined, null, "ECONNREFUSED", 42, { code: 42 }]) {
      expect(connectionFailureCode(value)).toBeUndefined();
    }
    const first = new Error("first") as Error & { cause?: unknown };
    const second = new Error("second", { cause: first });
    first.cause = second;
    expect(connectionFailureCode(first)).toBeUndefined();
  });

  it("recognises what postgres.js really raises for a server that does not listen", async () => {
    const client = postgres("postgres://postgres@127.0.0.1:1/nothing", { max: 1, connect_timeout: 5 });
    try {
      const error = await client`select 1`.then(
        () => undefined,
        (failure: unknown) => failure,
      );
      expect(connectionFailureCode(error)).toBe("ECONNREFUSED");
    } finally {
      await client.end({ timeout: 1 });
    }
  });
});

describe("an embedded database that is closed", () => {
  it("reports its failures as PGLITE_CLOSED", async () => {
    const runtime = ManagedRuntime.make(Database.layer({ kind: "pglite" }));
    const database = await runtime.runPromise(Database.useSync((service) => service));
    await runtime.dispose();
    const error = await database.drizzle.execute(sql`select 1`).then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeDefined();
    expect(connectionFailureCode(error)).toBeUndefined();
    expect(database.connectionFailure(error)).toBe("PGLITE_CLOSED");
    expect(database.connectionFailure(new Error("anything"))).toBe("PGLITE_CLOSED");
  });
});

describe.each(testDatabaseKinds())("the migration status on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Database, unknown>;
  const status = () => runtime.runPromise(Effect.flatMap(Database, (db) => db.migrationStatus));
  const execute = (query: ReturnType<typeof sql>) =>
    runtime.runPromise(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(query))));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = openDatabase(database);
  });
  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  it("is behind with nothing applied before the first migration", async () => {
    expect(await status()).toEqual({ expected, applied: 0, state: "behind" });
  });

  it("is current once migrated, and migrating again changes nothing", async () => {
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
    expect(await status()).toEqual({ expected, applied: expected, state: "current" });
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
    expect(await status()).toEqual({ expected, applied: expected, state: "current" });
  });

  it("is behind when the last migration is missing, ahead when a newer one was applied, diverged otherwise", async () => {
    const last = journal.entries.at(-1)?.when ?? 0;
    await execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${last}`);
    expect(await status()).toEqual({ expected, applied: expected - 1, state: "behind" });
    await execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('restored', ${last})`);
    await execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('newer', ${last + 1})`);
    expect(await status()).toEqual({ expected, applied: expected + 1, state: "ahead" });
    await execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${last + 1}`);
    const first = journal.entries[0]?.when ?? 0;
    await execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${first}`);
    expect(await status()).toEqual({ expected, applied: expected - 1, state: "diverged" });
    await execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('restored', ${first})`);
    expect(await status()).toEqual({ expected, applied: expected, state: "current" });
  });
});

describe.runIf(testDatabaseKinds().includes("postgres"))("migrations on PostgreSQL", () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase("postgres");
  });
  afterAll(async () => {
    await database?.drop();
  });

  it("run once when four processes migrate a fresh database at the same time", async () => {
    const runtimes = Array.from({ length: 4 }, () => openDatabase(database));
    try {
      const results = await Promise.allSettled(
        runtimes.map((runtime) => runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate))),
      );
      expect(results.map((result) => result.status)).toEqual(["fulfilled", "fulfilled", "fulfilled", "fulfilled"]);
    } finally {
      await Promise.all(runtimes.map((runtime) => runtime.dispose()));
    }
    if (database.config.kind !== "postgres") throw new Error("expected a PostgreSQL test database");
    const client = postgres(database.config.url, { max: 1, onnotice: () => undefined });
    try {
      const rows = await client<Array<{ createdAt: string; copies: number }>>`
        select created_at::text as "createdAt", count(*)::int as copies
        from drizzle.__drizzle_migrations group by created_at order by created_at`;
      expect(rows.map((row) => Number(row.createdAt))).toEqual(journal.entries.map((entry) => entry.when));
      expect(rows.every((row) => row.copies === 1)).toBe(true);
      const [held] = await client<Array<{ count: number }>>`
        select count(*)::int as count from pg_locks where locktype = 'advisory'
        and database = (select oid from pg_database where datname = current_database())`;
      expect(held?.count).toBe(0);
    } finally {
      await client.end();
    }
  });
});
