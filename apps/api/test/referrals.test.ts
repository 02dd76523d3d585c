import { Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { type Person, Ports } from "@comensha/domain";
import { eq } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, reportPerson, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

describe.each(testDatabaseKinds())("referrals to care on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let careNorth: ReturnType<typeof caller>;
  let careSouth: ReturnType<typeof caller>;
  let northId: string;
  let southId: string;
  let policeId: string;
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi(kind);
    const policeOrganisation = await makeOrganisation(api, { name: "Politie (verwijzing)", kind: "police" });
    police = caller(api, policeOrganisation.apiKey);
    policeId = policeOrganisation.organisation.id;
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (verwijzing)", kind: "other", role: "coordinator" })).apiKey,
    );
    const north = await makeOrganisation(api, {
      name: "Zorgcoördinatie Noord",
      kind: "care_coordination",
      role: "care",
    });
    const south = await makeOrganisation(api, {
      name: "Zorgcoördinatie Zuid",
      kind: "care_coordination",
      role: "care",
    });
    [careNorth, careSouth] = [caller(api, north.apiKey), caller(api, south.apiKey)];
    [northId, southId] = [north.organisation.id, south.organisation.id];
  });
  afterAll(() => api?.close());

  const newPerson = () => {
    n += 1;
    return reportPerson(police, coordinator, { familyName: `Verwezen${n}`, dateOfBirth: `1993-03-${10 + n}` });
  };
  const refer = (body: Json) =>
    coordinator("/v1/referrals", { method: "POST", body, headers: { "Idempotency-Key": crypto.randomUUID() } });
  const post = (as: ReturnType<typeof caller>, path: string, body?: unknown) =>
    as(path, { method: "POST", ...(body === undefined ? {} : { body }) });

  it("takes a person from referral to a care coordinator, who alone sees it, to its completion", async () => {
    const personId = await newPerson();
    const created = await refer({
      personId,
      toOrganisationId: northId,
      service: "care_coordination",
      shareIdentifiers: true,
      sharingBasis: "consent",
      consentGivenOn: "2026-12-01",
    });
    expect(created.status).toBe(201);
    const referral = (await created.json()) as Json;
    expect(referral).toMatchObject({
      personId,
      state: "pending",
      sharingBasis: "consent",
      referredBy: { kind: "api_key" },
    });
    const id = String(referral.id);

    // The receiver sees it in its list, without the person's id or who at CoMensha made it; the other sees nothing.
    const northList = (await (await careNorth("/v1/referrals")).json()) as { data: Array<Json> };
    expect(northList.data.map((item) => item.id)).toEqual([id]);
    expect(northList.data[0]).not.toHaveProperty("personId");
    expect(northList.data[0]).not.toHaveProperty("referredBy");
    expect(((await (await careSouth("/v1/referrals")).json()) as { data: Array<Json> }).data).toEqual([]);
    expect((await careSouth(`/v1/referrals/${id}`)).status).toBe(404);
    expect((await post(careSouth, `/v1/referrals/${id}/answer`, { decision: "accept" })).status).toBe(404);

    // With consent, the identifiers of the newest report go with it.
    const read = (await (await careNorth(`/v1/referrals/${id}`)).json()) as { person: { identifiers: Json } } & Json;
    expect(read.person.identifiers).toMatchObject({ familyName: `Verwezen${n}`, dateOfBirth: `1993-03-${10 + n}` });
    expect(read).not.toHaveProperty("personId");

    const accepted = await post(careNorth, `/v1/referrals/${id}/answer`, { decision: "accept" });
    expect(accepted.status).toBe(200);
    expect(((await accepted.json()) as Json).state).toBe("accepted");
    expect((await post(careNorth, `/v1/referrals/${id}/answer`, { decision: "accept" })).status).toBe(409);
    const reported = await post(careNorth, `/v1/referrals/${id}/report`, { outcome: "support_completed" });
    expect(reported.status).toBe(200);
    expect((await reported.json()) as Json).toMatchObject({ state: "completed", outcome: "support_completed" });

    const byPerson = (await (await coordinator(`/v1/referrals?personId=${personId}`)).json()) as { data: Array<Json> };
    expect(byPerson.data.map((item) => [item.id, item.state])).toEqual([[id, "completed"]]);
  });

  it("sends no identifiers without a legal basis, and refuses identifiers that cannot go", async () => {
    const personId = await newPerson();
    const base = { personId, toOrganisationId: northId, service: "legal_aid" };
    const withoutSharing = await refer({ ...base, shareIdentifiers: false });
    expect(withoutSharing.status).toBe(201);
    const id = ((await withoutSharing.json()) as Json).id;
    const read = (await (await careNorth(`/v1/referrals/${id}`)).json()) as { person: Json };
    expect(read.person).toMatchObject({ sex: "female", identifiers: null });
    expect(JSON.stringify(read)).not.toContain(`Verwezen${n}`);

    const refusals: Array<[Json, string]> = [
      [{ ...base, shareIdentifiers: true }, "legal basis"],
      [{ ...base, shareIdentifiers: true, sharingBasis: "consent" }, "consentGivenOn"],
      [{ ...base, shareIdentifiers: true, sharingBasis: "consent", consentGivenOn: "2099-01-01" }, "after today"],
      [{ ...base, shareIdentifiers: false, sharingBasis: "vital_interest" }, "shares no identifiers"],
      [{ ...base, shareIdentifiers: false, toOrganisationId: policeId }, "does not receive referrals"],
      [{ ...base, shareIdentifiers: false, toOrganisationId: "0193a0b0-0000-7000-8000-000000000999" }, "no such"],
    ];
    for (const [body, detail] of refusals) {
      const refused = await refer(body);
      expect(refused.status, detail).toBe(422);
      expect(((await refused.json()) as Json).detail, detail).toContain(detail);
    }
    expect(
      (await refer({ ...base, personId: "0193a0b0-0000-7000-8000-000000000998", shareIdentifiers: false })).status,
    ).toBe(404);

    // A suspended organisation receives nothing new.
    const suspended = await makeOrganisation(api, { name: "Stichting Opgeschort", kind: "ngo", role: "care" });
    await api.runtime.runPromise(
      Effect.flatMap(Database, (database) =>
        queryWith(database)((db) =>
          db
            .update(Tables.organisations)
            .set({ status: "suspended" })
            .where(eq(Tables.organisations.id, suspended.organisation.id)),
        ),
      ),
    );
    const toSuspended = await refer({ ...base, shareIdentifiers: false, toOrganisationId: suspended.organisation.id });
    expect(toSuspended.status).toBe(422);
    expect(((await toSuspended.json()) as Json).detail).toContain("suspended");

    // A person merged into another is referred as the survivor.
    const survivor = await newPerson();
    await api.runtime.runPromise(
      Effect.flatMap(Ports.PersonRepository, (persons) =>
        persons.merge(personId as Person.PersonId, survivor as Person.PersonId),
      ),
    );
    expect((await refer({ ...base, shareIdentifiers: false })).status).toBe(409);
  });

  it("follows the referral's states: a decline with its reason, a withdrawal only by coordinators", async () => {
    const personId = await newPerson();
    const body = { personId, toOrganisationId: southId, service: "medical", shareIdentifiers: false };
    const declined = String(((await (await refer(body)).json()) as Json).id);
    expect((await post(careSouth, `/v1/referrals/${declined}/report`, { outcome: "no_contact" })).status).toBe(409);
    const answer = await post(careSouth, `/v1/referrals/${declined}/answer`, {
      decision: "decline",
      reason: "no_capacity",
    });
    expect((await answer.json()) as Json).toMatchObject({ state: "declined", declineReason: "no_capacity" });
    expect((await post(careSouth, `/v1/referrals/${declined}/answer`, { decision: "decline" })).status).toBe(422);

    const withdrawn = String(((await (await refer(body)).json()) as Json).id);
    expect((await post(careSouth, `/v1/referrals/${withdrawn}/withdraw`)).status).toBe(403);
    expect(((await (await post(coordinator, `/v1/referrals/${withdrawn}/withdraw`)).json()) as Json).state).toBe(
      "withdrawn",
    );
    expect((await post(careSouth, `/v1/referrals/${withdrawn}/answer`, { decision: "accept" })).status).toBe(409);
    const south = (await (await careSouth("/v1/referrals?state=withdrawn")).json()) as { data: Array<Json> };
    expect(south.data.map((item) => item.id)).toEqual([withdrawn]);
    expect((await careSouth(`/v1/referrals?personId=${personId}`)).status).toBe(400);
    expect((await police("/v1/referrals")).status).toBe(403);
    expect((await post(police, "/v1/referrals", body)).status).toBe(403);
    expect((await post(careSouth, "/v1/referrals", body)).status).toBe(403);
  });
});
