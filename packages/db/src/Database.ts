import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ports } from "@comensha/domain";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { type Query, sql } from "drizzle-orm";
import { readMigrationFiles } from "drizzle-orm/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { Context, Data, Effect, Exit, Layer, Schema } from "effect";
import postgres from "postgres";
import { type ApplicationRole, grantApplicationRole } from "./DatabaseRoles.js";
import { causeChain } from "./ErrorDescription.js";
import * as schema from "./schema.js";

/** A drizzle handle on our schema: the database itself or an open transaction. */
export type Executor = PgDatabase<PgQueryResultHKT, typeof schema>;

/**
 * Which storage to use: a PostgreSQL server, or PGlite embedded in this process. With `applicationRole`, `url`
 * connects as that role and the migrations run as the owner (`applicationRole.ownerUrl`), which then grants the
 * role its rights (see `grantApplicationRole`).
 */
export type DatabaseConfig =
  | {
      readonly kind: "postgres";
      readonly url: string;
      readonly maxConnections?: number;
      readonly applicationRole?: ApplicationRole;
    }
  | {
      readonly kind: "pglite";
      readonly dataDir?: string;
      /**
       * PostgreSQL's `shared_buffers` inside the embedded database, e.g. "16MB" (its default: {@link
       * defaultPgliteSharedBuffers}): the embedded database's page cache lives in this process's memory and never
       * gives memory back, so this bounds most of what it adds to the process.
       */
      readonly sharedBuffers?: string;
    };

/**
 * The embedded database's `shared_buffers` unless configured: PostgreSQL's own default (128MB) grows the process by
 * that much once the demo data has been read; 16MB keeps the demo's pages that are in use and leaves the rest to the
 * operating system's file cache.
 */
export const defaultPgliteSharedBuffers = "16MB";

/** The embedded data directory is held by another live process. */
export class DataDirectoryInUse extends Data.TaggedError("DataDirectoryInUse")<{
  readonly dataDir: string;
  readonly pid: number;
  readonly owner: string;
}> {
  override get message() {
    return (
      `The embedded database in ${this.dataDir} is in use by process ${this.pid} (${this.owner}). ` +
      "PGlite allows one process at a time: stop that process first, or use the running API."
    );
  }
}

/** The connection could not be opened or the migrations could not run. */
export class DatabaseUnavailable extends Data.TaggedError("DatabaseUnavailable")<{ readonly cause: unknown }> {
  override get message() {
    const cause = this.cause;
    const reason =
      cause instanceof Error
        ? cause.message
        : typeof cause === "string"
          ? cause
          : Object.prototype.toString.call(cause);
    return `The database is unavailable: ${reason}`;
  }
}

/**
 * The migrations: packages/db/drizzle beside this file's folder when run from source, or `drizzle/` beside the
 * bundle when the API is compiled into one folder (apps/api/dist, where its build copies them).
 */
const migrationsFolder = ((source: string, bundled: string) =>
  existsSync(join(source, "meta", "_journal.json")) ? source : bundled)(
  fileURLToPath(new URL("../drizzle", import.meta.url)),
  fileURLToPath(new URL("./drizzle", import.meta.url)),
);

/**
 * Where the database's schema stands against the migrations this build carries (packages/db/drizzle), as drizzle
 * records them in `drizzle.__drizzle_migrations`: `current` when as many are applied as expected and the last one
 * applied is the last one expected (by its `created_at`, the journal's `when`: what drizzle itself compares);
 * `behind` when migrating would apply some; `ahead` when the database was migrated by a newer build; `diverged`
 * otherwise (rows removed or added by hand).
 */
export const MigrationStatus = Schema.Struct({
  expected: Schema.Int,
  applied: Schema.Int,
  state: Schema.Literals(["current", "behind", "ahead", "diverged"]),
});
export type MigrationStatus = typeof MigrationStatus.Type;

/**
 * The key of the session-level advisory lock that PostgreSQL migrations run under, so that of several processes
 * starting together one migrates and the others wait and then find nothing to do: the ASCII bytes of "CoMensha"
 * (in `pg_locks`: `locktype = 'advisory'`, `classid = 1131367781`, `objid = 1853057121`).
 */
export const migrationLockKey = 0x436f4d656e736861n;

