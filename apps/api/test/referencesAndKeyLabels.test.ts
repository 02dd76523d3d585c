import { Database } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;
type Call = ReturnType<typeof caller>;

const rowsOf = (result: unknown): Array<Json> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Json> }).rows ?? []);

describe.each(testDatabaseKinds())("registration references and API key labels on %s", (kind) => {
  let api: TestApi;
  let admin: Call;
  let coordinator: Call;
  let police: { readonly id: string; readonly call: Call };
  let ngo: Call;
  let counter = 0;
  const ids: Array<string> = [];
  /** Every line the API logs, as JSON, to look for the reference in. */
  const logged: Array<string> = [];

  const post = (as: Call, path: string, body: unknown) =>
    as(path, { method: "POST", body, headers: { "Idempotency-Key": `labels-${kind}-${++counter}` } });

  /** The ids of the registrations `as` finds with `query`, and the status of the answer. */
  const search = async (as: Call, query: string) => {
    const response = await as(`/v1/registrations?${query}`);
    const body = (await response.json()) as { data?: Array<Json>; errors?: Array<Json> };
    return { status: response.status, ids: (body.data ?? []).map((r) => r.id), errors: body.errors };
  };

  const query = async (statement: string) =>
    rowsOf(
      await api.runtime.runPromise(
        Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement))),
      ),
    );

  beforeAll(async () => {
    api = await openTestApi(kind, (level, msg, fields) => logged.push(JSON.stringify({ level, msg, fields })));
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer (test)", kind: "other", role: "admin" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (test)", kind: "other", role: "coordinator" })).apiKey,
    );
    const politie = await makeOrganisation(api, { name: "Politie Voorbeeldeenheid", kind: "police" });
    police = { id: politie.organisation.id, call: caller(api, politie.apiKey) };
    ngo = caller(api, (await makeOrganisation(api, { name: "Stichting Voorbeeld", kind: "ngo" })).apiKey);
    for (const [as, familyName, legalBasis] of [
      [police.call, "Eerste", "statutory"],
      [police.call, "Tweede", "statutory"],
      [ngo, "Derde", "consent"],
    ] as const) {
      const created = await post(as, "/v1/registrations", {
        ...registrationBody({ legalBasis }),
        person: { ...registrationBody().person, familyName },
      });
      expect(created.status).toBe(201);
      ids.push(String(((await created.json()) as Json).id));
    }
  });
  afterAll(async () => {
    await api?.close();
  });

  describe("GET /v1/registrations?reference=", () => {
    it("finds a registration by the last 8 characters of its id, as the console shows it", async () => {
      const [first] = ids;
      const short = String(first).slice(-8);
      expect(await search(coordinator, `reference=${short}`)).toMatchObject({ status: 200, ids: [first] });
      // Typed from a page or a phone call: upper case and blanks around it do not matter.
      expect(await search(coordinator, `reference=${encodeURIComponent(` ${short.toUpperCase()} `)}`)).toMatchObject({
        status: 200,
        ids: [first],
      });
    });

    it("finds a registration by its whole id, and combines with the other filters", async () => {
      const second = String(ids[1]);
      expect(await search(coordinator, `reference=${second}`)).toMatchObject({ status: 200, ids: [second] });
      expect(await search(coordinator, `reference=${second}&status=received`)).toMatchObject({ ids: [second] });
      expect(await search(coordinator, `reference=${second}&status=withdrawn`)).toMatchObject({ ids: [] });
      expect(await search(coordinator, `reference=${second}&reportedFrom=2030-01-01`)).toMatchObject({ ids: [] });
    });

    it("finds only within what the caller may see: a partner never finds another organisation's report", async () => {
      const [first, , third] = ids.map(String);
      expect(await search(police.call, `reference=${first?.slice(-8)}`)).toMatchObject({ ids: [first] });
      expect(await search(ngo, `reference=${first?.slice(-8)}`)).toMatchObject({ status: 200, ids: [] });
      expect(await search(ngo, `reference=${first}`)).toMatchObject({ status: 200, ids: [] });
      expect(await search(ngo, `reference=${third?.slice(-8)}`)).toMatchObject({ ids: [third] });
    });

    it("refuses a reference that is neither 8 characters of an id nor a whole id, naming /reference", async () => {
      for (const bad of ["78852a0", "78852a06f", "zzzzzzzz", "%25%25%25%25%25%25%25%25", "Melding%2078852a06"]) {
        const answer = await search(coordinator, `reference=${bad}`);
        expect(answer.status).toBe(422);
        expect(answer.errors?.map((error) => error.path)).toEqual(["/reference"]);
      }
    });

    it("keeps the reference out of the audit log: the search is audited as a list without it", async () => {
      const short = String(ids[0]).slice(-8);
      await search(coordinator, `reference=${short}`);
      const lists = await query(
        "select resource_id, action from audit_events where action = 'registration.list' order by id desc limit 1",
      );
      expect(lists).toEqual([{ resource_id: null, action: "registration.list" }]);
      // Nor in the server's log: a logged path has no query string.
      const before = logged.length;
      await search(coordinator, `reference=${short}`);
      expect(logged.length).toBeGreaterThan(before);
      expect(logged.slice(before).join("\n")).not.toContain(short);
    });
  });

  describe("API key labels", () => {
    it("stores the label an administrator gives a new key, and lists it; a key made without one has none", async () => {
      const path = `/v1/organisations/${police.id}/api-keys`;
      const created = await post(admin, path, { role: "partner", label: "Koppeling zaaksysteem" });
      expect(created.status).toBe(201);
      const key = (await created.json()) as Json;
      expect(key).toMatchObject({ label: "Koppeling zaaksysteem", role: "partner", revokedAt: null });
      const unlabelled = (await (await post(admin, path, { role: "partner" })).json()) as Json;
      expect(unlabelled.label).toBeNull();

      const listed = ((await (await admin(path)).json()) as { data: Array<Json> }).data;
      expect(listed.map((listedKey) => [listedKey.id, listedKey.label])).toEqual([
        [unlabelled.id, null],
        [key.id, "Koppeling zaaksysteem"],
        [expect.any(String), null],
      ]);
      const revoked = (await (await admin(`/v1/api-keys/${String(key.id)}/revoke`, { method: "POST" })).json()) as Json;
      expect(revoked).toMatchObject({ label: "Koppeling zaaksysteem", revokedAt: expect.any(String) });
    });

    it("refuses an empty, padded or too long label, naming /label, and makes no key", async () => {
      const path = `/v1/organisations/${police.id}/api-keys`;
      const before = ((await (await admin(path)).json()) as { data: Array<Json> }).data.length;
      for (const label of ["", "  Test  ", "x".repeat(101), 42]) {
        const refused = await post(admin, path, { role: "partner", label });
        expect(refused.status).toBe(422);
        expect(((await refused.json()) as { errors: Array<Json> }).errors.map((error) => error.path)).toEqual([
          "/label",
        ]);
      }
      expect(((await (await admin(path)).json()) as { data: Array<Json> }).data).toHaveLength(before);
      expect((await post(admin, path, { role: "partner", label: "x".repeat(100) })).status).toBe(201);
    });
  });
});
