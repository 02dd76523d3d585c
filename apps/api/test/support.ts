import { Database, storageLayer } from "@comensha/db";
import { createTestDatabase, type TestDatabase, testKeys } from "@comensha/db/testing";
import { Effect, ManagedRuntime } from "effect";
import { makeApp } from "../src/app.js";
import { type Logger, silentLogger } from "../src/logger.js";
import type { AppRuntime } from "../src/runtime.js";

/** An in-process API on a fresh database of `kind`, for `app.request()` tests. */
export interface TestApi {
  readonly app: ReturnType<typeof makeApp>;
  readonly runtime: AppRuntime;
  readonly close: () => Promise<void>;
}

export const openTestApi = async (kind: "pglite" | "postgres", logger: Logger = silentLogger): Promise<TestApi> => {
  const database: TestDatabase = await createTestDatabase(kind);
  const runtime: AppRuntime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
  await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
  return {
    app: makeApp({ runtime, logger }),
    runtime,
    close: async () => {
      await runtime.dispose();
      await database.drop();
    },
  };
};
