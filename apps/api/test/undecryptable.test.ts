import { CryptoLive, Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Ports } from "@comensha/domain";
import { eq } from "drizzle-orm";
import { Effect, Redacted } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Logger } from "../src/logger.js";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

const otherKeys = {
  encryptionKey: Redacted.make(new Uint8Array(32).fill(1)),
  indexKey: Redacted.make(new Uint8Array(32).fill(2)),
};

describe.each(testDatabaseKinds())("a registration written under another key (%s)", (kind) => {
  let api: TestApi;
  let call: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  const lines: Array<{ level: string; msg: string; fields: Record<string, unknown> }> = [];
  const logger: Logger = (level, msg, fields = {}) => lines.push({ level, msg, fields });
  const ids: Array<string> = [];

  beforeAll(async () => {
    api = await openTestApi(kind, logger);
    const { apiKey } = await makeOrganisation(api, { name: "Politie Test", kind: "police" });
    call = caller(api, apiKey);
    for (const familyName of ["Een", "Twee", "Drie"]) {
      const response = await call("/v1/registrations", {
        method: "POST",
        body: registrationBody({ person: { ...registrationBody().person, familyName } }),
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      expect(response.status).toBe(201);
      ids.push(((await response.json()) as { id: string }).id);
    }
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey,
    );
    const broken = ids[1] ?? "";
    await api.runtime.runPromise(
      Effect.gen(function* () {
        const ciphertext = yield* Effect.flatMap(Ports.Crypto, (other) =>
          other.encrypt(
            JSON.stringify({ familyName: "Twee", givenNames: "X", aliases: [] }),
            `registration:${broken}:1`,
          ),
        ).pipe(Effect.provide(CryptoLive(otherKeys)));
        yield* queryWith(yield* Database)((db) =>
          db.update(Tables.registrations).set({ identifiers: ciphertext }).where(eq(Tables.registrations.id, broken)),
        );
      }),
    );
  }, 60_000);
  afterAll(() => api.close());

  it("leaves it out of a list that shows the others, with an audit event and a log line that name only its id", async () => {
    lines.length = 0;
    const response = await call("/v1/registrations");
    expect(response.status).toBe(200);
    const page = (await response.json()) as { data: ReadonlyArray<{ id: string }> };
    expect(page.data.map((registration) => registration.id).sort()).toEqual([ids[0], ids[2]].sort());
    const events = await api.runtime.runPromise(Effect.flatMap(Ports.AuditLog, (log) => log.list({ limit: 100 })));
    expect(
      events.data.filter((event) => event.action === "registration.undecryptable").map((event) => event.resourceId),
    ).toEqual([ids[1]]);
    const warning = lines.find((line) => line.msg === "undecryptable records");
    expect(warning).toMatchObject({ level: "warn", fields: { resource: "registration", ids: [ids[1]] } });
    expect(JSON.stringify(lines)).not.toContain("Twee");
  });

  it("answers a single read of it with the undecryptable problem, not a 500", async () => {
    lines.length = 0;
    const response = await call(`/v1/registrations/${ids[1]}`);
    expect(response.status).toBe(422);
    expect(response.headers.get("Content-Type")).toContain("application/problem+json");
    expect(((await response.json()) as { type: string }).type).toBe(ProblemType.undecryptable);
    expect(lines.find((line) => line.msg === "undecryptable records")).toMatchObject({ fields: { ids: [ids[1]] } });
    expect((await call(`/v1/registrations/${ids[0]}`)).status).toBe(200);
  });

  it("leaves it out of its person's page, which shows the person's other registrations", async () => {
    const again = await call("/v1/registrations", {
      method: "POST",
      body: registrationBody({ person: { ...registrationBody().person, familyName: "Twee" } }),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    const second = (await again.json()) as { id: string };
    const [row] = await api.runtime.runPromise(
      Effect.gen(function* () {
        return yield* queryWith(yield* Database)((db) =>
          db
            .select({ personId: Tables.registrations.personId })
            .from(Tables.registrations)
            .where(eq(Tables.registrations.id, second.id)),
        );
      }),
    );
    lines.length = 0;
    const response = await coordinator(`/v1/persons/${row?.personId}`);
    expect(response.status).toBe(200);
    const person = (await response.json()) as { registrations: ReadonlyArray<{ id: string }> };
    expect(person.registrations.map((registration) => registration.id)).toContain(second.id);
    expect(person.registrations.map((registration) => registration.id)).not.toContain(ids[1]);
    expect(lines.find((line) => line.msg === "undecryptable records")).toMatchObject({ fields: { ids: [ids[1]] } });
  });
});
