import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Database, generateKey, KeyMismatch, queryWith, Schema, storageLayer } from "@comensha/db";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@comensha/db/testing";
import { Effect, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDatabase } from "../src/commands/seed.js";
import { ConfigError, loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startServer } from "../src/server.js";

const keyEnv = (encryption: string, index: string) => ({
  COMENSHA_ENCRYPTION_KEY: encryption,
  COMENSHA_INDEX_KEY: index,
});

describe("keys from the environment on PostgreSQL", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-nokeys-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const env = { COMENSHA_DATA_DIR: dataDir, DATABASE_URL: "postgres://postgres@127.0.0.1:5432/comensha" };

  it("refuses to start without keys instead of generating them, naming the variables and the demo opt-in", () => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(
      /COMENSHA_ENCRYPTION_KEY and COMENSHA_INDEX_KEY are required with DATABASE_URL/,
    );
    expect(() => loadConfig(env)).toThrow(/COMENSHA_DEMO_KEYS=on/);
  });

  it("generates demo keys into the data directory only when COMENSHA_DEMO_KEYS=on", () => {
    expect(loadConfig({ ...env, COMENSHA_DEMO_KEYS: "on" }).keySource).toBe("generated");
  });
});

describe.each(testDatabaseKinds())("start-up with keys that do not fit the data (%s)", (kind) => {
  const encryptionKey = generateKey();
  const indexKey = generateKey();
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-keycheck-"));
  let database: TestDatabase | undefined;
  const config = (keys: Record<string, string>) =>
    loadConfig({
      PORT: "0",
      HOST: "127.0.0.1",
      COMENSHA_DATA_DIR: dataDir,
      COMENSHA_WORKER: "off",
      ...(database?.config.kind === "postgres" ? { DATABASE_URL: database.config.url } : {}),
      ...keys,
    });
  const start = (keys: Record<string, string>) => startServer({ config: config(keys), logger: silentLogger });
  const refusal = (keys: Record<string, string>) =>
    start(keys).then(
      async (server) => {
        await server.close();
        throw new Error("the server started");
      },
      (error: unknown) => error,
    );

  beforeAll(async () => {
    if (kind === "postgres") database = await createTestDatabase("postgres");
    await seedDatabase(config(keyEnv(encryptionKey, indexKey)).storage, {
      seed: 7,
      years: 1,
      lastYear: 2025,
      personsPerYear: 20,
    });
  }, 120_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("starts with the keys the data was written with", async () => {
    const server = await start(keyEnv(encryptionKey, indexKey));
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    await server.close();
  });

  it("refuses another encryption key, naming the encryption key", async () => {
    const error = await refusal(keyEnv(generateKey(), indexKey));
    expect(error).toBeInstanceOf(KeyMismatch);
    expect((error as KeyMismatch).message).toMatch(
      /^The encryption key \(key id [0-9a-f]{8}\) is not one this database/,
    );
    expect((error as KeyMismatch).message).toContain("COMENSHA_ENCRYPTION_KEY");
  });

  it("refuses another index key, naming the index key", async () => {
    const error = await refusal(keyEnv(encryptionKey, generateKey()));
    expect(error).toBeInstanceOf(KeyMismatch);
    expect((error as KeyMismatch).message).toMatch(/^The index key \(key id [0-9a-f]{8}\) is not one this database/);
  });

  it("says so when the two keys are swapped", async () => {
    const error = await refusal(keyEnv(indexKey, encryptionKey));
    expect((error as KeyMismatch).message).toMatch(/^The encryption and index keys are swapped/);
  });

  it.runIf(kind === "postgres")("refuses demo keys generated into a new data directory", async () => {
    const fresh = mkdtempSync(join(tmpdir(), "comensha-keycheck-fresh-"));
    try {
      const demo = loadConfig({
        PORT: "0",
        HOST: "127.0.0.1",
        COMENSHA_DATA_DIR: fresh,
        COMENSHA_WORKER: "off",
        COMENSHA_DEMO_KEYS: "on",
        DATABASE_URL: database?.config.kind === "postgres" ? database.config.url : "",
      });
      const error = await startServer({ config: demo, logger: silentLogger }).then(
        (server) => server.close(),
        (failure: unknown) => failure,
      );
      expect(error).toBeInstanceOf(KeyMismatch);
    } finally {
      rmSync(fresh, { recursive: true, force: true });
    }
  });

  it("checks a database written before the check values by decrypting its data, then records the keys", async () => {
    const runtime = ManagedRuntime.make(storageLayer(config(keyEnv(encryptionKey, indexKey)).storage));
    const forget = Effect.gen(function* () {
      yield* queryWith(yield* Database)((db) => db.delete(Schema.keyChecks));
    });
    try {
      await runtime.runPromise(forget);
    } finally {
      await runtime.dispose();
    }
    const error = await refusal(keyEnv(generateKey(), indexKey));
    expect((error as KeyMismatch).message).toMatch(/does not decrypt the personal data in this database/);
    const server = await start(keyEnv(encryptionKey, indexKey));
    await server.close();
    expect(await refusal(keyEnv(encryptionKey, generateKey()))).toBeInstanceOf(KeyMismatch);
  });
});
