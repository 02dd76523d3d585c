import { Database } from "@comensha/db";
import { testDatabaseKinds } from "@comensha/db/testing";
import { Ports } from "@comensha/domain";
import { Effect } from "effect";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ProblemType } from "../src/problem.js";
import {
  caller,
  inSession,
  makeOrganisation,
  makeUser,
  openTestApi,
  registrationBody,
  secretOf,
  signIn,
  type TestApi,
} from "./support.js";

type Json = Record<string, unknown>;
type Call = ReturnType<typeof caller>;

const rowsOf = (result: unknown): Array<Json> =>
  Array.isArray(result) ? result : ((result as { rows: Array<Json> }).rows ?? []);

const unknownId = "01900000-0000-7000-8000-000000000000";

describe.each(testDatabaseKinds())("organisations, API keys, persons and audit trails on %s", (kind) => {
  let api: TestApi;
  let admin: Call;
  let coordinator: Call;
  let coordinatorOrganisationId: string;
  let partner: Call;
  let police: { readonly id: string; readonly call: Call };
  let policy: Call;
  let auditor: Call;
  let counter = 0;
  const idempotencyKey = () => `console-test-${kind}-${++counter}`;

  const query = async (statement: string) =>
    rowsOf(
      await api.runtime.runPromise(
        Effect.flatMap(Database, (db) => Effect.promise(() => db.drizzle.execute(statement))),
      ),
    );

  const events = async () =>
    ((await (await auditor("/v1/audit-events?limit=500")).json()) as { data: Array<Json> }).data;

  /** POSTs `body` as JSON with an Idempotency-Key (a fresh one unless given; none when `null`). */
  const post = (as: Call, path: string, body: unknown, key: string | null = idempotencyKey()) =>
    as(path, { method: "POST", body, headers: key === null ? {} : { "Idempotency-Key": key } });

  beforeAll(async () => {
    api = await openTestApi(kind);
    admin = caller(api, (await makeOrganisation(api, { name: "Beheer (test)", kind: "other", role: "admin" })).apiKey);
    const comensha = await makeOrganisation(api, { name: "CoMensha (test)", kind: "other", role: "coordinator" });
    coordinator = caller(api, comensha.apiKey);
    coordinatorOrganisationId = comensha.organisation.id;
    partner = caller(api, (await makeOrganisation(api, { name: "Stichting Voorbeeld", kind: "ngo" })).apiKey);
    const politie = await makeOrganisation(api, { name: "Politie Voorbeeldeenheid", kind: "police" });
    police = { id: politie.organisation.id, call: caller(api, politie.apiKey) };
    policy = caller(
      api,
      (await makeOrganisation(api, { name: "Beleid (test)", kind: "other", role: "policy" })).apiKey,
    );
    auditor = caller(
      api,
      (await makeOrganisation(api, { name: "Audit (test)", kind: "other", role: "auditor" })).apiKey,
    );
  });
  afterAll(async () => {
    await api?.close();
  });

  describe("GET /v1/organisations", () => {
    it("lists organisations by name, page by page, to coordinators and administrators only", async () => {
      const first = await coordinator("/v1/organisations?limit=2");
      expect(first.status).toBe(200);
      const page = (await first.json()) as { data: Array<Json>; nextCursor: string | null };
      expect(page.data.map((o) => o.name)).toEqual(["Audit (test)", "Beheer (test)"]);
      expect(page.data[0]).toEqual({
        id: expect.any(String),
        name: "Audit (test)",
        kind: "other",
        region: null,
        status: "active",
        isComensha: false,
        createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      });
      expect(page.nextCursor).toEqual(expect.any(String));
      const names: Array<unknown> = [];
      let cursor: string | null = null;
      do {
        const next = (await (
          await admin(`/v1/organisations?limit=2${cursor === null ? "" : `&cursor=${cursor}`}`)
        ).json()) as { data: Array<Json>; nextCursor: string | null };
        names.push(...next.data.map((o) => o.name));
        cursor = next.nextCursor;
      } while (cursor !== null);
      expect(names.slice(0, 6)).toEqual([
        "Audit (test)",
        "Beheer (test)",
        "Beleid (test)",
        "CoMensha (test)",
        "Politie Voorbeeldeenheid",
        "Stichting Voorbeeld",
      ]);
      expect(new Set(names).size).toBe(names.length);
      for (const refused of [partner, policy, auditor]) expect((await refused("/v1/organisations")).status).toBe(403);
      expect((await coordinator("/v1/organisations?limit=0")).status).toBe(400);
      const badCursor = await coordinator("/v1/organisations?cursor=not-ours");
      expect(badCursor.status).toBe(400);
      expect(((await badCursor.json()) as Json).type).toBe(ProblemType.badRequest);
    });
  });

  describe("POST /v1/organisations and its API keys", () => {
    it("makes an organisation with a partner key shown once, that works at once and replays only sealed", async () => {
      const key = idempotencyKey();
      const body = { name: "Gemeente Voorbeeldstad", kind: "municipality", region: "oost_nederland" };
      const created = await post(admin, "/v1/organisations", body, key);
      expect(created.status).toBe(201);
      const { organisation, apiKey } = (await created.json()) as { organisation: Json; apiKey: Json };
      expect(organisation).toMatchObject({ ...body, status: "active", isComensha: false });
      expect(apiKey).toEqual({
        id: expect.any(String),
        organisationId: organisation.id,
        prefix: expect.stringMatching(/^[0-9a-f]{8}$/),
        label: null,
        role: "partner",
        createdAt: expect.any(String),
        lastUsedAt: null,
        revokedAt: null,
        approval: null,
        key: expect.stringMatching(/^cmk_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/),
      });
      expect(String(apiKey.key).startsWith(`cmk_${apiKey.prefix}_`)).toBe(true);
      expect((await caller(api, String(apiKey.key))("/v1/registrations")).status).toBe(200);

      const replay = await post(admin, "/v1/organisations", body, key);
      expect(replay.status).toBe(201);
      expect(replay.headers.get("Idempotent-Replayed")).toBe("true");
      expect(((await replay.json()) as { apiKey: Json }).apiKey.key).toBe(apiKey.key);
      expect(JSON.stringify(await query("select * from idempotency_keys"))).not.toContain(String(apiKey.key));
      const secret = secretOf(String(apiKey.key));
      expect(JSON.stringify(await query("select * from api_keys"))).not.toContain(secret);
      const named = await query(`select count(*)::int as n from organisations where name = '${body.name}'`);
      expect(named[0]?.n).toBe(1);

      const log = await events();
      const actions = log.map((e) => e.action);
      expect(actions).toContain("organisation.create.replay");
      expect(log.find((e) => e.action === "organisation.create")).toMatchObject({
        resourceType: "organisation",
        resourceId: organisation.id,
        outcome: "success",
      });
      expect(log.find((e) => e.action === "api_key.create")?.resourceId).toBe(apiKey.id);
      expect(JSON.stringify(log)).not.toContain(String(apiKey.key));
    });

    it("refuses bad input with 422 at the offending field, a missing Idempotency-Key, and other roles", async () => {
      const badKind = await post(admin, "/v1/organisations", { name: "X", kind: "bakery" });
      expect(badKind.status).toBe(422);
      const problem = (await badKind.json()) as { type: string; errors: Array<{ path: string }> };
      expect(problem.type).toBe(ProblemType.validationFailed);
      expect(problem.errors.map((e) => e.path)).toEqual(["/kind"]);
      const badRegion = await post(admin, "/v1/organisations", { name: " ", kind: "police", region: "gotham" });
      expect(
        ((await badRegion.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path).sort(),
      ).toEqual(["/name", "/region"]);
      const extra = await post(admin, "/v1/organisations", { name: "Y", kind: "ngo", isComensha: true });
      expect(extra.status).toBe(422);
      expect((await post(admin, "/v1/organisations", { name: "Z", kind: "ngo" }, null)).status).toBe(400);
      for (const refused of [coordinator, partner, policy, auditor]) {
        expect((await post(refused, "/v1/organisations", { name: "Z", kind: "ngo" })).status).toBe(403);
      }
      const log = await events();
      expect(log[0]).toMatchObject({ action: "organisation.create", outcome: "denied" });
    });

    it("lists an organisation's keys newest first without secrets, and makes another of a given role", async () => {
      const path = `/v1/organisations/${police.id}/api-keys`;
      expect((await police.call("/v1/registrations")).status).toBe(200);
      // A partner organisation holds partner keys only: a coordinator key would read every organisation's reports.
      const staffKey = await post(admin, path, { role: "coordinator" });
      expect(staffKey.status).toBe(422);
      expect(((await staffKey.json()) as { errors: Array<Json> }).errors).toEqual([
        { path: "/role", message: "Must be one of: partner" },
      ]);
      const key = idempotencyKey();
      const created = await post(admin, path, { role: "partner" }, key);
      expect(created.status).toBe(201);
      const apiKey = (await created.json()) as Json;
      expect(apiKey).toMatchObject({ organisationId: police.id, role: "partner", revokedAt: null });
      const replayed = (await (await post(admin, path, { role: "partner" }, key)).json()) as Json;
      expect(replayed.key).toBe(apiKey.key);
      expect((await post(admin, path, { role: "auditor" }, key)).status).toBe(422);
      expect((await caller(api, String(apiKey.key))("/v1/registrations")).status).toBe(200);

      const listed = await admin(path);
      expect(listed.status).toBe(200);
      const keys = (await listed.json()) as { data: Array<Json>; nextCursor: null };
      expect(keys.nextCursor).toBeNull();
      expect(keys.data).toHaveLength(2);
      expect(keys.data[0]?.id).toBe(apiKey.id);
      expect(keys.data[1]?.role).toBe("partner");
      expect(keys.data[1]?.lastUsedAt).toEqual(expect.any(String));
      for (const listedKey of keys.data) expect(Object.keys(listedKey)).not.toContain("key");
      expect(JSON.stringify(keys)).not.toContain(String(apiKey.key));

      const badRole = await post(admin, path, { role: "root" });
      expect(badRole.status).toBe(422);
      expect(((await badRole.json()) as { errors: Array<{ path: string }> }).errors[0]?.path).toBe("/role");
      expect((await post(admin, `/v1/organisations/${unknownId}/api-keys`, { role: "partner" })).status).toBe(404);
      expect((await admin(`/v1/organisations/${unknownId}/api-keys`)).status).toBe(404);
      expect((await admin("/v1/organisations/not-an-id/api-keys")).status).toBe(404);
      for (const refused of [coordinator, partner, policy, auditor]) {
        expect((await refused(path)).status).toBe(403);
        expect((await post(refused, path, { role: "partner" })).status).toBe(403);
      }
    });

    it("revokes a key so that it gets 401 at once; revoking again answers the key unchanged", async () => {
      const path = `/v1/organisations/${police.id}/api-keys`;
      const apiKey = (await (await post(admin, path, { role: "partner" })).json()) as Json;
      const holder = caller(api, String(apiKey.key));
      expect((await holder("/v1/registrations")).status).toBe(200);
      for (const refused of [coordinator, partner, policy, auditor]) {
        expect((await refused(`/v1/api-keys/${apiKey.id}/revoke`, { method: "POST" })).status).toBe(403);
      }
      expect((await holder("/v1/registrations")).status).toBe(200);

      const revoked = await admin(`/v1/api-keys/${apiKey.id}/revoke`, { method: "POST" });
      expect(revoked.status).toBe(200);
      const body = (await revoked.json()) as Json;
      expect(body).toMatchObject({ id: apiKey.id, prefix: apiKey.prefix, role: "partner" });
      expect(body.revokedAt).toEqual(expect.any(String));
      expect(body).not.toHaveProperty("key");
      const refused = await holder("/v1/registrations");
      expect(refused.status).toBe(401);
      expect(((await refused.json()) as Json).type).toBe(ProblemType.unauthorized);

      const again = await admin(`/v1/api-keys/${apiKey.id}/revoke`, { method: "POST" });
      expect(again.status).toBe(200);
      expect(((await again.json()) as Json).revokedAt).toBe(body.revokedAt);
      expect((await admin(`/v1/api-keys/${unknownId}/revoke`, { method: "POST" })).status).toBe(404);
      const revokes = (await events()).filter((e) => e.action === "api_key.revoke");
      expect(revokes.slice(0, 3).map((e) => [e.resourceId, e.outcome])).toEqual([
        [unknownId, "denied"],
        [apiKey.id, "success"],
        [apiKey.id, "success"],
      ]);
      // The other keys of the organisation still work.
      expect((await police.call("/v1/registrations")).status).toBe(200);
    });

    it("works for an administrator's console session, where CoMensha's own organisation is marked", async () => {
      const password = "correct horse battery staple";
      await makeUser(api, { email: "beheerder@comensha.test", role: "admin", password });
      const session = inSession(api, await signIn(api, "beheerder@comensha.test", password));
      const created = await session("/v1/organisations", {
        method: "POST",
        body: { name: "FairWork (test)", kind: "fairwork" },
      });
      expect(created.status).toBe(201);
      const all: Array<Json> = [];
      let cursor: string | null = null;
      do {
        const page = (await (
          await session(`/v1/organisations?limit=200${cursor === null ? "" : `&cursor=${cursor}`}`)
        ).json()) as { data: Array<Json>; nextCursor: string | null };
        all.push(...page.data);
        cursor = page.nextCursor;
      } while (cursor !== null);
      expect(all.filter((o) => o.isComensha).map((o) => o.name)).toEqual(["CoMensha"]);
      expect(all.map((o) => o.name)).toContain("FairWork (test)");

      // CoMensha's own organisation holds the staff tools' keys, of any role.
      const own = all.find((o) => o.isComensha);
      const ownKey = await session(`/v1/organisations/${String(own?.id)}/api-keys`, {
        method: "POST",
        body: { role: "coordinator" },
      });
      expect(ownKey.status).toBe(201);
      const staffKey = (await ownKey.json()) as Json;
      // A coordinator key works once a second administrator (here the admin key) approves it.
      expect((await caller(api, String(staffKey.key))("/v1/duplicates")).status).toBe(401);
      expect((await admin(`/v1/api-keys/${String(staffKey.id)}/approve`, { method: "POST" })).status).toBe(200);
      expect((await caller(api, String(staffKey.key))("/v1/duplicates")).status).toBe(200);
    });
  });

  describe("registrations on behalf of a reporting organisation", () => {
    it("belong to the organisation a coordinator names, whose rules apply, and count for it", async () => {
      const body = registrationBody({
        reportedOn: "2026-03-02",
        person: { ...registrationBody().person, familyName: "Telefoonmelding", dateOfBirth: "1988-02-02" },
      });
      const own = await post(coordinator, "/v1/registrations", body);
      expect(own.status).toBe(422);
      expect(((await own.json()) as { errors: Array<{ path: string }> }).errors.map((e) => e.path)).toEqual([
        "/legalBasis",
      ]);

      const created = await post(coordinator, "/v1/registrations", { ...body, organisationId: police.id });
      expect(created.status).toBe(201);
      const registration = (await created.json()) as Json;
      expect(registration.organisationId).toBe(police.id);
      expect(registration).not.toHaveProperty("organisationIdOnBehalf");
      const seenByPolice = await police.call(`/v1/registrations/${registration.id}`);
      expect(seenByPolice.status).toBe(200);
      expect(await seenByPolice.json()).not.toHaveProperty("organisationId");

      const countable = await api.runtime.runPromise(
        Effect.flatMap(Ports.RegistrationRepository, (repository) => repository.listCountable(2026)),
      );
      expect(countable.find((entry) => entry.registrationId === registration.id)).toMatchObject({
        organisationId: police.id,
        organisationKind: "police",
      });

      const corrected = await coordinator(`/v1/registrations/${registration.id}`, {
        method: "PUT",
        body: { ...body, dossierType: "registration" },
        headers: { "If-Match": '"1"' },
      });
      expect(corrected.status).toBe(200);

      const withoutIt = await post(coordinator, "/v1/registrations", { ...body, legalBasis: "consent" });
      expect(((await withoutIt.json()) as Json).organisationId).toBe(coordinatorOrganisationId);
    });

    it("refuses organisationId from a partner, and one that names no active organisation", async () => {
      const expectAt = async (response: Response, path: string) => {
        expect(response.status).toBe(422);
        const problem = (await response.json()) as { type: string; errors: Array<{ path: string }> };
        expect(problem.type).toBe(ProblemType.validationFailed);
        expect(problem.errors.map((e) => e.path)).toEqual([path]);
      };
      const body = registrationBody({ legalBasis: "consent" });
      await expectAt(
        await post(partner, "/v1/registrations", { ...body, organisationId: police.id }),
        "/organisationId",
      );
      await expectAt(
        await post(coordinator, "/v1/registrations", { ...body, organisationId: unknownId }),
        "/organisationId",
      );
      await expectAt(
        await post(coordinator, "/v1/registrations", { ...body, organisationId: "nope" }),
        "/organisationId",
      );
      const suspended = await makeOrganisation(api, { name: "Opgeheven Stichting", kind: "ngo" });
      await query(`update organisations set status = 'suspended' where id = '${suspended.organisation.id}'`);
      await expectAt(
        await post(coordinator, "/v1/registrations", { ...body, organisationId: suspended.organisation.id }),
        "/organisationId",
      );
    });
  });

  describe("GET /v1/persons/{id}", () => {
    it("shows both persons of a possible duplicate side by side, to coordinators only, audited", async () => {
      const base = { familyName: "Naastelkaar", givenNames: "Ilse", aliases: [], sex: "female", nationalities: ["RO"] };
      const first = (await (
        await post(
          police.call,
          "/v1/registrations",
          registrationBody({ person: { ...base, dateOfBirth: "1991-07-07" } }),
        )
      ).json()) as Json;
      const second = (await (
        await post(
          partner,
          "/v1/registrations",
          registrationBody({
            legalBasis: "consent",
            exploitation: { forms: ["labour", "criminal"], country: "NL" },
            person: { ...base, givenNames: "Ilsa", dateOfBirth: "1991-07-07" },
          }),
        )
      ).json()) as Json;
      const queue = (await (await coordinator("/v1/duplicates?status=open&limit=200")).json()) as { data: Array<Json> };
      const duplicate = queue.data.find((d) => d.registrationId === second.id);
      expect(duplicate).toBeDefined();

      const newPerson = await coordinator(`/v1/persons/${duplicate?.personId}`);
      expect(newPerson.status).toBe(200);
      expect(await newPerson.json()).toEqual({
        id: duplicate?.personId,
        mergedInto: null,
        person: { ...base, givenNames: "Ilsa", dateOfBirth: "1991-07-07" },
        registrations: [
          {
            id: second.id,
            reportedOn: "2026-11-20",
            status: "received",
            organisationId: expect.any(String),
            forms: ["labour", "criminal"],
          },
        ],
      });
      const candidate = (await (await coordinator(`/v1/persons/${duplicate?.candidatePersonId}`)).json()) as {
        person: Json;
        registrations: Array<Json>;
      };
      expect(candidate.person.givenNames).toBe("Ilse");
      expect(candidate.registrations.map((r) => [r.id, r.organisationId])).toEqual([[first.id, police.id]]);

      await coordinator(`/v1/duplicates/${duplicate?.id}/merge`, { method: "POST", body: { reason: "Same person" } });
      const survivor = (await (await coordinator(`/v1/persons/${duplicate?.candidatePersonId}`)).json()) as {
        person: Json;
        registrations: Array<Json>;
      };
      expect(survivor.registrations.map((r) => r.id)).toEqual([second.id, first.id]);
      expect(survivor.person.givenNames).toBe("Ilsa");
      const merged = (await (await coordinator(`/v1/persons/${duplicate?.personId}`)).json()) as Json;
      expect(merged.mergedInto).toBe(duplicate?.candidatePersonId);

      expect((await coordinator(`/v1/persons/${unknownId}`)).status).toBe(404);
      expect((await coordinator("/v1/persons/not-an-id")).status).toBe(404);
      for (const refused of [partner, police.call, admin, policy, auditor]) {
        expect((await refused(`/v1/persons/${duplicate?.personId}`)).status).toBe(403);
      }
      const reads = (await events()).filter((e) => e.action === "person.read");
      expect(reads.filter((e) => e.outcome === "success").map((e) => e.resourceId)).toEqual(
        expect.arrayContaining([duplicate?.personId, duplicate?.candidatePersonId]),
      );
      expect(reads.filter((e) => e.outcome === "denied")).toHaveLength(7);
      expect(JSON.stringify(reads)).not.toContain("Naastelkaar");
    });
  });

  describe("GET /v1/registrations/{id}/audit-events", () => {
    it("answers the registration's audit events newest first, page by page, to coordinators only", async () => {
      const registration = (await (await post(police.call, "/v1/registrations", registrationBody())).json()) as Json;
      await police.call(`/v1/registrations/${registration.id}`);
      await partner(`/v1/registrations/${registration.id}`);
      const path = `/v1/registrations/${registration.id}/audit-events`;
      const trail = await coordinator(path);
      expect(trail.status).toBe(200);
      const page = (await trail.json()) as { data: Array<Json>; nextCursor: string | null };
      expect(page.nextCursor).toBeNull();
      expect(page.data.map((e) => [e.action, e.outcome])).toEqual([
        ["registration.read", "denied"],
        ["registration.read", "success"],
        ["registration.create", "success"],
      ]);
      expect(page.data.every((e) => e.resourceType === "registration" && e.resourceId === registration.id)).toBe(true);
      expect(page.data[2]).toMatchObject({ actor: { kind: "api_key", organisationId: police.id } });

      const first = (await (await coordinator(`${path}?limit=2`)).json()) as { data: Array<Json>; nextCursor: string };
      expect(first.data.map((e) => e.action)).toEqual(["registration.audit_trail", "registration.read"]);
      const rest = (await (await coordinator(`${path}?limit=2&cursor=${first.nextCursor}`)).json()) as {
        data: Array<Json>;
        nextCursor: string | null;
      };
      expect(rest.data.map((e) => [e.action, e.outcome])).toEqual([
        ["registration.read", "success"],
        ["registration.create", "success"],
      ]);
      expect(rest.nextCursor).toBeNull();

      expect((await coordinator(`/v1/registrations/${unknownId}/audit-events`)).status).toBe(404);
      expect((await coordinator(`${path}?cursor=bad`)).status).toBe(400);
      for (const refused of [police.call, partner, admin, policy, auditor])
        expect((await refused(path)).status).toBe(403);
    });
  });
});
