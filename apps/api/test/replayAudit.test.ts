import { Database } from "@comensha/db";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

/** Issue 13: a replayed create handed out decrypted medical needs again without an audit event. */
describe("a replayed answer is audited like a read", () => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;

  beforeAll(async () => {
    api = await openTestApi("pglite");
    police = caller(api, (await makeOrganisation(api, { name: "Politie Herhaling", kind: "police" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const auditRows = async (action: string) =>
    api.runtime.runPromise(
      Effect.flatMap(Database, (db) =>
        Effect.promise(async () => {
          const result = (await db.drizzle.execute(
            `select resource_type, resource_id, outcome from audit_events where action = '${action}' order by id`,
          )) as unknown as { rows?: Array<Json> } | Array<Json>;
          return Array.isArray(result) ? result : (result.rows ?? []);
        }),
      ),
    );

  it("writes <action>.replay about the resource for each replay of a registration and a placement request", async () => {
    const send = (path: string, body: unknown, key: string) =>
      police(path, { method: "POST", body, headers: { "Idempotency-Key": key } });
    const registration = await send("/v1/registrations", registrationBody(), "replay-registration");
    expect(registration.status).toBe(201);
    const registrationId = ((await registration.json()) as Json).id as string;
    const requestBody = {
      registrationId,
      needs: {
        targetGroup: "women",
        children: 0,
        urgency: "tonight",
        security: "high",
        languages: ["nl"],
        medicalNeeds: "Insuline, synthetisch voorbeeld",
      },
    };
    const first = await send("/v1/placement-requests", requestBody, "replay-request");
    expect(first.status).toBe(201);
    const firstText = await first.text();
    const requestId = (JSON.parse(firstText) as Json).id as string;
    expect(await auditRows("placement_request.create.replay")).toEqual([]);

    for (let n = 0; n < 2; n++) {
      const replay = await send("/v1/placement-requests", requestBody, "replay-request");
      expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
      expect(await replay.text()).toBe(firstText);
    }
    expect(await auditRows("placement_request.create.replay")).toEqual([
      { resource_type: "placement_request", resource_id: requestId, outcome: "success" },
      { resource_type: "placement_request", resource_id: requestId, outcome: "success" },
    ]);

    expect((await send("/v1/registrations", registrationBody(), "replay-registration")).status).toBe(201);
    expect(await auditRows("registration.create.replay")).toEqual([
      { resource_type: "registration", resource_id: registrationId, outcome: "success" },
    ]);
  });
});
