import { Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { eq } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;
type Caller = ReturnType<typeof caller>;

describe.each(testDatabaseKinds())("transfers between organisations on %s", (kind) => {
  let api: TestApi;
  let police: Caller;
  let care: Caller;
  let ngo: Caller;
  let coordinator: Caller;
  let careRole: Caller;
  let policy: Caller;
  let policeId: string;
  let careId: string;
  let ngoId: string;
  let comenshaId: string;
  let n = 0;

  const execute = <A>(run: (db: Parameters<Parameters<ReturnType<typeof queryWith>>[0]>[0]) => PromiseLike<A>) =>
    api.runtime.runPromise(Effect.flatMap(Database, (database) => queryWith(database)(run)));

  beforeAll(async () => {
    api = await openTestApi(kind);
    const p = await makeOrganisation(api, { name: "Politie (overdracht)", kind: "police" });
    const c = await makeOrganisation(api, { name: "Zorgcoördinatie (overdracht)", kind: "care_coordination" });
    const g = await makeOrganisation(api, { name: "Stichting Derde (overdracht)", kind: "ngo" });
    const k = await makeOrganisation(api, { name: "CoMensha (overdracht)", kind: "other", role: "coordinator" });
    [police, care, ngo, coordinator] = [p, c, g, k].map((made) => caller(api, made.apiKey)) as [
      Caller,
      Caller,
      Caller,
      Caller,
    ];
    [policeId, careId, ngoId, comenshaId] = [p, c, g, k].map((made) => String(made.organisation.id)) as [
      string,
      string,
      string,
      string,
    ];
    await execute((db) =>
      db.update(Tables.organisations).set({ isComensha: true }).where(eq(Tables.organisations.id, comenshaId)),
    );
    careRole = caller(
      api,
      (await makeOrganisation(api, { name: "Zorg met zorgsleutel", kind: "care_coordination", role: "care" })).apiKey,
    );
    policy = caller(api, (await makeOrganisation(api, { name: "Beleid", kind: "other", role: "policy" })).apiKey);
  });
  afterAll(() => api?.close());

  const report = async (as: Caller = police) => {
    n += 1;
    const created = await as("/v1/registrations", {
      method: "POST",
      body: registrationBody({
        person: {
          familyName: `Overgedragen${n}`,
          givenNames: "Lena",
          aliases: [],
          dateOfBirth: `1990-01-${String(10 + n).padStart(2, "0")}`,
          sex: "female",
          nationalities: ["BG"],
        },
      }),
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(created.status).toBe(201);
    return (await created.json()) as Json & { id: string; person: Json };
  };
  const transfer = (as: Caller, id: string, body: unknown, key: string = crypto.randomUUID()) =>
    as(`/v1/registrations/${id}/transfers`, { method: "POST", body, headers: { "Idempotency-Key": key } });
  const listOf = async (as: Caller) =>
    ((await (await as("/v1/registrations?limit=200")).json()) as { data: Array<Json> }).data;
  /** A correction; `asReporter: false` sends a body under the caller's own rules (an NGO's: consent, no reflection). */
  const correct = (as: Caller, id: string, familyName: string, version: number, person: Json, asReporter = true) =>
    as(`/v1/registrations/${id}`, {
      method: "PUT",
      body: registrationBody({
        person: { ...person, familyName },
        ...(asReporter ? {} : { legalBasis: "consent", reflectionPeriod: undefined }),
      }),
      headers: { "If-Match": `"${version}"` },
    });

  it("moves a registration to the receiver, which corrects it; the sender reads it as it was, read-only", async () => {
    const registration = await report();
    const id = registration.id;
    const moved = await transfer(police, id, { toOrganisationId: careId, reason: "care_takes_over" });
    expect(moved.status).toBe(201);
    const record = (await moved.json()) as Json;
    expect(record).toMatchObject({
      registrationId: id,
      fromOrganisationId: policeId,
      toOrganisationId: careId,
      reason: "care_takes_over",
      version: 1,
    });
    expect(record).not.toHaveProperty("transferredBy");

    // The receiver reads, lists and corrects it as its own (under the reporter's rules: a statutory basis stays).
    expect((await care(`/v1/registrations/${id}`)).status).toBe(200);
    expect((await listOf(care)).map((item) => item.id)).toContain(id);
    const corrected = await correct(care, id, "Gecorrigeerd", 1, registration.person);
    expect(corrected.status).toBe(200);
    expect(((await corrected.json()) as Json).version).toBe(2);

    // The sender reads version 1, as it was at the transfer, also in its list; its changes are refused.
    const asWas = await police(`/v1/registrations/${id}`);
    expect(asWas.status).toBe(200);
    expect(asWas.headers.get("ETag")).toBe('"1"');
    const seen = (await asWas.json()) as Json & { person: Json };
    expect(seen.version).toBe(1);
    expect(seen.person.familyName).toBe(registration.person.familyName);
    const inList = (await listOf(police)).find((item) => item.id === id);
    expect(inList).toMatchObject({ version: 1, person: { familyName: registration.person.familyName } });
    const refused = await correct(police, id, "Niet van mij", 1, registration.person);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as Json).type).toBe(ProblemType.transferred);
    const withdraw = await police(`/v1/registrations/${id}/withdraw`, {
      method: "POST",
      headers: { "If-Match": '"1"' },
    });
    expect(withdraw.status).toBe(403);
    expect(((await withdraw.json()) as Json).type).toBe(ProblemType.transferred);
    const again = await transfer(police, id, { toOrganisationId: ngoId, reason: "other" });
    expect(again.status).toBe(403);
    expect(((await again.json()) as Json).type).toBe(ProblemType.transferred);

    // The sender's view does not follow the receiver's withdrawal either.
    expect(
      (await care(`/v1/registrations/${id}/withdraw`, { method: "POST", headers: { "If-Match": '"2"' } })).status,
    ).toBe(200);
    expect(((await (await police(`/v1/registrations/${id}`)).json()) as Json).status).toBe("received");
    expect((await listOf(police)).find((item) => item.id === id)).toMatchObject({ status: "received", version: 1 });
    expect((await police("/v1/registrations?status=withdrawn&limit=200")).json()).not.toMatchObject({
      data: expect.arrayContaining([expect.objectContaining({ id })]),
    });

    // The history: for the receiver, the sender and coordinators (who also see who transferred it).
    const history = async (as: Caller) =>
      ((await (await as(`/v1/registrations/${id}/transfers`)).json()) as { data: Array<Json> }).data;
    expect((await history(care)).map((item) => item.toOrganisationId)).toEqual([careId]);
    expect((await history(police)).map((item) => item.toOrganisationId)).toEqual([careId]);
    expect((await history(coordinator))[0]).toMatchObject({ transferredBy: { kind: "api_key" } });
  });

  it("shows nothing to a third organisation, before or after a transfer", async () => {
    const { id, person } = await report();
    expect((await transfer(police, id, { toOrganisationId: careId, reason: "other_region" })).status).toBe(201);
    const path = `/v1/registrations/${id}`;
    expect((await ngo(path)).status).toBe(404);
    expect((await ngo(`${path}/transfers`)).status).toBe(404);
    expect((await correct(ngo, id, "Vreemd", 1, person, false)).status).toBe(404);
    expect((await ngo(`${path}/withdraw`, { method: "POST", headers: { "If-Match": '"1"' } })).status).toBe(404);
    expect((await transfer(ngo, id, { toOrganisationId: ngoId, reason: "other" })).status).toBe(404);
    expect((await listOf(ngo)).map((item) => item.id)).not.toContain(id);
    expect((await (await ngo(`/v1/registrations?reference=${id}`)).json()) as Json).toEqual({
      data: [],
      nextCursor: null,
    });
    // Partners never read versions; coordinators read every one.
    expect((await police(`${path}/versions`)).status).toBe(403);
    expect((await coordinator(`${path}/versions`)).status).toBe(200);
  });

  it("lets a coordinator move it on; each former owner sees it and its history up to its own transfer away", async () => {
    const { id, person } = await report();
    expect((await transfer(police, id, { toOrganisationId: careId, reason: "care_takes_over" })).status).toBe(201);
    expect((await correct(care, id, "Tweede", 1, person)).status).toBe(200);
    const onward = await transfer(coordinator, id, { toOrganisationId: ngoId, reason: "wrong_organisation" });
    expect(onward.status).toBe(201);
    expect(await onward.json()).toMatchObject({ fromOrganisationId: careId, version: 2, transferredBy: {} });
    expect((await correct(ngo, id, "Derde", 2, person)).status).toBe(200);

    const read = async (as: Caller) => (await (await as(`/v1/registrations/${id}`)).json()) as Json & { person: Json };
    expect(await read(police)).toMatchObject({ version: 1 });
    expect(await read(care)).toMatchObject({ version: 2, person: { familyName: "Tweede" } });
    expect(await read(ngo)).toMatchObject({ version: 3, person: { familyName: "Derde" } });
    const history = async (as: Caller) =>
      ((await (await as(`/v1/registrations/${id}/transfers`)).json()) as { data: Array<Json> }).data.map(
        (item) => item.toOrganisationId,
      );
    expect(await history(police)).toEqual([careId]);
    expect(await history(care)).toEqual([careId, ngoId]);
    expect(await history(ngo)).toEqual([careId, ngoId]);
    expect(await history(coordinator)).toEqual([careId, ngoId]);

    // Back to the police: it owns it again and reads it as it is now.
    expect((await transfer(ngo, id, { toOrganisationId: policeId, reason: "other" })).status).toBe(201);
    expect(await read(police)).toMatchObject({ version: 3, person: { familyName: "Derde" } });
    expect((await correct(police, id, "Terug", 3, person)).status).toBe(200);
    expect((await correct(ngo, id, "Weg", 4, person, false)).status).toBe(403);
  });

  it("pages a sender's list through its own and its transferred registrations alike, newest first", async () => {
    const kept = await report();
    const given = await report();
    const keptToo = await report();
    expect((await transfer(police, given.id, { toOrganisationId: careId, reason: "other" })).status).toBe(201);
    const all = (await listOf(police)).map((item) => String(item.id));
    expect(all.indexOf(keptToo.id)).toBeLessThan(all.indexOf(given.id));
    expect(all.indexOf(given.id)).toBeLessThan(all.indexOf(kept.id));
    const paged: Array<string> = [];
    let cursor: string | null = null;
    do {
      const query: string = cursor === null ? "" : `&cursor=${cursor}`;
      const page = (await (await police(`/v1/registrations?limit=1${query}`)).json()) as {
        data: Array<Json>;
        nextCursor: string | null;
      };
      paged.push(...page.data.map((item) => String(item.id)));
      cursor = page.nextCursor;
    } while (cursor !== null);
    expect(paged).toEqual(all);
    const byReference = (await (await police(`/v1/registrations?reference=${given.id.slice(-8)}`)).json()) as {
      data: Array<Json>;
    };
    expect(byReference.data.map((item) => item.id)).toEqual([given.id]);
  });

  it("refuses the owner itself, CoMensha, a suspended or unknown organisation and a bad reason with 422", async () => {
    const { id } = await report();
    const problemOf = async (body: unknown) => {
      const response = await transfer(police, id, body);
      return { status: response.status, body: (await response.json()) as Json };
    };
    const own = await problemOf({ toOrganisationId: policeId, reason: "other" });
    expect(own.status).toBe(422);
    expect(own.body.errors).toEqual([
      { path: "/toOrganisationId", message: "the registration already belongs to this organisation" },
    ]);
    expect((await problemOf({ toOrganisationId: comenshaId, reason: "other" })).body.detail).toContain("CoMensha");
    const suspended = await makeOrganisation(api, { name: "Opgeschort (overdracht)", kind: "ngo" });
    await execute((db) =>
      db
        .update(Tables.organisations)
        .set({ status: "suspended" })
        .where(eq(Tables.organisations.id, suspended.organisation.id)),
    );
    const toSuspended = await problemOf({ toOrganisationId: suspended.organisation.id, reason: "other" });
    expect(toSuspended.status).toBe(422);
    expect(toSuspended.body.detail).toContain("suspended");
    const unknown = await problemOf({ toOrganisationId: "0193a0b0-0000-7000-8000-000000000999", reason: "other" });
    expect(unknown.status).toBe(422);
    expect((await problemOf({ toOrganisationId: careId, reason: "because" })).status).toBe(422);
    expect((await problemOf({ toOrganisationId: careId })).status).toBe(422);
    expect((await transfer(police, id, "not json{")).status).toBe(400);

    // Still the police's, untouched.
    expect(((await (await police(`/v1/registrations/${id}/transfers`)).json()) as Json).data).toEqual([]);
    const unknownRegistration = "0193a0b0-0000-7000-8000-000000000998";
    expect((await transfer(police, unknownRegistration, { toOrganisationId: careId, reason: "other" })).status).toBe(
      404,
    );
    expect((await transfer(police, "not-an-id", { toOrganisationId: careId, reason: "other" })).status).toBe(404);
    expect((await transfer(careRole, id, { toOrganisationId: careId, reason: "other" })).status).toBe(403);
    expect((await policy(`/v1/registrations/${id}/transfers`)).status).toBe(403);
  });

  it("honours the Idempotency-Key: a retry gets the first transfer, another body with it is refused", async () => {
    const { id } = await report();
    const key = crypto.randomUUID();
    const first = await transfer(police, id, { toOrganisationId: careId, reason: "care_takes_over" }, key);
    const retry = await transfer(police, id, { toOrganisationId: careId, reason: "care_takes_over" }, key);
    expect(first.status).toBe(201);
    expect(retry.status).toBe(201);
    expect(((await retry.json()) as Json).id).toBe(((await first.json()) as Json).id);
    const reused = await transfer(police, id, { toOrganisationId: ngoId, reason: "other" }, key);
    expect(reused.status).toBe(422);
    expect(((await reused.json()) as Json).type).toBe(ProblemType.idempotencyKeyReused);
    const rows = await execute((db) =>
      db.select().from(Tables.registrationTransfers).where(eq(Tables.registrationTransfers.registrationId, id)),
    );
    expect(rows.length).toBe(1);
  });

  it("moves a registration once when its owner sends two transfers at once", async () => {
    const { id } = await report();
    const responses = await Promise.all(
      [careId, ngoId, careId, ngoId].map((to) => transfer(police, id, { toOrganisationId: to, reason: "other" })),
    );
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses).toEqual([201, 403, 403, 403]);
    const rows = await execute((db) =>
      db.select().from(Tables.registrationTransfers).where(eq(Tables.registrationTransfers.registrationId, id)),
    );
    expect(rows.map((row) => row.fromOrganisationId)).toEqual([policeId]);
    const [owner] = await execute((db) =>
      db
        .select({ organisationId: Tables.registrations.organisationId })
        .from(Tables.registrations)
        .where(eq(Tables.registrations.id, id)),
    );
    expect(owner?.organisationId).toBe(rows[0]?.toOrganisationId);
  });

  it("audits the transfer and the reading of its history, and announces it to the receiver only", async () => {
    const endpoint = await care("/v1/webhook-endpoints", {
      method: "POST",
      body: { url: "https://zorg.example/webhooks", events: ["registration.transferred"] },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });
    expect(endpoint.status).toBe(201);
    const { id } = await report();
    expect((await transfer(police, id, { toOrganisationId: careId, reason: "care_takes_over" })).status).toBe(201);
    expect((await police(`/v1/registrations/${id}/transfers`)).status).toBe(200);
    const trail = (await (await coordinator(`/v1/registrations/${id}/audit-events`)).json()) as {
      data: Array<Json>;
    };
    expect(trail.data.map((event) => event.action)).toEqual(
      expect.arrayContaining(["registration.transfer", "registration.transfers"]),
    );
    const deliveries = await execute((db) =>
      db
        .select({ event: Tables.webhookDeliveries.event, organisationId: Tables.webhookEndpoints.organisationId })
        .from(Tables.webhookDeliveries)
        .innerJoin(Tables.webhookEndpoints, eq(Tables.webhookEndpoints.id, Tables.webhookDeliveries.endpointId)),
    );
    const transferred = deliveries.filter((delivery) => (delivery.event as Json).type === "registration.transferred");
    expect(transferred.map((delivery) => [delivery.organisationId, (delivery.event as Json).data])).toEqual([
      [careId, { registrationId: id, status: "received", version: 1 }],
    ]);
  });
});
