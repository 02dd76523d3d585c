import { Database, queryWith, rowsOf, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { IsoDate, StayList } from "@comensha/domain";
import { inArray } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  caller,
  inSession,
  makeOrganisation,
  makeUser,
  openTestApi,
  registrationBody,
  reportPerson,
  signIn,
  type TestApi,
} from "./support.js";

type Json = Record<string, unknown>;

describe.each(testDatabaseKinds())("follow-up tasks and stay lists on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let admin: ReturnType<typeof caller>;
  let policy: ReturnType<typeof caller>;
  let anna: ReturnType<typeof inSession>;
  let annaId: string;
  let bram: ReturnType<typeof inSession>;
  let bramId: string;
  let n = 0;
  const password = "Opvolgen-wachtwoord-2026";
  const today = IsoDate.ofInstant(Date.now());

  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie (taken)", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (taken)", kind: "other", role: "coordinator" })).apiKey,
    );
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer (taken)", kind: "other", role: "admin" })).apiKey);
    policy = caller(
      api,
      (await makeOrganisation(api, { name: "Beleid (taken)", kind: "other", role: "policy" })).apiKey,
    );
    annaId = (await makeUser(api, { email: "anna@comensha.test", role: "coordinator", password })).credential.user.id;
    bramId = (await makeUser(api, { email: "bram@comensha.test", role: "coordinator", password })).credential.user.id;
    await makeUser(api, { email: "beleid@comensha.test", role: "policy", password });
    anna = inSession(api, await signIn(api, "anna@comensha.test", password));
    bram = inSession(api, await signIn(api, "bram@comensha.test", password));
  });
  afterAll(() => api?.close());

  const newPerson = () => {
    n += 1;
    return reportPerson(police, coordinator, { familyName: `Taak${n}`, dateOfBirth: `1990-03-${10 + n}` });
  };
  const sql = (statement: string) =>
    api.runtime.runPromise(Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement))));
  const auditOf = async (ids: ReadonlyArray<string>) =>
    (
      await api.runtime.runPromise(
        Effect.flatMap(Database, (database) =>
          queryWith(database)((db) =>
            db
              .select()
              .from(Tables.auditEvents)
              .where(inArray(Tables.auditEvents.resourceId, [...ids])),
          ),
        ),
      )
    ).map((event) => `${event.action}:${event.outcome}`);

  it("adds a task owned by the calling user, lists it with the case's suggestions, and completes it once", async () => {
    const personId = await newPerson();
    const listed = (await (await anna(`/v1/persons/${personId}/follow-ups`)).json()) as Json;
    // The report's reflection period (from 2026-11-20) suggests its last day while it runs.
    const suggested = IsoDate.isAfter(today, IsoDate.make("2027-02-19"))
      ? []
      : [{ kind: "reflection_period_end", dueOn: "2027-02-19" }];
    expect(listed).toEqual({ items: [], suggestions: suggested });

    const created = await anna(`/v1/persons/${personId}/follow-ups`, {
      method: "POST",
      body: { kind: "reflection_period_end", dueOn: "2027-02-19", title: "  Bel de advocaat  " },
    });
    expect(created.status).toBe(201);
    const task = (await created.json()) as Json;
    expect(task).toMatchObject({
      personId,
      kind: "reflection_period_end",
      dueOn: "2027-02-19",
      owner: annaId,
      title: { state: "readable", text: "Bel de advocaat" },
      state: "open",
      createdBy: { kind: "user", id: annaId },
      closedBy: null,
      closedAt: null,
    });
    const again = (await (await anna(`/v1/persons/${personId}/follow-ups`)).json()) as Json;
    expect([(again.items as Array<Json>).map((item) => item.id), again.suggestions]).toEqual([[task.id], []]);

    const done = await bram(`/v1/follow-ups/${task.id}/complete`, { method: "POST" });
    expect(done.status).toBe(200);
    expect(await done.json()).toMatchObject({ state: "done", closedBy: { kind: "user", id: bramId } });
    const twice = await bram(`/v1/follow-ups/${task.id}/cancel`, { method: "POST" });
    expect(twice.status).toBe(409);
    expect(((await twice.json()) as Json).type).toContain("invalid-state");
    expect(await auditOf([String(task.id)])).toEqual(
      expect.arrayContaining(["follow_up.create:success", "follow_up.complete:success", "follow_up.cancel:failure"]),
    );
    expect(await auditOf([personId])).toEqual(expect.arrayContaining(["follow_up.list:success"]));
  });

  it("replays a create with the same Idempotency-Key, and refuses bad bodies, owners and persons", async () => {
    const personId = await newPerson();
    const key = crypto.randomUUID();
    const body = { kind: "custom", dueOn: "2027-01-05", owner: bramId };
    const first = await coordinator(`/v1/persons/${personId}/follow-ups`, {
      method: "POST",
      body,
      headers: { "Idempotency-Key": key },
    });
    const replay = await coordinator(`/v1/persons/${personId}/follow-ups`, {
      method: "POST",
      body,
      headers: { "Idempotency-Key": key },
    });
    expect([first.status, replay.status]).toEqual([201, 201]);
    expect(((await replay.json()) as Json).id).toBe(((await first.json()) as Json).id);
    const reused = await coordinator(`/v1/persons/${personId}/follow-ups`, {
      method: "POST",
      body: { ...body, dueOn: "2027-01-06" },
      headers: { "Idempotency-Key": key },
    });
    expect(reused.status).toBe(422);

    const post = (payload: unknown, path = `/v1/persons/${personId}/follow-ups`) =>
      Promise.resolve(coordinator(path, { method: "POST", body: payload })).then(async (response) => ({
        status: response.status,
        type: String(((await response.json()) as Json).type),
      }));
    // An API key has no "me": it names the owner.
    expect(await post({ kind: "custom", dueOn: "2027-01-05" })).toMatchObject({ status: 422 });
    const [policyRow] = rowsOf<{ id: string }>(await sql("select id from users where email = 'beleid@comensha.test'"));
    const policyId = policyRow?.id;
    expect(await post({ kind: "custom", dueOn: "2027-01-05", owner: policyId })).toMatchObject({
      status: 422,
      type: expect.stringContaining("validation-failed"),
    });
    for (const bad of [
      { kind: "birthday", dueOn: "2027-01-05", owner: bramId },
      { kind: "custom", dueOn: "2027-02-30", owner: bramId },
      { kind: "custom", dueOn: "2027-01-05", owner: bramId, title: "x".repeat(201) },
      { kind: "custom", dueOn: "2027-01-05", owner: bramId, extra: 1 },
    ]) {
      expect((await post(bad)).status, JSON.stringify(bad).slice(0, 50)).toBe(422);
    }
    expect((await post(body, "/v1/persons/0194e000-0000-7000-8000-000000000bad/follow-ups")).status).toBe(404);
    expect((await post(body, "/v1/persons/not-a-person/follow-ups")).status).toBe(404);

    const survivor = await newPerson();
    await sql(`update persons set merged_into = '${survivor}' where id = '${personId}'`);
    expect(await post(body)).toMatchObject({ status: 409, type: expect.stringContaining("invalid-state") });
    expect((await coordinator(`/v1/persons/${personId}/follow-ups`)).status).toBe(409);
    const merged = (await (await coordinator(`/v1/persons/${survivor}/follow-ups`)).json()) as Json;
    expect((merged.items as Array<Json>).map((item) => item.personId)).toEqual([personId]);
  });

  it("gives each coordinator a worklist with overdue tasks first, and counts overdue tasks as a signal", async () => {
    const personId = await newPerson();
    const add = (dueOn: string, as = anna) =>
      Promise.resolve(
        as(`/v1/persons/${personId}/follow-ups`, { method: "POST", body: { kind: "custom", dueOn } }),
      ).then(async (response) => (await response.json()) as Json);
    const signalsBefore = (await (await coordinator("/v1/signals")).json()) as Json;
    const countOf = (signals: Json) =>
      (signals.summary as Array<Json>).find((row) => row.kind === "follow_ups_overdue")?.count ?? 0;
    const late = await add(IsoDate.addDays(today, -3));
    const soon = await add(IsoDate.addDays(today, 4));
    const dueToday = await add(today);
    await add(IsoDate.addDays(today, -1), bram);

    const mine = (await (await anna("/v1/follow-ups?owner=me&state=open")).json()) as Json;
    expect(mine.asOf).toBe(today);
    const mineIds = (mine.data as Array<Json>).map((task) => task.id);
    expect(mineIds.filter((id) => [late.id, dueToday.id, soon.id].includes(id))).toEqual([
      late.id,
      dueToday.id,
      soon.id,
    ]);
    expect((mine.data as Array<Json>).every((task) => task.owner === annaId)).toBe(true);
    const overdue = (await (await anna("/v1/follow-ups?owner=me&overdue=true")).json()) as Json;
    expect((overdue.data as Array<Json>).map((task) => task.id)).toEqual([late.id]);
    const paged = (await (await anna("/v1/follow-ups?owner=me&limit=1")).json()) as Json;
    expect(paged.nextCursor).not.toBeNull();
    const second = (await (
      await anna(`/v1/follow-ups?owner=me&limit=1&cursor=${encodeURIComponent(String(paged.nextCursor))}`)
    ).json()) as Json;
    expect((second.data as Array<Json>)[0]?.id).not.toBe((paged.data as Array<Json>)[0]?.id);

    for (const query of ["owner=me", "state=late", "overdue=yes", "owner=bram", "cursor=bm9wZQ", "limit=0"]) {
      const response = await (query === "owner=me" ? coordinator : anna)(`/v1/follow-ups?${query}`);
      expect(response.status, query).toBe(400);
    }
    const byId = (await (await coordinator(`/v1/follow-ups?owner=${bramId}&overdue=true`)).json()) as Json;
    expect((byId.data as Array<Json>).every((task) => task.owner === bramId)).toBe(true);

    const signals = (await (await coordinator("/v1/signals")).json()) as Json;
    expect(countOf(signals)).toBe(Number(countOf(signalsBefore)) + 2);
    expect(signals.data as Array<Json>).toContainEqual({ kind: "follow_ups_overdue", count: countOf(signals) });
    const forPolicy = (await (await policy("/v1/signals")).json()) as Json;
    expect(forPolicy.data).toBeUndefined();
    expect(forPolicy.summary as Array<Json>).toContainEqual({
      kind: "follow_ups_overdue",
      targetGroup: null,
      count: countOf(signals),
    });
    expect(JSON.stringify(forPolicy)).not.toContain(personId);
  });

  it("lists a shelter's stays of a week as JSON and as the platform's CSV, for coordinators only, audited", async () => {
    const shelter = (await (
      await admin("/v1/shelters", {
        method: "POST",
        body: {
          name: "COSM Weeklijst",
          kind: "cosm",
          region: "rotterdam",
          places: [
            { label: "W1", targetGroup: "women", securityLevel: "standard", accessible: false, roomForChildren: false },
            { label: "W2", targetGroup: "women", securityLevel: "standard", accessible: false, roomForChildren: false },
          ],
        },
        headers: { "Idempotency-Key": crypto.randomUUID() },
      })
    ).json()) as { id: string; places: Array<{ id: string }> };
    const week = "2026-W10"; // 2026-03-02 to 2026-03-08
    const place = async (placeIndex: number, startsOn: string, endsOn: string | null) => {
      const registration = (await (
        await police("/v1/registrations", {
          method: "POST",
          body: registrationBody({ person: { ...registrationBody().person, familyName: `Verblijf${++n}` } }),
          headers: { "Idempotency-Key": crypto.randomUUID() },
        })
      ).json()) as Json;
      const request = (await (
        await police("/v1/placement-requests", {
          method: "POST",
          body: {
            registrationId: registration.id,
            needs: { targetGroup: "women", children: 0, urgency: "planned", security: "standard", languages: [] },
          },
          headers: { "Idempotency-Key": crypto.randomUUID() },
        })
      ).json()) as Json;
      const placementId = `0194e000-0000-7000-8000-${String(900 + n).padStart(12, "0")}`;
      await sql(`update placement_requests set state = 'placed' where id = '${request.id}'`);
      await sql(
        `insert into placements (id, request_id, place_id, starts_on, ends_on, end_reason) values ('${placementId}', '${request.id}', '${shelter.places[placeIndex]?.id}', '${startsOn}', ${endsOn === null ? "null" : `'${endsOn}'`}, ${endsOn === null ? "null" : "'moved_on'"})`,
      );
      const detail = (await (await coordinator(`/v1/registrations/${registration.id}`)).json()) as Json;
      return { registrationId: String(registration.id), personId: String(detail.personId), placementId };
    };
    const staying = await place(0, "2026-02-20", null);
    const left = await place(1, "2026-02-01", "2026-03-02");
    await coordinator(`/v1/persons/${staying.personId}/follow-ups`, {
      method: "POST",
      body: { kind: "cosm_three_month_norm", dueOn: "2026-05-20", owner: annaId },
    });
    await coordinator(`/v1/persons/${staying.personId}/follow-ups`, {
      method: "POST",
      body: { kind: "custom", dueOn: "2026-03-04", owner: annaId, title: "Weekgesprek" },
    });

    const json = await coordinator(`/v1/shelters/${shelter.id}/stay-list?week=${week}`);
    expect(json.status).toBe(200);
    const list = (await json.json()) as Json;
    expect(list).toEqual({
      shelterId: shelter.id,
      week,
      from: "2026-03-02",
      to: "2026-03-08",
      rows: [
        {
          ...staying,
          startsOn: "2026-02-20",
          endsOn: null,
          daysStayed: 17,
          daysInWeek: 7,
          openFollowUpsDue: 1,
          nextFollowUpDueOn: "2026-03-04",
        },
      ],
    });
    expect(JSON.stringify(list)).not.toContain(left.personId);

    const csv = await coordinator(`/v1/shelters/${shelter.id}/stay-list?week=${week}`, {
      headers: { Accept: "text/csv" },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get("content-type")).toContain("text/csv");
    expect(csv.headers.get("content-disposition")).toBe(`attachment; filename="stay-list-${week}.csv"`);
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text.split("\r\n")).toEqual([
      "week,person_id,registration_id,placement_id,starts_on,ends_on,days_stayed,days_in_week,open_follow_ups_due,next_follow_up_due_on",
      `${week},${staying.personId},${staying.registrationId},${staying.placementId},2026-02-20,,17,7,1,2026-03-04`,
      "",
    ]);
    expect(await (await coordinator(`/v1/shelters/${shelter.id}/stay-list?week=${week}&format=csv`)).text()).toBe(text);
    // format=json wins over Accept.
    const asJson = await coordinator(`/v1/shelters/${shelter.id}/stay-list?week=${week}&format=json`, {
      headers: { Accept: "text/csv" },
    });
    expect(asJson.headers.get("content-type")).toContain("application/json");
    // The week defaults to this one.
    const thisWeek = (await (await coordinator(`/v1/shelters/${shelter.id}/stay-list`)).json()) as Json;
    expect(thisWeek.week).toBe(StayList.weekOf(today));

    for (const [query, status] of [
      ["week=2025-W53", 400],
      ["week=2026-10", 400],
      ["format=pdf", 400],
    ] as const) {
      expect((await coordinator(`/v1/shelters/${shelter.id}/stay-list?${query}`)).status, query).toBe(status);
    }
    expect((await coordinator("/v1/shelters/0194e000-0000-7000-8000-000000000bad/stay-list")).status).toBe(404);
    expect((await policy(`/v1/shelters/${shelter.id}/stay-list`)).status).toBe(403);
    expect((await police(`/v1/shelters/${shelter.id}/stay-list`)).status).toBe(403);
    expect((await admin(`/v1/shelters/${shelter.id}/stay-list`)).status).toBe(403);
    expect(await auditOf([shelter.id])).toEqual(
      expect.arrayContaining(["stay_list.read:success", "stay_list.read:denied"]),
    );
  });

  it("keeps every other role out of follow-up tasks", async () => {
    const personId = await newPerson();
    for (const as of [police, policy, admin]) {
      expect((await as(`/v1/persons/${personId}/follow-ups`)).status).toBe(403);
      expect((await as("/v1/follow-ups")).status).toBe(403);
      expect(
        (
          await as(`/v1/persons/${personId}/follow-ups`, {
            method: "POST",
            body: { kind: "custom", dueOn: "2027-01-05", owner: annaId },
          })
        ).status,
      ).toBe(403);
    }
  });
});
