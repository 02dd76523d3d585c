import { createCipheriv, randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type CryptoKeys,
  ciphertextHeaderHex,
  Database,
  decodeKey,
  encryptedColumns,
  fingerprintOf,
  generateKey,
  KeyMismatch,
  keyStatus,
  queryWith,
  type RotationSummary,
  rotateKeys,
  type StorageOptions,
  storageLayer,
  Schema as Tables,
  verifyKeys,
} from "@comensha/db";
import { createTestDatabase, type TestDatabase, testDatabaseKinds } from "@comensha/db/testing";
import { Ports } from "@comensha/domain";
import { eq, getTableColumns, isNotNull, sql } from "drizzle-orm";
import { getTableConfig, PgTable } from "drizzle-orm/pg-core";
import { Effect, ManagedRuntime, Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { makeApp } from "../src/app.js";
import { seedDatabase } from "../src/commands/seed.js";
import { silentLogger } from "../src/logger.js";
import { startEnrolment } from "../src/services/secondFactor.js";
import { caller, makeOrganisation, makeUser, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

/** Storage opened with `keys`: migrated and checked as the server and the CLI do before anything else. */
const openApi = async (options: StorageOptions): Promise<TestApi> => {
  const runtime = ManagedRuntime.make(storageLayer(options));
  try {
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        yield* verifyKeys;
      }),
    );
  } catch (error) {
    await runtime.dispose();
    throw error;
  }
  return { app: makeApp({ runtime, logger: silentLogger }), runtime, close: () => runtime.dispose() };
};

/** Why storage with `keys` refuses to start (the KeyMismatch), or undefined when it starts. */
const refusalOf = async (options: StorageOptions) => {
  const runtime = ManagedRuntime.make(storageLayer(options));
  try {
    await runtime.runPromise(
      Effect.gen(function* () {
        yield* (yield* Database).migrate;
        yield* verifyKeys;
      }),
    );
    return undefined;
  } catch (error) {
    return error;
  } finally {
    await runtime.dispose();
  }
};

/** A format-1 ciphertext (before key ids), as builds before key rotation wrote them. */
const legacyCiphertext = (key: Redacted.Redacted<Uint8Array>, plaintext: string, context: string) => {
  const nonce = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", Redacted.value(key), nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(context, "utf8"));
  const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return new Uint8Array(Buffer.concat([Buffer.of(1), nonce, body, cipher.getAuthTag()]));
};

describe("the list of encrypted columns", () => {
  it("covers every bytea column of the schema but the bytes of report artifacts", () => {
    const byteaColumns = Object.values(Tables as Record<string, unknown>)
      .filter((table): table is PgTable => table instanceof PgTable)
      .flatMap((table) =>
        Object.values(getTableColumns(table))
          .filter((column) => column.getSQLType() === "bytea")
          .map((column) => `${getTableConfig(table).name}.${column.name}`),
      )
      .filter((name) => name !== "report_artifacts.bytes")
      .sort();
    expect(encryptedColumns.map((column) => column.name).sort()).toEqual(byteaColumns);
    for (const column of encryptedColumns) {
      expect(`${getTableConfig(column.table).name}.${column.ciphertext.name}`).toBe(column.name);
    }
  });
});

