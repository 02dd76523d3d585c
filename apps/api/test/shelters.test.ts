import { Database } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

const cosm = {
  name: "COSM Testlocatie",
  kind: "cosm",
  region: "midden_nederland",
  places: [
    { label: "V1", targetGroup: "women", securityLevel: "high", accessible: true, roomForChildren: false },
    { label: "V2", targetGroup: "women", securityLevel: "high", accessible: false, roomForChildren: false },
    { label: "M1", targetGroup: "men", securityLevel: "standard", accessible: false, roomForChildren: false },
  ],
};

describe.each(testDatabaseKinds())("shelters on %s", (kind) => {
  let api: TestApi;
  let admin: ReturnType<typeof caller>;
  let police: ReturnType<typeof caller>;
  beforeAll(async () => {
    api = await openTestApi(kind);
    admin = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha beheer", kind: "other", role: "admin" })).apiKey,
    );
    police = caller(api, (await makeOrganisation(api, { name: "Politie Opvangtest", kind: "police" })).apiKey);
  });
  afterAll(async () => {
    await api?.close();
  });

  it("lets admins add a shelter with places, idempotently, and everyone with access list them", async () => {
    const add = () => admin("/v1/shelters", { method: "POST", body: cosm, headers: { "Idempotency-Key": "cosm-1" } });
    const created = await add();
    expect(created.status).toBe(201);
    const shelter = (await created.json()) as { id: string; places: Array<Json> };
    expect(shelter.places.map((p) => p.label)).toEqual(["M1", "V1", "V2"]);
    expect((await add()).headers.get("Idempotent-Replayed")).toBe("true");
    expect(
      (await police("/v1/shelters", { method: "POST", body: cosm, headers: { "Idempotency-Key": "x" } })).status,
    ).toBe(403);
    const minors = { ...cosm, places: [{ ...cosm.places[0], targetGroup: "minors" }] };
    const refused = await admin("/v1/shelters", {
      method: "POST",
      body: minors,
      headers: { "Idempotency-Key": "cosm-2" },
    });
    expect(refused.status).toBe(422);
    const listed = (await (await police("/v1/shelters")).json()) as { data: Array<{ id: string }> };
    expect(listed.data.filter((s) => s.id === shelter.id)).toHaveLength(1);
  });

  it("shows which places are free over a date range, counting a placement only on its days", async () => {
    const shelter = (await (
      await admin("/v1/shelters", {
        method: "POST",
        body: { ...cosm, name: "COSM Beschikbaarheid" },
        headers: { "Idempotency-Key": "cosm-3" },
      })
    ).json()) as { places: Array<{ id: string; label: string }> };
    const v1 = shelter.places.find((p) => p.label === "V1")?.id as string;
    const registration = (await (
      await police("/v1/registrations", {
        method: "POST",
        body: registrationBody(),
        headers: { "Idempotency-Key": "reg-1" },
      })
    ).json()) as Json;
    await api.runtime.runPromise(
      Effect.flatMap(Database, (db) =>
        Effect.promise(async () => {
          const requestId = "0194d000-0000-7000-8000-000000000001";
          await db.drizzle.execute(
            `insert into placement_requests (id, registration_id, organisation_id, state, version, needs)
             select '${requestId}', id, organisation_id, 'placed', 1, '{}'::jsonb from registrations where id = '${registration.id}'`,
          );
          await db.drizzle.execute(
            `insert into placements (id, request_id, place_id, starts_on, ends_on)
             values ('0194d000-0000-7000-8000-000000000002', '${requestId}', '${v1}', '2026-12-01', '2026-12-10')`,
          );
        }),
      ),
    );
    const freeOn = async (from: string, to: string) => {
      const body = (await (await police(`/v1/shelters/availability?from=${from}&to=${to}`)).json()) as {
        places: Array<{ placeId: string; free: boolean }>;
        totals: Array<{ targetGroup: string; places: number; free: number }>;
      };
      return { v1: body.places.find((p) => p.placeId === v1)?.free, totals: body.totals };
    };
    expect((await freeOn("2026-11-20", "2026-12-01")).v1).toBe(true);
    expect((await freeOn("2026-12-09", "2026-12-10")).v1).toBe(false);
    expect((await freeOn("2026-12-10", "2026-12-20")).v1).toBe(true);
    const during = await freeOn("2026-12-05", "2026-12-06");
    const women = during.totals.find((t) => t.targetGroup === "women");
    expect(women && women.places - women.free).toBe(1);
    const shelterId = (
      (await (await police("/v1/shelters")).json()) as { data: Array<{ id: string; name: string }> }
    ).data.find((s) => s.name === "COSM Beschikbaarheid")?.id;
    expect((await police(`/v1/shelters/${shelterId}`, { method: "PATCH", body: { status: "closed" } })).status).toBe(
      403,
    );
    const closed = await admin(`/v1/shelters/${shelterId}`, { method: "PATCH", body: { status: "closed" } });
    expect(((await closed.json()) as Json).status).toBe("closed");
    expect((await freeOn("2026-12-10", "2026-12-20")).v1).toBeUndefined();
    await admin(`/v1/shelters/${shelterId}`, { method: "PATCH", body: { status: "active" } });
    expect((await freeOn("2026-12-10", "2026-12-20")).v1).toBe(true);

    const bad = await police("/v1/shelters/availability?from=2026-12-10&to=2026-12-01");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as Json).type).toBe(ProblemType.badRequest);
  });
});
