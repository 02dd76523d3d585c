import { readFileSync } from "node:fs";
import { Database, storageLayer } from "@comensha/db";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "@comensha/db/testing";
import { sql } from "drizzle-orm";
import { Effect, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApp } from "../src/app.js";
import { silentLogger } from "../src/logger.js";
import { ProblemType } from "../src/problem.js";
import type { AppRuntime } from "../src/runtime.js";

const journal = JSON.parse(
  readFileSync(new URL("../../../packages/db/drizzle/meta/_journal.json", import.meta.url), "utf8"),
) as { entries: ReadonlyArray<{ when: number }> };
const expected = journal.entries.length;
const lastMigration = journal.entries.at(-1)?.when ?? 0;

describe.each(testDatabaseKinds())("health and readiness on %s", (kind) => {
  let database: TestDatabase;
  let runtime: AppRuntime;
  let app: ReturnType<typeof makeApp>;
  const execute = (query: ReturnType<typeof sql>) =>
    runtime.runPromise(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(query))));

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    app = makeApp({ runtime, logger: silentLogger });
  });
  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  const expectNotReady = async (detail: RegExp) => {
    const response = await app.request("/health/ready");
    expect(response.status).toBe(503);
    expect(response.headers.get("Content-Type")).toBe("application/problem+json");
    expect(response.headers.get("Retry-After")).toBe("5");
    const problem = (await response.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({
      type: ProblemType.unavailable,
      title: "The database schema does not match this version",
      status: 503,
      instance: "/health/ready",
    });
    expect(problem.detail).toMatch(detail);
    expect(problem.requestId).toBe(response.headers.get("X-Request-Id"));
  };

  it("is live but not ready before the migrations ran", async () => {
    const live = await app.request("/health");
    expect(live.status).toBe(200);
    expect(await live.json()).toEqual({ status: "ok", database: kind });
    await expectNotReady(new RegExp(`^0 of the ${expected} migrations of this version are applied`));
  });

  it("is ready once migrated, with the count of migrations expected and applied", async () => {
    await runtime.runPromise(Effect.flatMap(Database, (db) => db.migrate));
    const response = await app.request("/health/ready");
    expect(response.status).toBe(200);
    expect(response.headers.get("Content-Type")).toBe("application/json");
    expect(await response.json()).toEqual({
      status: "ready",
      database: kind,
      migrations: { expected, applied: expected },
    });
  });

  it("stays ready while a newer version has migrated further, as in a rolling upgrade", async () => {
    await execute(
      sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('newer', ${lastMigration + 1})`,
    );
    const response = await app.request("/health/ready");
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      status: "ready",
      database: kind,
      migrations: { expected, applied: expected + 1 },
    });
    await execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${lastMigration + 1}`);
  });

  it("is not ready while the last migration is missing", async () => {
    await execute(sql`delete from drizzle.__drizzle_migrations where created_at = ${lastMigration}`);
    await expectNotReady(new RegExp(`^${expected - 1} of the ${expected} migrations`));
    await execute(sql`insert into drizzle.__drizzle_migrations (hash, created_at) values ('back', ${lastMigration})`);
    expect((await app.request("/health/ready")).status).toBe(200);
  });
});
