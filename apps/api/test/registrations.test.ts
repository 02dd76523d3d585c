import { testDatabaseKinds } from "@comensha/db/testing";
import { Ports } from "@comensha/domain";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import { caller, makeOrganisation, openTestApi, registrationBody, type TestApi } from "./support.js";

type Json = Record<string, unknown>;

describe.each(testDatabaseKinds())("registrations on %s", (kind) => {
  let api: TestApi;
  let police: ReturnType<typeof caller>;
  let policeKey: string;
  let ngo: ReturnType<typeof caller>;
  let coordinator: ReturnType<typeof caller>;
  let auditor: ReturnType<typeof caller>;
  let key = 0;
  const idempotencyKey = () => `test-key-${kind}-${++key}`;

  beforeAll(async () => {
    api = await openTestApi(kind);
    policeKey = (await makeOrganisation(api, { name: "Politie Testeenheid", kind: "police" })).apiKey;
    police = caller(api, policeKey);
    ngo = caller(api, (await makeOrganisation(api, { name: "Stichting Testhulp", kind: "ngo" })).apiKey);
    const comensha = await makeOrganisation(api, { name: "CoMensha (test)", kind: "other", role: "coordinator" });
    coordinator = caller(api, comensha.apiKey);
    auditor = caller(
      api,
      (await makeOrganisation(api, { name: "Audit (test)", kind: "other", role: "auditor" })).apiKey,
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  const create = (as: ReturnType<typeof caller>, body: unknown, key = idempotencyKey()) =>
    as("/v1/registrations", { method: "POST", body, headers: { "Idempotency-Key": key } });

  const countRegistrations = () =>
    api.runtime.runPromise(
      Effect.gen(function* () {
        const registrations = yield* Ports.RegistrationRepository;
        let total = 0;
        let cursor: string | undefined;
        do {
          const page = yield* registrations.list({}, { limit: 500, ...(cursor === undefined ? {} : { cursor }) });
          total += page.data.length;
          cursor = page.nextCursor ?? undefined;
        } while (cursor !== undefined);
        return total;
      }),
    );

  it("creates, gets, lists, updates and withdraws a registration", async () => {
    const created = await create(police, registrationBody());
    expect(created.status).toBe(201);
    const registration = (await created.json()) as Json;
    expect(registration).toMatchObject({ status: "received", version: 1, reportedOn: "2026-11-20" });
    expect(registration).not.toHaveProperty("personId");
    expect((registration.person as Json).familyName).toBe("Voorbeeld");
    expect(created.headers.get("ETag")).toBe('"1"');
    expect(created.headers.get("Location")).toBe(`/v1/registrations/${registration.id}`);

    const got = await police(`/v1/registrations/${registration.id}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(registration);

    const listed = (await (await police("/v1/registrations?limit=10")).json()) as { data: Array<Json> };
    expect(listed.data.map((r) => r.id)).toContain(registration.id);

    const changed = registrationBody({ exploitation: { forms: ["sexual", "labour"], country: "NL" } });
    expect((await police(`/v1/registrations/${registration.id}`, { method: "PUT", body: changed })).status).toBe(428);
    const updated = await police(`/v1/registrations/${registration.id}`, {
      method: "PUT",
      body: changed,
      headers: { "If-Match": '"1"' },
    });
    expect(updated.status).toBe(200);
    expect(updated.headers.get("ETag")).toBe('"2"');
    expect(((await updated.json()) as { exploitation: { forms: Array<string> } }).exploitation.forms).toEqual([
      "sexual",
      "labour",
    ]);
    const stale = await police(`/v1/registrations/${registration.id}`, {
      method: "PUT",
      body: changed,
      headers: { "If-Match": '"1"' },
    });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as Json).type).toBe(ProblemType.preconditionFailed);

    expect((await police(`/v1/registrations/${registration.id}/versions`)).status).toBe(403);
    const versions = (await (await coordinator(`/v1/registrations/${registration.id}/versions`)).json()) as {
      data: Array<{ version: number; exploitation: { forms: Array<string> } }>;
    };
    expect(versions.data.map((v) => [v.version, v.exploitation.forms])).toEqual([
      [1, ["sexual"]],
      [2, ["sexual", "labour"]],
    ]);

    const tooLong = await police(`/v1/registrations/${registration.id}/withdraw`, {
      method: "POST",
      body: { reason: "x".repeat(1001) },
      headers: { "If-Match": '"2"' },
    });
    expect(tooLong.status).toBe(422);
    expect(((await tooLong.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
      "/reason",
    ]);
    const notJson = await police(`/v1/registrations/${registration.id}/withdraw`, {
      method: "POST",
      body: "reason=mistake",
      headers: { "If-Match": '"2"', "Content-Type": "text/plain" },
    });
    expect(notJson.status).toBe(415);
    expect(await (await police(`/v1/registrations/${registration.id}`)).json()).toMatchObject({
      status: "received",
      version: 2,
    });

    const withdrawn = await police(`/v1/registrations/${registration.id}/withdraw`, {
      method: "POST",
      body: { reason: "reported twice by mistake" },
      headers: { "If-Match": '"2"' },
    });
    expect(withdrawn.status).toBe(200);
    expect(await withdrawn.json()).toMatchObject({
      status: "withdrawn",
      withdrawalReason: "reported twice by mistake",
    });
    expect(await (await police(`/v1/registrations/${registration.id}`)).json()).toMatchObject({
      status: "withdrawn",
      version: 3,
      withdrawalReason: "reported twice by mistake",
    });
    const withReason = (await (await coordinator(`/v1/registrations/${registration.id}/versions`)).json()) as {
      data: Array<Json>;
    };
    expect(withReason.data.map((v) => [v.status, v.withdrawalReason])).toEqual([
      ["received", undefined],
      ["received", undefined],
      ["withdrawn", "reported twice by mistake"],
    ]);
    const again = await police(`/v1/registrations/${registration.id}/withdraw`, {
      method: "POST",
      headers: { "If-Match": '"3"' },
    });
    expect(again.status).toBe(409);
    expect(((await again.json()) as Json).type).toBe(ProblemType.invalidState);
  });

  it("replays the same Idempotency-Key and body, and refuses the key with another body", async () => {
    const before = await countRegistrations();
    const first = await create(police, registrationBody(), "same-key-1");
    const replay = await create(police, registrationBody(), "same-key-1");
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
    expect(replay.headers.get("ETag")).toBe(first.headers.get("ETag"));
    expect(await replay.json()).toEqual(await first.json());
    const other = await create(police, registrationBody({ reportedOn: "2026-11-19" }), "same-key-1");
    expect(other.status).toBe(422);
    expect(((await other.json()) as Json).type).toBe(ProblemType.idempotencyKeyReused);
    const missing = await police("/v1/registrations", { method: "POST", body: registrationBody() });
    expect(missing.status).toBe(400);
    expect(await countRegistrations()).toBe(before + 1);
  });

  it("answers a retried update or withdrawal with the same Idempotency-Key with the first answer, not a 412", async () => {
    const created = (await (await create(police, registrationBody())).json()) as Json;
    const path = `/v1/registrations/${created.id}`;
    const changed = registrationBody({ dossierType: "registration" });
    const put = () =>
      police(path, { method: "PUT", body: changed, headers: { "If-Match": '"1"', "Idempotency-Key": "put-1" } });
    const first = await put();
    const retry = await put();
    expect(first.status).toBe(200);
    expect(retry.status).toBe(200);
    expect(retry.headers.get("Idempotent-Replayed")).toBe("true");
    expect(retry.headers.get("ETag")).toBe('"2"');
    const withdraw = () =>
      police(`${path}/withdraw`, { method: "POST", headers: { "If-Match": '"2"', "Idempotency-Key": "withdraw-1" } });
    expect((await withdraw()).status).toBe(200);
    const again = await withdraw();
    expect(again.status).toBe(200);
    expect(((await again.json()) as Json).status).toBe("withdrawn");
    const withoutKey = await police(path, { method: "PUT", body: changed, headers: { "If-Match": '"1"' } });
    expect(withoutKey.status).toBe(409);
  });

  it("keeps organisations apart: another organisation's registration is 404 everywhere", async () => {
    const own = (await (await create(police, registrationBody())).json()) as Json;
    const path = `/v1/registrations/${own.id}`;
    expect((await ngo(path)).status).toBe(404);
    const consentBody = registrationBody({ legalBasis: "consent", reflectionPeriod: undefined });
    expect((await ngo(path, { method: "PUT", body: consentBody, headers: { "If-Match": '"1"' } })).status).toBe(404);
    expect((await ngo(`${path}/withdraw`, { method: "POST", headers: { "If-Match": '"1"' } })).status).toBe(404);
    const listed = (await (await ngo("/v1/registrations?limit=200")).json()) as { data: Array<Json> };
    expect(listed.data.map((r) => r.id)).not.toContain(own.id);
    expect((await police(path)).status).toBe(200);

    // Transferred to a third organisation: the NGO still sees nothing of it, and learns nothing from its answers.
    const receiver = await makeOrganisation(api, { name: "Zorgcoördinatie (scoping)", kind: "care_coordination" });
    const moved = await police(`${path}/transfers`, {
      method: "POST",
      body: { toOrganisationId: receiver.organisation.id, reason: "care_takes_over" },
    });
    expect(moved.status).toBe(201);
    expect((await ngo(path)).status).toBe(404);
    expect((await ngo(`${path}/transfers`)).status).toBe(404);
    expect((await ngo(path, { method: "PUT", body: consentBody, headers: { "If-Match": '"1"' } })).status).toBe(404);
    expect(
      (
        await ngo(`${path}/transfers`, {
          method: "POST",
          body: { toOrganisationId: receiver.organisation.id, reason: "other" },
        })
      ).status,
    ).toBe(404);
    const afterTransfer = (await (await ngo("/v1/registrations?limit=200")).json()) as { data: Array<Json> };
    expect(afterTransfer.data.map((r) => r.id)).not.toContain(own.id);
    // The police read it as it was; the receiver as its own.
    expect((await police(path)).status).toBe(200);
    expect((await caller(api, receiver.apiKey)(path)).status).toBe(200);
  });

  it("links a person reported by two organisations, without telling either", async () => {
    const person = {
      familyName: "Dubbelmelding",
      givenNames: "Ilse Marit",
      aliases: [],
      dateOfBirth: "2001-02-03",
      sex: "female",
      nationalities: ["RO"],
    };
    const fromPolice = (await (await create(police, registrationBody({ person }))).json()) as Json;
    const fromNgo = (await (
      await create(
        ngo,
        registrationBody({
          person: { ...person, familyName: "DUBBELMELDING", givenNames: "marit ilse" },
          legalBasis: "consent",
          reflectionPeriod: undefined,
        }),
      )
    ).json()) as Json;
    expect(Object.keys(fromNgo).sort()).toEqual(
      Object.keys(fromPolice)
        .sort()
        .filter((k) => k !== "reflectionPeriod"),
    );
    const a = (await (await coordinator(`/v1/registrations/${fromPolice.id}`)).json()) as Json;
    const b = (await (await coordinator(`/v1/registrations/${fromNgo.id}`)).json()) as Json;
    expect(a.personId).toBeDefined();
    expect(b.personId).toBe(a.personId);
  });

  it("makes one person of simultaneous reports of the same new person", async () => {
    const person = {
      familyName: "Gelijktijdig",
      givenNames: "Noor",
      aliases: [],
      dateOfBirth: "1995-07-07",
      sex: "female",
      nationalities: ["MA"],
    };
    const responses = await Promise.all(Array.from({ length: 10 }, () => create(police, registrationBody({ person }))));
    expect(responses.map((r) => r.status)).toEqual(Array.from({ length: 10 }, () => 201));
    const ids = await Promise.all(responses.map(async (r) => ((await r.json()) as Json).id));
    const personIds = await Promise.all(
      ids.map(async (id) => ((await (await coordinator(`/v1/registrations/${id}`)).json()) as Json).personId),
    );
    expect(new Set(personIds).size).toBe(1);
  });

  it("puts a weak match in the review queue, where a coordinator merges it with a reason", async () => {
    const base = { familyName: "Kandidaat", givenNames: "Petra", aliases: [], sex: "female", nationalities: ["BG"] };
    const first = (await (
      await create(police, registrationBody({ person: { ...base, dateOfBirth: "1990-05-05" } }))
    ).json()) as Json;
    const second = (await (
      await create(police, registrationBody({ person: { ...base, givenNames: "Petya", dateOfBirth: "1990-05-05" } }))
    ).json()) as Json;
    const queue = (await (await coordinator("/v1/duplicates?status=open")).json()) as { data: Array<Json> };
    const candidate = queue.data.find((d) => d.registrationId === second.id);
    expect(candidate?.matchedOn).toEqual(["family_dob"]);
    expect((await police("/v1/duplicates")).status).toBe(403);
    const noReason = await coordinator(`/v1/duplicates/${candidate?.id}/merge`, { method: "POST", body: {} });
    expect(noReason.status).toBe(422);
    const merged = await coordinator(`/v1/duplicates/${candidate?.id}/merge`, {
      method: "POST",
      body: { reason: "Same person: spelling of the given name differs" },
    });
    expect(merged.status).toBe(200);
    expect(((await merged.json()) as Json).status).toBe("merged");
    const personIds = await api.runtime.runPromise(
      Effect.gen(function* () {
        const persons = yield* Ports.PersonRepository;
        const registrations = yield* Ports.RegistrationRepository;
        const a = yield* registrations.findById(first.id as never);
        const b = yield* registrations.findById(second.id as never);
        const pb = yield* persons.findById(b.personId);
        return { a: a.personId, mergedInto: pb.mergedInto };
      }),
    );
    expect(personIds.mergedInto).toBe(personIds.a);
    const twice = await coordinator(`/v1/duplicates/${candidate?.id}/dismiss`, {
      method: "POST",
      body: { reason: "again" },
    });
    expect(twice.status).toBe(409);
  });

  it("writes exactly one audit event per call on personal-data routes, listed for auditors", async () => {
    const events = async () =>
      ((await (await auditor("/v1/audit-events?limit=500")).json()) as { data: Array<Json> }).data;
    const before = (await events()).length;
    const created = (await (await create(police, registrationBody())).json()) as Json;
    await police(`/v1/registrations/${created.id}`);
    await police("/v1/registrations");
    await ngo(`/v1/registrations/${created.id}`);
    const after = await events();
    expect(after.length - before).toBe(4);
    expect(after.slice(0, 4).map((e) => [e.action, e.outcome])).toEqual([
      ["registration.read", "denied"],
      ["registration.list", "success"],
      ["registration.read", "success"],
      ["registration.create", "success"],
    ]);
    expect(JSON.stringify(after)).not.toContain("Voorbeeld");

    await police("/v1/duplicates");
    await coordinator("/v1/duplicates/0190d1a0-0000-7000-8000-000000000000/merge", { method: "POST", body: {} });
    const later = await events();
    expect(later.slice(0, 2).map((e) => [e.action, e.outcome])).toEqual([
      ["duplicate.merge", "failure"],
      ["duplicate.list", "denied"],
    ]);
    expect(later.length - after.length).toBe(2);
    expect((await police("/v1/audit-events")).status).toBe(403);
  });

  it("answers bad input with a 4xx problem and stores nothing", async () => {
    const before = await countRegistrations();
    const body = registrationBody();
    const cases: Array<[string, string | unknown, number]> = [
      ["wrong types", { ...body, reportedOn: 20261120 }, 422],
      ["unknown code", { ...body, exploitation: { forms: ["smuggling"], country: "NL" } }, 422],
      ["missing field", { ...body, dossierType: undefined }, 422],
      ["unknown field", { ...body, extra: 1 }, 422],
      ["invalid date", { ...body, reportedOn: "2026-02-30" }, 422],
      ["future report", { ...body, reportedOn: "2999-01-01" }, 422],
      ["a valid body still works", body, 201],
      ["huge array", { ...body, person: { ...body.person, aliases: Array.from({ length: 5000 }, () => "x") } }, 422],
      ["malformed JSON", '{"reportedOn": ', 400],
      ["not an object", "[]", 422],
      ["null", "null", 422],
    ];
    let created = 0;
    for (const [name, input, status] of cases) {
      const response = await create(police, input);
      expect(response.status, name).toBe(status);
      if (status === 201) {
        created += 1;
        continue;
      }
      expect(response.headers.get("Content-Type"), name).toBe("application/problem+json");
      const problem = (await response.json()) as Json;
      expect(typeof problem.type, name).toBe("string");
    }
    const badUtf8 = await api.app.request("/v1/registrations", {
      method: "POST",
      headers: { Authorization: `Bearer ${policeKey}`, "Content-Type": "application/json", "Idempotency-Key": "utf8" },
      body: new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]),
    });
    expect(badUtf8.status).toBe(400);
    expect(((await badUtf8.json()) as Json).type).toBe(ProblemType.malformedJson);
    const notJson = await police("/v1/registrations", {
      method: "POST",
      body: "reportedOn=2026-11-20",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Idempotency-Key": "form" },
    });
    expect(notJson.status).toBe(415);
    const oversize = await create(police, { ...body, padding: "x".repeat(2 * 1024 * 1024) });
    expect(oversize.status).toBe(413);
    expect(((await oversize.json()) as Json).type).toBe(ProblemType.payloadTooLarge);
    const ngoStatutory = await create(ngo, body);
    expect(ngoStatutory.status).toBe(422);
    expect(((await ngoStatutory.json()) as { errors: Array<Json> }).errors[0]?.path).toBe("/legalBasis");
    expect(await countRegistrations()).toBe(before + created);
  });

  it("names the offending fields of a validation failure", async () => {
    const response = await create(police, registrationBody({ person: { familyName: "", sex: "robot" } }));
    expect(response.status).toBe(422);
    const problem = (await response.json()) as { type: string; errors: Array<{ path: string }> };
    expect(problem.type).toBe(ProblemType.validationFailed);
    const paths = problem.errors.map((e) => e.path);
    expect(paths).toEqual(expect.arrayContaining(["/person/familyName", "/person/sex", "/person/givenNames"]));
  });

  it("refuses requests without a valid key", async () => {
    expect((await api.app.request("/v1/registrations")).status).toBe(401);
    const bad = await api.app.request("/v1/registrations", { headers: { Authorization: "Bearer cmk_00000000_nope" } });
    expect(bad.status).toBe(401);
    expect(((await bad.json()) as Json).type).toBe(ProblemType.unauthorized);
  });
});
