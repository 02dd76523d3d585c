import { Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { type Person, Ports } from "@comensha/domain";
import { eq } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, registrationBody, reportPerson, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

describe.each(testDatabaseKinds())("case status on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie (casus)", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (casus)", kind: "other", role: "coordinator" })).apiKey,
    );
  });
  afterAll(() => api?.close());

  /** A new person, reported by the police: answers the person's id. */
  const newPerson = () => {
    n += 1;
    return reportPerson(police, coordinator, { familyName: `Casus${n}`, dateOfBirth: `1990-01-${10 + n}` });
  };
  const change = (personId: string, status: string, reason: string) =>
    coordinator(`/v1/persons/${personId}/case-status`, {
      method: "POST",
      body: { status, reason },
      headers: { "Idempotency-Key": crypto.randomUUID() },
    });

  it("starts active, and keeps every change with its coded reason and who made it", async () => {
    const personId = await newPerson();
    expect(await (await coordinator(`/v1/persons/${personId}/case-status`)).json()).toEqual({
      personId,
      status: "active",
      history: [],
    });
    expect((await change(personId, "follow_up", "follow_up_planned")).status).toBe(200);
    const closed = await change(personId, "closed_referred", "referred");
    expect(closed.status).toBe(200);
    const view = (await closed.json()) as { status: string; history: Array<Json> };
    expect(view.status).toBe("closed_referred");
    expect(view.history.map((entry) => [entry.from, entry.to, entry.reason])).toEqual([
      ["active", "follow_up", "follow_up_planned"],
      ["follow_up", "closed_referred", "referred"],
    ]);
    expect(view.history[0]).toMatchObject({ changedBy: { kind: "api_key" } });
    // A person may come back: a closed case reopens.
    expect((await change(personId, "active", "reopened")).status).toBe(200);
  });

  it("refuses the same status again and a reason that does not fit, naming why", async () => {
    const personId = await newPerson();
    const same = await change(personId, "active", "care_started");
    expect(same.status).toBe(422);
    expect(((await same.json()) as Json).detail).toContain("active already");
    expect((await change(personId, "closed", "referred")).status).toBe(422);
    expect((await change(personId, "closed_referred", "goals_reached")).status).toBe(422);
    expect((await change(personId, "closed", "she moved in with her sister")).status).toBe(422);
    expect(((await (await coordinator(`/v1/persons/${personId}/case-status`)).json()) as Json).history).toEqual([]);
  });

  it("takes two changes of one case at the same moment one after the other", async () => {
    const personId = await newPerson();
    const answers = await Promise.all([
      change(personId, "follow_up", "follow_up_planned"),
      change(personId, "follow_up", "follow_up_planned"),
    ]);
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 422]);
    const view = (await (await coordinator(`/v1/persons/${personId}/case-status`)).json()) as Json;
    expect((view.history as Array<Json>).length).toBe(1);
  });

  it("is the survivor's after a merge, and only coordinators see or change it", async () => {
    const survivor = await newPerson();
    const merged = await newPerson();
    await api.runtime.runPromise(
      Effect.flatMap(Ports.PersonRepository, (persons) =>
        persons.merge(merged as Person.PersonId, survivor as Person.PersonId),
      ),
    );
    const refused = await change(merged, "closed", "goals_reached");
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).detail).toContain(survivor);
    expect((await coordinator(`/v1/persons/${merged}/case-status`)).status).toBe(409);
    expect((await coordinator("/v1/persons/0193a0b0-0000-7000-8000-000000000999/case-status")).status).toBe(404);
    expect((await coordinator("/v1/persons/not-an-id/case-status")).status).toBe(404);
    expect((await police(`/v1/persons/${survivor}/case-status`)).status).toBe(403);
    expect(
      (
        await police(`/v1/persons/${survivor}/case-status`, {
          method: "POST",
          body: { status: "closed", reason: "goals_reached" },
        })
      ).status,
    ).toBe(403);
  });

  it("shows each registration's case status in a coordinator's list (the survivor's after a merge), not a partner's", async () => {
    const report = async (familyName: string) => {
      const body = registrationBody();
      const created = await police("/v1/registrations", {
        method: "POST",
        body: { ...body, person: { ...(body.person as Json), familyName, dateOfBirth: "1991-07-08" } },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      });
      expect(created.status).toBe(201);
      const { id } = (await created.json()) as { id: string };
      const { personId } = (await (await coordinator(`/v1/registrations/${id}`)).json()) as { personId: string };
      return { id, personId };
    };
    const listed = async (as: ReturnType<typeof caller>, id: string) => {
      const page = (await (await as(`/v1/registrations?reference=${id}`)).json()) as { data: Array<Json> };
      expect(page.data.map((item) => item.id)).toEqual([id]);
      return page.data[0] as Json;
    };
    const kept = await report("Lijstbewaard");
    const merged = await report("Lijstsamengevoegd");
    expect((await listed(coordinator, kept.id)).caseStatus).toBe("active");
    expect((await change(kept.personId, "follow_up", "follow_up_planned")).status).toBe(200);
    expect((await listed(coordinator, kept.id)).caseStatus).toBe("follow_up");
    expect(await listed(police, kept.id)).not.toHaveProperty("caseStatus");

    // Once merged into the kept person, the other registration's case is the kept person's.
    await api.runtime.runPromise(
      Effect.flatMap(Database, (database) =>
        queryWith(database)((db) =>
          db.update(Tables.persons).set({ mergedInto: kept.personId }).where(eq(Tables.persons.id, merged.personId)),
        ),
      ),
    );
    expect((await listed(coordinator, merged.id)).caseStatus).toBe("follow_up");

    // Coordinators select by it (the merged person's registration goes with the survivor's case); partners may not.
    const ids = async (query: string) =>
      ((await (await coordinator(`/v1/registrations?limit=200&${query}`)).json()) as { data: Array<Json> }).data.map(
        (item) => item.id,
      );
    const inFollowUp = await ids("caseStatus=follow_up");
    expect(inFollowUp).toEqual(expect.arrayContaining([kept.id, merged.id]));
    expect(await ids("caseStatus=active")).not.toEqual(expect.arrayContaining([kept.id]));
    expect(await ids(`caseStatus=active&reference=${merged.id}`)).toEqual([]);
    const refused = await police("/v1/registrations?caseStatus=follow_up");
    expect(refused.status).toBe(422);
    expect(((await refused.json()) as { errors: Array<Json> }).errors).toEqual([
      { path: "/caseStatus", message: "only CoMensha's coordinators filter by case status" },
    ]);
    expect((await coordinator("/v1/registrations?caseStatus=open")).status).toBe(422);
  });
});