/** The open database: which kind it is, and the drizzle handle repositories query through. */
export class Database extends Context.Service<
  Database,
  {
    readonly kind: "pglite" | "postgres";
    readonly drizzle: Executor;
    /**
     * Runs the migrations in packages/db/drizzle (the same on both kinds). On PostgreSQL they run on a connection of
     * their own holding the advisory lock `migrationLockKey`, so concurrent starters run them one after another.
     * With an application role they run as the owner and end by granting the role its rights; without one they
     * run only when some are missing, so a process connected as an application role that may not change the
     * schema starts once the owner has migrated.
     */
    readonly migrate: Effect.Effect<void, DatabaseUnavailable>;
    /** One round trip, for health checks. */
    readonly ping: Effect.Effect<void, DatabaseUnavailable>;
    /** The applied migrations against this build's, for readiness checks. */
    readonly migrationStatus: Effect.Effect<MigrationStatus, DatabaseUnavailable>;
    /**
     * The code of the connection-level failure behind `error` (see `connectionFailureCode`; on PGlite also
     * `PGLITE_CLOSED` once the embedded database is closed), or undefined when `error` is something else.
     */
    readonly connectionFailure: (error: unknown) => string | undefined;
    /** The connection beneath drizzle, for the job queue: the embedded instance, or the server's URL. */
    readonly connection:
      | { readonly kind: "pglite"; readonly client: PGlite }
      | { readonly kind: "postgres"; readonly url: string };
  }
>()("@comensha/db/Database") {
  /** Opens the database described by `config` for the lifetime of the layer. */
  static readonly layer = (config: DatabaseConfig) => Layer.effect(Database, open(config));
}

/**
 * Holds the embedded data directory for this process, so a second process (the CLI while the server runs) stops
 * with a clear message instead of opening the same files: PGlite is single-process, and two writers corrupt it.
 */
const acquireDirectoryLock = (dataDir: string, owner: string) =>
  Effect.acquireRelease(
    Effect.try({
      try: () => {
        if (heldDirectories.has(dataDir)) throw new DataDirectoryInUse({ dataDir, pid: process.pid, owner });
        mkdirSync(dataDir, { recursive: true });
        const lockFile = join(dataDir, "comensha.lock");
        for (let attempt = 0; attempt < 2; attempt++) {
          try {
            const fd = openSync(lockFile, "wx");
            writeSync(fd, JSON.stringify({ pid: process.pid, owner }));
            closeSync(fd);
            heldDirectories.add(dataDir);
            return lockFile;
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
            const holder = readLock(lockFile);
            if (holder !== undefined && holder.pid !== process.pid && isAlive(holder.pid)) {
              throw new DataDirectoryInUse({ dataDir, pid: holder.pid, owner: holder.owner });
            }
            rmSync(lockFile, { force: true });
          }
        }
        throw new Error(`could not lock ${lockFile}`);
      },
      catch: (error) => (error instanceof DataDirectoryInUse ? error : new DatabaseUnavailable({ cause: error })),
    }),
    (lockFile) =>
      Effect.sync(() => {
        heldDirectories.delete(dataDir);
        rmSync(lockFile, { force: true });
      }),
  );

/** Data directories this process holds open: a second open in the same process is refused too. */
const heldDirectories = new Set<string>();

const readLock = (lockFile: string): { pid: number; owner: string } | undefined => {
  try {
    const parsed = JSON.parse(readFileSync(lockFile, "utf8")) as { pid?: unknown; owner?: unknown };
    return typeof parsed.pid === "number" ? { pid: parsed.pid, owner: String(parsed.owner ?? "unknown") } : undefined;
  } catch {
    return undefined;
  }
};

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
};

const unavailable = (cause: unknown) => new DatabaseUnavailable({ cause });

/** Codes that Node's sockets and postgres.js give a connection that could not be opened or was lost. */
const connectionErrorCodes: ReadonlySet<string> = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ECONNABORTED",
  "EPIPE",
  "ETIMEDOUT",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "ENOTFOUND",
  "EAI_AGAIN",
  "CONNECT_TIMEOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
]);

/** SQLSTATEs of a lost or refused connection: 57P01-57P03 are admin, crash and start-up shutdowns. */
const isConnectionSqlState = (code: string) =>
  code.startsWith("08") || code === "57P01" || code === "57P02" || code === "57P03";

