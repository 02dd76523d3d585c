import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Database, DataDirectoryInUse, storageLayer } from "@comensha/db";
import { testKeys } from "@comensha/db/testing";
import { Effect, Layer } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { loadConfig } from "../src/config.js";
import { silentLogger } from "../src/logger.js";
import { startServer } from "../src/server.js";

describe("the server on an embedded data directory", () => {
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-server-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = (port = "0") => loadConfig({ PORT: port, HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir });

  it("serves /health over HTTP, keeps a second process out of the data directory, and releases it on close", async () => {
    const server = await startServer({ config: config(), logger: silentLogger });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const response = await fetch(`${server.url}/health`);
      expect(await response.json()).toEqual({ status: "ok", database: "pglite" });
      const second = await startServer({ config: config(), logger: silentLogger }).then(
        (s) => s,
        (error: unknown) => error,
      );
      expect(second).toBeInstanceOf(DataDirectoryInUse);
      expect((second as Error).message).toContain(`The embedded database in ${dataDir} is in use by process`);
    } finally {
      await server.close();
    }
    const again = await startServer({ config: config(), logger: silentLogger });
    const response = await fetch(`${again.url}/health`);
    expect(response.status).toBe(200);
    await again.close();
  });

  it("releases the data directory when the port is taken", async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, "127.0.0.1", resolve));
    const { port } = blocker.address() as { port: number };
    try {
      await expect(startServer({ config: config(String(port)), logger: silentLogger })).rejects.toMatchObject({
        code: "EADDRINUSE",
      });
    } finally {
      await new Promise<void>((resolve) => blocker.close(() => resolve()));
    }
    const server = await startServer({ config: config(), logger: silentLogger });
    expect((await fetch(`${server.url}/health`)).status).toBe(200);
    await server.close();
  });
});

describe("closing the server", () => {
  const readinessDelayMillis = 600;
  let readinessStarted: () => void = () => undefined;
  const slowReadiness = Layer.effect(
    Database,
    Effect.gen(function* () {
      const database = yield* Database;
      return Database.of({
        ...database,
        migrationStatus: Effect.sync(() => readinessStarted()).pipe(
          Effect.andThen(Effect.sleep(readinessDelayMillis)),
          Effect.andThen(database.migrationStatus),
        ),
      });
    }),
  );
  const layer = slowReadiness.pipe(Layer.provideMerge(storageLayer({ database: { kind: "pglite" }, keys: testKeys })));
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-close-"));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("lets an in-flight request finish, refuses new connections, then resolves well before the drain limit", async () => {
    const drainMillis = 8_000;
    const server = await startServer({
      config: loadConfig({ PORT: "0", HOST: "127.0.0.1", COMENSHA_DATA_DIR: dataDir, COMENSHA_WORKER: "off" }),
      layer,
      logger: silentLogger,
      drainMillis,
    });
    const reachedServer = new Promise<void>((resolve) => {
      readinessStarted = resolve;
    });
    const started = performance.now();
    const inFlight = fetch(`${server.url}/health/ready`);
    await reachedServer;
    const closed = server.close();
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    const response = await inFlight;
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ready", database: "pglite" });
    expect(performance.now() - started).toBeGreaterThanOrEqual(readinessDelayMillis - 50);
    await closed;
    expect(performance.now() - started).toBeLessThan(drainMillis / 2);
  });
});
