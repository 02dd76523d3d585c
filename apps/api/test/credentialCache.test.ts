import { testDatabaseKinds } from "@comensha/db/testing";
import { ApiKey, Ports } from "@comensha/domain";
import { Effect, Schema } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

const ttlMs = 400;

/** The key's id from the key itself, as the repository knows it (by its prefix). */
const keyIdOf = (api: TestApi, apiKey: string) =>
  api.runtime.runPromise(
    Effect.map(
      Effect.flatMap(Ports.ApiKeyRepository, (keys) => keys.findByPrefix(String(apiKey.split("_")[1]))),
      (found) => Schema.decodeUnknownSync(ApiKey.ApiKeyId)(found?.key.id),
    ),
  );

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe.each(testDatabaseKinds())("the credential cache on %s", (kind) => {
  let api: TestApi;
  let admin: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await openTestApi(kind, undefined, { credentialTtlMs: ttlMs });
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer (test)", kind: "other", role: "admin" })).apiKey);
  });
  afterAll(() => api?.close());

  it("refuses a key revoked through this process at once", async () => {
    const { apiKey } = await makeOrganisation(api, { name: "Politie (cache 1)", kind: "police" });
    const police = caller(api, apiKey);
    expect((await police("/v1/registrations")).status).toBe(200);
    const revoked = await admin(`/v1/api-keys/${await keyIdOf(api, apiKey)}/revoke`, { method: "POST" });
    expect(revoked.status).toBe(200);
    expect((await police("/v1/registrations")).status).toBe(401);
  });

  it("refuses a key revoked by another process within the cache's time, and keeps writing its use", async () => {
    const { apiKey } = await makeOrganisation(api, { name: "Politie (cache 2)", kind: "police" });
    const police = caller(api, apiKey);
    const created = await police("/v1/registrations", {
      method: "POST",
      body: registrationBody(),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    const id = await keyIdOf(api, apiKey);
    const used = await api.runtime.runPromise(Effect.flatMap(Ports.ApiKeyRepository, (keys) => keys.findById(id)));
    expect(used.lastUsedAt).not.toBeNull();
    // Revoked behind this process's back (the CLI, another replica): it has no way to know but to ask again.
    const revokedAt = Date.now();
    await api.runtime.runPromise(Effect.flatMap(Ports.ApiKeyRepository, (keys) => keys.revoke(id)));
    let refusedAfter: number | undefined;
    while (refusedAfter === undefined && Date.now() - revokedAt < 10 * ttlMs) {
      if ((await police("/v1/registrations")).status === 401) refusedAfter = Date.now() - revokedAt;
      else await sleep(25);
    }
    expect(refusedAfter).toBeDefined();
    expect(refusedAfter).toBeLessThanOrEqual(ttlMs + 200);
  });
});