const sqlState = /^[0-9A-Z]{5}$/;

/**
 * The code of the connection-level failure behind `error`, or undefined: a socket or postgres.js connection code
 * (`ECONNREFUSED`, `CONNECTION_CLOSED`, ...), a SQLSTATE of class 08 or 57P01-57P03, or any SQLSTATE the server
 * sent with severity FATAL or PANIC, which end the session (e.g. `55000` for a database that accepts no
 * connections, `3D000` for one that is gone). It walks the `cause` chain, since drizzle wraps driver errors in
 * `DrizzleQueryError`, and reads codes only, never messages: those carry query text, and the text may change.
 */
export const connectionFailureCode = (error: unknown): string | undefined => {
  for (const current of causeChain(error, 32)) {
    if (typeof current !== "object" || current === null) return undefined;
    const { code, severity } = current as { code?: unknown; severity?: unknown };
    if (typeof code === "string") {
      if (connectionErrorCodes.has(code)) return code;
      if (sqlState.test(code) && (isConnectionSqlState(code) || severity === "FATAL" || severity === "PANIC")) {
        return code;
      }
    }
  }
  return undefined;
};

/** The migrations this build carries, as drizzle reads them (read once: they do not change while it runs). */
let expectedMigrations: ReadonlyArray<number> | undefined;
const expectedMigrationTimes = () => {
  expectedMigrations ??= readMigrationFiles({ migrationsFolder }).map((migration) => migration.folderMillis);
  return expectedMigrations;
};

/** Compares the applied migrations (their count and latest `created_at`) with the expected ones. */
const compareMigrations = (
  expected: ReadonlyArray<number>,
  applied: { readonly count: number; readonly last: number | undefined },
): MigrationStatus => {
  const lastExpected = expected.at(-1) ?? Number.NEGATIVE_INFINITY;
  const lastApplied = applied.last ?? Number.NEGATIVE_INFINITY;
  const state: MigrationStatus["state"] =
    applied.count === expected.length && lastApplied === lastExpected
      ? "current"
      : lastApplied < lastExpected
        ? "behind"
        : lastApplied > lastExpected
          ? "ahead"
          : "diverged";
  return { expected: expected.length, applied: applied.count, state };
};

/** Reads drizzle's migrations table through `query` (absent before the first migration: nothing applied). */
const readMigrationStatus = (query: (statement: string) => Promise<ReadonlyArray<Record<string, unknown>>>) =>
  Effect.tryPromise({
    try: async () => {
      const expected = expectedMigrationTimes();
      const [table] = await query("select to_regclass('drizzle.__drizzle_migrations') is not null as present");
      if (table?.present !== true) return compareMigrations(expected, { count: 0, last: undefined });
      const [row] = await query(
        "select count(*)::int as count, max(created_at)::text as last from drizzle.__drizzle_migrations",
      );
      const last = row?.last;
      return compareMigrations(expected, {
        count: Number(row?.count ?? 0),
        last: typeof last === "string" ? Number(last) : undefined,
      });
    },
    catch: unavailable,
  });

/**
 * Runs the migrations on a connection of their own that first takes the session-level advisory lock
 * `migrationLockKey`: a second process waits for it, then finds every migration applied and does nothing. Closing
 * the connection releases the lock, also when a migration fails or the process dies half-way.
 */
const migrateUnderLock = (url: string, applicationRole?: string) =>
  Effect.acquireUseRelease(
    Effect.sync(() => postgres(url, { max: 1, onnotice: () => undefined })),
    (session) =>
      Effect.tryPromise({
        try: async () => {
          await session`select pg_advisory_lock(${migrationLockKey.toString()}::bigint)`;
          await migratePostgres(drizzlePostgres(session, { schema }), { migrationsFolder });
          if (applicationRole !== undefined) await grantApplicationRole(session, applicationRole);
        },
        catch: unavailable,
      }),
    (session) => Effect.promise(() => session.end({ timeout: 5 })),
  );

/**
 * The client with every query of drizzle as a named prepared statement. Drizzle asks postgres.js for one only for a
 * query given a name (`.prepare(name)`), and postgres.js sends any other query with parameters as an unnamed
 * statement that it first has the server describe: two round trips for every query. A named statement is described
 * once per connection and then costs one round trip. Transactions (`begin`) get the same client, and drizzle's
 * queries are parameterised, so their texts are few and each connection keeps a small set of statements.
 */
