import { Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { eq } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  caller,
  inSession,
  logIn,
  makeOrganisation,
  makeUser,
  openTestApi,
  reportPerson,
  signIn,
  type TestApi,
} from "./support.js";

type Json = Record<string, unknown>;

/**
 * People at a care organisation sign in to the console as `care` users: an administrator makes them for an active
 * organisation that receives referrals, and they see that organisation's referrals and nothing else, as its API key
 * does. A suspended organisation's users are signed out and cannot sign in.
 */
describe.each(testDatabaseKinds())("care users in the console on %s", (kind) => {
  let api: TestApi;
  let admin: ReturnType<typeof inSession>;
  let coordinator: ReturnType<typeof caller>;
  let police: ReturnType<typeof caller>;
  let north: { id: string; key: ReturnType<typeof caller> };
  let southId: string;
  let policeId: string;
  const password = "een lang en synthetisch wachtwoord";

  beforeAll(async () => {
    api = await openTestApi(kind);
    await makeUser(api, { email: "beheer@comensha.test", role: "admin", password });
    admin = inSession(api, await signIn(api, "beheer@comensha.test", password));
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (zorg)", kind: "other", role: "coordinator" })).apiKey,
    );
    const policeOrganisation = await makeOrganisation(api, { name: "Politie (zorg)", kind: "police" });
    police = caller(api, policeOrganisation.apiKey);
    policeId = policeOrganisation.organisation.id;
    const northOrganisation = await makeOrganisation(api, {
      name: "Zorgcoördinatie Noord (console)",
      kind: "care_coordination",
      role: "care",
    });
    north = { id: northOrganisation.organisation.id, key: caller(api, northOrganisation.apiKey) };
    southId = (await makeOrganisation(api, { name: "Zorgcoördinatie Zuid (console)", kind: "care_coordination" }))
      .organisation.id;
  });
  afterAll(() => api?.close());

  const createUser = (body: Json) => admin("/v1/users", { method: "POST", body });
  const problemOf = async (response: Response) => ({
    status: response.status,
    body: (await response.json()) as { type: string; errors?: Array<Json> },
  });

  it("makes a care user only for an active organisation that receives referrals, and staff for none", async () => {
    const made = await createUser({
      email: "zorg.noord@zorg.test",
      name: "Zorgcoördinator Noord",
      role: "care",
      organisationId: north.id,
    });
    expect(made.status).toBe(201);
    const { user } = (await made.json()) as { user: Json };
    expect(user).toMatchObject({ role: "care", organisationId: north.id, status: "active" });

    const refusals: Array<[Json, string]> = [
      [{ role: "care" }, "a care user works for a receiving organisation: give its organisationId"],
      [
        { role: "care", organisationId: policeId },
        "this organisation does not receive referrals, so it has no care users",
      ],
      [{ role: "care", organisationId: "0193a0b0-0000-7000-8000-000000000999" }, "no organisation has this id"],
      [
        { role: "coordinator", organisationId: north.id },
        "staff users belong to CoMensha: leave organisationId out (only care users name one)",
      ],
    ];
    for (const [fields, message] of refusals) {
      const refused = await problemOf(await createUser({ email: "geweigerd@zorg.test", name: "Geweigerd", ...fields }));
      expect(refused.status, message).toBe(422);
      expect(refused.body.type).toMatch(/\/problems\/validation-failed$/);
      expect(refused.body.errors).toEqual([{ path: "/organisationId", message }]);
    }
    // Nothing was stored half-way: the refused address is still free.
    const users = (await (await admin("/v1/users")).json()) as { data: Array<Json> };
    expect(users.data.map((listed) => listed.email)).not.toContain("geweigerd@zorg.test");
    // Staff belong to CoMensha's organisation, not to a care organisation.
    const staff = users.data.find((listed) => listed.email === "beheer@comensha.test");
    expect(staff?.organisationId).not.toBe(north.id);
  });

  it("shows a care user their organisation's referrals only, and refuses them the rest of the console", async () => {
    await makeUser(api, { email: "zorg.lid@zorg.test", role: "care", password, organisationId: north.id });
    const care = inSession(api, await signIn(api, "zorg.lid@zorg.test", password));
    const session = (await (await care("/v1/auth/session")).json()) as { user: Json };
    expect(session.user).toMatchObject({ role: "care", organisationId: north.id });

    const personId = await reportPerson(police, coordinator, {
      familyName: "Zorgvoorbeeld",
      dateOfBirth: "1994-02-03",
    });
    const refer = async (toOrganisationId: string) => {
      const response = await coordinator("/v1/referrals", {
        method: "POST",
        body: { personId, toOrganisationId, service: "care_coordination", shareIdentifiers: false },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      expect(response.status).toBe(201);
      return String(((await response.json()) as Json).id);
    };
    const toNorth = await refer(north.id);
    const toSouth = await refer(southId);

    const listed = (await (await care("/v1/referrals")).json()) as { data: Array<Json> };
    expect(listed.data.map((referral) => referral.id)).toEqual([toNorth]);
    expect(listed.data[0]).not.toHaveProperty("personId");
    expect((await care(`/v1/referrals/${toSouth}`)).status).toBe(404);
    expect(
      (await care(`/v1/referrals/${toSouth}/answer`, { method: "POST", body: { decision: "accept" } })).status,
    ).toBe(404);
    for (const path of ["/v1/registrations", `/v1/persons/${personId}/notes`, "/v1/shelters", "/v1/organisations"]) {
      expect((await care(path)).status, path).toBe(403);
    }

    const accepted = await care(`/v1/referrals/${toNorth}/answer`, { method: "POST", body: { decision: "accept" } });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as Json).state).toBe("accepted");
    const reported = await care(`/v1/referrals/${toNorth}/report`, {
      method: "POST",
      body: { outcome: "support_completed" },
    });
    expect(((await reported.json()) as Json).state).toBe("completed");
    // The organisation's API key sees what its user did; the audit log names the user, not the key.
    const seenByKey = (await (await north.key(`/v1/referrals/${toNorth}`)).json()) as Json;
    expect(seenByKey).toMatchObject({ state: "completed", outcome: "support_completed" });
  });

  it("signs a suspended organisation's care users out and keeps them out", async () => {
    const organisation = await makeOrganisation(api, { name: "Stichting Opgeschort (console)", kind: "ngo" });
    await makeUser(api, {
      email: "opgeschort@zorg.test",
      role: "care",
      password,
      organisationId: organisation.organisation.id,
    });
    const care = inSession(api, await signIn(api, "opgeschort@zorg.test", password));
    expect((await care("/v1/referrals")).status).toBe(200);
    await api.runtime.runPromise(
      Effect.flatMap(Database, (database) =>
        queryWith(database)((db) =>
          db
            .update(Tables.organisations)
            .set({ status: "suspended" })
            .where(eq(Tables.organisations.id, organisation.organisation.id)),
        ),
      ),
    );
    expect((await care("/v1/referrals")).status).toBe(401);
    expect((await logIn(api, "opgeschort@zorg.test", password)).response.status).toBe(401);
    // A suspended organisation gets no new users either.
    const refused = await problemOf(
      await createUser({
        email: "nieuw.opgeschort@zorg.test",
        name: "Nieuw",
        role: "care",
        organisationId: organisation.organisation.id,
      }),
    );
    expect(refused.body.errors).toEqual([
      { path: "/organisationId", message: "this organisation is suspended: it gets no new users" },
    ]);
  });
});