describe.each(testDatabaseKinds())("key rotation while the API writes (%s)", (kind) => {
  const oldKeys = { encryption: generateKey(), index: generateKey() };
  const newKeys = { encryption: generateKey(), index: generateKey() };
  const keys = (current: typeof oldKeys, previous?: typeof oldKeys): CryptoKeys => ({
    encryptionKey: decodeKey("encryption", current.encryption),
    indexKey: decodeKey("index", current.index),
    ...(previous === undefined
      ? {}
      : {
          previousEncryptionKeys: [decodeKey("previous encryption", previous.encryption)],
          previousIndexKeys: [decodeKey("previous index", previous.index)],
        }),
  });
  const oldId = fingerprintOf(decodeKey("k", oldKeys.encryption)).keyId;
  const newId = fingerprintOf(decodeKey("k", newKeys.encryption)).keyId;
  const newIndexId = fingerprintOf(decodeKey("k", newKeys.index)).keyId;
  const dataDir = mkdtempSync(join(tmpdir(), "comensha-rotation-"));
  let database: TestDatabase | undefined;
  const storage = (cryptoKeys: CryptoKeys): StorageOptions => ({
    database: database?.config ?? { kind: "pglite", dataDir },
    keys: cryptoKeys,
  });

  const known = {
    familyName: "Rotatiestra",
    givenNames: "Kees Jan",
    aliases: [],
    dateOfBirth: "1990-02-03",
    sex: "male",
    nationalities: ["NL"],
  };
  let knownPersonId = "";
  let adminKey = "";
  let adminOrganisationId = "";
  let sealedKeyIdempotency = "";
  let sealedKey = "";
  let webhookSecret = "";
  const webhookEndpointBody = { url: "https://partner.example/hooks", events: ["registration.received"] };
  let partnerKey = "";
  let seededRegistrations = 0;
  let coordinatorKey = "";
  /** An attachment of three chunks (two of 256 KiB and a partial one), to download under the new key alone. */
  const attachmentBytes = new TextEncoder().encode(`${"Rotatie: bijlage. ".repeat(30_000)}einde\n`);
  let attachmentPath = "";

  const personOf = (api: TestApi, registrationId: string) =>
    api.runtime.runPromise(
      Effect.map(
        Effect.flatMap(Database, (db) =>
          queryWith(db)((q) =>
            q
              .select({ personId: Tables.registrations.personId })
              .from(Tables.registrations)
              .where(eq(Tables.registrations.id, registrationId)),
          ),
        ),
        (rows) => rows[0]?.personId,
      ),
    );

  beforeAll(async () => {
    if (kind === "postgres") database = await createTestDatabase("postgres");
    const summary = await seedDatabase(storage(keys(oldKeys)), {
      seed: 11,
      years: 1,
      lastYear: 2025,
      personsPerYear: 30,
    });
    seededRegistrations = summary.registrations;
    const api = await openApi(storage(keys(oldKeys)));
    try {
      const admin = await makeOrganisation(api, { name: "Beheer (test)", kind: "other", role: "admin" });
      adminKey = admin.apiKey;
      adminOrganisationId = admin.organisation.id;
      partnerKey = (await makeOrganisation(api, { name: "Politie Rotatie", kind: "police" })).apiKey;
      sealedKeyIdempotency = `rotation-key-${kind}`;
      const created = await caller(api, adminKey)(`/v1/organisations/${adminOrganisationId}/api-keys`, {
        method: "POST",
        body: { role: "partner" },
        headers: { "Idempotency-Key": sealedKeyIdempotency },
      });
      expect(created.status).toBe(201);
      sealedKey = ((await created.json()) as { key: string }).key;
      const report = await caller(api, partnerKey)("/v1/registrations", {
        method: "POST",
        body: registrationBody({ person: known }),
        headers: { "Idempotency-Key": `rotation-known-${kind}` },
      });
      expect(report.status).toBe(201);
      const knownRegistrationId = ((await report.json()) as Json).id as string;
      knownPersonId = (await personOf(api, knownRegistrationId)) ?? "";
      // A webhook endpoint: its signing secret is encrypted, and sealed in the stored answer of its creation.
      const endpoint = await caller(api, partnerKey)("/v1/webhook-endpoints", {
        method: "POST",
        body: webhookEndpointBody,
        headers: { "Idempotency-Key": `rotation-webhook-${kind}` },
      });
      expect(endpoint.status).toBe(201);
      webhookSecret = ((await endpoint.json()) as { secret: string }).secret;
      // Free text in every encrypted column the seed leaves empty: medical needs, a COSM override reason, and the
      // two reasons of an erasure request that was rejected.
      coordinatorKey = (await makeOrganisation(api, { name: "CoMensha Rotatie", kind: "other", role: "coordinator" }))
        .apiKey;
      const coordinator = caller(api, coordinatorKey);
      const ok = async (response: Response, status = 200) => {
        expect(response.status, await response.clone().text()).toBe(status);
        return (await response.json()) as Json;
      };
      const shelter = await ok(
        await caller(api, adminKey)("/v1/shelters", {
          method: "POST",
          body: {
            name: "COSM Rotatie",
            kind: "cosm",
            region: "midden_nederland",
            places: [
              { label: "R1", targetGroup: "men", securityLevel: "high", accessible: false, roomForChildren: false },
            ],
          },
          headers: { "Idempotency-Key": `rotation-shelter-${kind}` },
        }),
        201,
      );
      const request = await ok(
        await caller(api, partnerKey)("/v1/placement-requests", {
          method: "POST",
          body: {
            registrationId: knownRegistrationId,
            needs: {
              targetGroup: "men",
              children: 0,
              urgency: "tonight",
              security: "high",
              languages: ["nl"],
              medicalNeeds: "Rotatie: insuline",
            },
          },
          headers: { "Idempotency-Key": `rotation-request-${kind}` },
        }),
        201,
      );
      await ok(await coordinator(`/v1/placement-requests/${request.id}/start-search`, { method: "POST" }));
      await ok(
        await coordinator(`/v1/placement-requests/${request.id}/offers`, {
          method: "POST",
          body: {
            placeId: (shelter.places as Array<{ id: string }>)[0]?.id,
            startsOn: "2026-11-21",
            expiresAt: "2099-01-01T00:00:00Z",
            override: { reason: "Rotatie: acuut gevaar" },
          },
          headers: { "Idempotency-Key": `rotation-offer-${kind}` },
        }),
        201,
      );
      const erasure = await ok(
        await coordinator(`/v1/persons/${knownPersonId}/erasure-requests`, {
          method: "POST",
          body: { reason: "Rotatie: verzoek van betrokkene" },
          headers: { "Idempotency-Key": `rotation-erasure-${kind}` },
        }),
        201,
      );
      await ok(
        await coordinator(`/v1/erasure-requests/${erasure.id}/reject`, {
          method: "POST",
          body: { reason: "Rotatie: nog in behandeling" },
        }),
      );
      // A case note with a correction: each version's words encrypted, bound to the note and its number.
      const note = await ok(
        await coordinator(`/v1/persons/${knownPersonId}/notes`, {
          method: "POST",
          body: { text: "Rotatie: notitie" },
        }),
        201,
      );
      await ok(
        await coordinator(`/v1/persons/${knownPersonId}/notes/${note.id}`, {
          method: "PUT",
          body: { text: "Rotatie: notitie, gecorrigeerd" },
          headers: { "If-Match": '"1"' },
        }),
      );
      // An attachment: its name encrypted, its bytes in three encrypted chunks, each bound to attachment and number.
      const attachment = await ok(
        await api.app.request(`/v1/persons/${knownPersonId}/attachments`, {
          method: "POST",
          headers: {
            Authorization: `Bearer ${coordinatorKey}`,
            "Content-Type": "text/plain",
            "X-File-Name": "Rotatie.txt",
          },
          body: attachmentBytes,
        }),
        201,
      );
      attachmentPath = `/v1/persons/${knownPersonId}/attachments/${attachment.id}`;
      // A console user's second factor: the TOTP secret, encrypted and bound to the user.
      const staff = await makeUser(api, { email: `rotation-${kind}@comensha.test`, role: "coordinator" });
      await api.runtime.runPromise(
        startEnrolment({
          user: {
            id: staff.credential.user.id,
            email: staff.credential.user.email,
            organisationId: staff.credential.organisationId,
          },
          requestId: "rotation",
        }),
      );
      // A follow-up task's title, encrypted and bound to the task.
      await ok(
        await coordinator(`/v1/persons/${knownPersonId}/follow-ups`, {
          method: "POST",
          body: { kind: "custom", dueOn: "2026-01-15", owner: staff.credential.user.id, title: "Rotatie: taak" },
        }),
        201,
      );
      // As a database from before key ids: blind indexes without a key id, and one value in format 1.
      await api.runtime.runPromise(
        Effect.gen(function* () {
          const query = queryWith(yield* Database);
          const crypto = yield* Ports.Crypto;
          yield* query((db) => db.update(Tables.personBlindIndexes).set({ keyId: null }));
          const [version] = yield* query((db) =>
            db
              .select()
              .from(Tables.registrationVersions)
              .where(isNotNull(Tables.registrationVersions.identifiers))
              .limit(1),
          );
          if (version?.identifiers == null) return;
          const context = `registration:${version.registrationId}:${version.version}`;
          const plaintext = yield* Effect.orDie(crypto.decrypt(version.identifiers, context));
          yield* query((db) =>
            db
              .update(Tables.registrationVersions)
              .set({ identifiers: legacyCiphertext(decodeKey("old", oldKeys.encryption), plaintext, context) })
              .where(
                sql`${Tables.registrationVersions.registrationId} = ${version.registrationId} and ${Tables.registrationVersions.version} = ${version.version}`,
              ),
          );
        }),
      );
    } finally {
      await api.close();
    }
  }, 180_000);
  afterAll(async () => {
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("holds data in every encrypted column before the rotation, under the old key or in format 1", async () => {
    const api = await openApi(storage(keys(oldKeys)));
    try {
      const status = await api.runtime.runPromise(keyStatus);
      for (const column of encryptedColumns) {
        const usage = status.usage.filter((entry) => entry.where === column.name);
        expect(usage.length, column.name).toBeGreaterThan(0);
      }
      expect(
        status.usage.find((entry) => entry.where === "registration_versions.identifiers" && entry.keyId === "legacy"),
      ).toBeDefined();
      expect(
        status.usage.filter((entry) => entry.where === "person_blind_indexes").map((entry) => entry.keyId),
      ).toEqual(["legacy"]);
    } finally {
      await api.close();
    }
  });

  it("refuses a new encryption key alone, or an unknown previous key, before the rotation has finished", async () => {
    const starting = await openApi(storage(keys(newKeys, oldKeys)));
    await starting.close();
    const alone = await refusalOf(storage(keys(newKeys)));
    expect(alone).toBeInstanceOf(KeyMismatch);
    expect((alone as KeyMismatch).message).toMatch(
      new RegExp(
        `^The encryption key id ${oldId} still protects data in this database: keep it in COMENSHA_PREVIOUS_ENCRYPTION_KEYS until \`comensha keys rotate\` has finished`,
      ),
    );
    const stranger = await refusalOf(storage(keys(newKeys, { encryption: generateKey(), index: oldKeys.index })));
    expect((stranger as KeyMismatch).message).toMatch(
      /^COMENSHA_PREVIOUS_ENCRYPTION_KEYS holds a key \(key id [0-9a-f]{8}\) that this database was never written with/,
    );
  });

  it("re-encrypts everything under the new key while writers keep creating and correcting registrations", async () => {
    const api = await openApi(storage(keys(newKeys, oldKeys)));
    const partner = caller(api, partnerKey);
    const written: Array<{ id: string; givenNames: string }> = [];
    let summary: RotationSummary | undefined;
    try {
      // A known person whose indexes are still under the old index key is found (strong match: the same person).
      const again = await partner("/v1/registrations", {
        method: "POST",
        body: registrationBody({ person: known }),
        headers: { "Idempotency-Key": `rotation-again-${kind}` },
      });
      expect(again.status).toBe(201);
      expect(await personOf(api, ((await again.json()) as Json).id as string)).toBe(knownPersonId);

      let rotating = true;
      let writesDuringRotation = 0;
      const writer = async (number: number) => {
        // At most 1000 rounds, so that a rotation that hangs fails the test instead of writing forever.
        for (let round = 0; (rotating && round < 1000) || round < 3; round++) {
          // Requests arrive from the network, each in a macrotask. In-process calls on PGlite resolve in microtasks
          // only, which would starve the rotation's fiber (scheduled as a macrotask) for as long as they run.
          await new Promise((resolve) => setTimeout(resolve, 1));
          const person = {
            ...known,
            familyName: `Schrijver${number}x${round}`,
            givenNames: "Eerste",
            dateOfBirth: `1980-01-${String(1 + number).padStart(2, "0")}`,
          };
          const created = await partner("/v1/registrations", {
            method: "POST",
            body: registrationBody({ person }),
            headers: { "Idempotency-Key": `rotation-writer-${kind}-${number}-${round}` },
          });
          expect(created.status).toBe(201);
          const id = ((await created.json()) as Json).id as string;
          const corrected = await partner(`/v1/registrations/${id}`, {
            method: "PUT",
            body: registrationBody({ person: { ...person, givenNames: `Gecorrigeerd ${round}` } }),
            headers: { "If-Match": '"1"' },
          });
          expect(corrected.status).toBe(200);
          written.push({ id, givenNames: `Gecorrigeerd ${round}` });
          if (rotating) writesDuringRotation += 1;
        }
      };
      const writers = [0, 1, 2].map(writer);
      await new Promise((resolve) => setTimeout(resolve, 20));
      summary = await api.runtime.runPromise(rotateKeys({ batchSize: 3 })).finally(() => {
        rotating = false;
      });
      await Promise.all(writers);
      expect(writesDuringRotation).toBeGreaterThan(0);
      expect(summary.complete).toBe(true);
      expect(summary.retired.encryption).toEqual([oldId]);
      expect(summary.retired.index).toHaveLength(1);
      expect(summary.droppedIndexes).toBe(0);

      // Writes that landed after a column was done are under the new key too; nothing anywhere is under another.
      const headers = await api.runtime.runPromise(
        Effect.gen(function* () {
          const query = queryWith(yield* Database);
          const found: Record<string, ReadonlyArray<string>> = {};
          for (const column of encryptedColumns) {
            const header = sql<string>`encode(substring(${column.ciphertext} from 1 for 5), 'hex')`;
            const rows = yield* query((db) =>
              db.selectDistinct({ header }).from(column.table).where(isNotNull(column.ciphertext)),
            );
            found[column.name] = rows.map((row) => row.header);
          }
          const indexKeyIds = yield* query((db) =>
            db.selectDistinct({ keyId: Tables.personBlindIndexes.keyId }).from(Tables.personBlindIndexes),
          );
          return { found, indexKeyIds: indexKeyIds.map((row) => row.keyId) };
        }),
      );
      for (const column of encryptedColumns)
        expect(headers.found[column.name], column.name).toEqual([ciphertextHeaderHex(newId)]);
      expect(headers.indexKeyIds).toEqual([newIndexId]);
    } finally {
      await api.close();
    }

    // With the new keys only: every value of every encrypted column decrypts, and no write was lost.
    const fresh = await openApi(storage(keys(newKeys)));
    try {
      const unreadable = await fresh.runtime.runPromise(
        Effect.gen(function* () {
          const query = queryWith(yield* Database);
          const crypto = yield* Ports.Crypto;
          const failures: Array<string> = [];
          let values = 0;
          for (const column of encryptedColumns) {
            const fields: Record<string, (typeof column.primaryKey)[number]> = { ciphertext: column.ciphertext };
            for (const [name, context] of Object.entries(column.contextColumns)) fields[name] = context;
            const rows = (yield* query((db) =>
              db.select(fields).from(column.table).where(isNotNull(column.ciphertext)),
            )) as Array<Record<string, unknown>>;
            for (const row of rows) {
              values += 1;
              const plaintext = yield* Effect.result(crypto.decrypt(row.ciphertext as Uint8Array, column.context(row)));
              if (plaintext._tag === "Failure") failures.push(column.name);
            }
          }
          return { failures, values };
        }),
      );
      expect(unreadable.failures).toEqual([]);
      expect(unreadable.values).toBeGreaterThan(seededRegistrations);

      const partner = caller(fresh, partnerKey);
      for (const { id, givenNames } of written) {
        const read = await partner(`/v1/registrations/${id}`);
        expect(read.status).toBe(200);
        const body = (await read.json()) as { version: number; person: { givenNames: string } };
        expect(body.version).toBe(2);
        expect(body.person.givenNames).toBe(givenNames);
      }
      const total = await fresh.runtime.runPromise(
        Effect.flatMap(Database, (db) =>
          queryWith(db)((q) => q.select({ n: sql<number>`count(*)::int` }).from(Tables.registrations)),
        ),
      );
      expect(total[0]?.n).toBe(seededRegistrations + 2 + written.length);

      // An attachment's chunks, re-encrypted one by one, give back the same file under the new key alone.
      const download = await caller(fresh, coordinatorKey)(attachmentPath);
      expect(download.status).toBe(200);
      expect(download.headers.get("content-disposition")).toContain('filename="Rotatie.txt"');
      expect(Buffer.from(await download.arrayBuffer()).equals(Buffer.from(attachmentBytes))).toBe(true);

      // A stored idempotent answer with a sealed API key replays the same key under the new key alone.
      const replay = await caller(fresh, adminKey)(`/v1/organisations/${adminOrganisationId}/api-keys`, {
        method: "POST",
        body: { role: "partner" },
        headers: { "Idempotency-Key": sealedKeyIdempotency },
      });
      expect(replay.status).toBe(201);
      expect(((await replay.json()) as { key: string }).key).toBe(sealedKey);
      const webhookReplay = await partner("/v1/webhook-endpoints", {
        method: "POST",
        body: webhookEndpointBody,
        headers: { "Idempotency-Key": `rotation-webhook-${kind}` },
      });
      expect(webhookReplay.status).toBe(201);
      expect(((await webhookReplay.json()) as { secret: string }).secret).toBe(webhookSecret);

      // A new report of the known person (family name and date of birth: a weak match) is a possible duplicate.
      const similar = await partner("/v1/registrations", {
        method: "POST",
        body: registrationBody({ person: { ...known, givenNames: "Pieter" } }),
        headers: { "Idempotency-Key": `rotation-similar-${kind}` },
      });
      expect(similar.status).toBe(201);
      const similarId = ((await similar.json()) as Json).id as string;
      const flagged = await fresh.runtime.runPromise(
        Effect.flatMap(Database, (db) =>
          queryWith(db)((q) =>
            q
              .select({ candidate: Tables.duplicates.candidatePersonId })
              .from(Tables.duplicates)
              .where(eq(Tables.duplicates.registrationId, similarId)),
          ),
        ),
      );
      expect(flagged.map((row) => row.candidate)).toContain(knownPersonId);

      const again = await fresh.runtime.runPromise(rotateKeys({ batchSize: 3 }));
      expect(again.complete).toBe(true);
      expect(again.columns.every((column) => column.rotated === 0)).toBe(true);
      expect(again.persons).toBe(0);
      const events = await fresh.runtime.runPromise(
        Effect.flatMap(Database, (db) =>
          queryWith(db)((q) =>
            q
              .select({ resourceId: Tables.auditEvents.resourceId, outcome: Tables.auditEvents.outcome })
              .from(Tables.auditEvents)
              .where(eq(Tables.auditEvents.action, "keys.rotated")),
          ),
        ),
      );
      expect(events).toHaveLength(2);
      expect(events.every((event) => event.outcome === "success")).toBe(true);
      expect(JSON.stringify(events)).not.toContain(newKeys.encryption);
    } finally {
      await fresh.close();
    }
  }, 300_000);

  it("refuses the old key as the current one once the rotation has retired it", async () => {
    const refused = await refusalOf(storage(keys(oldKeys)));
    expect(refused).toBeInstanceOf(KeyMismatch);
    expect((refused as KeyMismatch).message).toMatch(
      new RegExp(`^The encryption key in COMENSHA_ENCRYPTION_KEY \\(key id ${oldId}\\) was retired by a key rotation`),
    );
    const withPrevious = await refusalOf(storage(keys(oldKeys, newKeys)));
    expect((withPrevious as KeyMismatch).problem).toBe("retired");
  });
});