const preparedStatements = <Client extends object>(client: Client, pipelineBegin = false): Client =>
  new Proxy(client, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== "function") return value;
      const method = value as (...args: Array<unknown>) => unknown;
      if (property === "unsafe") {
        return (query: string, parameters?: unknown, options?: object) =>
          method.call(target, query, parameters, { ...options, prepare: true });
      }
      if (property === "begin" && pipelineBegin) {
        return (...args: Array<unknown>) =>
          pipelinedTransaction(target as unknown as postgres.Sql, args.at(-1) as (transaction: object) => unknown);
      }
      if (property === "begin" || property === "savepoint") {
        // The callback is the last argument (an optional isolation level or savepoint name comes first).
        return (...args: Array<unknown>) => {
          const run = args.at(-1) as (transaction: object) => unknown;
          return method.call(target, ...args.slice(0, -1), (transaction: object) =>
            run(preparedStatements(transaction)),
          );
        };
      }
      return value;
    },
  });

/**
 * A transaction on a connection of its own whose `begin` is not waited for: postgres.js writes it and the
 * transaction's first statements together (one round trip instead of two), and PostgreSQL runs them in order. What
 * postgres.js's own `begin` does otherwise: `commit` when `run` succeeds, `rollback` when it throws (the error goes
 * on), the connection back to the pool either way. A `begin` that failed fails the transaction too, before its
 * `commit`. Nested transactions (savepoints) are not offered: the Transactor joins an open transaction instead.
 */
const pipelinedTransaction = async (client: postgres.Sql, run: (transaction: object) => unknown) => {
  const connection = await client.reserve();
  try {
    const begun = connection.unsafe("begin").execute();
    const beginFailure = begun.then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    try {
      const result = await run(
        preparedStatements(
          new Proxy(connection, {
            get(target, property, receiver) {
              if (property === "savepoint") {
                return () => Promise.reject(new Error("savepoints are not offered: nested transactions join"));
              }
              return Reflect.get(target, property, receiver);
            },
          }),
        ),
      );
      const failed = await beginFailure;
      if (failed !== undefined) throw failed.error;
      await connection.unsafe("commit");
      return result;
    } catch (error) {
      await beginFailure;
      await connection.unsafe("rollback").catch(() => undefined);
      throw error;
    }
  } finally {
    connection.release();
  }
};

const open = (config: DatabaseConfig) =>
  Effect.gen(function* () {
    if (config.kind === "postgres") {
      const client = yield* Effect.acquireRelease(
        Effect.sync(() =>
          postgres(config.url, { max: config.maxConnections ?? 10, onnotice: () => undefined, prepare: true }),
        ),
        (client) => Effect.promise(() => client.end({ timeout: 5 })),
      );
      const db = drizzlePostgres(preparedStatements(client, true), { schema });
      const migrationStatus = readMigrationStatus((statement) => client.unsafe(statement));
      const role = config.applicationRole;
      return Database.of({
        kind: "postgres",
        drizzle: db as unknown as Executor,
        migrate:
          role === undefined
            ? Effect.flatMap(migrationStatus, (status) =>
                status.state === "behind" ? migrateUnderLock(config.url) : Effect.void,
              )
            : migrateUnderLock(role.ownerUrl, role.name),
        ping: Effect.tryPromise({ try: () => client`select 1`.then(() => undefined), catch: unavailable }),
        migrationStatus,
        connectionFailure: connectionFailureCode,
        connection: { kind: "postgres", url: config.url },
      });
    }
    const dataDir = config.dataDir === undefined ? undefined : resolve(config.dataDir);
    if (dataDir !== undefined) {
      yield* acquireDirectoryLock(dataDir, `${process.argv.slice(1, 3).join(" ")}`);
    }
    const client = yield* Effect.acquireRelease(
      Effect.tryPromise({
        try: () =>
          PGlite.create(dataDir === undefined ? undefined : join(dataDir, "pglite"), {
            extensions: { btree_gist },
            startParams: [
              ...PGlite.defaultStartParams,
              "-c",
              `shared_buffers=${config.sharedBuffers ?? defaultPgliteSharedBuffers}`,
            ],
          }),
        catch: unavailable,
      }),
      (client) => Effect.promise(() => client.close()),
    );
    const db = drizzlePglite(client, { schema });
    return Database.of({
      kind: "pglite",
      drizzle: db as unknown as Executor,
      migrate: Effect.tryPromise({ try: () => migratePglite(db, { migrationsFolder }), catch: unavailable }),
      ping: Effect.tryPromise({ try: () => client.query("select 1").then(() => undefined), catch: unavailable }),
      migrationStatus: readMigrationStatus((statement) =>
        client.query<Record<string, unknown>>(statement).then((result) => result.rows),
      ),
      connectionFailure: (error) => (client.closed ? "PGLITE_CLOSED" : connectionFailureCode(error)),
      connection: { kind: "pglite", client },
    });
  });

