import { Database } from "@comensha/db";
import { IsoDate } from "@comensha/domain";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

describe("signals", () => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let policy: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let n = 0;
  beforeAll(async () => {
    api = await openTestApi("pglite");
    police = caller(api, (await makeOrganisation(api, { name: "Politie Signalen", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha", kind: "other", role: "coordinator" })).apiKey,
    );
    policy = caller(api, (await makeOrganisation(api, { name: "Beleid", kind: "other", role: "policy" })).apiKey);
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer", kind: "other", role: "admin" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  const post = (as: ReturnType<typeof caller>, path: string, body?: unknown) =>
    as(path, { method: "POST", ...(body === undefined ? {} : { body }), headers: { "Idempotency-Key": `sig-${++n}` } });
  const sql = (statement: string) =>
    api.runtime.runPromise(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement))));
  const today = IsoDate.ofInstant(Date.now());
  const daysAgo = (days: number) => IsoDate.addDays(today, -days);

  it("flags a long wait, a reflection period running out while waiting, a long COSM stay and no capacity", async () => {
    const started = daysAgo(85);
    const registration = (await (
      await post(
        police,
        "/v1/registrations",
        registrationBody({
          reportedOn: started,
          reflectionPeriod: { offeredOn: started, offeredBy: "police", startsOn: started, dublin: false },
        }),
      )
    ).json()) as Json;
    const request = (await (
      await post(police, "/v1/placement-requests", {
        registrationId: registration.id,
        needs: { targetGroup: "women", children: 0, urgency: "tonight", security: "standard", languages: [] },
      })
    ).json()) as Json;
    await sql(`update placement_requests set requested_on = '${daysAgo(3)}' where id = '${request.id}'`);

    const shelter = (await (
      await post(admin, "/v1/shelters", {
        name: "COSM Signalen",
        kind: "cosm",
        region: "rotterdam",
        places: [
          { label: "V1", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false },
        ],
      })
    ).json()) as { places: Array<{ id: string }> };
    const other = (await (
      await post(police, "/v1/registrations", registrationBody({ reportedOn: daysAgo(120) }))
    ).json()) as Json;
    const placed = (await (
      await post(police, "/v1/placement-requests", {
        registrationId: other.id,
        needs: { targetGroup: "women", children: 0, urgency: "planned", security: "high", languages: [] },
      })
    ).json()) as Json;
    await sql(`update placement_requests set state = 'placed' where id = '${placed.id}'`);
    await sql(
      `insert into placements (id, request_id, place_id, starts_on) values ('0194e000-0000-7000-8000-000000000001', '${placed.id}', '${shelter.places[0]?.id}', '${daysAgo(100)}')`,
    );

    const response = await coordinator("/v1/signals");
    expect(response.status).toBe(200);
    const body = (await response.json()) as { asOf: string; data: Array<Json> };
    expect(body.asOf).toBe(today);
    const kinds = body.data.map((signal) => [signal.kind, signal.placementId ?? signal.requestId]);
    expect(kinds).toEqual(
      expect.arrayContaining([
        ["waiting_over_norm", request.id],
        ["reflection_expires_while_waiting", request.id],
        ["cosm_stay_over_norm", "0194e000-0000-7000-8000-000000000001"],
      ]),
    );
    // A long COSM stay names the request it placed too, so the coordinator can open it.
    expect(body.data.find((signal) => signal.kind === "cosm_stay_over_norm")?.requestId).toBe(placed.id);
    // The one women's place is taken, and a women's request waits: no capacity for women tonight.
    expect(body.data.filter((signal) => signal.kind === "no_capacity")).toEqual([
      { kind: "no_capacity", targetGroup: "women", waiting: 1 },
    ]);
    await post(admin, "/v1/shelters", {
      name: "Vrouwenopvang Signalen",
      kind: "womens_shelter",
      region: "rotterdam",
      places: [
        { label: "W1", targetGroup: "women", securityLevel: "standard", accessible: false, roomForChildren: false },
      ],
    });
    const withFreePlace = (await (await coordinator("/v1/signals")).json()) as { data: Array<Json> };
    expect(withFreePlace.data.filter((signal) => signal.kind === "no_capacity")).toEqual([]);
    expect(withFreePlace.data.map((signal) => signal.kind)).toContain("waiting_over_norm");
    // Policy staff see the same bottlenecks as counts per kind and target group: no id, no date, no case.
    const forPolicy = await policy("/v1/signals");
    expect(forPolicy.status).toBe(200);
    const policyBody = (await forPolicy.json()) as Json;
    expect(Object.keys(policyBody).sort()).toEqual(["asOf", "summary"]);
    expect(policyBody.summary).toEqual([
      { kind: "waiting_over_norm", targetGroup: "women", count: 1 },
      { kind: "reflection_expires_while_waiting", targetGroup: "women", count: 1 },
      { kind: "cosm_stay_over_norm", targetGroup: "women", count: 1 },
    ]);
    const policyText = JSON.stringify(policyBody.summary);
    expect(policyText).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(policyText).not.toMatch(/\d{4}-\d{2}-\d{2}/);
    const coordinatorBody = (await (await coordinator("/v1/signals")).json()) as Json;
    expect(coordinatorBody.summary).toEqual(policyBody.summary);
    expect(Array.isArray(coordinatorBody.data)).toBe(true);
    expect((await police("/v1/signals")).status).toBe(403);
    expect(JSON.stringify(body)).not.toContain("Voorbeeld");
  });
});
