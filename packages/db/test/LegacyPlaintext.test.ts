import { Ports } from "@comensha/domain";
import { sql } from "drizzle-orm";
import { Effect, ManagedRuntime } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoData } from "../src/DemoData.js";
import { duplicateReasonContext } from "../src/DuplicateRepository.js";
import { Database, sealLegacyPlaintext, storageLayer } from "../src/index.js";
import { offerReasonContext } from "../src/PlacementRepository.js";
import { writeDemoData } from "../src/Seed.js";
import { createTestDatabase, type TestDatabase, testDatabaseKinds, testKeys } from "../src/testing.js";

const rowsOf = (result: unknown): Array<Record<string, unknown>> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Record<string, unknown>> }).rows ?? []);

const bytesOf = (value: unknown): Uint8Array =>
  value instanceof Uint8Array ? value : new Uint8Array(Buffer.from(String(value).replace(/^\\x/, ""), "hex"));

describe.each(testDatabaseKinds())("reasons stored before they were encrypted, on %s", (kind) => {
  let database: TestDatabase;
  const open = (config: TestDatabase["config"]) =>
    ManagedRuntime.make(storageLayer({ database: config, keys: testKeys }));
  let runtime: ReturnType<typeof open>;
  const execute = (statement: ReturnType<typeof sql>) =>
    runtime.runPromise(
      Effect.flatMap(Database, (db) =>
        Effect.map(
          Effect.promise(() => db.drizzle.execute(statement)),
          rowsOf,
        ),
      ),
    );

  beforeAll(async () => {
    database = await createTestDatabase(kind);
    runtime = open(database.config);
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        yield* writeDemoData(generateDemoData({ seed: 7, years: 1, lastYear: 2025, personsPerYear: 60 }));
      }),
    );
  });
  afterAll(async () => {
    await runtime?.dispose();
    await database?.drop();
  });

  it("are encrypted into their own columns and emptied in the clear, once", async () => {
    const [duplicate] = await execute(sql`select id from duplicates order by id limit 1`);
    const [offer] = await execute(sql`select id from placement_offers order by id limit 1`);
    expect(duplicate?.id).toBeDefined();
    expect(offer?.id).toBeDefined();
    const duplicateId = String(duplicate?.id);
    const offerId = String(offer?.id);
    await execute(sql`update duplicates set decision_reason_plaintext = 'Zelfde persoon: LEGACY-Voorbeeld'
      where id = ${duplicateId}`);
    await execute(sql`update placement_offers set override_reason_plaintext = 'LEGACY-override Bakker'
      where id = ${offerId}`);

    expect(await runtime.runPromise(sealLegacyPlaintext)).toBe(2);

    const [sealedDuplicate] = await execute(
      sql`select decision_reason, decision_reason_plaintext from duplicates where id = ${duplicateId}`,
    );
    const [sealedOffer] = await execute(
      sql`select override_reason, override_reason_plaintext from placement_offers where id = ${offerId}`,
    );
    expect(sealedDuplicate?.decision_reason_plaintext).toBeNull();
    expect(sealedOffer?.override_reason_plaintext).toBeNull();
    const decrypt = (value: unknown, context: string) =>
      runtime.runPromise(Effect.flatMap(Ports.Crypto, (crypto) => crypto.decrypt(bytesOf(value), context)));
    expect(await decrypt(sealedDuplicate?.decision_reason, duplicateReasonContext(duplicateId))).toBe(
      "Zelfde persoon: LEGACY-Voorbeeld",
    );
    expect(await decrypt(sealedOffer?.override_reason, offerReasonContext(offerId))).toBe("LEGACY-override Bakker");
    expect(Buffer.from(bytesOf(sealedDuplicate?.decision_reason)).toString("latin1")).not.toContain("LEGACY");

    expect(await runtime.runPromise(sealLegacyPlaintext)).toBe(0);
  });
});