/** Whether an embedded data directory has been initialised before (used to seed demo data on first run). */
export const hasEmbeddedData = (dataDir: string) => existsSync(join(resolve(dataDir), "pglite", "PG_VERSION"));

/** The transaction the current fiber runs in, if any: repositories query through it. */
export const CurrentTransaction = Context.Reference<Executor | undefined>("@comensha/db/CurrentTransaction", {
  defaultValue: () => undefined,
});

/** The executor repositories should use now: the open transaction, or the database. */
export const executorOf = (database: Database["Service"]): Effect.Effect<Executor> =>
  Effect.map(CurrentTransaction, (tx) => tx ?? database.drizzle);

/** Runs one query on the current executor; a failing query is a defect (infrastructure, not a domain error). */
export const queryWith =
  (database: Database["Service"]) =>
  <A>(run: (db: Executor) => PromiseLike<A>): Effect.Effect<A> =>
    Effect.flatMap(executorOf(database), (db) => Effect.promise(() => run(db)));

/** Runs one query on the current executor, keeping a failure as a typed error for callers that can act on it. */
export const queryOrFail =
  (database: Database["Service"]) =>
  <A>(run: (db: Executor) => PromiseLike<A>): Effect.Effect<A, unknown> =>
    Effect.flatMap(executorOf(database), (db) => Effect.tryPromise({ try: () => run(db), catch: (error) => error }));

/**
 * What a transaction of the Transactor keeps beside its executor: its timestamp once asked for (PostgreSQL's
 * `now()`, the time every `default now()` in it takes), the statements written without waiting for their answer
 * (`deferWith`), and the first of them that failed.
 */
interface TransactionState {
  now: Promise<string> | undefined;
  readonly pending: Array<Promise<void>>;
  failure: { readonly error: unknown } | undefined;
}

/** Waits until every deferred statement of a transaction has its answer (they never reject: see `deferWith`). */
const settle = async (state: TransactionState) => {
  while (state.pending.length > 0) await Promise.all(state.pending.splice(0));
};

const CurrentTransactionState = Context.Reference<TransactionState | undefined>(
  "@comensha/db/CurrentTransactionState",
  { defaultValue: () => undefined },
);

/**
 * Runs a statement whose answer nobody needs (an INSERT without RETURNING) without waiting for it: in a transaction
 * it is written at once, in order with the statements before and after it, and its round trip is shared with the
 * next statement that is waited for, or with the commit (on PostgreSQL the COMMIT is written behind it; PGlite waits
 * for it first). A failure rolls the transaction back and fails it as a defect with that failure, as `queryWith`
 * would have. Outside a transaction it is waited for like `queryWith`.
 */
export const deferWith =
  (database: Database["Service"]) =>
  (run: (db: Executor) => PromiseLike<unknown>): Effect.Effect<void> =>
    Effect.flatMap(CurrentTransactionState, (state) =>
      state === undefined
        ? Effect.asVoid(queryWith(database)(run))
        : Effect.flatMap(executorOf(database), (db) =>
            Effect.sync(() => {
              // `then` at once, as `Effect.promise` calls it: the statement is written in this order.
              state.pending.push(
                Promise.resolve(
                  run(db).then(
                    () => undefined,
                    (error: unknown) => {
                      state.failure ??= { error };
                    },
                  ),
                ),
              );
            }),
          ),
    );

