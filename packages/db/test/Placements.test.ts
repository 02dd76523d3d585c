import { sql } from "drizzle-orm";
import { Cause, Effect, Exit, type Layer, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../src/DemoData.js";
import { Database, seededIdGenerator, storageLayer } from "../src/index.js";
import { writeDemoData } from "../src/Seed.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

describe.each(testDatabaseKinds())("placements on %s", (kind) => {
  let database: TestDatabase;
  let runtime: ManagedRuntime.ManagedRuntime<Layer.Success<ReturnType<typeof storageLayer>>, unknown>;
  let placeId: string;
  let lastFreePlaceId: string;
  const requestIds: Array<string> = [];
  const execute = (statement: ReturnType<typeof sql>) =>
    runtime.runPromiseExit(Effect.flatMap(Database, (db) => Effect.tryPromise(() => db.drizzle.execute(statement))));
  const must = async (statement: ReturnType<typeof sql>) => {
    const exit = await execute(statement);
    if (Exit.isFailure(exit)) throw Cause.squash(exit.cause);
    return rowsOf(exit.value);
  };

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = ManagedRuntime.make(
      storageLayer({ database: database.config, keys: testKeys, ids: seededIdGenerator(1, Date.UTC(2025, 0, 1)) }),
    );
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        yield* writeDemoData(generateDemoData({ seed: 3, years: 1, lastYear: 2025, personsPerYear: 30 }));
      }),
    );
    const [place, other] = await must(sql`select id from shelter_places order by id limit 2`);
    placeId = String(place?.id);
    lastFreePlaceId = String(other?.id);
    const registrations = await must(sql`select id, organisation_id from registrations order by id limit 60`);
    for (const [index, registration] of registrations.entries()) {
      const id = `0194b000-0000-7000-8000-${String(index).padStart(12, "0")}`;
      await must(sql`insert into placement_requests (id, registration_id, organisation_id, state, version, needs)
          values (${id}, ${registration.id}, ${registration.organisation_id}, 'offered', 1, '{}'::jsonb)`);
      requestIds.push(id);
    }
  });
  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  let n = 0;
  const book = (requestId: string, startsOn: string, endsOn: string | null, place = placeId) =>
    execute(sql`insert into placements (id, request_id, place_id, starts_on, ends_on)
      values (${`0194c000-0000-7000-8000-${String(++n).padStart(12, "0")}`}, ${requestId}, ${place}, ${startsOn}, ${endsOn})`);

  it("refuses a second booking of the same place for overlapping dates, and allows back-to-back stays", async () => {
    expect(Exit.isSuccess(await book(requestIds[0] as string, "2026-01-01", "2026-02-01"))).toBe(true);
    expect(Exit.isFailure(await book(requestIds[1] as string, "2026-01-31", "2026-03-01"))).toBe(true);
    expect(Exit.isFailure(await book(requestIds[1] as string, "2025-12-01", null))).toBe(true);
    expect(Exit.isSuccess(await book(requestIds[1] as string, "2026-02-01", null))).toBe(true);
    expect(Exit.isFailure(await book(requestIds[2] as string, "2027-05-01", "2027-06-01"))).toBe(true);
    expect(Exit.isFailure(await book(requestIds[2] as string, "2026-01-10", "2026-01-10"))).toBe(true);
  });

  it("books the last free place exactly once when many try at the same moment", async () => {
    const attempts = await Promise.all(
      requestIds.slice(10, 60).map((requestId) => book(requestId, "2030-01-01", null, lastFreePlaceId)),
    );
    expect(attempts.filter(Exit.isSuccess)).toHaveLength(1);
    const booked = await must(sql`select count(*)::int as n from placements where place_id = ${lastFreePlaceId}`);
    expect(Number(booked[0]?.n)).toBe(1);
  });
});
