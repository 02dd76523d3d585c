import { execFileSync } from "node:child_process";
import { sql } from "drizzle-orm";
import { Effect, ManagedRuntime } from "effect";
import { afterAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../src/DemoData.js";
import { Database, storageLayer } from "../src/index.js";
import { writeDemoData } from "../src/Seed.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const data = generateDemoData({ seed: 7, years: 1, lastYear: 2025, personsPerYear: 150 });
const secrets = [
  ...new Set(
    data.registrations.flatMap((r) => [
      r.registration.person.familyName,
      r.registration.person.givenNames,
      ...(r.registration.person.dateOfBirth === undefined ? [] : [r.registration.person.dateOfBirth]),
      ...(r.registration.person.documentNumber === undefined ? [] : [r.registration.person.documentNumber]),
    ]),
  ),
].filter((value) => value.length >= 5);

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

describe.each(testDatabaseKinds())("personal data at rest on %s", (kind) => {
  let database: TestDatabase | undefined;
  afterAll(async () => {
    await database?.drop();
  });

  it("stores none of the seeded names, dates of birth or document numbers in plaintext", async () => {
    database = await createTestDatabase(kind);
    const runtime = ManagedRuntime.make(storageLayer({ database: database.config, keys: testKeys }));
    const dump = await runtime.runPromise(
      Effect.gen(function* () {
        const db = yield* Database;
        yield* db.migrate;
        yield* writeDemoData(data);
        const tables = rowsOf(
          yield* Effect.promise(() =>
            db.drizzle.execute(sql`select table_name from information_schema.tables where table_schema = 'public'`),
          ),
        ).map((row) => String(row.table_name));
        const contents: Array<string> = [];
        for (const table of tables) {
          const rows = rowsOf(
            yield* Effect.promise(() => db.drizzle.execute(sql.raw(`select t::text as row from "${table}" t`))),
          );
          contents.push(...rows.map((row) => String(row.row)));
        }
        return contents.join("\n");
      }),
    );
    await runtime.dispose();
    expect(secrets.length).toBeGreaterThan(100);
    expect(dump).toContain("Politie Eenheid");
    const hex = (value: string) => Buffer.from(value, "utf8").toString("hex");
    const found = secrets.filter((secret) => dump.includes(secret) || dump.includes(hex(secret)));
    expect(found).toEqual([]);

    if (kind === "postgres" && database.config.kind === "postgres") {
      const pgDump = execFileSync("pg_dump", ["--data-only", database.config.url], {
        encoding: "utf8",
        maxBuffer: 1 << 28,
      });
      expect(pgDump).toContain("Politie Eenheid");
      expect(secrets.filter((secret) => pgDump.includes(secret))).toEqual([]);
    }
  });
});