/**
 * A statement drizzle builds once and then only runs. Building a query (its text and its parameter list, from the
 * query builder's objects) costs more of the server's CPU than PostgreSQL spends on a one-row INSERT, and the
 * statements of the write path have one shape each: `build` writes the statement with `sql.placeholder(name)` for
 * every value, and each run fills them (through each column's own encoding, as drizzle does) and sends the same text,
 * a named prepared statement on PostgreSQL. Runs on the executor given (the transaction's or the database's); answers
 * the driver's rows (see `rowsOf`), unmapped.
 */
export const builtOnce = (build: (db: Executor) => { toSQL(): Query }) => {
  let built: Query | undefined;
  return (db: Executor, values: Record<string, unknown>): Promise<unknown> => {
    built ??= build(db).toSQL();
    return db._.session.prepareQuery(built, undefined, undefined, false).execute(values);
  };
};

/** The rows of `db.execute`'s answer: postgres.js answers an array of them, PGlite an object with `rows`. */
export const rowsOf = <Row = Record<string, unknown>>(result: unknown): ReadonlyArray<Row> =>
  (Array.isArray(result) ? result : ((result as { rows?: ReadonlyArray<Row> }).rows ?? [])) as ReadonlyArray<Row>;

/** A timestamp from either driver as an ISO 8601 UTC string. */
export const toIsoTimestamp = (value: string) => new Date(value).toISOString();

class Rollback extends Error {}

/**
 * The domain's Transactor on drizzle: runs the effect inside `db.transaction`, rolls back when it fails (typed
 * failure, defect or interruption) and re-raises the same failure outside. Nested calls join the outer one.
 */
export const TransactorLive = Layer.effect(
  Ports.Transactor,
  Effect.gen(function* () {
    const database = yield* Database;
    return Ports.Transactor.of({
      transaction: <A, E, R>(effect: Effect.Effect<A, E, R>) =>
        Effect.gen(function* () {
          if ((yield* CurrentTransaction) !== undefined) return yield* effect;
          const context = yield* Effect.context<R>();
          let exit: Exit.Exit<A, E> | undefined;
          const state: TransactionState = { now: undefined, pending: [], failure: undefined };
          yield* Effect.promise(() =>
            database.drizzle
              .transaction(async (tx) => {
                exit = await Effect.runPromiseExitWith(context)(
                  effect.pipe(
                    Effect.provideService(CurrentTransaction, tx as unknown as Executor),
                    Effect.provideService(CurrentTransactionState, state),
                  ),
                );
                // On PostgreSQL the commit goes out behind the deferred statements, pipelined with them: a failed
                // one has aborted the transaction, and PostgreSQL answers its COMMIT by rolling back. PGlite runs
                // one statement at a time: they are waited for first.
                if (database.kind === "pglite") await settle(state);
                if (Exit.isFailure(exit) || state.failure !== undefined) throw new Rollback();
              })
              .catch((error: unknown) => {
                if (!(error instanceof Rollback)) throw error;
              })
              .finally(() => settle(state)),
          );
          // A deferred statement that failed is the cause of what failed after it (an aborted transaction).
          if (state.failure !== undefined) return yield* Effect.die(state.failure.error);
          return yield* exit as Exit.Exit<A, E>;
        }),
      now: Effect.gen(function* () {
        const tx = yield* CurrentTransaction;
        const state = yield* CurrentTransactionState;
        const ask = (db: Executor) =>
          db
            .execute(sql`select now()::text as now`)
            .then((result) => toIsoTimestamp(rowsOf<{ now: string }>(result)[0]?.now ?? ""));
        if (tx === undefined || state === undefined) return yield* Effect.promise(() => ask(database.drizzle));
        state.now ??= ask(tx);
        const asked = state.now;
        return yield* Effect.promise(() => asked);
      }),
      lock: (keys) =>
        Effect.gen(function* () {
          const tx = yield* CurrentTransaction;
          if (tx === undefined) return yield* Effect.die(new Error("Transactor.lock needs an open transaction"));
          const sorted = [...new Set(keys)].sort();
          if (sorted.length === 0) return;
          // One round trip for all of them, taken in the sorted order (`with ordinality`), as every transaction
          // takes them, so two transactions that need the same locks never wait for each other crosswise.
          yield* Effect.promise(() =>
            tx.execute(
              sql`select count(pg_advisory_xact_lock(hashtextextended(k, 0))) from unnest(${sql.param(sorted)}::text[]) with ordinality as locks(k, n)`,
            ),
          );
        }),
    });
  }),
);
