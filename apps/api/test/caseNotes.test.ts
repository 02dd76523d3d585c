import { Database, queryWith, Schema as Tables } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { type Person, Ports } from "@comensha/domain";
import { inArray } from "drizzle-orm";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caller, makeOrganisation, openTestApi, reportPerson, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

describe.each(testDatabaseKinds())("case notes on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let n = 0;

  beforeAll(async () => {
    api = await openTestApi(kind);
    police = caller(api, (await makeOrganisation(api, { name: "Politie (notities)", kind: "police" })).apiKey);
    coordinator = caller(
      api,
      (await makeOrganisation(api, { name: "CoMensha (notities)", kind: "other", role: "coordinator" })).apiKey,
    );
  });
  afterAll(() => api?.close());

  /** A new person, reported by the police: answers the person's id. */
  const newPerson = () => {
    n += 1;
    return reportPerson(police, coordinator, { familyName: `Notitie${n}`, dateOfBirth: `1991-02-${10 + n}` });
  };
  const write = (personId: string, text: unknown, key: string = crypto.randomUUID()) =>
    coordinator(`/v1/persons/${personId}/notes`, {
      method: "POST",
      body: { text },
      headers: { "Idempotency-Key": key },
    });
  const correct = (personId: string, noteId: string, text: string, ifMatch?: string) =>
    coordinator(`/v1/persons/${personId}/notes/${noteId}`, {
      method: "PUT",
      body: { text },
      headers: ifMatch === undefined ? {} : { "If-Match": ifMatch },
    });
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

  it("writes a note, corrects it under If-Match, and keeps every version", async () => {
    const personId = await newPerson();
    const created = await write(personId, "  Intake done; she asked for a female interpreter.\n");
    expect(created.status).toBe(201);
    expect(created.headers.get("etag")).toBe('"1"');
    const note = (await created.json()) as Json;
    expect(note).toMatchObject({
      personId,
      version: 1,
      content: { state: "readable", text: "Intake done; she asked for a female interpreter." },
      createdBy: { kind: "api_key" },
    });
    const noteId = String(note.id);

    const missing = await correct(personId, noteId, "No If-Match.");
    expect(missing.status).toBe(428);
    const corrected = await correct(personId, noteId, "Intake done; interpreter booked for Tuesday.", '"1"');
    expect(corrected.status).toBe(200);
    expect(corrected.headers.get("etag")).toBe('"2"');
    const stale = await correct(personId, noteId, "Lost update.", '"1"');
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as Json).detail).toContain("current version is 2");

    const read = await coordinator(`/v1/persons/${personId}/notes/${noteId}`);
    expect(read.status).toBe(200);
    expect(read.headers.get("etag")).toBe('"2"');
    const withVersions = (await read.json()) as { content: Json; versions: Array<{ content: Json; version: number }> };
    expect(withVersions.content).toEqual({ state: "readable", text: "Intake done; interpreter booked for Tuesday." });
    expect(withVersions.versions.map((version) => [version.version, version.content.text])).toEqual([
      [1, "Intake done; she asked for a female interpreter."],
      [2, "Intake done; interpreter booked for Tuesday."],
    ]);

    const second = await write(personId, "Moved to the COSM location.");
    const list = (await (await coordinator(`/v1/persons/${personId}/notes`)).json()) as { items: Array<Json> };
    expect(list.items.map((item) => [item.id, item.version])).toEqual([
      [((await second.json()) as Json).id, 1],
      [noteId, 2],
    ]);

    expect(await auditOf([personId, noteId])).toEqual(
      expect.arrayContaining([
        "case_note.create:success",
        "case_note.update:failure",
        "case_note.update:success",
        "case_note.read:success",
        "case_note.list:success",
      ]),
    );
  });

  it("writes a note once for a retried Idempotency-Key, and refuses an empty or oversized note", async () => {
    const personId = await newPerson();
    const key = crypto.randomUUID();
    const first = await write(personId, "Written once.", key);
    const again = await write(personId, "Written once.", key);
    expect([first.status, again.status]).toEqual([201, 201]);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as Json).id).toBe(((await first.json()) as Json).id);
    expect((await write(personId, "Other words, same key.", key)).status).toBe(422);

    for (const bad of ["   ", "", "x".repeat(10_001), 42, null]) {
      const refused = await write(personId, bad);
      expect(refused.status, JSON.stringify(bad).slice(0, 20)).toBe(422);
      expect(refused.headers.get("content-type")).toContain("application/problem+json");
    }
    const list = (await (await coordinator(`/v1/persons/${personId}/notes`)).json()) as { items: Array<Json> };
    expect(list.items).toHaveLength(1);
  });

  it("is for coordinators only; a merged person's notes are the survivor's; unknown ids are 404", async () => {
    const survivor = await newPerson();
    const merged = await newPerson();
    const note = (await (await write(merged, "Before the merge.")).json()) as Json;
    await api.runtime.runPromise(
      Effect.flatMap(Ports.PersonRepository, (persons) =>
        persons.merge(merged as Person.PersonId, survivor as Person.PersonId),
      ),
    );
    const list = (await (await coordinator(`/v1/persons/${survivor}/notes`)).json()) as { items: Array<Json> };
    expect(list.items.map((item) => item.id)).toEqual([note.id]);
    const refused = await write(merged, "After the merge.");
    expect(refused.status).toBe(409);
    expect(((await refused.json()) as Json).detail).toContain(survivor);
    expect((await coordinator(`/v1/persons/${survivor}/notes/${note.id}`)).status).toBe(200);

    expect((await police(`/v1/persons/${survivor}/notes`)).status).toBe(403);
    expect((await police(`/v1/persons/${survivor}/notes/${note.id}`)).status).toBe(403);
    expect(
      (await police(`/v1/persons/${survivor}/notes`, { method: "POST", body: { text: "Partner note." } })).status,
    ).toBe(403);
    expect(
      (
        await police(`/v1/persons/${survivor}/notes/${note.id}`, {
          method: "PUT",
          body: { text: "Partner note." },
          headers: { "If-Match": '"1"' },
        })
      ).status,
    ).toBe(403);
    expect((await coordinator("/v1/persons/0193a0b0-0000-7000-8000-000000000999/notes")).status).toBe(404);
    expect((await coordinator("/v1/persons/not-an-id/notes")).status).toBe(404);
    expect((await coordinator(`/v1/persons/${survivor}/notes/not-a-note`)).status).toBe(404);
    const stranger = await newPerson();
    expect((await coordinator(`/v1/persons/${stranger}/notes/${note.id}`)).status).toBe(404);
    expect(await auditOf([String(note.id)])).toEqual(expect.arrayContaining(["case_note.read:denied"]));
  });
});
