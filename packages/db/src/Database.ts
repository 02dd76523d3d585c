import { closeSync, existsSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Ports } from "@comensha/domain";
import { PGlite } from "@electric-sql/pglite";
import { btree_gist } from "@electric-sql/pglite/contrib/btree_gist";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import { migrate as migratePostgres } from "drizzle-orm/postgres-js/migrator";
import { Context, Data, Effect, Exit, Layer } from "effect";
import postgres from "postgres";
import * as schema from "./schema.js";

/** A drizzle handle on our schema: the database itself or an open transaction. */
export type Executor = PgDatabase<PgQueryResultHKT, typeof schema>;

/** Which storage to use: a PostgreSQL server, or PGlite embedded in this process. */
export type DatabaseConfig =
  | { readonly kind: "postgres"; readonly url: string; readonly maxConnections?: number }
  | { readonly kind: "pglite"; readonly dataDir?: string };

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
    return `The database is unavailable: ${this.cause instanceof Error ? this.cause.message : String(this.cause)}`;
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

/** The open database: which kind it is, and the drizzle handle repositories query through. */
export class Database extends Context.Service<
  Database,
  {
    readonly kind: "pglite" | "postgres";
    readonly drizzle: Executor;
    /** Runs the migrations in packages/db/drizzle (the same on both kinds). */
    readonly migrate: Effect.Effect<void, DatabaseUnavailable>;
    /** One round trip, for health checks. */
    readonly ping: Effect.Effect<void, DatabaseUnavailable>;
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

const open = (config: DatabaseConfig) =>
  Effect.gen(function* () {
    if (config.kind === "postgres") {
      const client = yield* Effect.acquireRelease(
        Effect.sync(() =>
          postgres(config.url, { max: config.maxConnections ?? 10, onnotice: () => undefined, prepare: true }),
        ),
        (client) => Effect.promise(() => client.end({ timeout: 5 })),
      );
      const db = drizzlePostgres(client, { schema });
      return Database.of({
        kind: "postgres",
        drizzle: db as unknown as Executor,
        migrate: Effect.tryPromise({ try: () => migratePostgres(db, { migrationsFolder }), catch: unavailable }),
        ping: Effect.tryPromise({ try: () => client`select 1`.then(() => undefined), catch: unavailable }),
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
          PGlite.create(dataDir === undefined ? undefined : join(dataDir, "pglite"), { extensions: { btree_gist } }),
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
          yield* Effect.promise(() =>
            database.drizzle
              .transaction(async (tx) => {
                exit = await Effect.runPromiseExitWith(context)(
                  Effect.provideService(effect, CurrentTransaction, tx as unknown as Executor),
                );
                if (Exit.isFailure(exit)) throw new Rollback();
              })
              .catch((error: unknown) => {
                if (!(error instanceof Rollback)) throw error;
              }),
          );
          return yield* exit as Exit.Exit<A, E>;
        }),
      lock: (keys) =>
        Effect.gen(function* () {
          const tx = yield* CurrentTransaction;
          if (tx === undefined) return yield* Effect.die(new Error("Transactor.lock needs an open transaction"));
          for (const key of [...new Set(keys)].sort()) {
            yield* Effect.promise(() => tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${key}, 0))`));
          }
        }),
    });
  }),
);
